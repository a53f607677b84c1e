import EventGraphCore
import Foundation
import Testing

/// Small graphs built by hand, overlapping the way fragments of related articles do.
enum Fixtures {
    static func evidence(_ doc: String, _ start: Int, _ text: String, rule: String = "test.rule", confidence: Double = 0.8) -> Evidence {
        Evidence(document: doc, sentence: 0, start: start, end: start + text.unicodeScalars.count, byteStart: start,
                 byteEnd: start + text.utf8.count, text: text, sentenceText: text, rule: rule, confidence: confidence)
    }

    static let mkoID = "organization:mko"

    static func fragmentA() -> Graph {
        let raid = Event(type: "raid", date: TimeValue(timex: "2023-06-20"),
                         participants: [Participant(role: .agent, entity: "organization:albanian-police"), Participant(role: .target, entity: "facility:ashraf-3")],
                         evidence: [evidence("a.txt", 100, "raided an MKO camp")])
        return Graph(
            documents: [Document(id: "a.txt", path: "seeds/a.txt", published: CalendarDay(iso: "2023-06-21"), sha256: SHA256.hexDigest(of: "a"))],
            entities: [
                Entity(id: mkoID, type: .organization, name: "MKO", aliases: ["MEK"], mentions: [evidence("a.txt", 10, "MKO")]),
                Entity(type: .facility, name: "Ashraf-3", mentions: [evidence("a.txt", 120, "Ashraf-3")]),
            ],
            timexes: [Timex(document: "a.txt", text: "Tuesday", type: .date, value: "2023-06-20", start: 90, end: 97, rule: "timex.weekday")],
            events: [raid],
            relations: [Relation(type: "hosted-by", source: mkoID, target: "place:albania",
                                 time: TemporalInterval(start: TimeValue(timex: "2013"), end: TimeValue(timex: "2023"), duration: "P10Y"),
                                 evidence: [evidence("a.txt", 200, "Albania has hosted the terror group")])])
    }

    static func fragmentB() -> Graph {
        let raid = Event(type: "raid", date: TimeValue(timex: "2023-06-20"),
                         participants: [Participant(role: .target, entity: "facility:ashraf-3"), Participant(role: .agent, entity: "organization:albanian-police")],
                         evidence: [evidence("b.txt", 5, "the raid", confidence: 0.6)])
        return Graph(
            documents: [Document(id: "b.txt", path: "seeds/b.txt", published: CalendarDay(iso: "2023-06-29"), sha256: SHA256.hexDigest(of: "b"))],
            entities: [Entity(id: mkoID, type: .organization, name: "Mujahedin-e-Khalq Organization", aliases: ["MKO"], mentions: [evidence("b.txt", 40, "Mujahedin-e-Khalq Organization")])],
            events: [raid],
            relations: [Relation(type: "hosted-by", source: mkoID, target: "place:albania",
                                 time: TemporalInterval(start: TimeValue(timex: "2013"), end: TimeValue(timex: "2023"), duration: "P10Y"),
                                 evidence: [evidence("b.txt", 60, "hosted in Albania", confidence: 0.9)])])
    }

    static func fragmentC() -> Graph {
        Graph(
            documents: [Document(id: "c.txt", path: "seeds/c.txt", sha256: SHA256.hexDigest(of: "c"))],
            entities: [Entity(id: mkoID, type: .organization, name: "People's Mujahedin of Iran", mentions: [evidence("c.txt", 0, "People's Mujahedin of Iran")])],
            relations: [Relation(type: "cited-as", source: mkoID, target: nil, label: "terrorist cult", by: "person:nasser-kanaani",
                                 modality: .reported, evidence: [evidence("c.txt", 30, "this terrorist cult")])])
    }
}

@Suite struct GraphMergeTests {
    @Test func mergeIsCommutativeAndAssociative() {
        let (a, b, c) = (Fixtures.fragmentA(), Fixtures.fragmentB(), Fixtures.fragmentC())
        let reference = a.merged(with: b).merged(with: c)
        #expect(a.merged(with: b.merged(with: c)) == reference)
        #expect(c.merged(with: b).merged(with: a) == reference)
        #expect(b.merged(with: a.merged(with: c)) == reference)
        #expect(Graph.merge([c, a, b]) == reference)
        // Idempotent: merging a graph with itself or a part of itself changes nothing.
        #expect(reference.merged(with: reference) == reference)
        #expect(reference.merged(with: b) == reference)
    }

    /// The build merges its workers' partial graphs side by side: the same graph as the merger,
    /// whichever graphs overlap and in whatever order.
    @Test func mergingCanonicalGraphsSideBySideIsTheMerge() {
        let (a, b, c) = (Fixtures.fragmentA(), Fixtures.fragmentB(), Fixtures.fragmentC())
        let partials = [a, b, c, a.merged(with: b), b.merged(with: c), Graph()]
        for x in partials {
            for y in partials {
                #expect(Graph.mergeCanonical([x, y]) == Graph.merge([x, y]))
            }
        }
        #expect(Graph.mergeCanonical([c, a.merged(with: c), b]) == Graph.merge([a, b, c]))
        #expect(Graph.mergeCanonical([]) == Graph())
    }

    @Test func canonicalNameIsLongestWhateverTheOrder() throws {
        let merged = Graph.merge([Fixtures.fragmentA(), Fixtures.fragmentB(), Fixtures.fragmentC()])
        let mko = try #require(merged.entity(id: Fixtures.mkoID))
        #expect(mko.name == "Mujahedin-e-Khalq Organization")
        #expect(mko.aliases == ["MEK", "MKO", "People's Mujahedin of Iran"])
        #expect(mko.mentions.map(\.document) == ["a.txt", "b.txt", "c.txt"])
        #expect(Entity.canonicalName(among: ["Abc", "Abd", "Ab"]) == "Abc")
    }

    @Test func sameFactFromTwoArticlesIsOneFactWithTwoPiecesOfEvidence() throws {
        let merged = Fixtures.fragmentA().merged(with: Fixtures.fragmentB())
        #expect(merged.events.count == 1)
        let raid = try #require(merged.events.first)
        #expect(raid.evidence.documents == ["a.txt", "b.txt"])
        #expect(raid.confidence == 0.8)
        #expect(merged.relations.count == 1)
        #expect(merged.relations[0].evidence.count == 2)
        #expect(merged.relations[0].confidence == 0.9)
    }

    @Test func arraysAreInCanonicalOrder() {
        let merged = Graph.merge([Fixtures.fragmentC(), Fixtures.fragmentB(), Fixtures.fragmentA()])
        #expect(merged.documents.map(\.id) == ["a.txt", "b.txt", "c.txt"])
        #expect(merged.entities.map(\.id) == merged.entities.map(\.id).sorted())
        #expect(merged.relations.map(\.id) == merged.relations.map(\.id).sorted())
    }

    @Test func modelRoundTripsThroughJSON() throws {
        let graph = Graph.merge([Fixtures.fragmentA(), Fixtures.fragmentB(), Fixtures.fragmentC()])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(graph)
        let decoded = try JSONDecoder().decode(Graph.self, from: data)
        #expect(decoded == graph)
        #expect(try encoder.encode(decoded) == data)
    }

    @Test func evidenceConfidenceIsClamped() {
        #expect(Fixtures.evidence("a", 0, "x", confidence: 1.5).confidence == 1)
        #expect(Fixtures.evidence("a", 0, "x", confidence: -1).confidence == 0)
    }
}
