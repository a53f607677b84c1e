internal import CLibXML2
import EventGraphCore

/// GraphML 1.1 written with libxml2's text writer, for Gephi, networkx, igraph and yEd.
///
/// Nodes are entities and events; edges are relations (source → target) and event participations
/// (event → entity, typed `participant` with its role). A relation whose object is a text (the
/// characterization of `cited-as`, the statement of `said`) points at a node of kind `text`. Every
/// attribute has a typed `<key>`; dates are ISO text plus numeric day keys (days since 1970-01-01),
/// since GraphML has no date type. Characters XML 1.0 forbids are dropped.
public enum GraphML {
    struct Key {
        var id: String
        var domain: String
        var name: String
        var type: String
    }

    /// Key ids are prefixed, so none collides with the ids Gephi treats as visual properties
    /// (size, color, r, g, b, x, y, z).
    static let keys: [Key] = [
        Key(id: "n_label", domain: "node", name: "label", type: "string"),
        Key(id: "n_kind", domain: "node", name: "kind", type: "string"),
        Key(id: "n_type", domain: "node", name: "type", type: "string"),
        Key(id: "n_aliases", domain: "node", name: "aliases", type: "string"),
        Key(id: "n_mentions", domain: "node", name: "mentions", type: "int"),
        Key(id: "n_sources", domain: "node", name: "sources", type: "int"),
        Key(id: "n_date", domain: "node", name: "date", type: "string"),
        Key(id: "n_precision", domain: "node", name: "precision", type: "string"),
        Key(id: "n_earliest", domain: "node", name: "earliest", type: "string"),
        Key(id: "n_latest", domain: "node", name: "latest", type: "string"),
        Key(id: "n_earliest_day", domain: "node", name: "earliest_day", type: "long"),
        Key(id: "n_latest_day", domain: "node", name: "latest_day", type: "long"),
        Key(id: "n_confidence", domain: "node", name: "confidence", type: "double"),
        Key(id: "e_label", domain: "edge", name: "label", type: "string"),
        Key(id: "e_type", domain: "edge", name: "type", type: "string"),
        Key(id: "e_role", domain: "edge", name: "role", type: "string"),
        Key(id: "e_text", domain: "edge", name: "text", type: "string"),
        Key(id: "e_by", domain: "edge", name: "by", type: "string"),
        Key(id: "e_modality", domain: "edge", name: "modality", type: "string"),
        Key(id: "e_time", domain: "edge", name: "time", type: "string"),
        Key(id: "e_earliest_day", domain: "edge", name: "earliest_day", type: "long"),
        Key(id: "e_latest_day", domain: "edge", name: "latest_day", type: "long"),
        Key(id: "e_confidence", domain: "edge", name: "confidence", type: "double"),
        Key(id: "e_sources", domain: "edge", name: "sources", type: "int"),
        Key(id: "e_rule", domain: "edge", name: "rule", type: "string"),
    ]

