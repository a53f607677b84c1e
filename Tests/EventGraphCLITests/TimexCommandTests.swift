import Foundation
import Testing

@Suite struct TimexCommandTests {
    static let timeml = """
        <?xml version="1.0" ?>
        <TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">

        <DOCID>TEST_0002</DOCID>

        <DCT><TIMEX3 tid="t0" type="DATE" value="2023-06-21" temporalFunction="false" functionInDocument="CREATION_TIME">2023-06-21</TIMEX3></DCT>

        <TITLE>Raid &amp; protests</TITLE>

        <TEXT>
        TEHRAN - Kanaani said in a series of tweets on Wednesday that Albania has hosted the group for ten years.

        Protests broke out on Tuesday, and police seized drones &amp; computers on June 20.
        </TEXT>

        </TimeML>

        """

    @Test func timemlOutputIsTheInputPlusTags() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("doc.tml")
        try Data(Self.timeml.utf8).write(to: input)
        let result = try CommandRunner.run(["timex", input.path])
        #expect(result.status == 0, "\(result.stderr)")
        let output = result.stdout
        #expect(output.contains(#"on <TIMEX3 tid="t1" type="DATE" value="2023-06-21">Wednesday</TIMEX3> that"#))
        #expect(output.contains(#"for <TIMEX3 tid="t2" type="DURATION" value="P10Y">ten years</TIMEX3>."#))
        #expect(output.contains(#"on <TIMEX3 tid="t3" type="DATE" value="2023-06-20">Tuesday</TIMEX3>,"#))
        #expect(output.contains(#"on <TIMEX3 tid="t4" type="DATE" value="2023-06-20">June 20</TIMEX3>."#))
        // Byte identity: without the added tags, the output is the input.
        let stripped = output.replacingOccurrences(of: #"<TIMEX3 tid="t[1-9][0-9]*"[^>]*>"#, with: "", options: .regularExpression)
        let parts = stripped.components(separatedBy: "<TEXT>")
        #expect(parts.count == 2)
        #expect(parts[0] + "<TEXT>" + parts[1].replacingOccurrences(of: "</TIMEX3>", with: "") == Self.timeml)
    }

    @Test func dctOptionOverridesAndIsValidated() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("plain.txt")
        try Data("Police raided the camp on Tuesday.".utf8).write(to: input)
        let text = try CommandRunner.run(["timex", "--format", "text", "--dct", "2023-06-29", input.path])
        #expect(text.status == 0)
        #expect(text.stdout == "26-33\tDATE\t2023-06-27\t-\tTuesday\tdate.weekday\n")
        let bad = try CommandRunner.run(["timex", "--dct", "2023-02-30", input.path])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--dct must be a date as YYYY-MM-DD, got '2023-02-30'"))
    }

    @Test func impossibleCreationTimeNamesFileAndLine() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("bad.tml")
        try Data(Self.timeml.replacingOccurrences(of: "value=\"2023-06-21\"", with: "value=\"2023-13-01\"").utf8).write(to: input)
        let result = try CommandRunner.run(["timex", input.path])
        #expect(result.status == 1)
        #expect(result.stderr == "\(input.path):6:6: error: field 'CREATION_TIME value' is not a valid date: '2023-13-01' (expected a date such as 2023-06-20, 2023-06-20T10:00:00Z, Tue, 20 Jun 2023 10:00:00 GMT or June 20, 2023)\n")
    }

    @Test func jsonFormatListsTheExpressions() throws {
        let result = try CommandRunner.run(["timex", "--format", "json", "seeds/001-albanian-police-re-enter-mko-camp.txt"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let timexes = object?["timexes"] as? [[String: Any]]
        #expect(timexes?.map { $0["value"] as? String } == ["2023-06-29", "2023-06-29TMO", "2023-W25"])
        #expect(object?["dct"] as? String == "2023-06-29")
    }
}
