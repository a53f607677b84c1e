import EventGraphCore
@testable import EventGraphEvaluation
import EventGraphExport
import Foundation
import Testing

enum Paths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let gold = root.appendingPathComponent("Tests/Gold").path
    static let schema = root.appendingPathComponent("Schemas/graph.schema.json").path
    static let validator = root.appendingPathComponent("Tests/Support/validate_json_schema.py").path
}

@Suite struct ScorerTests {
    static func gold() throws -> [GoldFile] { try GoldFile.load(path: Paths.gold) }

    @Test func goldTurnedIntoAGraphScoresOne() throws {
        let gold = try Self.gold()
        #expect(gold.count == 2)
        let report = Scorer().evaluate(graph: GoldGraph.make(from: gold), gold: gold)
        for doc in report.documents + [report.total] {
            #expect(!doc.missingDocument)
            for kind in ScoreKind.allCases {
                let score = doc.score(kind)
                #expect(score.gold > 0, "\(doc.document) \(kind.rawValue) has no gold items")
                #expect(score.precision == 1 && score.recall == 1 && score.f1 == 1, "\(doc.document) \(kind.rawValue): \(score)")
            }
            for (kind, score) in doc.mustRecall { #expect(score.truePositives == score.gold, "\(doc.document) must \(kind.rawValue)") }
            #expect(doc.notEntityHits.isEmpty)
        }
    }

    /// Per type: the gold turned into a graph scores 1 on every event and relation type, and the
    /// per-type counts add up to the kind's total; an empty graph finds nothing of any type.
    @Test func scoresPerTypeAddUpToTheTotals() throws {
        let gold = try Self.gold()
        let report = Scorer().evaluate(graph: GoldGraph.make(from: gold), gold: gold)
        let types = report.total.byType
        #expect(types["events/raid"] != nil && types["relations/said"] != nil)
        for (type, score) in types { #expect(score.truePositives == score.gold && score.predicted == score.gold, "\(type): \(score)") }
        for kind in [ScoreKind.events, .relations] {
            let prefix = kind.rawValue + "/"
            let sum = types.filter { $0.key.hasPrefix(prefix) }.values.reduce(Score(), +)
            #expect(sum == report.total.score(kind))
        }
        let empty = Scorer().evaluate(graph: Graph(documents: GoldGraph.make(from: gold).documents), gold: gold)
        #expect(empty.total.byType.values.allSatisfy { $0.truePositives == 0 && $0.predicted == 0 && $0.gold > 0 })
    }

    @Test func emptyGraphScoresZero() throws {
        let gold = try Self.gold()
        let documentsOnly = Graph(documents: GoldGraph.make(from: gold).documents)
        let report = Scorer().evaluate(graph: documentsOnly, gold: gold)
        for kind in ScoreKind.allCases {
            let score = report.total.score(kind)
            #expect(score.truePositives == 0 && score.predicted == 0 && score.f1 == 0)
            #expect(score.gold > 0)
        }
        #expect(!report.total.missingDocument)
        let nothing = Scorer().evaluate(graph: Graph(), gold: gold)
        #expect(nothing.total.missingDocument)
        #expect(nothing.total.score(.entities).gold == 30)
    }

    @Test func missingAndSpuriousItemsLowerRecallAndPrecision() throws {
        var gold = try Self.gold()
        let full = GoldGraph.make(from: gold)
        // Drop one entity from the gold: the graph now holds one entity too many.
        gold[0].entities.removeLast()
        let report = Scorer().evaluate(graph: full, gold: gold)
        let doc = report.documents[0].score(.entities)
        #expect(doc.recall == 1)
        #expect(doc.precision < 1)
        #expect(doc.truePositives == 19 && doc.predicted == 20 && doc.gold == 19)
    }

    @Test func splitEntityCountsOnce() throws {
        let gold = try Self.gold()
        let evidence = Evidence(document: gold[0].document, sentence: 0, start: 0, end: 3, byteStart: 0, byteEnd: 3, text: "MKO",
                                sentenceText: "MKO", rule: "t", confidence: 1)
        let doc = Document(id: gold[0].document, path: gold[0].document, sha256: SHA256.hexDigest(of: "x"))
        let graph = Graph(documents: [doc], entities: [
            Entity(type: .organization, name: "MKO", mentions: [evidence]),
            Entity(type: .organization, name: "MEK", mentions: [evidence]),
            Entity(type: .person, name: "Tuesday", mentions: [evidence]),
        ])
        let score = Scorer().evaluate(graph: graph, gold: [gold[0]]).total
        #expect(score.score(.entities).truePositives == 1)
        #expect(score.score(.entities).predicted == 3)
        #expect(score.notEntityHits == ["000-mko-albania-raid.txt: tuesday"])
    }

    @Test func eventDatesFitWhenEqualOrMorePreciseInside() {
        #expect(Scorer.dateFits(predicted: TimeValue(timex: "2023-06-20"), gold: "2023-W25"))
        #expect(Scorer.dateFits(predicted: TimeValue(timex: "2023-W25"), gold: "2023-W25"))
        #expect(!Scorer.dateFits(predicted: TimeValue(timex: "2023-06-29"), gold: "2023-W25"))
        #expect(!Scorer.dateFits(predicted: TimeValue(timex: "2023"), gold: "2023-06-20"))
        #expect(!Scorer.dateFits(predicted: nil, gold: "2014"))
        #expect(Scorer.dateFits(predicted: nil, gold: nil))
        #expect(!Scorer.dateFits(predicted: TimeValue(timex: "2014"), gold: nil))
    }

    @Test(arguments: [
        ("this terrorist cult", "cult"),
        ("the cause of the raid", "cause"),
        ("terrorists", "terrorist"),
        ("anti-Iran terrorist", "terrorist"),
        ("“criminal and terrorist”", "terrorist"),
    ])
    func headWords(_ text: String, _ head: String) {
        #expect(Normalize.headWord(text) == head)
    }

    @Test func goldGraphIsValidAgainstTheSchema() throws {
        let path = NSTemporaryDirectory() + "eventgraph-gold-\(UUID().uuidString).graph.json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GraphJSON.write(GoldGraph.make(from: try Self.gold()), to: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Paths.validator, Paths.schema, path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
