internal import CSQLite
import EventGraphCore
import Foundation

/// Why the store could not be used. The build goes on without it (a store is a cache: a missing
/// fragment is extracted again), except when another build holds it.
public enum StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Another build has the store and did not let go within the wait.
    case busy(path: String, seconds: Int)
    /// SQLite refused the file: not a database, damaged, or unreadable.
    case damaged(path: String, problem: String)
    /// A write failed (a full disk, a read-only folder).
    case unwritable(path: String, problem: String)

    public var description: String {
        switch self {
        case .busy(let path, let seconds):
            return "\(DisplayText.diagnosticPath(path)):1:1: error: the fragment store is in use by another build (waited \(seconds) s); try again when it has finished, or build with --no-store"
        case .damaged(let path, let problem):
            return "\(DisplayText.diagnosticPath(path)):1:1: warning: the fragment store cannot be read (\(DisplayText.visible(problem))); it is rebuilt"
        case .unwritable(let path, let problem):
            return "\(DisplayText.diagnosticPath(path)):1:1: warning: cannot write to the fragment store (\(DisplayText.visible(problem))); this build goes on without it"
        }
    }
}

/// Each article's extracted fragment, in one SQLite file (WAL journal, one transaction per batch of
/// writes), keyed by the article's document record: its id, path, metadata and the SHA-256 of its
/// text. The whole store belongs to one pipeline fingerprint (tool version, models, rules,
/// lexicons): a store made by another is emptied, never read. A fragment is kept in
/// `FragmentCodec`'s encoding, and its bytes are checked against their own digest when read, so a
/// damaged row is a miss, not a wrong graph.
///
/// One build at a time: the file is locked (`flock`) for the build; a second build waits, then
/// fails clearly. A killed build leaves the rows of its committed batches, each whole.
public final class FragmentStore: @unchecked Sendable {
    /// 2: fragments in `FragmentCodec`'s encoding (1 held their graph JSON).
    public static let schemaVersion = 2
    /// Fragments per write transaction. `EVENTGRAPH_STORE_BATCH` sets it, for the tests of a build
    /// killed between batches.
    static let batchSize = ProcessInfo.processInfo.environment["EVENTGRAPH_STORE_BATCH"].flatMap(Int.init).map { max(1, $0) } ?? 256
    /// Fault injection for the tests: `EVENTGRAPH_STORE_FAULT=kill-after-batch` ends the process
    /// (SIGKILL) after the first committed batch; `disk-full` fails every commit as a full disk does.
    static let fault = ProcessInfo.processInfo.environment["EVENTGRAPH_STORE_FAULT"]
    private var batchesCommitted = 0

    public let path: String
    private var database: OpaquePointer?
    private var lockDescriptor: Int32 = -1
    private let lock = NSLock()
    private var pending: [(key: String, document: String, bytes: [UInt8])] = []
    private var seen: Set<String> = []
    private var select: OpaquePointer?
    private var insert: OpaquePointer?
    /// The first write failure: the store is then left alone for the rest of the build.
    public private(set) var writeFailure: StoreError?
    public private(set) var hits = 0
    public private(set) var misses = 0

    /// Opens (or creates) the store for a pipeline fingerprint. A damaged file, or one from another
    /// schema, is replaced; one from another fingerprint is emptied.
    /// How long a build waits for another to let go of the store: 30 s, or `EVENTGRAPH_STORE_WAIT` seconds.
    public static var defaultWaitSeconds: Int { ProcessInfo.processInfo.environment["EVENTGRAPH_STORE_WAIT"].flatMap(Int.init) ?? 30 }

    public init(path: String, fingerprint: String, waitSeconds: Int = FragmentStore.defaultWaitSeconds) throws(StoreError) {
        self.path = path
        try acquireLock(waitSeconds: waitSeconds)
        do throws(StoreError) {
            try open()
            try prepare(fingerprint: fingerprint)
        } catch {
            guard case .damaged = error else { close(); throw error }
            // A cache that cannot be read is rebuilt, never misread.
            close(keepLock: true)
            for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
            try open()
            try prepare(fingerprint: fingerprint)
            damagedAndRebuilt = error
        }
    }

    /// Set when the file was damaged and replaced by an empty store.
    public private(set) var damagedAndRebuilt: StoreError?

    deinit { close() }

    // MARK: Lookups and writes (any thread)

