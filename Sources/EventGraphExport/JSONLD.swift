import EventGraphCore
import Foundation

/// JSON-LD for RDF tools: schema.org types (Person, Organization, Place, Event, NewsArticle), SEM
/// for actors and time bounds, PROV-O for where facts come from, NIF for mention offsets, and
/// EventGraph's vocabulary (`Schemas/jsonld/eventgraph.vocabulary.jsonld`) for relation types and
/// modality. Relations are reified (rdf:subject, rdf:predicate, rdf:object) with their evidence.
/// IRIs come from the stable ids; dates are typed by precision (xsd:date, xsd:gYearMonth,
/// xsd:gYear). The `@context` is embedded (a copy of `Schemas/jsonld/eventgraph.context.jsonld`), so
/// the file needs no network.
public enum JSONLD: GraphExporter {
    /// The context, from this target's resources, read once.
    static let embeddedContext: JSONValue = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/eventgraph.context.jsonld")
        guard let data = FileManager.default.contents(atPath: url.path),
              let node = try? JSONParser.parse(Array(data)), let context = node["@context"] else { return .object([:]) }
        return JSONValue(context)
    }()

    /// The context's data prefixes (`doc`, `event`, `person`, ...) sit under this IRI; `--base`
    /// moves them, the `eg` vocabulary stays where its definitions are published.
    static let placeholderBase = "https://eventgraph.example/"
    static let vocabularyIRI = "https://eventgraph.example/ns#"

    /// The embedded context with its data prefixes under `base`.
    static func context(base: String?) -> JSONValue {
        guard let base, base != placeholderBase, case .object(var terms) = embeddedContext else { return embeddedContext }
        for (term, value) in terms {
            if case .string(let iri) = value, iri.hasPrefix(placeholderBase), iri != vocabularyIRI {
                terms[term] = .string(base + iri.dropFirst(placeholderBase.count))
            }
        }
        return .object(terms)
    }

    /// `person:nasser-kanaani` is already a compact IRI under the context's `person` prefix; a
    /// document id becomes `doc:` and its percent-encoded path.
    static func documentIRI(_ id: String) -> String {
        "doc:" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? id)
    }

    /// An article's URL names it when it is an absolute http(s) IRI that no other article of the
    /// graph shares; its fragment is dropped, since mentions and sentences add their own.
    static func documentIRIs(_ documents: [Document]) -> [String: String] {
        func usable(_ url: String) -> String? {
            let bare = String(url.prefix { $0 != "#" })
            guard bare.hasPrefix("https://") || bare.hasPrefix("http://"), bare.count > 8,
                  !bare.unicodeScalars.contains(where: { $0.value <= 0x20 || "<>\"{}|\\^`".unicodeScalars.contains($0) }) else { return nil }
            return bare
        }
        var owners: [String: Int] = [:]
        for d in documents { if let url = d.url.flatMap(usable) { owners[url, default: 0] += 1 } }
        var iris: [String: String] = [:]
        for d in documents {
            if let url = d.url.flatMap(usable), owners[url] == 1 { iris[d.id] = url } else { iris[d.id] = documentIRI(d.id) }
        }
        return iris
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

    /// Only a day, a month or a year is a schema.org date: a week, season, quarter, half, decade
    /// or century has no XSD type, and writing it as a start and end date would assert that the
    /// event lasted that long. Those are given by their bounds and TIMEX3 value alone.
    static func schemaDate(_ day: CalendarDay, _ precision: TimePrecision?) -> JSONValue? {
        switch precision {
        case .year?, .month?, .day?, .time?: dateLiteral(day, precision)
        default: nil
        }
    }

    /// What the mentions of one graph share: document IRIs, and the sentences that mentions point
    /// to, collected so that each is written once, after the facts.
    final class MentionWriter {
        let documentIRIs: [String: String]
        private var documentKeys: [String: String] = [:]
        private(set) var sentences: [SentenceKey: String] = [:]

        struct SentenceKey: Hashable, Comparable {
            var document: String
            var index: Int
            static func < (a: SentenceKey, b: SentenceKey) -> Bool { (a.document, a.index) < (b.document, b.index) }
        }

        init(documents: [Document]) {
            documentIRIs = JSONLD.documentIRIs(documents)
        }

        func documentIRI(_ id: String) -> String { documentIRIs[id] ?? JSONLD.documentIRI(id) }

        func sentenceIRI(_ key: SentenceKey) -> String { documentIRI(key.document) + "#sentence-\(key.index + 1)" }

        /// A short key for a document inside a fact's mention IRIs.
        private func documentKey(_ id: String) -> String {
            if let key = documentKeys[id] { return key }
            let key = String(StableID.shortHash([id]).prefix(8))
            documentKeys[id] = key
            return key
        }

        /// One node per span of the fact (document, begin, end), with every rule that read it: a
        /// mention belongs to one fact, so no node carries another fact's rules or text.
        func mentions(of fact: String, _ evidence: [Evidence]) -> JSONValue {
            // A graph's evidence is sorted by document, start and end, so the evidence of one span
            // is contiguous; a hand-made list is sorted here first.
            let ordered = zip(evidence, evidence.dropFirst()).allSatisfy { !($1 < $0) } ? evidence : evidence.sorted()
            var spans: [(evidence: Evidence, rules: [String])] = []
            for e in ordered where !e.isArgumentEvidence {
                if let last = spans.last?.evidence, last.document == e.document, last.start == e.start, last.end == e.end {
                    if !spans[spans.count - 1].rules.contains(e.rule) { spans[spans.count - 1].rules.append(e.rule) }
                    continue
                }
                spans.append((e, [e.rule]))
            }
            return .array(spans.map { span in
                let e = span.evidence
                let sentence = SentenceKey(document: e.document, index: e.sentence)
                if sentences[sentence] == nil { sentences[sentence] = e.sentenceText }
                return .object([
                    "id": .string("\(fact)#mention-\(documentKey(e.document))-\(e.start)-\(e.end)"), "type": .string("Mention"),
                    "beginIndex": .int(e.start), "endIndex": .int(e.end), "anchorOf": .string(e.text),
                    "inDocument": .string(documentIRI(e.document)), "sentence": .string(sentenceIRI(sentence)),
                    "rule": .strings(span.rules.sorted()),
                ])
            })
        }

        /// The sentences mentions point to, each once, in document and sentence order.
        func sentenceNodes() -> [JSONValue] {
            sentences.keys.sorted().map { key in
                .object(["id": .string(sentenceIRI(key)), "type": .string("Sentence"), "anchorOf": .string(sentences[key] ?? ""),
                         "inDocument": .string(documentIRI(key.document))])
            }
        }
    }

    public static func encode(_ graph: Graph, options: ExportOptions = ExportOptions()) -> [UInt8] {
        var bytes: [UInt8] = []
        write(graph, options: options) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Writes the file node by node in chunks of about a megabyte: only one node's tree exists at
    /// a time, however large the graph (besides the sentences the mentions point to).
    public static func write(_ graph: Graph, options: ExportOptions = ExportOptions(), to emit: ([UInt8]) throws -> Void) rethrows {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 21)
        out.append(contentsOf: "{\n  \"@context\": ".utf8)
        context(base: options.baseIRI).write(to: &out, indent: 1)
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

    /// Every node of `@graph`, in order: documents, entities, events, relations, sentences.
    static func nodes(of graph: Graph, _ body: (JSONValue) throws -> Void) rethrows {
        let writer = MentionWriter(documents: graph.documents)
        for d in graph.documents { try body(documentNode(d, iri: writer.documentIRI(d.id))) }
        for e in graph.entities { try body(entityNode(e, writer)) }
        for ev in graph.events { try body(eventNode(ev, writer)) }
        for r in graph.relations { try body(relationNode(r, writer)) }
        for sentence in writer.sentenceNodes() { try body(sentence) }
    }

    static func documentNode(_ d: Document, iri: String) -> JSONValue {
        var node: [String: JSONValue] = ["id": .string(iri), "type": .string("NewsArticle"), "sha256": .string(d.sha256), "name": .string(d.id)]
        if let url = d.url { node["url"] = .string(url) }
        if let title = d.title { node["headline"] = .string(title) }
        if let source = d.source { node["publisher"] = .string(source) }
        // The shipped table only: an export is the same bytes on every machine.
        if let outlet = OutletTable.shippedOrEmpty.outlet(of: d) {
            // The normalized outlet beside the source as printed, so that one SPARQL pattern groups
            // "Mehr News Agency (via Tehran Times)" with en.mehrnews.com.
            node["outlet"] = .string(outlet.name)
            if let owner = outlet.owner { node["outletOwner"] = .string(owner) }
            if let country = outlet.country { node["outletCountry"] = .string(country) }
        }
        if let published = d.published { node["datePublished"] = .string(published.iso) }
        if let license = d.license { node["license"] = .string(license) }
        return .object(node)
    }

    static let typeNames: [EntityType: String] = [.person: "Person", .organization: "Organization", .place: "Place", .facility: "Facility"]

    static func entityNode(_ e: Entity, _ writer: MentionWriter) -> JSONValue {
        var node: [String: JSONValue] = ["id": .string(e.id), "type": .string(typeNames[e.type] ?? "Thing"), "name": .string(e.name),
                                         "derivedFrom": .strings(e.mentions.documents.map(writer.documentIRI)), "mentions": writer.mentions(of: e.id, e.mentions)]
        if !e.aliases.isEmpty { node["alternateName"] = .strings(e.aliases) }
        return .object(node)
    }

    static func eventNode(_ ev: Event, _ writer: MentionWriter) -> JSONValue {
        var node: [String: JSONValue] = ["id": .string(ev.id), "type": .string("Event"), "eventType": .string(ev.type), "name": .string(ev.type),
                                         "derivedFrom": .strings(ev.evidence.documents.map(writer.documentIRI)), "sources": .int(ev.evidence.documentCount),
                                         "confidence": .double(ev.confidence), "mentions": writer.mentions(of: ev.id, ev.evidence),
                                         "actors": .strings(ev.participants.filter { $0.role != .place }.map(\.entity).sorted())]
        let agents = ev.participants.filter { $0.role == .agent }.map(\.entity)
        let targets = ev.participants.filter { $0.role == .target }.map(\.entity)
        let places = ev.participants.filter { $0.role == .place }.map(\.entity)
        if !agents.isEmpty { node["agent"] = .strings(agents) }
        if !targets.isEmpty { node["target"] = .strings(targets) }
        if !places.isEmpty { node["location"] = .strings(places) }
        if let date = ev.date {
            // An event has one date, however wide: a start date when schema.org can type it,
            // never an end date (which would say it lasted until then), and always its bounds.
            node["timexValue"] = .string(date.value)
            if let p = date.precision { node["datePrecision"] = .string(p.rawValue) }
            if let start = date.earliest {
                if let literal = schemaDate(start, date.precision) { node["startDate"] = literal }
                node["earliestBegin"] = .string(start.iso)
            }
            if let end = date.latest { node["latestEnd"] = .string(end.iso) }
        }
        return .object(node)
    }

    static func relationNode(_ r: Relation, _ writer: MentionWriter) -> JSONValue {
        var node: [String: JSONValue] = ["id": .string(r.id), "type": .strings(["Relation", "Statement"]), "subject": .string(r.source),
                                         "predicate": .string(Vocabulary.relationTerms[r.type] ?? camel(r.type)),
                                         "modality": .string(r.modality.rawValue), "confidence": .double(r.confidence), "sources": .int(r.evidence.documentCount),
                                         "derivedFrom": .strings(r.evidence.documents.map(writer.documentIRI)), "mentions": writer.mentions(of: r.id, r.evidence)]
        if let target = r.target { node["object"] = .string(target) }
        if let label = r.label { node["label"] = .string(label) }
        if let by = r.by { node["by"] = .string(by) }
        if let time = r.time {
            // A relation holds over an interval: its start and end, each when schema.org can type
            // it; the outer bounds always.
            if let start = time.start, let day = start.earliest {
                if let literal = schemaDate(day, start.precision) { node["startDate"] = literal }
                node["earliestBegin"] = .string(day.iso)
                node["startTimexValue"] = .string(start.value)
            }
            if let end = time.end, let day = end.latest {
                if let literal = schemaDate(day, end.precision) { node["endDate"] = literal }
                node["latestEnd"] = .string(day.iso)
                node["endTimexValue"] = .string(end.value)
            }
        }
        return .object(node)
    }
}
