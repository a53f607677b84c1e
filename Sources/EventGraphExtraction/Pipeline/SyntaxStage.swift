import EventGraphCore
import EventGraphSyntax

/// The syntax of an article as columns, one entry per syntactic word (UD's words: a token split at
/// hyphens and clitics, "don't" → "do" "n't"), in text order, as spaCy keeps a `Doc`'s `TokenC`s.
public struct SyntaxLayer: Sendable {
    /// Each word's span in the text (exact scalar and byte offsets).
    public var spans: [TextSpan] = []
    /// The token each word belongs to, and each token's first word.
    public var tokenOfWord: [Int32] = []
    public var firstWordOfToken: [Int32] = []
    public var upos: [String] = []
    public var lemmas: [String] = []
    /// Each word's head as a word index of the document, -1 for a sentence's root.
    public var heads: [Int32] = []
    public var relations: [String] = []
    /// Whether the word is part of a contraction written as one token ("do" and "n't" of "don't"):
    /// CoNLL-U's multiword tokens.
    public var inContraction: [Bool] = []

    public var count: Int { spans.count }
}

/// Tags, lemmatizes and parses every sentence with the syntax models (`EventGraphSyntax`), filling
/// `AnalyzedDocument.syntax`.
public struct SyntaxStage: PipelineStage {
    public let name = "syntax"
    public let requires: Set<PipelineLayer> = [.tokens, .sentences]
    public let provides: Set<PipelineLayer> = [.syntax]
    public let models: SyntaxModels

    public init(models: SyntaxModels) { self.models = models }

    public func process(_ document: inout AnalyzedDocument) {
        var layer = SyntaxLayer()
        layer.firstWordOfToken = Array(repeating: -1, count: document.tokens.count)
        for sentence in document.sentences {
            let first = layer.count
            var forms: [String] = []
            for t in sentence.tokens {
                let token = document.tokens[t]
                layer.firstWordOfToken[t] = Int32(layer.count)
                // Byte offsets counted on from the token's own, scalar by scalar.
                var scalar = token.span.start, byte = token.span.byteStart
                func bytes(at offset: Int) -> Int {
                    while scalar < offset {
                        byte += UTF8.width(document.scalars[scalar])
                        scalar += 1
                    }
                    return byte
                }
                for word in SyntacticWords.split(document.text(of: t)) {
                    let start = token.span.start + word.start, end = token.span.start + word.end
                    let span = TextSpan(start: start, end: end, byteStart: bytes(at: start), byteEnd: bytes(at: end))
                    layer.spans.append(span)
                    layer.tokenOfWord.append(Int32(t))
                    layer.inContraction.append(word.inContraction)
                    forms.append(document.text(of: span))
                }
            }
            for word in models.analyze(forms) {
                layer.upos.append(word.upos)
                layer.lemmas.append(word.lemma)
                layer.heads.append(word.head == 0 ? -1 : Int32(first + word.head - 1))
                layer.relations.append(word.deprel)
            }
        }
        document.syntax = layer
    }
}
