import EventGraphCore

/// A chronological view of a graph: dated events and relations in time order, undated ones apart.
public struct Timeline: Sendable {
    /// One line of the timeline.
    public struct Entry: Sendable, Hashable {
        public enum Kind: String, Sendable { case event, relation }
        public var id: String
        public var kind: Kind
        public var type: String
        /// When, with its precision visible: `2023-06-20`, `1980s`, `2013 → 2023`, `2016 →`.
        public var when: String?
        /// The interval it covers, for ordering and filtering.
        public var interval: TemporalInterval?
        /// The fact in words: "Albanian police raided MKO".
        public var headline: String
        public var participants: [String]
        public var place: String?
        /// "according to Nasser Kanaani", when someone else says so.
        public var attribution: String?
        public var modality: Modality
        /// How many articles report it.
        public var sources: Int
        /// The entity ids taking part (for --entity).
        public var entityIDs: [String]
        /// The main actor's name (TimelineJS group).
        public var mainActor: String?
        public var evidence: [Evidence]
        /// The evidence as a reader sees it: each sentence once, its spans marked.
        public var passages: [Passage]
        /// The names and aliases of the entities taking part, for filters that find "MEK".
        public var names: [String]
        /// The outlets of the articles that report it.
        public var outlets: [String]
        /// For undated facts: the publication date of the first article that reports them.
        public var reportedOn: String?
    }

    public var dated: [Entry]
    public var undated: [Entry]
    /// Every article a passage can be from, by document id.
    public var citations: [String: ArticleCitation]

    /// Where a passage is from.
    public func citation(_ document: String) -> ArticleCitation { citations[document] ?? ArticleCitation(unknown: document) }

    /// Filters, all optional.
    public struct Filter: Sendable {
        /// Entity names or aliases (any of them, case-insensitive); "MEK" finds the MKO.
        public var entities: [String] = []
        public var types: [String] = []
        public var from: CalendarDay?
        public var to: CalendarDay?
        /// Outlet names (case-insensitive substring of a document's source).
        public var source: String?

        public init(entities: [String] = [], types: [String] = [], from: CalendarDay? = nil, to: CalendarDay? = nil, source: String? = nil) {
            self.entities = entities
            self.types = types
            self.from = from
            self.to = to
            self.source = source
        }

        /// What the filter asks for that the graph cannot have, one line each: a name no entity
        /// bears, a type neither the event nor the relation vocabulary knows, an outlet no
        /// document names. A filter that matches nothing for these reasons is a typo, not an
        /// empty timeline.
        public func unknownValues(in graph: Graph) -> [String] {
            var problems: [String] = []
            for query in entities where !graph.entities.contains(where: { Self.entity($0, answers: query) }) {
                problems.append("--entity '\(DisplayText.visible(query))' is no name or alias of an entity in the graph" + Self.closestSuffix(query, graph.entities.flatMap(\.allNames)))
            }
            for type in types where Vocabulary.eventNouns[type] == nil && Vocabulary.relationPhrases[type] == nil {
                let known = Array(Vocabulary.eventNouns.keys) + Array(Vocabulary.relationPhrases.keys)
                problems.append("--type '\(DisplayText.visible(type))' is no event or relation type" + Self.closestSuffix(type, known))
            }
            if let source, !graph.documents.contains(where: { Self.document($0, isFrom: source) }) {
                problems.append("--source '\(DisplayText.visible(source))' matches no document's source" + Self.closestSuffix(source, graph.documents.compactMap(\.source)))
            }
            return problems
        }

        /// "; closest: 'a', 'b'" for a problem line, or nothing when nothing is near.
        static func closestSuffix(_ query: String, _ known: [String]) -> String {
            let near = closest(to: query, among: known)
            return near.isEmpty ? "" : "; closest: " + near.map { "'\(DisplayText.visible($0))'" }.joined(separator: ", ")
        }

