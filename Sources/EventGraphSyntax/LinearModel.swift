import Foundation

/// A trained linear model as shipped: for each feature (sorted hashes) only its non-zero class
/// weights, quantized to 16 bits with one scale (a perceptron row is sparse: an update touches two
/// classes), the class labels, and the word lists a model keeps beside its weights (the tagger's
/// dictionary of unambiguous words). Read once per process.
public struct LinearModel: Sendable {
    public var kind: String
    /// `toolVersion`-style version of the weights, e.g. `tagger-1`.
    public var version: String
    public var classes: [String]
    /// Extra string tables (name → entries), written and read as they are.
    public var tables: [String: [String]]
    let features: [UInt64]
    /// Entries of feature i: `starts[i]..<starts[i + 1]` in `entryClasses` and `entryWeights`.
    let starts: [Int32]
    let entryClasses: [UInt16]
    let entryWeights: [Int16]
    let scale: Float
    /// An open-addressing table from feature hash to row (linear probing, at most three quarters
    /// full), key and row side by side so that a probe touches one cache line: the lookup every
    /// transition makes fifty-eight times is bound by memory, not by arithmetic.
    struct Slot {
        var key: UInt64
        /// A sparse row's entries are `entries[start..<start + count]`; a dense row (count -1) is
        /// `denseBlocks[start..<start + blocksPerRow]`; count 0 marks an empty slot.
        var start: Int32
        var count: Int32
    }
    /// One entry's class and weight side by side, for the same reason.
    struct Entry {
        var classIndex: UInt16
        var weight: Int16
    }
    let slots: [Slot]
    let entries: [Entry]
    /// Rows with weights for at least a quarter of the classes, every class in order (eight per
    /// block): the features of tags alone fire at every step and hold most classes, and adding
    /// them eight at a time costs a fraction of one scattered add per class.
    let denseBlocks: [SIMD8<Int16>]
    let blocksPerRow: Int
    let slotMask: Int

    /// From dense averaged weights (features × classes): zeros after quantization are dropped.
    public init(kind: String, version: String, classes: [String], tables: [String: [String]], features: [UInt64], weights: [Float]) {
        let largest = weights.map(abs).max() ?? 0
        let scale = largest > 0 ? largest / Float(Int16.max) : 1
        var starts: [Int32] = [0]
        var entryClasses: [UInt16] = []
        var entryWeights: [Int16] = []
        for f in features.indices {
            for c in classes.indices {
                let q = Int16((weights[f * classes.count + c] / scale).rounded())
                if q != 0 {
                    entryClasses.append(UInt16(c))
                    entryWeights.append(q)
                }
            }
            starts.append(Int32(entryClasses.count))
        }
        self.init(kind: kind, version: version, classes: classes, tables: tables, features: features, starts: starts,
                  entryClasses: entryClasses, entryWeights: entryWeights, scale: scale)
    }

    init(kind: String, version: String, classes: [String], tables: [String: [String]], features: [UInt64], starts: [Int32],
         entryClasses: [UInt16], entryWeights: [Int16], scale: Float) {
        self.kind = kind
        self.version = version
        self.classes = classes
        self.tables = tables
        self.features = features
        self.starts = starts
        self.entryClasses = entryClasses
        self.entryWeights = entryWeights
        self.scale = scale
        var capacity = 16
        while capacity * 3 < features.count * 4 { capacity <<= 1 }
        let blocksPerRow = (classes.count + 7) / 8
        var slots = [Slot](repeating: Slot(key: 0, start: 0, count: 0), count: capacity)
        var entries: [Entry] = []
        var denseBlocks: [SIMD8<Int16>] = []
        for (index, feature) in features.enumerated() where starts[index + 1] > starts[index] {
            var slot = Self.slot(of: feature, mask: capacity - 1)
            while slots[slot].count != 0 { slot = (slot + 1) & (capacity - 1) }
            let row = Int(starts[index])..<Int(starts[index + 1])
            if row.count * 4 >= classes.count {
                slots[slot] = Slot(key: feature, start: Int32(denseBlocks.count), count: -1)
                var dense = [Int16](repeating: 0, count: blocksPerRow * 8)
                for entry in row { dense[Int(entryClasses[entry])] = entryWeights[entry] }
                for block in 0..<blocksPerRow { denseBlocks.append(SIMD8(dense[(block * 8)..<(block * 8 + 8)])) }
            } else {
                slots[slot] = Slot(key: feature, start: Int32(entries.count), count: Int32(row.count))
                for entry in row { entries.append(Entry(classIndex: entryClasses[entry], weight: entryWeights[entry])) }
            }
        }
        self.slots = slots
        self.entries = entries
        self.denseBlocks = denseBlocks
        self.blocksPerRow = blocksPerRow
        slotMask = capacity - 1
    }

