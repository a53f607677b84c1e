import Foundation

/// A sentence of a Universal Dependencies treebank (CoNLL-U): its words with their lemmas, tags
/// and heads. Multiword tokens ("don't" over "do" + "n't") and empty nodes are kept out of the
/// word list, as the CoNLL 2018 evaluation counts words.
public struct SyntaxSentence: Sendable, Hashable {
    public struct Word: Sendable, Hashable {
        public var form: String
        public var lemma: String
        public var upos: String
        public var xpos: String
        /// 1-based index of the head word, 0 for the root.
        public var head: Int
        public var deprel: String

        public init(form: String, lemma: String = "_", upos: String = "_", xpos: String = "_", head: Int = 0, deprel: String = "_") {
            self.form = form
            self.lemma = lemma
            self.upos = upos
            self.xpos = xpos
            self.head = head
            self.deprel = deprel
        }
    }

    public var id: String
    public var text: String
    public var words: [Word]

    public init(id: String, text: String, words: [Word]) {
        self.id = id
        self.text = text
        self.words = words
    }
}

/// Why a treebank or model file could not be read: `path:line:col: error: ...`.
public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var problem: String

    public init(path: String, line: Int = 1, column: Int = 1, problem: String) {
        self.path = path
        self.line = line
        self.column = column
        self.problem = problem
    }

    public var description: String { "\(path):\(line):\(column): error: \(problem)" }
}

/// Reads and writes CoNLL-U (https://universaldependencies.org/format.html).
public enum CoNLLU {
    /// The sentences of a CoNLL-U text. A line of other than ten tab-separated columns, or a head
    /// that is not a number within the sentence, is an error at its line.
    public static func parse(_ text: String, path: String) throws(SyntaxError) -> [SyntaxSentence] {
        var sentences: [SyntaxSentence] = []
        var words: [SyntaxSentence.Word] = []
        var id = "", sentenceText = ""
        var firstLine = 1
        func finish(at line: Int) throws(SyntaxError) {
            guard !words.isEmpty else { return }
            for (index, word) in words.enumerated() where word.head < 0 || word.head > words.count {
                throw SyntaxError(path: path, line: firstLine + index, column: 1, problem: "head \(word.head) is outside the sentence of \(words.count) words")
            }
            sentences.append(SyntaxSentence(id: id.isEmpty ? "\(sentences.count + 1)" : id, text: sentenceText, words: words))
            words = []
            id = ""
            sentenceText = ""
        }
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty {
                try finish(at: number)
                continue
            }
            if line.hasPrefix("#") {
                if line.hasPrefix("# sent_id = ") { id = String(line.dropFirst(12)) }
                if line.hasPrefix("# text = ") { sentenceText = String(line.dropFirst(9)) }
                continue
            }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 10 else {
                throw SyntaxError(path: path, line: number, column: 1, problem: "expected 10 tab-separated columns, found \(columns.count)")
            }
            // Multiword tokens (1-2) and empty nodes (1.1) are not words.
            if columns[0].contains("-") || columns[0].contains(".") { continue }
            guard let head = Int(columns[6]) else {
                throw SyntaxError(path: path, line: number, column: columns[..<6].reduce(1) { $0 + $1.count + 1 }, problem: "head '\(columns[6])' is not a number")
            }
            if words.isEmpty { firstLine = number }
            words.append(SyntaxSentence.Word(form: String(columns[1]), lemma: String(columns[2]), upos: String(columns[3]), xpos: String(columns[4]),
                                              head: head, deprel: String(columns[7])))
        }
        try finish(at: number)
        return sentences
    }

    /// CoNLL-U text: `# sent_id` and `# text` before each sentence, ten columns per word, a blank
    /// line after each sentence. Fields are never empty (`_`) and never hold a tab or newline.
    public static func format(_ sentences: [SyntaxSentence]) -> String {
        var out = ""
        for sentence in sentences {
            out += "# sent_id = \(clean(sentence.id))\n# text = \(clean(sentence.text))\n"
            for (index, word) in sentence.words.enumerated() {
                let fields = [String(index + 1), clean(word.form), clean(word.lemma), clean(word.upos), clean(word.xpos), "_", String(word.head), clean(word.deprel), "_", "_"]
                out += fields.joined(separator: "\t") + "\n"
            }
            out += "\n"
        }
        return out
    }

    /// A field as CoNLL-U allows it: no tab or line break, no leading or trailing space, never empty.
    public static func clean(_ field: String) -> String {
        let flat = String(field.map { $0 == "\t" || $0.isNewline ? " " : $0 })
        let trimmed = flat.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "_" : trimmed
    }
}
