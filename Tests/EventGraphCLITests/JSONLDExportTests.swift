import EventGraphCore
import EventGraphCorpus
import EventGraphExport
import Foundation
import Testing

/// The JSON-LD export read by real RDF tools (pyld, rdflib, pyshacl): offline expansion, SHACL
/// shapes, exact NIF spans against the articles' texts, IRIs under `--base`, dates as bounds.
@Suite struct JSONLDExportTests {
    static let root = CommandRunner.repositoryRoot

    /// `check_jsonld.py`'s JSON summary of FILE, with the seed articles' texts for the span check.
    static func check(_ file: String, texts: String? = nil) throws -> (status: Int32, output: String, summary: [String: Any]) {
        var arguments = ["python3", root.appendingPathComponent("Tests/Support/check_jsonld.py").path, file,
                         root.appendingPathComponent("Schemas/jsonld/eventgraph.shapes.ttl").path]
        if let texts { arguments.append(texts) }
        let run = try CommandRunner.tool(arguments)
        let summary = (try? JSONSerialization.jsonObject(with: Data(run.output.utf8))) as? [String: Any] ?? [:]
        return (run.status, run.output, summary)
    }

    /// The seed articles' texts by document id, as the span check reads them.
    static func seedTexts(in folder: URL) throws -> String {
        let read = CorpusReader().read(paths: [root.appendingPathComponent("seeds").path])
        #expect(read.errors.isEmpty)
        var texts: [String: String] = [:]
        for source in read.documents { texts[source.document.id] = source.text }
        let file = folder.appendingPathComponent("texts.json")
        try JSONSerialization.data(withJSONObject: texts, options: [.sortedKeys]).write(to: file)
        return file.path
    }

