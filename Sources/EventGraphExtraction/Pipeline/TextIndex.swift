/// A span of the document text in both units the graph records: Unicode scalars (what Python and
/// most readers index) and UTF-8 bytes (what byte-oriented tools seek to).
public struct TextSpan: Hashable, Sendable, Comparable {
    public var start: Int
    public var end: Int
    public var byteStart: Int
    public var byteEnd: Int

    public init(start: Int, end: Int, byteStart: Int, byteEnd: Int) {
        self.start = start
        self.end = end
        self.byteStart = byteStart
        self.byteEnd = byteEnd
    }

    public var isEmpty: Bool { start == end }

    /// The smallest span covering both.
    public func union(_ other: TextSpan) -> TextSpan {
        TextSpan(start: min(start, other.start), end: max(end, other.end),
                 byteStart: min(byteStart, other.byteStart), byteEnd: max(byteEnd, other.byteEnd))
    }

    public static func < (lhs: TextSpan, rhs: TextSpan) -> Bool { (lhs.byteStart, lhs.byteEnd) < (rhs.byteStart, rhs.byteEnd) }
}

/// What kind of token.
public enum TokenKind: UInt8, Sendable {
    /// Letters, digits and marks, with inner hyphens and apostrophes ("al-Maliki", "Ka'nani",
    /// "Ashraf-3") and dotted abbreviations ("U.S.").
    case word
    /// Digits with inner separators ("3,000", "10.5", "20/06/2023" is three numbers and two slashes).
    case number
    /// Any other single character.
    case punctuation
}

/// A token of the text, with the whitespace before it summarized.
public struct Token: Hashable, Sendable {
    public var span: TextSpan
    public var kind: TokenKind
    /// Line breaks in the whitespace just before the token (capped at 255).
    public var newlinesBefore: UInt8
    /// True when whitespace precedes the token (or it starts the text).
    public var spaceBefore: Bool
}

extension RandomAccessCollection where Index == Int {
    /// For a predicate that is false and then true along the collection, the index of the first
    /// element for which it is true (`endIndex` if none), by binary search.
    func partitionPoint(_ isAfter: (Element) -> Bool) -> Int {
        var (low, high) = (startIndex, endIndex)
        while low < high {
            let middle = (low + high) / 2
            if isAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension Array where Element == Int {
    /// In an ascending array, the index of the first element that is at least `bound`:
    /// how the event and relation stages find a sentence's time expressions among an article's.
    func firstIndex(atLeast bound: Int) -> Int { partitionPoint { $0 >= bound } }
}
