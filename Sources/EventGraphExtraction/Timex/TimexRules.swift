import EventGraphCore
import Foundation

/// The token classes a pattern can capture.
enum TimexClass: String, Sendable, CaseIterable {
    case month, monthname, weekday, number, vague, ordinal, unit, numberunit, season, part, zone
    case year, yy, mm, day, decade, century, hour, minute, ampm, quarter, approx, ordinalquarter

    /// A bit of its own, for per-token class sets.
    var bit: UInt32 {
        switch self {
        case .month: return 1 << 0
        case .monthname: return 1 << 1
        case .weekday: return 1 << 2
        case .number: return 1 << 3
        case .vague: return 1 << 4
        case .ordinal: return 1 << 5
        case .unit: return 1 << 6
        case .numberunit: return 1 << 7
        case .season: return 1 << 8
        case .part: return 1 << 9
        case .zone: return 1 << 10
        case .year: return 1 << 11
        case .yy: return 1 << 12
        case .mm: return 1 << 13
        case .day: return 1 << 14
        case .decade: return 1 << 15
        case .century: return 1 << 16
        case .hour: return 1 << 17
        case .minute: return 1 << 18
        case .ampm: return 1 << 19
        case .quarter: return 1 << 20
        case .approx: return 1 << 21
        case .ordinalquarter: return 1 << 22
        }
    }
}

/// One element of a rule's pattern.
struct PatternElement: Sendable {
    enum Kind: Sendable {
        /// Any of these words (lowercased unless `exactCase`), with their fingerprints
        /// (`TokenTexts.fingerprint`) for the common, case-insensitive test.
        case words(Set<String>, exactCase: Bool, fingerprints: Set<UInt64>)
        /// A token of a class, captured under a name.
        case capture(TimexClass, name: String)
    }

    var kind: Kind
    var optional: Bool
    /// Context: must match, but stays outside the expression.
    var context: Bool
}

/// A time expression rule from `Resources/timex/rules.json` (or a user's `--rules` folder).
public struct TimexRule: Sendable {
    public struct Example: Sendable, Decodable {
        public struct Expected: Sendable, Decodable, Equatable {
            public var text: String
            public var type: String
            public var value: String
            /// The interval in `TemporalInterval.normalizedText` form, when the expression has one.
            public var interval: String?

            public init(text: String, type: String, value: String, interval: String? = nil) {
                self.text = text
                self.type = type
                self.value = value
                self.interval = interval
            }
        }
        public var text: String
        public var dct: String?
        public var timexes: [Expected]
    }

    public var id: String
    public var pattern: String
    public var type: TimexType
    public var normalize: String
    public var params: [String: String]
    public var confidence: Double
    public var examples: [Example]
    /// Words (or `<class>`es) the token right before the expression must not be (`notPrecededBy`):
    /// "a year" is no duration in "once a year" or "$5 a year".
    var notPrecededBy: (words: Set<String>, classes: [TimexClass]) = ([], [])
    /// Classes (or words) the token right after the expression must not belong to (`notFollowedBy`
    /// in the rule's params): "the past" is a reference, but not in "the past ten years".
    var notFollowedBy: (words: Set<String>, classes: [TimexClass])
    /// Where the rule was read from, for error messages.
    public var file: String

    var elements: [PatternElement]
}

/// All rules, in priority order (earlier wins a tie in length).
public struct TimexRuleSet: Sendable {
    public var rules: [TimexRule]

    struct RawFile: Decodable {
        struct RawRule: Decodable {
            var id: String
            var pattern: String
            var type: String
            var normalize: String
            var params: [String: String]?
            var confidence: Double?
            var examples: [TimexRule.Example]?
        }
        var rules: [RawRule]
    }

    /// A rule's `notPrecededBy` or `notFollowedBy`: comma-separated words and `<class>`es; with
    /// `bareClassNames`, a bare class name ("number,month", the older notFollowedBy form) is a
    /// class too. An unknown `<class>` is a located error.
    private static func contextList(
        _ r: RawFile.RawRule, _ parameter: String, bareClassNames: Bool, file: String, at: (line: Int, column: Int)
    ) throws(ResourceError) -> (words: Set<String>, classes: [TimexClass]) {
        var list: (words: Set<String>, classes: [TimexClass]) = ([], [])
        for item in (r.params?[parameter] ?? "").split(separator: ",").map(String.init) {
            let bracketed = item.hasPrefix("<") && item.hasSuffix(">")
            let name = bracketed ? String(item.dropFirst().dropLast()) : item
            if bracketed || bareClassNames, let cls = TimexClass(rawValue: name) {
                list.classes.append(cls)
            } else if bracketed {
                throw .malformed(file: file, line: at.line, column: at.column, problem: "rule \(r.id): unknown class '\(item)' in \(parameter)")
            } else {
                list.words.insert(item.lowercased())
            }
        }
        return list
    }

    /// The rules shipped in the package.
    public static func standard() throws(ResourceError) -> TimexRuleSet {
        try parse(ExtractionResources.data("timex/rules.json"), file: "Resources/timex/rules.json")
    }

    /// The package's rules followed by the rules in `directory/timex/rules.json` (or
    /// `directory/rules.json`); a user's rules come after the shipped ones, so they win only when
    /// they match more.
    public static func standard(adding directory: String?) throws(ResourceError) -> TimexRuleSet {
        var set = try standard()
        guard let directory else { return set }
        let candidates = [directory + "/timex/rules.json", directory + "/rules.json"]
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw .missing(file: directory + "/timex/rules.json")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .malformed(file: path, line: 1, column: 1, problem: "is a folder, expected a rules file (JSON)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .malformed(file: path, line: 1, column: 1, problem: "cannot read the rules file")
        }
        set.rules += try parse(data, file: path, limits: .user).rules
        return set
    }

