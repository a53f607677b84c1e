import EventGraphCore
import EventGraphExport
import Foundation
import Testing

@Suite struct GraphJSONTests {
    static func sampleGraph() -> Graph {
        let text = "Albania has hosted the terror group for ten years."
        func evidence(_ start: Int, _ end: Int, rule: String) -> Evidence {
            Evidence(document: "a.txt", sentence: 0, start: start, end: end, byteStart: start, byteEnd: end,
                     text: String(text.unicodeScalars.dropFirst(start).prefix(end - start)), sentenceText: text, rule: rule, confidence: 0.75)
        }
        return Graph(
            documents: [Document(id: "a.txt", path: "seeds/a.txt", title: "<b>Title</b> & \"quotes\"", published: CalendarDay(iso: "2023-06-21"), sha256: SHA256.hexDigest(of: text))],
            entities: [
                Entity(type: .place, name: "Albania", mentions: [evidence(0, 7, rule: "entity.gazetteer")]),
                Entity(id: "organization:mko", type: .organization, name: "MKO", aliases: ["MEK"], mentions: [evidence(19, 34, rule: "entity.coreference")]),
            ],
            timexes: [Timex(document: "a.txt", text: "ten years", type: .duration, value: "P10Y", start: 39, end: 48,
                            interval: TemporalInterval(start: TimeValue(timex: "2013"), end: TimeValue(timex: "2023"), duration: "P10Y"), rule: "timex.duration")],
            events: [Event(type: "relocation", date: nil, participants: [Participant(role: .target, entity: "organization:mko")], evidence: [evidence(7, 18, rule: "event.trigger")])],
            relations: [Relation(type: "hosted-by", source: "organization:mko", target: "place:albania",
                                 time: TemporalInterval(start: TimeValue(timex: "2013"), end: TimeValue(timex: "2023"), duration: "P10Y"),
                                 evidence: [evidence(0, 48, rule: "relation.hosted-by.active")])])
    }

    @Test func roundTripsByteForByte() throws {
        let graph = Self.sampleGraph()
        let bytes = GraphJSON.encode(graph)
        let decoded = try GraphJSON.decode(bytes, path: "g.json")
        #expect(decoded == graph)
        #expect(GraphJSON.encode(decoded) == bytes)
        #expect(bytes.last == 0x0A)
    }

    @Test func keysAreSortedAndFormatIsNamed() throws {
        let text = String(decoding: GraphJSON.encode(Self.sampleGraph()), as: UTF8.self)
        let topKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(topKeys == ["documents", "entities", "events", "format", "formatVersion", "generator", "relations", "timexes"])
        #expect(text.contains("\"format\": \"eventgraph-graph\""))
        #expect(text.contains("\"place\": null"))
        #expect(text.contains("\"modality\": \"asserted\""))
    }

    @Test func eachQuotedSentenceIsWrittenOnceInItsDocument() throws {
        let text = String(decoding: GraphJSON.encode(Self.sampleGraph()), as: UTF8.self)
        // Four facts quote the sentence; the file holds it once, in the document's table.
        #expect(text.components(separatedBy: "Albania has hosted the terror group for ten years.").count - 1 == 1)
        #expect(!text.contains("sentenceText"))
        #expect(text.contains("\"sentences\": [\n        {\"index\": 0, \"text\": \"Albania has hosted"))
    }

