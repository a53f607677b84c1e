import EventGraphCore

/// Counts for one kind of item: matched pairs, predictions, gold items.
public struct Score: Sendable, Encodable, Hashable {
    public var truePositives: Int
    public var predicted: Int
    public var gold: Int

    public init(truePositives: Int = 0, predicted: Int = 0, gold: Int = 0) {
        self.truePositives = truePositives
        self.predicted = predicted
        self.gold = gold
    }

    /// 0 when nothing was predicted.
    public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    /// 0 when there is nothing to find.
    public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
    public var f1: Double {
        let (p, r) = (precision, recall)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    public static func + (lhs: Score, rhs: Score) -> Score {
        Score(truePositives: lhs.truePositives + rhs.truePositives, predicted: lhs.predicted + rhs.predicted, gold: lhs.gold + rhs.gold)
    }

    private enum CodingKeys: String, CodingKey { case truePositives, predicted, gold, precision, recall, f1 }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(truePositives, forKey: .truePositives)
        try c.encode(predicted, forKey: .predicted)
        try c.encode(gold, forKey: .gold)
        try c.encode(Score.round(precision), forKey: .precision)
        try c.encode(Score.round(recall), forKey: .recall)
        try c.encode(Score.round(f1), forKey: .f1)
    }

    /// Four decimals: enough to compare runs, and stable in text.
    static func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}

/// What is scored, in report order.
public enum ScoreKind: String, CaseIterable, Sendable, Codable, Comparable {
    /// Entities matched by any of their names (case- and quote-insensitive).
    case entities
    /// The same, and the type must agree.
    case entitiesTyped = "entities-typed"
    /// Time expressions whose text equals the gold text.
    case timexStrict = "timex-strict"
    /// Time expressions whose text overlaps the gold text.
    case timexRelaxed = "timex-relaxed"
    /// Relaxed matches whose TIMEX3 value is right.
    case timexValue = "timex-value"
    /// Relaxed matches whose TIMEX3 type is right.
    case timexType = "timex-type"
    /// Events matched by type, date and at least one role.
    case events
    /// Relations matched by type (or an accepted alternative) and both ends.
    case relations

    public static func < (lhs: ScoreKind, rhs: ScoreKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Scores of one document, or the micro-averaged total.
public struct DocumentScores: Sendable, Encodable {
    public var document: String
    /// Kind → score; `mustRecall` counts only gold items of level `must`.
    public var scores: [ScoreKind: Score]
    public var mustRecall: [ScoreKind: Score]
    /// Predicted entities whose name is listed in the gold's `not_entities`.
    public var notEntityHits: [String]
    /// Events and relations per type ("events/statement", "relations/said"): matched gold items of
    /// that type, predictions of that type, gold items of that type.
    public var byType: [String: Score] = [:]
    /// The gold file names a document that is not in the graph.
    public var missingDocument: Bool

    public func score(_ kind: ScoreKind) -> Score { scores[kind] ?? Score() }

    private enum CodingKeys: String, CodingKey { case document, scores, mustRecall, notEntityHits, missingDocument, byType }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(document, forKey: .document)
        // String keys, so the JSON is an object (sorted by the encoder), not an array of pairs.
        try c.encode(Dictionary(uniqueKeysWithValues: scores.map { ($0.key.rawValue, $0.value) }), forKey: .scores)
        try c.encode(Dictionary(uniqueKeysWithValues: mustRecall.map { ($0.key.rawValue, $0.value) }), forKey: .mustRecall)
        try c.encode(notEntityHits, forKey: .notEntityHits)
        try c.encode(missingDocument, forKey: .missingDocument)
        try c.encode(byType, forKey: .byType)
    }

    init(document: String, scores: [ScoreKind: Score], mustRecall: [ScoreKind: Score], notEntityHits: [String], missingDocument: Bool,
         byType: [String: Score] = [:]) {
        self.byType = byType
        self.document = document
        self.scores = scores
        self.mustRecall = mustRecall
        self.notEntityHits = notEntityHits
        self.missingDocument = missingDocument
    }
}

/// Everything `eventgraph eval` reports.
public struct EvaluationReport: Sendable, Encodable {
    public var documents: [DocumentScores]
    public var total: DocumentScores
}

/// Scores a graph against gold files, following the matching rules of `Tests/Gold/README.md`:
/// entities by any of their names, time expressions by text in order, events by type, date and at
/// least one role, relations by type and both ends, `cited-as` by the head word of the
/// characterization. Each gold item matches at most one prediction (maximum bipartite matching).
public struct Scorer: Sendable {
    public init() {}