    @inline(__always)
    static func slot(of feature: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: (feature ^ (feature >> 29)) &* 0x9E37_79B9_7F4A_7C15 >> 20) & mask }

    @inline(__always)
    func slot(of feature: UInt64, in slots: UnsafeBufferPointer<Slot>) -> Slot? {
        var index = Self.slot(of: feature, mask: slotMask)
        while true {
            let slot = slots[index]
            if slot.count == 0 { return nil }
            if slot.key == feature { return slot }
            index = (index + 1) & slotMask
        }
    }

    /// The model without the weights below `minimum` (in quantized units, out of 32,767) and the
    /// features left with none: most of a perceptron's features were updated a few times and weigh
    /// next to nothing once averaged.
    public func pruned(minimum: Int16) -> LinearModel {
        var keptFeatures: [UInt64] = []
        var starts: [Int32] = [0]
        var classes: [UInt16] = []
        var weights: [Int16] = []
        for f in features.indices {
            let before = classes.count
            for entry in Int(self.starts[f])..<Int(self.starts[f + 1]) where abs(Int(entryWeights[entry])) >= Int(minimum) {
                classes.append(entryClasses[entry])
                weights.append(entryWeights[entry])
            }
            guard classes.count > before else { continue }
            keptFeatures.append(features[f])
            starts.append(Int32(classes.count))
        }
        return LinearModel(kind: kind, version: version, classes: self.classes, tables: tables, features: keptFeatures, starts: starts,
                           entryClasses: classes, entryWeights: weights, scale: scale)
    }

    public var featureCount: Int { features.count }
    public var weightCount: Int { entryWeights.count }

    /// Writes into `scores` (one per class) the sum of the features' quantized class weights. The
    /// sums are exact integers: only their order matters (every weight shares one positive scale),
    /// so scoring never converts or multiplies.
    ///
    /// Two passes: first every feature's slot is found, then the rows are summed. The probes of one
    /// call do not depend on each other, so with no data-dependent branch between them the processor
    /// keeps many cache misses in flight at once; interleaving probe and sum serialises them.
    @inline(__always)
    public func score(_ featureHashes: [UInt64], into scores: inout [Int32]) {
        let count = featureHashes.count
        withUnsafeTemporaryAllocation(of: Slot.self, capacity: count) { first in
            withUnsafeTemporaryAllocation(of: Slot.self, capacity: count) { found in
                var (dense, sparse) = (0, count)
                featureHashes.withUnsafeBufferPointer { hashes in
                    slots.withUnsafeBufferPointer { slots in
                        // Every feature's home slot, loaded without a branch between the loads.
                        for i in 0..<count { first[i] = slots[Self.slot(of: hashes[i], mask: slotMask)] }
                        // Then the comparisons, probing on only after a collision (rare at three
                        // quarters full); dense rows fill `found` from the front, sparse ones from the back.
                        for i in 0..<count {
                            var slot = first[i]
                            if slot.key != hashes[i] && slot.count != 0 {
                                guard let probed = self.slot(of: hashes[i], in: slots) else { continue }
                                slot = probed
                            }
                            guard slot.count != 0, slot.key == hashes[i] else { continue }
                            if slot.count < 0 {
                                found[dense] = slot
                                dense += 1
                            } else {
                                sparse -= 1
                                found[sparse] = slot
                            }
                        }
                    }
                }
                withUnsafeTemporaryAllocation(of: SIMD8<Int32>.self, capacity: blocksPerRow) { sums in
                    sums.initialize(repeating: .zero)
                    accumulate(dense: found[0..<dense], sparse: found[sparse..<count], into: sums)
                    sums.withMemoryRebound(to: Int32.self) { flat in
                        for c in scores.indices { scores[c] = flat[c] }
                    }
                }
            }
        }
    }

    @inline(__always)
    private func accumulate(dense denseRows: Slice<UnsafeMutableBufferPointer<Slot>>, sparse sparseRows: Slice<UnsafeMutableBufferPointer<Slot>>,
                            into sums: UnsafeMutableBufferPointer<SIMD8<Int32>>) {
        entries.withUnsafeBufferPointer { entries in
            denseBlocks.withUnsafeBufferPointer { dense in
                for slot in denseRows {
                    let base = Int(slot.start)
                    for block in 0..<blocksPerRow { sums[block] &+= SIMD8<Int32>(truncatingIfNeeded: dense[base + block]) }
                }
                sums.withMemoryRebound(to: Int32.self) { flat in
                    for slot in sparseRows {
                        for entry in entries[Int(slot.start)..<Int(slot.start + slot.count)] {
                            flat[Int(entry.classIndex)] &+= Int32(entry.weight)
                        }
                    }
                }
            }
        }
    }

    // MARK: File format

    static let magic = Array("EGLINEAR".utf8)
    /// The layout of the file; a file of another version is refused, not guessed at.
    public static let formatVersion: UInt32 = 2

    /// Little-endian: magic, format version, kind, version, classes, tables, scale, feature count,
    /// the sorted hashes, each feature's entry count, the entries (class, weight), then an FNV-1a
    /// checksum of all before. Entry counts and classes take one byte each when there are at most
    /// 256 classes (every model so far), two otherwise: a quarter of the file.
    public func encoded() -> [UInt8] {
        var out = ByteWriter()
        out.bytes += Self.magic
        out.u32(Self.formatVersion)
        out.string(kind)
        out.string(version)
        out.u32(UInt32(classes.count))
        for label in classes { out.string(label) }
        out.u32(UInt32(tables.count))
        for name in tables.keys.sorted() {
            out.string(name)
            out.u32(UInt32(tables[name]!.count))
            for entry in tables[name]! { out.string(entry) }
        }
        out.u32(scale.bitPattern)
        out.u32(UInt32(features.count))
        for feature in features { out.u64(feature) }
        let narrow = classes.count <= 256
        for f in features.indices { out.small(UInt16(starts[f + 1] - starts[f]), narrow: narrow) }
        for entry in entryClasses.indices {
            out.small(entryClasses[entry], narrow: narrow)
            out.u16(UInt16(bitPattern: entryWeights[entry]))
        }
        out.u64(ByteReader.checksum(out.bytes[...]))
        return out.bytes
    }

    /// Reads a model file; a missing, truncated, foreign or corrupted file is a located error.
    public static func read(path: String, kind: String) throws(SyntaxError) -> LinearModel {
        guard let data = FileManager.default.contents(atPath: path) else { throw SyntaxError(path: path, problem: "cannot read the model file") }
        return try decode([UInt8](data), path: path, kind: kind)
    }

    public static func decode(_ bytes: [UInt8], path: String, kind expectedKind: String) throws(SyntaxError) -> LinearModel {
        var reader = ByteReader(bytes: bytes, path: path)
        guard bytes.count >= magic.count + 12, Array(bytes[..<magic.count]) == magic else {
            throw SyntaxError(path: path, problem: "not an EventGraph model file")
        }
        guard ByteReader.checksum(bytes[..<(bytes.count - 8)]) == ByteReader.u64(bytes, at: bytes.count - 8) else {
            throw SyntaxError(path: path, problem: "model file is truncated or corrupted (checksum mismatch)")
        }
        reader.offset = magic.count
        let format = try reader.u32()
        guard format == formatVersion else {
            throw SyntaxError(path: path, problem: "model file format \(format), this eventgraph reads format \(formatVersion)")
        }
        let kind = try reader.string()
        guard kind == expectedKind else { throw SyntaxError(path: path, problem: "model file holds a \(kind), expected a \(expectedKind)") }
        let version = try reader.string()
        let classes = try (0..<Int(try reader.u32())).map { _ throws(SyntaxError) in try reader.string() }
        var tables: [String: [String]] = [:]
        for _ in 0..<Int(try reader.u32()) {
            let name = try reader.string()
            tables[name] = try (0..<Int(try reader.u32())).map { _ throws(SyntaxError) in try reader.string() }
        }
        let scale = Float(bitPattern: try reader.u32())
        let count = Int(try reader.u32())
        guard count <= (bytes.count - reader.offset) / 8 else { throw SyntaxError(path: path, problem: "model file is truncated") }
        let features = try (0..<count).map { _ throws(SyntaxError) in try reader.u64() }
        guard zip(features, features.dropFirst()).allSatisfy({ $0 < $1 }) else { throw SyntaxError(path: path, problem: "model features are not sorted") }
        var starts: [Int32] = [0]
        starts.reserveCapacity(count + 1)
        let narrow = classes.count <= 256
        for _ in 0..<count {
            let entries = try reader.small(narrow: narrow)
            guard Int(entries) <= classes.count else { throw SyntaxError(path: path, problem: "model file gives a feature \(entries) weights for \(classes.count) classes") }
            starts.append(starts.last! + Int32(entries))
        }
        let entries = Int(starts.last!)
        guard entries <= (bytes.count - reader.offset) / (narrow ? 3 : 4) else { throw SyntaxError(path: path, problem: "model file is truncated") }
        var entryClasses: [UInt16] = []
        var entryWeights: [Int16] = []
        entryClasses.reserveCapacity(entries)
        entryWeights.reserveCapacity(entries)
        for _ in 0..<entries {
            let c = try reader.small(narrow: narrow)
            guard Int(c) < classes.count else { throw SyntaxError(path: path, problem: "model file names class \(c) of \(classes.count)") }
            entryClasses.append(c)
            entryWeights.append(Int16(bitPattern: try reader.u16()))
        }
        return LinearModel(kind: kind, version: version, classes: classes, tables: tables, features: features, starts: starts,
                           entryClasses: entryClasses, entryWeights: entryWeights, scale: scale)
    }
}

struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func u16(_ value: UInt16) { for shift in stride(from: 0, to: 16, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt16(shift))) } }
    mutating func u32(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) } }
    mutating func u64(_ value: UInt64) { for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) } }
    /// One byte when `narrow`, else two.
    mutating func small(_ value: UInt16, narrow: Bool) {
        if narrow { bytes.append(UInt8(truncatingIfNeeded: value)) } else { u16(value) }
    }
    mutating func string(_ text: String) {
        u32(UInt32(text.utf8.count))
        bytes += text.utf8
    }
}

struct ByteReader {
    let bytes: [UInt8]
    let path: String
    var offset = 0

    mutating func take(_ count: Int) throws(SyntaxError) -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= bytes.count - 8 else { throw SyntaxError(path: path, problem: "model file is truncated at byte \(offset)") }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func u16() throws(SyntaxError) -> UInt16 { try take(2).reversed().reduce(0) { $0 << 8 | UInt16($1) } }
    mutating func small(narrow: Bool) throws(SyntaxError) -> UInt16 { narrow ? UInt16(try take(1).first!) : try u16() }
    mutating func u32() throws(SyntaxError) -> UInt32 { try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) } }
    mutating func u64() throws(SyntaxError) -> UInt64 { try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    mutating func string() throws(SyntaxError) -> String {
        let length = Int(try u32())
        guard length <= 1 << 20 else { throw SyntaxError(path: path, problem: "model file holds a string of \(length) bytes at byte \(offset)") }
        guard let text = String(validating: try take(length), as: UTF8.self) else { throw SyntaxError(path: path, problem: "model file holds invalid UTF-8 at byte \(offset)") }
        return text
    }

    static func u64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        bytes[offset..<(offset + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}
