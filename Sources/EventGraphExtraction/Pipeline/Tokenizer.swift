/// Splits text into word, number and punctuation tokens with exact offsets, in one pass over the
/// Unicode scalars.
public enum Tokenizer {
    public static func tokenize(_ text: String) -> [Token] {
        tokenize(scalars: Array(text.unicodeScalars))
    }

    /// Tokens of text already split into scalars (offsets count from the first scalar).
    public static func tokenize(scalars: [Unicode.Scalar]) -> [Token] {
        var byteOffsets = [Int](repeating: 0, count: scalars.count + 1)
        var running = 0
        for (i, s) in scalars.enumerated() {
            byteOffsets[i] = running
            running += UTF8.width(s)
        }
        byteOffsets[scalars.count] = running

        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
        var i = 0
        var newlines = 0
        var space = true
        let n = scalars.count
        func span(_ a: Int, _ b: Int) -> TextSpan { TextSpan(start: a, end: b, byteStart: byteOffsets[a], byteEnd: byteOffsets[b]) }

        while i < n {
            let s = scalars[i]
            if isSpace(s) {
                if s == "\n" || s == "\u{2028}" || s == "\u{2029}" { newlines += 1 }
                else if s == "\r" && !(i + 1 < n && scalars[i + 1] == "\n") { newlines += 1 }
                space = true
                i += 1
                continue
            }
            let start = i
            let kind: TokenKind
            if isDigit(s) {
                i += 1
                while i < n {
                    if isDigit(scalars[i]) { i += 1; continue }
                    // Thousands and decimal separators sit between digits.
                    if (scalars[i] == "," || scalars[i] == "."), i + 1 < n, isDigit(scalars[i + 1]) { i += 2; continue }
                    break
                }
                // Digits running into letters stay one word: "3rd", "1980s", "F-16".
                if i < n, isWordScalar(scalars[i]) {
                    i = scanWord(scalars, from: i)
                    kind = .word
                } else {
                    kind = .number
                }
            } else if isWordScalar(s) {
                i = scanWord(scalars, from: i)
                kind = .word
            } else if isApostrophe(s), i + 1 < n, scalars[i + 1] == "s" || scalars[i + 1] == "S",
                      i + 2 >= n || !isWordScalar(scalars[i + 2]), !space {
                // The possessive clitic split off by scanWord: "'s" is a token of its own.
                i += 2
                kind = .word
            } else {
                i += 1
                kind = .punctuation
            }
            tokens.append(Token(span: span(start, i), kind: kind, newlinesBefore: UInt8(min(newlines, 255)), spaceBefore: space))
            newlines = 0
            space = false
        }
        return tokens
    }

    /// Scans a word from `start`: word scalars joined by single hyphens or apostrophes, or a dotted
    /// abbreviation of single letters ("U.S.", "e.g.").
    private static func scanWord(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        let n = scalars.count
        var i = start
        while i < n, isWordScalar(scalars[i]) { i += 1 }
        while i + 1 < n, isJoiner(scalars[i]), isWordScalar(scalars[i + 1]) {
            // A possessive "'s" at the end of a word is a token of its own ("Friday's" → "Friday",
            // "'s"), so that names and dates match without it.
            if isApostrophe(scalars[i]), scalars[i + 1] == "s" || scalars[i + 1] == "S", i + 2 >= n || !isWordScalar(scalars[i + 2]) {
                return i
            }
            i += 1
            while i < n, isWordScalar(scalars[i]) { i += 1 }
        }
        // "U.S." / "e.g.": single letters, each followed by a period.
        if i - start == 1, i + 2 < n, scalars[i] == ".", isLetter(scalars[i + 1]) {
            var j = i
            while j + 1 < n, scalars[j] == ".", isLetter(scalars[j + 1]), (j + 2 >= n || !isWordScalar(scalars[j + 2])) {
                j += 2
            }
            if j > i {
                return j < n && scalars[j] == "." ? j + 1 : j
            }
        }
        return i
    }

    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s == " " || s == "\n" || s == "\t" || s == "\r" || s == "\u{0B}" || s == "\u{0C}" }
        return s.properties.isWhitespace
    }

    @inline(__always) static func isDigit(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value >= 0x30 && s.value <= 0x39 }
        return s.properties.generalCategory == .decimalNumber
    }

    @inline(__always) static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A }
        return s.properties.isAlphabetic
    }

    @inline(__always) static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return isLetter(s) || isDigit(s) }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber: return true
        default: return s.properties.isAlphabetic
        }
    }

    @inline(__always) static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}"
    }

    /// Hyphens and apostrophes that join the parts of one word.
    @inline(__always) static func isJoiner(_ s: Unicode.Scalar) -> Bool {
        s == "-" || s == "'" || s == "\u{2019}" || s == "\u{2010}" || s == "\u{2011}"
    }
}
