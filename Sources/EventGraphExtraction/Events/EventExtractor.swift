import EventGraphCore

/// Finds events in the dependency trees (`FrameEventFinder`: predicates of the frame lexicon, with
/// roles from the tree, a date from their own clause, and a modality) and reported speech
/// (`StatementFinder`). An event noun with only a determiner ("the raid") names the last event of
/// its type reported before; an undated incident takes the date of the incident reported just
/// before it; otherwise an event has no date: never the publication date by default.
public struct EventExtractor: PipelineStage {
    public let name = "events"
    public let requires: Set<PipelineLayer> = [.tokens, .sentences, .timexes, .entities, .trees]
    public let provides: Set<PipelineLayer> = [.events]

    let frames: FrameEventFinder
    let statements: StatementFinder
    /// `Resources/events/event-anaphors.tsv`.
    let anaphors: Set<String>
    /// Types whose undated mentions take the date of the incident reported just before them
    /// ("During the skirmishes ..., one member was murdered" after a dated raid).
    static let incidentTypes: Set<String> = ["raid", "clash", "killing", "injury", "seizure", "arrest", "protest", "accusation", "court-ruling", "attack", "damage"]
    /// What "the operation" or "the incident" can name: something done, not said or ruled.
    static let operationTypes: Set<String> = ["raid", "attack", "clash", "arrest", "seizure", "protest", "rescue", "kidnapping", "deployment", "killing"]

    public init() throws(ResourceError) {
        statements = try StatementFinder()
        frames = try FrameEventFinder(statementVerbs: statements.lemmas)
        anaphors = Set(try ExtractionResources.table("events/event-anaphors.tsv", columns: ["word"]).map { $0.fields["word"]!.lowercased() })
    }

    public func process(_ document: inout AnalyzedDocument) {
        let lowers = document.lowercasedTokens()
        document.eventMentions = extract(document, lowers: lowers)
    }

    struct Found {
        var draft: FrameEventFinder.Draft
        /// Later mentions of the same event ("the raid").
        var coreferent: [Int] = []
        /// The sentence of its last mention.
        var lastSentence: Int
        /// What is said, for a statement.
        var content: ClosedRange<Int>? = nil
        var type: String { draft.type ?? "" }
    }

