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
