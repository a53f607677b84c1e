import EventGraphCore
import EventGraphExtraction
import Foundation
import Testing

/// Runs every example of every rule in `Resources/sentences/rules.json`: the rules file is the
/// specification, and a rule without a passing example does not ship.
@Suite struct SentenceRuleExampleTests {
    struct RuleFile: Decodable {
        struct Rule: Decodable {
            struct Example: Decodable {
                var text: String
                var sentences: [String]
            }
            var id: String
            var description: String
            var examples: [Example]
        }
        var rules: [Rule]
    }

    struct Example: Sendable, CustomTestStringConvertible {
        var rule: String
        var text: String
        var sentences: [String]
        var testDescription: String { "\(rule): \(text.prefix(40))" }
    }

    static func examples() throws -> [Example] {
        let data = try ExtractionResources.data("sentences/rules.json")
        let file = try JSONDecoder().decode(RuleFile.self, from: data)
        return file.rules.flatMap { rule in rule.examples.map { Example(rule: rule.id, text: $0.text, sentences: $0.sentences) } }
    }

    static func split(_ text: String) throws -> [String] {
        let pipeline = try Pipeline.sentences()
        let source = SourceDocument(document: Document(id: "t", path: "t", sha256: SHA256.hexDigest(of: text)), text: text)
        let analyzed = pipeline.analyze(source)
        return analyzed.sentences.map { analyzed.text(of: $0.span) }
    }

    @Test func everyRuleHasAnExample() throws {
        let data = try ExtractionResources.data("sentences/rules.json")
        let file = try JSONDecoder().decode(RuleFile.self, from: data)
        #expect(file.rules.count >= 8)
        for rule in file.rules {
            #expect(!rule.examples.isEmpty, "rule \(rule.id) has no example")
            #expect(rule.id.hasPrefix("sentence."))
        }
    }

    @Test(arguments: try examples())
    func exampleSplitsAsDocumented(_ example: Example) throws {
        #expect(try Self.split(example.text) == example.sentences)
    }

    @Test func seedArticleSentences() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let raw = try String(contentsOf: root.appendingPathComponent("seeds/000-mko-albania-raid.txt"), encoding: .utf8)
        let body = String(raw.split(separator: "---\n", maxSplits: 2, omittingEmptySubsequences: false)[2])
        let sentences = try Self.split(body)
        #expect(sentences.contains("In addition, Nasser Kanaani said in a series of tweets on Wednesday that the MKO, also called MEK, had been kicked out from Iraq because many other nations had refused to recognize it owing to its terrorist nature."))
        #expect(sentences.contains("He then expressed optimism that Albania would “make up for its mistake of hosting this terrorist cult.”"))
        #expect(sentences.contains("Documents showed that the MKO terrorists also provided substantial intelligence on the resistance front to the Israeli officials and the U.S. forces in Iraq."))
        #expect(sentences.last == "All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.")
    }
}

@Suite struct TokenizerTests {
    @Test func offsetsInScalarsAndBytes() {
        let text = "Iran’s Manëz, Ashraf-3 and al-Maliki: 3,000 members."
        let tokens = Tokenizer.tokenize(text)
        let scalars = Array(text.unicodeScalars)
        let utf8 = Array(text.utf8)
        let words = tokens.map { token -> String in
            var s = ""
            s.unicodeScalars.append(contentsOf: scalars[token.span.start..<token.span.end])
            #expect(String(decoding: utf8[token.span.byteStart..<token.span.byteEnd], as: UTF8.self) == s)
            return s
        }
        #expect(words == ["Iran", "’s", "Manëz", ",", "Ashraf-3", "and", "al-Maliki", ":", "3,000", "members", "."])
        #expect(tokens[2].span.start == 7 && tokens[2].span.byteStart == 9)
        #expect(tokens.map(\.kind) == [.word, .word, .word, .punctuation, .word, .word, .word, .punctuation, .number, .word, .punctuation])
    }

    @Test func possessivesAndContractions() {
        let text = "Friday's close, the members' votes, Ka'nani's view, it's done"
        let tokens = Tokenizer.tokenize(text)
        let scalars = Array(text.unicodeScalars)
        let words = tokens.map { t in String(String.UnicodeScalarView(scalars[t.span.start..<t.span.end])) }
        #expect(words == ["Friday", "'s", "close", ",", "the", "members", "'", "votes", ",", "Ka'nani", "'s", "view", ",", "it", "'s", "done"])
    }

    @Test func dottedAbbreviationsAndNumbers() {
        let text = "the U.S. forces, e.g. 10.5 and 1980s"
        let tokens = Tokenizer.tokenize(text)
        let scalars = Array(text.unicodeScalars)
        let words = tokens.map { t in String(String.UnicodeScalarView(scalars[t.span.start..<t.span.end])) }
        #expect(words == ["the", "U.S.", "forces", ",", "e.g.", "10.5", "and", "1980s"])
    }

    @Test func newlinesBeforeTokensAreCounted() {
        let tokens = Tokenizer.tokenize("Title\n\nBody\r\nline")
        #expect(tokens.map(\.newlinesBefore) == [0, 2, 1])
    }
}

@Suite struct EvidenceTests {
    @Test func evidenceCarriesSentenceAndBothOffsetKinds() throws {
        let text = "TEHRAN- Iran’s spokesperson spoke. Nasser Kanaani said Manëz was raided."
        let source = SourceDocument(document: Document(id: "d", path: "d", sha256: SHA256.hexDigest(of: text)), text: text)
        let analyzed = try Pipeline.sentences().analyze(source)
        let index = try #require(analyzed.tokens.firstIndex { analyzed.text(of: $0.span) == "Manëz" })
        let evidence = analyzed.evidence(for: analyzed.tokens[index].span, ruleName: "test.rule", confidence: 0.5)
        #expect(evidence.sentence == 1)
        #expect(evidence.text == "Manëz")
        #expect(evidence.sentenceText == "Nasser Kanaani said Manëz was raided.")
        #expect(evidence.start == 55 && evidence.end == 60)
        #expect(evidence.byteStart == 57 && evidence.byteEnd == 63)
        #expect(evidence.toolVersion == ToolVersion.current)
    }
}
