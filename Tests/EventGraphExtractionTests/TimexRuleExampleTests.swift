import EventGraphCore
import EventGraphExtraction
import Testing

/// Runs every example of every time expression rule: tagging the example's text against its
/// publication date must give exactly the listed expressions, no more, no fewer.
@Suite struct TimexRuleExampleTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var rule: String
        var example: TimexRule.Example
        var testDescription: String { "\(rule): \(example.text.prefix(50))" }
    }

    static func examples() throws -> [Example] {
        try TimexRuleSet.standard().rules.flatMap { rule in rule.examples.map { Example(rule: rule.id, example: $0) } }
    }

    static func tag(_ text: String, dct: String?) throws -> [TimexRule.Example.Expected] {
        let document = Document(id: "t", path: "t", published: dct.flatMap { CalendarDay(iso: $0) }, sha256: SHA256.hexDigest(of: text))
        let analyzed = try Pipeline.standard().analyze(SourceDocument(document: document, text: text))
        return analyzed.timexes.map { .init(text: $0.text, type: $0.type.rawValue, value: $0.value, interval: $0.interval?.normalizedText) }
    }

    @Test func everyRuleHasAnExample() throws {
        for rule in try TimexRuleSet.standard().rules {
            #expect(!rule.examples.isEmpty, "rule \(rule.id) has no example")
        }
    }

    @Test(arguments: try examples())
    func exampleTagsAsDocumented(_ example: Example) throws {
        let found = try Self.tag(example.example.text, dct: example.example.dct)
        #expect(found == example.example.timexes)
    }
}
