import Foundation
import Testing

@Suite struct ShardTests {
    /// Four shards extracted apart and merged (in a shuffled order) give the same bytes as one build.
    @Test func fourShardsMergeToTheSameBytesAsOneBuild() throws {
        let tmp = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let corpus = tmp.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        // Eight articles: the seeds and variants with other names, places and dates.
        let variants: [(String, String)] = [("", ""), ("Albania", "Kosovo"), ("Ashraf-3", "Camp Liberty"), ("June 20", "July 4")]
        var names: [String] = []
        for (i, (from, to)) in variants.enumerated() {
            for seed in ["000-mko-albania-raid.txt", "001-albanian-police-re-enter-mko-camp.txt"] {
                var text = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("seeds/\(seed)"), encoding: .utf8)
                if !from.isEmpty { text = text.replacingOccurrences(of: from, with: to) }
                let name = "\(i)-\(seed)"
                try Data(text.utf8).write(to: corpus.appendingPathComponent(name))
                names.append(name)
            }
        }
        #expect(try CommandRunner.run(["build", corpus.path, "--formats", "graphml", "-o", tmp.appendingPathComponent("whole").path]).status == 0)
        var fragmentFiles: [String] = []
        for shard in 0..<4 {
            let files = names.sorted().enumerated().filter { $0.offset % 4 == shard }.map { corpus.appendingPathComponent($0.element).path }
            let out = tmp.appendingPathComponent("shard-\(shard).jsonl").path
            let result = try CommandRunner.run(["extract"] + files + ["-o", out])
            #expect(result.status == 0, "\(result.stderr)")
            fragmentFiles.append(out)
        }
        let merged = try CommandRunner.run(["merge"] + [fragmentFiles[2], fragmentFiles[0], fragmentFiles[3], fragmentFiles[1]] + ["-o", tmp.appendingPathComponent("merged").path, "--formats", "graphml"])
        #expect(merged.status == 0, "\(merged.stderr)")
        // `merge --formats` writes the same exports as `build`, and only those asked for.
        #expect(try Data(contentsOf: tmp.appendingPathComponent("whole.graphml")) == Data(contentsOf: tmp.appendingPathComponent("merged.graphml")))
        #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("merged.gexf").path))
        let whole = try Data(contentsOf: tmp.appendingPathComponent("whole.graph.json"))
        let fromShards = try Data(contentsOf: tmp.appendingPathComponent("merged.graph.json"))
        #expect(whole == fromShards)
        #expect(try Data(contentsOf: tmp.appendingPathComponent("whole.merges.json")) == Data(contentsOf: tmp.appendingPathComponent("merged.merges.json")))
    }

    /// The seeds in two variants, extracted as four one-article shards, and the build of them all.
    static func shards(in tmp: URL) throws -> (fragments: [String], whole: String) {
        let corpus = tmp.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        var files: [String] = []
        for (i, (from, to)) in [("", ""), ("Albania", "Kosovo")].enumerated() {
            for seed in ["000-mko-albania-raid.txt", "001-albanian-police-re-enter-mko-camp.txt"] {
                var text = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("seeds/\(seed)"), encoding: .utf8)
                if !from.isEmpty { text = text.replacingOccurrences(of: from, with: to) }
                let file = corpus.appendingPathComponent("\(i)-\(seed)")
                try Data(text.utf8).write(to: file)
                files.append(file.path)
            }
        }
        let whole = tmp.appendingPathComponent("whole").path
        #expect(try CommandRunner.run(["build", corpus.path, "--no-store", "-o", whole]).status == 0)
        var fragments: [String] = []
        for (index, file) in files.enumerated() {
            let out = tmp.appendingPathComponent("shard-\(index).jsonl").path
            #expect(try CommandRunner.run(["extract", file, "--root", corpus.path, "-o", out]).status == 0)
            fragments.append(out)
        }
        return (fragments, whole)
    }

    /// Partial merges in a tree (to a file and to standard output, fragments and partial graphs
    /// mixed) give the bytes of one build in every file: a partial graph is neither resolved nor
    /// exported, so merging partial graphs stays associative.
    @Test func partialMergesInATreeGiveTheBytesOfOneBuild() throws {
        let tmp = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let (f, whole) = try Self.shards(in: tmp)
        let left = tmp.appendingPathComponent("left.jsonl").path
        let toFile = try CommandRunner.run(["merge", "--partial", f[3], f[0], "-o", left])
        #expect(toFile.status == 0, "\(toFile.stderr)")
        #expect(toFile.stderr.contains("merged 2 fragments, 2 documents, into a partial graph"), "\(toFile.stderr)")
        let toStdout = try CommandRunner.run(["merge", "--partial", f[2], f[1]])
        #expect(toStdout.status == 0, "\(toStdout.stderr)")
        // One line, newline-terminated, no blank line: what another merge reads.
        #expect(toStdout.stdout.hasSuffix("\n") && toStdout.stdout.filter { $0 == "\n" }.count == 1)
        let right = tmp.appendingPathComponent("right.jsonl")
        try Data(toStdout.stdout.utf8).write(to: right)
        for (name, inputs) in [("tree", [right.path, left]), ("mixed", [left, f[2], f[1]])] {
            let prefix = tmp.appendingPathComponent(name).path
            let merged = try CommandRunner.run(["merge"] + inputs + ["-o", prefix])
            #expect(merged.status == 0, "\(merged.stderr)")
            for suffix in [".graph.json", ".merges.json", ".graphml", ".gexf", ".jsonld"] {
                #expect(FileManager.default.contents(atPath: prefix + suffix) == FileManager.default.contents(atPath: whole + suffix), "\(name)\(suffix)")
            }
        }
    }

    /// A fragment made by another eventgraph was extracted by other rules and models: refused at
    /// its line and column, and nothing is written.
    @Test func mergeRefusesAFragmentOfAnotherVersion() throws {
        let tmp = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let (f, _) = try Self.shards(in: tmp)
        let current = try String(contentsOf: URL(fileURLWithPath: f[1]), encoding: .utf8)
        let generator = try #require(current.range(of: #""generator":"#))
        let old = current.replacing(#/"generator":"eventgraph [^"]*"/#, with: #""generator":"eventgraph 0.0.9""#)
        let oldFile = tmp.appendingPathComponent("old.jsonl")
        try Data(old.utf8).write(to: oldFile)
        let prefix = tmp.appendingPathComponent("refused").path
        let run = try CommandRunner.run(["merge", f[0], oldFile.path, "-o", prefix])
        #expect(run.status == 2)
        let column = current.distance(from: current.startIndex, to: generator.upperBound) + 1
        #expect(run.stderr.contains("\(oldFile.path):1:\(column): error: fragment made by 'eventgraph 0.0.9', this is 'eventgraph "), "\(run.stderr)")
        #expect(run.stderr.contains("extract it again with this eventgraph; nothing written"))
        #expect(!FileManager.default.fileExists(atPath: prefix + ".graph.json"))
        let noPrefix = try CommandRunner.run(["merge", f[0]])
        #expect(noPrefix.status != 0 && noPrefix.stderr.contains("give -o PREFIX"), "\(noPrefix.stderr)")
        let partialOverrides = try CommandRunner.run(["merge", "--partial", f[0], "--overrides", f[0]])
        #expect(partialOverrides.status != 0 && partialOverrides.stderr.contains("--overrides acts in resolution"), "\(partialOverrides.stderr)")
    }

    @Test func extractReadsJSONLOnStandardInput() throws {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["extract", "-"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data("{\"maintext\": \"Kenyan police raided the Kakuma 2 camp on Tuesday.\", \"date_publish\": \"2024-03-02 10:00:00\"}\n".utf8))
        input.fileHandleForWriting.write(Data("{\"maintext\": \"Ugandan police arrested two men on Monday.\", \"date_publish\": \"2024-03-02 10:00:00\"}\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // One fragment per line, each ending in its newline, and no blank line between them.
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).map(\.isEmpty) == [false, false, true], "\(text.prefix(300))")
        #expect(text.contains("\"facility:kakuma-2-camp\"") && text.contains("\"2024-02-27\""))
    }
}
