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
    public static let formatVersion = 1

    struct File: Codable {
        var format: String
        var formatVersion: Int
        var generator: String
        var documents: [Document]
        var entities: [Entity]
        var timexes: [Timex]
        var events: [Event]
        var relations: [Relation]
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
        let file = File(
            format: formatName, formatVersion: formatVersion, generator: "eventgraph \(ToolVersion.current)",
            documents: graph.documents, entities: graph.entities, timexes: graph.timexes, events: graph.events,
            relations: graph.relations)
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Every value in the model is encodable; a failure here is a programming error.
        var bytes = [UInt8](try! encoder.encode(file))
        bytes.append(0x0A)
        return bytes
    }

    /// Decodes graph JSON, reporting syntax errors and wrong values with their line and column.
    public static func decode(_ bytes: [UInt8], path: String) throws(ExportError) -> Graph {
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
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(bytes))
            return Graph(documents: file.documents, entities: file.entities, timexes: file.timexes, events: file.events, relations: file.relations)
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
        try AtomicFile.write(encode(graph), to: path)
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