    func extract(_ document: AnalyzedDocument, lowers: [String]) -> [EventMention] {
        // By first token (stably), so that each sentence looks only at its own time expressions.
        let timexTokens = datedTimexes(document).enumerated()
            .sorted { ($0.element.tokens.lowerBound, $0.offset) < ($1.element.tokens.lowerBound, $1.offset) }.map(\.element)
        let reported = statements.statements(in: document, lowers: lowers, dated: timexTokens)
        let reportingTokens = Set(reported.map(\.trigger))
        var found: [Found] = []
        /// The last event found of each type, for "the raid" naming one already reported.
        var lastFoundOfType: [String: Int] = [:]
        for draft in frames.events(in: document, dated: timexTokens, statements: reported) {
            // "said in a statement": the reporting verb's statement, not another.
            guard draft.type != "statement", !reportingTokens.contains(draft.trigger) else { continue }
            guard let type = draft.type else {
                // A predicate of a relation only ("supported"): no event, but its relation.
                found.append(Found(draft: draft, lastSentence: draft.sentence))
                continue
            }
            // A denial of "the killing" is another claim than the killing it names.
            if draft.isDefiniteNoun, let earlier = lastFoundOfType[type], draft.date == nil || found[earlier].draft.date == nil || found[earlier].draft.date == draft.date,
               (draft.modality == .negated) == (found[earlier].draft.modality == .negated), compatible(draft, found[earlier].draft, document) {
                if found[earlier].draft.date == nil { found[earlier].draft.date = draft.date }
                for p in draft.participants where !found[earlier].draft.participants.contains(where: { $0.0 == p.0 }) { found[earlier].draft.participants.append(p) }
                found[earlier].coreferent.append(draft.trigger)
                found[earlier].lastSentence = draft.sentence
                continue
            }
            found.append(Found(draft: draft, lastSentence: draft.sentence))
            lastFoundOfType[type] = found.count - 1
        }
        joinDuring(&found, lowers)
        dateByStatements(&found, reported)
        dateIncidents(&found)
        found += reported.compactMap { statement in
            let participants = statement.speaker.map { [(ParticipantRole.agent, $0)] } ?? []
            // A statement by nobody named ("officials said") is kept when its words tell it from the
            // others (they are part of its identity) or it is dated.
            guard !participants.isEmpty || statement.date != nil || statement.content != nil else { return nil }
            let draft = FrameEventFinder.Draft(type: "statement", trigger: statement.trigger, sentence: statement.sentence, date: statement.date,
                                               participants: participants, relation: nil, relationObject: nil, modality: .asserted, by: nil,
                                               rule: statement.rule, isDefiniteNoun: false)
            return Found(draft: draft, lastSentence: statement.sentence, content: statement.content)
        }
        // In trigger order: the relation stage finds a sentence's statements by binary search.
        found.sort { ($0.draft.trigger, $0.type) < ($1.draft.trigger, $1.type) }
        // An event with neither a participant nor a date says nothing a reader can place ("the
        // cause of the raid"); a relation-only predicate is kept for its relation (as an event
        // mention without a type, which the graph skips) when it has an agent.
        found.removeAll { f in
            f.draft.participants.isEmpty && (f.draft.date == nil || !frames.lexicon.standaloneTypes.contains(f.type)) && !(f.type == "statement" && f.content != nil)
        }
        return found.map { f in
            EventMention(type: f.draft.type ?? "", trigger: f.draft.trigger, coreferentTriggers: f.coreferent, date: f.draft.date,
                         participants: f.draft.participants.map { ParticipantMention(role: $0.0, mention: $0.1) }, rule: f.draft.rule,
                         content: f.content, modality: f.draft.modality, by: f.draft.by, relation: f.draft.relation, relationObject: f.draft.relationObject)
        }
    }

    /// Whether a definite mention ("the raid on the camp") can name an earlier event: no role it
    /// fills names another entity than the earlier event's.
    func compatible(_ mention: FrameEventFinder.Draft, _ earlier: FrameEventFinder.Draft, _ document: AnalyzedDocument) -> Bool {
        mention.participants.allSatisfy { role, m in
            let known = earlier.participants.filter { $0.0 == role }
            return known.isEmpty || known.contains { document.entityMentions[$0.1].entityID == document.entityMentions[m].entityID }
                || (role == .place && known.contains { [.place, .facility].contains(document.entityMentions[$0.1].type) })
        }
    }

    /// An event "during" another ("During the skirmishes in the camp, one member was murdered";
    /// "during the operation") takes its date and place when it has none: the other is the event
    /// whose mention that noun is, or for an anaphor the last incident reported before (three
    /// sentences at most).
    func joinDuring(_ found: inout [Found], _ lowers: [String]) {
        var eventOfToken: [Int: Int] = [:]
        for (i, f) in found.enumerated() where !f.type.isEmpty {
            eventOfToken[f.draft.trigger] = i
            for t in f.coreferent { eventOfToken[t] = i }
        }
        for i in found.indices {
            guard let token = found[i].draft.during else { continue }
            var other = eventOfToken[token]
            if other == nil, anaphors.contains(lowers[token]) {
                other = found[..<i].lastIndex { Self.operationTypes.contains($0.type) && found[i].draft.sentence - $0.draft.sentence <= 3 && $0.draft.date != nil }
            }
            guard let o = other, o != i else { continue }
            if found[i].draft.date == nil, let date = found[o].draft.date {
                found[i].draft.date = date
                found[i].draft.rule = found[i].draft.rule.qualified(.dateFromDuring)
            }
            if !found[i].draft.participants.contains(where: { $0.0 == .place }), let place = found[o].draft.participants.first(where: { $0.0 == .place }) {
                found[i].draft.participants.append(place)
            }
            if found[o].type == "raid", ["seizure", "arrest"].contains(found[i].type), !found[i].draft.participants.contains(where: { $0.0 == .agent }),
               let agent = found[o].draft.participants.first(where: { $0.0 == .agent }) {
                found[i].draft.participants.append(agent)
            }
        }
    }