    public func evaluate(graph: Graph, gold: [GoldFile]) -> EvaluationReport {
        let perDocument = gold.sorted { $0.document < $1.document }.map { score(graph: graph, gold: $0) }
        var totals: [ScoreKind: Score] = [:]
        var must: [ScoreKind: Score] = [:]
        var hits: [String] = []
        var byType: [String: Score] = [:]
        for doc in perDocument {
            for (kind, s) in doc.scores { totals[kind, default: Score()] = totals[kind, default: Score()] + s }
            for (type, s) in doc.byType { byType[type, default: Score()] = byType[type, default: Score()] + s }
            for (kind, s) in doc.mustRecall { must[kind, default: Score()] = must[kind, default: Score()] + s }
            hits += doc.notEntityHits.map { "\(doc.document): \($0)" }
        }
        let total = DocumentScores(document: "TOTAL", scores: totals, mustRecall: must, notEntityHits: hits.sorted(),
                                   missingDocument: perDocument.contains { $0.missingDocument }, byType: byType)
        return EvaluationReport(documents: perDocument, total: total)
    }

    /// The graph document a gold file refers to: same id, or same file name.
    static func findDocument(_ name: String, in graph: Graph) -> Document? {
        graph.document(id: name) ?? graph.documents.first { $0.id.split(separator: "/").last.map(String.init) == name }
    }

    func score(graph: Graph, gold: GoldFile) -> DocumentScores {
        guard let document = Scorer.findDocument(gold.document, in: graph) else {
            let zero = Dictionary(uniqueKeysWithValues: ScoreKind.allCases.map { ($0, Score(gold: goldCount($0, gold))) })
            return DocumentScores(document: gold.document, scores: zero, mustRecall: mustZero(gold), notEntityHits: [], missingDocument: true)
        }
        let doc = document.id
        let names = EntityNames(graph: graph, document: doc)
        let entities = graph.entities.filter { $0.mentions.contains { $0.document == doc } }
        let timexes = graph.timexes.filter { $0.document == doc }.sorted()
        let events = graph.events.filter { $0.evidence.contains { $0.document == doc } }
        let relations = graph.relations.filter { $0.evidence.contains { $0.document == doc } }

        func goldNames(_ key: String?) -> Set<String> {
            guard let key, let entity = gold.entity(key: key) else { return [] }
            return Set(entity.names.map(Normalize.name))
        }
        func entityMatches(_ id: String?, _ key: String?) -> Bool {
            guard let id else { return false }
            return !names.of(id).isDisjoint(with: goldNames(key))
        }

        var scores: [ScoreKind: Score] = [:]
        var must: [ScoreKind: Score] = [:]

        // Entities
        let untyped = Matching.maximum(gold: gold.entities, predicted: entities) { g, p in
            !names.of(p.id).isDisjoint(with: Set(g.names.map(Normalize.name)))
        }
        let typed = Matching.maximum(gold: gold.entities, predicted: entities) { g, p in
            g.type == p.type && !names.of(p.id).isDisjoint(with: Set(g.names.map(Normalize.name)))
        }
        scores[.entities] = Score(truePositives: untyped.count, predicted: entities.count, gold: gold.entities.count)
        scores[.entitiesTyped] = Score(truePositives: typed.count, predicted: entities.count, gold: gold.entities.count)
        must[.entities] = mustScore(gold.entities.map(\.level), matched: untyped.goldIndices)

        // Time expressions, aligned in text order.
        let strict = Matching.inOrder(gold: gold.timexes, predicted: timexes) { g, p in Normalize.name(g.text) == Normalize.name(p.text) }
        let relaxed = Matching.inOrder(gold: gold.timexes, predicted: timexes) { g, p in
            let (a, b) = (Normalize.name(g.text), Normalize.name(p.text))
            return a.contains(b) || b.contains(a)
        }
        let valueRight = relaxed.pairs.filter { gold.timexes[$0.gold].value == timexes[$0.predicted].value }.count
        let typeRight = relaxed.pairs.filter { gold.timexes[$0.gold].type == timexes[$0.predicted].type }.count
        scores[.timexStrict] = Score(truePositives: strict.count, predicted: timexes.count, gold: gold.timexes.count)
        scores[.timexRelaxed] = Score(truePositives: relaxed.count, predicted: timexes.count, gold: gold.timexes.count)
        scores[.timexValue] = Score(truePositives: valueRight, predicted: timexes.count, gold: gold.timexes.count)
        scores[.timexType] = Score(truePositives: typeRight, predicted: timexes.count, gold: gold.timexes.count)

        // Events
        let eventMatch = Matching.maximum(gold: gold.events, predicted: events) { g, p in
            guard g.type == p.type, Scorer.dateFits(predicted: p.date, gold: g.date) else { return false }
            let roles = g.roles
            if roles.isEmpty { return true }
            return roles.contains { role, key in p.participants.contains { $0.role == role && entityMatches($0.entity, key) } }
        }
        scores[.events] = Score(truePositives: eventMatch.count, predicted: events.count, gold: gold.events.count)
        must[.events] = mustScore(gold.events.map(\.level), matched: eventMatch.goldIndices)

        // Relations
        let relationMatch = Matching.maximum(gold: gold.relations, predicted: relations) { g, p in
            guard g.acceptedTypes.contains(p.type), entityMatches(p.source, g.subject) else { return false }
            switch g.type {
            case "cited-as":
                guard let label = p.label else { return false }
                return Normalize.headWord(label) == Normalize.headWord(g.object)
            case "said":
                return true
            default:
                return ([g.object] + (g.alternatives ?? [])).contains { entityMatches(p.target, $0) }
            }
        }
        scores[.relations] = Score(truePositives: relationMatch.count, predicted: relations.count, gold: gold.relations.count)
        must[.relations] = mustScore(gold.relations.map(\.level), matched: relationMatch.goldIndices)

        let forbidden = Set(gold.notEntities.map(Normalize.name))
        let hits = entities.flatMap { names.of($0.id).filter { forbidden.contains($0) } }
        var byType = Scorer.perType("events", gold: gold.events.map(\.type), predicted: events.map(\.type), matched: eventMatch)
        byType.merge(Scorer.perType("relations", gold: gold.relations.map(\.type), predicted: relations.map(\.type), matched: relationMatch)) { a, _ in a }
        return DocumentScores(document: gold.document, scores: scores, mustRecall: must, notEntityHits: Array(Set(hits)).sorted(), missingDocument: false,
                              byType: byType)
    }

