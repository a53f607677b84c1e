@testable import EventGraphExport
import Testing

/// `Resources/figures.tsv`: every row's example, run exactly, and the rules that keep dates,
/// years and durations from being counts.
@Suite struct FigureFinderTests {
    static func figure(_ sentence: String, trigger: String) throws -> String? {
        let scalars = Array(sentence.unicodeScalars), needle = Array(trigger.unicodeScalars)
        let start = try #require((0...(scalars.count - needle.count)).first { scalars[$0..<($0 + needle.count)].elementsEqual(needle) })
        return FigureFinder.shipped.figure(in: sentence, trigger: start..<(start + needle.count))
    }

    @Test func everyRowsExampleGivesItsFigure() throws {
        let rows = try FigureFinder.rows()
        #expect(rows.count >= 40)
        for row in rows {
            let found = try Self.figure(row["example"], trigger: row["trigger"])
            #expect((found ?? "-") == row["expect"], "\(row["word"]): \(row["example"]) → \(found ?? "-")")
        }
    }

    @Test func theNearestCountWinsAndDatesAreNoCounts() throws {
        #expect(try Self.figure("At least one member was murdered and several more were hurt.", trigger: "hurt") == "several")
        #expect(try Self.figure("At least one member was murdered and several more were hurt.", trigger: "murdered") == "at least one")
        let seed = "During the skirmishes in the Ashraf-3 camp, northwest of the capital Tirana, at least one MKO member was murdered and several more were hurt."
        #expect(try Self.figure(seed, trigger: "hurt") == "several")
        #expect(try Self.figure(seed, trigger: "murdered") == "at least one")
        #expect(try Self.figure("The raid killed 1,200 people in Gaza.", trigger: "killed") == "1,200")
        #expect(try Self.figure("In 2003 police arrested the leaders.", trigger: "arrested") == nil)
        #expect(try Self.figure("Police raided the market on March 3, 2025.", trigger: "raided") == nil)
        // A clause break ends the window: the witnesses' number is not the raid's.
        #expect(try Self.figure("Two witnesses saw it, and police raided the camp.", trigger: "raided") == nil)
    }

    @Test func aBrokenTableIsReportedAtItsField() throws {
        let header = "# comment\nword\tkind\texample\ttrigger\texpect\n"
        #expect(throws: FigureTableError.malformedRow(path: "f.tsv", line: 3, column: 5, problem: "unknown kind \"numeral\", expected number, qualifier, unit, month or break")) {
            try FigureFinder(rows: FigureFinder.rows(of: header + "two\tnumeral\tTwo died.\tdied\ttwo\n", path: "f.tsv"), path: "f.tsv")
        }
        #expect(throws: FigureTableError.malformedRow(path: "f.tsv", line: 3, column: 1, problem: "3 tab-separated columns, expected 5 (word, kind, example, trigger, expect)")) {
            try FigureFinder.rows(of: header + "two\tnumber\tTwo died.\n", path: "f.tsv")
        }
        let error = FigureTableError.malformedRow(path: "f.tsv", line: 3, column: 5, problem: "unknown kind \"numeral\", expected number, qualifier, unit, month or break")
        #expect(error.description == "f.tsv:3:5: error: figure table: unknown kind \"numeral\", expected number, qualifier, unit, month or break")
        let finder = try FigureFinder(rows: FigureFinder.rows(of: header + "two\tnumber\tTwo died.\tdied\ttwo\n", path: "f.tsv"), path: "f.tsv")
        #expect(finder.words == ["two": .number])
    }
}
