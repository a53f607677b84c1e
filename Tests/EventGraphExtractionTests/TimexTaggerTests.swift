import EventGraphCore
@testable import EventGraphExtraction
import EventGraphSyntax
import Foundation
import Testing

@Suite struct TimexTaggerTests {
    func tag(_ text: String, dct: String? = "2023-06-21", rules: TimexRuleSet? = nil) throws -> [Timex] {
        let document = Document(id: "t", path: "t", published: dct.flatMap { CalendarDay(iso: $0) }, sha256: SHA256.hexDigest(of: text))
        let pipeline = try Pipeline(stages: [TokenizerStage(), try SentenceSplitter(), try TimexTagger(rules: rules)])
        return pipeline.analyze(SourceDocument(document: document, text: text)).timexes
    }

    /// With the part-of-speech tagger, as `build` and `timex` run it: the clause's own verb tells the tense.
    func tagWithSyntax(_ text: String, dct: String = "2023-06-21") throws -> [Timex] {
        let document = Document(id: "t", path: "t", published: CalendarDay(iso: dct), sha256: SHA256.hexDigest(of: text))
        let models = try SyntaxModels.standard()
        let pipeline = try Pipeline(stages: [TokenizerStage(), try SentenceSplitter(), TaggingStage(models: models), try TimexTagger()])
        return pipeline.analyze(SourceDocument(document: document, text: text)).timexes
    }

    /// A weekday takes the tense of its own clause, not a "will" elsewhere in the sentence
    /// (publication date Wednesday 2023-06-21).
    @Test func aWeekdayTakesItsOwnClausesTense() throws {
        #expect(try tagWithSyntax("The company said Monday that it will cut jobs.").map(\.value) == ["2023-06-19"])
        #expect(try tagWithSyntax("Police arrested him Friday, and prosecutors will charge him soon.").map(\.value).first == "2023-06-16")
        #expect(try tagWithSyntax("The committee will meet Friday.").map(\.value) == ["2023-06-23"])
        #expect(try tagWithSyntax("The minister is expected to arrive Friday.").map(\.value) == ["2023-06-23"])
        // A gerund takes the tense of the verb it is the object of.
        #expect(try tagWithSyntax("The stock is to resume trading in Paris Tuesday.").map(\.value) == ["2023-06-27"])
    }

    /// A month or day named alone in a past clause is the latest one by then ("in August" in a
    /// March article about last year); just ahead it stays in the year.
    @Test func aPastClauseMonthLiesBehind() throws {
        #expect(try tagWithSyntax("The factory closed in August.", dct: "2023-03-10").map(\.value) == ["2022-08"])
        #expect(try tagWithSyntax("The factory will close in August.", dct: "2023-03-10").map(\.value) == ["2023-08"])
        #expect(try tagWithSyntax("The factory closed on Dec. 28.", dct: "2023-03-10").map(\.value) == ["2022-12-28"])
        #expect(try tagWithSyntax("The board declared a dividend payable April 2.", dct: "2023-03-10").map(\.value) == ["2023-04-02"])
    }

    /// A month or day without its year, after a past year in the same sentence, is in that year.
    @Test func aPastYearOfTheSentenceGivesItsDaysTheirYear() throws {
        #expect(try tagWithSyntax("Last year's uprising forced him to resign on February 11.", dct: "2023-06-02").map(\.value) == ["2022", "2022-02-11"])
        #expect(try tagWithSyntax("In 2019, the factory closed in March.", dct: "2023-06-02").map(\.value) == ["2019", "2019-03"])
        #expect(try tagWithSyntax("In 2019 it closed, and it will reopen on February 11.", dct: "2023-06-02").map(\.value) == ["2019", "2024-02-11"])
    }

