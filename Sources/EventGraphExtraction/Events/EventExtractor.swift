import EventGraphCore

/// Finds events from trigger words (`Resources/events/triggers.tsv`), with agent, target and place
/// from the entity mentions around the trigger, and a date from a time expression in the same
/// clause, else from a related incident reported just before, else none: never the publication
/// date by default.
public struct EventExtractor: PipelineStage {
    public let name = "events"
    public let requires: Set<PipelineLayer> = [.tokens, .sentences, .timexes, .entities, .trees]
    public let provides: Set<PipelineLayer> = [.events]

    enum Form: String { case verb, noun }
    struct Trigger { var type: String; var form: Form }

    let triggers: [String: Trigger]
    let statements: StatementFinder
    /// Types whose undated mentions take the date of the incident reported just before them
    /// ("During the skirmishes ..., one member was murdered" after a dated raid).
    static let incidentTypes: Set<String> = ["raid", "clash", "killing", "injury", "seizure", "arrest", "protest", "accusation", "court-ruling"]
    static let passiveAuxiliaries: Set<String> = ["was", "were", "been", "being", "is", "are", "be", "got", "get"]
    static let clauseBreaks: Set<String> = [",", ";", ":", "–", "—", "(", ")"]
    static let negations: Set<String> = ["no", "not", "never", "n't", "neither", "nor", "without"]
    static let determiners: Set<String> = ["the", "this", "that", "its", "their", "his", "her", "these", "those"]

    public init() throws(ResourceError) {
        var types = Set<String>()
        for row in try ExtractionResources.table("events/taxonomy.tsv", columns: ["type", "cameo", "description"]) { types.insert(row.fields["type"]!) }
        var triggers: [String: Trigger] = [:]
        for row in try ExtractionResources.table("events/triggers.tsv", columns: ["word", "type", "form"]) {
            guard let type = row.fields["type"], types.contains(type), let form = Form(rawValue: row.fields["form"]!) else {
                throw .malformed(file: "Resources/events/triggers.tsv", line: row.line, column: 1, problem: "unknown event type or form")
            }
            triggers[row.fields["word"]!.lowercased()] = Trigger(type: type, form: form)
        }
        self.triggers = triggers
        statements = try StatementFinder()
    }

    public func process(_ document: inout AnalyzedDocument) {
        let lowers = document.lowercasedTokens()
        document.eventMentions = extract(document, lowers: lowers)
    }

    struct Found {
        var type: String
        var trigger: Int
        var sentence: Int
        var date: TimeValue?
        var participants: [(ParticipantRole, EntityMention)]
        var rule: String
        /// Later mentions of the same event ("the raid").
        var coreferent: [Int] = []
        /// The sentence of its last mention.
        var lastSentence: Int = 0
        /// What is said, for a statement.
        var content: ClosedRange<Int>? = nil
    }

