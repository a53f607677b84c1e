import EventGraphCore

extension SourceComparison {
    /// Whether a story is made of events or relations.
    public enum FactKind: String, Sendable, Hashable {
        case event, relation
    }

    /// One fact as one voice tells it.
    public struct Version: Hashable, Sendable {
        public var voice: Voice
        /// The event's or relation's id.
        public var fact: String
        public var modality: Modality
        /// The fact's date as the timeline says it, nil when undated.
        public var when: String?
        /// "agent: Albanian police", by role then name; for a relation its two ends.
        public var participants: [String]
        /// For an event, how many its sentences say it is about ("at least one", "12"), in the
        /// order told (`Resources/figures.tsv`).
        public var figures: [String]
        /// Times told: one per sentence.
        public var count: Int
        public var documents: [String]
        public var first: CalendarDay?
        public var last: CalendarDay?
        public var evidence: [Evidence]
    }

    /// What several facts tell of one happening: events of one type whose parties meet and whose
    /// dates may be the same, or relations of one type between the same two entities.
    public struct Story: Hashable, Sendable {
        public var kind: FactKind
        public var type: String
        /// The headline of its best-evidenced fact that is not a denial.
        public var headline: String
        /// The parties (non-place participants, or places when it has no other), by id.
        public var parties: [String]
        /// By voice, then fact id.
        public var versions: [Version]
        /// The groups that report it, sorted.
        public var reportedBy: [String]
        /// Under `source` and `owner`: groups with an article naming every party, published
        /// while the story was news (`newsWindow`), that do not report it. Empty under `speaker`.
        public var silent: [String]
    }

    /// A fact told two ways, or by an interested voice.
    public struct Disagreement: Hashable, Sendable {
        public enum Kind: String, Sendable, Hashable {
            /// Asserted or reported by some, negated by others (or by the same outlet quoting a denial).
            case denial
            /// Told by a speaker who is a party to it, or belongs to one.
            case interestedSpeaker = "interested-speaker"
        }
        public var kind: Kind
        public var type: String
        public var headline: String
        /// The versions that tell it happened (asserted or reported).
        public var affirming: [Version]
        /// The versions that deny it (negated); empty for an interested speaker.
        public var denying: [Version]
        /// For an interested speaker: how the speaker is a party ("Blendi Cuci minister of
        /// Albania's Interior Ministry, agent").
        public var party: String?
    }

    // MARK: Stories

    static func stories(_ graph: Graph, _ context: Context) -> [Story] {
        let events = graph.events.filter { event in
            event.type != "statement" && (context.eventTypes.isEmpty || context.eventTypes.contains(event.type))
                && context.involvesWanted(event.participants.map(\.entity))
        }.flatMap { splitByReports($0, context) }
        var stories = eventClusters(events, context).map { story(events: $0, context) }
        if context.eventTypes.isEmpty {
            var byEnds: [[String]: [Relation]] = [:]
            for relation in graph.relations where !Timeline.structuralRelations.contains(relation.type) {
                guard let target = relation.target, context.involvesWanted([relation.source, target]) else { continue }
                byEnds[[relation.type, relation.source, target], default: []].append(relation)
            }
            stories += byEnds.values.map { story(relations: $0.sorted(), context) }
        }
        let mentioned = ArticlesNaming(graph, context)
        return stories.compactMap { story -> Story? in
            guard !story.versions.isEmpty else { return nil }
            var story = story
            if context.grouping != .speaker, let window = newsWindow(story) {
                let groups = Set(mentioned.naming(all: story.parties, in: window).filter(context.keepsArticle).map(context.outletGroup))
                story.silent = groups.subtracting(story.reportedBy).sorted(by: codePointOrder)
            }
            return story
        }.sorted { a, b in
            [a.kind.rawValue, a.type, a.headline, a.versions[0].fact].lexicographicallyPrecedes(
                [b.kind.rawValue, b.type, b.headline, b.versions[0].fact], by: codePointOrder)
        }
    }

    /// How far from a story's first and last report an article still counts as written while
    /// it was news: an outlet is silent on a story only if it wrote about every party then.
    static let newsWindowDays = 7

    /// How many days apart two outlets may date one happening.
    static let disagreeingDateDays = 3

    /// The days a story was news: from a week before its first report to a week after its last.
    static func newsWindow(_ story: Story) -> ClosedRange<CalendarDay>? {
        guard let first = story.versions.compactMap(\.first).min(), let last = story.versions.compactMap(\.last).max() else { return nil }
        return first.adding(days: -newsWindowDays)...last.adding(days: newsWindowDays)
    }

