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
        try StandardOutput.write(out, orTo: output)
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
