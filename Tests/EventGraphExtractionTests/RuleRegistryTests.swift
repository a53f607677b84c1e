import EventGraphCore
@testable import EventGraphExtraction
import Foundation
import Testing

/// The rule registry (`rules/rules.tsv`, `rules/qualifiers.tsv`): every rule and qualifier fires on
/// its example, exactly as the table gives it, and every rule id the pipeline writes reads back
/// through the registry.
@Suite struct RuleRegistryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The registered rules of the example's evidence.
    static func ruleIDs(_ text: String) throws -> [RuleID] {
        try StatementTests.analyze(text).fragment().allEvidence.compactMap(\.ruleID)
    }

    @Test func everyRuleFiresOnItsExample() throws {
        #expect(RuleRegistry.rules.count >= 60)
        for definition in RuleRegistry.rules {
            let found = try Self.ruleIDs(definition.example)
            #expect(found.contains { $0.rule == definition.id }, "\(definition.id): \(definition.example) gives \(found.map(\.description).sorted())")
        }
    }

    @Test func everyQualifierIsCarriedByItsExample() throws {
        for definition in RuleRegistry.qualifiers {
            let found = try Self.ruleIDs(definition.example)
            #expect(found.contains { $0.qualifiers.map(\.name).contains(definition.name) },
                    "\(definition.name): \(definition.example) gives \(found.map(\.description).sorted())")
        }
    }

    @Test func aRuleIDReadsBackAsWritten() throws {
        let id = RuleID.eventFrameNoun.qualified(.lightVerb).qualified(.dateFromIncident).qualified(.participant(.agent))
        #expect(id.description == "event.frame.noun.light-verb.date-from-incident.agent")
        #expect(RuleID(id.description) == id)
        let verb = RuleID.relationVerb.about("hosted").qualified(.argument)
        #expect(verb.description == "relation.verb.hosted.argument")
        #expect(RuleID(verb.description) == verb)
        #expect(verb.isArgumentEvidence)
        #expect(!RuleID.relationVerb.about("hosted").isArgumentEvidence)
        // A parameter is one component.
        #expect(RuleID.relationFromEvent.about("a.b").description == "relation.from-event.a-b")
    }

    @Test func whatTheRegistryDoesNotListDoesNotRead() {
        #expect(RuleID("relation.unknown") == nil)
        #expect(RuleID("relation.said.sideways") == nil)
        // A rule with a parameter needs one.
        #expect(RuleID("relation.verb") == nil)
        #expect(RuleID("relation.verb.") == nil)
        #expect(RuleID("") == nil)
        #expect(RuleID("date.year") == nil)
        let timex = Evidence(document: "d", sentence: 0, start: 0, end: 4, byteStart: 0, byteEnd: 4, text: "2024", sentenceText: "2024", rule: "date.year", confidence: 1)
        #expect(!timex.isArgumentEvidence)
    }

    /// Every id the pipeline writes over the seed articles is a registered rule or a time
    /// expression rule: a stage that wrote another would show here.
    @Test func everyRuleTheSeedsGiveIsRegistered() throws {
        let seeds = Self.root.appendingPathComponent("seeds")
        let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count >= 2)
        let timexRules = Set(try TimexRuleSet.standard().rules.map(\.id))
        var evidence: [Evidence] = []
        for file in files {
            let text = try String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8)
            // The article's body: what follows its front matter.
            let body = text.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n---\n")
            evidence += try StatementTests.analyze(body).fragment().allEvidence
        }
        let unknown = Set(evidence.map(\.rule).filter { RuleID($0) == nil && !timexRules.contains($0) })
        #expect(unknown.isEmpty, "\(unknown.sorted())")
        #expect(evidence.contains { $0.isArgumentEvidence })
        #expect(Set(evidence.compactMap(\.ruleID?.rule)).count >= 40)
    }
}

extension Graph {
    /// The evidence of every entity mention, event and relation.
    var allEvidence: [Evidence] {
        entities.flatMap(\.mentions) + events.flatMap(\.evidence) + relations.flatMap(\.evidence)
    }
}
