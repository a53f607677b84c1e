import EventGraphCore
import EventGraphCorpus
import Foundation
import Testing

@Suite struct CorpusReaderTests {
    @Test func readsEveryFormatAndKeepsGoingPastBadFiles() throws {
        let corpus = try TemporaryCorpus([
            "README.md": Array("# About this corpus".utf8),
            ".hidden.txt": Array("secret".utf8),
            "notes.pdf": [0x25, 0x50, 0x44, 0x46],
            "a.txt": Array("---\npublished: 2023-06-21\n---\nPolice raided the camp.".utf8),
            "sub/b.md": Array("No date here.".utf8),
            "sub/c.json": Array("{\"maintext\": \"JSON article.\", \"date_publish\": \"2023-06-22 08:00:00\"}".utf8),
            "sub/d.jsonl": Array("{\"text\": \"Line one.\"}\n{broken\n".utf8),
            "web/e.html": Array("<html><head><title>T</title></head><body><p>HTML article.</p></body></html>".utf8),
            "zz-bad.txt": Array("ok".utf8) + [0xFF],
            "out/seed.graph.json": Array("{\"documents\": []}".utf8),
            "out/seed.merges.json": Array("[]".utf8),
        ])
        let result = CorpusReader().read(paths: [corpus.root])
        #expect(result.documents.map(\.document.id) == ["a.txt", "sub/b.md", "sub/c.json", "sub/d.jsonl:1", "web/e.html"])
        #expect(result.errors.map(\.description) == [
            "\(corpus.path("sub/d.jsonl")):2:2: error: invalid JSON: unexpected character 'b', expected a member name in double quotes",
            "\(corpus.path("zz-bad.txt")):1:3: error: invalid UTF-8",
        ])
        #expect(result.warnings.map(\.description) == [
            "\(corpus.path("sub/b.md")):1:1: warning: no publication date; relative dates stay unresolved (set one with --published YYYY-MM-DD)",
            "\(corpus.path("sub/d.jsonl")):1:1: warning: no publication date; relative dates stay unresolved (set one with --published YYYY-MM-DD)",
            "\(corpus.path("web/e.html")):1:1: warning: no publication date; relative dates stay unresolved (set one with --published YYYY-MM-DD)",
        ])
    }

    @Test func defaultPublicationDateFillsOnlyTheGaps() throws {
        let corpus = try TemporaryCorpus(text: ["a.txt": "---\npublished: 2023-06-21\n---\nA.", "b.txt": "B."])
        let result = CorpusReader(defaultPublished: CalendarDay(iso: "2020-01-01")).read(paths: [corpus.root])
        #expect(result.documents.map { $0.document.published?.iso } == ["2023-06-21", "2020-01-01"])
        #expect(result.warnings.isEmpty)
    }

    @Test func aFileGivenAloneIsIdentifiedByItsName() throws {
        let corpus = try TemporaryCorpus(text: ["deep/x/a.txt": "Text."])
        let result = CorpusReader().read(paths: [corpus.path("deep/x/a.txt"), corpus.path("missing.txt")])
        #expect(result.documents.map(\.document.id) == ["a.txt"])
        #expect(result.errors.map(\.description) == ["\(corpus.path("missing.txt")):1:1: error: no such file or folder"])
    }

    @Test func duplicateIDsAreReported() throws {
        let one = try TemporaryCorpus(text: ["a.txt": "One."])
        let two = try TemporaryCorpus(text: ["a.txt": "Two."])
        let result = CorpusReader().read(paths: [one.root, two.root])
        #expect(result.documents.map(\.text) == ["One."])
        #expect(result.errors.map(\.description) == ["\(two.path("a.txt")):1:1: error: duplicate document id 'a.txt' (already read from \(one.path("a.txt")))"])
    }

    @Test func symlinkLoopsEnd() throws {
        let corpus = try TemporaryCorpus(text: ["a/a.txt": "Text."])
        try FileManager.default.createSymbolicLink(atPath: corpus.path("a/loop"), withDestinationPath: corpus.path("a"))
        let result = CorpusReader().read(paths: [corpus.root])
        #expect(result.documents.map(\.document.id) == ["a/a.txt"])
    }

    @Test func readsTheSeedCorpus() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seeds").path
        let result = CorpusReader().read(paths: [seeds])
        #expect(result.errors.isEmpty)
        #expect(result.documents.map(\.document.id) == ["000-mko-albania-raid.txt", "001-albanian-police-re-enter-mko-camp.txt"])
        #expect(result.documents.map { $0.document.published?.iso } == ["2023-06-21", "2023-06-29"])
        #expect(result.documents[0].text.hasPrefix("TEHRAN- Iran’s Foreign Ministry spokesperson"))
    }

    /// A folder of thousands of names of every length. readdir's records are only as long as their
    /// names, and copying a whole record read past the end of its buffer: a 10,000-article corpus
    /// crashed the listing that way. Whether a copy crosses into an unmapped page depends on the heap,
    /// so this cannot force the old crash; it checks that every name comes back whole.
    @Test func listsAFolderOfManyNamesOfEveryLength() throws {
        var files: [String: String] = [:]
        for index in 0..<3000 {
            let stem = String(format: "%04d-", index) + String(repeating: "n", count: index % 240)
            files["many/" + stem + ".txt"] = "Text \(index)."
        }
        let corpus = try TemporaryCorpus(text: files)
        let listing = CorpusReader().listing(for: [corpus.path("many")])
        #expect(listing.errors.isEmpty)
        #expect(listing.entries.map(\.id) == files.keys.map { String($0.dropFirst("many/".count)) }.sorted())
    }
}