        /// Up to three known values nearest to a query, by edit distance ignoring case (a known
        /// value that contains the query, or that the query contains, counts as nearest), ties by
        /// value: what a user most likely meant.
        static func closest(to query: String, among known: [String], limit: Int = 3) -> [String] {
            let wanted = Array(query.lowercased().unicodeScalars)
            var best: [(distance: Int, value: String)] = []
            for value in Set(known) {
                let candidate = Array(value.lowercased().unicodeScalars)
                let contains = value.lowercased().contains(query.lowercased()) || query.lowercased().contains(value.lowercased())
                best.append((contains ? 0 : editDistance(wanted, candidate), value))
            }
            best.sort { ($0.distance, $0.value) < ($1.distance, $1.value) }
            return best.prefix(limit).map(\.value)
        }

        /// Levenshtein distance over Unicode scalars, in two rows.
        static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
            if a.isEmpty { return b.count }
            var previous = Array(0...b.count), current = previous
            for i in 1...a.count {
                current[0] = i
                for j in stride(from: 1, through: b.count, by: 1) {
                    current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                swap(&previous, &current)
            }
            return previous[b.count]
        }

        /// An `--entity` query names the entity: its id, or any of its names (case-insensitive).
        static func entity(_ entity: Entity, answers query: String) -> Bool {
            entity.id == query || entity.allNames.contains { $0.caseInsensitiveEquals(query) }
        }

        /// A `--source` query is a case-insensitive part of the document's source.
        static func document(_ document: Document, isFrom source: String) -> Bool {
            (document.source ?? "").lowercased().contains(source.lowercased())
        }
    }

    /// Relation types that describe how things are, not what happened: left out of the timeline
    /// (they stay in the graph and its exports).
    static let structuralRelations: Set<String> = ["located-in", "belongs-to", "part-of", "member-of", "leader-of", "spokesperson-of", "minister-of", "cited-as", "said"]

