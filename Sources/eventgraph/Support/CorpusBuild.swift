import Dispatch
import EventGraphCore
import EventGraphCorpus
import EventGraphExtraction
import EventGraphStore
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
    /// Files larger than this are reported and skipped (`--max-file-bytes`).
    var maximumFileBytes = CorpusReader.defaultMaximumFileBytes
    /// Follow symbolic links that leave the corpus (`--follow-symlinks`).
    var followSymlinks = false
    /// The fragment store (`--store`, by default beside the graph): articles whose fragment it
    /// holds are not extracted again. Nil: extract every article.
    var storePath: String?

    struct Outcome {
        var graph: Graph
        /// Why entities were merged across articles.
        var merges: [MergeRecord]
        var errors: [CorpusError]
        var warnings: [CorpusWarning]
        /// What happened to the fragment store, when one was used: its warnings, and the count of
        /// fragments read from it and extracted.
        var storeNotes: [String] = []
        var seconds: Double
        /// Per step: reading and each extraction stage summed over workers (CPU seconds), then the
        /// merge and resolution steps (wall seconds).
        var timings: StageTimings
    }

    /// Articles are read and extracted in parallel (a task group, one child task per core), one
    /// file at a time per worker, so that only the articles being worked on are in memory; each
    /// worker merges its own fragments, and the partial graphs are merged at the end. Merge is associative and commutative, so the
    /// scheduling cannot change the output; errors and warnings are put back in corpus order.
    func run(strict: Bool = false) throws -> Outcome {
        let started = DispatchTime.now()
        var configured = CorpusReader(defaultPublished: defaultPublished, maximumFileBytes: maximumFileBytes)
        configured.followSymlinks = followSymlinks
        let reader = configured
        let listing = reader.listing(for: paths)
        let (entries, listingErrors) = (listing.entries, listing.errors)
        if strict, let first = listingErrors.first { throw StrictStop(error: first) }
        let duplicates = CorpusReader.duplicateEntries(entries)
        let pipeline = try Pipeline.standard(timexRules: TimexRuleSet.standard(adding: rulesDirectory))
        let overrides = try overrides()
        var storeNotes: [String] = []
        let store = try openStore(notes: &storeNotes)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, entries.count))
        let reports = Slots<EntryReport>(count: entries.count)
        let queue = WorkQueue(count: entries.count)
        let progress = ProgressCounter(total: entries.count)
        // One child task per core, each pulling files from the shared queue until it is empty.
        var (partialGraphs, perWorkerTimings) = Self.waitFor {
            await withTaskGroup(of: (worker: Int, graph: Graph, timings: StageTimings).self) { group in
                for worker in 0..<workers {
                    group.addTask {
                        var merger = GraphMerger()
                        var timings = StageTimings()
                        while let index = queue.next() {
                            let entry = entries[index]
                            if let firstPath = duplicates[index] {
                                let error = CorpusError.duplicateDocumentID(SourceLocation(path: entry.path), id: entry.id, firstPath: firstPath)
                                reports.set(index, EntryReport(errors: [error], warnings: []))
                                if strict { queue.stop() }
                                continue
                            }
                            var clock = ContinuousClock.now
                            let read = reader.readChecked(entry)
                            timings.add("read", ContinuousClock.now - clock)
                            reports.set(index, EntryReport(errors: read.errors, warnings: read.warnings))
                            if strict, !read.errors.isEmpty { queue.stop() }
                            for var document in read.documents {
                                document.recordPathRelativeToRoot(of: entry)
                                clock = ContinuousClock.now
                                let stored = store?.fragment(for: document.document)
                                if store != nil { timings.add("store (read)", ContinuousClock.now - clock) }
                                if stored != nil {
                                    // Counted as the pipeline counts what it extracts, so that the
                                    // rates of a rebuild are over the whole corpus.
                                    timings.bytes += document.text.utf8.count
                                    timings.documents += 1
                                }
                                let fragment = stored ?? pipeline.extract(document, timings: &timings)
                                if stored == nil, let store {
                                    clock = ContinuousClock.now
                                    store.keep(fragment, for: document.document)
                                    timings.add("store (write)", ContinuousClock.now - clock)
                                }
                                clock = ContinuousClock.now
                                merger.add(fragment)
                                timings.add("merge (per worker)", ContinuousClock.now - clock)
                            }
                            progress.advance()
                        }
                        let clock = ContinuousClock.now
                        let graph = merger.graph()
                        timings.add("merge (per worker)", ContinuousClock.now - clock)
                        return (worker, graph, timings)
                    }
                }
                var results: [(worker: Int, graph: Graph, timings: StageTimings)] = []
                for await result in group { results.append(result) }
                // In worker order: merging commutes, but the timing table keeps a stable order.
                results.sort { $0.worker < $1.worker }
                return (results.map(\.graph), results.map(\.timings))
            }
        }
        Terminal.clearProgress()
        let reported = reports.filled
        let errors = listingErrors + reported.flatMap(\.errors)
        if let store {
            // Fragments of articles that are gone are dropped only when the whole corpus was seen.
            if let failure = store.finish(dropUnseen: !(strict && !errors.isEmpty)) { storeNotes.append(failure.description) }
            storeNotes.append("eventgraph: \(store.hits) of \(store.hits + store.misses) articles from the fragment store \(DisplayText.visible(store.path)), \(store.misses) extracted")
        }
        if strict, let first = errors.first { throw StrictStop(error: first) }
        var warnings = Array(Set(listing.warnings + reported.flatMap(\.warnings))).sorted { $0.location < $1.location }
        var timings = perWorkerTimings.reduce(StageTimings()) { $0.adding($1) }
        var clock = ContinuousClock.now
        func lap(_ name: String) {
            let now = ContinuousClock.now
            timings.add(name, now - clock)
            clock = now
        }
        // Each step's input is dropped as soon as its output exists, so that at most two copies
        // of the evidence are alive at once.
        var graph = Graph.mergeCanonical(partialGraphs)
        partialGraphs = []
        lap("merge (partial graphs)")
        warnings += CorpusWarning.overrides(EntityResolver.overrideWarnings(overrides, entities: graph.entities))
        let entityMerges: [MergeRecord]
        (graph, entityMerges) = EntityResolver.resolve(consume graph, overrides: overrides)
        lap("resolve entities")
        let eventMerges: [MergeRecord]
        (graph, eventMerges) = EventResolver.resolve(consume graph)
        lap("resolve events")
        let merges = (entityMerges + eventMerges).sorted()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return Outcome(graph: graph, merges: merges, errors: errors, warnings: warnings, storeNotes: storeNotes, seconds: seconds, timings: timings)
    }

    /// The store for this pipeline, or nil (no store asked for, or one that cannot be written: the
    /// build then extracts everything). Another build holding it stops this one.
    private func openStore(notes: inout [String]) throws -> FragmentStore? {
        guard let storePath else { return nil }
        do {
            let store = try FragmentStore(path: storePath, fingerprint: Pipeline.fingerprint(rulesDirectory: rulesDirectory))
            if let damaged = store.damagedAndRebuilt { notes.append(damaged.description) }
            return store
        } catch {
            if case .busy = error { throw SetupFailure(description: error.description) }
            notes.append(error.description)
            return nil
        }
    }

    /// Runs async work from this synchronous command and waits for it. The calling thread is the
    /// command's own, not one of the concurrency pool's, so waiting blocks no task.
    private static func waitFor<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let box = Slots<T>(count: 1)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.set(0, await work())
            done.signal()
        }
        done.wait()
        return box.filled[0]
    }

    private struct EntryReport: Sendable {
        var errors: [CorpusError]
        var warnings: [CorpusWarning]
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

/// Slots that workers fill; a slot nobody filled (work stopped early) is left out.
private final class Slots<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { values[index] = value } }

    var filled: [Value] { lock.withLock { values.compactMap { $0 } } }
}

/// Hands out entry indices in order to whichever worker asks next; `stop` ends the handing out.
private final class WorkQueue: @unchecked Sendable {
    private let count: Int
    private var nextIndex = 0
    private let lock = NSLock()

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.withLock {
            guard nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func stop() { lock.withLock { nextIndex = count } }
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
