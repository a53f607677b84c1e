import EventGraphCore
import EventGraphSyntax

/// A layer of annotation on an `AnalyzedDocument`: what a stage reads and what it writes.
public enum PipelineLayer: String, Sendable, CaseIterable, Comparable {
    case tokens, sentences, timexes, entities, events, relations
    /// Syntactic words with their UPOS tags and lemmas (`TaggingStage`).
    case words
    /// Heads and UD relations of the words (`ParsingStage`).
    case trees

    public static func < (lhs: PipelineLayer, rhs: PipelineLayer) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One step of the per-article pipeline. Stages run in order, each reading what earlier stages
/// wrote into the `AnalyzedDocument` and adding its own layer; each says which layers it reads
/// (`requires`) and writes (`provides`), and `Pipeline` refuses an order in which a stage would
/// read a layer nobody wrote before it (CoreNLP's annotator requirements, spaCy's `assigns` and
/// `requires`).
public protocol PipelineStage: Sendable {
    /// A short name for progress and per-stage timing (`sentences`, `timexes`, `entities`, ...).
    var name: String { get }
    var requires: Set<PipelineLayer> { get }
    var provides: Set<PipelineLayer> { get }
    /// The version of the trained model the stage runs, if any: it joins `toolVersion` on the
    /// evidence of every fact, since the same rules on another model's output find other facts.
    var modelVersion: String? { get }
    func process(_ document: inout AnalyzedDocument)
}

extension PipelineStage {
    public var modelVersion: String? { nil }
}

/// A pipeline whose stages are out of order: `stage` reads `layer`, which no stage before it writes.
public struct PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    public var stage: String
    public var layer: PipelineLayer

    public init(stage: String, layer: PipelineLayer) {
        self.stage = stage
        self.layer = layer
    }

    public var description: String {
        "eventgraph: pipeline: stage '\(stage)' requires the \(layer.rawValue) layer, which no stage before it provides"
    }
}

/// Tokens: words, numbers and punctuation with exact scalar and byte offsets (`Tokenizer`).
public struct TokenizerStage: PipelineStage {
    public let name = "tokens"
    public let requires: Set<PipelineLayer> = []
    public let provides: Set<PipelineLayer> = [.tokens]

    public init() {}

    public func process(_ document: inout AnalyzedDocument) {
        document.tokens = Tokenizer.tokenize(scalars: document.scalars)
    }
}

/// Everything known about one article while it moves through the pipeline.
public struct AnalyzedDocument: Sendable {
    public let source: SourceDocument
    /// The text's Unicode scalars: tokens and spans index into them.
    public let scalars: [Unicode.Scalar]
    /// The text's UTF-8 bytes: the fast way to make a span's `String`.
    public let utf8: [UInt8]
    /// Written by `TokenizerStage`, the first stage of every pipeline.
    public internal(set) var tokens: [Token] = []
    public var sentences: [Sentence] = [] {
        // Interned once per sentence, so that every piece of evidence quoting it shares one string
        // and no long sentence is hashed again for each fact read in it.
        didSet { sentenceKeys = sentences.map { InternedString(text(of: $0.span)) } }
    }
    /// The text of each sentence, interned.
    private var sentenceKeys: [InternedString] = []
    public var timexes: [Timex] = [] {
        didSet { timexTokens = timexes.map { tokens(covering: TextSpan(start: $0.start, end: $0.end, byteStart: 0, byteEnd: 0)) } }
    }
    /// The tokens of each time expression (parallel to `timexes`); nil for one that covers no
    /// whole token.
    public private(set) var timexTokens: [ClosedRange<Int>?] = []
    /// The article's entities (`EntityRecognizer`); their mentions are `entityMentions`.
    public var articleEntities: [ArticleEntity] = []
    /// Every entity mention, by first token, the longest first at one start (then by entity id);
    /// each knows its own index here. Written with `articleEntities`.
    public var entityMentions: [EntityMention] = [] {
        didSet { mentionCovering = Self.covering(entityMentions, tokenCount: tokens.count) }
    }
    /// For each token, the first argument mention (index into `entityMentions`) covering it.
    public private(set) var mentionCovering: [Int?] = []
    public var eventMentions: [EventMention] = []
    public var relationMentions: [RelationMention] = []
    /// `toolVersion` of the evidence made here: the tool's, then its stages' model versions.
    public internal(set) var toolVersion = ToolVersion.current
    /// Words, tags, lemmas and trees (`TaggingStage`, `ParsingStage`); empty when the pipeline has
    /// no syntax stages.
    public var syntax = SyntaxLayer()
    /// Lowercased token texts, made by the first stage that needs them and shared after.
    var tokenLowers: [String]?

    public init(source: SourceDocument) {
        self.source = source
        self.scalars = Array(source.text.unicodeScalars)
        self.utf8 = Array(source.text.utf8)
    }

    public var documentID: String { source.document.id }

    /// The text of a span.
    public func text(of span: TextSpan) -> String {
        String(decoding: utf8[span.byteStart..<span.byteEnd], as: UTF8.self)
    }

