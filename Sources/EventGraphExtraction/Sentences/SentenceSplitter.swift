import EventGraphCore

/// A sentence: its position, its tokens and its span.
public struct Sentence: Hashable, Sendable {
    public var index: Int
    /// Indices into `AnalyzedDocument.tokens`.
    public var tokens: Range<Int>
    public var span: TextSpan
}

/// Splits tokens into sentences by the rules in `Resources/sentences/rules.json`, with the
/// abbreviation and sentence-starter lists beside it.
public struct SentenceSplitter: PipelineStage {
    public let name = "sentences"
    public let requires: Set<PipelineLayer> = [.tokens]
    public let provides: Set<PipelineLayer> = [.sentences]

    enum AbbreviationKind: String { case title, month, general }

    let abbreviations: [String: AbbreviationKind]
    let sentenceStarters: Set<String>

    public init() throws(ResourceError) {
        var abbreviations: [String: AbbreviationKind] = [:]
        for row in try ExtractionResources.table("sentences/abbreviations.tsv", columns: ["abbreviation", "kind"]) {
            guard let kind = AbbreviationKind(rawValue: row.fields["kind"]!) else {
                throw .malformed(file: "Resources/sentences/abbreviations.tsv", line: row.line, column: 1, problem: "unknown kind '\(row.fields["kind"]!)'")
            }
            abbreviations[row.fields["abbreviation"]!.lowercased()] = kind
        }
        self.abbreviations = abbreviations
        self.sentenceStarters = Set(try ExtractionResources.lines("sentences/sentence-starters.txt").map(\.text))
    }

    public func process(_ document: inout AnalyzedDocument) {
        document.sentences = split(document)
    }

    static let terminals: Set<Unicode.Scalar> = [".", "!", "?", "\u{2026}"]
    static let closers: Set<Unicode.Scalar> = ["\"", "'", "\u{201D}", "\u{2019}", ")", "]", "\u{00BB}"]
    static let openers: Set<Unicode.Scalar> = ["\"", "'", "\u{201C}", "\u{2018}", "(", "[", "\u{00AB}"]

    func split(_ document: AnalyzedDocument) -> [Sentence] {
        let tokens = document.tokens
        var sentences: [Sentence] = []
        var start = 0
        func close(at end: Int) {
            guard end > start else { return }
            sentences.append(Sentence(index: sentences.count, tokens: start..<end, span: tokens[start].span.union(tokens[end - 1].span)))
            start = end
        }
        var i = 0
        while i < tokens.count {
            // sentence.paragraph-break
            if i > start && tokens[i].newlinesBefore >= 2 { close(at: i) }
            let token = tokens[i]
            if token.kind == .punctuation, let scalar = document.firstScalar(of: i), SentenceSplitter.terminals.contains(scalar) {
                // sentence.closing-quote: closers glued to the terminal go with it.
                var end = i + 1
                while end < tokens.count, !tokens[end].spaceBefore, let c = document.firstScalar(of: end), SentenceSplitter.closers.contains(c) { end += 1 }
                if end == tokens.count { i = end; break }
                if tokens[end].spaceBefore, endsSentence(document, terminal: i, next: end) {
                    close(at: end)
                    i = end
                    continue
                }
                i = end
                continue
            }
            // A dotted abbreviation token that swallowed the final period ("U.S.").
            if token.kind == .word, document.lastScalar(of: i) == ".", i + 1 < tokens.count, tokens[i + 1].spaceBefore,
               startsSentence(document, i + 1), sentenceStarters.contains(document.text(of: i + 1)) {
                close(at: i + 1)
            }
            i += 1
        }
        close(at: tokens.count)  // sentence.end-of-text
        return sentences
    }

    private func startsSentence(_ document: AnalyzedDocument, _ index: Int) -> Bool {
        guard let first = document.firstScalar(of: index) else { return false }
        return first.properties.isUppercase || Tokenizer.isDigit(first) || SentenceSplitter.openers.contains(first)
    }

    private func endsSentence(_ document: AnalyzedDocument, terminal: Int, next: Int) -> Bool {
        // sentence.lowercase-continuation
        guard startsSentence(document, next) else { return false }
        let terminalScalar = document.firstScalar(of: terminal)
        guard terminalScalar == ".", terminal > 0, !document.tokens[terminal].spaceBefore else { return true }
        let previous = terminal - 1
        guard document.tokens[previous].kind == .word else { return true }
        let word = document.text(of: previous)
        // sentence.initial
        if word.unicodeScalars.count == 1, word.unicodeScalars.first!.properties.isUppercase { return false }
        // sentence.title-abbreviation / sentence.ambiguous-abbreviation
        let isDotted = word.contains(".")
        switch abbreviations[word.lowercased()] {
        case .title?, .month?: return false
        case .general?: return sentenceStarters.contains(document.text(of: next))
        case nil: return isDotted ? sentenceStarters.contains(document.text(of: next)) : true
        }
    }
}