    /// Scores per type: a matched pair counts for the gold item's type (a relation matched through
    /// an accepted alternative type counts where the gold put it).
    static func perType(_ kind: String, gold: [String], predicted: [String], matched: Matching.Result) -> [String: Score] {
        var scores: [String: Score] = [:]
        for type in gold { scores["\(kind)/\(type)", default: Score()].gold += 1 }
        for type in predicted { scores["\(kind)/\(type)", default: Score()].predicted += 1 }
        for pair in matched.pairs { scores["\(kind)/\(gold[pair.gold])", default: Score()].truePositives += 1 }
        return scores
    }

    /// A predicted date fits the gold one when it is the same value, or a more precise date inside
    /// it (the gold's `2023-W25` and a merged report's `2023-06-20`); no date fits only no date.
    static func dateFits(predicted: TimeValue?, gold: String?) -> Bool {
        guard let gold else { return predicted == nil }
        guard let predicted else { return false }
        if predicted.value == gold { return true }
        guard let g = TimeValue(timex: gold), let g0 = g.earliest, let g1 = g.latest, let p0 = predicted.earliest, let p1 = predicted.latest else { return false }
        return p0 >= g0 && p1 <= g1 && (p1.dayNumber - p0.dayNumber) < (g1.dayNumber - g0.dayNumber)
    }

    private func goldCount(_ kind: ScoreKind, _ gold: GoldFile) -> Int {
        switch kind {
        case .entities, .entitiesTyped: return gold.entities.count
        case .timexStrict, .timexRelaxed, .timexValue, .timexType: return gold.timexes.count
        case .events: return gold.events.count
        case .relations: return gold.relations.count
        }
    }

    private func mustZero(_ gold: GoldFile) -> [ScoreKind: Score] {
        [
            .entities: mustScore(gold.entities.map(\.level), matched: []),
            .events: mustScore(gold.events.map(\.level), matched: []),
            .relations: mustScore(gold.relations.map(\.level), matched: []),
        ]
    }

    /// Recall over the `must` items only (predicted = matched, so precision reads 1 and is not used).
    private func mustScore(_ levels: [GoldFile.Level], matched: Set<Int>) -> Score {
        let mustIndices = levels.indices.filter { levels[$0] == .must }
        let found = mustIndices.filter { matched.contains($0) }.count
        return Score(truePositives: found, predicted: found, gold: mustIndices.count)
    }
}

/// The normalized names of each entity in one document: its canonical name, aliases, and the text
/// of its mentions there.
struct EntityNames {
    private var table: [String: Set<String>] = [:]

    init(graph: Graph, document: String) {
        for entity in graph.entities {
            var names = Set(entity.allNames.map(Normalize.name))
            for mention in entity.mentions where mention.document == document { names.insert(Normalize.name(mention.text)) }
            table[entity.id] = names
        }
    }

    func of(_ id: String) -> Set<String> { table[id] ?? [] }
}

/// Text normalization for matching.
enum Normalize {
    /// Lowercased, curly quotes made straight, surrounding quotes dropped, whitespace collapsed.
    static func name(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.lowercased().unicodeScalars {
            let s: Unicode.Scalar
            switch scalar {
            case "\u{2019}", "\u{2018}", "\u{02BC}", "`": s = "'"
            case "\u{201C}", "\u{201D}": s = "\""
            default: s = scalar
            }
            if s.properties.isWhitespace { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.unicodeScalars.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(s)
        }
        return out.trimming(["\"", "'"])
    }

    static let prepositions: Set<String> = ["of", "for", "to", "in", "on", "at", "by", "with", "from", "against"]

    /// The head of a characterization: the last word before the first preposition, a plural "s"
    /// dropped ("the terrorist cult" → "cult", "cause of the raid" → "cause", "terrorists" →
    /// "terrorist").
    static func headWord(_ text: String) -> String {
        let words = name(text).split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'") }.map(String.init)
        let beforePreposition = words.prefix { !prepositions.contains($0) }
        guard var head = (beforePreposition.isEmpty ? words : Array(beforePreposition)).last else { return "" }
        if head.count > 3, head.hasSuffix("s"), !head.hasSuffix("ss") { head.removeLast() }
        return head
    }
}

extension String {
    func trimming(_ set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