    /// An undated event as each run of its reports tells it: reports weeks apart may be of two
    /// happenings that the graph's identity made one ("Israel's attack", undated, in 2003 and in
    /// 2007), so each run of articles published within `newsWindowDays` of each other is its own
    /// part, with the event's id and that run's evidence. A dated event stays whole.
    static func splitByReports(_ event: Event, _ context: Context) -> [Event] {
        guard event.date?.earliest == nil else { return [event] }
        let days = event.evidence.documents.map { (document: $0, day: context.published[$0]) }.sorted { a, b in
            switch (a.day, b.day) {
            case let (x?, y?): return (x, a.document) < (y, b.document)
            case (nil, nil): return a.document < b.document
            case (nil, _): return false
            case (_, nil): return true
            }
        }
        var runs: [[String]] = []
        var runEnd: CalendarDay?
        for (document, day) in days {
            if let day, let end = runEnd, day.dayNumber - end.dayNumber <= newsWindowDays {
                runs[runs.count - 1].append(document)
            } else {
                runs.append([document])
            }
            runEnd = day
        }
        guard runs.count > 1 else { return [event] }
        return runs.map { run in
            var part = event
            let documents = Set(run)
            part.evidence = event.evidence.filter { documents.contains($0.document) }
            return part
        }
    }

    /// The dated articles that name each entity, by publication day, for asking which name all of
    /// a story's parties while it was news: a binary search per party, then the fewest of them.
    struct ArticlesNaming {
        private var byEntity: [String: [(day: CalendarDay, document: String)]] = [:]

        init(_ graph: Graph, _ context: Context) {
            for entity in graph.entities {
                byEntity[entity.id] = entity.mentions.documents.compactMap { document in context.published[document].map { ($0, document) } }
                    .sorted { ($0.day, $0.document) < ($1.day, $1.document) }
            }
        }

        /// The articles of `window` that name every one of `parties`.
        func naming(all parties: [String], in window: ClosedRange<CalendarDay>) -> [String] {
            let inWindow = parties.map { party -> ArraySlice<(day: CalendarDay, document: String)> in
                let list = byEntity[party] ?? []
                var low = 0, high = list.count
                while low < high {
                    let mid = (low + high) / 2
                    if list[mid].day < window.lowerBound { low = mid + 1 } else { high = mid }
                }
                return list[low...].prefix { $0.day <= window.upperBound }
            }.sorted { $0.count < $1.count }
            guard let fewest = inWindow.first else { return [] }
            let others = inWindow.dropFirst().map { Set($0.map(\.document)) }
            return fewest.map(\.document).filter { document in others.allSatisfy { $0.contains(document) } }
        }
    }

    /// Who takes part, for clustering: the non-place participants, or the places when there are
    /// no others.
    static func parties(_ event: Event) -> [String] {
        let actors = event.participants.filter { $0.role != .place }.map(\.entity)
        return Array(Set(actors.isEmpty ? event.participants.map(\.entity) : actors)).sorted()
    }