    /// The stored fragment of a document record, or nil.
    public func fragment(for document: Document) -> Graph? {
        let key = Self.key(document)
        let bytes: [UInt8]? = lock.withLock {
            seen.insert(key)
            return readRow(key)
        }
        guard let bytes, let graph = FragmentCodec.decode(bytes), graph.documents == [document] else {
            lock.withLock { misses += 1 }
            return nil
        }
        lock.withLock { hits += 1 }
        return graph
    }

    /// Keeps a document's fresh fragment; written in batches.
    public func keep(_ fragment: Graph, for document: Document) {
        let key = Self.key(document)
        let bytes = FragmentCodec.encode(fragment)
        lock.withLock {
            seen.insert(key)
            guard writeFailure == nil else { return }
            pending.append((key, document.id, bytes))
            if pending.count >= Self.batchSize { flushLocked() }
        }
    }

    /// Writes what is pending and, when the whole corpus was seen, drops the fragments of articles
    /// that are gone; then checkpoints the journal and lets go of the file.
    public func finish(dropUnseen: Bool) -> StoreError? {
        lock.withLock {
            flushLocked()
            if dropUnseen, writeFailure == nil { dropUnseenLocked() }
            if writeFailure == nil { _ = exec("PRAGMA wal_checkpoint(TRUNCATE)") }
            let failure = writeFailure
            close()
            return failure
        }
    }

    /// The row key: the SHA-256 of the document record, whose every field is in the fragment.
    static func key(_ d: Document) -> String {
        let fields = [d.id, d.path, d.url ?? "\u{0}", d.title ?? "\u{0}", d.source ?? "\u{0}", d.published?.iso ?? "\u{0}", d.license ?? "\u{0}", d.sha256]
        return SHA256.hexDigest(of: fields.joined(separator: "\u{1F}"))
    }

    // MARK: SQLite