    /// What a rules file may hold. A user's rules (`--rules`) are untrusted input: a pattern is
    /// matched element by element at every token, so their count and length bound the tagger's
    /// time (the shipped file is checked against the same limits by the tests).
    public struct Limits: Sendable {
        public var rules: Int
        public var elementsPerPattern: Int

        /// 1,000 rules of at most 64 elements each.
        public static let user = Limits(rules: 1_000, elementsPerPattern: 64)
    }

    public static func parse(_ data: Data, file: String, limits: Limits = .user) throws(ResourceError) -> TimexRuleSet {
        let root: JSONNode
        do { root = try JSONParser.parse([UInt8](data)) } catch {
            throw .malformed(file: file, line: error.line, column: error.column, problem: "invalid JSON: \(error.problem)")
        }
        let raw: RawFile
        do { raw = try JSONDecoder().decode(RawFile.self, from: data) } catch {
            throw .malformed(file: file, line: 1, column: 1, problem: "not a rules file: \(error)")
        }
        var ruleNodes: [JSONNode] = []
        if case .array(let nodes)? = root["rules"]?.value { ruleNodes = nodes }
        if raw.rules.count > limits.rules {
            let node = ruleNodes[limits.rules]
            throw .malformed(file: file, line: node.line, column: node.column,
                             problem: "\(raw.rules.count) rules, more than the \(limits.rules) a rules file may hold")
        }
        let known = Set(TimexNormalizer.functions)
        var rules: [TimexRule] = []
        for (index, r) in raw.rules.enumerated() {
            let node = index < ruleNodes.count ? ruleNodes[index] : root
            let at = (line: node.line, column: node.column)
            let patternAt = node["pattern"].map { (line: $0.line, column: $0.column) } ?? at
            let elementCount = r.pattern.split(separator: " ").count
            if elementCount > limits.elementsPerPattern {
                throw .malformed(file: file, line: patternAt.line, column: patternAt.column,
                                 problem: "rule \(r.id): pattern has \(elementCount) elements, more than \(limits.elementsPerPattern)")
            }
            guard let type = TimexType(rawValue: r.type) else {
                throw .malformed(file: file, line: at.line, column: at.column, problem: "rule \(r.id): unknown type '\(r.type)'")
            }
            guard known.contains(r.normalize) else {
                throw .malformed(file: file, line: at.line, column: at.column, problem: "rule \(r.id): unknown normalizer '\(r.normalize)'")
            }
            let elements: [PatternElement]
            do { elements = try parsePattern(r.pattern) } catch {
                throw .malformed(file: file, line: patternAt.line, column: patternAt.column, problem: "rule \(r.id): \(error.message)")
            }
            let notFollowedBy = try contextList(r, "notFollowedBy", bareClassNames: true, file: file, at: at)
            let notPrecededBy = try contextList(r, "notPrecededBy", bareClassNames: false, file: file, at: at)
            var rule = TimexRule(id: r.id, pattern: r.pattern, type: type, normalize: r.normalize, params: r.params ?? [:],
                                 confidence: r.confidence ?? 0.9, examples: r.examples ?? [], notFollowedBy: notFollowedBy,
                                 file: file, elements: elements)
            rule.notPrecededBy = notPrecededBy
            rules.append(rule)
        }
        return TimexRuleSet(rules: rules)
    }

    struct PatternError: Error { var message: String }

    static func parsePattern(_ pattern: String) throws(PatternError) -> [PatternElement] {
        var elements: [PatternElement] = []
        let parts = pattern.split(separator: " ").map(String.init)
        for (index, var part) in parts.enumerated() {
            var context = false
            if part.hasPrefix("[") && part.hasSuffix("]") && part.count > 2 {
                guard index == 0 || index == parts.count - 1 else { throw PatternError(message: "context [..] only at either end of '\(pattern)'") }
                context = true
                part = String(part.dropFirst().dropLast())
            }
            var optional = false
            if part.hasSuffix("?") && part.count > 1 {
                optional = true
                part.removeLast()
            }
            if part.hasPrefix("<") && part.hasSuffix(">") {
                let inner = part.dropFirst().dropLast().split(separator: ":", maxSplits: 1).map(String.init)
                guard let cls = TimexClass(rawValue: inner[0]) else { throw PatternError(message: "unknown class <\(inner[0])> in '\(pattern)'") }
                // <monthname> is a month as far as normalizers are concerned.
                let name = inner.count == 2 ? inner[1] : (cls == .monthname ? "month" : inner[0])
                elements.append(PatternElement(kind: .capture(cls, name: name), optional: optional, context: context))
            } else {
                let alternatives = part.split(separator: "|").map(String.init)
                let exact = alternatives.allSatisfy { $0.hasPrefix("=") && $0.count > 1 }
                let words = Set(alternatives.map { exact ? String($0.dropFirst()) : $0.lowercased() })
                guard !words.isEmpty else { throw PatternError(message: "empty element in '\(pattern)'") }
                elements.append(PatternElement(kind: .words(words, exactCase: exact, fingerprints: Set(words.map(TokenTexts.fingerprint))),
                                               optional: optional, context: context))
            }
        }
        guard elements.contains(where: { !$0.context && !$0.optional }) else { throw PatternError(message: "pattern '\(pattern)' matches nothing") }
        return elements
    }
}
