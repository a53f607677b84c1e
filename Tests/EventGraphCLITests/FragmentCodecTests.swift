import EventGraphCore
import EventGraphStore
import Testing

/// The store's binary encoding of a fragment: every field comes back exactly, and bytes that are
/// not a whole fragment of this version come back as nothing (the article is extracted again),
/// never as a wrong graph or a crash.
@Suite struct FragmentCodecTests {
    static func evidence(_ document: String, _ start: Int, _ text: String, sentence: String, confidence: Double) -> Evidence {
        Evidence(document: document, sentence: 3, start: start, end: start + text.unicodeScalars.count, byteStart: start + 2,
                 byteEnd: start + 2 + text.utf8.count, text: text, sentenceText: sentence, rule: "test.codec", confidence: confidence, toolVersion: "test+1")
    }

    /// A fragment with each optional field both present and absent, non-ASCII text and a
    /// confidence that is not a short decimal.
    static func fragment() -> Graph {
        let sentence = "Le ministère a dit : « non » 🇦🇱."
        let day = TimeValue(timex: "2023-06-20")
        return Graph(
            documents: [Document(id: "a.txt", path: "feeds/a.txt", url: "https://news.example/a", title: "Titre é", source: "Outlet",
                                 published: CalendarDay(iso: "2023-06-21"), license: "CC-BY-4.0", sha256: String(repeating: "ab", count: 32))],
            entities: [
                Entity(id: "organization:ministere", type: .organization, name: "Ministère", aliases: ["le ministère", "MFA"],
                       mentions: [evidence("a.txt", 3, "ministère", sentence: sentence, confidence: 1.0 / 3.0)]),
                Entity(type: .person, name: "Nasser Kanaani", mentions: [evidence("a.txt", 40, "Kanaani", sentence: sentence, confidence: 0.9)]),
            ],
            timexes: [
                Timex(document: "a.txt", text: "Tuesday", type: .date, value: "2023-06-20", start: 90, end: 97, rule: "timex.weekday"),
                Timex(document: "a.txt", text: "for ten years", type: .duration, value: "P10Y", start: 100, end: 113,
                      interval: TemporalInterval(start: TimeValue(timex: "2013"), end: nil, duration: "P10Y"), rule: "timex.duration", confidence: 0.75),
            ],
            events: [
                Event(type: "raid", date: day, participants: [Participant(role: .agent, entity: "organization:ministere")],
                      evidence: [evidence("a.txt", 50, "raided", sentence: sentence, confidence: 0.7)]),
                Event(type: "statement", date: nil, participants: [Participant(role: .agent, entity: "person:nasser-kanaani")], modality: .reported,
                      by: "person:nasser-kanaani", label: "non", evidence: [evidence("a.txt", 60, "dit", sentence: sentence, confidence: 0.6)]),
            ],
            relations: [
                Relation(type: "cited-as", source: "organization:ministere", target: nil, label: "terrorist cult", by: "person:nasser-kanaani",
                         modality: .reported, evidence: [evidence("a.txt", 70, "cult", sentence: sentence, confidence: 0.55)]),
                Relation(type: "hosted-by", source: "organization:ministere", target: "place:albania",
                         time: TemporalInterval(start: TimeValue(timex: "2013"), end: day, duration: nil),
                         evidence: [evidence("a.txt", 80, "hosted", sentence: "", confidence: 0.8)], timeInIdentity: false),
            ])
    }

    @Test func everyFieldComesBack() throws {
        let fragment = Self.fragment()
        let decoded = try #require(FragmentCodec.decode(FragmentCodec.encode(fragment)))
        #expect(decoded == fragment)
        #expect(decoded.entities.flatMap(\.mentions).map(\.confidence) == fragment.entities.flatMap(\.mentions).map(\.confidence))
        #expect(decoded.timexes.map(\.interval) == fragment.timexes.map(\.interval))
        #expect(FragmentCodec.decode(FragmentCodec.encode(Graph())) == Graph())
    }

    /// Each string is written once: the sentence, repeated in every piece of evidence, is in the
    /// bytes one time.
    @Test func repeatedStringsAreWrittenOnce() {
        let bytes = FragmentCodec.encode(Self.fragment())
        let sentence = Array("Le ministère a dit".utf8)
        let occurrences = (0...(bytes.count - sentence.count)).filter { bytes[$0..<($0 + sentence.count)].elementsEqual(sentence) }.count
        #expect(occurrences == 1)
    }

    @Test func truncatedOrForeignBytesAreNoFragment() {
        let bytes = FragmentCodec.encode(Self.fragment())
        for length in 0..<bytes.count {
            #expect(FragmentCodec.decode(Array(bytes[..<length])) == nil, "truncated to \(length) bytes")
        }
        var otherVersion = bytes
        otherVersion[3] = FragmentCodec.version &+ 1
        #expect(FragmentCodec.decode(otherVersion) == nil)
        #expect(FragmentCodec.decode(bytes + [0]) == nil)
        #expect(FragmentCodec.decode(Array("{\"documents\":[]}".utf8)) == nil)
    }
}
