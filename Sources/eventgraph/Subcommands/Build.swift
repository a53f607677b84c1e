import ArgumentParser
import EventGraphCore
import EventGraphCorpus
import EventGraphExport
import EventGraphExtraction
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the graph of a corpus and write PREFIX.graph.json.",
        discussion: """
            CORPUS is any mix of files and folders (read recursively): .txt/.md with optional YAML front \
            matter, .json/.jsonl (news-please fields), .html. Files that cannot be read are reported as \
            path:line:col: error: ... and the rest of the corpus is built; the exit status is then 1.
            """
    )

    @Argument(help: "Files or folders of articles.")
    var corpus: [String]

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output prefix; writes PREFIX.graph.json. Default: Exports/<name of the first input>.")
    var prefix: String?

    @OptionGroup var extraction: ExtractionOptions

    @Option(help: ArgumentHelp("Entity overrides (aliases, merge, split, types, ignore). Default: eventgraph.overrides.yaml in the corpus folder, if present.", valueName: "FILE"))
    var overrides: String?

    @OptionGroup var exports: ExportWritingOptions

    @OptionGroup var reading: CorpusReadingOptions

    @Option(help: ArgumentHelp("The fragment store: each article's extracted fragment, so that a rebuild extracts only new and changed articles (PREFIX.store.sqlite unless given).", valueName: "PATH"))
    var store: String?

    @Flag(help: "Extract every article, without reading or writing a fragment store.")
    var noStore = false

    @Flag(help: "Stop at the first input that cannot be read, and write nothing.")
    var strict = false

    @Option(help: ArgumentHelp("Files larger than this (512 MiB unless given) are reported and skipped. Articles over 1 MiB are extracted in windows of 1 MiB cut at paragraph or sentence ends.", valueName: "BYTES"))
    var maxFileBytes: Int = CorpusReader.defaultMaximumFileBytes

    @Flag(help: "Print, on standard error, the seconds and MB/s of each step: reading, each extraction stage (CPU seconds summed over workers), merging, resolution and each file written.")
    var timings = false

    func validate() throws {
        try validateOutputPrefix(prefix)
        if noStore, store != nil { throw ValidationError("--store and --no-store exclude each other") }
    }

    var outputPath: String {
        if let prefix { return prefix + ".graph.json" }
        let first = URL(fileURLWithPath: corpus[0]).standardizedFileURL
        let name = first.hasDirectoryPath ? first.lastPathComponent : first.deletingPathExtension().lastPathComponent
        return "Exports/\(name.isEmpty ? "corpus" : name).graph.json"
    }

    func run() throws {
        var build = CorpusBuild(paths: corpus, defaultPublished: extraction.published, rulesDirectory: extraction.rules, overridesPath: overrides)
        build.maximumFileBytes = maxFileBytes
        build.followSymlinks = reading.followSymlinks
        if !noStore { build.storePath = store ?? String(outputPath.dropLast(".graph.json".count)) + ".store.sqlite" }
        let outcome: CorpusBuild.Outcome
        do {
            outcome = try build.runReportingSetup(strict: strict)
        } catch let stop as CorpusBuild.StrictStop {
            Terminal.error(stop.error.description)
            Terminal.error("eventgraph: stopped at the first unreadable input (--strict); nothing written")
            throw ExitCode(1)
        } catch let failure as CorpusBuild.SetupFailure {
            Terminal.error(failure.description)
            throw ExitCode(2)
        }
        for warning in outcome.warnings { Terminal.error(warning.description) }
        for error in outcome.errors { Terminal.error(error.description) }
        for note in outcome.storeNotes where timings || !note.hasPrefix("eventgraph: ") { Terminal.error(note) }
        let graph = outcome.graph
        guard !graph.documents.isEmpty else {
            Terminal.error("eventgraph: no articles could be read; nothing written")
            throw ExitCode(2)
        }
        let output = outputPath
        do {
            let base = String(output.dropLast(".graph.json".count))
            var files = exports.files(for: graph, merges: outcome.merges, prefix: base)
            // Each file's time is the time to encode and write it (they are written in parallel).
            let fileSeconds = FileSeconds()
            files = files.map { file in
                (file.path, { emit in
                    let start = ContinuousClock.now
                    try file.produce(emit)
                    fileSeconds.set(file.path, ContinuousClock.now - start)
                })
            }
            let started = ContinuousClock.now
            // All written before any is renamed: an interrupted or failed build changes no file.
            try AtomicFile.writeAll(files)
            if timings {
                var all = outcome.timings
                for file in files { all.add("write " + (file.path as NSString).lastPathComponent, fileSeconds.get(file.path)) }
                all.add("writing, wall (files in parallel)", ContinuousClock.now - started)
                printTimings(all, buildSeconds: outcome.seconds)
            }
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let failed = outcome.errors.isEmpty ? "" : ", \(outcome.errors.count) inputs failed"
        Terminal.error(
            "eventgraph: \(graph.documents.count) documents, \(graph.entities.count) entities, \(graph.events.count) events, "
                + "\(graph.relations.count) relations in \(String(format: "%.2f", outcome.seconds)) s\(failed) → \(output)")
        if !outcome.errors.isEmpty { throw ExitCode(1) }
    }

    /// One line per step: seconds, and the corpus's MB and articles over those seconds.
    private func printTimings(_ timings: StageTimings, buildSeconds: Double) {
        let megabytes = Double(timings.bytes) / 1e6
        Terminal.error(String(format: "eventgraph: timings over %d articles, %.1f MB of text", timings.documents, megabytes))
        for name in timings.names {
            let seconds = timings.seconds(name)
            Terminal.error("  " + name.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%9.2f s %10.2f MB/s %10.0f articles/s", seconds,
                                  megabytes / max(seconds, 1e-9), Double(timings.documents) / max(seconds, 1e-9)))
        }
        if timings.sentences > 0 {
            Terminal.error(String(format: "  parsed %d of %d sentences (%.0f %%): those that can state a fact", timings.parsedSentences, timings.sentences,
                                  100 * Double(timings.parsedSentences) / Double(timings.sentences)))
        }
        Terminal.error("  " + "build, wall (reading to resolution)".padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%9.2f s", buildSeconds))
    }
}

/// Seconds per output file, filled by the writers running in parallel.
private final class FileSeconds: @unchecked Sendable {
    private var seconds: [String: Duration] = [:]
    private let lock = NSLock()

    func set(_ path: String, _ duration: Duration) { lock.withLock { seconds[path] = duration } }
    func get(_ path: String) -> Duration { lock.withLock { seconds[path] ?? .zero } }
}