    public static func encode(_ graph: Graph) -> [UInt8] {
        let writer = XMLWriter()
        writer.start("graphml", attributes: [
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"),
        ])
        for key in keys {
            writer.empty("key", attributes: [("id", key.id), ("for", key.domain), ("attr.name", key.name), ("attr.type", key.type)])
        }
        writer.start("graph", attributes: [("id", "eventgraph"), ("edgedefault", "directed")])
        let names = Dictionary(uniqueKeysWithValues: graph.entities.map { ($0.id, $0.name) })
        for entity in graph.entities {
            writer.start("node", attributes: [("id", entity.id)])
            writer.data("n_label", entity.name)
            writer.data("n_kind", "entity")
            writer.data("n_type", entity.type.rawValue)
            writer.data("n_aliases", entity.aliases.joined(separator: "|"))
            writer.data("n_mentions", String(entity.mentions.count))
            writer.data("n_sources", String(entity.mentions.documents.count))
            writer.end()
        }
        var textNodes: [String: String] = [:]
        for relation in graph.relations where relation.target == nil {
            let text = relation.label ?? ""
            textNodes["text:" + StableID.shortHash([text])] = text
        }
        for event in graph.events {
            writer.start("node", attributes: [("id", event.id)])
            let who = event.participants.first { $0.role == .agent }.map { names[$0.entity] ?? $0.entity }
            writer.data("n_label", [event.type, event.date?.displayText, who].compactMap { $0 }.joined(separator: " "))
            writer.data("n_kind", "event")
            writer.data("n_type", event.type)
            writer.data("n_sources", String(event.evidence.documents.count))
            if let date = event.date {
                writer.data("n_date", date.value)
                if let precision = date.precision { writer.data("n_precision", precision.rawValue) }
                if let earliest = date.earliest {
                    writer.data("n_earliest", earliest.iso)
                    writer.data("n_earliest_day", String(earliest.dayNumber))
                }
                if let latest = date.latest {
                    writer.data("n_latest", latest.iso)
                    writer.data("n_latest_day", String(latest.dayNumber))
                }
            }
            writer.data("n_confidence", String(event.confidence))
            writer.end()
        }
        for (id, text) in textNodes.sorted(by: { $0.key < $1.key }) {
            writer.start("node", attributes: [("id", id)])
            writer.data("n_label", text)
            writer.data("n_kind", "text")
            writer.end()
        }
        for relation in graph.relations {
            let target = relation.target ?? "text:" + StableID.shortHash([relation.label ?? ""])
            writer.start("edge", attributes: [("id", relation.id), ("source", relation.source), ("target", target)])
            writer.data("e_label", relation.type + (relation.label.map { ": \($0)" } ?? ""))
            writer.data("e_type", relation.type)
            if let label = relation.label { writer.data("e_text", label) }
            if let by = relation.by { writer.data("e_by", names[by] ?? by) }
            writer.data("e_modality", relation.modality.rawValue)
            if let time = relation.time {
                writer.data("e_time", time.normalizedText)
                if let earliest = time.earliest { writer.data("e_earliest_day", String(earliest.dayNumber)) }
                if let latest = time.latest { writer.data("e_latest_day", String(latest.dayNumber)) }
            }
            writer.data("e_confidence", String(relation.confidence))
            writer.data("e_sources", String(relation.evidence.documents.count))
            if let rule = relation.rule { writer.data("e_rule", rule) }
            writer.end()
        }
        for event in graph.events {
            for p in event.participants {
                writer.start("edge", attributes: [("id", "\(event.id).\(p.role.rawValue).\(p.entity)"), ("source", event.id), ("target", p.entity)])
                writer.data("e_label", p.role.rawValue)
                writer.data("e_type", "participant")
                writer.data("e_role", p.role.rawValue)
                writer.end()
            }
        }
        writer.end()  // graph
        writer.end()  // graphml
        return writer.finish()
    }
}

/// What XML 1.0 can carry.
public enum XMLSafe {
    /// The text without the characters XML 1.0 forbids (controls other than tab, newline and
    /// carriage return; surrogates; U+FFFE and U+FFFF).
    public static func clean(_ text: String) -> String { XMLWriter.clean(text) }
}

/// A thin wrapper over libxml2's xmlTextWriter, writing to memory.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    /// libxml2's one-time set-up, done before the first writer (see `eventgraph_xmlInitialize`).
    private static let libraryReady = eventgraph_xmlInitialize()

    init() {
        _ = Self.libraryReady
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        xmlTextWriterSetIndent(writer, 1)
        withXML("  ") { xmlTextWriterSetIndentString(writer, $0) }
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    deinit {
        xmlBufferFree(buffer)
    }

    /// Characters XML 1.0 allows: tab, newline, carriage return, and from U+0020 on, less the
    /// surrogates and U+FFFE/U+FFFF. Everything else is dropped, never written.
    static func clean(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.append(contentsOf: text.unicodeScalars.filter { s in
            let v = s.value
            return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
        })
        return out
    }

    private func withXML<T>(_ text: String, _ body: (UnsafePointer<UInt8>) -> T) -> T {
        let bytes = Array(XMLWriter.clean(text).utf8) + [0]
        return bytes.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    func start(_ name: String, attributes: [(String, String)] = []) {
        withXML(name) { _ = xmlTextWriterStartElement(writer, $0) }
        for (key, value) in attributes {
            withXML(key) { k in withXML(value) { v in _ = xmlTextWriterWriteAttribute(writer, k, v) } }
        }
    }

    func empty(_ name: String, attributes: [(String, String)]) {
        start(name, attributes: attributes)
        end()
    }

    func end() { xmlTextWriterEndElement(writer) }

    /// Text content.
    func text(_ text: String) {
        withXML(text) { _ = xmlTextWriterWriteString(writer, $0) }
    }

    /// `<data key="...">text</data>`
    func data(_ key: String, _ text: String) {
        start("data", attributes: [("key", key)])
        withXML(text) { _ = xmlTextWriterWriteString(writer, $0) }
        end()
    }

    func finish() -> [UInt8] {
        xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: count))
    }
}