    /// Events of one type that share a participant in one role (a place included) and whose days overlap, joined
    /// transitively. A dated event's days are its date's bounds; an undated one's run from a
    /// week before the first article that reports it to the last, since a report follows what
    /// it reports (`splitByReports` keeps those reports close in time). Events that
    /// different outlets date up to `disagreeingDateDays` apart join too. Clusters in order of
    /// their first event id.
    static func eventClusters(_ events: [Event], _ context: Context) -> [[Event]] {
        var parent = Array(events.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        let days: [ClosedRange<CalendarDay>?] = events.map { event in
            if let earliest = event.date?.earliest { return earliest...max(earliest, event.date?.latest ?? earliest) }
            let published = event.evidence.documents.compactMap { context.published[$0] }
            guard let first = published.min(), let last = published.max() else { return nil }
            return first.adding(days: -newsWindowDays)...last
        }
        var buckets: [[String]: [Int]] = [:]
        for (index, event) in events.enumerated() where days[index] != nil {
            // A party in the same role: "Israel attacked Hamas" and "Hamas attacked Israel" are
            // two happenings; a place is a party for this too.
            for p in event.participants { buckets[[event.type, p.role.rawValue, p.entity], default: []].append(index) }
        }
        let outlets = events.map { Set($0.evidence.documents.map(context.outletGroup)) }
        for members in buckets.values {
            let sorted = members.sorted { (days[$0]!.lowerBound, events[$0].id) < (days[$1]!.lowerBound, events[$1].id) }
            var runEnd = days[sorted[0]]!.upperBound
            for (previous, index) in zip(sorted, sorted.dropFirst()) {
                let start = days[index]!.lowerBound
                // Outlets that share no article may give one happening dates a few days apart; one
                // outlet giving two dates tells of two happenings.
                let near = start.dayNumber - runEnd.dayNumber <= disagreeingDateDays && outlets[previous].isDisjoint(with: outlets[index])
                if start <= runEnd || near {
                    let (x, y) = (root(previous), root(index))
                    if x != y { parent[max(x, y)] = min(x, y) }
                    runEnd = max(runEnd, days[index]!.upperBound)
                } else {
                    runEnd = days[index]!.upperBound
                }
            }
        }
        var clusters: [Int: [Event]] = [:]
        for index in events.indices { clusters[root(index), default: []].append(events[index]) }
        return clusters.keys.sorted().map { clusters[$0]!.sorted() }
    }

    /// The fact a story is named by: the best-evidenced one that is not a denial.
    static func headlineFact<Fact>(_ facts: [Fact], modality: (Fact) -> Modality, evidence: (Fact) -> Int, id: (Fact) -> String) -> Fact {
        facts.max { a, b in
            (modality(a) != .negated ? 1 : 0, evidence(a), id(b)) < (modality(b) != .negated ? 1 : 0, evidence(b), id(a))
        }!
    }

    static func story(events: [Event], _ context: Context) -> Story {
        let best = headlineFact(events, modality: \.modality, evidence: \.evidence.count, id: \.id)
        return finished(Story(kind: .event, type: best.type, headline: Headline.event(best, name: context.name),
                              parties: Array(Set(events.flatMap(parties))).sorted(), versions: events.flatMap { versions(of: $0, context) },
                              reportedBy: [], silent: []))
    }

    static func story(relations: [Relation], _ context: Context) -> Story {
        let best = headlineFact(relations, modality: \.modality, evidence: \.evidence.count, id: \.id)
        return finished(Story(kind: .relation, type: best.type, headline: Headline.relation(best, name: context.name),
                              parties: [best.source] + (best.target.map { [$0] } ?? []), versions: relations.flatMap { versions(of: $0, context) },
                              reportedBy: [], silent: []))
    }

    /// An event's versions, with its date, participants and figures.
    static func versions(of event: Event, _ context: Context) -> [Version] {
        versions(of: event.id, evidence: event.evidence, by: event.by, modality: event.modality, when: event.date.map(Timeline.describe),
                 earliest: event.date?.earliest, latest: event.date?.latest,
                 participants: event.participants.map { "\($0.role.rawValue): \(context.name($0.entity))" }, counted: true, context)
    }

    /// A relation's versions, with its time (an open end reaching into any range, as on the
    /// timeline) and its two ends.
    static func versions(of relation: Relation, _ context: Context) -> [Version] {
        let ends = ["source: \(context.name(relation.source))"] + (relation.target.map { ["target: \(context.name($0))"] } ?? [])
        return versions(of: relation.id, evidence: relation.evidence, by: relation.by, modality: relation.modality,
                        when: relation.time.map(Timeline.describe), earliest: relation.time?.earliest, latest: relation.time?.latest,
                        participants: ends, context)
    }

    /// A fact's versions: its evidence the filter keeps, split by voice, once per sentence.
    static func versions(of fact: String, evidence: [Evidence], by: String?, modality: Modality, when: String?,
                         earliest: CalendarDay?, latest: CalendarDay?, participants: [String], counted: Bool = false, _ context: Context) -> [Version] {
        var byVoice: [Voice: [Evidence]] = [:]
        for piece in evidence where !piece.isArgumentEvidence && context.keeps(piece, earliest: earliest, latest: latest) {
            byVoice[context.voice(piece.document, speaker: by), default: []].append(piece)
        }
        return byVoice.map { voice, pieces in
            // Told where its words are, not where only a participant was read.
            let stating = pieces.filter(\.statesTheFact)
            let told = oncePerSentence((stating.isEmpty ? pieces : stating).canonical)
            let span = context.span(told)
            return Version(voice: voice, fact: fact, modality: modality, when: when, participants: participants.sorted(by: codePointOrder),
                           figures: counted ? FigureFinder.shipped.figures(pieces) : [],
                           count: told.count, documents: span.documents, first: span.first, last: span.last, evidence: told)
        }
    }

    /// Sorts a story's versions and names the groups that report it.
    static func finished(_ story: Story) -> Story {
        var story = story
        story.versions.sort { ($0.voice, $0.fact) < ($1.voice, $1.fact) }
        story.reportedBy = Set(story.versions.map(\.voice.group)).sorted(by: codePointOrder)
        return story
    }

    // MARK: Disagreements

    /// Stories that some versions affirm (asserted or reported) and others negate.
    static func denials(_ stories: [Story]) -> [Disagreement] {
        stories.compactMap { story in
            let affirming = story.versions.filter { [.asserted, .reported].contains($0.modality) }
            let denying = story.versions.filter { $0.modality == .negated }
            guard !affirming.isEmpty, !denying.isEmpty else { return nil }
            return Disagreement(kind: .denial, type: story.type, headline: story.headline, affirming: affirming, denying: denying, party: nil)
        }
    }

    /// The relations that make someone part of a party: a minister of a ministry, a member of a
    /// group, a spokesperson of a government.
    static let affiliations: Set<String> = ["belongs-to", "part-of", "member-of", "leader-of", "spokesperson-of", "minister-of"]

    /// Facts told by a speaker (reported, or denied, planned or hedged by them) who is one of their
    /// parties, or affiliated to one (either way).
    static func interestedSpeakers(_ graph: Graph, _ context: Context) -> [Disagreement] {
        var affiliated: [String: [(other: String, how: String)]] = [:]
        for relation in graph.relations where affiliations.contains(relation.type) {
            guard let target = relation.target else { continue }
            let phrase = Vocabulary.relationPhrases[relation.type] ?? relation.type
            affiliated[relation.source, default: []].append((target, "\(context.name(relation.source)) \(phrase) \(context.name(target))"))
            affiliated[target, default: []].append((relation.source, "\(context.name(relation.source)) \(phrase) \(context.name(target))"))
        }
        func party(_ speaker: String, among parties: [(id: String, role: String)]) -> String? {
            if let own = parties.first(where: { $0.id == speaker }) { return "\(context.name(speaker)) is the \(own.role)" }
            for link in (affiliated[speaker] ?? []).sorted(by: { codePointOrder($0.how, $1.how) }) {
                if let role = parties.first(where: { $0.id == link.other })?.role { return "\(link.how), the \(role)" }
            }
            return nil
        }
        var found: [Disagreement] = []
        for event in graph.events where event.by != nil && event.type != "statement" {
            guard let by = event.by, context.eventTypes.isEmpty || context.eventTypes.contains(event.type),
                  context.involvesWanted(event.participants.map(\.entity) + [by]),
                  let how = party(by, among: event.participants.filter { $0.role != .place }.map { ($0.entity, $0.role.rawValue) }) else { continue }
            let versions = versions(of: event, context)
            if !versions.isEmpty {
                found.append(Disagreement(kind: .interestedSpeaker, type: event.type, headline: Headline.event(event, name: context.name),
                                          affirming: versions.sorted { $0.voice < $1.voice }, denying: [], party: how))
            }
        }
        for relation in graph.relations where relation.by != nil && context.eventTypes.isEmpty {
            guard let by = relation.by, let target = relation.target, !Timeline.structuralRelations.contains(relation.type),
                  context.involvesWanted([relation.source, target, by]),
                  let how = party(by, among: [(relation.source, "subject"), (target, "object")]) else { continue }
            let versions = versions(of: relation, context)
            if !versions.isEmpty {
                found.append(Disagreement(kind: .interestedSpeaker, type: relation.type, headline: Headline.relation(relation, name: context.name),
                                          affirming: versions.sorted { $0.voice < $1.voice }, denying: [], party: how))
            }
        }
        return found.sorted { a, b in
            [a.headline, a.affirming[0].fact].lexicographicallyPrecedes([b.headline, b.affirming[0].fact], by: codePointOrder)
        }
    }
}

extension Evidence {
    /// Whether this is evidence of the words that state a fact, not of one of its participants
    /// (an event's agent, target or place, a relation's argument).
    var statesTheFact: Bool {
        guard let rule = RuleID(rule) else { return true }
        return !rule.qualifiers.contains { [.agent, .target, .place, .argument].contains($0) }
    }
}