    private func acquireLock(waitSeconds: Int) throws(StoreError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        lockDescriptor = Foundation.open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockDescriptor >= 0 else { throw .unwritable(path: path, problem: String(cString: strerror(errno))) }
        let deadline = Date().addingTimeInterval(Double(waitSeconds))
        while flock(lockDescriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                Foundation.close(lockDescriptor)
                lockDescriptor = -1
                throw .busy(path: path, seconds: waitSeconds)
            }
            usleep(100_000)
        }
    }

    private func open() throws(StoreError) {
        var handle: OpaquePointer?
        let status = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        database = handle
        guard status == SQLITE_OK else {
            throw status == SQLITE_CANTOPEN || status == SQLITE_PERM || status == SQLITE_READONLY ? .unwritable(path: path, problem: message(status)) : .damaged(path: path, problem: message(status))
        }
        sqlite3_busy_timeout(database, 30_000)
    }

    /// The schema, the fingerprint check and the prepared statements.
    private func prepare(fingerprint: String) throws(StoreError) {
        for statement in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                          "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                          "CREATE TABLE IF NOT EXISTS fragments (key TEXT PRIMARY KEY, document TEXT NOT NULL, digest TEXT NOT NULL, bytes BLOB NOT NULL)"] {
            if let problem = exec(statement) { throw classify(problem) }
        }
        let schema = metaValue("schema")
        if let schema, schema != String(Self.schemaVersion) {
            throw .damaged(path: path, problem: "store schema \(schema), this eventgraph writes \(Self.schemaVersion)")
        }
        if metaValue("fingerprint") != fingerprint {
            // Made by another tool version, model or rule set: none of its fragments can be used.
            for statement in ["BEGIN IMMEDIATE", "DELETE FROM fragments", "DELETE FROM meta",
                              "INSERT INTO meta VALUES ('schema', '\(Self.schemaVersion)')", "INSERT INTO meta VALUES ('fingerprint', '\(fingerprint)')", "COMMIT"] {
                if let problem = exec(statement) { _ = exec("ROLLBACK"); throw classify(problem) }
            }
        }
        guard sqlite3_prepare_v2(database, "SELECT digest, bytes FROM fragments WHERE key = ?1", -1, &select, nil) == SQLITE_OK,
              sqlite3_prepare_v2(database, "INSERT OR REPLACE INTO fragments VALUES (?1, ?2, ?3, ?4)", -1, &insert, nil) == SQLITE_OK else {
            throw classify(String(cString: sqlite3_errmsg(database)))
        }
    }

    /// Errors that mean the file is not a usable store are `damaged` (rebuilt); the rest are writes.
    private func classify(_ problem: String) -> StoreError {
        let code = sqlite3_errcode(database)
        if [SQLITE_NOTADB, SQLITE_CORRUPT, SQLITE_FORMAT].contains(code) || problem.hasPrefix("store schema") { return .damaged(path: path, problem: problem) }
        return .unwritable(path: path, problem: problem)
    }

    private func metaValue(_ key: String) -> String? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, "SELECT value FROM meta WHERE key = ?1", -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        _ = eventgraph_sqlite3_bind_text_copy(statement, 1, key, -1)
        guard sqlite3_step(statement) == SQLITE_ROW, let text = sqlite3_column_text(statement, 0) else { return nil }
        return String(cString: text)
    }

    /// A row's bytes when its digest matches them.
    private func readRow(_ key: String) -> [UInt8]? {
        guard let select else { return nil }
        defer { sqlite3_reset(select) }
        _ = eventgraph_sqlite3_bind_text_copy(select, 1, key, -1)
        guard sqlite3_step(select) == SQLITE_ROW, let digest = sqlite3_column_text(select, 0) else { return nil }
        let count = Int(sqlite3_column_bytes(select, 1))
        guard count > 0, let blob = sqlite3_column_blob(select, 1) else { return nil }
        let bytes = Array(UnsafeRawBufferPointer(start: blob, count: count))
        return SHA256.hexDigest(bytes) == String(cString: digest) ? bytes : nil
    }

    private func flushLocked() {
        guard !pending.isEmpty, writeFailure == nil, let insert else { pending = []; return }
        defer { pending = [] }
        if let problem = exec("BEGIN IMMEDIATE") { writeFailure = .unwritable(path: path, problem: problem); return }
        for row in pending {
            _ = eventgraph_sqlite3_bind_text_copy(insert, 1, row.key, -1)
            _ = eventgraph_sqlite3_bind_text_copy(insert, 2, row.document, -1)
            _ = eventgraph_sqlite3_bind_text_copy(insert, 3, SHA256.hexDigest(row.bytes), -1)
            _ = row.bytes.withUnsafeBytes { eventgraph_sqlite3_bind_blob_copy(insert, 4, $0.baseAddress, Int32($0.count)) }
            let status = sqlite3_step(insert)
            sqlite3_reset(insert)
            if status != SQLITE_DONE {
                writeFailure = .unwritable(path: path, problem: message(status))
                _ = exec("ROLLBACK")
                return
            }
        }
        if Self.fault == "disk-full" {
            writeFailure = .unwritable(path: path, problem: message(SQLITE_FULL))
            _ = exec("ROLLBACK")
            return
        }
        if let problem = exec("COMMIT") {
            writeFailure = .unwritable(path: path, problem: problem)
            _ = exec("ROLLBACK")
            return
        }
        batchesCommitted += 1
        if Self.fault == "kill-after-batch" { kill(getpid(), SIGKILL) }
    }

    private func dropUnseenLocked() {
        var statements = ["BEGIN IMMEDIATE", "CREATE TEMP TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY)", "DELETE FROM seen"]
        statements += seen.sorted().map { "INSERT INTO seen VALUES ('\($0)')" }  // hex digests: nothing to quote
        statements += ["DELETE FROM fragments WHERE key NOT IN (SELECT key FROM seen)", "COMMIT"]
        for statement in statements {
            if let problem = exec(statement) {
                writeFailure = .unwritable(path: path, problem: problem)
                _ = exec("ROLLBACK")
                return
            }
        }
    }

    /// Runs one statement; the error message when it fails.
    private func exec(_ sql: String) -> String? {
        guard let database else { return "no database" }
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(database, sql, nil, nil, &error) != SQLITE_OK else { return nil }
        defer { sqlite3_free(error) }
        return error.map { String(cString: $0) } ?? message(sqlite3_errcode(database))
    }

    private func message(_ status: Int32) -> String { String(cString: sqlite3_errstr(status)) }

    private func close(keepLock: Bool = false) {
        sqlite3_finalize(select)
        sqlite3_finalize(insert)
        select = nil
        insert = nil
        if let database { sqlite3_close_v2(database) }
        database = nil
        if !keepLock, lockDescriptor >= 0 {
            flock(lockDescriptor, LOCK_UN)
            Foundation.close(lockDescriptor)
            lockDescriptor = -1
        }
    }
}