    func extract(_ document: AnalyzedDocument, lowers: [String]) -> [EventMention] {
        // By first token (stably), so that each sentence looks only at its own time expressions:
        // every trigger scanning all of a long text's dates made it quadratic.
        let timexTokens = datedTimexes(document).enumerated()
            .sorted { ($0.element.tokens.lowerBound, $0.offset) < ($1.element.tokens.lowerBound, $1.offset) }.map(\.element)
        let timexStarts = timexTokens.map(\.tokens.lowerBound)
        var found: [Found] = []
        /// The last event found of each type, for "the raid" naming one already reported.
        var lastFoundOfType: [String: Int] = [:]
        // Reported speech from the trees; a "statement" noun attached to a reporting verb ("said
        // in a statement") is that verb's statement, not another.
        let reported = statements.statements(in: document, lowers: lowers, dated: timexTokens)
        let reportingTokens = Set(reported.map(\.trigger))
        // Only the sentences that hold a statement need their tree again.
        let statementSentences = Set(reported.map(\.sentence))
        var statementNouns = Set<Int>()
        for index in statementSentences.sorted() where index < document.syntax.parsedSentences.count && document.syntax.parsedSentences[index] {
            let tree = SentenceTree(syntax: document.syntax, words: document.syntax.sentenceWords[index])
            for w in tree.words where triggers[lowers[tree.token(w)]]?.type == "statement" {
                if let head = tree.head(of: w), reportingTokens.contains(tree.token(head)) { statementNouns.insert(tree.token(w)) }
            }
        }
        for sentence in document.sentences {
            let range = sentence.tokens
            let sentenceTimexes = timexTokens[timexStarts.firstIndex(atLeast: range.lowerBound)..<timexStarts.firstIndex(atLeast: range.upperBound)]
            var sentenceMentionsCache: [EntityMention]?
            for t in range {
                guard let trigger = triggers[lowers[t]], document.mentionCovering[t] == nil, sentenceTimexes.first(where: { $0.tokens.contains(t) }) == nil,
                      !statementNouns.contains(t) else { continue }
                var participants: [(ParticipantRole, EntityMention)] = []
                if sentenceMentionsCache == nil { sentenceMentionsCache = document.argumentMentions(in: range) }
                let mentions = sentenceMentionsCache!
                let before = mentions.filter { $0.tokens.upperBound < t }
                let after = mentions.filter { $0.tokens.lowerBound > t }
                func afterWord(_ words: Set<String>, within: Int) -> EntityMention? {
                    after.first { m in
                        (m.type != .place || !after.contains { $0.tokens.lowerBound == m.tokens.lowerBound && $0.tokens.upperBound > m.tokens.upperBound }) &&
                        (m.tokens.lowerBound - t <= within && m.tokens.lowerBound > range.lowerBound && words.contains(lowers[m.tokens.lowerBound - 1])
                            || m.tokens.lowerBound - t <= within && m.tokens.lowerBound - 2 >= range.lowerBound && words.contains(lowers[m.tokens.lowerBound - 2]) && lowers[m.tokens.lowerBound - 1] == "the")
                    }
                }
                func nearestBefore(_ types: Set<EntityType>) -> EntityMention? {
                    before.last { types.contains($0.type) && !(($0.tokens.upperBound + 1)..<t).contains { [";", ":", "(", ")"].contains(lowers[$0]) } }
                }
                let actor: Set<EntityType> = [.person, .organization]
                switch trigger.form {
                case .verb:
                    let passive = (max(range.lowerBound, t - 3)..<t).contains { Self.passiveAuxiliaries.contains(lowers[$0]) }
                        || (t + 1 < range.upperBound && lowers[t + 1] == "by")
                    if passive {
                        if let agent = afterWord(["by"], within: 6), actor.contains(agent.type) { participants.append((.agent, agent)) }
                        if let target = nearestBefore([.person, .organization, .facility]) { participants.append((.target, target)) }
                    } else {
                        if let agent = nearestBefore(actor) { participants.append((.agent, agent)) }
                        if let target = after.first(where: { $0.tokens.lowerBound - t <= 9 && $0.type != .place && !crossesClause(from: t, to: $0.tokens.lowerBound, lowers, strict: true) }) {
                            participants.append((.target, target))
                        }
                    }
                case .noun:
                    let agentPrepositions: Set<String> = ["court-ruling", "statement", "warrant"].contains(trigger.type) ? ["by", "from", "of"] : ["by", "from"]
                    if let agent = afterWord(agentPrepositions, within: 8), actor.contains(agent.type) {
                        participants.append((.agent, agent))
                    } else if let owner = before.last(where: { $0.tokens.upperBound == t - 1 || ($0.tokens.upperBound == t - 2 && ["'s", "’s"].contains(lowers[t - 1])) }),
                              actor.contains(owner.type) {
                        // "Albanian police raid", "the MKO's attacks"
                        participants.append((.agent, owner))
                    } else if trigger.type == "statement", let speaker = nearestBefore(actor) {
                        participants.append((.agent, speaker))
                    }
                    if let between = (t + 1..<min(range.upperBound, t + 8)).first(where: { lowers[$0] == "between" }) {
                        // "clashes that broke out between X and Y"
                        let sides = after.filter { $0.tokens.lowerBound > between && actor.contains($0.type) }.prefix(2)
                        if let first = sides.first { participants.append((.agent, first)) }
                        if sides.count == 2 { participants.append((.target, sides[sides.startIndex + 1])) }
                    } else if let target = afterWord(["on", "against", "with"], within: 6), target.type != .place || trigger.type == "war" {
                        participants.append((.target, target))
                    }
                }
                if let place = afterWord(["in", "at", "near", "inside", "from"], within: trigger.form == .verb ? 10 : 4), [.place, .facility].contains(place.type) {
                    participants.append((.place, place))
                } else if let place = before.last(where: { [.place, .facility].contains($0.type) && $0.tokens.lowerBound > range.lowerBound && ["in", "at"].contains(lowers[$0.tokens.lowerBound - 1]) || [.place, .facility].contains($0.type) && $0.tokens.lowerBound - 2 >= range.lowerBound && lowers[$0.tokens.lowerBound - 1] == "the" && ["in", "at"].contains(lowers[$0.tokens.lowerBound - 2]) }) {
                    participants.append((.place, place))
                }
                // "no MKO members were hurt": denied, so not reported as an event.
                if (max(range.lowerBound, t - 6)..<t).contains(where: { Self.negations.contains(lowers[$0]) }) { continue }
                var date = sentenceTimexes.filter { abs($0.tokens.lowerBound - t) <= 12 && range.contains($0.tokens.lowerBound)
                    && !crossesClause(from: min(t, $0.tokens.lowerBound), to: max(t, $0.tokens.upperBound), lowers, strict: true) }
                    .min { abs($0.tokens.lowerBound - t) < abs($1.tokens.lowerBound - t) }?.value
                // A date that opens the sentence ("A week ago, there were tensions ...") governs it.
                if date == nil, let opening = sentenceTimexes.first(where: { range.contains($0.tokens.lowerBound) && $0.tokens.lowerBound <= range.lowerBound + 1 && $0.tokens.upperBound < t
                    && $0.tokens.upperBound + 1 < range.upperBound && lowers[$0.tokens.upperBound + 1] == "," }) {
                    date = opening.value
                }
                // Events are dated to the day: "this Thursday morning" dates an event 2023-06-29.
                if let d = date, d.precision == .time, let day = d.earliest { date = TimeValue(day: day) }
                // "the raid", "the skirmishes": a definite noun names an event already reported.
                if trigger.form == .noun, t > range.lowerBound, Self.determiners.contains(lowers[t - 1]) || (t - 2 >= range.lowerBound && Self.determiners.contains(lowers[t - 2])),
                   let earlier = lastFoundOfType[trigger.type], date == nil || found[earlier].date == nil || found[earlier].date == date {
                    for p in participants where !found[earlier].participants.contains(where: { $0.0 == p.0 }) { found[earlier].participants.append(p) }
                    if found[earlier].date == nil { found[earlier].date = date }
                    found[earlier].coreferent.append(t)
                    found[earlier].lastSentence = sentence.index
                    continue
                }
                // A bare mention ("the cause of the raid") says nothing new: keep events with an
                // argument or a date (incidents may still get a date from the one just before).
                guard !participants.isEmpty || date != nil || Self.incidentTypes.contains(trigger.type) else { continue }
                found.append(Found(type: trigger.type, trigger: t, sentence: sentence.index, date: date, participants: participants,
                                   rule: "event.\(trigger.form.rawValue).\(trigger.type)", lastSentence: sentence.index))
                lastFoundOfType[trigger.type] = found.count - 1
            }
        }
        // Undated incidents take the date of the incident reported just before their last mention
        // (two sentences at most).
        // Found events are in text order (sentence, then trigger), so the latest candidate is the
        // first one met walking back from the last event at or before the last mention's sentence.
        // The walk looks at 64 events at most: "just before" is near, and a text with thousands of
        // incidents in a few sentences (a list, a spam page) must stay linear.
        for i in found.indices where found[i].date == nil && Self.incidentTypes.contains(found[i].type) {
            let last = found[i].lastSentence
            // The last event at or before that sentence.
            var j = found.partitionPoint { $0.sentence > last } - 1
            var looked = 0
            var previous: Found?
            while j >= 0, last - found[j].sentence <= 2, looked < 64 {
                let candidate = found[j]
                if j != i, candidate.date != nil, Self.incidentTypes.contains(candidate.type),
                   candidate.sentence < last || candidate.trigger < found[i].trigger || j < i {
                    previous = candidate
                    break
                }
                j -= 1
                looked += 1
            }
            if let previous {
                found[i].date = previous.date
                found[i].rule += ".date-from-incident"
                // What happened during a raid happened where it was, and seizures and arrests are the
                // raiders' doing.
                if let raid = found[..<i].reversed().prefix(64).prefix(while: { last - $0.sentence <= 2 }).first(where: { $0.type == "raid" && $0.date == previous.date }) {
                    if !found[i].participants.contains(where: { $0.0 == .place }), let place = raid.participants.first(where: { $0.0 == .place }) {
                        found[i].participants.append(place)
                    }
                    if ["seizure", "arrest"].contains(found[i].type), !found[i].participants.contains(where: { $0.0 == .agent }),
                       let agent = raid.participants.first(where: { $0.0 == .agent }) {
                        found[i].participants.append(agent)
                    }
                }
            }
        }
        found += reported.compactMap { statement in
            let participants = statement.speaker.map { [(ParticipantRole.agent, document.entityMentions[$0])] } ?? []
            // An undated statement by nobody named would be one event with every other such statement.
            guard !participants.isEmpty || statement.date != nil else { return nil }
            return Found(type: "statement", trigger: statement.trigger, sentence: statement.sentence, date: statement.date, participants: participants,
                         rule: statement.rule, lastSentence: statement.sentence, content: statement.content)
        }
        // In trigger order: the relation stage finds a sentence's statements by binary search.
        found.sort { ($0.trigger, $0.type) < ($1.trigger, $1.type) }
        found.removeAll { $0.participants.isEmpty && $0.date == nil }
        return found.map { f in
            EventMention(type: f.type, trigger: f.trigger, coreferentTriggers: f.coreferent, date: f.date,
                         participants: f.participants.map { ParticipantMention(role: $0.0, mention: $0.1.index) }, rule: f.rule, content: f.content)
        }
    }

    /// A clause boundary (comma, semicolon, dash, parenthesis; with `strict` also "because", "when",
    /// "that") between two tokens.
    func crossesClause(from a: Int, to b: Int, _ lowers: [String], strict: Bool) -> Bool {
        guard a + 1 < b else { return false }
        return (a + 1..<b).contains { Self.clauseBreaks.contains(lowers[$0]) || (strict && ["because", "when", "while", "after", "since"].contains(lowers[$0])) }
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
