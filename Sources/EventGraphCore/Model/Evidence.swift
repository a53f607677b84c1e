/// Where a fact was read and what made it: the article, the sentence, the exact span, the rule.
/// A fact without evidence is a bug.
///
/// Stored compactly, because a corpus has millions of them: the five strings are interned
/// (`InternedString`, four bytes each) and the numbers are 32-bit, so a piece of evidence is 48
/// bytes with nothing to retain or release, and copying, sorting and comparing it moves no
/// strings. The properties read and write the strings and `Int`s as before.
public struct Evidence: Hashable, Sendable, Codable, Comparable {
    fileprivate var documentString: InternedString
    private var sentenceIndex: Int32
    private var scalarStart: Int32
    private var scalarEnd: Int32
    private var utf8Start: Int32
    private var utf8End: Int32
    private var spanText: InternedString
    private var wholeSentence: InternedString
    private var ruleString: InternedString
    private var toolVersionString: InternedString
    /// In [0, 1].
    public var confidence: Double

    /// The `Document.id`.
    public var document: String {
        get { documentString.string }
        set { documentString = InternedString(newValue) }
    }
    /// Zero-based index of the sentence in the document.
    public var sentence: Int {
        get { Int(sentenceIndex) }
        set { sentenceIndex = Int32(clamping: newValue) }
    }
    /// Span in Unicode scalars from the start of the text (what Python's `str` indexes count).
    /// Offsets are 32-bit: a corpus file is far below 2 GB (`CorpusReader.maximumFileBytes`).
    public var start: Int {
        get { Int(scalarStart) }
        set { scalarStart = Int32(clamping: newValue) }
    }
    public var end: Int {
        get { Int(scalarEnd) }
        set { scalarEnd = Int32(clamping: newValue) }
    }
    /// The same span in UTF-8 bytes.
    public var byteStart: Int {
        get { Int(utf8Start) }
        set { utf8Start = Int32(clamping: newValue) }
    }
    public var byteEnd: Int {
        get { Int(utf8End) }
        set { utf8End = Int32(clamping: newValue) }
    }
    /// The text of the span.
    public var text: String {
        get { spanText.string }
        set { spanText = InternedString(newValue) }
    }
    /// The whole sentence, so that a reader can judge the fact without opening the article.
    public var sentenceText: String {
        get { wholeSentence.string }
        set { wholeSentence = InternedString(newValue) }
    }
    /// The id of the rule that produced the fact, e.g. `entity.acronym-definition`.
    public var rule: String {
        get { ruleString.string }
        set { ruleString = InternedString(newValue) }
    }
    /// The rule as an interned string, for tables keyed by rule.
    var ruleKey: InternedString { ruleString }
    /// The document id as an interned string, for tables keyed by document.
    public var documentKey: InternedString { documentString }
    /// The sentence as an interned string: setting it from a string interned once per sentence
    /// saves hashing a long sentence again for every piece of evidence in it.
    public var sentenceTextKey: InternedString {
        get { wholeSentence }
        set { wholeSentence = newValue }
    }
    public var toolVersion: String {
        get { toolVersionString.string }
        set { toolVersionString = InternedString(newValue) }
    }

    public init(
        document: String, sentence: Int, start: Int, end: Int, byteStart: Int, byteEnd: Int,
        text: String, sentenceText: String, rule: String, confidence: Double,
        toolVersion: String = ToolVersion.current
    ) {
        self.init(document: document, sentence: sentence, start: start, end: end, byteStart: byteStart, byteEnd: byteEnd,
                  text: text, sentenceTextKey: InternedString(sentenceText), rule: rule, confidence: confidence, toolVersion: toolVersion)
    }

    /// The same, with the sentence already interned (see `sentenceTextKey`).
    public init(
        document: String, sentence: Int, start: Int, end: Int, byteStart: Int, byteEnd: Int,
        text: String, sentenceTextKey: InternedString, rule: String, confidence: Double,
        toolVersion: String = ToolVersion.current
    ) {
        self.init(documentKey: InternedString(document), sentence: sentence, start: start, end: end, byteStart: byteStart, byteEnd: byteEnd,
                  textKey: InternedString(text), sentenceTextKey: sentenceTextKey, ruleKey: InternedString(rule), confidence: confidence,
                  toolVersionKey: InternedString(toolVersion))
    }

