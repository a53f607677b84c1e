import ArgumentParser
import EventGraphCore
import EventGraphCorpus
import EventGraphExport
import Foundation

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge graph fragments and partial graphs (JSONL) into one graph (the reducer).",
        discussion: """
            Each input line is a fragment from `eventgraph extract` or a partial graph from `merge --partial`. \
            Merging is associative and commutative: shards may be merged in any order and in any tree of \
            partial merges, and give the same bytes as one build. With --partial the merged graph is written \
            as one JSONL line, neither resolved nor exported, for a later merge. Lines made by another \
            eventgraph version are refused. Two fragments with the same document id must hold the same text \
            (the same sha256); otherwise nothing is written. No fragments at all is an error unless --allow-empty.
            """
    )

    @Argument(help: "Fragment and partial-graph files (JSONL), or - for standard input.")
    var input: [String]

    @Option(name: [.customShort("o"), .customLong("output")],
            help: "Output prefix; writes PREFIX.graph.json, PREFIX.merges.json and the --formats. With --partial: the file to write the partial graph to (default: standard output).")
    var prefix: String?

    @Flag(help: "Write the merged graph as one JSONL line, without resolution or exports, for another merge (a partial merge of a tree).")
    var partial = false

    @OptionGroup var exports: ExportWritingOptions

    @Option(help: ArgumentHelp("Entity overrides file.", valueName: "FILE"))
    var overrides: String?

    @Flag(help: "Write an empty graph when the inputs hold no fragments (by default that is an error).")
    var allowEmpty = false

    func validate() throws {
        if partial {
            if overrides != nil { throw ValidationError("--overrides acts in resolution, which a --partial merge leaves to the final merge") }
            return
        }
        guard let prefix else { throw ValidationError("give -o PREFIX for the files to write (or --partial for a partial graph)") }
        try validateOutputPrefix(prefix)
    }

    func run() throws {
        let overridesValue = try readOverrides()
        var merger = GraphMerger()
        var seen: [String: FragmentCheck.FirstSeen] = [:]
        var fragments = 0
        for path in input {
            try FragmentLines.read(path) { lineNumber, line in
                let location = SourceLocation(path: path, line: lineNumber)
                let fragment = try FragmentCheck.decode(line, at: location)
                try FragmentCheck.checkDocumentIDs(fragment, at: location, seen: &seen)
                merger.add(fragment)
                fragments += 1
            }
        }
        if fragments == 0 && !allowEmpty {
            Terminal.error("eventgraph: no fragments in \(input.joined(separator: ", ")); nothing written (--allow-empty writes an empty graph)")
            throw ExitCode(2)
        }
        let merged = merger.graph()
        if partial { return try writePartial(merged, fragments: fragments) }
        for warning in CorpusWarning.overrides(EntityResolver.overrideWarnings(overridesValue, entities: merged.entities)) {
            Terminal.error(warning.description)
        }
        let (entitiesResolved, entityMerges) = EntityResolver.resolve(merged, overrides: overridesValue)
        let (graph, eventMerges) = EventResolver.resolve(entitiesResolved)
        let merges = (entityMerges + eventMerges).sorted()
        let prefix = self.prefix ?? ""
        do {
            // All files or none, as in `build`.
            try AtomicFile.writeAll(exports.files(for: graph, merges: merges, prefix: prefix))
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        Terminal.error("eventgraph: merged \(graph.documents.count) documents, \(graph.entities.count) entities, \(graph.events.count) events, \(graph.relations.count) relations → \(DisplayText.visible(prefix)).graph.json")
    }

    private func readOverrides() throws -> EntityOverrides {
        do { return try overrides.map { path throws(CorpusError) in try OverridesReader.read(path: path) } ?? .none } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }

    /// The merged, unresolved graph as one line: what another merge reads as it reads a fragment.
    private func writePartial(_ graph: Graph, fragments: Int) throws {
        let line = GraphJSON.encodeLine(graph)
        guard let prefix else { return StandardOutput.write(line) }
        do { try AtomicFile.write(line, to: prefix) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        Terminal.error("eventgraph: merged \(fragments) fragments, \(graph.documents.count) documents, into a partial graph → \(DisplayText.visible(prefix))")
    }
}

/// The checks `merge` makes on each line it reads.
enum FragmentCheck {
    /// Where each document id was first seen, and the hash of its text.
    struct FirstSeen {
        var sha256: String
        var location: String
    }

    /// One line's graph, made by this very eventgraph: a fragment of another version was extracted by
    /// other rules and models, and merging it would give a graph no build gives.
    static func decode(_ line: [UInt8], at location: SourceLocation) throws -> Graph {
        let decoded: (graph: Graph, generator: GraphJSON.Generator?)
        do { decoded = try GraphJSON.decodeWithGenerator(line, path: location.path) } catch {
            // Errors inside a line are reported at that line of the fragment file.
            if case .invalidGraphJSON(_, _, let column, let problem) = error {
                Terminal.error("\(SourceLocation(path: location.path, line: location.line, column: column)): error: invalid fragment: \(problem)")
            } else {
                Terminal.error(error.description)
            }
            throw ExitCode(2)
        }
        let current = GraphJSON.generatorName
        guard let generator = decoded.generator, generator.name == current else {
            let column = decoded.generator?.column ?? 1
            let made = decoded.generator.map { "'\(DisplayText.visible($0.name))'" } ?? "no generator"
            Terminal.error("\(SourceLocation(path: location.path, line: location.line, column: column)): error: fragment made by \(made), this is '\(current)'; "
                + "extract it again with this eventgraph; nothing written")
            throw ExitCode(2)
        }
        return decoded.graph
    }

    /// Refuses a fragment whose document id an earlier fragment had with another text: two
    /// articles that got the same id (`extract a/report.txt` and `extract b/report.txt` without
    /// `--root`) would otherwise become one document with both articles' facts.
    static func checkDocumentIDs(_ fragment: Graph, at location: SourceLocation, seen: inout [String: FirstSeen]) throws {
        for document in fragment.documents {
            guard let first = seen[document.id] else {
                seen[document.id] = FirstSeen(sha256: document.sha256, location: location.description)
                continue
            }
            guard first.sha256 != document.sha256 else { continue }
            Terminal.error(
                "\(location): error: document id '\(DisplayText.visible(document.id))' has another text (sha256 \(document.sha256.prefix(12))) than in \(first.location) "
                    + "(sha256 \(first.sha256.prefix(12))); nothing written (extract with --root to give ids from the corpus folder)")
            throw ExitCode(2)
        }
    }
}

/// The non-empty lines of a file or of standard input, read a block at a time, so that only the
/// line being decoded is in memory, not the whole input.
enum FragmentLines {
    static let blockSize = 1 << 20

    static func read(_ path: String, _ body: (_ lineNumber: Int, _ line: [UInt8]) throws -> Void) throws {
        let handle: FileHandle
        if path == "-" { handle = FileHandle.standardInput } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                let reason = FileManager.default.fileExists(atPath: path) ? "cannot read file" : "no such file or folder"
                Terminal.error("\(SourceLocation(path: path)): error: \(reason)")
                throw ExitCode(2)
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        var pending: [UInt8] = []
        var lineNumber = 0
        while true {
            let block: Data
            do { block = try handle.read(upToCount: blockSize) ?? Data() } catch {
                Terminal.error("\(SourceLocation(path: path)): error: cannot read file (\(DisplayText.visible(error.localizedDescription)))")
                throw ExitCode(2)
            }
            if block.isEmpty { break }
            var start = pending.count
            pending.append(contentsOf: block)
            var lineStart = 0
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                lineNumber += 1
                if newline > lineStart { try body(lineNumber, Array(pending[lineStart..<newline])) }
                lineStart = newline + 1
                start = lineStart
            }
            pending.removeFirst(lineStart)
        }
        if !pending.isEmpty { try body(lineNumber + 1, pending) }
    }
}