    /// Lowercased token texts (made once, then kept).
    mutating func lowercasedTokens() -> [String] {
        if let tokenLowers { return tokenLowers }
        let lowers = tokens.indices.map { text(of: $0).lowercased() }
        tokenLowers = lowers
        return lowers
    }

    /// The text of token `index`.
    public func text(of index: Int) -> String { text(of: tokens[index].span) }

    func firstScalar(of index: Int) -> Unicode.Scalar? {
        let span = tokens[index].span
        return span.isEmpty ? nil : scalars[span.start]
    }

    func lastScalar(of index: Int) -> Unicode.Scalar? {
        let span = tokens[index].span
        return span.isEmpty ? nil : scalars[span.end - 1]
    }

    private static func covering(_ mentions: [EntityMention], tokenCount: Int) -> [Int?] {
        var covering = [Int?](repeating: nil, count: tokenCount)
        for mention in mentions where mention.isArgument {
            for t in mention.tokens where covering[t] == nil { covering[t] = mention.index }
        }
        return covering
    }

    /// The argument mentions (not inside a word) whose tokens lie within `range`, in text order.
    public func argumentMentions(in range: Range<Int>) -> [EntityMention] {
        var out: [EntityMention] = []
        var i = entityMentions.partitionPoint { $0.tokens.lowerBound >= range.lowerBound }
        while i < entityMentions.count, entityMentions[i].tokens.lowerBound < range.upperBound {
            if entityMentions[i].isArgument && range.contains(entityMentions[i].tokens.upperBound) { out.append(entityMentions[i]) }
            i += 1
        }
        return out
    }

    /// Every argument mention, in text order.
    public var argumentMentions: [EntityMention] { entityMentions.filter(\.isArgument) }

    /// The tokens from the first ending after `span.start` to the first ending at or after
    /// `span.end` (binary search); nil when the span lies after the last token.
    public func tokens(covering span: TextSpan) -> ClosedRange<Int>? {
        let first = tokens.partitionPoint { $0.span.end > span.start }
        let last = tokens.partitionPoint { $0.span.end >= span.end }
        guard first < tokens.count, last < tokens.count else { return nil }
        return first...max(first, last)
    }

    /// The sentence holding the character at scalar offset `position` (binary search).
    public func sentenceIndex(containing position: Int) -> Int? {
        let index = sentences.partitionPoint { $0.span.end > position }
        return index < sentences.count && sentences[index].span.start <= position ? index : nil
    }

    /// Evidence for a span under a registered rule.
    public func evidence(for span: TextSpan, rule: RuleID, confidence: Double) -> Evidence {
        evidence(for: span, ruleName: rule.description, confidence: confidence)
    }

    /// Evidence for a span: the sentence that holds it, its text, the rule and the confidence.
    /// `ruleName` is a registered rule's id or a time expression rule's (timex/rules.json).
    public func evidence(for span: TextSpan, ruleName rule: String, confidence: Double) -> Evidence {
        let sentence = sentenceIndex(containing: span.start) ?? 0
        let sentenceKey = sentenceKeys.isEmpty ? InternedString("") : sentenceKeys[sentence]
        return Evidence(
            document: documentID, sentence: sentence, start: span.start, end: span.end,
            byteStart: span.byteStart, byteEnd: span.byteEnd, text: text(of: span),
            sentenceTextKey: sentenceKey, rule: rule, confidence: confidence, toolVersion: toolVersion)
    }

    /// The graph fragment this article contributes: its document record and every fact found.
    public func fragment() -> Graph {
        Graph(documents: [source.document], entities: entities, timexes: timexes, events: events, relations: relations)
    }
}

/// The stages in order. `standard()` is what `eventgraph build` runs.
public struct Pipeline: Sendable {
    public let stages: [any PipelineStage]

    /// The stages in order; throws when one requires a layer that no earlier stage provides.
    public init(stages: [any PipelineStage]) throws(PipelineError) {
        var provided = Set<PipelineLayer>()
        for stage in stages {
            if let missing = stage.requires.subtracting(provided).min() { throw PipelineError(stage: stage.name, layer: missing) }
            provided.formUnion(stage.provides)
        }
        self.stages = stages
        var versions = [ToolVersion.current]
        for version in stages.compactMap(\.modelVersion) where !versions.contains(version) { versions.append(version) }
        toolVersion = versions.joined(separator: "+")
    }

    /// What the evidence of this pipeline's facts records: `0.1.0+tagger-2+parser-2+names-2`.
    public let toolVersion: String

    /// Tokens and sentences, time expressions, entities, events and relations.
    /// `timexRules` replaces the shipped time expression rules (see `TimexRuleSet.standard(adding:)`).
    public static func standard(timexRules: TimexRuleSet? = nil) throws(ResourceError) -> Pipeline {
        let models: SyntaxModels
        do { models = try SyntaxModels.standard() } catch { throw .model(error) }
        let stages: [any PipelineStage] = [TokenizerStage(), try SentenceSplitter(), TaggingStage(models: models), try TimexTagger(rules: timexRules),
                                           try EntityRecognizer(names: models.names), try ParsingStage(models: models, selection: .factCandidates),
                                           try EventExtractor(), try RelationExtractor()]
        // The standard order is right by construction; a failure here is a bug in this list.
        do { return try Pipeline(stages: stages) } catch { fatalError("\(error)") }
    }

