import EventGraphCore

/// How different sources tell one story (issue 22), in four sections:
/// - **characterizations**: for each entity, every `cited-as` label, grouped by the outlet that
///   printed it (or its owner, or the speaker it quotes);
/// - **coverage**: the events and relations that only some outlets report, and how each tells
///   them (date, participants, modality);
/// - **disagreements**: a fact one voice asserts and another denies, and claims reported by a
///   speaker who is a party to them;
/// - **attributions**: who cites whom for each reported claim, as a tree from the outlet down.
///
/// Every list is sorted; nothing depends on a dictionary's order. The work is linear in the facts
/// (stories are found per type and participant, with one sort per bucket).
public struct SourceComparison: Sendable {
    /// What the comparison is grouped by.
    public enum Grouping: String, Sendable, CaseIterable {
        /// The outlet of the article (its `source` field, `source_domain` or URL host).
        case source
        /// The outlet's owner when the outlet table knows it, else the outlet.
        case owner
        /// The speaker the article quotes (`by`), or the outlet in its own voice.
        case speaker
    }

    /// What to compare; every part optional.
    public struct Filter: Sendable {
        /// Entity names, aliases or ids: facts involving one of them (and their characterizations).
        public var entities: [String]
        /// Event types: coverage, disagreements and attributions keep these events only (and no
        /// relations); characterizations are unaffected.
        public var eventTypes: [String]
        /// A dated fact is kept when its date may fall in the range; an undated fact, a label or a
        /// statement when the article that says it was published in it.
        public var from: CalendarDay?
        public var to: CalendarDay?

        public init(entities: [String] = [], eventTypes: [String] = [], from: CalendarDay? = nil, to: CalendarDay? = nil) {
            self.entities = entities
            self.eventTypes = eventTypes
            self.from = from
            self.to = to
        }

        /// What the filter asks for that cannot be, one line each: a name no entity bears, a type
        /// the event vocabulary lacks (with the closest ones), a range that ends before it starts.
        public func unknownValues(in graph: Graph) -> [String] {
            var problems = Timeline.Filter(entities: entities).unknownValues(in: graph)
            for type in eventTypes where Vocabulary.eventNouns[type] == nil {
                problems.append("--event '\(DisplayText.visible(type))' is no event type" + Timeline.Filter.closestSuffix(type, Array(Vocabulary.eventNouns.keys)))
            }
            if let from, let to, to < from { problems.append("--to \(to.iso) is before --from \(from.iso)") }
            return problems
        }

        var isDateBounded: Bool { from != nil || to != nil }

        /// Whether a day range (either end open) meets the filter's range.
        func overlaps(_ earliest: CalendarDay?, _ latest: CalendarDay?) -> Bool {
            if let from, let latest, latest < from { return false }
            if let to, let earliest, earliest > to { return false }
            return true
        }
    }

    /// Who tells a fact: the group (outlet, owner or speaker, by `Grouping`) and, for `source` and
    /// `owner`, the speaker quoted saying it (nil for the outlet's own voice); for `speaker`, the
    /// outlet that quotes the speaker (nil for an outlet's own voice, which the group names).
    public struct Voice: Hashable, Sendable, Comparable {
        public var group: String
        public var via: String?

        public static func < (a: Voice, b: Voice) -> Bool {
            [a.group, a.via ?? ""].lexicographicallyPrecedes([b.group, b.via ?? ""], by: SourceComparison.codePointOrder)
        }
    }

    /// One label, as one voice uses it for one entity.
    public struct Characterization: Hashable, Sendable {
        public var label: String
        public var voice: Voice
        /// Times said: one per sentence that says it.
        public var count: Int
        public var documents: [String]
        public var first: CalendarDay?
        public var last: CalendarDay?
        /// One piece of evidence per time said, in canonical order.
        public var evidence: [Evidence]

        public var group: String { voice.group }
        public var via: String? { voice.via }
    }

