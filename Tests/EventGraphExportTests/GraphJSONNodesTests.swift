import EventGraphCore
@testable import EventGraphExport
import Foundation
import Testing

/// The graph JSON reader builds graphs from the parsed tree; the `Codable` path stays for what
/// that reader does not take. Both must give the same graph.
@Suite struct GraphJSONNodesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func viaCodable(_ bytes: [UInt8]) throws -> Graph {
        let file = try JSONDecoder().decode(GraphJSON.File.self, from: Data(bytes))
        var graph = Graph(documents: file.documents.map(\.document), entities: file.entities, timexes: file.timexes, events: file.events, relations: file.relations)
        GraphJSON.restoreSentenceTexts(&graph, from: file.documents)
        return graph
    }

    static func viaNodes(_ bytes: [UInt8]) throws -> Graph {
        let file = try GraphJSONNodes.file(try JSONParser.parse(bytes))
        var graph = Graph(documents: file.documents.map(\.document), entities: file.entities, timexes: file.timexes, events: file.events, relations: file.relations)
        GraphJSON.restoreSentenceTexts(&graph, from: file.documents)
        return graph
    }

    @Test func theSeedGraphReadsTheSameBothWays() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("Exports/seed.graph.json")))
        let nodes = try Self.viaNodes(bytes)
        #expect(nodes == (try Self.viaCodable(bytes)))
        #expect(nodes.events.contains { $0.date?.precision == .week } && nodes.relations.contains { $0.time?.end == nil })
        #expect(GraphJSON.encode(nodes) == GraphJSON.encode(try GraphJSON.decode(bytes, path: "seed.graph.json")))
    }

    /// What the tree reader hands back: the Codable path decodes it the same (an absent
    /// `sentences` table, an absent modality), or reports it as before.
    @Test func unusualShapesFallBackToTheCodablePath() throws {
        let seed = try String(contentsOf: Self.root.appendingPathComponent("Exports/seed.graph.json"), encoding: .utf8)
        let outOfRange = seed.replacingOccurrences(of: "\"confidence\": 0.5", with: "\"confidence\": 1.5")
        #expect(outOfRange != seed)
        #expect(throws: GraphJSONNodes.Unhandled.self) { try GraphJSONNodes.file(try JSONParser.parse(Array(outOfRange.utf8))) }
        #expect(throws: GraphJSONNodes.Unhandled.self) { try GraphJSONNodes.file(try JSONParser.parse(Array("{\"documents\": []}".utf8))) }
        let empty = Array(#"{"format": "eventgraph-graph", "formatVersion": 1, "generator": "x", "documents": [], "entities": [], "timexes": [], "events": [], "relations": []}"#.utf8)
        #expect(try Self.viaNodes(empty) == (try Self.viaCodable(empty)))
    }
}
