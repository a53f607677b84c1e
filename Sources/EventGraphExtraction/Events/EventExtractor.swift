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
    /// Types whose undated mentions take the date of the incident reported just before them
    /// ("During the skirmishes ..., one member was murdered" after a dated raid).
    static let incidentTypes: Set<String> = ["raid", "clash", "killing", "injury", "seizure", "arrest", "protest", "accusation", "court-ruling", "attack", "damage"]
    static let passiveAuxiliaries: Set<String> = ["was", "were", "been", "being", "is", "are", "be", "got", "get"]
    static let clauseBreaks: Set<String> = [",", ";", ":", "–", "—", "(", ")"]
    static let negations: Set<String> = ["no", "not", "never", "n't", "neither", "nor", "without"]

    public init() throws(ResourceError) {
        frames = try FrameEventFinder()
        statements = try StatementFinder()
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
            if draft.isDefiniteNoun, let earlier = lastFoundOfType[type], draft.date == nil || found[earlier].draft.date == nil || found[earlier].draft.date == draft.date {
                if found[earlier].draft.date == nil { found[earlier].draft.date = draft.date }
                found[earlier].coreferent.append(draft.trigger)
                found[earlier].lastSentence = draft.sentence
                continue
            }
            found.append(Found(draft: draft, lastSentence: draft.sentence))
            lastFoundOfType[type] = found.count - 1
        }
        dateIncidents(&found)
        found += reported.compactMap { statement in
            let participants = statement.speaker.map { [(ParticipantRole.agent, $0)] } ?? []
            guard !participants.isEmpty else { return nil }
            let draft = FrameEventFinder.Draft(type: "statement", trigger: statement.trigger, sentence: statement.sentence, date: statement.date,
                                               participants: participants, relation: nil, relationObject: nil, modality: .asserted, by: nil,
                                               rule: statement.rule, isDefiniteNoun: false)
            return Found(draft: draft, lastSentence: statement.sentence, content: statement.content)
        }
        // In trigger order: the relation stage finds a sentence's statements by binary search.
        found.sort { ($0.draft.trigger, $0.type) < ($1.draft.trigger, $1.type) }
        // An event nobody takes part in says nothing a reader can place; a relation-only predicate
        // is kept for its relation (as an event mention without a type, which the graph skips).
        found.removeAll { $0.draft.participants.isEmpty }
        return found.map { f in
            EventMention(type: f.draft.type ?? "", trigger: f.draft.trigger, coreferentTriggers: f.coreferent, date: f.draft.date,
                         participants: f.draft.participants.map { ParticipantMention(role: $0.0, mention: $0.1) }, rule: f.draft.rule,
                         content: f.content, modality: f.draft.modality, by: f.draft.by, relation: f.draft.relation, relationObject: f.draft.relationObject)
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
                    found[i].draft.rule += ".date-from-incident"
                    break
                }
                j -= 1
                looked += 1
            }
        }
    }

    struct DatedTimex { var tokens: ClosedRange<Int>; var value: TimeValue }


    /// Time expressions that date an event: dates and times with bounds (not durations, sets or
    /// vague references).
    func datedTimexes(_ document: AnalyzedDocument) -> [DatedTimex] {
        zip(document.timexes, document.timexTokens).compactMap { timex, tokens in
            guard timex.type == .date || timex.type == .time, let value = TimeValue(timex: timex.value), value.hasBounds, let tokens else { return nil }
            return DatedTimex(tokens: tokens, value: value)
        }
    }
}
