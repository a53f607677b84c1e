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
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: path, reason: "cannot create folder \(folder.path)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .writeFailed(path: path, reason: "cannot create a temporary file in \(folder.path): \(String(cString: strerror(errno)))")
        }
        TemporaryFiles.shared.register(temporary)
        defer { TemporaryFiles.shared.unregister(temporary) }
        func fail(_ reason: String) -> ExportError {
            close(descriptor)
            unlink(temporary)
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
            unlink(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
    }

    private struct WriteError: Error { var reason: String }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
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

    /// Removes every temporary file still registered. Called from a signal handler's dispatch
    /// source, not from the handler itself.
    public func removeAll() {
        lock.withLock {
            for path in paths.sorted() { unlink(path) }
            paths.removeAll()
        }
    }
}
