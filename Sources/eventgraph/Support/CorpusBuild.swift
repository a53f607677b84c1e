import Dispatch
import EventGraphCore
import EventGraphCorpus
import EventGraphExtraction
import Foundation

/// Reads a corpus and runs the pipeline over it: what `build` writes and what `eval` scores when
/// given a corpus instead of a graph.
struct CorpusBuild {
    var paths: [String]
    var defaultPublished: CalendarDay?
    /// A folder of extra rule files (`--rules`).
    var rulesDirectory: String?
    /// Entity overrides (`--overrides`, else `eventgraph.overrides.yaml` in the first corpus folder).
    var overridesPath: String?

    struct Outcome {
        var graph: Graph
        /// Why entities were merged across articles.
        var merges: [MergeRecord]
        var errors: [CorpusError]
        var warnings: [CorpusWarning]
        var seconds: Double
    }

    /// Articles are read in order, then extracted in parallel across cores; each worker merges its
    /// own fragments, and the partial graphs are merged at the end. Merge is associative and
    /// commutative, so the scheduling cannot change the output.
    func run(strict: Bool = false) throws -> Outcome {
        let started = DispatchTime.now()
        let reader = CorpusReader(defaultPublished: defaultPublished)
        let read = reader.read(paths: paths)
        if strict, let first = read.errors.first { throw StrictStop(error: first) }
        let pipeline = try Pipeline.standard(timexRules: TimexRuleSet.standard(adding: rulesDirectory))
        let documents = read.documents
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, documents.count))
        let partials = PartialGraphs(count: workers)
        let progress = ProgressCounter(total: documents.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var merger = GraphMerger()
            var index = worker
            while index < documents.count {
                merger.add(pipeline.extract(documents[index]))
                progress.advance()
                index += workers
            }
            partials.set(worker, merger.graph())
        }
        Terminal.clearProgress()
        let (entitiesResolved, entityMerges) = EntityResolver.resolve(Graph.merge(partials.all), overrides: try overrides())
        let (graph, eventMerges) = EventResolver.resolve(entitiesResolved)
        let merges = (entityMerges + eventMerges).sorted()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return Outcome(graph: graph, merges: merges, errors: read.errors, warnings: read.warnings, seconds: seconds)
    }

    struct StrictStop: Error { var error: CorpusError }

    /// A setup problem that stops the build before any article is extracted: a broken rule or
    /// overrides file. Printed as is; exit status 2.
    struct SetupFailure: Error, CustomStringConvertible { var description: String }

    /// `run`, with setup problems turned into `SetupFailure`.
    func runReportingSetup(strict: Bool = false) throws -> Outcome {
        do {
            return try run(strict: strict)
        } catch let error as ResourceError {
            throw SetupFailure(description: error.description)
        } catch let error as CorpusError {
            throw SetupFailure(description: error.description)
        }
    }

    /// The overrides file named on the command line, else the default one in the first corpus
    /// folder if it exists, else none.
    func overrides() throws(CorpusError) -> EntityOverrides {
        if let overridesPath { return try OverridesReader.read(path: overridesPath) }
        guard let first = paths.first else { return .none }
        let candidate = (first as NSString).appendingPathComponent(OverridesReader.defaultFileName)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory), isDirectory.boolValue,
              FileManager.default.fileExists(atPath: candidate) else { return .none }
        return try OverridesReader.read(path: candidate)
    }
}

/// Slots that workers fill, one each.
private final class PartialGraphs: @unchecked Sendable {
    private var graphs: [Graph]
    private let lock = NSLock()

    init(count: Int) { graphs = Array(repeating: Graph(), count: count) }

    func set(_ index: Int, _ graph: Graph) {
        lock.lock()
        graphs[index] = graph
        lock.unlock()
    }

    var all: [Graph] {
        lock.lock()
        defer { lock.unlock() }
        return graphs
    }
}

/// Counts finished articles and redraws the progress line now and then.
private final class ProgressCounter: @unchecked Sendable {
    private let total: Int
    private var done = 0
    private let lock = NSLock()

    init(total: Int) { self.total = total }

    func advance() {
        lock.lock()
        done += 1
        let current = done
        lock.unlock()
        if total >= 200, current % 100 == 0 || current == total {
            Terminal.progress("extracting: \(current)/\(total) articles")
        }
    }
}