    /// An event announced as under way or just done ("China announced Friday it was imposing
    /// sanctions", "the SEC announced today that Musk has agreed to settle") takes the date of the
    /// statement that announces it: it lies in what a dated statement says and its predicate is a
    /// present participle, in the present tense or the present perfect. A past event ("said Friday
    /// that Israel attacked") keeps no date: it happened before it was told.
    func dateByStatements(_ found: inout [Found], _ statements: [StatementFinder.Statement]) {
        let dated = statements.compactMap { s in s.date.flatMap { date in s.content.map { (content: $0, date: date) } } }
        guard !dated.isEmpty else { return }
        for i in found.indices where found[i].draft.date == nil && found[i].draft.ongoing {
            let t = found[i].draft.trigger
            if let statement = dated.first(where: { $0.content.contains(t) }) {
                found[i].draft.date = statement.date
                found[i].draft.rule = found[i].draft.rule.qualified(.dateFromStatement)
            }
        }
    }

    /// Undated incidents take the date of the incident reported just before their last mention
    /// (two sentences at most). Found events are in text order, so the latest candidate is the
    /// first one met walking back; the walk looks at 64 events at most, so that a text with
    /// thousands of incidents in a few sentences stays linear.
    func dateIncidents(_ found: inout [Found]) {
        for i in found.indices where found[i].draft.date == nil && Self.incidentTypes.contains(found[i].type) {
            let last = found[i].lastSentence
            var j = found.partitionPoint { $0.draft.sentence > last } - 1
            var looked = 0
            while j >= 0, last - found[j].draft.sentence <= 2, looked < 64 {
                let candidate = found[j]
                if j != i, let date = candidate.draft.date, Self.incidentTypes.contains(candidate.type),
                   candidate.draft.sentence < last || candidate.draft.trigger < found[i].draft.trigger || j < i {
                    found[i].draft.date = date
                    found[i].draft.rule = found[i].draft.rule.qualified(.dateFromIncident)
                    joinRaid(&found, i, date: date, last: last)
                    break
                }
                j -= 1
                looked += 1
            }
        }
    }

    /// What happened during a raid (of the same date, reported up to two sentences before)
    /// happened where it was, and seizures and arrests in it are the raiders' doing.
    func joinRaid(_ found: inout [Found], _ i: Int, date: TimeValue, last: Int) {
        guard let raid = found[..<i].reversed().prefix(64).prefix(while: { last - $0.draft.sentence <= 2 })
                .first(where: { $0.type == "raid" && $0.draft.date == date }) else { return }
        if !found[i].draft.participants.contains(where: { $0.0 == .place }), let place = raid.draft.participants.first(where: { $0.0 == .place }) {
            found[i].draft.participants.append(place)
        }
        if ["seizure", "arrest"].contains(found[i].type), !found[i].draft.participants.contains(where: { $0.0 == .agent }),
           let agent = raid.draft.participants.first(where: { $0.0 == .agent }) {
            found[i].draft.participants.append(agent)
        }
    }

    struct DatedTimex { var tokens: ClosedRange<Int>; var value: TimeValue }

    /// Time expressions that date an event: dates and times with bounds, and the point an offset
    /// leads to ("three days later", a duration whose interval ends there); not other durations,
    /// sets or vague references.
    func datedTimexes(_ document: AnalyzedDocument) -> [DatedTimex] {
        zip(document.timexes, document.timexTokens).compactMap { timex, tokens in
            guard let tokens else { return nil }
            if timex.type == .duration, timex.rule == "duration.later", let end = timex.interval?.end, end.hasBounds {
                return DatedTimex(tokens: tokens, value: end)
            }
            guard timex.type == .date || timex.type == .time, let value = TimeValue(timex: timex.value), value.hasBounds else { return nil }
            return DatedTimex(tokens: tokens, value: value)
        }
    }
}
