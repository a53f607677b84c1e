import ArgumentParser
import EventGraphCore
import EventGraphCorpus
import EventGraphExport
import EventGraphExtraction
import Foundation

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract one graph fragment per article, as JSONL (the mapper of a scale-out build).",
        discussion: """
            Reads corpus files and folders, or with "-" article records as JSONL on standard input \
            (news-please fields), and writes one fragment per line to standard output (or -o). \
            `eventgraph merge` combines fragments from any number of shards, in any order, into the \
            same graph that `build` makes. Exit status 1 when some inputs could not be read.
            """
    )

    @Argument(help: "Corpus files and folders, or - for JSONL on standard input.")
    var input: [String]

    @OptionGroup var extraction: ExtractionOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the fragments to this file (atomically).")
    var output: String?

    @Option(help: ArgumentHelp("Give each document the id of its path relative to this folder, as `build DIR` would, so that shards extracted from different parts of one corpus never share an id.", valueName: "DIR"))
    var root: String?

    @OptionGroup var reading: CorpusReadingOptions

    func run() throws {
        var reader = CorpusReader(defaultPublished: extraction.published)
        reader.followSymlinks = reading.followSymlinks
        var documents: [SourceDocument] = []
        var errors: [CorpusError] = []
        var warnings: [CorpusWarning] = []
        if input == ["-"] {
            let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            for result in JSONArticleReader.read(bytes, path: "<stdin>", id: "stdin", lineDelimited: true, defaultPublished: reader.defaultPublished) {
                switch result {
                case .success(let d): documents.append(d)
                case .failure(let e): errors.append(e)
                }
            }
        } else {
            let read = try readCorpus(reader)
            documents = read.documents
            errors = read.errors
            warnings = read.warnings
        }
        for warning in warnings { Terminal.error(warning.description) }
        for error in errors { Terminal.error(error.description) }
        let pipeline: Pipeline
        do { pipeline = try Pipeline.standard(timexRules: TimexRuleSet.standard(adding: extraction.rules)) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        var out: [UInt8] = []
        // One fragment per line: `encodeLine` ends each with its newline, and JSONL has no blank lines.
        for document in documents { out += GraphJSON.encodeLine(pipeline.extract(document)) }
        if let output {
            do { try AtomicFile.write(out, to: output) } catch {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        } else {
            StandardOutput.write(out)
        }
        if !errors.isEmpty { throw ExitCode(1) }
    }

    /// The corpus, with ids relative to `--root` when it is given: the listing names the files,
    /// and each file's id becomes its path below the root.
    private func readCorpus(_ reader: CorpusReader) throws -> CorpusReadResult {
        guard let root else {
            let listing = reader.listing(for: input)
            return Self.relativePaths(reader.read(listing), listing: listing)
        }
        guard let rootPath = CorpusReader.realPath(root) else {
            Terminal.error(CorpusError.notFound(SourceLocation(path: root)).description)
            throw ExitCode(2)
        }
        var listing = reader.listing(for: input)
        for index in listing.entries.indices {
            let entry = listing.entries[index]
            // The folder's links resolved, the file's own name kept (a link keeps its name, as in `build`).
            let parent = (entry.path as NSString).deletingLastPathComponent
            guard let folder = CorpusReader.realPath(parent.isEmpty ? "." : parent), case let real = folder + "/" + (entry.path as NSString).lastPathComponent,
                  real != rootPath, CorpusReader.isInside(real, roots: [rootPath]) else {
                Terminal.error("\(SourceLocation(path: entry.path)): error: not inside --root \(DisplayText.visible(root)); nothing written")
                throw ExitCode(2)
            }
            listing.entries[index].id = String(real.dropFirst(rootPath.count).drop { $0 == "/" })
        }
        return Self.relativePaths(reader.read(listing), listing: listing)
    }

    /// Each document's recorded path made relative to its corpus root, as `build` records it.
    private static func relativePaths(_ read: CorpusReadResult, listing: CorpusReader.Listing) -> CorpusReadResult {
        var entries: [String: CorpusReader.Entry] = [:]
        for entry in listing.entries where entries[entry.path] == nil { entries[entry.path] = entry }
        var result = read
        for index in result.documents.indices {
            if let entry = entries[result.documents[index].document.path] { result.documents[index].recordPathRelativeToRoot(of: entry) }
        }
        return result
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge graph fragments (JSONL from extract) into one graph (the reducer).",
        discussion: """
            Merging is associative and commutative: shards may be merged in any order and give the same bytes \
            as one build. Two fragments with the same document id must hold the same text (the same sha256); \
            otherwise nothing is written. No fragments at all is an error unless --allow-empty.
            """
    )

    @Argument(help: "Fragment files (JSONL), or - for standard input.")
    var input: [String]

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output prefix; writes PREFIX.graph.json, PREFIX.merges.json and the --formats.")
    var prefix: String

    @OptionGroup var exports: ExportWritingOptions

    @Option(help: ArgumentHelp("Entity overrides file.", valueName: "FILE"))
    var overrides: String?

    @Flag(help: "Write an empty graph when the inputs hold no fragments (by default that is an error).")
    var allowEmpty = false

    func validate() throws { try validateOutputPrefix(prefix) }

    /// Where each document id was first seen, and the hash of its text.
    private struct FirstSeen {
        var sha256: String
        var location: String
    }

    func run() throws {
        var merger = GraphMerger()
        var seen: [String: FirstSeen] = [:]
        var fragments = 0
        for path in input {
            let data: Data
            if path == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else {
                guard let contents = FileManager.default.contents(atPath: path) else {
                    let reason = FileManager.default.fileExists(atPath: path) ? "cannot read file" : "no such file or folder"
                    Terminal.error("\(SourceLocation(path: path)): error: \(reason)")
                    throw ExitCode(2)
                }
                data = contents
            }
            var lineNumber = 0
            for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                lineNumber += 1
                guard !line.isEmpty else { continue }
                let fragment: Graph
                do { fragment = try GraphJSON.decode([UInt8](line), path: path) } catch {
                    // Errors inside a line are reported at that line of the fragment file.
                    if case .invalidGraphJSON(_, _, let column, let problem) = error {
                        Terminal.error("\(SourceLocation(path: path, line: lineNumber, column: column)): error: invalid fragment: \(problem)")
                    } else {
                        Terminal.error(error.description)
                    }
                    throw ExitCode(2)
                }
                try checkDocumentIDs(fragment, at: SourceLocation(path: path, line: lineNumber), seen: &seen)
                merger.add(fragment)
                fragments += 1
            }
        }
        if fragments == 0 && !allowEmpty {
            Terminal.error("eventgraph: no fragments in \(input.joined(separator: ", ")); nothing written (--allow-empty writes an empty graph)")
            throw ExitCode(2)
        }
        let overridesValue: EntityOverrides
        do { overridesValue = try overrides.map { path throws(CorpusError) in try OverridesReader.read(path: path) } ?? .none } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let fragmentsMerged = merger.graph()
        for warning in CorpusWarning.overrides(EntityResolver.overrideWarnings(overridesValue, entities: fragmentsMerged.entities)) {
            Terminal.error(warning.description)
        }
        let (entitiesResolved, entityMerges) = EntityResolver.resolve(fragmentsMerged, overrides: overridesValue)
        let (graph, eventMerges) = EventResolver.resolve(entitiesResolved)
        let merges = (entityMerges + eventMerges).sorted()
        do {
            // All files or none, as in `build`.
            try AtomicFile.writeAll(exports.files(for: graph, merges: merges, prefix: prefix))
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        Terminal.error("eventgraph: merged \(graph.documents.count) documents, \(graph.entities.count) entities, \(graph.events.count) events, \(graph.relations.count) relations → \(prefix).graph.json")
    }

    /// Refuses a fragment whose document id an earlier fragment had with another text: two
    /// articles that got the same id (`extract a/report.txt` and `extract b/report.txt` without
    /// `--root`) would otherwise become one document with both articles' facts.
    private func checkDocumentIDs(_ fragment: Graph, at location: SourceLocation, seen: inout [String: FirstSeen]) throws {
        for document in fragment.documents {
            guard let first = seen[document.id] else {
                seen[document.id] = FirstSeen(sha256: document.sha256, location: location.description)
                continue
            }
            guard first.sha256 != document.sha256 else { continue }
            Terminal.error(
                "\(location): error: document id '\(document.id)' has another text (sha256 \(document.sha256.prefix(12))) than in \(first.location) "
                    + "(sha256 \(first.sha256.prefix(12))); nothing written (extract with --root to give ids from the corpus folder)")
            throw ExitCode(2)
        }
    }
}
