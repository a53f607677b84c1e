import EventGraphCore
@testable import EventGraphExport
import Foundation
import Testing

/// Evidence as readers see it: each sentence once, the fact's spans marked, long sentences cut
/// around them.
@Suite struct PassageTests {
    /// "Police raided the camp; police raided it again." as sentence 3 of an article, 100 scalars in.
    static let sentence = "Police raided the camp; police raided it again."

    static func evidence(_ start: Int, _ text: String, rule: String, sentence: Int = 3, document: String = "a.txt", sentenceText: String = sentence) -> Evidence {
        Evidence(document: document, sentence: sentence, start: 100 + start, end: 100 + start + text.unicodeScalars.count,
                        byteStart: 0, byteEnd: 0, text: text, sentenceText: sentenceText, rule: rule, confidence: 1)
    }

    @Test func oneSentenceReadByThreeRulesIsOnePassageWithItsSpansMarked() {
        // "raided" occurs twice: the unique span "camp" places the sentence, so the second
        // "raided" (at 31) is marked where it is, not at the first occurrence.
        let passages = Passage.of([Self.evidence(31, "raided", rule: "event.verb"), Self.evidence(18, "camp", rule: "event.target"),
                                   Self.evidence(31, "raided", rule: "event.frame")])
        #expect(passages.count == 1)
        #expect(passages[0].rules == ["event.frame", "event.target", "event.verb"])
        #expect(passages[0].text == Self.sentence)
        #expect(passages[0].segments.map { $0.marked ? "[\($0.text)]" : $0.text }.joined() == "Police raided the [camp]; police [raided] it again.")
    }

    @Test func passagesAreOnePerSentenceInDocumentOrder() {
        let passages = Passage.of([Self.evidence(7, "raided", rule: "r", document: "b.txt"), Self.evidence(7, "raided", rule: "r", sentence: 1),
                                   Self.evidence(7, "raided", rule: "r")])
        #expect(passages.map { "\($0.document)#\($0.sentence)" } == ["a.txt#1", "a.txt#3", "b.txt#3"])
    }

    @Test func overlappingSpansMergeAndAnEmojiCountsAsOneScalar() {
        let text = "The 👮 police raided it."
        let passages = Passage.of([Self.evidence(6, "police raided", rule: "a", sentenceText: text), Self.evidence(13, "raided", rule: "b", sentenceText: text)])
        #expect(passages[0].segments.map { $0.marked ? "[\($0.text)]" : $0.text }.joined() == "The 👮 [police raided] it.")
    }

    @Test func aLongSentenceIsShownAroundItsSpans() {
        let words = (0..<400).map { "w\($0)" }.joined(separator: " ")
        let text = words + " raided " + words
        let start = words.unicodeScalars.count + 1
        let passage = Passage.of([Self.evidence(start, "raided", rule: "r", sentenceText: text)])[0]
        #expect(passage.text.unicodeScalars.count < 2 * Passage.context + 20)
        #expect(passage.text.hasPrefix("…") && passage.text.hasSuffix("…"))
        #expect(passage.segments.filter(\.marked).map(\.text) == ["raided"])
    }

    @Test func argumentEvidenceIsLeftOut() {
        let argument = Self.evidence(18, "camp", rule: "relation.belongs-to.name.argument")
        #expect(argument.isArgumentEvidence)
        #expect(Passage.of([argument]).isEmpty)
    }

    /// The text timeline shows each sentence once, with the span and the article's outlet, title,
    /// date and link; the graph JSON keeps all the evidence.
    @Test func theTextTimelineQuotesEachSentenceOnceWithItsArticle() {
        let document = Document(id: "a.txt", path: "a.txt", url: "https://news.example/raid", title: "Raid on the camp", source: "Example News",
                                published: CalendarDay(iso: "2023-06-21"), sha256: "0")
        let event = Event(type: "raid", date: TimeValue(timex: "2023-06-20"), participants: [],
                          evidence: [Self.evidence(7, "raided", rule: "event.verb"), Self.evidence(7, "raided", rule: "event.frame")])
        let graph = Graph(documents: [document], events: [event])
        let text = TimelineRenderer.render(Timeline(graph: graph), as: .text, options: .init(evidence: true))
        #expect(text.components(separatedBy: "· “Police").count == 2, "\(text)")
        #expect(text.contains("· “Police «raided» the camp; police raided it again.”"))
        #expect(text.contains("Example News, “Raid on the camp”, 2023-06-21, https://news.example/raid"))
        let markdown = TimelineRenderer.render(Timeline(graph: graph), as: .markdown, options: .init(evidence: true))
        #expect(markdown.components(separatedBy: "  - “Police").count == 2, "\(markdown)")
        #expect(markdown.contains("**raided**"))
        #expect(graph.events[0].evidence.count == 2)
    }
}

/// Headlines name who did what to whom; a fact without actors says where, or quotes its words.
@Suite struct HeadlineTests {
    static func event(_ type: String, _ participants: [Participant], sentence: String, span: String) -> Event {
        let start = sentence.unicodeScalars.count - (sentence.components(separatedBy: span).last ?? "").unicodeScalars.count - span.unicodeScalars.count
        let evidence = Evidence(document: "a.txt", sentence: 0, start: start, end: start + span.unicodeScalars.count, byteStart: 0, byteEnd: 0,
                                text: span, sentenceText: sentence, rule: "r", confidence: 1)
        return Event(type: type, date: nil, participants: participants, evidence: [evidence])
    }

    static let names = ["organization:police": "Albanian police", "organization:mko": "MKO", "place:albania": "Albania"]
    static func name(_ id: String) -> String { names[id] ?? id }

    @Test func actorsPlaceOrWords() {
        let raid = Self.event("raid", [Participant(role: .agent, entity: "organization:police"), Participant(role: .target, entity: "organization:mko")],
                              sentence: "Police raided the camp.", span: "raided")
        #expect(Headline.event(raid, name: Self.name) == "Albanian police raided MKO")
        let agreement = Self.event("agreement", [Participant(role: .place, entity: "place:albania")], sentence: "The 2014 agreement held.", span: "agreement")
        #expect(Headline.event(agreement, name: Self.name) == "Agreement in Albania")
        let statement = Self.event("statement", [], sentence: "It added that the group had carried out actions that contravened its commitments.", span: "added")
        #expect(Headline.event(statement, name: Self.name) == "Statement: “It added that the group had carried out actions that…”")
    }
}
