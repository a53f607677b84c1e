import EventGraphCore
import Foundation

/// JSON-LD for RDF tools: schema.org types (Person, Organization, Place, Event, NewsArticle), SEM
/// for actors and time bounds, PROV-O for where facts come from, NIF for mention offsets, and
/// EventGraph's vocabulary (`Schemas/jsonld/eventgraph.vocabulary.jsonld`) for relation types and
/// modality. Relations are reified (rdf:subject, rdf:predicate, rdf:object) with their evidence.
/// IRIs come from the stable ids; dates are typed by precision (xsd:date, xsd:gYearMonth,
/// xsd:gYear). The `@context` is embedded (a copy of `Schemas/jsonld/eventgraph.context.jsonld`), so
/// the file needs no network.
public enum JSONLD {
    /// The context, from this target's resources.
    public static func context() -> Any {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/eventgraph.context.jsonld")
        guard let data = FileManager.default.contents(atPath: url.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] as [String: Any] }
        return object["@context"] ?? [:] as [String: Any]
    }

    /// `person:nasser-kanaani` is already a compact IRI under the context's `person` prefix; a
    /// document id becomes `doc:` and its percent-encoded path.
    static func documentIRI(_ id: String) -> String {
        "doc:" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? id)
    }

    static func camel(_ type: String) -> String {
        let parts = type.split(separator: "-")
        return String(parts.first ?? "") + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A date literal typed by its precision.
    static func dateLiteral(_ day: CalendarDay, _ precision: TimePrecision?) -> [String: String] {
        switch precision {
        case .century?, .decade?, .year?: return ["@value": String(format: "%04d", day.year), "@type": "xsd:gYear"]
        case .half?, .season?, .quarter?, .month?: return ["@value": String(day.iso.prefix(7)), "@type": "xsd:gYearMonth"]
        default: return ["@value": day.iso, "@type": "xsd:date"]
        }
    }

    static func mentions(_ evidence: [Evidence], sentenceLevel: Bool) -> [[String: Any]] {
        evidence.filter { !$0.rule.hasSuffix(".argument") }.map { e in
            [
                "id": "\(documentIRI(e.document))#char=\(e.start),\(e.end)", "type": "Mention",
                "beginIndex": e.start, "endIndex": e.end, "anchorOf": sentenceLevel ? e.sentenceText : e.text,
                "inDocument": documentIRI(e.document), "rule": e.rule,
            ]
        }
    }

    public static func encode(_ graph: Graph) -> [UInt8] {
        var nodes: [[String: Any]] = []
        for d in graph.documents {
            var node: [String: Any] = ["id": documentIRI(d.id), "type": "NewsArticle", "sha256": d.sha256, "name": d.id]
            if let url = d.url { node["url"] = url }
            if let title = d.title { node["headline"] = title }
            if let source = d.source { node["publisher"] = source }
            if let published = d.published { node["datePublished"] = published.iso }
            if let license = d.license { node["license"] = license }
            nodes.append(node)
        }
        let typeNames: [EntityType: String] = [.person: "Person", .organization: "Organization", .place: "Place", .facility: "Facility"]
        for e in graph.entities {
            var node: [String: Any] = ["id": e.id, "type": typeNames[e.type]!, "name": e.name,
                                       "derivedFrom": e.mentions.documents.map(documentIRI), "mentions": mentions(e.mentions, sentenceLevel: false)]
            if !e.aliases.isEmpty { node["alternateName"] = e.aliases }
            nodes.append(node)
        }
        for ev in graph.events {
            var node: [String: Any] = ["id": ev.id, "type": "Event", "eventType": ev.type, "name": ev.type,
                                       "derivedFrom": ev.evidence.documents.map(documentIRI), "sources": ev.evidence.documents.count,
                                       "confidence": ev.confidence, "mentions": mentions(ev.evidence, sentenceLevel: true),
                                       "actors": ev.participants.filter { $0.role != .place }.map(\.entity).sorted()]
            let agents = ev.participants.filter { $0.role == .agent }.map(\.entity)
            let targets = ev.participants.filter { $0.role == .target }.map(\.entity)
            let places = ev.participants.filter { $0.role == .place }.map(\.entity)
            if !agents.isEmpty { node["agent"] = agents }
            if !targets.isEmpty { node["target"] = targets }
            if !places.isEmpty { node["location"] = places }
            if let date = ev.date {
                node["timexValue"] = date.value
                if let p = date.precision { node["datePrecision"] = p.rawValue }
                if let start = date.earliest {
                    node["startDate"] = dateLiteral(start, date.precision)
                    node["earliestBegin"] = start.iso
                }
                if let end = date.latest {
                    if end != date.earliest { node["endDate"] = dateLiteral(end, date.precision) }
                    node["latestEnd"] = end.iso
                }
            }
            nodes.append(node)
        }
        for r in graph.relations {
            var node: [String: Any] = ["id": r.id, "type": ["Relation", "Statement"], "subject": r.source, "predicate": camel(r.type),
                                       "modality": r.modality.rawValue, "confidence": r.confidence, "sources": r.evidence.documents.count,
                                       "derivedFrom": r.evidence.documents.map(documentIRI), "mentions": mentions(r.evidence, sentenceLevel: true)]
            if let target = r.target { node["object"] = target }
            if let label = r.label { node["label"] = label }
            if let by = r.by { node["by"] = by }
            if let time = r.time {
                if let start = time.start, let day = start.earliest { node["startDate"] = dateLiteral(day, start.precision); node["earliestBegin"] = day.iso }
                if let end = time.end, let day = end.latest { node["endDate"] = dateLiteral(day, end.precision); node["latestEnd"] = day.iso }
            }
            nodes.append(node)
        }
        let document: [String: Any] = ["@context": context(), "@graph": nodes]
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return Array(data) + [0x0A]
    }
}
