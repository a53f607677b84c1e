import EventGraphCore
import EventGraphSyntax
import Foundation
import Testing

/// Untrusted text (article bodies, titles, sources, file names) through every human-facing
/// output: it must never become a terminal escape, a forged line, live markup or a link.
@Suite struct OutputSafetyTests {
    /// Pieces a hostile corpus is made of: terminal control (clear screen, colours, an OSC 8
    /// hyperlink that shows one address and opens another, C1 CSI), bidi overrides, line breaks,
    /// HTML, Markdown links, images and autolinks, emphasis, code, table pipes.
    static let hostilePieces = [
        "\u{1B}[2J", "\u{1B}[31mred\u{1B}[0m", "\u{1B}]8;;http://evil.example/\u{1B}\\click here\u{1B}]8;;\u{1B}\\", "\u{9B}31m", "\u{07}",
        "\u{202E}txt.exe", "\u{2066}isolate\u{2069}", "\u{200F}", "line\nbreak", "carriage\rreturn", "tab\there", "\u{2028}", "\u{7F}",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))", "![pic](http://evil.example/x.png)",
        "<http://evil.example>", "www.evil.example", "https://evil.example/path", "mail@evil.example", "*bold* _em_", "`code`", "| a | b |",
        "&amp; &#60;", "<!-- comment -->", "~~strike~~", "\\[escaped\\]", "$math$",
    ]

    /// A few hostile pieces, drawn from a seeded generator so that a failure can be reproduced.
    static func hostile(_ random: inout SeededGenerator) -> String {
        (0..<Int.random(in: 1...3, using: &random)).map { _ in hostilePieces.randomElement(using: &random)! }.joined(separator: " ")
    }

    /// A YAML double-quoted scalar of `text`: every control and bidi mark as an escape.
    static func yamlQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case _ where DisplayText.needsEscape(scalar): out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A corpus of articles whose titles, sources, file names and sentences carry hostile text
    /// where facts are extracted from them.
    static func writeHostileCorpus(to folder: URL, articles: Int, seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for index in 0..<articles {
            let name = "\(index)-" + hostile(&random).replacingOccurrences(of: "/", with: "∕") + ".txt"
            let text = """
                ---
                title: \(yamlQuoted(hostile(&random)))
                source: \(yamlQuoted(hostile(&random)))
                published: 2023-06-2\(index % 9 + 1)
                ---
                Albanian police raided the Ashraf-3 camp on Tuesday, \(hostile(&random)) officials said.
                The MKO accused the police of \(hostile(&random)), Nasser Kanaani said on Wednesday.

                """
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
    }

    static let corpora: Result<(old: String, new: String, root: URL), any Error> = Result {
        let root = try CommandRunner.temporaryFolder()
        try writeHostileCorpus(to: root.appendingPathComponent("old"), articles: 6, seed: 14)
        try writeHostileCorpus(to: root.appendingPathComponent("new"), articles: 12, seed: 14)
        return (root.appendingPathComponent("old").path, root.appendingPathComponent("new").path, root)
    }

    /// Text outputs: no control character but the line breaks of the output itself, and no line
    /// that a hostile name could have started.
    static func expectPlain(_ output: String, _ what: String, separators: Set<Unicode.Scalar> = ["\n"]) {
        let bad = output.unicodeScalars.filter { !separators.contains($0) && DisplayText.needsEscape($0) }
        #expect(bad.isEmpty, "\(what): \(bad.map { String($0.value, radix: 16) })")
    }

    static let allowedTags: Set<String> = ["p", "h1", "h2", "h3", "em", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "strong", "code"]

    /// Markdown outputs, rendered by cmark-gfm with GitHub's extensions (autolinks, tables,
    /// strikethrough) and raw HTML allowed: only the document's own structure becomes markup, and
    /// nothing becomes a link or an image.
    static func expectInert(_ markdown: String, _ what: String) throws {
        let file = try CommandRunner.temporaryFolder().appendingPathComponent("out.md")
        try Data(markdown.utf8).write(to: file)
        let rendered = try CommandRunner.tool(["cmark-gfm", "--unsafe", "-e", "autolink", "-e", "table", "-e", "strikethrough", file.path])
        #expect(rendered.status == 0, "\(rendered.output)")
        let tags = Set(rendered.output.matches(of: /<\/?([a-zA-Z][a-zA-Z0-9]*)/).map { String($0.1).lowercased() })
        #expect(tags.isSubset(of: allowedTags), "\(what): \(tags.subtracting(allowedTags).sorted())")
        #expect(!rendered.output.contains(/<[a-zA-Z][^>]*\s(href|src)\s*=/), "\(what)")
        expectPlain(markdown, what)
    }

    @Test func hostileTextSurvivesNoTextOrMarkdownOutput() throws {
        let (old, new, _) = try Self.corpora.get()
        let graph = CommandRunner.repositoryRoot.path + "/.build/hostile-\(UUID().uuidString)"
        let build = try CommandRunner.run(["build", new, "-o", graph, "--formats", "none"])
        #expect(build.status == 0, "\(build.stderr)")
        Self.expectPlain(build.stderr, "build diagnostics")
        defer { for suffix in [".graph.json", ".merges.json"] { try? FileManager.default.removeItem(atPath: graph + suffix) } }
        let text = try CommandRunner.run(["timeline", graph + ".graph.json", "--evidence"])
        #expect(text.status == 0 && text.stdout.contains("raided"))
        Self.expectPlain(text.stdout, "timeline text")
        let markdown = try CommandRunner.run(["timeline", graph + ".graph.json", "--evidence", "--format", "markdown"])
        try Self.expectInert(markdown.stdout, "timeline markdown")
        for by in ["source", "speaker"] {
            let compare = try CommandRunner.run(["compare", graph + ".graph.json", "--evidence", "--by", by])
            #expect(compare.status == 0 && compare.stdout.contains("== Attributions =="), "\(compare.stderr)")
            Self.expectPlain(compare.stdout, "compare text by \(by)")
            let compareMarkdown = try CommandRunner.run(["compare", graph + ".graph.json", "--evidence", "--by", by, "--format", "markdown"])
            try Self.expectInert(compareMarkdown.stdout, "compare markdown by \(by)")
        }
        // The comparison page has no script at all, no handler, and links only to its own sections.
        let page = try CommandRunner.run(["compare", graph + ".graph.json", "--format", "html"]).stdout
        #expect(page.contains("<section id=\"attributions\">") && !page.contains("<script") && !page.contains("<img"))
        #expect(!page.contains(/<[a-zA-Z][^>]*\son[a-z]+\s*=/))
        #expect(page.matches(of: /href="([^"]*)"/).allSatisfy { $0.1.hasPrefix("#") })
        let diff = try CommandRunner.run(["diff", old, new])
        #expect(diff.status == 1)
        Self.expectPlain(diff.stdout, "diff text")
        Self.expectPlain(diff.stderr, "diff diagnostics")
        #expect(diff.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("# ") || ["+", "-", "~", "=", "<"].contains($0.first) })
        let diffMarkdown = try CommandRunner.run(["diff", old, new, "--format", "markdown"])
        try Self.expectInert(diffMarkdown.stdout, "diff markdown")
        let timex = try CommandRunner.run(["timex", new + "/" + (try FileManager.default.contentsOfDirectory(atPath: new).sorted()[0]), "--format", "text"])
        // Tabs separate its columns; a tab inside an expression is escaped like any control.
        Self.expectPlain(timex.stdout, "timex text", separators: ["\n", "\t"])
        let eval = try CommandRunner.run(["eval", "--gold", "Tests/Gold", graph + ".graph.json"])
        Self.expectPlain(eval.stdout, "eval report")
    }

    /// A file name with a newline and a diff line after it shows as one escaped name.
    @Test func aFileNameCannotForgeADiffLine() throws {
        let root = try CommandRunner.temporaryFolder()
        let article = "---\npublished: 2023-06-21\n---\nAlbanian police raided the Ashraf-3 camp on Tuesday.\n"
        for side in ["old", "new"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(side), withIntermediateDirectories: true)
            try Data(article.utf8).write(to: root.appendingPathComponent(side + "/good.txt"))
        }
        try Data(article.utf8).write(to: root.appendingPathComponent("new/x\n+ document FAKE LINE.txt"))
        let diff = try CommandRunner.run(["diff", root.appendingPathComponent("old").path, root.appendingPathComponent("new").path])
        #expect(diff.status == 1)
        #expect(!diff.stdout.split(separator: "\n").contains { $0.hasPrefix("+ document FAKE") })
        #expect(diff.stdout.contains("# caused by x\\n+ document FAKE LINE.txt"))
    }

    /// EPIPE (`eventgraph ... | head`) ends the command quietly, with the status a shell shows
    /// for SIGPIPE.
    @Test func aClosedPipeEndsQuietly() throws {
        let script = "set -o pipefail; '\(CommandRunner.executable.path)' export Exports/seed.graph.json --format jsonld 2>\"$1\" | head -c 10 >/dev/null; echo ${PIPESTATUS[0]}"
        let errors = try CommandRunner.temporaryFolder().appendingPathComponent("stderr")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, "bash", errors.path]
        process.currentDirectoryURL = CommandRunner.repositoryRoot
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        #expect(status == "141")
        #expect(((try? String(contentsOf: errors, encoding: .utf8)) ?? "x").isEmpty)
    }

    /// The scale-out recipe: two articles named alike in two folders keep two ids with --root,
    /// and merge refuses fragments that give one id two texts.
    @Test func mergeRefusesOneIDWithTwoTextsAndRootKeepsThemApart() throws {
        let root = try CommandRunner.temporaryFolder()
        for (folder, text) in [("x", "Albanian police raided the camp on Tuesday."), ("y", "The MKO accused the police on Wednesday.")] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("corpus/" + folder), withIntermediateDirectories: true)
            try Data("---\npublished: 2023-06-21\n---\n\(text)\n".utf8).write(to: root.appendingPathComponent("corpus/\(folder)/report.txt"))
        }
        let path = { (name: String) in root.appendingPathComponent(name).path }
        _ = try CommandRunner.run(["extract", path("corpus/x/report.txt"), "-o", path("x.jsonl")])
        _ = try CommandRunner.run(["extract", path("corpus/y/report.txt"), "-o", path("y.jsonl")])
        let clash = try CommandRunner.run(["merge", path("x.jsonl"), path("y.jsonl"), "-o", path("g")])
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("\(path("y.jsonl")):1:1: error: document id 'report.txt' has another text"))
        #expect(clash.stderr.contains("than in \(path("x.jsonl")):1:1"))
        #expect(!FileManager.default.fileExists(atPath: path("g.graph.json")))
        _ = try CommandRunner.run(["extract", path("corpus/x/report.txt"), "--root", path("corpus"), "-o", path("x.jsonl")])
        _ = try CommandRunner.run(["extract", path("corpus/y/report.txt"), "--root", path("corpus"), "-o", path("y.jsonl")])
        let merged = try CommandRunner.run(["merge", path("x.jsonl"), path("y.jsonl"), "-o", path("g")])
        #expect(merged.status == 0, "\(merged.stderr)")
        let build = try CommandRunner.run(["build", path("corpus"), "-o", path("b"), "--formats", "none"])
        #expect(build.status == 0)
        // The same ids as `build` of the folder, and the same bytes.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("g.graph.json"))) == Data(contentsOf: URL(fileURLWithPath: path("b.graph.json"))))
    }
}
