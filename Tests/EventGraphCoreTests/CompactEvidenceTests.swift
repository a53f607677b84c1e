@testable import EventGraphCore
import Foundation
import Testing

/// Evidence is stored as interned strings and 32-bit numbers; what it says and how it sorts must
/// not depend on that.
@Suite struct CompactEvidenceTests {
    static func evidence(_ document: String, start: Int = 0, text: String = "raided", rule: String = "event.verb", sentence: String = "Police raided the camp.") -> Evidence {
        Evidence(document: document, sentence: 2, start: start, end: start + 6, byteStart: start + 1, byteEnd: start + 7,
                 text: text, sentenceText: sentence, rule: rule, confidence: 0.7)
    }

    @Test func equalStringsShareOneIdAndDifferentOnesDoNot() {
        let a = InternedString("a document first seen in this test"), b = InternedString(String("a document first seen in this test"))
        #expect(a == b)
        #expect(a.string == "a document first seen in this test")
        #expect(InternedString("another") != a)
    }

    @Test func orderFollowsTheStringsNotTheOrderTheyWereFirstSeen() {
        // "zz…" is interned before "aa…", so its id is the smaller one.
        let later = Self.evidence("zz-interned-first-\(UUID().uuidString).txt")
        let earlier = Self.evidence("aa-interned-second-\(UUID().uuidString).txt")
        #expect(earlier < later)
        #expect(!(later < earlier))
        #expect([later, earlier].sorted() == [earlier, later])
        let byRule = [Self.evidence("d.txt", rule: "zz.rule-\(UUID().uuidString)"), Self.evidence("d.txt", rule: "aa.rule-\(UUID().uuidString)")]
        #expect(byRule.sorted().map(\.rule) == byRule.map(\.rule).sorted())
    }

    @Test func propertiesReadAndWriteAsBefore() {
        var e = Self.evidence("a.txt", start: 40)
        #expect((e.document, e.sentence, e.start, e.end, e.byteStart, e.byteEnd) == ("a.txt", 2, 40, 46, 41, 47))
        #expect((e.text, e.sentenceText, e.rule, e.confidence, e.toolVersion) == ("raided", "Police raided the camp.", "event.verb", 0.7, ToolVersion.current))
        e.sentenceText = "Another sentence."
        e.document = "b.txt"
        e.start = 3
        #expect((e.sentenceText, e.document, e.start) == ("Another sentence.", "b.txt", 3))
        #expect(e != Self.evidence("a.txt", start: 40))
    }

    @Test func canonicalDropsDuplicatesAndCountsDocuments() {
        let list = [Self.evidence("b.txt"), Self.evidence("a.txt"), Self.evidence("b.txt"), Self.evidence("a.txt", start: 9)]
        #expect(list.canonical.map(\.document) == ["a.txt", "a.txt", "b.txt"])
        #expect(list.documents == ["a.txt", "b.txt"])
        #expect(list.documentCount == 2)
    }

    @Test func codableRoundTripKeepsEveryField() throws {
        let e = Self.evidence("a.txt", start: 12, text: "«camp»")
        let back = try JSONDecoder().decode(Evidence.self, from: JSONEncoder().encode(e))
        #expect(back == e)
    }

    @Test func aPieceOfEvidenceHoldsNoReferences() {
        #expect(MemoryLayout<Evidence>.size <= 48)
        #expect(_isPOD(Evidence.self))
    }
}
