import EventGraphCore
import EventGraphExport
import Foundation
import Testing

/// One hostile or broken input, and what `eventgraph build` must do with it: report it as
/// `path:line:col: error: ...` and build the rest, or read it with a documented repair.
struct BadInput: Sendable, CustomTestStringConvertible {
    enum Content: Sendable {
        case bytes([UInt8])
        case text(String)
        /// A named pipe: opening it for reading would block forever.
        case fifo
        /// A sparse file of this many bytes (all zero), made without writing them.
        case sparse(Int)
        /// A symbolic link to this path (relative to the link's folder).
        case symlink(String)
        /// A file whose name is these bytes (not valid UTF-8), holding a good article; `file` is
        /// the name as diagnostics show it.
        case rawName([UInt8])
    }

    enum Outcome: Sendable {
        /// The error line after the path: `LINE:COL: error: message`.
        case error(String)
        /// Read, as this document id; `absent` must not appear in the graph (script text, the
        /// content of an external entity).
        case read(String, absent: String? = nil)
        /// Not an article at all: skipped without a message.
        case skipped
        /// A warning line after the path (`LINE:COL: warning: message`); the file is read as
        /// document `read` (or not at all when nil), and `absent` must not appear in the graph.
        case warning(String, read: String?, absent: String? = nil)
    }

    var kind: String
    /// The path inside the corpus folder.
    var file: String
    var content: Content
    var outcome: Outcome
    /// The file name as diagnostics show it, when that differs from `file` (controls and colons
    /// escaped).
    var shown: String? = nil

    var testDescription: String { kind }
}

/// The bad-input suite: every kind in one corpus with a good article, built once.
@Suite struct BadInputSuiteTests {
    static let goodArticle = "---\npublished: 2023-06-21\n---\nAlbanian police raided the Ashraf-3 camp on Tuesday, officials said.\n"

    /// Ten anchors, each aliasing the one before ten times, used as a repeated key: Yams' duplicate
    /// key check would compare 10^10 nodes.
    static let yamlBomb: String = {
        var lines = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        lines += ["? *a9", ": 1", "? *a9", ": 2", "---", "Police in Tirana raided the camp."]
        return lines.joined(separator: "\n") + "\n"
    }()

