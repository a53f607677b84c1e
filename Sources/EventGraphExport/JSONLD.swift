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
    /// The context, from this target's resources, read once.
    static let embeddedContext: JSONValue = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/eventgraph.context.jsonld")
        guard let data = FileManager.default.contents(atPath: url.path),
              let node = try? JSONParser.parse(Array(data)), let context = node["@context"] else { return .object([:]) }
        return JSONValue(context)
    }()

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
    static func dateLiteral(_ day: CalendarDay, _ precision: TimePrecision?) -> JSONValue {
        switch precision {
        case .century?, .decade?, .year?: return .object(["@value": .string(String(format: "%04d", day.year)), "@type": .string("xsd:gYear")])
        case .half?, .season?, .quarter?, .month?: return .object(["@value": .string(String(day.iso.prefix(7))), "@type": .string("xsd:gYearMonth")])
        default: return .object(["@value": .string(day.iso), "@type": .string("xsd:date")])
        }
    }

    /// Facts quote their sentence, up to this many characters; a longer one (a 10 MB line, a
    /// sentence of thousands of "said"s) is quoted by the evidence's own words, so that the export
    /// stays linear in the evidence.
    static let longestQuotedSentence = 2_000

    static func mentions(_ evidence: [Evidence], sentenceLevel: Bool, iri documentIRI: (String) -> String) -> JSONValue {
        .array(evidence.filter { !$0.isArgumentEvidence }.map { e in
            let quote = sentenceLevel && e.sentenceText.utf8.count <= longestQuotedSentence ? e.sentenceText : e.text
            return .object([
                "id": .string("\(documentIRI(e.document))#char=\(e.start),\(e.end)"), "type": .string("Mention"),
                "beginIndex": .int(e.start), "endIndex": .int(e.end), "anchorOf": .string(quote),
                "inDocument": .string(documentIRI(e.document)), "rule": .string(e.rule),
            ])
        })
    }

    public static func encode(_ graph: Graph) -> [UInt8] {
        var bytes: [UInt8] = []
        write(graph) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Writes the file node by node in chunks of about a megabyte: only one node's tree exists at
    /// a time, however large the graph.
    public static func write(_ graph: Graph, to emit: ([UInt8]) throws -> Void) rethrows {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 21)
        out.append(contentsOf: "{\n  \"@context\": ".utf8)
        embeddedContext.write(to: &out, indent: 1)
        out.append(contentsOf: ",\n  \"@graph\": [".utf8)
        var first = true
        try nodes(of: graph) { node in
            out.append(contentsOf: first ? "\n".utf8 : ",\n".utf8)
            first = false
            JSONValue.writeIndent(2, to: &out)
            node.write(to: &out, indent: 2)
            if out.count >= 1 << 20 {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out.append(contentsOf: first ? "]\n}\n".utf8 : "\n  ]\n}\n".utf8)
        try emit(out)
    }

    /// Every node of `@graph`, in order: documents, entities, events, relations.
    static func nodes(of graph: Graph, _ body: (JSONValue) throws -> Void) rethrows {
        // Percent-encoding a path is costly and every mention repeats its document's.
        var documentIRIs: [String: String] = [:]
        for d in graph.documents { documentIRIs[d.id] = Self.documentIRI(d.id) }
        let documentIRI: (String) -> String = { documentIRIs[$0] ?? Self.documentIRI($0) }
        for d in graph.documents {
            var node: [String: JSONValue] = ["id": .string(documentIRI(d.id)), "type": .string("NewsArticle"), "sha256": .string(d.sha256), "name": .string(d.id)]
            if let url = d.url { node["url"] = .string(url) }
            if let title = d.title { node["headline"] = .string(title) }
            if let source = d.source { node["publisher"] = .string(source) }
            if let published = d.published { node["datePublished"] = .string(published.iso) }
            if let license = d.license { node["license"] = .string(license) }
            try body(.object(node))
        }
        let typeNames: [EntityType: String] = [.person: "Person", .organization: "Organization", .place: "Place", .facility: "Facility"]
        for e in graph.entities {
            var node: [String: JSONValue] = ["id": .string(e.id), "type": .string(typeNames[e.type]!), "name": .string(e.name),
                                             "derivedFrom": .strings(e.mentions.documents.map(documentIRI)), "mentions": mentions(e.mentions, sentenceLevel: false, iri: documentIRI)]
            if !e.aliases.isEmpty { node["alternateName"] = .strings(e.aliases) }
            try body(.object(node))
        }
        for ev in graph.events {
            var node: [String: JSONValue] = ["id": .string(ev.id), "type": .string("Event"), "eventType": .string(ev.type), "name": .string(ev.type),
                                             "derivedFrom": .strings(ev.evidence.documents.map(documentIRI)), "sources": .int(ev.evidence.documents.count),
                                             "confidence": .double(ev.confidence), "mentions": mentions(ev.evidence, sentenceLevel: true, iri: documentIRI),
                                             "actors": .strings(ev.participants.filter { $0.role != .place }.map(\.entity).sorted())]
            let agents = ev.participants.filter { $0.role == .agent }.map(\.entity)
            let targets = ev.participants.filter { $0.role == .target }.map(\.entity)
            let places = ev.participants.filter { $0.role == .place }.map(\.entity)
            if !agents.isEmpty { node["agent"] = .strings(agents) }
            if !targets.isEmpty { node["target"] = .strings(targets) }
            if !places.isEmpty { node["location"] = .strings(places) }
            if let date = ev.date {
                node["timexValue"] = .string(date.value)
                if let p = date.precision { node["datePrecision"] = .string(p.rawValue) }
                if let start = date.earliest {
                    node["startDate"] = dateLiteral(start, date.precision)
                    node["earliestBegin"] = .string(start.iso)
                }
                if let end = date.latest {
                    if end != date.earliest { node["endDate"] = dateLiteral(end, date.precision) }
                    node["latestEnd"] = .string(end.iso)
                }
            }
            try body(.object(node))
        }
        for r in graph.relations {
            var node: [String: JSONValue] = ["id": .string(r.id), "type": .strings(["Relation", "Statement"]), "subject": .string(r.source), "predicate": .string(Vocabulary.relationTerms[r.type] ?? camel(r.type)),
                                             "modality": .string(r.modality.rawValue), "confidence": .double(r.confidence), "sources": .int(r.evidence.documents.count),
                                             "derivedFrom": .strings(r.evidence.documents.map(documentIRI)), "mentions": mentions(r.evidence, sentenceLevel: true, iri: documentIRI)]
            if let target = r.target { node["object"] = .string(target) }
            if let label = r.label { node["label"] = .string(label) }
            if let by = r.by { node["by"] = .string(by) }
            if let time = r.time {
                if let start = time.start, let day = start.earliest { node["startDate"] = dateLiteral(day, start.precision); node["earliestBegin"] = .string(day.iso) }
                if let end = time.end, let day = end.latest { node["endDate"] = dateLiteral(day, end.precision); node["latestEnd"] = .string(day.iso) }
            }
            try body(.object(node))
        }
    }
}
