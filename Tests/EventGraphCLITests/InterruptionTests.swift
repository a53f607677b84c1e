import Foundation
import Testing

/// Exports are replaced whole or not at all: an interrupted or failed build leaves the previous
/// files byte for byte, and no temporary file behind.
@Suite struct InterruptionTests {
    /// Builds the seeds into `folder/g.*` and returns the files' bytes by name.
    func previousBuild(in folder: URL) throws -> [String: Data] {
        let result = try CommandRunner.run(["build", "seeds", "-o", folder.appendingPathComponent("g").path])
        #expect(result.status == 0, "\(result.stderr)")
        return try contents(of: folder)
    }

    func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            // The fragment store is a cache that a build may fill before it fails (FragmentStoreTests).
            if name.contains(".store.sqlite") { continue }
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalWhileWritingLeavesThePreviousExports(_ signal: Int32) throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let before = try previousBuild(in: out)
        #expect(before.keys.sorted() == ["g.gexf", "g.graph.json", "g.graphml", "g.jsonld", "g.merges.json"])

        // A different corpus, so that the new exports would differ; the hook holds the build after
        // every temporary is written and before anything is renamed.
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["build", "seeds/000-mko-albania-raid.txt", "-o", out.appendingPathComponent("g").path]
        process.currentDirectoryURL = CommandRunner.repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["EVENTGRAPH_HOLD_BEFORE_RENAME"] = "60"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var stderr = Data()
        while !String(decoding: stderr, as: UTF8.self).contains("holding before rename") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            stderr.append(chunk)
        }
        let temporaries = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.contains(".tmp-") }
        #expect(temporaries.count == 5, "the new exports are written as temporaries: \(temporaries)")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        stderr.append(errors.fileHandleForReading.readDataToEndOfFile())
        #expect(process.terminationStatus == 128 + signal)
        #expect(String(decoding: stderr, as: UTF8.self).contains("eventgraph: interrupted (signal \(signal))"))
        #expect(try contents(of: out) == before)
    }

    @Test func aFailedWriteLeavesEveryPreviousExport() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        var before = try previousBuild(in: out)
        // One target can no longer be replaced: nothing may be, not even the files before it.
        try FileManager.default.removeItem(at: out.appendingPathComponent("g.jsonld"))
        try FileManager.default.createDirectory(at: out.appendingPathComponent("g.jsonld"), withIntermediateDirectories: false)
        before["g.jsonld"] = nil
        let result = try CommandRunner.run(["build", "seeds/000-mko-albania-raid.txt", "-o", out.appendingPathComponent("g").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(out.path)/g.jsonld:1:1: error: cannot write: is a folder"))
        #expect(try contents(of: out) == before)
    }

    @Test(.enabled(if: getuid() != 0, "root reads files whatever their permissions"))
    func anUnreadableFileIsReported() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let corpus = out.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("Police raided the camp.".utf8).write(to: corpus.appendingPathComponent("good.txt"))
        let locked = corpus.appendingPathComponent("locked.txt")
        try Data("Secret.".utf8).write(to: locked)
        chmod(locked.path, 0)
        let result = try CommandRunner.run(["build", corpus.path, "-o", out.appendingPathComponent("g").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(locked.path):1:1: error: cannot read file: permission denied"))
    }

    /// Ids come from paths relative to the folder given, or the file's name when a file is given:
    /// never from `..` or an absolute path, so no id can point outside the corpus.
    @Test func dotDotAndAbsolutePathsGiveIdsInsideTheCorpus() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let corpus = out.appendingPathComponent("corpus/sub")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("Police raided the camp in Tirana.".utf8).write(to: corpus.appendingPathComponent("a.txt"))
        let dotted = out.path + "/corpus/sub/../sub/a.txt"
        let result = try CommandRunner.run(["build", dotted, out.path + "/corpus/../corpus", "-o", out.appendingPathComponent("g").path])
        #expect(result.status == 0, "\(result.stderr)")
        let graph = try String(contentsOf: out.appendingPathComponent("g.graph.json"), encoding: .utf8)
        #expect(graph.contains("\"id\": \"a.txt\""))
        #expect(graph.contains("\"id\": \"sub/a.txt\""))
        #expect(!graph.contains("\"id\": \"..") && !graph.contains("\"id\": \"/"))
    }
}
