/// Splits a token into the words a UD treebank has for it: hyphenated compounds become their parts
/// and the hyphen ("anti-Iran" → "anti" "-" "Iran", except after a bound prefix: "co-star",
/// "e-mail"), and a final clitic is a word of its own ("don't" → "do" "n't", "can't" → "ca" "n't",
/// "we're" → "we" "'re"). Each word is a range of the token's scalars, so offsets stay exact.
public enum SyntacticWords {
    /// Prefixes that UD's English treebanks keep attached to the rest of the word.
    static let boundPrefixes: Set<String> = ["e", "co", "vice", "semi", "non", "pre", "re", "ex", "self", "mid", "multi"]
    static let clitics = ["'s", "'re", "'ve", "'ll", "'d", "'m"]

    public struct Word: Sendable, Hashable {
        /// Scalars of the token: `start..<end`.
        public var start: Int
        public var end: Int
        /// Whether the word is part of a contraction written as one token (a CoNLL-U multiword token).
        public var inContraction: Bool
    }

    public static func split(_ token: String) -> [Word] {
        // Most tokens have neither a hyphen nor an apostrophe: one word, found without copying.
        if !token.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "'") || $0 == 0xE2 }) {
            return [Word(start: 0, end: token.unicodeScalars.count, inContraction: false)]
        }
        let scalars = Array(token.unicodeScalars)
        guard scalars.count > 1 else { return [Word(start: 0, end: scalars.count, inContraction: false)] }
        let lower = scalars.map { Unicode.Scalar($0.properties.lowercaseMapping.unicodeScalars.first!.value) ?? $0 }
            .map { $0 == "\u{2019}" ? Unicode.Scalar("'") : $0 }
        var end = scalars.count
        var clitic: Word?
        if end > 3, String(String.UnicodeScalarView(lower[(end - 3)...])) == "n't" {
            clitic = Word(start: end - 3, end: end, inContraction: true)
            end -= 3
        } else {
            for form in clitics where end > form.count && String(String.UnicodeScalarView(lower[(end - form.unicodeScalars.count)...])) == form {
                clitic = Word(start: end - form.unicodeScalars.count, end: end, inContraction: true)
                end -= form.unicodeScalars.count
                break
            }
        }
        var words: [Word] = []
        var start = 0
        var index = 0
        while index < end {
            if scalars[index] == "-", index > start, index + 1 < end,
               !boundPrefixes.contains(String(String.UnicodeScalarView(lower[start..<index]))) || !words.isEmpty {
                words.append(Word(start: start, end: index, inContraction: false))
                words.append(Word(start: index, end: index + 1, inContraction: false))
                start = index + 1
            }
            index += 1
        }
        words.append(Word(start: start, end: end, inContraction: clitic != nil))
        if let clitic { words.append(clitic) }
        return words
    }
}
