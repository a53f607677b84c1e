/// The TIMEX3 types.
public enum TimexType: String, Codable, Sendable, CaseIterable {
    case date = "DATE", time = "TIME", duration = "DURATION", set = "SET"
}

/// A time expression found in an article, normalized against its publication date.
public struct Timex: Hashable, Sendable, Codable, Comparable {
    public var document: String
    /// The expression as written ("on Tuesday" → "Tuesday").
    public var text: String
    public var type: TimexType
    /// The TIMEX3 value (`2023-06-20`, `P10Y`, ...).
    public var value: String
    /// Unicode scalar offsets into the document text.
    public var start: Int
    public var end: Int
    /// For anchored durations and ranges: the interval they denote ("for ten years" → 2013/2023).
    public var interval: TemporalInterval?
    /// The rule that matched.
    public var rule: String
    /// In [0, 1]: how often the rule is right.
    public var confidence: Double

    public init(
        document: String, text: String, type: TimexType, value: String, start: Int, end: Int,
        interval: TemporalInterval? = nil, rule: String, confidence: Double = 1
    ) {
        self.document = document
        self.text = text
        self.type = type
        self.value = value
        self.start = start
        self.end = end
        self.interval = interval
        self.rule = rule
        self.confidence = min(1, max(0, confidence))
    }

    public static func < (lhs: Timex, rhs: Timex) -> Bool {
        (lhs.document, lhs.start, lhs.end, lhs.value, lhs.rule) < (rhs.document, rhs.start, rhs.end, rhs.value, rhs.rule)
    }

    private enum CodingKeys: String, CodingKey { case document, text, type, value, start, end, interval, rule, confidence }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(document, forKey: .document)
        try c.encode(text, forKey: .text)
        try c.encode(type, forKey: .type)
        try c.encode(value, forKey: .value)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(interval, forKey: .interval)
        try c.encode(rule, forKey: .rule)
        try c.encode(confidence, forKey: .confidence)
    }
}