    /// An entity and how it is called.
    public struct EntityCharacterizations: Hashable, Sendable {
        public var entity: Entity
        /// By label, then group, then via (code-point order; own voice first).
        public var characterizations: [Characterization]
    }

    public var grouping: Grouping
    /// The articles the filter keeps, and their outlets (or owners, under `owner`), sorted.
    public var articles: Int
    public var outlets: [String]
    /// Entities in id order; those nobody characterizes are left out.
    public var entities: [EntityCharacterizations]
    /// Stories that more than one group reports, or that a group leaves out although its articles
    /// name every party to it; by type, then headline.
    public var coverage: [Story]
    /// Denials first, then claims of interested speakers; by headline within each.
    public var disagreements: [Disagreement]
    /// Every attributed claim with its chains of citation; by headline.
    public var attributions: [Claim]

    /// The group a speaker-less statement is attributed to under `speaker` grouping.
    static func ownVoice(_ outlet: String) -> String { "\(outlet) (own voice)" }

    static func codePointOrder(_ a: String, _ b: String) -> Bool { a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) }

    /// The comparison of a graph.
    public init(graph: Graph, grouping: Grouping, outlets: OutletTable, filter: Filter = Filter()) {
        let context = Context(graph: graph, grouping: grouping, outlets: outlets, filter: filter)
        self.grouping = grouping
        let kept = graph.documents.map(\.id).filter(context.keepsArticle)
        articles = kept.count
        self.outlets = Set(kept.map(context.outletGroup)).sorted(by: Self.codePointOrder)
        entities = Self.characterizations(graph, context)
        let stories = Self.stories(graph, context)
        coverage = stories.filter { $0.reportedBy.count > 1 || !$0.silent.isEmpty }
        disagreements = Self.denials(stories) + Self.interestedSpeakers(graph, context)
        attributions = Self.claims(graph, context)
    }

    /// One piece per (document, sentence): a fact read twice in one sentence by two rules is one
    /// time said.
    static func oncePerSentence(_ evidence: [Evidence]) -> [Evidence] {
        var seen = Set<[String]>()
        return evidence.filter { seen.insert([$0.document, String($0.sentence)]).inserted }
    }
}

// MARK: What every section reads

extension SourceComparison {
    /// The graph's lookups, built once: names, outlets and dates of the documents, the entities the
    /// filter asks for, and the voice of a piece of evidence.
    struct Context {
        let grouping: Grouping
        let filter: Filter
        let names: [String: String]
        let outletOfDocument: [String: Outlet]
        let published: [String: CalendarDay]
        /// Nil when every entity is wanted.
        let wanted: Set<String>?
        /// The entities that are an outlet (by a name or alias the outlet table knows), by id: a
        /// press release of the Justice Department quoting the Department is its own voice.
        let outletOfEntity: [String: String]
        let eventTypes: Set<String>

