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

    @Option(help: ArgumentHelp("Publication date for articles that have none.", valueName: "YYYY-MM-DD"))
    var published: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the fragments to this file (atomically).")
    var output: String?

    func run() throws {
        let reader = CorpusReader(defaultPublished: published.flatMap { CalendarDay(iso: $0) })
        var documents: [SourceDocument] = []
        var errors: [CorpusError] = []
        if input == ["-"] {
            let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            for result in JSONArticleReader.read(bytes, path: "<stdin>", id: "stdin", lineDelimited: true, defaultPublished: reader.defaultPublished) {
                switch result {
                case .success(let d): documents.append(d)
                case .failure(let e): errors.append(e)
                }
            }
        } else {
            let read = reader.read(paths: input)
            documents = read.documents
            errors = read.errors
        }
        for error in errors { Terminal.error(error.description) }
        let pipeline = try Pipeline.standard()
        var out: [UInt8] = []
        for document in documents {
            out += GraphJSON.encodeLine(pipeline.extract(document))
            out.append(0x0A)
        }
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
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge graph fragments (JSONL from extract) into one graph (the reducer).",
        discussion: "Merging is associative and commutative: shards may be merged in any order and give the same bytes as one build."
    )

    @Argument(help: "Fragment files (JSONL), or - for standard input.")
    var input: [String]

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output prefix; writes PREFIX.graph.json and PREFIX.merges.json.")
    var prefix: String

    @Option(help: ArgumentHelp("Entity overrides file.", valueName: "FILE"))
    var overrides: String?

    func run() throws {
        var merger = GraphMerger()
        for path in input {
            let data: Data
            if path == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else {
                guard let contents = FileManager.default.contents(atPath: path) else {
                    Terminal.error("\(path):1:1: error: no such file")
                    throw ExitCode(2)
                }
                data = contents
            }
            var lineNumber = 0
            for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                lineNumber += 1
                guard !line.isEmpty else { continue }
                do { merger.add(try GraphJSON.decode([UInt8](line), path: path)) } catch {
                    // Errors inside a line are reported at that line of the fragment file.
                    if case .invalidGraphJSON(_, _, let column, let problem) = error {
                        Terminal.error("\(path):\(lineNumber):\(column): error: invalid fragment: \(problem)")
                    } else {
                        Terminal.error(error.description)
                    }
                    throw ExitCode(2)
                }
            }
        }
        let overridesValue: EntityOverrides
        do { overridesValue = try overrides.map { path throws(CorpusError) in try OverridesReader.read(path: path) } ?? .none } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let (entitiesResolved, entityMerges) = EntityResolver.resolve(merger.graph(), overrides: overridesValue)
        let (graph, eventMerges) = EventResolver.resolve(entitiesResolved)
        do {
            try GraphJSON.write(graph, to: prefix + ".graph.json")
            try AtomicFile.write(MergeLog.encode((entityMerges + eventMerges).sorted()), to: prefix + ".merges.json")
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        Terminal.error("eventgraph: merged \(graph.documents.count) documents, \(graph.entities.count) entities, \(graph.events.count) events, \(graph.relations.count) relations → \(prefix).graph.json")
    }
}
