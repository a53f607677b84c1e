import EventGraphCore
import EventGraphSyntax

/// The syntax of an article as columns, one entry per syntactic word (UD's words: a token split at
/// hyphens and clitics, "don't" → "do" "n't"), in text order, as spaCy keeps a `Doc`'s `TokenC`s.
public struct SyntaxLayer: Sendable {
    /// Each word's span in the text (exact scalar and byte offsets), and its text.
    public var spans: [TextSpan] = []
    public var forms: [String] = []
    /// The token each word belongs to, and each token's first word.
    public var tokenOfWord: [Int32] = []
    public var firstWordOfToken: [Int32] = []
    public var upos: [String] = []
    public var lemmas: [String] = []
    /// `forms` and `lemmas` lowercased, once per word: the lexicons are keyed by lowercase words
    /// and the readers of the tree look words up many times over.
    public var lowerForms: [String] = []
    public var lowerLemmas: [String] = []
    /// Each word's head as a word index of the document, -1 for a sentence's root.
    public var heads: [Int32] = []
    public var relations: [String] = []
    /// Whether the word is part of a contraction written as one token ("do" and "n't" of "don't"):
    /// CoNLL-U's multiword tokens.
    public var inContraction: [Bool] = []
    /// The words of each sentence (parallel to `AnalyzedDocument.sentences`).
    public var sentenceWords: [Range<Int>] = []
    /// Whether the parser gave each sentence a tree; the words of one it skipped keep head -1 and
    /// an empty relation.
    public var parsedSentences: [Bool] = []

    public var count: Int { spans.count }

    /// The first syntactic word of a token, or nil when the token has none (outside the layer, or a
    /// token the tagger gave no word).
    public func word(ofToken token: Int) -> Int? {
        guard token >= 0, token < firstWordOfToken.count else { return nil }
        let word = Int(firstWordOfToken[token])
        return word >= 0 && word < count ? word : nil
    }
}

/// Splits every sentence into syntactic words and gives each its UPOS tag and lemma, filling the
/// word columns of `AnalyzedDocument.syntax` (`heads` and `relations` are `ParsingStage`'s).
public struct TaggingStage: PipelineStage {
    public let name = "tags"
    public let requires: Set<PipelineLayer> = [.tokens, .sentences]
    public let provides: Set<PipelineLayer> = [.words]
    public let models: SyntaxModels
    public var modelVersion: String? { models.version }

    public init(models: SyntaxModels) { self.models = models }

    public func process(_ document: inout AnalyzedDocument) {
        var layer = SyntaxLayer()
        layer.firstWordOfToken = Array(repeating: -1, count: document.tokens.count)
        for sentence in document.sentences {
            let first = layer.count
            for t in sentence.tokens { appendWords(of: t, document, to: &layer) }
            let forms = layer.spans[first...].map { document.text(of: $0) }
            layer.forms += forms
            let tags = models.tagger.tag(forms)
            layer.upos += tags
            let lemmas = zip(forms, tags).map { models.lemmatizer.lemma($0, upos: $1) }
            layer.lemmas += lemmas
            layer.lowerForms += forms.map { $0.lowercased() }
            layer.lowerLemmas += lemmas.map { $0.lowercased() }
            layer.sentenceWords.append(first..<layer.count)
        }
        layer.heads = Array(repeating: -1, count: layer.count)
        layer.relations = Array(repeating: "", count: layer.count)
        layer.parsedSentences = Array(repeating: false, count: document.sentences.count)
        document.syntax = layer
    }

    /// Token `t`'s syntactic words, with exact offsets counted on from the token's own.
    private func appendWords(of t: Int, _ document: AnalyzedDocument, to layer: inout SyntaxLayer) {
        let token = document.tokens[t]
        layer.firstWordOfToken[t] = Int32(layer.count)
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
            layer.spans.append(TextSpan(start: start, end: end, byteStart: bytes(at: start), byteEnd: bytes(at: end)))
            layer.tokenOfWord.append(Int32(t))
            layer.inContraction.append(word.inContraction)
        }
    }
}

/// Gives the words of each sentence a head and a UD relation (`AnalyzedDocument.syntax`), for
/// every sentence or only for those that can state a fact.
public struct ParsingStage: PipelineStage {
    /// Which sentences get a tree.
    public enum Selection: Sendable {
        /// Every sentence (`eventgraph parse`).
        case every
        /// Sentences that can hold a fact for the event and relation stages: two or more entity
        /// mentions, a verb of saying ("he said"), or a predicate of the frame lexicon ("the
        /// earthquake in Pakistan"; "During the operation, devices were seized" takes its date
        /// and place from the operation). The others (bylines, captions, lists, sentences
        /// naming nothing) cost the parser's time for nothing those stages could read from them.
        case factCandidates
    }

    public let name = "trees"
    public let selection: Selection
    public let models: SyntaxModels
    public var requires: Set<PipelineLayer> { selection == .every ? [.words] : [.words, .entities] }
    public let provides: Set<PipelineLayer> = [.trees]
    public var modelVersion: String? { models.version }
    let speechVerbs: Set<String>
    /// The verbs of reported speech (`StatementFinder`): a sentence with one is parsed.
    let statements: StatementFinder
    let frames: FrameLexicon
    /// Verbs that characterize their object ("ranked Pakistan as the deadliest country").
    let characterizingVerbs: Set<String>