    public init(graph: Graph, filter: Filter = Filter()) {
        let names = Dictionary(uniqueKeysWithValues: graph.entities.map { ($0.id, $0.name) })
        func name(_ id: String) -> String { names[id] ?? id }
        let wanted: Set<String>? = filter.entities.isEmpty ? nil : Set(graph.entities.filter { entity in
            filter.entities.contains { Filter.entity(entity, answers: $0) }
        }.map(\.id))
        let sourceDocuments: Set<String>? = filter.source.map { wantedSource in
            Set(graph.documents.filter { Filter.document($0, isFrom: wantedSource) }.map(\.id))
        }
        let published = Dictionary(uniqueKeysWithValues: graph.documents.map { ($0.id, $0.published?.iso) })
        let outlets = Dictionary(uniqueKeysWithValues: graph.documents.map { ($0.id, $0.source) })
        let allNames = Dictionary(uniqueKeysWithValues: graph.entities.map { ($0.id, $0.allNames) })
        func namesOf(_ ids: [String]) -> [String] { Set(ids.flatMap { allNames[$0] ?? [] }).sorted() }
        func outletsOf(_ evidence: [Evidence]) -> [String] { Set(evidence.documents.compactMap { outlets[$0] ?? nil }).sorted() }
        citations = Dictionary(uniqueKeysWithValues: graph.documents.map { ($0.id, ArticleCitation($0)) })

        var entries: [Entry] = []
        for event in graph.events {
            let agent = event.participants.first { $0.role == .agent }?.entity
            let target = event.participants.first { $0.role == .target }?.entity
            let place = event.participants.first { $0.role == .place }?.entity
            entries.append(Entry(
                id: event.id, kind: .event, type: event.type, when: event.date.map(Timeline.describe),
                interval: event.date.map(TemporalInterval.init(point:)), headline: Headline.event(event, name: name),
                participants: event.participants.map { "\($0.role.rawValue): \(name($0.entity))" }, place: place.map(name),
                attribution: nil, modality: .asserted, sources: event.evidence.documentCount,
                entityIDs: event.participants.map(\.entity), mainActor: (agent ?? target).map(name), evidence: event.evidence,
                passages: Passage.of(event.evidence), names: namesOf(event.participants.map(\.entity)), outlets: outletsOf(event.evidence),
                reportedOn: event.evidence.first.flatMap { published[$0.document] ?? nil }))
        }
        for relation in graph.relations where !Timeline.structuralRelations.contains(relation.type) {
            // Facts that come from an event are already on the timeline as that event.
            if relation.rule?.hasPrefix("relation.from-event") == true { continue }
            entries.append(Entry(
                id: relation.id, kind: .relation, type: relation.type, when: relation.time.map(Timeline.describe),
                interval: relation.time, headline: Headline.relation(relation, name: name),
                participants: [name(relation.source)] + (relation.target.map { [name($0)] } ?? []), place: nil,
                attribution: relation.by.map { "according to \(name($0))" }, modality: relation.modality,
                sources: relation.evidence.documentCount,
                entityIDs: [relation.source] + (relation.target.map { [$0] } ?? []) + (relation.by.map { [$0] } ?? []),
                mainActor: name(relation.source), evidence: relation.evidence, passages: Passage.of(relation.evidence),
                names: namesOf([relation.source] + (relation.target.map { [$0] } ?? []) + (relation.by.map { [$0] } ?? [])), outlets: outletsOf(relation.evidence),
                reportedOn: relation.evidence.first.flatMap { published[$0.document] ?? nil }))
        }
        entries = entries.filter { entry in
            if let wanted, Set(entry.entityIDs).isDisjoint(with: wanted) { return false }
            if !filter.types.isEmpty, !filter.types.contains(entry.type) { return false }
            if let docs = sourceDocuments, Set(entry.evidence.map(\.document)).isDisjoint(with: docs) { return false }
            if filter.from != nil || filter.to != nil {
                guard let interval = entry.interval else { return false }
                // An open end reaches into any range on its side: "since 2016" may hold in 2020.
                if let from = filter.from, let latest = interval.latest, latest < from { return false }
                if let to = filter.to, let earliest = interval.earliest, earliest > to { return false }
            }
            return true
        }
        dated = entries.filter { $0.interval?.earliest != nil || $0.interval?.end?.earliest != nil }.sorted(by: Timeline.chronological)
        undated = entries.filter { $0.interval?.earliest == nil && $0.interval?.end?.earliest == nil }
            .sorted { ($0.reportedOn ?? "", $0.kind.rawValue, $0.type, $0.headline, $0.id) < ($1.reportedOn ?? "", $1.kind.rawValue, $1.type, $1.headline, $1.id) }
    }

    /// By start; on a tie the coarser first (the later end), then events before relations, then by
    /// type, words and id: a stable order for equal times.
    static func chronological(_ a: Entry, _ b: Entry) -> Bool {
        let (sa, sb) = (a.interval?.earliest ?? a.interval?.end?.earliest, b.interval?.earliest ?? b.interval?.end?.earliest)
        if sa != sb { return sa! < sb! }
        let (ea, eb) = (a.interval?.latest, b.interval?.latest)
        if ea != eb {
            guard let ea else { return true }   // open-ended first: it is the coarser
            guard let eb else { return false }
            return ea > eb
        }
        return (a.kind.rawValue, a.type, a.headline, a.id) < (b.kind.rawValue, b.type, b.headline, b.id)
    }

    /// `2023-06-20`, `1980s`, `2013 → 2023`, `2016 →`, `→ 2016`.
    public static func describe(_ interval: TemporalInterval) -> String {
        if interval.isPoint, let start = interval.start { return start.displayText }
        let start = interval.start?.displayText
        let end = interval.end?.displayText
        switch (start, end) {
        case let (s?, e?): return s == e ? s : "\(s) → \(e)"
        case let (s?, nil): return "\(s) →"
        case let (nil, e?): return "→ \(e)"
        default: return interval.duration ?? ""
        }
    }

    public static func describe(_ value: TimeValue) -> String { value.displayText }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        lowercased().straightApostrophes == other.lowercased().straightApostrophes
    }

    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
