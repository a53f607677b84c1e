import ArgumentParser
import EventGraphCore
import EventGraphExport
import Foundation

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two versions of a corpus or graph, and why.",
        discussion: """
            Each side is a graph JSON or a corpus (files or folder), or with --git REV1 REV2 -- PATH the \
            corpus folder PATH at two git revisions. Exit status 0 when the graphs are equal, 1 when they \
            differ, 2 on error, like diff(1).
            """
    )

    @Argument(help: "OLD and NEW (graph JSON or corpus), or PATH after --git REV1 REV2 --.")
    var sides: [String] = []

    @Option(name: .customLong("git"), parsing: .upToNextOption, help: "Two git revisions of the corpus folder given after --.")
    var revisions: [String] = []

    @Option(help: "text, json or markdown.")
    var format: String = "text"

    @Flag(help: "Print only the counts of changes.")
    var stat = false

    @OptionGroup var reading: CorpusReadingOptions

    /// One side of the comparison. Status 1 means "different", so a side with unreadable files
    /// is an error (2): a half-read corpus would report its missing articles as removed.
    private func side(_ path: String) throws -> Graph {
        let loaded = try GraphInput.load([path], settings: .init(followSymlinks: reading.followSymlinks))
        if loaded.hadReadErrors {
            Terminal.error("eventgraph: \(path): some inputs could not be read; not compared")
            throw ExitCode(2)
        }
        return loaded.graph
    }

    func validate() throws {
        guard ["text", "json", "markdown"].contains(format) else { throw ValidationError("--format must be text, json or markdown") }
        if revisions.isEmpty {
            guard sides.count == 2 else { throw ValidationError("give OLD and NEW, or --git REV1 REV2 -- PATH") }
        } else {
            guard revisions.count == 2, sides.count == 1 else { throw ValidationError("--git takes two revisions and one corpus PATH after --") }
        }
    }

    func run() throws {
        let (old, new): (Graph, Graph)
        if revisions.isEmpty {
            old = try side(sides[0])
            new = try side(sides[1])
        } else {
            let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("eventgraph-diff-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            old = try side(try GitCorpus.checkout(sides[0], revision: revisions[0], into: scratch.appendingPathComponent("old")))
            new = try side(try GitCorpus.checkout(sides[0], revision: revisions[1], into: scratch.appendingPathComponent("new")))
        }
        let changes = GraphDiff.compare(old, new)
        let output: String
        if stat {
            output = DiffFormatter.stat(changes)
        } else {
            switch format {
            case "json": output = DiffFormatter.json(changes)
            case "markdown": output = DiffFormatter.markdown(changes)
            default: output = DiffFormatter.text(changes)
            }
        }
        if !changes.isEmpty || format == "json" { StandardOutput.write(output) }
        if !changes.isEmpty { throw ExitCode(1) }
    }
}

/// A corpus folder as it was at a git revision.
enum GitCorpus {
    static func checkout(_ path: String, revision: String, into folder: URL) throws -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        let top = try git(["-C", absolute.path, "rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let prefix = try git(["-C", absolute.path, "rev-parse", "--show-prefix"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let archive = folder.appendingPathComponent("corpus.tar")
        _ = try git(["-C", top, "archive", "--format=tar", "-o", archive.path, revision, "--", prefix.isEmpty ? "." : prefix])
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-xf", archive.path, "-C", folder.path]
        try tar.run()
        tar.waitUntilExit()
        try? FileManager.default.removeItem(at: archive)
        return folder.appendingPathComponent(prefix.isEmpty ? "." : prefix).path
    }

    static func git(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Terminal.error("eventgraph: git \(arguments.joined(separator: " ")): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
            throw ExitCode(2)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
