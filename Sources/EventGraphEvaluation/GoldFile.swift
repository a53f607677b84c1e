import EventGraphCore

/// A hand-made annotation of one article, in the format of `Tests/Gold/README.md`.
public struct GoldFile: Decodable, Sendable {
    public enum Level: String, Decodable, Sendable { case must, should }

    public struct GoldEntity: Decodable, Sendable {
        public var key: String
        public var type: EntityType
        public var names: [String]
        public var level: Level
    }

    public struct GoldTimex: Decodable, Sendable {
        public var text: String
        public var type: TimexType
        public var value: String
    }

    public struct GoldEvent: Decodable, Sendable {
        public var type: String
        public var date: String?
        public var agent: String?
        public var target: String?
        public var place: String?
        public var level: Level
        public var evidence: String

        /// The roles the annotation fills, as (role, entity key).
        public var roles: [(role: ParticipantRole, key: String)] {
            [(ParticipantRole.agent, agent), (.target, target), (.place, place)].compactMap { role, key in key.map { (role, $0) } }
        }
    }

    public struct GoldRelation: Decodable, Sendable {
        public var subject: String
        public var type: String
        public var object: String
        public var by: String?
        public var alternatives: [String]?
        public var alternativesType: [String]?
        public var level: Level
        public var evidence: String
        public var time: String?

        enum CodingKeys: String, CodingKey {
            case subject, type, object, by, alternatives, level, evidence, time
            case alternativesType = "alternatives_type"
        }

        /// Relation types the scorer accepts for this item.
        public var acceptedTypes: [String] { [type] + (alternativesType ?? []) }
    }

    /// The article's file name, as in `seeds/`.
    public var document: String
    public var published: String?
    public var entities: [GoldEntity]
    public var notEntities: [String]
    public var timexes: [GoldTimex]
    public var events: [GoldEvent]
    public var relations: [GoldRelation]

    enum CodingKeys: String, CodingKey {
        case document, published, entities, timexes, events, relations
        case notEntities = "not_entities"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        document = try c.decode(String.self, forKey: .document)
        published = try c.decodeIfPresent(String.self, forKey: .published)
        entities = try c.decodeIfPresent([GoldEntity].self, forKey: .entities) ?? []
        notEntities = try c.decodeIfPresent([String].self, forKey: .notEntities) ?? []
        timexes = try c.decodeIfPresent([GoldTimex].self, forKey: .timexes) ?? []
        events = try c.decodeIfPresent([GoldEvent].self, forKey: .events) ?? []
        relations = try c.decodeIfPresent([GoldRelation].self, forKey: .relations) ?? []
    }

    public func entity(key: String) -> GoldEntity? { entities.first { $0.key == key } }
}
