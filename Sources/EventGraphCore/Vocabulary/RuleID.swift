import Synchronization
/// A rule as evidence names it: a registered rule (a row of `rules.tsv`), what it is about when
/// the rule takes a parameter (the verb of `relation.verb`, the event type of
/// `relation.from-event`), and qualifiers saying how it was applied (`light-verb`,
/// `date-from-incident`, the participant or argument the evidence is for).
///
/// Stages build ids from the generated constants (`RuleID.eventFrameVerb`), so a rule that is not
/// in the registry does not compile; `Evidence.rule` keeps the id's text
/// (`event.frame.verb.date-from-incident.agent`), which `RuleID(_:)` reads back.
public struct RuleID: Hashable, Sendable, CustomStringConvertible {
    /// The registered rule's id.
    public let rule: String
    public let parameter: String?
    public let qualifiers: [RuleQualifier]

    init(registered rule: String) {
        self.rule = rule
        self.parameter = nil
        self.qualifiers = []
    }

    private init(rule: String, parameter: String?, qualifiers: [RuleQualifier]) {
        self.rule = rule
        self.parameter = parameter
        self.qualifiers = qualifiers
    }

    /// The same rule about `parameter`. A parameter is one id component: dots become hyphens.
    public func about(_ parameter: String) -> RuleID {
        RuleID(rule: rule, parameter: parameter.replacingDots(), qualifiers: qualifiers)
    }

    /// The same rule with `qualifier` appended.
    public func qualified(_ qualifier: RuleQualifier) -> RuleID {
        RuleID(rule: rule, parameter: parameter, qualifiers: qualifiers + [qualifier])
    }

    /// Whether the evidence is for an argument of a relation rather than the words that state it
    /// (exports show the latter as the fact's evidence).
    public var isArgumentEvidence: Bool { qualifiers.contains(.argument) }

    public var description: String {
        ([rule] + (parameter.map { [$0] } ?? []) + qualifiers.map(\.name)).joined(separator: ".")
    }

    /// Reads an id back: the longest registered rule it starts with, its parameter when the rule
    /// takes one, then registered qualifiers only. Nil for anything else, time expression rules
    /// included (they are listed in their own table).
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let length = (1...max(1, parts.count)).reversed().first(where: { RuleRegistry.definition(of: parts.prefix($0).joined(separator: ".")) != nil }),
              let definition = RuleRegistry.definition(of: parts.prefix(length).joined(separator: "."))
        else { return nil }
        var rest = parts.dropFirst(length)
        var parameter: String?
        if definition.parameter != nil {
            guard let first = rest.first, !first.isEmpty else { return nil }
            parameter = first
            rest = rest.dropFirst()
        }
        var qualifiers: [RuleQualifier] = []
        for name in rest {
            guard let qualifier = RuleRegistry.qualifier(named: name) else { return nil }
            qualifiers.append(qualifier)
        }
        self.init(rule: definition.id, parameter: parameter, qualifiers: qualifiers)
    }
}

/// How a rule was applied, as the last components of a rule id (a row of `qualifiers.tsv`).
public struct RuleQualifier: Hashable, Sendable {
    public let name: String

    init(registered name: String) { self.name = name }

    /// The qualifier of evidence for an event participant in `role`.
    public static func participant(_ role: ParticipantRole) -> RuleQualifier {
        RuleQualifier(registered: role.rawValue)
    }
}

/// What a rule's parameter names.
public enum RuleParameter: String, Sendable {
    /// The trigger word (`relation.verb.hosted`).
    case word
    /// The type of the event the fact comes from (`relation.from-event.raid`).
    case eventType = "event-type"
}

/// One rule of the registry: its id, the stage whose rule it is, what it finds, and a sentence in
/// which it fires (the registry's tests build it).
public struct RuleDefinition: Sendable {
    public let id: String
    public let stage: String
    public let parameter: RuleParameter?
    public let description: String
    public let example: String
}

/// One qualifier of the registry, with a sentence whose evidence carries it.
public struct QualifierDefinition: Sendable {
    public let name: String
    public let description: String
    public let example: String
}

/// The rules and qualifiers evidence may name (generated into `Rules.swift` from the tables).
public enum RuleRegistry {
    private static let rulesByID: [String: RuleDefinition] = Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0) })
    private static let qualifiersByName: [String: RuleQualifier] =
        Dictionary(uniqueKeysWithValues: qualifiers.map { ($0.name, RuleQualifier(registered: $0.name)) })

    /// The registered rule `id`, or nil.
    public static func definition(of id: String) -> RuleDefinition? { rulesByID[id] }

    /// The registered qualifier `name`, or nil.
    public static func qualifier(named name: String) -> RuleQualifier? { qualifiersByName[name] }
}

extension Evidence {
    /// The evidence's rule, read back through the registry; nil for rules it does not list
    /// (time expression rules, which have their own table).
    public var ruleID: RuleID? { RuleID(rule) }

    /// Whether this is evidence for a relation's argument, not for the words that state the fact.
    /// Read once per distinct rule (exporters ask for every piece of evidence; a corpus has a few
    /// hundred rules).
    public var isArgumentEvidence: Bool {
        let key = ruleKey
        if let known = argumentRules.withLock({ $0[key] }) { return known }
        let answer = RuleID(rule)?.isArgumentEvidence ?? false
        argumentRules.withLock { $0[key] = answer }
        return answer
    }
}

/// `isArgumentEvidence` by interned rule.
private let argumentRules = Mutex<[InternedString: Bool]>([:])

private extension String {
    func replacingDots() -> String { split(separator: ".", omittingEmptySubsequences: false).joined(separator: "-") }
}
