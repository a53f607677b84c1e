import ArgumentParser
import EventGraphCore
import EventGraphCorpus
import EventGraphExport
import Foundation

/// The input of the commands that read a graph: a graph JSON file, or a corpus built in memory.
///
/// A missing input is never an empty graph: a typo in `export typo -o existing.graphml` must not
/// replace a good export. Every path given must exist, a corpus must give at least one document,
/// and a graph file must be a valid graph; otherwise the command prints the located error and
/// exits 2 before writing anything.
struct GraphInput {
    var graph: Graph
    /// Some files of a corpus input could not be read (they were reported); the rest was built.
    var hadReadErrors: Bool

    /// What else a corpus build needs; a graph file ignores it.
    struct Settings {
        var defaultPublished: CalendarDay? = nil
        var rulesDirectory: String? = nil
        var followSymlinks = false
    }

    /// A file is a graph when its name ends in `.graph.json`, or when it is a `.json` file that
    /// opens with the `documents` key (keys are sorted, so it comes first); anything else is a corpus.
    static func isGraphFile(_ path: String) -> Bool {
        if path.hasSuffix(".graph.json") { return true }
        guard path.hasSuffix(".json"), let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 200), as: UTF8.self)
        return head.contains("\"documents\"")
    }

    static func load(_ input: [String], settings: Settings = Settings()) throws -> GraphInput {
        for path in input where !FileManager.default.fileExists(atPath: path) {
            Terminal.error(CorpusError.notFound(SourceLocation(path: path)).description)
            Terminal.error("eventgraph: an input does not exist; nothing written")
            throw ExitCode(2)
        }
        if input.count == 1, isGraphFile(input[0]) {
            do { return GraphInput(graph: try GraphJSON.read(path: input[0]), hadReadErrors: false) } catch {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        }
        var build = CorpusBuild(paths: input, defaultPublished: settings.defaultPublished, rulesDirectory: settings.rulesDirectory)
        build.followSymlinks = settings.followSymlinks
        let outcome: CorpusBuild.Outcome
        do { outcome = try build.runReportingSetup() } catch let failure as CorpusBuild.SetupFailure {
            Terminal.error(failure.description)
            throw ExitCode(2)
        }
        for warning in outcome.warnings { Terminal.error(warning.description) }
        for error in outcome.errors { Terminal.error(error.description) }
        guard !outcome.graph.documents.isEmpty else {
            Terminal.error("eventgraph: no articles could be read; nothing written")
            throw ExitCode(2)
        }
        return GraphInput(graph: outcome.graph, hadReadErrors: !outcome.errors.isEmpty)
    }
}
