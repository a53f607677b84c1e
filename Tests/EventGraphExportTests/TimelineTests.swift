import EventGraphCore
import EventGraphExport
import Foundation
import Testing

@Suite struct TimelineTests {
    static func evidence(_ doc: String, _ text: String = "Sentence.", span: String = "S") -> Evidence {
        Evidence(document: doc, sentence: 0, start: 0, end: 1, byteStart: 0, byteEnd: 1, text: span, sentenceText: text, rule: "test.rule", confidence: 0.8)
    }

    static func graph(sentence: String = "Sentence.") -> Graph {
        let mko = Entity(id: "organization:mko", type: .organization, name: "MKO", aliases: ["MEK"], mentions: [evidence("a", span: "MKO")])
        let albania = Entity(type: .place, name: "Albania", mentions: [evidence("a")])
        let police = Entity(type: .organization, name: "Albanian police", mentions: [evidence("a")])
        func event(_ type: String, _ date: String?, _ participants: [Participant]) -> Event {
            Event(type: type, date: date.flatMap { TimeValue(timex: $0) }, participants: participants, evidence: [evidence("a", sentence)])
        }
        return Graph(
            documents: [Document(id: "a", path: "a", source: "Mehr News Agency", published: CalendarDay(iso: "2023-06-21"), sha256: SHA256.hexDigest(of: "a"))],
            entities: [mko, albania, police],
            events: [
                event("raid", "2023-06-20", [Participant(role: .agent, entity: police.id), Participant(role: .target, entity: mko.id)]),
                event("war", "198", [Participant(role: .target, entity: albania.id)]),
                event("agreement", "2014", []),
                event("meeting", nil, [Participant(role: .agent, entity: mko.id)]),
                event("statement", "1985", [Participant(role: .agent, entity: police.id)]),
            ],
            relations: [
                Relation(type: "hosted-by", source: mko.id, target: albania.id,
                         time: TemporalInterval(start: TimeValue(timex: "2013"), end: TimeValue(timex: "2023"), duration: "P10Y"), evidence: [evidence("a")]),
                Relation(type: "hosted-by", source: mko.id, target: albania.id, time: TemporalInterval(start: TimeValue(timex: "2016"), end: nil),
                         modality: .reported, evidence: [evidence("a")]),
            ])
    }

    @Test func ordersByStartCoarserFirstUndatedLast() {
        let timeline = Timeline(graph: Self.graph())
        #expect(timeline.dated.map(\.when) == ["1980s", "1985", "2013 → 2023", "2014", "2016 →", "2023-06-20"])
        #expect(timeline.undated.map(\.headline) == ["Meeting by MKO"])
        #expect(timeline.undated.first?.reportedOn == "2023-06-21")
    }

    @Test func entityFilterMatchesAliases() {
        let timeline = Timeline(graph: Self.graph(), filter: .init(entities: ["MEK"]))
        #expect(timeline.dated.map(\.headline) == ["MKO hosted by Albania", "MKO hosted by Albania", "Albanian police raided MKO"])
        #expect(timeline.undated.count == 1)
    }

    @Test func dateTypeAndSourceFilters() {
        let graph = Self.graph()
        #expect(Timeline(graph: graph, filter: .init(from: CalendarDay(iso: "2015-01-01"))).dated.map(\.when) == ["2013 → 2023", "2016 →", "2023-06-20"])
        #expect(Timeline(graph: graph, filter: .init(to: CalendarDay(iso: "1986-01-01"))).dated.map(\.when) == ["1980s", "1985"])
        // "since 2016" is open: it reaches into every range after 2016.
        #expect(Timeline(graph: graph, filter: .init(from: CalendarDay(iso: "2024-01-01"))).dated.map(\.when) == ["2016 →"])
        #expect(Timeline(graph: graph, filter: .init(types: ["raid", "war"])).dated.map(\.type) == ["war", "raid"])
        #expect(Timeline(graph: graph, filter: .init(source: "mehr")).dated.count == 6)
        #expect(Timeline(graph: graph, filter: .init(source: "reuters")).dated.isEmpty)
    }

    @Test func htmlEscapesEverythingFromArticles() {
        let hostile = "He said <script>alert(\"x\")</script> & 'left'"
        let page = TimelineRenderer.render(Timeline(graph: Self.graph(sentence: hostile)), as: .html, options: .init(evidence: true))
        #expect(!page.contains("<script>alert"))
        // Article text reaches the page only inside its JSON data, where it cannot close the element.
        #expect(page.contains(#"He said \u003cscript\u003ealert(\"x\")\u003c/script\u003e \u0026 'left'"#))
        #expect(page.components(separatedBy: "<script").count == 4, "the data and the page's two scripts")
        #expect(!page.contains("href="))
        #expect(page.contains("Content-Security-Policy\" content=\"default-src 'none';"))
    }

    @Test func timelineJSUsesPartialDates() throws {
        let json = TimelineRenderer.render(Timeline(graph: Self.graph()), as: .timelinejs)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let events = try #require(root["events"] as? [[String: Any]])
        let decade = try #require(events.first)
        #expect(decade["start_date"] as? [String: String] == ["year": "1980"])
        #expect(decade["end_date"] as? [String: String] == ["year": "1989"])
        let raid = try #require(events.first { ($0["unique_id"] as? String)?.hasPrefix("event:raid-") == true })
        #expect(raid["start_date"] as? [String: String] == ["year": "2023", "month": "6", "day": "20"])
        #expect(raid["group"] as? String == "Albanian police")
    }

    @Test func textWrapsAndColoursOnlyWhenAsked() {
        let plain = TimelineRenderer.render(Timeline(graph: Self.graph()), as: .text, options: .init(width: 40))
        #expect(!plain.contains("\u{1B}["))
        #expect(plain.split(separator: "\n").allSatisfy { $0.count <= 40 || !$0.contains(" ") })
        let coloured = TimelineRenderer.render(Timeline(graph: Self.graph()), as: .text, options: .init(color: true))
        #expect(coloured.contains("\u{1B}[1;36m"))
    }
}
