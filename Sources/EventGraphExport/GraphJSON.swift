import EventGraphCore
import Foundation

/// The graph JSON: the contract between `build` and every other command and outside tool.
/// Its schema is `Schemas/graph.schema.json`.
///
/// Keys are sorted and every array is in the graph's canonical order, so equal graphs give equal
/// bytes.
public enum GraphJSON {
    /// Written into every file, bumped when the contract changes incompatibly.
    public static let formatName = "eventgraph-graph"
    public static let formatVersion = 3

    /// Version 1 wrote every sentence text in every piece of evidence; it is still read.
    static let readableVersions: ClosedRange<Int> = 1...3

    struct File: Codable {
        var format: String
        var formatVersion: Int
        var generator: String
        var documents: [DocumentRecord]
        var entities: [Entity]
        var timexes: [Timex]
        var events: [Event]
        var relations: [Relation]
    }

    /// A document with the texts of the sentences its evidence quotes, written once here so that
    /// evidence only points at them.
    struct DocumentRecord: Codable {
        var document: Document
        var sentences: [SentenceRecord]

        private enum CodingKeys: String, CodingKey { case sentences }

        init(document: Document, sentences: [SentenceRecord]) {
            self.document = document
            self.sentences = sentences
        }

        init(from decoder: Decoder) throws {
            document = try Document(from: decoder)
            sentences = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent([SentenceRecord].self, forKey: .sentences) ?? []
        }

