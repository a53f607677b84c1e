import Synchronization

/// A string kept once per process and named by a small integer: what evidence stores instead of
/// its document id, span text, sentence, rule and tool version, which repeat across millions of
/// pieces of evidence. Two equal strings always get the same id, so ids compare for equality and
/// hash in place of the strings; ordering still reads the strings.
public struct InternedString: Hashable, Sendable {
    let id: UInt32

    public init(_ string: String) { id = StringTable.shared.id(of: string) }

    public var string: String { StringTable.shared.string(at: id) }
}

/// The process-wide table behind `InternedString`. Insertion takes a lock; reading does not: the
/// strings live in chunks that are allocated once and never move or shrink, and an id is only
/// ever handed out (under the lock) after its string was stored, so whoever holds an id can read
/// its slot. Strings are never removed: the table grows with the distinct strings of a run
/// (documents, sentences, span texts, rules), which a build holds anyway.
final class StringTable: @unchecked Sendable {
    static let shared = StringTable()

    private static let chunkBits = 16
    private static let chunkSize = 1 << chunkBits
    private static let maximumChunks = 1 << 16
    private let chunks: UnsafeMutablePointer<UnsafeMutablePointer<String>?>
    private let ids = Mutex<(byString: [String: UInt32], count: Int)>(([:], 0))

    private init() {
        chunks = .allocate(capacity: Self.maximumChunks)
        chunks.initialize(repeating: nil, count: Self.maximumChunks)
    }

    func id(of string: String) -> UInt32 {
        ids.withLock { table in
            if let id = table.byString[string] { return id }
            let index = table.count
            precondition(index < Self.chunkSize * Self.maximumChunks, "more than 2^32 distinct strings in one run")
            let chunk = index >> Self.chunkBits
            if chunks[chunk] == nil { chunks[chunk] = .allocate(capacity: Self.chunkSize) }
            (chunks[chunk]! + (index & (Self.chunkSize - 1))).initialize(to: string)
            let id = UInt32(index)
            table.byString[string] = id
            table.count = index + 1
            return id
        }
    }

    func string(at id: UInt32) -> String {
        let index = Int(id)
        return chunks[index >> Self.chunkBits]![index & (Self.chunkSize - 1)]
    }
}
