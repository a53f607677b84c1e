/// Where a fact was read and what made it: the article, the sentence, the exact span, the rule.
/// A fact without evidence is a bug.
public struct Evidence: Hashable, Sendable, Codable, Comparable {
    /// The `Document.id`.
    public var document: String
    /// Zero-based index of the sentence in the document.
    public var sentence: Int
    /// Span in Unicode scalars from the start of the text (what Python's `str` indexes count).
    public var start: Int
    public var end: Int
    /// The same span in UTF-8 bytes.
    public var byteStart: Int
    public var byteEnd: Int
    /// The text of the span.
    public var text: String
    /// The whole sentence, so that a reader can judge the fact without opening the article.
    public var sentenceText: String
    /// The id of the rule that produced the fact, e.g. `entity.acronym-definition`.
    public var rule: String
    /// In [0, 1].
    public var confidence: Double
    public var toolVersion: String

    public init(
        document: String, sentence: Int, start: Int, end: Int, byteStart: Int, byteEnd: Int,
        text: String, sentenceText: String, rule: String, confidence: Double,
        toolVersion: String = ToolVersion.current
    ) {
        self.document = document
        self.sentence = sentence
        self.start = start
        self.end = end
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.text = text
        self.sentenceText = sentenceText
        self.rule = rule
        self.confidence = min(1, max(0, confidence))
        self.toolVersion = toolVersion
    }

    private enum CodingKeys: String, CodingKey {
        case document, sentence, start, end, byteStart, byteEnd, text, sentenceText, rule, confidence, toolVersion
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        document = try c.decode(String.self, forKey: .document)
        sentence = try c.decode(Int.self, forKey: .sentence)
        start = try c.decode(Int.self, forKey: .start)
        end = try c.decode(Int.self, forKey: .end)
        byteStart = try c.decode(Int.self, forKey: .byteStart)
        byteEnd = try c.decode(Int.self, forKey: .byteEnd)
        text = try c.decode(String.self, forKey: .text)
        // Absent when the graph JSON keeps it in its document's sentence table; the reader fills it in.
        sentenceText = try c.decodeIfPresent(String.self, forKey: .sentenceText) ?? ""
        rule = try c.decode(String.self, forKey: .rule)
        confidence = try c.decode(Double.self, forKey: .confidence)
        toolVersion = try c.decode(String.self, forKey: .toolVersion)
    }

    public static func < (lhs: Evidence, rhs: Evidence) -> Bool {
        if lhs.document != rhs.document { return lhs.document < rhs.document }
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        if lhs.end != rhs.end { return lhs.end < rhs.end }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        if lhs.confidence != rhs.confidence { return lhs.confidence > rhs.confidence }
        if lhs.text != rhs.text { return lhs.text < rhs.text }
        if lhs.sentence != rhs.sentence { return lhs.sentence < rhs.sentence }
        if lhs.sentenceText != rhs.sentenceText { return lhs.sentenceText < rhs.sentenceText }
        if lhs.byteStart != rhs.byteStart { return lhs.byteStart < rhs.byteStart }
        return lhs.toolVersion < rhs.toolVersion
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

    /// The distinct documents the evidence comes from, sorted.
    public var documents: [String] { Set(self.map(\.document)).sorted() }
}