        func encode(to encoder: Encoder) throws {
            try document.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sentences, forKey: .sentences)
        }
    }

    struct SentenceRecord: Codable {
        /// The `Evidence.sentence` index.
        var index: Int
        var text: String
    }

    /// Every piece of evidence in the graph.
    static func forEachEvidence(in graph: Graph, _ body: (Evidence) -> Void) {
        for entity in graph.entities { for evidence in entity.mentions { body(evidence) } }
        for event in graph.events { for evidence in event.evidence { body(evidence) } }
        for relation in graph.relations { for evidence in relation.evidence { body(evidence) } }
    }

    /// The sentence table of each document, and the documents whose evidence can leave its sentence
    /// text out. A document whose evidence disagrees about a sentence's text (a hand-made graph)
    /// keeps the text in every piece of evidence instead, so nothing is lost.
    static func sentenceTables(of graph: Graph) -> (records: [DocumentRecord], tabled: Set<String>) {
        var tables: [String: [Int: String]] = [:]
        var conflicting: Set<String> = []
        for document in graph.documents { tables[document.id] = [:] }
        forEachEvidence(in: graph) { evidence in
            guard tables[evidence.document] != nil, !conflicting.contains(evidence.document) else { return }
            if let known = tables[evidence.document]![evidence.sentence] {
                if known != evidence.sentenceText { conflicting.insert(evidence.document) }
            } else {
                tables[evidence.document]![evidence.sentence] = evidence.sentenceText
            }
        }
        let records = graph.documents.map { document -> DocumentRecord in
            guard !conflicting.contains(document.id), let table = tables[document.id] else {
                return DocumentRecord(document: document, sentences: [])
            }
            return DocumentRecord(document: document, sentences: table.keys.sorted().map { SentenceRecord(index: $0, text: table[$0]!) })
        }
        return (records, Set(tables.keys).subtracting(conflicting))
    }

    /// Puts the sentence texts of a decoded file back into its evidence. The same string is shared
    /// by every piece of evidence that quotes the sentence.
    static func restoreSentenceTexts(_ graph: inout Graph, from records: [DocumentRecord]) {
        // Each sentence is interned once, however many pieces of evidence quote it.
        var tables: [InternedString: [Int: InternedString]] = [:]
        for record in records where !record.sentences.isEmpty {
            var table: [Int: InternedString] = [:]
            for sentence in record.sentences { table[sentence.index] = InternedString(sentence.text) }
            tables[InternedString(record.document.id)] = table
        }
        guard !tables.isEmpty else { return }
        let empty = InternedString("")
        func restore(_ evidence: inout [Evidence]) {
            for i in evidence.indices where evidence[i].sentenceTextKey == empty {
                if let key = tables[evidence[i].documentKey]?[evidence[i].sentence] { evidence[i].sentenceTextKey = key }
            }
        }
        for i in graph.entities.indices { restore(&graph.entities[i].mentions) }
        for i in graph.events.indices { restore(&graph.events[i].evidence) }
        for i in graph.relations.indices { restore(&graph.relations[i].evidence) }
    }

    /// The graph on one line (no newline inside), for fragment streams (JSONL).
    public static func encodeLine(_ graph: Graph) -> [UInt8] {
        encode(graph, pretty: false)
    }

    /// The graph as pretty-printed JSON bytes, ending in a newline.
    public static func encode(_ graph: Graph) -> [UInt8] {
        encode(graph, pretty: true)
    }

    static func encode(_ graph: Graph, pretty: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        write(graph, pretty: pretty) { chunk in bytes.append(contentsOf: chunk) }
        return bytes
    }

    /// Writes the graph in chunks of about a megabyte, so that an archive's graph is never held
    /// as one buffer. Written by hand rather than through `JSONEncoder`, which built a tree of the
    /// whole file first and was a quarter of a build's time.
    public static func write(_ graph: Graph, pretty: Bool, to emit: ([UInt8]) throws -> Void) rethrows {
        let (records, tabled) = sentenceTables(of: graph)
        var json = JSONBytes(pretty: pretty, capacity: pretty ? 1 << 21 : 1 << 12)
        func flushIfLarge() throws {
            if json.out.count >= 1 << 20 {
                try emit(json.out)
                json.out.removeAll(keepingCapacity: true)
            }
        }
        // One entity of a huge article can have millions of mentions: its evidence is flushed as it
        // goes, not only between records.
        func writeEvidence(_ evidence: [Evidence]) throws {
            json.beginArray()
            for e in evidence {
                write(e, tabled: tabled, to: &json)
                try flushIfLarge()
            }
            json.endArray()
        }
        json.beginObject()
        json.key("documents")
        json.beginArray()
        for record in records {
            write(record, to: &json)
            try flushIfLarge()
        }
        json.endArray()
        json.key("entities")
        json.beginArray()
        for entity in graph.entities {
            json.beginObject()
            json.key("aliases"); json.strings(entity.aliases)
            json.key("id"); json.string(entity.id)
            json.key("mentions"); try writeEvidence(entity.mentions)
            json.key("name"); json.string(entity.name)
            json.key("type"); json.string(entity.type.rawValue)
            json.endObject()
            try flushIfLarge()
        }
        json.endArray()
        json.key("events")
        json.beginArray()
        for event in graph.events {
            json.beginObject()
            json.key("by"); json.string(event.by)
            json.key("confidence"); json.double(event.confidence)
            json.key("date"); write(event.date, to: &json)
            json.key("evidence"); try writeEvidence(event.evidence)
            json.key("id"); json.string(event.id)
            json.key("label"); json.string(event.label)
            json.key("modality"); json.string(event.modality.rawValue)
            json.key("participants")
            json.beginArray()
            for participant in event.participants {
                json.beginObject(inline: true)
                json.key("entity"); json.string(participant.entity)
                json.key("role"); json.string(participant.role.rawValue)
                json.endObject()
            }
            json.endArray()
            json.key("place"); json.string(event.place)
            json.key("type"); json.string(event.type)
            json.endObject()
            try flushIfLarge()
        }
        json.endArray()
        json.key("format"); json.string(formatName)
        json.key("formatVersion"); json.int(formatVersion)
        json.key("generator"); json.string(generatorName)
        json.key("relations")
        json.beginArray()
        for relation in graph.relations {
            json.beginObject()
            json.key("by"); json.string(relation.by)
            json.key("confidence"); json.double(relation.confidence)
            json.key("evidence"); try writeEvidence(relation.evidence)
            json.key("id"); json.string(relation.id)
            json.key("label"); json.string(relation.label)
            json.key("modality"); json.string(relation.modality.rawValue)
            json.key("rule"); json.string(relation.rule)
            json.key("source"); json.string(relation.source)
            json.key("target"); json.string(relation.target)
            json.key("time"); write(relation.time, to: &json)
            json.key("type"); json.string(relation.type)
            json.endObject()
            try flushIfLarge()
        }
        json.endArray()
        json.key("timexes")
        json.beginArray()
        for timex in graph.timexes {
            json.beginObject()
            json.key("confidence"); json.double(timex.confidence)
            json.key("document"); json.string(timex.document)
            json.key("end"); json.int(timex.end)
            json.key("interval"); write(timex.interval, to: &json)
            json.key("rule"); json.string(timex.rule)
            json.key("start"); json.int(timex.start)
            json.key("text"); json.string(timex.text)
            json.key("type"); json.string(timex.type.rawValue)
            json.key("value"); json.string(timex.value)
            json.endObject()
            try flushIfLarge()
        }
        json.endArray()
        json.endObject()
        json.newline()
        try emit(json.out)
    }

    private static func write(_ record: DocumentRecord, to json: inout JSONBytes) {
        let document = record.document
        json.beginObject()
        json.key("id"); json.string(document.id)
        json.key("license"); json.string(document.license)
        json.key("path"); json.string(document.path)
        json.key("published"); json.string(document.published?.iso)
        json.key("sentences")
        json.beginArray()
        for sentence in record.sentences {
            json.beginObject(inline: true)
            json.key("index"); json.int(sentence.index)
            json.key("text"); json.string(sentence.text)
            json.endObject()
        }
        json.endArray()
        json.key("sha256"); json.string(document.sha256)
        json.key("source"); json.string(document.source)
        json.key("title"); json.string(document.title)
        json.key("url"); json.string(document.url)
        json.endObject()
    }

    /// One piece of evidence, on one line.
    private static func write(_ e: Evidence, tabled: Set<String>, to json: inout JSONBytes) {
        json.beginObject(inline: true)
        json.key("byteEnd"); json.int(e.byteEnd)
        json.key("byteStart"); json.int(e.byteStart)
        json.key("confidence"); json.double(e.confidence)
        json.key("document"); json.string(e.document)
        json.key("end"); json.int(e.end)
        json.key("rule"); json.string(e.rule)
        json.key("sentence"); json.int(e.sentence)
        if !tabled.contains(e.document) { json.key("sentenceText"); json.string(e.sentenceText) }
        json.key("start"); json.int(e.start)
        json.key("text"); json.string(e.text)
        json.key("toolVersion"); json.string(e.toolVersion)
        json.endObject()
    }

    private static func write(_ interval: TemporalInterval?, to json: inout JSONBytes) {
        guard let interval else { return json.null() }
        json.beginObject(inline: true)
        json.key("duration"); json.string(interval.duration)
        json.key("end"); write(interval.end, to: &json)
        json.key("start"); write(interval.start, to: &json)
        json.endObject()
    }

    private static func write(_ value: TimeValue?, to json: inout JSONBytes) {
        guard let value else { return json.null() }
        json.beginObject(inline: true)
        json.key("earliest"); json.string(value.earliest?.iso)
        json.key("latest"); json.string(value.latest?.iso)
        json.key("precision"); json.string(value.precision?.rawValue)
        json.key("value"); json.string(value.value)
        json.endObject()
    }

    /// Decodes graph JSON, reporting syntax errors and wrong values with their line and column.
    public static func decode(_ bytes: [UInt8], path: String) throws(ExportError) -> Graph {
        try decodeWithGenerator(bytes, path: path).graph
    }

    /// What the graph JSON's `generator` field says made it, and where it says so.
    public struct Generator: Sendable, Equatable {
        public var name: String
        public var line: Int
        public var column: Int
    }

    /// The `generator` this eventgraph writes: its name and tool version.
    public static var generatorName: String { "eventgraph \(ToolVersion.current)" }

    /// `decode`, and the file's `generator` (nil when it has none), for readers that accept only
    /// what this very version made (`merge` of fragments).
    public static func decodeWithGenerator(_ bytes: [UInt8], path: String) throws(ExportError) -> (graph: Graph, generator: Generator?) {
        let root: JSONNode
        do { root = try JSONParser.parse(bytes) } catch {
            throw .invalidGraphJSON(path: path, line: error.line, column: error.column, problem: error.problem)
        }
        guard case .object = root.value else {
            throw .invalidGraphJSON(path: path, line: root.line, column: root.column, problem: "expected an object at the top level")
        }
        if let format = root["format"], case .string(let name) = format.value, name != formatName {
            throw .invalidGraphJSON(path: path, line: format.line, column: format.column, problem: "format is '\(name)', expected '\(formatName)'")
        }
        if let version = root["formatVersion"], case .number(let text) = version.value, let number = Int(text), !readableVersions.contains(number) {
            throw .invalidGraphJSON(
                path: path, line: version.line, column: version.column,
                problem: "formatVersion \(number) is not one this eventgraph reads (\(readableVersions.lowerBound) to \(readableVersions.upperBound))")
        }
        do {
            let file: (documents: [DocumentRecord], entities: [Entity], timexes: [Timex], events: [Event], relations: [Relation])
            do throws(GraphJSONNodes.Unhandled) { file = try GraphJSONNodes.file(root) } catch {
                // Not the canonical shape: the Codable path decodes it, or says where it is wrong.
                let decoded = try JSONDecoder().decode(File.self, from: Data(bytes))
                file = (decoded.documents, decoded.entities, decoded.timexes, decoded.events, decoded.relations)
            }
            var graph = Graph(
                documents: file.documents.map(\.document), entities: file.entities, timexes: file.timexes, events: file.events,
                relations: file.relations)
            restoreSentenceTexts(&graph, from: file.documents)
            do throws(GraphValidation.Problem) { try GraphValidation.check(graph) } catch {
                let node = locate(error.path, in: root)
                throw ExportError.invalidGraphJSON(path: path, line: node.line, column: node.column, problem: error.message)
            }
            guard let node = root["generator"], case .string(let name) = node.value else { return (graph, nil) }
            return (graph, Generator(name: name, line: node.line, column: node.column))
        } catch let error as ExportError {
            throw error
        } catch let error as DecodingError {
            let (context, problem) = describe(error)
            let node = locate(context.codingPath, in: root)
            throw .invalidGraphJSON(path: path, line: node.line, column: node.column, problem: problem)
        } catch {
            throw .invalidGraphJSON(path: path, line: 1, column: 1, problem: "\(error)")
        }
    }

    /// Reads and decodes a graph JSON file.
    public static func read(path: String) throws(ExportError) -> Graph {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        return try decode([UInt8](data), path: path)
    }

    /// Writes the graph JSON atomically.
    public static func write(_ graph: Graph, to path: String) throws(ExportError) {
        try AtomicFile.write(to: path) { emit in try write(graph, pretty: true, to: emit) }
    }

    private static func describe(_ error: DecodingError) -> (DecodingError.Context, String) {
        func where_(_ path: [CodingKey]) -> String {
            path.isEmpty ? "top level" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .typeMismatch(let type, let context):
            return (context, "\(where_(context.codingPath)): expected \(type)")
        case .valueNotFound(let type, let context):
            return (context, "\(where_(context.codingPath)): expected \(type), found null")
        case .keyNotFound(let key, let context):
            return (context, "\(where_(context.codingPath)): missing key '\(key.stringValue)'")
        case .dataCorrupted(let context):
            return (context, "\(where_(context.codingPath)): \(context.debugDescription)")
        @unknown default:
            return (DecodingError.Context(codingPath: [], debugDescription: ""), "\(error)")
        }
    }

    /// The deepest node along a coding path (as far as it exists in the document).
    private static func locate(_ path: [GraphValidation.Step], in root: JSONNode) -> JSONNode {
        var node = root
        for step in path {
            switch (step, node.value) {
            case (.index(let i), .array(let elements)) where i < elements.count: node = elements[i]
            case (.key(let key), .object): node = node[key] ?? node
            default: return node
            }
        }
        return node
    }

    private static func locate(_ path: [CodingKey], in root: JSONNode) -> JSONNode {
        var node = root
        for key in path {
            switch node.value {
            case .array(let elements):
                guard let i = key.intValue, i < elements.count else { return node }
                node = elements[i]
            case .object:
                guard let child = node[key.stringValue] else { return node }
                node = child
            default:
                return node
            }
        }
        return node
    }
}

extension GraphJSON: GraphExporter {
    /// The pretty graph JSON `build` writes.
    public static func write(_ graph: Graph, options: ExportOptions, to emit: ([UInt8]) throws -> Void) throws {
        try write(graph, pretty: true, to: emit)
    }
}
