import EventGraphCore
import EventGraphExport
import Foundation
import Testing

@Suite struct FactCommandTests {
    @Test func seedsHoldOneRaidOfTheTwentiethFromBothArticles() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try CommandRunner.run(["build", "seeds", "-o", out.appendingPathComponent("seed").path]).status == 0)
        let graph = try GraphJSON.read(path: out.appendingPathComponent("seed.graph.json").path)
        let raids = graph.events.filter { $0.type == "raid" && $0.date?.value == "2023-06-20" }
        #expect(raids.count == 1)
        #expect(raids.first?.evidence.documents == ["000-mko-albania-raid.txt", "001-albanian-police-re-enter-mko-camp.txt"])
        // The return of the police on 2023-06-29 is another event.
        #expect(graph.events.contains { $0.type == "raid" && $0.date?.value == "2023-06-29" })
        // Every event and relation has evidence with a rule and a confidence.
        for event in graph.events { #expect(!event.evidence.isEmpty && event.evidence.allSatisfy { !$0.rule.isEmpty && $0.confidence > 0 }) }
        for relation in graph.relations { #expect(!relation.evidence.isEmpty && relation.rule != nil) }
        let merges = try String(contentsOf: out.appendingPathComponent("seed.merges.json"), encoding: .utf8)
        #expect(merges.contains("same event: raid"))
    }

    @Test func everyMustEventAndRelationOfTheGoldIsFound() throws {
        let result = try CommandRunner.run(["eval", "--gold", "Tests/Gold", "--json", "seeds"])
        #expect(result.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let must = (report?["total"] as? [String: Any])?["mustRecall"] as? [String: [String: Any]]
        for kind in ["entities", "events", "relations"] {
            let score = try #require(must?[kind])
            #expect(score["truePositives"] as? Int == score["gold"] as? Int, "must \(kind): \(score)")
        }
    }
}
