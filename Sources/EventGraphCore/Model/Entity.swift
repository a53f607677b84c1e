/// The kinds of named thing EventGraph makes nodes of.
public enum EntityType: String, Codable, Sendable, CaseIterable, Comparable {
    case person, organization, place, facility

    public static func < (lhs: EntityType, rhs: EntityType) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A person, organization, place or facility, however many ways the articles spell it.
public struct Entity: Hashable, Sendable, Codable, Comparable {
    /// `type:slug` of the canonical name at the time the entity was first resolved; see `StableID`.
    public var id: String
    public var type: EntityType
    /// Chosen by `Entity.canonicalName(among:)`, never by arrival order.
    public var name: String
    /// Every other surface form, sorted.
    public var aliases: [String]
    /// Every mention, sorted by document and offset.
    public var mentions: [Evidence]

    public init(id: String, type: EntityType, name: String, aliases: [String] = [], mentions: [Evidence] = []) {
        self.id = id
        self.type = type
        self.name = name
        self.aliases = Array(Set(aliases).subtracting([name])).sorted()
        self.mentions = mentions.canonical
    }

    /// An entity whose id derives from its type and name.
    public init(type: EntityType, name: String, aliases: [String] = [], mentions: [Evidence] = []) {
        self.init(id: StableID.entity(type: type, canonicalName: name), type: type, name: name, aliases: aliases, mentions: mentions)
    }

    /// Every name the entity goes by, canonical first.
    public var allNames: [String] { [name] + aliases }

    /// The canonical choice among names: the longest (in characters), ties broken by the smallest in
    /// code-point order. Independent of the order names arrive in, so merges commute.
    public static func canonicalName(among names: some Sequence<String>) -> String? {
        names.min { a, b in
            let (ca, cb) = (a.count, b.count)
            return ca != cb ? ca > cb : a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        }
    }

    /// The canonical choice among the names of an entity's mentions: the name used most often, then
    /// the longest, then the smallest in code-point order. Counts add up across articles, so the
    /// choice does not depend on the order in which articles are merged.
    ///
    /// For people, full names (two words or more) come first when there are any, so that a
    /// surname used alone ("Kanaani said") never becomes the node's name.
    public static func canonicalName(mentions names: [String], type: EntityType? = nil) -> String {
        var counts: [String: Int] = [:]
        let full = names.filter { $0.split(separator: " ").count >= 2 }
        for name in (type == .person && !full.isEmpty ? full : names) { counts[name, default: 0] += 1 }
        return counts.min { a, b in
            if a.value != b.value { return a.value > b.value }
            let (ca, cb) = (a.key.count, b.key.count)
            return ca != cb ? ca > cb : a.key.unicodeScalars.lexicographicallyPrecedes(b.key.unicodeScalars)
        }?.key ?? ""
    }

    public static func < (lhs: Entity, rhs: Entity) -> Bool { lhs.id < rhs.id }
}