    /// The README's "who calls X what" (`Schemas/jsonld/queries/who-calls-what.rq`, shown there
    /// verbatim), run by rdflib on the seed export: the labels of the MKO by outlet and speaker,
    /// with the same counts as `eventgraph compare`.
    @Test func whoCallsWhatQueryAnswersAsCompareDoes() throws {
        let query = Self.root.appendingPathComponent("Schemas/jsonld/queries/who-calls-what.rq")
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(try String(contentsOf: query, encoding: .utf8)), "README shows the query file verbatim")
        let run = try CommandRunner.tool(["python3", Self.root.appendingPathComponent("Tests/Support/sparql_query.py").path,
                                          Self.root.appendingPathComponent("Exports/seed.jsonld").path, query.path])
        #expect(run.status == 0, "\(run.output)")
        let rows = try #require((try? JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[Any]]))
        let lines = rows.map { row in row.map { $0 as? String ?? "-" }.joined(separator: " | ") }
        #expect(lines.contains("terrorist cult | Mehr News Agency | - | 1"), "\(lines)")
        #expect(lines.contains("terrorist | Mehr News Agency | Iran's Foreign Ministry | 1"))
        #expect(lines.contains("terrorist | Mehr News Agency | - | 2"))
        #expect(lines.contains("the cause of the raid | Mehr News Agency | Nasser Kanaani | 1"))
        #expect(lines.contains("terrorists | Mehr News Agency | - | 5"))
    }

    @Test func seedJSONLDExpandsOfflineConformsAndAnswersWhoHostedTheMKO() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("seed.jsonld").path
        #expect(try CommandRunner.run(["export", "Exports/seed.graph.json", "--format", "jsonld", "-o", file]).status == 0)
        let check = try Self.check(file, texts: try Self.seedTexts(in: folder))
        #expect(check.status == 0, "\(check.output)")
        #expect((check.summary["mentions"] as? Int ?? 0) > 200)
        let hosts = check.summary["hosted_by"] as? [[Any]] ?? []
        #expect(hosts.contains { ($0[0] as? String) == "Albania" && ($0[1] as? String) == "2013" && ($0[2] as? String) == "asserted" })
        #expect(hosts.contains { ($0[0] as? String) == "Albania" && ($0[1] as? String) == "2016" && ($0[2] as? String) == "reported" })
        // The embedded context is the one published in Schemas/.
        let published = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent("Schemas/jsonld/eventgraph.context.jsonld"))) as? [String: Any]
        let exported = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
        let same = NSDictionary(dictionary: published?["@context"] as? [String: Any] ?? [:]).isEqual(to: exported?["@context"] as? [String: Any] ?? ["x": 1])
        #expect(same)
        #expect((published?["@context"] as? [String: Any])?["schema"] as? String == "https://schema.org/")
    }

    /// The span check fails when an anchor is not its span, and when two facts share a mention.
    @Test func theSpanCheckCatchesAWrongAnchorAndASharedMention() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "Police raided the camp in Manëz on Tuesday."
        let span = Evidence(document: "a.txt", sentence: 0, start: 7, end: 13, byteStart: 7, byteEnd: 13, text: "raided", sentenceText: text, rule: "event.raid", confidence: 1)
        let event = Event(type: "raid", date: nil, participants: [], evidence: [span])
        let good = Graph(documents: [Document(id: "a.txt", path: "a.txt", sha256: "0")], events: [event])
        let texts = folder.appendingPathComponent("texts.json")
        try JSONSerialization.data(withJSONObject: ["a.txt": text]).write(to: texts)
        let goodFile = folder.appendingPathComponent("good.jsonld")
        try Data(JSONLD.encode(good)).write(to: goodFile)
        let passed = try Self.check(goodFile.path, texts: texts.path)
        #expect(passed.status == 0, "\(passed.output)")

        var wrong = span
        wrong.text = text
        let badFile = folder.appendingPathComponent("bad.jsonld")
        try Data(JSONLD.encode(Graph(documents: good.documents, events: [Event(type: "raid", date: nil, participants: [], evidence: [wrong])]))).write(to: badFile)
        let failed = try Self.check(badFile.path, texts: texts.path)
        #expect(failed.status == 1)
        #expect(failed.output.contains("is not the span 'raided'"), "\(failed.output)")

        // Two events that shared `#char=7,13` before mentions were named by their fact.
        let bytes = JSONLD.encode(Graph(documents: good.documents, events: [event, Event(type: "clash", date: nil, participants: [], evidence: [span])]))
        let node = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        let mentionIDs = (node?["@graph"] as? [[String: Any]] ?? []).flatMap { ($0["mentions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        #expect(mentionIDs.count == 2 && Set(mentionIDs).count == 2)
        let twoFile = folder.appendingPathComponent("two.jsonld")
        try Data(bytes).write(to: twoFile)
        #expect(try Self.check(twoFile.path, texts: texts.path).status == 0)
    }

    /// One mention node per fact and span, with every rule that read it, anchored on the span.
    @Test func eachFactSpanIsOneMentionWithItsRules() throws {
        let sentence = "Police raided the camp."
        func evidence(_ rule: String, sentenceIndex: Int = 0) -> Evidence {
            Evidence(document: "a.txt", sentence: sentenceIndex, start: 7, end: 13, byteStart: 7, byteEnd: 13, text: "raided", sentenceText: sentence, rule: rule, confidence: 1)
        }
        let event = Event(type: "raid", date: nil, participants: [], evidence: [evidence("event.raid"), evidence("event.verb"), evidence("event.raid")])
        let json = try JSONSerialization.jsonObject(with: Data(JSONLD.encode(Graph(documents: [Document(id: "a.txt", path: "a.txt", sha256: "0")], events: [event])))) as? [String: Any]
        let nodes = json?["@graph"] as? [[String: Any]] ?? []
        let mentions = nodes.first { $0["type"] as? String == "Event" }?["mentions"] as? [[String: Any]] ?? []
        #expect(mentions.count == 1)
        #expect(mentions.first?["rule"] as? [String] == ["event.raid", "event.verb"])
        #expect(mentions.first?["anchorOf"] as? String == "raided")
        #expect(mentions.first?["sentence"] as? String == "doc:a.txt#sentence-1")
        let sentences = nodes.filter { $0["type"] as? String == "Sentence" }
        #expect(sentences.count == 1 && sentences.first?["anchorOf"] as? String == sentence)
    }

    /// `--base` moves every data IRI, an article with a URL is named by it, and the vocabulary
    /// stays where it is defined.
    @Test func baseIRIAndArticleURLsNameTheNodes() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try "---\ntitle: Raid\nurl: https://news.example/2023/raid#top\npublished: 2023-06-21\n---\nAlbanian police raided the camp of the MKO in Manëz on 20 June 2023.\n"
            .write(to: corpus.appendingPathComponent("raid.md"), atomically: true, encoding: .utf8)
        try "Albanian police raided the camp of the MKO in Manëz.\n".write(to: corpus.appendingPathComponent("plain.txt"), atomically: true, encoding: .utf8)
        let prefix = folder.appendingPathComponent("g").path
        let build = try CommandRunner.run(["build", corpus.path, "-o", prefix, "--formats", "jsonld", "--base", "https://osint.example.org/corpus", "--published", "2023-06-21"])
        #expect(build.status == 0, "\(build.stderr)")
        let check = try Self.check(prefix + ".jsonld")
        #expect(check.status == 0, "\(check.output)")
        let text = try String(contentsOfFile: prefix + ".jsonld", encoding: .utf8)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let context = json?["@context"] as? [String: Any] ?? [:]
        #expect(context["event"] as? String == "https://osint.example.org/corpus/event/")
        #expect(context["person"] as? String == "https://osint.example.org/corpus/entity/person/")
        #expect(context["doc"] as? String == "https://osint.example.org/corpus/doc/")
        #expect(context["eg"] as? String == "https://eventgraph.example/ns#")
        let documents = (json?["@graph"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "NewsArticle" }.compactMap { $0["id"] as? String }.sorted()
        #expect(documents == ["doc:plain.txt", "https://news.example/2023/raid"])
        #expect(!text.contains("https://news.example/2023/raid#top#"))

        let bad = try CommandRunner.run(["export", prefix + ".graph.json", "--format", "jsonld", "--base", "not an iri"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--base must be an absolute IRI such as https://example.org/corpus/, got 'not an iri'"))
    }

    /// A week, a season or a decade is given by its bounds and TIMEX3 value, never as a start and
    /// end date that would say the event lasted that long; a day is a start date without an end.
    @Test func imprecisePeriodsAreBoundsNotDurations() throws {
        let evidence = Evidence(document: "a.txt", sentence: 0, start: 0, end: 6, byteStart: 0, byteEnd: 6, text: "raided", sentenceText: "raided", rule: "r", confidence: 1)
        func node(_ value: String) throws -> [String: Any] {
            let event = Event(type: "raid", date: TimeValue(timex: value), participants: [], evidence: [evidence])
            let json = try JSONSerialization.jsonObject(with: Data(JSONLD.encode(Graph(events: [event])))) as? [String: Any]
            return (json?["@graph"] as? [[String: Any]] ?? []).first { $0["type"] as? String == "Event" } ?? [:]
        }
        let week = try node("2023-W25")
        #expect(week["startDate"] == nil && week["endDate"] == nil)
        #expect(week["earliestBegin"] as? String == "2023-06-19" && week["latestEnd"] as? String == "2023-06-25")
        #expect(week["timexValue"] as? String == "2023-W25" && week["datePrecision"] as? String == "week")
        let decade = try node("198")
        #expect(decade["startDate"] == nil && decade["endDate"] == nil && decade["latestEnd"] as? String == "1989-12-31")
        let day = try node("2023-06-20")
        #expect((day["startDate"] as? [String: Any])?["@value"] as? String == "2023-06-20" && day["endDate"] == nil)
        let month = try node("2023-06")
        #expect((month["startDate"] as? [String: Any])?["@type"] as? String == "xsd:gYearMonth" && month["endDate"] == nil)
    }
}
