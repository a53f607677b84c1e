/// Features are 64-bit FNV-1a hashes of a template number and its strings: the template goes in
/// first, so that "suffix = ing" and "word = ing" can never be one feature (colliding templates
/// is the classic bug of hashed linear models), and the strings are separated by a byte no text
/// holds (0xFF is never part of UTF-8).
public struct FeatureHasher: Sendable {
    var state: UInt64

    @inline(__always)
    public init(template: UInt8) {
        state = 0xCBF2_9CE4_8422_2325
        mix(template)
    }

    @inline(__always)
    mutating func mix(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x100_0000_01B3
    }

    @inline(__always)
    public mutating func add(_ text: String) {
        mix(0xFF)
        for byte in text.utf8 { mix(byte) }
    }

    @inline(__always)
    public mutating func add(_ text: Substring) {
        mix(0xFF)
        for byte in text.utf8 { mix(byte) }
    }

    @inline(__always)
    public mutating func add(_ number: Int) {
        mix(0xFE)
        var value = UInt64(bitPattern: Int64(number))
        for _ in 0..<8 {
            mix(UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
    }

    /// A value already hashed (a word's hash computed once per sentence): one multiply, not one
    /// per byte.
    @inline(__always)
    public mutating func add(hash value: UInt64) {
        state = (state ^ value) &* 0x100_0000_01B3
        state ^= state >> 29
    }

    /// The hash of a string on its own, to be added with `add(hash:)`.
    @inline(__always)
    public static func of(_ text: some StringProtocol) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash ^ (hash >> 31)
    }

    public var value: UInt64 { state }

    public static func hash(_ template: UInt8, _ parts: String...) -> UInt64 {
        var hasher = FeatureHasher(template: template)
        for part in parts { hasher.add(part) }
        return hasher.value
    }
}

/// A deterministic generator (SplitMix64): training shuffles with it, so that two runs give the
/// same model bytes.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