    static let cases: [BadInput] = {
        func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for unit in text.utf16 { bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            return bytes
        }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4B, 0x4C, 0x4A, 0x06, 0x00]
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE html [
            <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
            <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
            <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
            <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
            <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
            ]>
            <html><body><article><p>Police in Tirana said the raid went ahead. &f;</p></article></body></html>
            """
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
            <html><body><article><p>Police in Tirana said the raid went ahead. &secret;</p></article></body></html>
            """
        // Ten thousand distinct invented names in one article (issue 16): linear, no crash.
        let syllables = ["ka", "lo", "mi", "ra", "ten", "vor", "shi", "dun", "bel", "gra"]
        let manyNames = (0..<2_500).map { i -> String in
            let names = (0..<4).map { k -> String in
                let n = i * 4 + k
                return (syllables[n % 10] + syllables[(n / 10) % 10] + syllables[(n / 100) % 10]).capitalized + " " + (syllables[(n / 1000) % 10] + "nov").capitalized
            }
            return "Officials said \(names[0]) met \(names[1]) and \(names[2]), while \(names[3]) said nothing."
        }.joined(separator: "\n")
        let script = "<html><head><script>var leaked = 'SCRIPTMARKER';</script></head><body><article><p>Police in Tirana said the raid went ahead.</p>"
            + "<script>document.write('SCRIPTMARKER')</script><style>p { content: 'STYLEMARKER' }</style></article></body></html>"
        let deepHTML = "<html><body><article>" + String(repeating: "<div>", count: 100_000) + "Police in Tirana said the raid went ahead."
            + String(repeating: "</div>", count: 100_000) + "</article></body></html>"
        // Lower-case words and no punctuation: one sentence of 10 MB, cut into windows.
        var longLine = ""
        longLine.reserveCapacity(10_000_100)
        let words = ["police", "camp", "raid", "members", "officials", "group", "said", "the", "in", "and"]
        var index = 0
        while longLine.utf8.count < 10_000_000 {
            longLine += words[index % words.count] + " "
            index += 1
        }
        return [
            BadInput(kind: "invalid UTF-8: truncated sequence", file: "utf8-truncated.txt", content: .bytes(Array("Police raided it.\n".utf8) + [0xE2, 0x82]), outcome: .error("2:1: error: invalid UTF-8")),
            BadInput(kind: "invalid UTF-8: overlong form", file: "utf8-overlong.txt", content: .bytes(Array("Slash ".utf8) + [0xC0, 0xAF]), outcome: .error("1:7: error: invalid UTF-8")),
            BadInput(kind: "invalid UTF-8: lone surrogate", file: "utf8-surrogate.txt", content: .bytes(Array("Half ".utf8) + [0xED, 0xA0, 0x80] + Array(" pair".utf8)), outcome: .error("1:6: error: invalid UTF-8")),
            BadInput(kind: "invalid UTF-8: lone continuation byte", file: "utf8-continuation.txt", content: .bytes([0x80] + Array("abc".utf8)), outcome: .error("1:1: error: invalid UTF-8")),
            BadInput(kind: "UTF-16 little-endian with a BOM", file: "utf16le.txt", content: .bytes(utf16("Police in Tirana raided the camp.", bigEndian: false)), outcome: .read("utf16le.txt")),
            BadInput(kind: "UTF-16 big-endian with a BOM", file: "utf16be.txt", content: .bytes(utf16("Police in Tirana raided the camp.", bigEndian: true)), outcome: .read("utf16be.txt")),
            BadInput(kind: "UTF-8 with a BOM", file: "utf8-bom.txt", content: .bytes([0xEF, 0xBB, 0xBF] + Array("Police in Tirana raided the camp.".utf8)), outcome: .read("utf8-bom.txt")),
            BadInput(kind: "CRLF line ends", file: "crlf.txt", content: .text("---\r\npublished: 2023-06-21\r\n---\r\nPolice in Tirana raided the camp.\r\nOfficials said so.\r\n"), outcome: .read("crlf.txt")),
            BadInput(kind: "CR-only line ends", file: "cr.txt", content: .text("---\rpublished: 2023-06-21\r---\rPolice in Tirana raided the camp.\rOfficials said so.\r"), outcome: .read("cr.txt")),
            BadInput(kind: "NUL bytes", file: "nul.txt", content: .bytes(Array("Police\n raided".utf8) + [0x00] + Array("it".utf8)), outcome: .error("2:8: error: binary data (NUL byte) in a text file")),
            BadInput(kind: "empty file", file: "empty.txt", content: .bytes([]), outcome: .error("1:1: error: file is empty")),
            BadInput(kind: "whitespace-only file", file: "blank.txt", content: .text(" \n\t\n  \n"), outcome: .error("1:1: error: article has no text")),
            BadInput(kind: "front matter and no text", file: "no-body.md", content: .text("---\ntitle: Nothing here\n---\n\n"), outcome: .error("1:1: error: article has no text")),
            BadInput(kind: "a 10 MB line with no punctuation", file: "long-line.txt", content: .text(longLine), outcome: .read("long-line.txt")),
            BadInput(kind: "a file over the size limit (100 MB)", file: "huge.txt", content: .sparse(100_000_000), outcome: .error("1:1: error: file is 100000000 bytes, over the limit of 67108864 (raise it with --max-file-bytes)")),
            BadInput(kind: "PNG named .txt", file: "image.txt", content: .bytes(png), outcome: .error("1:1: error: invalid UTF-8")),
            BadInput(kind: "gzip named .txt", file: "archive.txt", content: .bytes(gzip), outcome: .error("1:2: error: invalid UTF-8")),
            BadInput(kind: "unclosed front matter", file: "unclosed.txt", content: .text("---\ntitle: Raid\nPolice raided the camp.\n"), outcome: .error("1:1: error: front matter opened with '---' is never closed (expected a line '---' or '...')")),
            BadInput(kind: "invalid YAML front matter", file: "bad-yaml.txt", content: .text("---\ntitle: [broken\n---\nText."), outcome: .error("3:1: error: invalid YAML front matter: while parsing a flow sequence: did not find expected ',' or ']'")),
            BadInput(kind: "front matter that is not a mapping", file: "list-yaml.txt", content: .text("---\n- a\n- b\n---\nText."), outcome: .error("2:1: error: front matter must be a mapping of fields (title, url, source, published, license)")),
            BadInput(kind: "impossible date", file: "bad-date.txt", content: .text("---\npublished: 2023-02-30\n---\nText."), outcome: .error("2:12: error: field 'published' is not a valid date: '2023-02-30' (expected a date such as 2023-06-20, 2023-06-20T10:00:00Z, Tue, 20 Jun 2023 10:00:00 GMT or June 20, 2023)")),
            BadInput(kind: "truncated JSONL line", file: "feed.jsonl", content: .text("{\"text\": \"Police in Tirana raided the camp.\", \"published\": \"2023-06-20\"}\n{\"text\": \"Trunc"), outcome: .error("2:16: error: invalid JSON: unterminated string")),
            BadInput(kind: "JSONL: the record before the truncated line", file: "feed.jsonl", content: .text(""), outcome: .read("feed.jsonl:1")),
            BadInput(kind: "broken JSON", file: "broken.json", content: .text("{\"text\": \"Police raided the camp.\",}"), outcome: .error("1:36: error: invalid JSON: unexpected character '}', expected a member name in double quotes")),
            BadInput(kind: "wrong field type", file: "wrong-type.json", content: .text("{\"text\": 5}"), outcome: .error("1:10: error: field 'text' must be a string (found a number)")),
            BadInput(kind: "record without text", file: "no-text.json", content: .text("{\"title\": \"Raid\"}"), outcome: .error("1:1: error: article record has no text (looked for 'maintext', 'text', 'body', 'content')")),
            BadInput(kind: "JSON nested deeper than the limit", file: "deep.json", content: .text(String(repeating: "[", count: 100_000)), outcome: .error("1:257: error: invalid JSON: nesting deeper than 256 levels")),
            BadInput(kind: "HTML with scripts and styles", file: "script.html", content: .text(script), outcome: .read("script.html", absent: "MARKER")),
            BadInput(kind: "HTML with an external entity (XXE)", file: "xxe.html", content: .text(xxe), outcome: .read("xxe.html", absent: (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines))),
            BadInput(kind: "HTML entity-expansion bomb", file: "bomb.html", content: .text(bomb), outcome: .read("bomb.html", absent: "aaaaaaaaaa")),
            BadInput(kind: "deeply nested HTML tags", file: "deep.html", content: .text(deepHTML), outcome: .error("1:1: error: article has no text")),
            BadInput(kind: "HTML without article text", file: "empty.html", content: .text("<html><body><nav>Home</nav></body></html>"), outcome: .error("1:1: error: article has no text")),
            BadInput(kind: "names with control characters XML 1.0 forbids", file: "controls.txt", content: .text("---\npublished: 2023-06-21\n---\nAhmed\u{01} Karimi met John\u{0B} Smith and Maria\u{1F} Lopez in Tirana on Monday.\n"), outcome: .read("controls.txt")),
            BadInput(kind: "an article in capitals", file: "capitals.txt", content: .text("---\npublished: 2023-06-21\n---\nPOLICE RAIDED THE CAMP IN TIRANA ON MONDAY, OFFICIALS SAID.\n"), outcome: .read("capitals.txt")),
            BadInput(kind: "a headline in Title Case", file: "headline.txt", content: .text("---\npublished: 2023-06-21\n---\nAlbanian Police Raid The Camp In Tirana After Talks\n\nPolice raided the camp.\n"), outcome: .read("headline.txt")),
            BadInput(kind: "an article without capitals", file: "lowercase.txt", content: .text("---\npublished: 2023-06-21\n---\npolice raided the camp in tirana on monday, officials said.\n"), outcome: .read("lowercase.txt")),
            BadInput(kind: "names with diacritics and apostrophes", file: "diacritics.txt", content: .text("---\npublished: 2023-06-21\n---\nSeán O'Brien met Håkan Lindqvist and Abdel Fattah al-Sisi in Tirana.\n"), outcome: .read("diacritics.txt")),
            BadInput(kind: "ten thousand distinct names in one article", file: "names.txt", content: .text("---\npublished: 2023-06-21\n---\n" + manyNames + "\n"), outcome: .read("names.txt")),
            // Every weekday asks its clause's tense (issue 18): the verb is looked for near it, not
            // across the whole sentence, so forty thousand dates without a verb stay linear.
            BadInput(kind: "forty thousand weekdays in one sentence", file: "weekdays.txt",
                     content: .text("---\npublished: 2023-06-21\n---\n" + Array(repeating: "Monday", count: 40_000).joined(separator: " ") + ".\n"), outcome: .read("weekdays.txt")),
            BadInput(kind: "a FIFO named .txt", file: "pipe.txt", content: .fifo, outcome: .error("1:1: error: not a regular file (a FIFO); skipped")),
            BadInput(kind: "a folder symlink loop", file: "loop/self", content: .symlink(".."), outcome: .skipped),
            BadInput(kind: "a symlink to itself", file: "self-link.txt", content: .symlink("self-link.txt"), outcome: .skipped),
            BadInput(kind: "a file of another type", file: "photo.png", content: .bytes(png), outcome: .skipped),
            // What an adversarial run found (issue 14): files outside the corpus, forged lines,
            // names that are not UTF-8, metadata that cost articles, numbers that trapped, bombs.
            BadInput(kind: "a symlink to a file outside the corpus", file: "passwd.txt", content: .symlink("/etc/passwd"),
                     outcome: .warning("1:1: warning: symbolic link to /etc/passwd, outside the corpus; skipped (use --follow-symlinks to read it)", read: nil, absent: "root:x:0:0")),
            BadInput(kind: "a symlinked folder outside the corpus", file: "system", content: .symlink("/etc"),
                     outcome: .warning("1:1: warning: symbolic link to /etc, outside the corpus; skipped (use --follow-symlinks to read it)", read: nil)),
            BadInput(kind: "a symlink to an article inside the corpus", file: "inside-link.txt", content: .symlink("good.txt"), outcome: .read("inside-link.txt")),
            BadInput(kind: "a file name with a newline that would forge a line", file: "x\n+ document FAKE LINE.txt",
                     content: .text("Police in Tirana raided the camp.\n"),
                     outcome: .read("x\n+ document FAKE LINE.txt")),
            BadInput(kind: "a file name that would forge a diagnostic", file: "a:1:2: error: forged.txt", content: .bytes([]),
                     outcome: .error("1:1: error: file is empty"), shown: "a\\u{3A}1\\u{3A}2\\u{3A} error\\u{3A} forged.txt"),
            BadInput(kind: "a file name that is not UTF-8", file: "bad\\x{FF}name.txt", content: .rawName(Array("bad".utf8) + [0xFF] + Array("name.txt".utf8)),
                     outcome: .error("1:1: error: file name is not valid UTF-8; not read (rename it)")),
            BadInput(kind: "HTML: an empty teaser article before the article", file: "teaser.html",
                     content: .text("<html><body><article class=\"teaser\"><a href=\"/more\"></a></article><article><p>Police in Tirana raided the camp.</p></article></body></html>"),
                     outcome: .read("teaser.html")),
            BadInput(kind: "HTML: an RFC 1123 date in a meta tag", file: "rfc-date.html",
                     content: .text("<html><head><meta name=\"date\" content=\"Tue, 20 Jun 2023 10:00:00 GMT\"></head><body><article><p>Police in Tirana raided the camp.</p></article></body></html>"),
                     outcome: .read("rfc-date.html")),
            BadInput(kind: "HTML: a date in no known form", file: "odd-date.html",
                     content: .text("<html><head>\n<meta name=\"date\" content=\"yesterday\"></head><body><article><p>Police in Tirana raided the camp.</p></article></body></html>"),
                     outcome: .warning("2:1: warning: published 'yesterday' is not a date in a known form; read without a publication date from it", read: "odd-date.html")),
            BadInput(kind: "a huge ordinal in the text", file: "huge-ordinal.txt",
                     content: .text("---\npublished: 2023-06-21\n---\nThe 9223372036854775807th century was long. The 9223372036854775807th quarter too. 9,223,372,036,854,775,807 years passed.\n"),
                     outcome: .read("huge-ordinal.txt")),
            BadInput(kind: "a YAML alias bomb as mapping keys", file: "alias-bomb.md", content: .text(yamlBomb), outcome: .error("3:10: error: invalid YAML front matter: YAML aliases (*name) are not allowed here")),
            BadInput(kind: "duplicate YAML keys", file: "dup-keys.txt", content: .text("---\ntitle: A\nsource: MNA\ntitle: B\n---\nPolice in Tirana raided the camp.\n"),
                     outcome: .error("4:1: error: invalid YAML front matter: duplicate key 'title' (first at line 2)")),
            BadInput(kind: "the last day of year 9999 as publication date", file: "year-9999.txt",
                     content: .text("---\npublished: 9999-12-31\n---\nNext month and next decade, officials said, police in Tirana will raid the camp.\n"),
                     outcome: .read("year-9999.txt", absent: "\"10000")),   // no value of year 10000 (a quoted string starting so)
            BadInput(kind: "an impossible time in the publication date", file: "bad-time.txt", content: .text("---\npublished: 2023-06-20T25:61:61+99:99\n---\nText."),
                     outcome: .error("2:12: error: field 'published' is not a valid date: '2023-06-20T25:61:61+99:99' (expected a date such as 2023-06-20, 2023-06-20T10:00:00Z, Tue, 20 Jun 2023 10:00:00 GMT or June 20, 2023)")),
        ]
    }()

    /// The corpus, the build over it and what it wrote.
    struct Run: Sendable {
        var corpus: String
        var output: String
        var status: Int32
        var stderrLines: [String]
        var graph: Graph?
        var graphText: String
        var files: [String]
    }

    static let run: Result<Run, any Error> = Result {
        let root = try CommandRunner.temporaryFolder()
        let corpus = root.appendingPathComponent("corpus").path
        let fm = FileManager.default
        try fm.createDirectory(atPath: corpus, withIntermediateDirectories: true)
        try Data(goodArticle.utf8).write(to: URL(fileURLWithPath: corpus + "/good.txt"))
        for input in cases {
            let path = corpus + "/" + input.file
            try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            switch input.content {
            case .bytes(let bytes): try Data(bytes).write(to: URL(fileURLWithPath: path))
            case .text(let text) where text.isEmpty: break  // a second look at a file made by another case
            case .text(let text): try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            case .fifo: guard mkfifo(path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
            case .sparse(let size):
                guard fm.createFile(atPath: path, contents: nil), truncate(path, off_t(size)) == 0 else { throw CocoaError(.fileWriteUnknown) }
            case .symlink(let target): try fm.createSymbolicLink(atPath: path, withDestinationPath: target)
            case .rawName(let name):
                let folder = Array(corpus.utf8) + [UInt8(ascii: "/")]
                let descriptor = (folder + name + [0]).withUnsafeBufferPointer { buffer in
                    buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
                }
                guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
                _ = Array(goodArticle.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
                close(descriptor)
            }
        }
        let output = root.appendingPathComponent("out").path
        let result = try CommandRunner.run(["build", corpus, "-o", output + "/g", "--max-file-bytes", "67108864"])
        let graphText = (try? String(contentsOfFile: output + "/g.graph.json", encoding: .utf8)) ?? ""
        return Run(
            corpus: corpus, output: output, status: result.status, stderrLines: result.stderr.split(separator: "\n").map(String.init),
            graph: try? GraphJSON.read(path: output + "/g.graph.json"), graphText: graphText,
            files: ((try? fm.contentsOfDirectory(atPath: output)) ?? []).sorted())
    }

    @Test func suiteHasAtLeastThirtyKinds() {
        #expect(Set(Self.cases.map(\.kind)).count >= 30)
    }

    @Test(arguments: cases)
    func eachInputIsReportedOrRepaired(_ input: BadInput) throws {
        let run = try Self.run.get()
        let path = run.corpus + "/" + input.file
        let shownPath = run.corpus + "/" + (input.shown ?? input.file)
        // A JSONL file holds several cases: its good records are read, its bad ones reported.
        let sharedFile = Self.cases.filter { $0.file == input.file }.count > 1
        switch input.outcome {
        case .warning(let message, let read, let absent):
            #expect(run.stderrLines.contains("\(shownPath):\(message)"), "\(run.stderrLines.filter { $0.hasPrefix(shownPath) })")
            if let read { #expect(run.graph?.document(id: read) != nil) } else { #expect(run.graph?.documents.contains { $0.path == path } == false) }
            if let absent { #expect(!run.graphText.contains(absent)) }
        case .error(let message):
            #expect(run.stderrLines.contains("\(shownPath):\(message)"), "\(run.stderrLines.filter { $0.hasPrefix(shownPath) })")
            if !sharedFile { #expect(run.graph?.documents.contains { $0.path == path } == false) }
        case .read(let id, let absent):
            #expect(run.graph?.document(id: id) != nil, "\(run.stderrLines.filter { $0.hasPrefix(path) })")
            if !sharedFile { #expect(!run.stderrLines.contains { $0.hasPrefix(path + ":") && $0.contains(": error: ") }) }
            if let absent, !absent.isEmpty { #expect(!run.graphText.contains(absent)) }
        case .skipped:
            #expect(!run.stderrLines.contains { $0.hasPrefix(path) })
        }
    }

    /// Names and text from the corpus never start a line of their own or pass for a diagnostic,
    /// and no control character reaches standard error.
    @Test func diagnosticsCannotBeForged() throws {
        let run = try Self.run.get()
        #expect(!run.stderrLines.contains { $0.hasPrefix("+ document") })
        #expect(!run.stderrLines.contains { $0.hasPrefix(run.corpus + "/a:1:2: error:") })
        #expect(run.stderrLines.contains { $0.hasPrefix(run.corpus + "/x\\n+ document FAKE LINE.txt:1:1: warning:") })
        #expect(!run.stderrLines.joined().unicodeScalars.contains { DisplayText.needsEscape($0) })
    }

    @Test func theRestIsBuiltAndTheStatusSaysSomeInputFailed() throws {
        let run = try Self.run.get()
        let errorCount = Self.cases.filter { if case .error = $0.outcome { return true } else { return false } }.count
        #expect(run.status == 1)
        #expect(run.stderrLines.filter { $0.contains(": error: ") }.count == errorCount)
        #expect(run.stderrLines.last?.contains("\(errorCount) inputs failed") == true)
        let graph = try #require(run.graph)
        #expect(graph.document(id: "good.txt") != nil)
        #expect(graph.entities.contains { $0.name == "Ashraf-3 camp" || $0.name == "Ashraf-3" })
        // Only the exports, no temporary left behind.
        #expect(run.files == ["g.gexf", "g.graph.json", "g.graphml", "g.jsonld", "g.merges.json", "g.store.sqlite", "g.store.sqlite.lock"])
    }

    /// Output safety over what the hostile inputs produced: the XML parses, the graph JSON meets
    /// its schema, and evidence offsets point at the text they quote (CRLF, CR, UTF-16, windows).
    @Test func exportsOfTheHostileCorpusAreWellFormed() throws {
        let run = try Self.run.get()
        for file in ["g.graphml", "g.gexf"] {
            let check = try CommandRunner.tool(["xmllint", "--nonet", "--noout", run.output + "/" + file])
            #expect(check.status == 0, "\(file): \(check.output)")
        }
        let schema = try CommandRunner.validateAgainstSchema([run.output + "/g.graph.json"])
        #expect(schema.status == 0, "\(schema.stdout)")
        let graph = try #require(run.graph)
        var texts: [String: [UInt8]] = [:]
        for document in graph.documents where document.id.hasSuffix(".txt") && !document.id.hasPrefix("utf16") {
            // A document's path is recorded below the corpus root.
            let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: run.corpus + "/" + document.path)))
            texts[document.id] = raw
        }
        for entity in graph.entities {
            for mention in entity.mentions {
                guard let raw = texts[mention.document] else { continue }
                // The body is the end of the file: find the span by its bytes and check it is the text.
                let body = String(decoding: raw, as: UTF8.self)
                let bodyStart = body.utf8.count - (bodyLength(of: body))
                let span = Array(raw[(bodyStart + mention.byteStart)..<(bodyStart + mention.byteEnd)])
                #expect(String(decoding: span, as: UTF8.self) == mention.text, "\(mention.document) \(mention.byteStart)")
            }
        }
    }

    /// The bytes after the front matter (the whole file when there is none).
    private func bodyLength(of file: String) -> Int {
        let utf8 = Array(file.utf8)
        guard file.hasPrefix("---") else { return utf8.count - (file.hasPrefix("\u{FEFF}") ? 3 : 0) }
        for separator in ["\n---\n", "\r\n---\r\n", "\r---\r"] {
            if let range = file.range(of: separator) { return file[range.upperBound...].utf8.count }
        }
        return utf8.count
    }

    @Test func strictStopsAtTheFirstAndWritesNothing() throws {
        let run = try Self.run.get()
        let output = run.output + "-strict"
        let result = try CommandRunner.run(["build", run.corpus, "-o", output + "/g", "--strict", "--max-file-bytes", "67108864"])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("eventgraph: stopped at the first unreadable input (--strict); nothing written\n"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
