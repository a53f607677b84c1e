internal import CLibXML2
import EventGraphCore

/// GEXF 1.3, dynamic, with dates, so that Gephi's Timeline plays the story: events carry the
/// interval of their date, relations the interval of their time; partial dates are written as
/// full-date intervals (`198` → 1980-01-01 … 1989-12-31), since Gephi's date parser rejects `2024`
/// and `2024-03`. Node and edge ids are the same as in the GraphML export.
public enum GEXF {
    public static func encode(_ graph: Graph) -> [UInt8] {
        let writer = XMLWriter()
        writer.start("gexf", attributes: [("xmlns", "http://gexf.net/1.3"), ("version", "1.3")])
        writer.start("meta")
        writer.start("creator")
        writer.text("EventGraph \(ToolVersion.current)")
        writer.end()
        writer.start("description")
        writer.text("Entities, dated events and relations of \(graph.documents.count) articles")
        writer.end()
        writer.end()
        writer.start("graph", attributes: [("mode", "dynamic"), ("defaultedgetype", "directed"), ("timeformat", "date"), ("timerepresentation", "interval")])
        writer.start("attributes", attributes: [("class", "node"), ("mode", "static")])
        for (id, type) in [("kind", "string"), ("type", "string"), ("date", "string"), ("sources", "integer")] {
            writer.empty("attribute", attributes: [("id", id), ("title", id), ("type", type)])
        }
        writer.end()
        writer.start("attributes", attributes: [("class", "edge"), ("mode", "static")])
        for (id, type) in [("type", "string"), ("role", "string"), ("text", "string"), ("by", "string"), ("modality", "string"), ("time", "string"), ("confidence", "double"), ("sources", "integer")] {
            writer.empty("attribute", attributes: [("id", id), ("title", id), ("type", type)])
        }
        writer.end()

        let names = Dictionary(uniqueKeysWithValues: graph.entities.map { ($0.id, $0.name) })
        writer.start("nodes")
        for entity in graph.entities {
            writer.start("node", attributes: [("id", entity.id), ("label", entity.name)])
            attvalues(writer, [("kind", "entity"), ("type", entity.type.rawValue), ("sources", String(entity.mentions.documents.count))])
            writer.end()
        }
        for event in graph.events {
            var attributes = [("id", event.id), ("label", [event.type, event.date?.displayText].compactMap { $0 }.joined(separator: " "))]
            if let start = event.date?.earliest { attributes.append(("start", start.iso)) }
            if let end = event.date?.latest { attributes.append(("end", end.iso)) }
            writer.start("node", attributes: attributes)
            attvalues(writer, [("kind", "event"), ("type", event.type), ("date", event.date?.value ?? ""), ("sources", String(event.evidence.documents.count))])
            writer.end()
        }
        var texts: [String: String] = [:]
        for relation in graph.relations where relation.target == nil {
            texts["text:" + StableID.shortHash([relation.label ?? ""])] = relation.label ?? ""
        }
        for (id, text) in texts.sorted(by: { $0.key < $1.key }) {
            writer.start("node", attributes: [("id", id), ("label", text)])
            attvalues(writer, [("kind", "text")])
            writer.end()
        }
        writer.end()

        writer.start("edges")
        for relation in graph.relations {
            let target = relation.target ?? "text:" + StableID.shortHash([relation.label ?? ""])
            var attributes = [("id", relation.id), ("source", relation.source), ("target", target), ("label", relation.type), ("kind", relation.type)]
            if let start = relation.time?.earliest { attributes.append(("start", start.iso)) }
            if let end = relation.time?.latest { attributes.append(("end", end.iso)) }
            writer.start("edge", attributes: attributes)
            var values = [("type", relation.type), ("modality", relation.modality.rawValue), ("confidence", String(relation.confidence)),
                          ("sources", String(relation.evidence.documents.count))]
            if let label = relation.label { values.append(("text", label)) }
            if let by = relation.by { values.append(("by", names[by] ?? by)) }
            if let time = relation.time { values.append(("time", time.normalizedText)) }
            attvalues(writer, values)
            writer.end()
        }
        for event in graph.events {
            for p in event.participants {
                var attributes = [("id", "\(event.id).\(p.role.rawValue).\(p.entity)"), ("source", event.id), ("target", p.entity),
                                  ("label", p.role.rawValue), ("kind", "participant")]
                if let start = event.date?.earliest { attributes.append(("start", start.iso)) }
                if let end = event.date?.latest { attributes.append(("end", end.iso)) }
                writer.start("edge", attributes: attributes)
                attvalues(writer, [("type", "participant"), ("role", p.role.rawValue)])
                writer.end()
            }
        }
        writer.end()
        writer.end()  // graph
        writer.end()  // gexf
        return writer.finish()
    }

    private static func attvalues(_ writer: XMLWriter, _ values: [(String, String)]) {
        writer.start("attvalues")
        for (key, value) in values { writer.empty("attvalue", attributes: [("for", key), ("value", value)]) }
        writer.end()
    }
}
