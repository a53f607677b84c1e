import EventGraphCore
import EventGraphCorpus
import Testing

@Suite struct TimeMLDocumentTests {
    static let sample = """
        <?xml version="1.0" ?>
        <TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">

        <DOCID>TEST_0001</DOCID>

        <DCT><TIMEX3 tid="t0" type="DATE" value="2023-06-21" temporalFunction="false" functionInDocument="CREATION_TIME">06/21/2023</TIMEX3></DCT>

        <TITLE>Police raid camp</TITLE>

        <TEXT>
        AT&amp;T and the ministry said on <EVENT eid="e1" class="OCCURRENCE">Tuesday</EVENT> that police raided the camp.

        Albania has hosted the group for ten years; caf&#233; owners &lt;protested&gt;.
        </TEXT>

        </TimeML>

        """

    @Test func readsTextAndCreationTime() throws {
        let doc = try TimeMLDocument.parse(Array(Self.sample.utf8), path: "t.tml")
        #expect(doc.creationTime?.iso == "2023-06-21")
        #expect(doc.text == "\nAT&T and the ministry said on Tuesday that police raided the camp.\n\nAlbania has hosted the group for ten years; café owners <protested>.\n")
    }

    @Test func annotatingChangesNothingButTheTags() throws {
        let doc = try TimeMLDocument.parse(Array(Self.sample.utf8), path: "t.tml")
        let text = doc.text
        func timex(_ phrase: String, _ value: String, _ type: TimexType) -> Timex {
            let range = text.range(of: phrase)!
            let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
            return Timex(document: "t", text: phrase, type: type, value: value, start: start, end: start + phrase.unicodeScalars.count, rule: "test")
        }
        let (bytes, skipped) = doc.annotated(with: [timex("ten years", "P10Y", .duration), timex("on Tuesday", "2023-06-20", .date), timex("owners", "X", .date)])
        let output = String(decoding: bytes, as: UTF8.self)
        // "on Tuesday" would cross the existing EVENT tag around "Tuesday": left out.
        #expect(skipped.map(\.text) == ["on Tuesday"])
        #expect(output.contains("group for <TIMEX3 tid=\"t1\" type=\"DURATION\" value=\"P10Y\">ten years</TIMEX3>;"))
        #expect(output.contains("café <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"X\">owners</TIMEX3> &lt;protested&gt;") == false)
        #expect(output.contains("caf&#233; <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"X\">owners</TIMEX3> &lt;protested&gt;"))
        // Removing the added tags (inside <TEXT>) gives back the input, byte for byte.
        let parts = output.components(separatedBy: "<TEXT>")
        #expect(parts.count == 2)
        let body = parts[1].replacingOccurrences(of: #"<TIMEX3 tid="t[12]"[^>]*>"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "</TIMEX3>", with: "")
        #expect(parts[0] + "<TEXT>" + body == Self.sample)
    }

    @Test func impossibleCreationTimeIsAClearError() {
        let broken = Self.sample.replacingOccurrences(of: "value=\"2023-06-21\"", with: "value=\"2023-02-30\"")
        #expect(throws: CorpusError.invalidDate(SourceLocation(path: "t.tml", line: 6, column: 6), field: "CREATION_TIME value", value: "2023-02-30")) {
            try TimeMLDocument.parse(Array(broken.utf8), path: "t.tml")
        }
        #expect(CorpusError.invalidDate(SourceLocation(path: "t.tml", line: 6, column: 6), field: "CREATION_TIME value", value: "2023-02-30").description
            == "t.tml:6:6: error: field 'CREATION_TIME value' is not a valid date: '2023-02-30' (expected a date such as 2023-06-20, 2023-06-20T10:00:00Z, Tue, 20 Jun 2023 10:00:00 GMT or June 20, 2023)")
    }

    @Test func missingTextIsAClearError() {
        #expect(throws: CorpusError.invalidTimeML(SourceLocation(path: "t.tml"), problem: "no <TEXT> element")) {
            try TimeMLDocument.parse(Array("<TimeML><DCT></DCT></TimeML>".utf8), path: "t.tml")
        }
    }

    @Test func plainTextIsWrapped() throws {
        let doc = TimeMLDocument.wrap(text: "Raid on <Tuesday> & after", creationTime: CalendarDay(iso: "2023-06-21"), docID: "a.txt")
        #expect(doc.text == "Raid on <Tuesday> & after")
        #expect(doc.creationTime?.iso == "2023-06-21")
    }
}
