import Dispatch
import Foundation

/// Writes files so that readers only ever see the old bytes or the new ones: the content goes to a
/// temporary file in the same folder, which is then renamed over the target. If writing fails
/// midway the temporary file is removed and the target is untouched.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(ExportError) {
        try write(to: path) { emit in try emit(bytes) }
    }

    /// Writes what `produce` emits, chunk by chunk, then renames it into place. A large export never
    /// has to be one buffer in memory.
    public static func write(to path: String, _ produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws(ExportError) {
        let temporary = try writeTemporary(for: path, produce)
        try moveIntoPlace(temporary, path)
    }

    /// Writes a temporary file next to `path` and returns its path; it is registered with
    /// `TemporaryFiles` until it is renamed or removed.
    static func writeTemporary(for path: String, _ produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws(ExportError) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: path, reason: "cannot create folder \(folder.path)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        TemporaryFiles.shared.register(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            TemporaryFiles.shared.unregister(temporary)
            throw .writeFailed(path: path, reason: "cannot create a temporary file in \(folder.path): \(String(cString: strerror(errno)))")
        }
        func fail(_ reason: String) -> ExportError {
            close(descriptor)
            TemporaryFiles.shared.remove(temporary)
            return .writeFailed(path: path, reason: reason)
        }
        do {
            try produce { chunk in try writeAll(chunk, to: descriptor) }
        } catch let error as WriteError {
            throw fail(error.reason)
        } catch {
            throw fail("\(error)")
        }
        if close(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            TemporaryFiles.shared.remove(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
        return temporary
    }

    static func moveIntoPlace(_ temporary: String, _ path: String) throws(ExportError) {
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            TemporaryFiles.shared.remove(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
        TemporaryFiles.shared.unregister(temporary)
    }

    /// Several files written as one step: every file is written to its temporary first (in
    /// parallel), and only when all of them succeeded are they renamed into place, one after the
    /// other. A failure or an interruption while writing leaves every previous file as it was.
    public static func writeAll(_ files: [(path: String, produce: @Sendable (_ emit: ([UInt8]) throws -> Void) throws -> Void)]) throws(ExportError) {
        let results = Slots<Result<String, ExportError>>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            do throws(ExportError) {
                results.set(index, .success(try writeTemporary(for: file.path, file.produce)))
            } catch {
                results.set(index, .failure(error))
            }
        }
        let written = results.all
        for case .failure(let error) in written {
            for case .success(let temporary) in written { TemporaryFiles.shared.remove(temporary) }
            throw error
        }
        let temporaries = written.compactMap { result -> String? in if case .success(let path) = result { return path } else { return nil } }
        holdBeforeRenameForTests()
        let targets = files.map(\.path)
        try TemporaryFiles.shared.committing { () throws(ExportError) in
            try commit(temporaries, to: targets)
        }
    }

    /// Renames every temporary over its target, all or none: each target is checked first (a
    /// folder where a file should go is refused before anything moves), each existing target is
    /// kept as a hard-linked backup until every rename succeeded, and when one rename fails the
    /// ones already done are rolled back, so the previous files stay as they were.
    static func commit(_ temporaries: [String], to targets: [String]) throws(ExportError) {
        func discard(_ paths: [String]) { for path in paths { TemporaryFiles.shared.remove(path) } }
        for target in targets {
            var status = stat()
            if lstat(target, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                discard(temporaries)
                throw .writeFailed(path: target, reason: "is a folder")
            }
        }
        var backups: [String?] = []
        for target in targets {
            do throws(ExportError) { backups.append(try backup(of: target)) } catch {
                for case let backup? in backups { unlink(backup) }
                discard(temporaries)
                throw error
            }
        }
        for index in targets.indices {
            if renameForCommit(temporaries[index], targets[index], index: index) == 0 {
                TemporaryFiles.shared.unregister(temporaries[index])
                continue
            }
            let reason = String(cString: strerror(errno))
            // Undo the renames done so far: restore each backup, or remove a file that is new.
            for done in 0..<index {
                if let backup = backups[done] { rename(backup, targets[done]) } else { unlink(targets[done]) }
            }
            for later in index..<targets.count { if let backup = backups[later] { unlink(backup) } }
            discard(Array(temporaries[index...]))
            throw .writeFailed(path: targets[index], reason: reason + "; no file was changed")
        }
        for case let backup? in backups { unlink(backup) }
    }

    /// A hard link to the target's current bytes beside it (nil when there is no target yet), so
    /// that a later failure can put it back without the target ever being missing meanwhile.
    private static func backup(of target: String) throws(ExportError) -> String? {
        var status = stat()
        guard lstat(target, &status) == 0 else { return nil }
        let url = URL(fileURLWithPath: target)
        let backup = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        if link(target, backup) == 0 { return backup }
        // A file system without hard links: a copy serves the same purpose.
        do { try FileManager.default.copyItem(atPath: target, toPath: backup) } catch {
            throw .writeFailed(path: target, reason: "cannot keep a copy of the previous file to restore on failure")
        }
        return backup
    }

    /// `rename`, which the tests can make fail at one index (`EVENTGRAPH_FAIL_RENAME_AT`, debug
    /// builds only) to check the rollback.
    private static func renameForCommit(_ from: String, _ to: String, index: Int) -> Int32 {
        #if DEBUG
        if let failing = ProcessInfo.processInfo.environment["EVENTGRAPH_FAIL_RENAME_AT"].flatMap(Int.init), failing == index {
            errno = EIO
            return -1
        }
        #endif
        return rename(from, to)
    }

    /// For the interruption tests: every temporary is written, nothing renamed yet. Compiled into
    /// debug builds only (what `swift test` runs), never into a release.
    private static func holdBeforeRenameForTests() {
        #if DEBUG
        if let hold = ProcessInfo.processInfo.environment["EVENTGRAPH_HOLD_BEFORE_RENAME"], let seconds = UInt32(hold) {
            FileHandle.standardError.write(Data("eventgraph: holding before rename\n".utf8))
            sleep(seconds)
        }
        #endif
    }

    private struct WriteError: Error { var reason: String }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
    }
}

/// The temporary files being written right now, so that an interrupted run can remove them before
/// it exits (the targets themselves are only ever replaced whole, by rename).
public final class TemporaryFiles: @unchecked Sendable {
    public static let shared = TemporaryFiles()
    private let lock = NSLock()
    private var paths: Set<String> = []

    func register(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    func unregister(_ path: String) { lock.withLock { _ = paths.remove(path) } }

    /// Deletes a temporary file that will not be renamed (a failed write) or forgets one that was.
    func remove(_ path: String) {
        lock.withLock {
            if paths.remove(path) != nil { unlink(path) }
        }
    }

    /// Held while a set of files is renamed into place: an interruption waits for the renames (a
    /// few system calls) instead of leaving half of them done.
    private let commitLock = NSLock()

    func committing<T>(_ body: () throws(ExportError) -> T) throws(ExportError) -> T {
        commitLock.lock()
        defer { commitLock.unlock() }
        return try body()
    }

    /// Removes every temporary file still registered. Called from the thread that waits for
    /// signals, after any set of renames under way has finished.
    public func removeAll() {
        commitLock.withLock {
            lock.withLock {
                for path in paths.sorted() { unlink(path) }
                paths.removeAll()
            }
        }
    }
}

/// Result slots that parallel workers fill, one each.
final class Slots<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { values[index] = value } }

    var all: [Value] { lock.withLock { values.map { $0! } } }
}
