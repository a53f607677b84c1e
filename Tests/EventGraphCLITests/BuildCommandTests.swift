import EventGraphCore
import EventGraphExport
import Foundation
import Testing

@Suite struct BuildCommandTests {
    /// Every option's help states its default once: the argument parser prints a property's
    /// default itself, so the text must not say it again ("(default: all). (default: ...)").
    @Test func helpStatesEachDefaultOnce() throws {
        for command in ["build", "extract", "merge", "timeline", "compare", "diff", "eval", "export", "parse", "timex"] {
            let help = try CommandRunner.run([command, "--help"])
            // An option's block: its line ("  --formats <formats>  ...") and the deeper-indented lines after it.
            var blocks: [String] = []
            for line in (help.stdout + help.stderr).split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("  -") { blocks.append(String(line)) } else if line.hasPrefix("    "), !blocks.isEmpty { blocks[blocks.count - 1] += " " + line }
            }
            #expect(!blocks.isEmpty, "\(command): no options in its help")
            for block in blocks {
                #expect(block.lowercased().components(separatedBy: "default").count - 1 <= 1, "\(command): \(block)")
            }
        }
    }

    @Test func buildingTheSeedsTwiceGivesTheSameBytesAndAValidGraph() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let first = try CommandRunner.run(["build", "seeds", "-o", out.appendingPathComponent("one/seed").path])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CommandRunner.run(["build", "seeds", "-o", out.appendingPathComponent("two/seed").path])
        #expect(second.status == 0)
        let a = try Data(contentsOf: out.appendingPathComponent("one/seed.graph.json"))
        let b = try Data(contentsOf: out.appendingPathComponent("two/seed.graph.json"))
        #expect(a == b)
        #expect(first.stderr.hasPrefix("eventgraph: 2 documents, "))
        #expect(first.stderr.contains("→ \(out.appendingPathComponent("one/seed.graph.json").path)"))
        let validation = try CommandRunner.validateAgainstSchema([out.appendingPathComponent("one/seed.graph.json").path])
        #expect(validation.status == 0, "\(validation.stdout)")
    }

    @Test func anUnrelatedArticleChangesNoExistingID() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let corpus = out.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for name in ["000-mko-albania-raid.txt", "001-albanian-police-re-enter-mko-camp.txt"] {
            try FileManager.default.copyItem(at: CommandRunner.repositoryRoot.appendingPathComponent("seeds/\(name)"), to: corpus.appendingPathComponent(name))
        }
        #expect(try CommandRunner.run(["build", corpus.path, "-o", out.appendingPathComponent("before").path]).status == 0)
        try Data("""
            ---
            published: 2024-03-02
            ---
            Farmers in Normandy protested on Friday against new fuel taxes, blocking roads near Caen for several hours.
            """.utf8).write(to: corpus.appendingPathComponent("002-unrelated.txt"))
        #expect(try CommandRunner.run(["build", corpus.path, "-o", out.appendingPathComponent("after").path]).status == 0)
        let before = try GraphJSON.read(path: out.appendingPathComponent("before.graph.json").path)
        let after = try GraphJSON.read(path: out.appendingPathComponent("after.graph.json").path)
        #expect(after.documents.count == before.documents.count + 1)
        // Every document, entity, event and relation of the old graph is still there, unchanged.
        for document in before.documents { #expect(after.document(id: document.id) == document) }
        let afterEntities = Set(after.entities.map(\.id)), afterEvents = Set(after.events.map(\.id)), afterRelations = Set(after.relations.map(\.id))
        for entity in before.entities { #expect(afterEntities.contains(entity.id)) }
        for event in before.events { #expect(afterEvents.contains(event.id)) }
        for relation in before.relations { #expect(afterRelations.contains(relation.id)) }
    }

    @Test func badInputsAreReportedAndTheRestIsBuilt() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let corpus = out.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("---\npublished: 2023-06-21\n---\nPolice raided the camp.".utf8).write(to: corpus.appendingPathComponent("a.txt"))
        try Data("---\ntitle: [broken\n---\nText.".utf8).write(to: corpus.appendingPathComponent("b.txt"))
        try Data("{\"text\": \"ok\"}\n{\"text\": 3}\n".utf8).write(to: corpus.appendingPathComponent("c.jsonl"))
        try Data([0x41, 0x42, 0xC3, 0x28]).write(to: corpus.appendingPathComponent("d.txt"))

        let result = try CommandRunner.run(["build", corpus.path, "-o", out.appendingPathComponent("g").path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(corpus.path)/c.jsonl:1:1: warning: no publication date; relative dates stay unresolved (set one with --published YYYY-MM-DD)"))
        #expect(lines.contains("\(corpus.path)/b.txt:3:1: error: invalid YAML front matter: while parsing a flow sequence: did not find expected ',' or ']'"))
        #expect(lines.contains("\(corpus.path)/c.jsonl:2:10: error: field 'text' must be a string (found a number)"))
        #expect(lines.contains("\(corpus.path)/d.txt:1:3: error: invalid UTF-8"))
        #expect(lines.last?.contains("2 documents") == true)
        #expect(lines.last?.contains("3 inputs failed") == true)
        let graph = try GraphJSON.read(path: out.appendingPathComponent("g.graph.json").path)
        #expect(graph.documents.map(\.id) == ["a.txt", "c.jsonl:1"])
    }

    @Test func strictStopsAtTheFirstBadInputAndWritesNothing() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        try Data([0xFF]).write(to: out.appendingPathComponent("bad.txt"))
        try Data("Good.".utf8).write(to: out.appendingPathComponent("good.txt"))
        let result = try CommandRunner.run(["build", out.path, "--strict", "-o", out.appendingPathComponent("g").path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(out.path)/bad.txt:1:1: error: invalid UTF-8\n"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("g.graph.json").path))
    }

    /// One date type parses `--published` for every command that extracts.
    @Test(arguments: [["build", "seeds"], ["extract", "seeds"], ["eval", "--gold", "gold", "seeds"]])
    func publishedOptionIsValidated(command: [String]) throws {
        let result = try CommandRunner.run(command + ["--published", "June 2023"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("The value 'June 2023' is invalid for '--published <YYYY-MM-DD>'"), "\(result.stderr)")
        let impossible = try CommandRunner.run(command + ["--published", "2023-02-30"])
        #expect(impossible.status == 64)
    }

    @Test func formatsAreValidatedAgainstTheExporters() throws {
        let result = try CommandRunner.run(["build", "seeds", "--formats", "graphml,pdf"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("The value 'graphml,pdf' is invalid for '--formats <LIST>'"), "\(result.stderr)")
        let json = try CommandRunner.run(["build", "seeds", "--formats", "json"])
        #expect(json.status == 64, "the graph JSON is always written, so it is not a --formats value")
    }
}

@Suite struct EvalCommandTests {
    @Test func printsPrecisionRecallAndF1PerKind() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let graph = out.appendingPathComponent("seed").path
        #expect(try CommandRunner.run(["build", "seeds", "-o", graph]).status == 0)
        let result = try CommandRunner.run(["eval", "--gold", "Tests/Gold", graph + ".graph.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("document") == true)
        for kind in ["entities", "timex-strict", "timex-relaxed", "timex-value", "events", "relations"] {
            #expect(lines.contains { $0.hasPrefix("TOTAL") && $0.split(separator: " ").contains(Substring(kind)) }, "no TOTAL row for \(kind)")
        }
        let json = try CommandRunner.run(["eval", "--gold", "Tests/Gold", "--json", graph + ".graph.json"])
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let total = report?["total"] as? [String: Any]
        let scores = total?["scores"] as? [String: Any]
        #expect(Set(scores?.keys.map { $0 } ?? []) == ["entities", "entities-typed", "timex-strict", "timex-relaxed", "timex-value", "timex-type", "events", "relations"])
    }

    @Test func evalOnACorpusBuildsItInMemory() throws {
        let fromCorpus = try CommandRunner.run(["eval", "--gold", "Tests/Gold", "--json", "seeds"])
        #expect(fromCorpus.status == 0)
        #expect(fromCorpus.stdout.contains("\"document\" : \"000-mko-albania-raid.txt\""))
        #expect(fromCorpus.stdout.contains("\"missingDocument\" : false"))
    }

    @Test func brokenGraphIsALocatedError() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let path = out.appendingPathComponent("g.json").path
        try Data("{\"documents\": [}".utf8).write(to: URL(fileURLWithPath: path))
        let result = try CommandRunner.run(["eval", "--gold", "Tests/Gold", path])
        #expect(result.status == 2)
        #expect(result.stderr == "\(path):1:16: error: invalid graph JSON: unexpected character '}', expected a value\n")
    }
}

/// The same corpus gives the same bytes wherever it lives (issue 20): paths are recorded below the
/// corpus root given, never as absolute paths.
@Suite struct CorpusLocationTests {
    @Test func twoCopiesInOtherFoldersBuildTheSameBytes() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let seeds = CommandRunner.repositoryRoot.appendingPathComponent("seeds")
        let copies = [folder.appendingPathComponent("a/corpus"), folder.appendingPathComponent("b/deeper/other-name")]
        var graphs: [Data] = []
        for (index, copy) in copies.enumerated() {
            try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: seeds, to: copy)
            let prefix = folder.appendingPathComponent("g\(index)").path
            #expect(try CommandRunner.run(["build", copy.path, "-o", prefix, "--formats", "none"]).status == 0)
            graphs.append(try Data(contentsOf: URL(fileURLWithPath: prefix + ".graph.json")))
        }
        #expect(graphs[0] == graphs[1])
        // The seeds built from the repository (a relative path) give the same bytes too.
        #expect(graphs[0] == (try Data(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("Exports/seed.graph.json"))))
        let text = String(decoding: graphs[0], as: UTF8.self)
        #expect(!text.contains("\"path\": \"/"), "no absolute path is recorded")
        #expect(!text.contains(folder.path))
        // Shards extracted from the other copy, by absolute paths, merge to the same bytes.
        let files = try FileManager.default.contentsOfDirectory(atPath: copies[1].path).filter { $0.hasSuffix(".txt") }.sorted()
        let fragments = folder.appendingPathComponent("f.jsonl").path
        #expect(try CommandRunner.run(["extract", "--root", copies[1].path] + files.map { copies[1].appendingPathComponent($0).path } + ["-o", fragments]).status == 0)
        let merged = folder.appendingPathComponent("m").path
        #expect(try CommandRunner.run(["merge", fragments, "-o", merged, "--formats", "none"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: merged + ".graph.json")) == graphs[0])
    }
}