    public init(models: SyntaxModels, selection: Selection) throws(ResourceError) {
        self.models = models
        self.selection = selection
        speechVerbs = try RelationExtractor.speechVerbs()
        statements = try StatementFinder()
        frames = try FrameLexicon()
        characterizingVerbs = try NounPhraseRelations.characterizingVerbs()
    }

    public func process(_ document: inout AnalyzedDocument) {
        var layer = document.syntax
        let lowers = selection == .factCandidates ? document.lowercasedTokens() : []
        for (index, sentence) in document.sentences.enumerated() {
            guard selection == .every || isFactCandidate(sentence, document, lowers) else { continue }
            let sentenceWords = layer.sentenceWords[index]
            // A dateline ("TEHRAN, Jun 29 (MNA) –") is no part of the clause after it: the parser
            // reads the clause alone.
            let words = Self.datelineEnd(sentenceWords, layer).map { $0..<sentenceWords.upperBound } ?? sentenceWords
            var root: Int32 = -1
            for (offset, arc) in models.parser.parse(words: Array(layer.forms[words]), tags: Array(layer.upos[words])).enumerated() {
                layer.heads[words.lowerBound + offset] = arc.head == 0 ? -1 : Int32(words.lowerBound + arc.head - 1)
                layer.relations[words.lowerBound + offset] = arc.relation
                if arc.head == 0, root < 0 { root = Int32(words.lowerBound + offset) }
            }
            reattachClausesUnderDays(words, &layer)
            // The dateline hangs on the clause's root, as UD's "dep": one root per sentence.
            for w in sentenceWords.lowerBound..<words.lowerBound {
                layer.heads[w] = root
                layer.relations[w] = "dep"
            }
            layer.parsedSentences[index] = true
        }
        document.syntax = layer
    }

    /// Words that name the day of a report ("said Tuesday that ...").
    static let reportingDays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight"]

    /// "Police said Tuesday that three men were arrested": the parser, trained on few news
    /// reports, often hangs the reported clause on the day ("Tuesday" → "arrested" as its `acl`,
    /// "that" its object). A clause under a day that a verb of saying governs is that verb's
    /// `ccomp`, the day its `obl:tmod`, and a "that" right after the day the clause's `mark`.
    func reattachClausesUnderDays(_ words: Range<Int>, _ layer: inout SyntaxLayer) {
        for day in words where Self.reportingDays.contains(layer.lowerForms[day]) {
            let verb = Int(layer.heads[day])
            // A verb that has its reported clause already keeps it ("said Wednesday that the MKO,
            // also called MEK, had been ...": "called" is no clause of saying).
            guard verb >= words.lowerBound, verb < words.upperBound, statements.isReportingVerb(verb, layer),
                  !words.contains(where: { Int(layer.heads[$0]) == verb && layer.relations[$0] == "ccomp" }) else { continue }
            guard let clause = words.first(where: { w in
                w > day && Int(layer.heads[w]) == day && ["acl", "acl:relcl", "ccomp", "parataxis"].contains(layer.relations[w]) && layer.upos[w] == "VERB"
            }) else { continue }
            layer.heads[clause] = Int32(verb)
            layer.relations[clause] = "ccomp"
            layer.relations[day] = "obl:tmod"
            let that = day + 1
            if that < clause, layer.lowerForms[that] == "that", Int(layer.heads[that]) == clause {
                layer.relations[that] = "mark"
                layer.upos[that] = "SCONJ"
            }
        }
    }

    /// The first word after a dateline: a sentence that opens with a word in capitals ("TEHRAN",
    /// "WASHINGTON") and has a dash within its first twelve words, with words after it.
    static func datelineEnd(_ words: Range<Int>, _ layer: SyntaxLayer) -> Int? {
        guard let first = words.first, layer.forms[first].count >= 3,
              layer.forms[first].unicodeScalars.allSatisfy({ $0.properties.isUppercase || $0 == "." }) else { return nil }
        for w in words.prefix(12) where w > first && ["-", "–", "—", "--"].contains(layer.forms[w]) {
            return w + 3 < words.upperBound ? w + 1 : nil
        }
        return nil
    }

    func isFactCandidate(_ sentence: Sentence, _ document: AnalyzedDocument, _ lowers: [String]) -> Bool {
        if sentence.tokens.contains(where: { speechVerbs.contains(lowers[$0]) || lowers[$0] == "according" || statements.isSpeechNoun(lowers[$0]) }) { return true }
        let syntax = document.syntax
        if sentence.index < syntax.sentenceWords.count,
           syntax.sentenceWords[sentence.index].contains(where: { statements.isReportingVerb($0, syntax) }) { return true }
        let mentions = document.argumentMentions(in: sentence.tokens).count
        if mentions >= 2 { return true }
        guard sentence.index < syntax.sentenceWords.count else { return false }
        return syntax.sentenceWords[sentence.index].contains { w in
            let lemma = syntax.lowerLemmas[w]
            guard syntax.upos[w] == "VERB" else { return frames.isPredicateLemma(lemma) }
            return FrameLexicon.verbLemmas(form: syntax.lowerForms[w], lemma: lemma).contains { frames.isPredicateLemma($0) || characterizingVerbs.contains($0) }
        }
    }
}