        init(graph: Graph, grouping: Grouping, outlets: OutletTable, filter: Filter) {
            self.grouping = grouping
            self.filter = filter
            var outletOfDocument: [String: Outlet] = [:]
            var published: [String: CalendarDay] = [:]
            for document in graph.documents {
                outletOfDocument[document.id] = outlets.outlet(of: document)
                published[document.id] = document.published
            }
            self.outletOfDocument = outletOfDocument
            self.published = published
            names = Dictionary(graph.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            wanted = filter.entities.isEmpty ? nil : Set(graph.entities.filter { entity in
                filter.entities.contains { Timeline.Filter.entity(entity, answers: $0) }
            }.map(\.id))
            eventTypes = Set(filter.eventTypes)
            var outletOfEntity: [String: String] = [:]
            for entity in graph.entities {
                if let outlet = entity.allNames.lazy.compactMap(outlets.outlet(named:)).first { outletOfEntity[entity.id] = outlet.name }
            }
            self.outletOfEntity = outletOfEntity
        }

        func name(_ id: String) -> String { names[id] ?? id }

        /// A document's outlet; one without a source field or URL is "(unknown outlet)".
        func outlet(_ document: String) -> Outlet { outletOfDocument[document] ?? Outlet(name: "(unknown outlet)") }

        /// The outlet-level group of a document: its outlet, or its owner under `owner`.
        func outletGroup(_ document: String) -> String {
            let outlet = outlet(document)
            return grouping == .owner ? outlet.owner ?? outlet.name : outlet.name
        }

        /// Who tells a fact in this document, `speaker` being the fact's `by`; an outlet quoting
        /// itself speaks in its own voice.
        func voice(_ document: String, speaker: String?) -> Voice {
            let quotesItself = speaker.map { outletOfEntity[$0] == outlet(document).name } ?? false
            let speakerName = quotesItself ? nil : speaker.map(name)
            switch grouping {
            case .source, .owner: return Voice(group: outletGroup(document), via: speakerName)
            case .speaker:
                let outlet = outlet(document).name
                return Voice(group: speakerName ?? SourceComparison.ownVoice(outlet), via: speakerName == nil ? nil : outlet)
            }
        }

        /// Whether the filter keeps what this evidence says of a fact dated `earliest`…`latest`
        /// (both nil for an undated fact, which the article's date decides).
        func keeps(_ evidence: Evidence, earliest: CalendarDay? = nil, latest: CalendarDay? = nil) -> Bool {
            guard filter.isDateBounded else { return true }
            if earliest != nil || latest != nil { return filter.overlaps(earliest, latest) }
            return keepsArticle(evidence.document)
        }

        /// Whether the filter keeps an article: any article without a date range, else one
        /// published in it.
        func keepsArticle(_ document: String) -> Bool {
            guard filter.isDateBounded else { return true }
            guard let day = published[document] else { return false }
            return filter.overlaps(day, day)
        }

        /// Whether a fact with these entities is one the filter asks about.
        func involvesWanted(_ ids: [String?]) -> Bool {
            guard let wanted else { return true }
            return ids.contains { $0.map(wanted.contains) ?? false }
        }

        /// The article span of some evidence: its documents and their first and last dates.
        func span(_ evidence: [Evidence]) -> (documents: [String], first: CalendarDay?, last: CalendarDay?) {
            let documents = Set(evidence.map(\.document)).sorted()
            let days = documents.compactMap { published[$0] }.sorted()
            return (documents, days.first, days.last)
        }
    }

    // MARK: Characterizations

    /// The characterizations section alone (for the graph page's entity panels).
    public static func characterizations(of graph: Graph, grouping: Grouping, outlets: OutletTable) -> [EntityCharacterizations] {
        characterizations(graph, Context(graph: graph, grouping: grouping, outlets: outlets, filter: Filter()))
    }

    static func characterizations(_ graph: Graph, _ context: Context) -> [EntityCharacterizations] {
        struct Key: Hashable { var entity: String; var label: String; var voice: Voice }
        var found: [Key: [Evidence]] = [:]
        for relation in graph.relations where relation.type == "cited-as" && relation.target == nil {
            guard let label = relation.label, context.involvesWanted([relation.source]) else { continue }
            for evidence in relation.evidence where !evidence.isArgumentEvidence && context.keeps(evidence) {
                found[Key(entity: relation.source, label: label, voice: context.voice(evidence.document, speaker: relation.by)), default: []].append(evidence)
            }
        }
        var byEntity: [String: [Characterization]] = [:]
        for (key, pieces) in found {
            let evidence = oncePerSentence(pieces.canonical)
            let span = context.span(evidence)
            byEntity[key.entity, default: []].append(Characterization(
                label: key.label, voice: key.voice, count: evidence.count, documents: span.documents,
                first: span.first, last: span.last, evidence: evidence))
        }
        return graph.entities.compactMap { entity in
            guard let list = byEntity[entity.id] else { return nil }
            let sorted = list.sorted { a, b in
                if a.label != b.label { return codePointOrder(a.label, b.label) }
                return a.voice < b.voice
            }
            return EntityCharacterizations(entity: entity, characterizations: sorted)
        }
    }
}
