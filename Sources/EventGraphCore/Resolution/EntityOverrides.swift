/// A user's corrections to entity resolution, applied on every build (read from
/// `eventgraph.overrides.yaml` or `--overrides FILE`).
public struct EntityOverrides: Sendable, Hashable {
    /// Extra names: an alias → the name of the entity it belongs to.
    public var aliases: [String: String]
    /// Groups of names that are one entity.
    public var merges: [[String]]
    /// Groups of names that must stay apart.
    public var splits: [[String]]
    /// Names whose entity has another type.
    public var types: [String: EntityType]
    /// Names that are not entities at all.
    public var ignore: [String]

    public init(aliases: [String: String] = [:], merges: [[String]] = [], splits: [[String]] = [], types: [String: EntityType] = [:], ignore: [String] = []) {
        self.aliases = aliases
        self.merges = merges
        self.splits = splits
        self.types = types
        self.ignore = ignore
    }

    public static let none = EntityOverrides()

    /// The file the overrides came from, and the line of each entry (by `entryKey`), so that an
    /// override that does nothing can be reported where it is written.
    public var file: String?
    public var lines: [String: Int] = [:]

    /// `aliases|PMOI`, `merge|0` (the group's index), `split|0`, `types|Ashraf-3`, `ignore|Creative Commons`.
    public static func entryKey(_ kind: String, _ item: String) -> String { kind + "|" + item }
}

/// An override that changed nothing, or that contradicts another: worth a warning at its line.
public struct OverrideWarning: Sendable, Hashable {
    public var file: String?
    public var line: Int
    public var message: String
}

/// Why two entities became one.
public struct MergeRecord: Sendable, Hashable, Codable, Comparable {
    /// The id of the resulting entity.
    public var into: String
    /// The id (before resolution) of an entity merged into it.
    public var merged: String
    /// The rule that merged them, e.g. `same-name "albanian police"`, `spelling "naser kanani" ~ "nasser kanaani"`, `override`.
    public var reason: String

    public static func < (lhs: MergeRecord, rhs: MergeRecord) -> Bool {
        (lhs.into, lhs.merged, lhs.reason) < (rhs.into, rhs.merged, rhs.reason)
    }
}
