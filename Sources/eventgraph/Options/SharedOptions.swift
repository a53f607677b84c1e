import EventGraphCore
import EventGraphExport
import ArgumentParser
import EventGraphSyntax
import Foundation

/// How every command that reads a corpus treats what it finds in the corpus folders.
struct CorpusReadingOptions: ParsableArguments {
    @Flag(help: "Follow symbolic links whose target lies outside the corpus folders given (by default they are skipped with a warning).")
    var followSymlinks = false
}

/// `-o PREFIX` names files (`PREFIX.graph.json`, ...): a folder there would give hidden files
/// (`dir/.graph.json`), so it is refused with a hint.
func validateOutputPrefix(_ prefix: String?) throws {
    guard let prefix else { return }
    var isDirectory: ObjCBool = false
    if prefix.isEmpty || prefix.hasSuffix("/") || (FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory) && isDirectory.boolValue) {
        throw ValidationError("-o takes a prefix for the files to write, not a folder: give FOLDER/NAME (writes FOLDER/NAME.graph.json, ...), got '\(DisplayText.visible(prefix))'")
    }
}

/// The syntax models a command uses: the shipped ones, or `--models DIR`.
struct SyntaxModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A folder with tagger.egm and parser.egm to use instead of the shipped models.", valueName: "DIR"))
    var models: String?

    /// The models, or the located error (exit 2) before any input is read.
    func load() throws -> SyntaxModels {
        do { return try SyntaxModels.load(from: models) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}

/// A day on the command line, as `YYYY-MM-DD`.
extension CalendarDay: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

extension TimelineFormat: ExpressibleByArgument {
    public static var allValueDescriptions: [String: String] { Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.summary) }) }
}

extension ExportFormat: ExpressibleByArgument {
    public static var allValueDescriptions: [String: String] { Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.summary) }) }
}

/// `--formats graphml,gexf`, or `none`.
struct ExportFormatList: ExpressibleByArgument {
    var formats: [ExportFormat]

    init(_ formats: [ExportFormat]) { self.formats = formats }

    init?(argument: String) {
        if argument == "none" {
            formats = []
            return
        }
        var chosen: [ExportFormat] = []
        for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let format = ExportFormat(rawValue: String(name)), ExportFormat.besideGraphJSON.contains(format) else { return nil }
            if !chosen.contains(format) { chosen.append(format) }
        }
        formats = chosen
    }

    var defaultValueDescription: String { formats.isEmpty ? "none" : formats.map(\.rawValue).joined(separator: ",") }

    static var allValueStrings: [String] { ExportFormat.besideGraphJSON.map(\.rawValue) + ["none"] }

    static var allValueDescriptions: [String: String] {
        Dictionary(uniqueKeysWithValues: ExportFormat.besideGraphJSON.map { ($0.rawValue, $0.summary) } + [("none", "only the graph JSON and the merge log")])
    }
}

/// What `build` and `merge` write beside PREFIX.graph.json and PREFIX.merges.json.
struct ExportWritingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Formats to write beside the graph JSON, comma-separated.", valueName: "LIST"))
    var formats = ExportFormatList(ExportFormat.buildDefaults)

    @OptionGroup var iri: IRIOptions

    /// Each file's path and writer: the graph JSON, the merge log, then the chosen formats.
    func files(for graph: Graph, merges: [MergeRecord], prefix: String) -> [(path: String, produce: @Sendable (_ emit: ([UInt8]) throws -> Void) throws -> Void)] {
        let options = iri.exportOptions.forOneGraph()
        let graphJSON = ExportFormat.json
        var files: [(path: String, produce: @Sendable (_ emit: ([UInt8]) throws -> Void) throws -> Void)] = [
            (prefix + graphJSON.fileSuffix, { emit in try graphJSON.exporter.write(graph, options: options, to: emit) }),
            (prefix + ".merges.json", { emit in try emit(MergeLog.encode(merges)) }),
        ]
        for format in formats.formats {
            files.append((prefix + format.fileSuffix, { emit in try format.exporter.write(graph, options: options, to: emit) }))
        }
        return files
    }
}

/// `--base IRI` for the JSON-LD's data IRIs.
struct IRIOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The base IRI of the JSON-LD's documents, entities, events and relations (https://eventgraph.example/ unless given); articles with a URL are named by it.", valueName: "IRI"))
    var base: String?

    func validate() throws {
        guard let base else { return }
        guard let colon = base.firstIndex(of: ":"), base[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
              base.first?.isLetter == true, !base.contains(where: { $0.isWhitespace || "<>\"{}|\\^`".contains($0) }) else {
            throw ValidationError("--base must be an absolute IRI such as https://example.org/corpus/, got '\(DisplayText.visible(base))'")
        }
    }

    /// A base that does not end in `/` or `#` gets a `/`, so that ids never run into it.
    var exportOptions: ExportOptions {
        ExportOptions(baseIRI: base.map { $0.hasSuffix("/") || $0.hasSuffix("#") ? $0 : $0 + "/" })
    }
}

/// How articles are extracted: extra rules, and the day of articles that give none.
struct ExtractionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A folder with extra rule files (timex/rules.json), applied after the shipped rules.", valueName: "DIR"))
    var rules: String?

    @Option(help: ArgumentHelp("Publication date for articles that have none.", valueName: "YYYY-MM-DD"))
    var published: CalendarDay?
}
