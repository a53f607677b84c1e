/// What a participant does in an event.
public enum ParticipantRole: String, Codable, Sendable, CaseIterable, Comparable {
    case agent, target, place, other

    public static func < (lhs: ParticipantRole, rhs: ParticipantRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// An entity taking part in an event.
public struct Participant: Hashable, Sendable, Codable, Comparable {
    public var role: ParticipantRole
    /// The `Entity.id`.
    public var entity: String

    public init(role: ParticipantRole, entity: String) {
        self.role = role
        self.entity = entity
    }

    public static func < (lhs: Participant, rhs: Participant) -> Bool { (lhs.role, lhs.entity) < (rhs.role, rhs.entity) }
}

/// Something that happened: a raid, a clash, a statement, with its date when the text gives one.
public struct Event: Hashable, Sendable, Codable, Comparable {
    public var id: String
    /// From the event taxonomy (`raid`, `clash`, `statement`, ...); open to user extension.
    public var type: String
    /// Nil when the text gives no date; never the publication date by default.
    public var date: TimeValue?
    /// Sorted by role, then entity id.
    public var participants: [Participant]
    /// How the text tells it: asserted, reported (by `by`), hedged, planned or negated. A denied or
    /// planned event is another claim than the event done, with its own identity.
    public var modality: Modality
    /// Who reports it (an `Entity.id`), for a reported event.
    public var by: String?
    /// What is said, for a statement (its first 60 words): part of its identity, so that two
    /// undated statements of one speaker are two events.
    public var label: String?
    public var evidence: [Evidence]

    public init(id: String? = nil, type: String, date: TimeValue?, participants: [Participant], modality: Modality = .asserted, by: String? = nil,
                label: String? = nil, evidence: [Evidence]) {
        let participants = Array(Set(participants)).sorted()
        self.id = id ?? StableID.event(type: type, date: date, participants: participants, modality: modality, by: by, label: label)
        self.type = type
        self.date = date
        self.participants = participants
        self.modality = modality
        self.by = by
        self.label = label
        self.evidence = evidence.canonical
    }

    /// The first participant in the `place` role.
    public var place: String? { participants.first { $0.role == .place }?.entity }
    /// The best confidence among the evidence.
    public var confidence: Double { evidence.bestConfidence }

    public static func < (lhs: Event, rhs: Event) -> Bool { lhs.id < rhs.id }

    private enum CodingKeys: String, CodingKey { case id, type, date, participants, place, modality, by, label, confidence, evidence }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            type: try c.decode(String.self, forKey: .type),
            date: try c.decodeIfPresent(TimeValue.self, forKey: .date),
            participants: try c.decode([Participant].self, forKey: .participants),
            modality: try c.decodeIfPresent(Modality.self, forKey: .modality) ?? .asserted,
            by: try c.decodeIfPresent(String.self, forKey: .by),
            label: try c.decodeIfPresent(String.self, forKey: .label),
            evidence: try c.decode([Evidence].self, forKey: .evidence)
        )
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(date, forKey: .date)
        try c.encode(participants, forKey: .participants)
        try c.encode(place, forKey: .place)
        try c.encode(modality, forKey: .modality)
        try c.encode(by, forKey: .by)
        try c.encode(label, forKey: .label)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(evidence, forKey: .evidence)
    }
}