    @Test func evidenceThatDisagreesAboutASentenceKeepsItsOwnText() throws {
        func mention(_ sentenceText: String) -> Evidence {
            Evidence(document: "d", sentence: 0, start: 0, end: 3, byteStart: 0, byteEnd: 3, text: "MKO", sentenceText: sentenceText, rule: "hand", confidence: 1)
        }
        let graph = Graph(
            documents: [Document(id: "d", path: "d", sha256: SHA256.hexDigest(of: "MKO"))],
            entities: [Entity(type: .organization, name: "MKO", mentions: [mention("MKO one."), mention("MKO two.")])])
        let bytes = GraphJSON.encode(graph)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"sentenceText\": \"MKO two.\""))
        #expect(try GraphJSON.decode(bytes, path: "g.json") == graph)
    }

    @Test func versionOneFilesWithSentenceTextInTheEvidenceAreStillRead() throws {
        let version1 = """
            {"format": "eventgraph-graph", "formatVersion": 1, "generator": "eventgraph 0.1.0",
             "documents": [{"id": "a", "path": "a", "url": null, "title": null, "source": null, "published": null, "license": null, "sha256": "00"}],
             "entities": [{"id": "organization:mko", "type": "organization", "name": "MKO", "aliases": [], "mentions": [
               {"document": "a", "sentence": 0, "start": 0, "end": 3, "byteStart": 0, "byteEnd": 3, "text": "MKO",
                "sentenceText": "MKO left.", "rule": "r", "confidence": 1, "toolVersion": "0.1.0"}]}],
             "timexes": [], "events": [], "relations": []}
            """
        let graph = try GraphJSON.decode(Array(version1.utf8), path: "g.json")
        #expect(graph.entities.first?.mentions.first?.sentenceText == "MKO left.")
        #expect(decodeError(version1.replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": 9"))
            == "g.json:1:49: error: invalid graph JSON: formatVersion 9 is not one this eventgraph reads (1 to 3)")
    }

    /// Every object's keys in UTF-8 byte order, in the pretty file and in the one-line form.
    @Test func everyObjectHasSortedKeys() throws {
        func check(_ node: JSONNode) {
            switch node.value {
            case .object(let members):
                let keys = members.map(\.key)
                #expect(keys == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "line \(node.line)")
                for member in members { check(member.value) }
            case .array(let items): for item in items { check(item) }
            default: break
            }
        }
        let graph = Self.sampleGraph()
        check(try JSONParser.parse(GraphJSON.encode(graph)))
        let line = GraphJSON.encodeLine(graph)
        check(try JSONParser.parse(line))
        #expect(line.filter { $0 == 0x0A }.count == 1 && line.last == 0x0A)
        #expect(try GraphJSON.decode(line, path: "g.jsonl") == graph)
    }

    func decodeError(_ text: String) -> String {
        do {
            _ = try GraphJSON.decode(Array(text.utf8), path: "g.json")
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func errorsNameLineAndColumn() {
        #expect(decodeError("{\n  \"documents\": [\n}") == "g.json:3:1: error: invalid graph JSON: unexpected character '}', expected a value")
        #expect(decodeError("[]") == "g.json:1:1: error: invalid graph JSON: expected an object at the top level")
        #expect(decodeError("{\"format\": \"other\"}") == "g.json:1:12: error: invalid graph JSON: format is 'other', expected 'eventgraph-graph'")
        let wrongType = """
            {"format": "eventgraph-graph", "formatVersion": 1, "generator": "eventgraph 0.1.0",
             "documents": [{"id": "a", "path": "a", "sha256": "00", "published": "2023-02-30"}],
             "entities": [], "timexes": [], "events": [], "relations": []}
            """
        #expect(decodeError(wrongType) == "g.json:2:70: error: invalid graph JSON: .documents[0].published: not a YYYY-MM-DD date: 2023-02-30")
        let missing = "{\"format\": \"eventgraph-graph\", \"formatVersion\": 1, \"generator\": \"x\", \"documents\": [], \"entities\": []}"
        #expect(decodeError(missing) == "g.json:1:1: error: invalid graph JSON: top level: missing key 'timexes'")
    }
}

@Suite struct AtomicFileTests {
    @Test func replacesWholeFilesAndLeavesNoTemporaries() throws {
        let folder = NSTemporaryDirectory() + "eventgraph-atomic-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out/graph.json"
        try AtomicFile.write(Array("old".utf8), to: path)
        try AtomicFile.write(Array("new".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out") == ["graph.json"])
    }

    @Test func failureLeavesThePreviousFileIntact() throws {
        let folder = NSTemporaryDirectory() + "eventgraph-atomic-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/graph.json"
        try AtomicFile.write(Array("old".utf8), to: path)
        // A folder where the file should be: the rename fails, the old content stays.
        try FileManager.default.createDirectory(atPath: folder + "/blocked.json/inner", withIntermediateDirectories: true)
        #expect(throws: ExportError.self) { try AtomicFile.write(Array("new".utf8), to: folder + "/blocked.json") }
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == ["graph.json", "blocked.json"])
    }
}
