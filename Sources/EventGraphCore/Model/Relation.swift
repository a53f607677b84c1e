/// How the text commits to a relation.
public enum Modality: String, Codable, Sendable, CaseIterable, Comparable {
    /// Stated by the article in its own voice.
    case asserted
    /// Attributed to someone ("X said that ...", "is said to").
    case reported
    /// Denied ("did not", "no ... were hurt").
    case negated
    /// Hedged by the text itself ("allegedly", "the suspected raid", "accused of raiding").
    case hedged
    /// Announced, threatened or planned, not (yet) done ("will raid", "threatened to raid").
    case planned

    public static func < (lhs: Modality, rhs: Modality) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A typed, directed, attributed link: `hosted-by`, `raided`, `cited-as`, `said`, ...
public struct Relation: Hashable, Sendable, Codable, Comparable {
    public var id: String
    public var type: String
    /// The subject's `Entity.id`.
    public var source: String
    /// The object's `Entity.id`, or nil when the object is a `label`.
    public var target: String?
    /// The characterization for `cited-as` ("terrorist cult"), or the statement for `said`.
    public var label: String?
    /// Who does the citing or saying (an `Entity.id`), when the text names them.
    public var by: String?
    public var time: TemporalInterval?
    public var modality: Modality
    public var evidence: [Evidence]

    /// `timeInIdentity`: true for relations that happen on a date (raided: two dates are two raids),
    /// false for states (hosted-by: one relation whose time spans what the articles say).
    public init(
        id: String? = nil, type: String, source: String, target: String?, label: String? = nil, by: String? = nil,
        time: TemporalInterval? = nil, modality: Modality = .asserted, evidence: [Evidence], timeInIdentity: Bool = true
    ) {
        self.id = id ?? StableID.relation(type: type, source: source, target: target, label: label, by: by,
                                          time: timeInIdentity ? time : nil, modality: modality)
        self.type = type
        self.source = source
        self.target = target
        self.label = label
        self.by = by
        self.time = time
        self.modality = modality
        self.evidence = evidence.canonical
    }

    /// The best confidence among the evidence.
    public var confidence: Double { evidence.bestConfidence }
    /// The rule of the first piece of evidence in canonical order.
    public var rule: String? { evidence.first?.rule }

    public static func < (lhs: Relation, rhs: Relation) -> Bool { lhs.id < rhs.id }

    private enum CodingKeys: String, CodingKey {
        case id, type, source, target, label, by, time, modality, confidence, rule, evidence
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            type: try c.decode(String.self, forKey: .type),
            source: try c.decode(String.self, forKey: .source),
            target: try c.decodeIfPresent(String.self, forKey: .target),
            label: try c.decodeIfPresent(String.self, forKey: .label),
            by: try c.decodeIfPresent(String.self, forKey: .by),
            time: try c.decodeIfPresent(TemporalInterval.self, forKey: .time),
            modality: try c.decode(Modality.self, forKey: .modality),
            evidence: try c.decode([Evidence].self, forKey: .evidence)
        )
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(source, forKey: .source)
        try c.encode(target, forKey: .target)
        try c.encode(label, forKey: .label)
        try c.encode(by, forKey: .by)
        try c.encode(time, forKey: .time)
        try c.encode(modality, forKey: .modality)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(rule, forKey: .rule)
        try c.encode(evidence, forKey: .evidence)
    }
}