    /// The same, with every string already interned: for readers that intern each distinct string
    /// of their input once (the fragment store).
    public init(
        documentKey: InternedString, sentence: Int, start: Int, end: Int, byteStart: Int, byteEnd: Int,
        textKey: InternedString, sentenceTextKey: InternedString, ruleKey: InternedString, confidence: Double,
        toolVersionKey: InternedString
    ) {
        documentString = documentKey
        sentenceIndex = Int32(clamping: sentence)
        scalarStart = Int32(clamping: start)
        scalarEnd = Int32(clamping: end)
        utf8Start = Int32(clamping: byteStart)
        utf8End = Int32(clamping: byteEnd)
        spanText = textKey
        wholeSentence = sentenceTextKey
        ruleString = ruleKey
        self.confidence = min(1, max(0, confidence))
        toolVersionString = toolVersionKey
    }

    private enum CodingKeys: String, CodingKey {
        case document, sentence, start, end, byteStart, byteEnd, text, sentenceText, rule, confidence, toolVersion
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let confidence = try c.decode(Double.self, forKey: .confidence)
        self.init(
            document: try c.decode(String.self, forKey: .document), sentence: try c.decode(Int.self, forKey: .sentence),
            start: try c.decode(Int.self, forKey: .start), end: try c.decode(Int.self, forKey: .end),
            byteStart: try c.decode(Int.self, forKey: .byteStart), byteEnd: try c.decode(Int.self, forKey: .byteEnd),
            text: try c.decode(String.self, forKey: .text),
            // Absent when the graph JSON keeps it in its document's sentence table; the reader fills it in.
            sentenceText: try c.decodeIfPresent(String.self, forKey: .sentenceText) ?? "",
            rule: try c.decode(String.self, forKey: .rule), confidence: confidence,
            toolVersion: try c.decode(String.self, forKey: .toolVersion))
        // Decoded as written: the clamp of `init` must not change a value read back.
        self.confidence = confidence
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(document, forKey: .document)
        try c.encode(sentence, forKey: .sentence)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(byteStart, forKey: .byteStart)
        try c.encode(byteEnd, forKey: .byteEnd)
        try c.encode(text, forKey: .text)
        try c.encode(sentenceText, forKey: .sentenceText)
        try c.encode(rule, forKey: .rule)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(toolVersion, forKey: .toolVersion)
    }

    /// The order of the graph JSON: by the strings, never by the ids (which depend on the order
    /// strings were first seen). Equal ids are equal strings, which skips most string comparisons.
    public static func < (lhs: Evidence, rhs: Evidence) -> Bool {
        if lhs.documentString != rhs.documentString { return lhs.document < rhs.document }
        if lhs.scalarStart != rhs.scalarStart { return lhs.scalarStart < rhs.scalarStart }
        if lhs.scalarEnd != rhs.scalarEnd { return lhs.scalarEnd < rhs.scalarEnd }
        if lhs.ruleString != rhs.ruleString { return lhs.rule < rhs.rule }
        if lhs.confidence != rhs.confidence { return lhs.confidence > rhs.confidence }
        if lhs.spanText != rhs.spanText { return lhs.text < rhs.text }
        if lhs.sentenceIndex != rhs.sentenceIndex { return lhs.sentenceIndex < rhs.sentenceIndex }
        if lhs.wholeSentence != rhs.wholeSentence { return lhs.sentenceText < rhs.sentenceText }
        if lhs.utf8Start != rhs.utf8Start { return lhs.utf8Start < rhs.utf8Start }
        return lhs.toolVersionString != rhs.toolVersionString && lhs.toolVersion < rhs.toolVersion
    }
}

extension Array where Element == Evidence {
    /// The highest confidence among the evidence (0 when empty). `max` is exactly associative, so
    /// merging fragments in any order gives the same number.
    public var bestConfidence: Double { self.map(\.confidence).max() ?? 0 }

    /// Sorted, without duplicates: the canonical form every fact stores. Sorting then dropping
    /// equal neighbours avoids hashing the sentence texts.
    public var canonical: [Evidence] {
        let sorted = self.sorted()
        var out: [Evidence] = []
        out.reserveCapacity(sorted.count)
        for e in sorted where out.last != e { out.append(e) }
        return out
    }

    /// Whether the list is already in canonical order with nothing repeated (what `canonical`
    /// would return unchanged), so that a caller can keep it instead of sorting a copy.
    public var isCanonical: Bool { zip(self, dropFirst()).allSatisfy { $0 < $1 } }

    /// The distinct documents the evidence comes from, sorted.
    public var documents: [String] { Set(self.map(\.documentString)).map(\.string).sorted() }

    /// How many distinct documents the evidence comes from (`documents.count`, without the strings).
    public var documentCount: Int { Set(self.map(\.documentString)).count }
}