    /// "ago" counts from the publication date at its unit's granularity, whatever date came before;
    /// "later" is a duration (TimeML leaves the signal out) whose interval leads from the story's
    /// last date to the day it names, which later expressions count from.
    @Test func agoAndLaterAnchors() throws {
        let ago = try tag("On June 3 they met. It happened a year ago. They spoke five years ago.")
        #expect(ago.map(\.value) == ["2023-06-03", "2022", "2018"])
        let later = try tag("Police raided the camp on June 3. Three days later, they came back. A day later, they left.")
        #expect(later.map(\.text) == ["June 3", "Three days", "A day"])
        #expect(later.map(\.type) == [.date, .duration, .duration])
        #expect(later[1].interval?.end?.value == "2023-06-06")
        #expect(later[2].interval?.end?.value == "2023-06-07")
        // Three days after a year is no day: the duration alone.
        #expect(try tag("They arrived in 2013. Three days later, they left.")[1].interval == nil)
    }

    /// A period named only to compare ("a year earlier", "the year-ago quarter") counts from the
    /// period talked of, and later comparisons count from that period too, not from the
    /// comparison: two "a year earlier" in one report are the same year, not two years back.
    @Test func comparisonsDoNotMoveTheStorysTime() throws {
        let report = try tag("Profit rose in the quarter ended Sept. 30. It fell a year earlier. "
            + "In the year-earlier period, costs were high. Sales fell from a year earlier.", dct: "1989-11-02")
        #expect(report.map(\.value) == ["1989-Q3", "1989-09-30", "1988-Q3", "1988-Q3", "1988-Q3"])
        // "Year-ago" counts from publication: a forecast quarter of next year is no base for it.
        let forecast = try tag("Demand will slow in the third quarter of 1990. Sales beat the year-ago quarter.", dct: "1989-11-02")
        #expect(forecast.map(\.value) == ["1990-Q3", "1988-Q3"])
    }

    /// A story set in its own time: a weekday right after a date written with its year, far from
    /// publication, is the nearest one either side of that date (in a future clause the next);
    /// near publication, or two sentences on, it counts from publication.
    @Test func aStorySetInAnotherPeriodAnchorsItsWeekdays() throws {
        let story = try tagWithSyntax("On March 3, 1998, police raided the camp. On Thursday they returned.")
        #expect(story.map(\.value) == ["1998-03-03", "1998-03-05"])
        let future = try tagWithSyntax("On March 3, 1998, police raided the camp. They will return on Thursday.")
        #expect(future.map(\.value) == ["1998-03-03", "1998-03-05"])
        let near = try tagWithSyntax("On June 2, 2023, police raided the camp. On Thursday they returned.")
        #expect(near.map(\.value) == ["2023-06-02", "2023-06-15"])
        let later = try tagWithSyntax("On March 3, 1998, police raided the camp. It was cold. Nobody came. On Thursday they returned.")
        #expect(later.map(\.value).last == "2023-06-15")
    }

    @Test func withoutAPublicationDateRelativeDatesStayUnresolved() throws {
        let found = try tag("Police raided the camp on Tuesday, June 20, and again in 2014.", dct: nil)
        #expect(found.map(\.value) == ["XXXX-06-20", "2014"])
        #expect(try tag("It happened on Tuesday.", dct: nil).map(\.value) == ["XXXX-WXX-2"])
    }

    @Test func everyExpressionCarriesSpanRuleAndConfidence() throws {
        let text = "Kanaani said on Wednesday that Albania hosted the group for ten years."
        let found = try tag(text)
        #expect(found.count == 2)
        for timex in found {
            let scalars = Array(text.unicodeScalars)[timex.start..<timex.end]
            #expect(String(String.UnicodeScalarView(scalars)) == timex.text)
            #expect(timex.rule.contains("."))
            #expect(timex.confidence > 0 && timex.confidence <= 1)
            #expect(timex.document == "t")
        }
    }

