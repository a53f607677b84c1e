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
        // A target that is a folder would make its rename fail after others succeeded: refuse first.
        for file in files {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
                for case .success(let temporary) in written { TemporaryFiles.shared.remove(temporary) }
                throw .writeFailed(path: file.path, reason: "is a folder")
            }
        }
        if let hold = ProcessInfo.processInfo.environment["EVENTGRAPH_HOLD_BEFORE_RENAME"], let seconds = UInt32(hold) {
            // For the interruption test: every temporary is written, nothing renamed yet.
            FileHandle.standardError.write(Data("eventgraph: holding before rename\n".utf8))
            sleep(seconds)
        }
        for (index, result) in written.enumerated() {
            if case .success(let temporary) = result { try moveIntoPlace(temporary, files[index].path) }
        }
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

    /// Removes every temporary file still registered. Called from a signal handler's dispatch
    /// source, not from the handler itself.
    public func removeAll() {
        lock.withLock {
            for path in paths.sorted() { unlink(path) }
            paths.removeAll()
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