    /// Tokens and sentences only: what commands that read text but extract nothing need.
    /// Tokens, sentences, tags, lemmas and a tree for every sentence: `eventgraph parse`.
    public static func syntax(models: SyntaxModels) throws(ResourceError) -> Pipeline {
        let stages: [any PipelineStage] = [TokenizerStage(), try SentenceSplitter(), TaggingStage(models: models), try ParsingStage(models: models, selection: .every)]
        do { return try Pipeline(stages: stages) } catch { fatalError("\(error)") }
    }

    public static func sentences() throws(ResourceError) -> Pipeline {
        let splitter = try SentenceSplitter()
        do { return try Pipeline(stages: [TokenizerStage(), splitter]) } catch { fatalError("\(error)") }
    }

    public func analyze(_ source: SourceDocument) -> AnalyzedDocument {
        var document = AnalyzedDocument(source: source)
        document.toolVersion = toolVersion
        for stage in stages { stage.process(&document) }
        return document
    }

    /// Articles longer than this many UTF-8 bytes are extracted window by window (see `TextWindows`).
    public static let windowBytes = 1 << 20

    /// The graph fragment of one article.
    public func extract(_ source: SourceDocument) -> Graph {
        var timings = StageTimings()
        return extract(source, timings: &timings, timed: false)
    }

    /// `extract`, adding the seconds each step took to `timings`: `tokens` (tokenizing), one entry
    /// per stage by its name, and `fragment` (building the article's graph).
    public func extract(_ source: SourceDocument, timings: inout StageTimings) -> Graph {
        extract(source, timings: &timings, timed: true)
    }

    private func extract(_ source: SourceDocument, timings: inout StageTimings, timed: Bool) -> Graph {
        let utf8 = Array(source.text.utf8)
        let windows = TextWindows.ranges(of: utf8, maximumBytes: Pipeline.windowBytes)
        if timed {
            timings.bytes += utf8.count
            timings.documents += 1
        }
        guard windows.count > 1 else { return extractWindow(source, timings: &timings, timed: timed).fragment }
        var merger = GraphMerger()
        var scalars = 0, sentences = 0
        for window in windows {
            let text = String(decoding: utf8[window], as: UTF8.self)
            let (fragment, sentenceCount) = extractWindow(SourceDocument(document: source.document, text: text), timings: &timings, timed: timed)
            merger.add(fragment.shifted(scalars: scalars, bytes: window.lowerBound, sentences: sentences))
            scalars += text.unicodeScalars.count
            sentences += sentenceCount
        }
        return merger.graph()
    }

    private func extractWindow(_ source: SourceDocument, timings: inout StageTimings, timed: Bool) -> (fragment: Graph, sentences: Int) {
        guard timed else {
            let analyzed = analyze(source)
            return (analyzed.fragment(), analyzed.sentences.count)
        }
        var clock = ContinuousClock.now
        func lap(_ name: String) {
            let now = ContinuousClock.now
            timings.add(name, now - clock)
            clock = now
        }
        var document = AnalyzedDocument(source: source)
        document.toolVersion = toolVersion
        for stage in stages {
            stage.process(&document)
            lap(stage.name)
        }
        let fragment = document.fragment()
        lap("fragment")
        timings.sentences += document.sentences.count
        timings.parsedSentences += document.syntax.parsedSentences.reduce(0) { $0 + ($1 ? 1 : 0) }
        return (fragment, document.sentences.count)
    }
}

/// Seconds spent per step, summed over articles (and over workers when they are added together).
public struct StageTimings: Sendable {
    /// Step names in the order first seen.
    public private(set) var names: [String] = []
    private var seconds: [String: Double] = [:]
    /// Text bytes and documents the timed steps went over.
    public var bytes = 0
    public var documents = 0
    /// Sentences seen, and how many of them the parser gave a tree (`ParsingStage.Selection`).
    public var sentences = 0
    public var parsedSentences = 0

    public init() {}

    public mutating func add(_ name: String, _ duration: Duration) {
        let (whole, attoseconds) = duration.components
        add(name, seconds: Double(whole) + Double(attoseconds) / 1e18)
    }

    public mutating func add(_ name: String, seconds value: Double) {
        if seconds[name] == nil { names.append(name) }
        seconds[name, default: 0] += value
    }

    public func seconds(_ name: String) -> Double { seconds[name] ?? 0 }

    /// The sum of two sets of timings (names in this one's order, then the other's new ones).
    public func adding(_ other: StageTimings) -> StageTimings {
        var sum = self
        for name in other.names { sum.add(name, seconds: other.seconds(name)) }
        sum.bytes += other.bytes
        sum.documents += other.documents
        sum.sentences += other.sentences
        sum.parsedSentences += other.parsedSentences
        return sum
    }
}