    /// Random text of words, digits, punctuation and date words: the tagger must never crash, and
    /// every expression it finds must lie inside the text with a parseable or documented value.
    @Test func randomTextNeverBreaksTheTagger() throws {
        let vocabulary = ["Tuesday", "June", "20", "2014", "the", "last", "week", "ago", "a", "for", "ten", "years", "since", "-", "–",
                          "/", ":", "10", "a.m.", "Q3", "1980s", "'", "’s", "of", "early", "more", "than", "third-quarter", "May",
                          "Manëz", "Durrës", "\u{1F600}", ".", ",", "\n\n", "next", "this", "morning", "every", "31", "99", "0", "12"]
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let tagger = try TimexTagger()
        let splitter = try SentenceSplitter()
        for round in 0..<300 {
            let count = 1 + next() % 60
            let text = (0..<count).map { _ in vocabulary[next() % vocabulary.count] }.joined(separator: next() % 4 == 0 ? "" : " ")
            let dct = round % 5 == 0 ? nil : CalendarDay(year: 1990 + next() % 40, month: 1 + next() % 12, day: 1 + next() % 28)
            let document = Document(id: "r", path: "r", published: dct, sha256: SHA256.hexDigest(of: text))
            var analyzed = AnalyzedDocument(source: SourceDocument(document: document, text: text))
            TokenizerStage().process(&analyzed)
            splitter.process(&analyzed)
            for timex in tagger.tag(analyzed) {
                #expect(timex.start >= 0 && timex.start < timex.end && timex.end <= analyzed.scalars.count)
                #expect(!timex.value.isEmpty)
                if dct != nil, timex.type == .date, !timex.value.contains("X"), !timex.value.hasSuffix("_REF") {
                    #expect(TimeValue(timex: timex.value) != nil, "unparseable \(timex.value) for '\(timex.text)' in '\(text)'")
                }
            }
        }
    }

    @Test func userRulesAddToTheShippedOnes() throws {
        let folder = NSTemporaryDirectory() + "eventgraph-rules-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/timex", withIntermediateDirectories: true)
        try Data("""
            {"rules": [{"id": "user.harvest", "pattern": "the? harvest season", "type": "DATE", "normalize": "ref",
              "params": {"value": "PAST_REF"},
              "examples": [{"text": "It rained during the harvest season.", "dct": "2023-06-21",
                            "timexes": [{"text": "the harvest season", "type": "DATE", "value": "PAST_REF"}]}]}]}
            """.utf8).write(to: URL(fileURLWithPath: folder + "/timex/rules.json"))
        let rules = try TimexRuleSet.standard(adding: folder)
        #expect(rules.rules.last?.id == "user.harvest")
        let found = try tag("It rained during the harvest season on Tuesday.", rules: rules)
        #expect(found.map(\.text) == ["the harvest season", "Tuesday"])
    }

    @Test func brokenUserRulesAreClearErrors() throws {
        let folder = NSTemporaryDirectory() + "eventgraph-rules-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func error(_ json: String) -> String {
            try? Data(json.utf8).write(to: URL(fileURLWithPath: folder + "/rules.json"))
            do {
                _ = try TimexRuleSet.standard(adding: folder)
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(error(#"{"rules": [{"id": "x", "pattern": "<fortnight>", "type": "DATE", "normalize": "ref"}]}"#)
            == "\(folder)/rules.json:1:35: error: rule x: unknown class <fortnight> in '<fortnight>'")
        #expect(error(#"{"rules": [{"id": "x", "pattern": "now", "type": "DATE", "normalize": "guess"}]}"#)
            == "\(folder)/rules.json:1:12: error: rule x: unknown normalizer 'guess'")
        #expect(error("{\"rules\": [\n  {\"id\": }]}") == "\(folder)/rules.json:2:10: error: invalid JSON: unexpected character '}', expected a value")
        #expect(throws: ResourceError.missing(file: "/nonexistent/timex/rules.json")) { try TimexRuleSet.standard(adding: "/nonexistent") }
    }
}
