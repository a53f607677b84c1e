import EventGraphCore

/// Finds typed relations between the entities of a sentence, with who says so, how firmly, and
/// when: from verb patterns (`Resources/relations/verbs.tsv`, active and passive, coordinated verbs
/// sharing a subject), from characterizations ("the terrorist nature of X", "X were cited as ...",
/// "the terror group", "MKO terrorists"), speech ("X said ..."), titles ("Interior Minister X",
/// "Iraqi Prime Minister X"), places ("X in Y", "Y area of Z", "the capital X"), possession ("an MKO
/// camp"), and from the events found before (raided, accused, expelled-from, ...).
public struct RelationExtractor: PipelineStage {
    public let name = "relations"
    public let requires: Set<PipelineLayer> = [.tokens, .sentences, .timexes, .entities, .events]
    public let provides: Set<PipelineLayer> = [.relations]

    struct VerbPattern { var relation: String; var reverse: Bool; var preposition: String? }

    /// Each verb form's patterns (`relations/verbs.tsv`), in the table's order: a word may state
    /// several relations by its preposition ("worked with", "worked for").
    let verbs: [String: [VerbPattern]]
    let instantTypes: Set<String>
    /// Relation type → the role of the event that is its subject (`types.tsv`'s subject column).
    let eventSubjects: [String: String]
    let characterizations: Set<String>
    let citationVerbs: Set<String>
    let reportingMarkers: [[String]]
    let entityLexicon: EntityLexicon
    /// Role (of `entities/titles.tsv`) → the relation a title of that role states.
    let roleRelations: [String: String]
    let nounPhrases: NounPhraseRelations
    /// Surface cues of the verb patterns: an auxiliary of the passive shortly before the verb, a
    /// negation shortly before a trigger.
    static let passiveAuxiliaries: Set<String> = ["was", "were", "been", "being", "is", "are", "be", "got", "get"]
    static let negations: Set<String> = ["no", "not", "never", "n't", "neither", "nor", "without"]

    public init() throws(ResourceError) {
        var verbs: [String: [VerbPattern]] = [:]
        var known = Set<String>()
        var instants = Set<String>()
        var subjects: [String: String] = [:]
        for row in try ExtractionResources.table("relations/types.tsv", columns: ["type", "kind", "subject", "term", "phrase", "description"]) {
            known.insert(row.fields["type"]!)
            subjects[row.fields["type"]!] = row.fields["subject"]!
            if row.fields["kind"] == "instant" { instants.insert(row.fields["type"]!) }
        }
        for row in try ExtractionResources.table("relations/verbs.tsv", columns: ["word", "relation", "direction", "preposition"]) {
            guard known.contains(row.fields["relation"]!) else {
                throw .malformed(file: "Resources/relations/verbs.tsv", line: row.line, column: 1, problem: "unknown relation type")
            }
            let preposition = row.fields["preposition"]!
            let pattern = VerbPattern(relation: row.fields["relation"]!, reverse: row.fields["direction"] == "reverse", preposition: preposition == "-" ? nil : preposition)
            let word = row.fields["word"]!.lowercased()
            // Two rows for one word and preposition: which one the extractor used would be hidden.
            guard !(verbs[word] ?? []).contains(where: { $0.preposition == pattern.preposition }) else {
                throw .malformed(file: "Resources/relations/verbs.tsv", line: row.line, column: 1, problem: "a second pattern for '\(word)' with the same preposition")
            }
            verbs[word, default: []].append(pattern)
        }
        self.verbs = verbs
        self.instantTypes = instants
        self.eventSubjects = subjects
        characterizations = Set(try Self.words("characterizations.tsv", "word"))
        citationVerbs = Set(try Self.words("citation-verbs.tsv", "word"))
        reportingMarkers = try Self.words("reporting-markers.tsv", "phrase").map { $0.split(separator: " ").map(String.init) }
        entityLexicon = try EntityLexicon.standard()
        var roles: [String: String] = [:]
        let titleRoles = Set(entityLexicon.titles.values)
        for row in try ExtractionResources.table("relations/roles.tsv", columns: ["role", "relation", "example"]) {
            guard known.contains(row.fields["relation"]!), titleRoles.contains(row.fields["role"]!) else {
                throw .malformed(file: "Resources/relations/roles.tsv", line: row.line, column: 1, problem: "unknown role or relation type")
            }
            roles[row.fields["role"]!] = row.fields["relation"]!
        }
        roleRelations = roles
        nounPhrases = try NounPhraseRelations(lexicon: entityLexicon, roleRelations: roles)
    }

    /// A column of one of `Resources/relations/`'s tables, lowercased.
    static func words(_ file: String, _ column: String) throws(ResourceError) -> [String] {
        try ExtractionResources.table("relations/\(file)", columns: [column]).map { $0.fields[column]!.lowercased() }
    }

    /// Forms of verbs of saying ("said", "says", ...): a sentence with one is one the parser reads
    /// (`ParsingStage.Selection.factCandidates`), whatever the tagger makes of the word.
    static func speechVerbs() throws(ResourceError) -> Set<String> { Set(try words("speech-verbs.tsv", "word")) }

    public func process(_ document: inout AnalyzedDocument) {
        let lowers = document.lowercasedTokens()
        document.relationMentions = extract(document, lowers: lowers)
    }

    /// What one sentence offers the rules.
    struct Clause {
        let document: AnalyzedDocument
        let lowers: [String]
        let range: Range<Int>
        let mentions: [EntityMention]
        let sentenceIndex: Int
        /// The first mention of each entity, in text order: what "the article names one" looks
        /// up. Scanning every mention instead made long texts quadratic.
        let firstMentions: [EntityMention]
    }

    func extract(_ document: AnalyzedDocument, lowers: [String]) -> [RelationMention] {
        var relations: [RelationMention] = []
        var previousSubject: EntityMention?
        // By start (stably), so that a clause looks up its sentence's time expressions by binary
        // search: filtering all of a long text's dates for every relation made it quadratic.
        let timexes = document.timexes.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
        let timexStarts = timexes.map(\.start)
        var seenEntities: Set<String> = []
        let firstMentions = document.argumentMentions.filter { seenEntities.insert($0.entityID).inserted }
        for sentence in document.sentences {
            let c = Clause(document: document, lowers: lowers, range: sentence.tokens, mentions: document.argumentMentions(in: sentence.tokens),
                           sentenceIndex: sentence.index, firstMentions: firstMentions)
            // Who speaks in this sentence: the speaker of a statement the event stage read from the
            // tree ("X said", "according to X", "he said" through coreference). Every sentence with
            // a verb of saying or "according to" is parsed (`ParsingStage.isFactCandidate`).
            let statements = statementMentions(in: sentence.tokens, document)
            let speaker = statements.lazy.compactMap { $0.participants.first { $0.role == .agent } }.first.map { document.entityMentions[$0.mention] }
            let reported = speaker != nil || hasReportingMarker(c)
            func add(_ draft: RelationDraft) {
                guard draft.source.entityID != draft.target?.entityID else { return }
                let tokens = draft.tokens
                let negated = (max(c.range.lowerBound, tokens.lowerBound - 4)..<tokens.lowerBound).contains { Self.negations.contains(lowers[$0]) }
                let speakerEntity = draft.by ?? (reported ? speaker : nil)
                let mood: Modality = draft.modality ?? (negated ? .negated : (reported && speakerEntity?.entityID != draft.source.entityID ? .reported : .asserted))
                // A characterization is timeless as far as the text goes.
                let when = draft.type == "cited-as" ? nil
                    : draft.time ?? clauseTime(c, near: tokens, timexes, starts: timexStarts, pointsToo: instantTypes.contains(draft.type))
                relations.append(RelationMention(type: draft.type, source: draft.source.index, target: draft.target?.index, label: draft.label,
                                                 by: mood == .reported ? speakerEntity?.index : nil, tokens: tokens, rule: draft.rule, confidence: draft.confidence,
                                                 time: when, modality: mood, timeInIdentity: instantTypes.contains(draft.type)))
            }

            verbRelations(c, previousSubject: previousSubject, add)
            citations(c, speaker: speaker, add)
            titleRelations(c, add)
            roleRelations(c, add)
            describedRoles(c, add)
            ledOrganizationRoles(c, add)
            placeRelations(c, add)
            for statement in statements {
                guard let agent = statement.participants.first(where: { $0.role == .agent }) else { continue }
                let t = statement.trigger
                // At most 60 tokens of what is said: a quotation that never closes, or a sentence
                // of thousands of nested "said"s, must not make every label the whole text.
                let label = statement.content.map(c.document.statementWords) ?? statementText(c, after: t)
                add(RelationDraft(type: "said", source: document.entityMentions[agent.mention], label: label, tokens: t...t, rule: .relationSaid, confidence: 0.7,
                                  modality: .asserted))
            }

            let actors = c.mentions.filter { [.person, .organization].contains($0.type) }
            if let first = actors.first { previousSubject = first }
        }
        relations += eventRelations(document)
        relations += gazetteerPlaces(document, firstMentions: firstMentions)
        relations += nounPhrases.relations(in: document, instantTypes: instantTypes)
        return withoutMembershipUnderRoles(relations, document)
    }

    /// Roles that say more than membership: a chairman is a member of what he chairs, and one
    /// relation says so ("Commission Chairman X": leader-of, not leader-of and member-of).
    static let rolesOverMembership: Set<String> = ["leader-of", "minister-of", "spokesperson-of"]

    /// The relations without a member-of between two entities that a stronger role already links.
    func withoutMembershipUnderRoles(_ relations: [RelationMention], _ document: AnalyzedDocument) -> [RelationMention] {
        func pair(_ r: RelationMention) -> String? {
            r.target.map { document.entityMentions[r.source].entityID + "|" + document.entityMentions[$0].entityID }
        }
        let roled = Set(relations.filter { Self.rolesOverMembership.contains($0.type) && $0.modality == .asserted }.compactMap(pair))
        guard !roled.isEmpty else { return relations }
        return relations.filter { r in r.type != "member-of" || !(pair(r).map(roled.contains) ?? false) }
    }

    // MARK: Rules

    /// A relation as a rule states it. What the rule leaves nil the sentence decides: the modality
    /// (negated after a negation, reported when someone else speaks), the speaker and the time.
    struct RelationDraft {
        var type: String
        var source: EntityMention
        var target: EntityMention?
        var label: String?
        /// The tokens that state the relation: its evidence.
        var tokens: ClosedRange<Int>
        var rule: RuleID
        var confidence = 0.6
        var by: EntityMention?
        var time: TemporalInterval?
        var modality: Modality?

        init(type: String, source: EntityMention, target: EntityMention? = nil, label: String? = nil, tokens: ClosedRange<Int>, rule: RuleID,
             confidence: Double = 0.6, by: EntityMention? = nil, time: TemporalInterval? = nil, modality: Modality? = nil) {
            (self.type, self.source, self.target, self.label, self.tokens, self.rule) = (type, source, target, label, tokens, rule)
            (self.confidence, self.by, self.time, self.modality) = (confidence, by, time, modality)
        }
    }

    /// What the rules call to record a relation.
    typealias Add = (RelationDraft) -> Void

    /// Verb patterns: subject (nearest actor before the verb in the clause, or across a coordinated
    /// verb: "harbored and armed them"), object (first mention after the verb or its preposition).
    private func verbRelations(_ c: Clause, previousSubject: EntityMention?, _ add: Add) {
        for t in c.range where c.document.mentionCovering[t] == nil {
            guard let patterns = verbs[c.lowers[t]] else { continue }
            for pattern in patterns { verbRelation(at: t, pattern, c, previousSubject: previousSubject, add) }
        }
    }

    /// One verb pattern at token `t`: its subject and object by position, passives swapped.
    private func verbRelation(at t: Int, _ pattern: VerbPattern, _ c: Clause, previousSubject: EntityMention?, _ add: Add) {
        let before = c.mentions.filter { $0.tokens.upperBound < t }
        let after = c.mentions.filter { $0.tokens.lowerBound > t && $0.tokens.lowerBound - t <= 9 }
        let passive = (max(c.range.lowerBound, t - 3)..<t).contains { Self.passiveAuxiliaries.contains(c.lowers[$0]) }
        var subject = before.last { m in
            [.person, .organization, .place].contains(m.type)
                && !((m.tokens.upperBound + 1)..<t).contains { [";", ":", "where", "which", "who", "that", "because"].contains(c.lowers[$0]) }
        }
        // "They supported Saddam": a sentence-initial plural pronoun is the previous sentence's subject.
        if subject == nil, t - c.range.lowerBound <= 2, ["they", "it"].contains(c.lowers[c.range.lowerBound]) { subject = previousSubject }
        // "where Saddam Hussein ... harbored and armed them": the subject of a relative clause.
        if subject == nil || before.last.map({ $0.tokens.upperBound < t - 8 }) == true {
            if let relative = before.last(where: { m in ((m.tokens.upperBound + 1)..<t).allSatisfy { !["where", "which"].contains(c.lowers[$0]) } && m.tokens.lowerBound > 0 && ["where", "which", "who"].contains(c.lowers[m.tokens.lowerBound - 1]) }) {
                subject = relative
            }
        }
        var object: EntityMention?
        if let preposition = pattern.preposition {
            object = after.first { m in
                let p = m.tokens.lowerBound
                return (p > 0 && c.lowers[p - 1] == preposition) || (p > 1 && c.lowers[p - 1] == "the" && c.lowers[p - 2] == preposition)
            }
            // "spent several years in Iraq": the preposition may come a few words later.
            if object == nil, let p = (t + 1..<min(c.range.upperBound, t + 6)).first(where: { c.lowers[$0] == preposition }) {
                object = c.mentions.first { $0.tokens.lowerBound > p && $0.tokens.lowerBound <= p + 2 }
            }
        } else {
            object = after.first { m in !((t + 1)..<m.tokens.lowerBound).contains { [",", ";", "because", "when", "that"].contains(c.lowers[$0]) } }
            // "harbored and armed them": the object of a coordinated verb is a pronoun; take the
            // sentence's first actor when the pronoun refers back.
            if object == nil, t + 3 < c.range.upperBound, c.lowers[t + 1] == "and", ["them", "it"].contains(c.lowers[t + 3]) || ["them", "it"].contains(c.lowers[t + 2]) {
                object = c.mentions.first { [.organization, .person].contains($0.type) && $0.entityID != subject?.entityID }
            }
        }
        if passive, pattern.preposition == nil {
            // "the group was hosted by Albania": the roles swap.
            let agent = after.first { m in m.tokens.lowerBound > 0 && c.lowers[m.tokens.lowerBound - 1] == "by" }
            object = subject
            subject = agent
        }
        guard let s = subject, let o = object else { return }
        let (source, target) = pattern.reverse ? (o, s) : (s, o)
        add(RelationDraft(type: pattern.relation, source: source, target: target, tokens: t...t, rule: RuleID.relationVerb.about(c.lowers[t]), confidence: 0.65))
    }

    /// Characterizations: "the terrorist nature of X"; "X were cited as the cause of the raid";
    /// descriptions and modifiers that carry an evaluative word ("the terror group", "the
    /// anti-Iran terrorist MKO", "MKO terrorists").
    private func citations(_ c: Clause, speaker: EntityMention?, _ add: Add) {
        let actors: Set<EntityType> = [.organization, .person]
        for t in c.range {
            // "the terrorist nature of X"
            if ["nature", "character"].contains(c.lowers[t]), t > c.range.lowerBound, isCharacterization(c.lowers[t - 1]),
               t + 1 < c.range.upperBound, c.lowers[t + 1] == "of",
               let subject = c.mentions.first(where: { $0.tokens.lowerBound > t + 1 && $0.tokens.lowerBound <= t + 3 && actors.contains($0.type) }) {
                let by = c.mentions.last { $0.tokens.upperBound < t - 1 && actors.contains($0.type) } ?? speaker
                add(RelationDraft(type: "cited-as", source: subject, label: c.lowers[t - 1], tokens: (t - 1)...t, rule: .relationCitedAsNature, confidence: 0.7, by: by, modality: by == nil ? nil : .reported))
            }
            // "X ... were cited as Y"
            if citationVerbs.contains(c.lowers[t]), t + 1 < c.range.upperBound, c.lowers[t + 1] == "as",
               (max(c.range.lowerBound, t - 3)..<t).contains(where: { Self.passiveAuxiliaries.contains(c.lowers[$0]) }),
               let subject = c.mentions.first(where: { $0.tokens.upperBound < t && actors.contains($0.type) }) {
                var end = t + 2
                while end < c.range.upperBound, ![",", ";", ".", "\u{201D}", "\""].contains(c.lowers[end]) { end += 1 }
                guard end > t + 2 else { continue }
                let label = c.document.text(of: c.document.tokens[t + 2].span.union(c.document.tokens[end - 1].span))
                add(RelationDraft(type: "cited-as", source: subject, label: label, tokens: t...(end - 1), rule: .relationCitedAsVerb, confidence: 0.7, by: speaker, modality: speaker == nil ? nil : .reported))
            }
        }
        for m in c.mentions where actors.contains(m.type) {
            // Descriptions ("the terror group", "this terrorist cult"): the words between the
            // determiner and the head.
            if m.rule == .corefDescription {
                let words = c.lowers[m.tokens].dropFirst()
                if words.dropLast().contains(where: isCharacterization) || isCharacterization(words.last ?? "") {
                    let label = c.document.text(of: c.document.tokens[m.tokens.lowerBound + 1].span.union(c.document.tokens[m.tokens.upperBound].span))
                    add(RelationDraft(type: "cited-as", source: m, label: label, tokens: m.tokens, rule: .relationCitedAsDescription))
                }
                continue
            }
            guard m.isName else { continue }
            // Modifiers before a name: "the anti-Iran terrorist Mujahedin-e-Khalq Organization".
            // "the authoritarian President Alexander Lukashenko": a characterization before a
            // title characterizes the title's holder as that kind of officeholder.
            var titleStart = m.tokens.lowerBound
            while titleStart - 1 >= c.range.lowerBound, c.document.mentionCovering[titleStart - 1] == nil,
                  entityLexicon.titles[[c.lowers[titleStart - 1]]] != nil, m.tokens.lowerBound - titleStart < 3 {
                titleStart -= 1
            }
            var k = titleStart - 1
            while k >= c.range.lowerBound, c.document.mentionCovering[k] == nil,
                  isCharacterization(c.lowers[k]) {
                k -= 1
            }
            if k + 1 < titleStart {
                let label = c.document.text(of: c.document.tokens[k + 1].span.union(c.document.tokens[m.tokens.lowerBound - 1].span))
                add(RelationDraft(type: "cited-as", source: m, label: label, tokens: (k + 1)...(m.tokens.lowerBound - 1), rule: .relationCitedAsModifier))
            }
            // A characterizing noun after a name: "the MKO terrorists".
            let next = m.tokens.upperBound + 1
            if next < c.range.upperBound, c.document.mentionCovering[next] == nil, characterizations.contains(c.lowers[next]),
               c.document.tokens[next].kind == .word {
                add(RelationDraft(type: "cited-as", source: m, label: c.lowers[next], tokens: next...next, rule: .relationCitedAsNoun, confidence: 0.55))
            }
        }
    }

    private func isCharacterization(_ word: String) -> Bool {
        characterizations.contains(word) || word.hasPrefix("anti-") || word.hasPrefix("pro-")
    }

    /// "Interior Minister Blendi Cuci" → minister-of the Interior Ministry named in the article;
    /// "Iraqi Prime Minister Nouri al-Maliki", "Saddam Hussein, a former Iraqi dictator" → leader-of Iraq.
    private func titleRelations(_ c: Clause, _ add: Add) {
        let leaderTitles: Set<String> = ["president", "dictator", "king", "queen", "leader", "emir", "sultan", "premier", "chancellor", "prime"]
        let allMentions = c.firstMentions
        func country(named demonym: String) -> EntityMention? {
            guard let name = entityLexicon.demonyms[[demonym]] else { return nil }
            // A country named only inside a compound ("Russia-U.S. relations") is still named.
            return allMentions.first { $0.type == .place && c.document.articleEntities[$0.entity].allNames.contains(name) }
                ?? c.document.entityMentions.first { $0.type == .place && c.document.articleEntities[$0.entity].allNames.contains(name) }
        }
        for m in c.mentions where m.type == .person && m.isName {
            let start = m.tokens.lowerBound
            let window = max(c.range.lowerBound, start - 4)..<start
            let words = Array(c.lowers[window])
            if words.last == "minister", words.count >= 2, let ministry = allMentions.first(where: { $0.type == .organization && c.document.articleEntities[$0.entity].name.lowercased().contains("\(words[words.count - 2]) ministry") }) {
                add(RelationDraft(type: "minister-of", source: m, target: ministry, tokens: (start - 2)...m.tokens.upperBound, rule: .relationTitleMinister, confidence: 0.7, modality: .asserted))
            }
            if words.contains(where: leaderTitles.contains), let demonym = words.first(where: { entityLexicon.demonyms[[$0]] != nil }), let place = country(named: demonym) {
                add(RelationDraft(type: "leader-of", source: m, target: place, tokens: window.lowerBound...m.tokens.upperBound, rule: .relationTitleLeader, confidence: 0.7, modality: .asserted))
            }
            // Appositive: ", a former Iraqi dictator"
            let after = m.tokens.upperBound + 1
            if after + 2 < c.range.upperBound, c.lowers[after] == "," {
                let appositive = Array(c.lowers[(after + 1)..<min(c.range.upperBound, after + 6)])
                if ["a", "an", "the"].contains(appositive.first ?? ""), appositive.contains(where: leaderTitles.contains),
                   let demonym = appositive.first(where: { entityLexicon.demonyms[[$0]] != nil }), let place = country(named: demonym) {
                    add(RelationDraft(type: "leader-of", source: m, target: place, tokens: m.tokens.lowerBound...(after + appositive.count), rule: .relationTitleAppositive, confidence: 0.65, modality: .asserted))
                }
            }
        }
    }

    /// "The U.N. special envoy to the Middle East, Alvaro de Soto", "a RAND Corporation senior
    /// fellow, William Courtney": an organization's title before a comma and a name is that
    /// person's role there. (The parser often hangs the name on the nearest noun instead.)
    private func describedRoles(_ c: Clause, _ add: Add) {
        for m in c.mentions where m.type == .person && m.isName && m.tokens.lowerBound - 2 >= c.range.lowerBound && c.lowers[m.tokens.lowerBound - 1] == "," {
            guard let (role, titleStart) = titleDescribing(comma: m.tokens.lowerBound - 1, c), let type = roleRelations[role] else { continue }
            // The organization right before the title and its modifiers ("special", "senior").
            var k = titleStart - 1
            while k > c.range.lowerBound, titleStart - k <= 3, c.document.text(of: k).first?.isLowercase == true, c.document.mentionCovering[k] == nil { k -= 1 }
            guard let holder = c.mentions.last(where: { $0.tokens.upperBound == k && $0.type == .organization }) else { continue }
            add(RelationDraft(type: type, source: m, target: holder, tokens: holder.tokens.lowerBound...m.tokens.upperBound,
                              rule: .relationRoleDescribed, confidence: 0.6, modality: .asserted))
        }
    }

    /// "the Biden administration", "the administration of US President Donald Trump": the leader
    /// named at its start or its end leads it.
    private func ledOrganizationRoles(_ c: Clause, _ add: Add) {
        for org in c.mentions where org.rule == .entityLedOrganization {
            guard let leader = c.mentions.first(where: { $0.type == .person && $0.index != org.index && org.tokens.contains($0.tokens.lowerBound)
                && ($0.tokens.lowerBound == org.tokens.lowerBound || $0.tokens.upperBound == org.tokens.upperBound) }) else { continue }
            add(RelationDraft(type: "leader-of", source: leader, target: org, tokens: org.tokens, rule: .relationRoleLed, confidence: 0.65, modality: .asserted))
        }
    }

    /// The title of a description ending at `comma`: the last lowercase title word before it, past
    /// a short "to/for/in the ..." phrase, with where its words start.
    private func titleDescribing(comma: Int, _ c: Clause) -> (role: String, start: Int)? {
        var t = comma - 1
        while t > c.range.lowerBound, comma - t <= 6 {
            let lower = c.lowers[t]
            if c.document.text(of: t).first?.isLowercase == true {
                if let two = entityLexicon.titles[[c.lowers[t - 1], lower]] { return (two, t - 1) }
                if let role = entityLexicon.titles[[lower]] { return (role, t) }
            }
            // Only the words of a phrase after the title ("to the Middle East") stand between.
            guard c.document.tokens[t].kind == .word else { return nil }
            t -= 1
        }
        return nil
    }

    /// Roles of military ranks (`entities/titles.tsv`), which an office before them outranks.
    static let ranks: Set<String> = ["officer", "general", "colonel", "commander"]

    /// The role of the title words right before a name, and where they start: the last title
    /// word before the name decides ("Foreign Ministry Press Secretary X": press secretary).
    private func titleBefore(_ start: Int, _ c: Clause) -> (role: String, start: Int)? {
        var k = start - 1
        // Nearest first.
        var roles: [String] = []
        var first = start
        // A mention around the name and its title ("the administration of US President Donald
        // Trump") does not end the title.
        while k >= c.range.lowerBound, c.document.mentionCovering[k].map({ c.document.entityMentions[$0].tokens.contains(start) }) ?? true {
            let word = c.lowers[k].hasSuffix(".") && c.lowers[k].count > 1 ? String(c.lowers[k].dropLast()) : c.lowers[k]
            if word == "." { k -= 1; continue }
            if k > c.range.lowerBound, let two = entityLexicon.titles[[c.lowers[k - 1], word]] {
                roles.append(two)
                first = k - 1
                k -= 2
                continue
            }
            if let one = entityLexicon.titles[[word]] {
                roles.append(one)
            } else if !EntityRecognizer.titleModifiers.contains(word) && entityLexicon.demonyms[[word]] == nil {
                break
            }
            first = k
            k -= 1
        }
        // "Press Secretary Rear Adm. John Kirby": the office, not the military rank, is the role.
        guard let role = roles.first(where: { !Self.ranks.contains($0) }) ?? roles.first else { return nil }
        return (role, first)
    }

    /// Titles and appositions: "Kenya Farmers Union chairman X", "Kenyan Foreign Minister X",
    /// "the union's spokesman X", "Chairman of the union X", "X, spokesman for the union", "X, the
    /// union's chairman" → the relation of the title's role (`relations/roles.tsv`) from X to the
    /// organization or country named with the title (a demonym names its country when the article
    /// names it).
    private func roleRelations(_ c: Clause, _ add: Add) {
        let holders: Set<EntityType> = [.organization, .place, .facility]
        for m in c.mentions where m.type == .person && m.isName {
            if let title = titleBefore(m.tokens.lowerBound, c), var relation = roleRelations[title.role],
               var object = roleObject(before: title.start, titleWords: title.start..<m.tokens.lowerBound, c, holders) {
                // "Human Rights Watch China Director X": the organization's officer for a region
                // is its member, not the region's leader.
                if object.type == .place, let regional = c.document.regionalTitleHolder(titleStart: title.start), regional.region == object.index {
                    object = c.document.entityMentions[regional.organization]
                    if relation == "leader-of" { relation = "member-of" }
                }
                // "associate director X": a leader's title under a subordinate modifier makes a member.
                let modifiers = (max(c.range.lowerBound, title.start - 1)..<m.tokens.lowerBound).map { c.lowers[$0] }
                if relation == "leader-of", modifiers.contains(where: NounPhraseRelations.subordinateModifiers.contains) { relation = "member-of" }
                // The stating tokens: the name, its title, and the holder when it stands right before.
                let first = object.tokens.lowerBound < title.start && object.tokens.lowerBound >= c.range.lowerBound ? object.tokens.lowerBound : title.start
                add(RelationDraft(type: relation, source: m, target: object, tokens: first...m.tokens.upperBound, rule: .relationRoleTitle, confidence: 0.7, modality: .asserted))
                continue
            }
            // "X, (the|a) title (of|for|at) Y" and "X, Y's title" (past an age: "X, 50, former Chief of Police for Y")
            var after = m.tokens.upperBound + 1
            if after + 3 < c.range.upperBound, c.lowers[after] == ",", c.document.tokens[after + 1].kind == .number, c.lowers[after + 2] == "," { after += 2 }
            guard after + 2 < c.range.upperBound, c.lowers[after] == "," else { continue }
            var k = after + 1
            if ["the", "a", "an", "its", "his", "her"].contains(c.lowers[k]) { k += 1 }
            // "X, the union's spokesman"
            if let owner = c.mentions.first(where: { $0.tokens.lowerBound == k && holders.contains($0.type) }), owner.tokens.upperBound + 2 < c.range.upperBound,
               EntityRecognizer.possessives.contains(c.lowers[owner.tokens.upperBound + 1]), let role = titleAt(owner.tokens.upperBound + 2, c), let relation = roleRelations[role.role] {
                add(RelationDraft(type: relation, source: m, target: owner, tokens: m.tokens.lowerBound...(role.end), rule: .relationRoleAppositive, confidence: 0.65, modality: .asserted))
                continue
            }
            guard let role = titleAt(k, c), var relation = roleRelations[role.role] else { continue }
            // "an assistant director of": a leader's title under a subordinate modifier makes a member.
            if relation == "leader-of", (k...role.end).contains(where: { NounPhraseRelations.subordinateModifiers.contains(c.lowers[$0]) }) { relation = "member-of" }
            var p = role.end + 1
            guard p < c.range.upperBound, ["of", "for", "at", "with"].contains(c.lowers[p]) else { continue }
            p += 1
            if p < c.range.upperBound, c.lowers[p] == "the" { p += 1 }
            // "of Silicon Valley-based Tesla, Inc.": the place in the modifier is not the holder.
            if let based = (p..<min(c.range.upperBound, p + 3)).first(where: { c.lowers[$0].hasSuffix("-based") }) { p = based + 1 }
            guard let object = c.mentions.first(where: { $0.tokens.lowerBound == p && (holders.contains($0.type) || relation == "spokesperson-of") }) else { continue }
            add(RelationDraft(type: relation, source: m, target: object, tokens: m.tokens.lowerBound...object.tokens.upperBound, rule: .relationRoleAppositive, confidence: 0.65, modality: .asserted))
        }
    }

    /// A title (with its modifiers) starting at token `k`: its role and its last token.
    private func titleAt(_ k: Int, _ c: Clause) -> (role: String, end: Int)? {
        var p = k
        var found: (role: String, end: Int)?
        while p < c.range.upperBound, p < k + 5, c.document.mentionCovering[p] == nil {
            // "Chief of Police": a title of three words.
            if p + 2 < c.range.upperBound, let three = entityLexicon.titles[[c.lowers[p], c.lowers[p + 1], c.lowers[p + 2]]] { found = (three, p + 2); p += 3; continue }
            if p + 1 < c.range.upperBound, let two = entityLexicon.titles[[c.lowers[p], c.lowers[p + 1]]] { found = (two, p + 1); p += 2; continue }
            if let one = entityLexicon.titles[[c.lowers[p]]] { found = (one, p); p += 1; continue }
            // "CEO and Chairman of": the first title's role, the last title's end.
            if let first = found, ["and", "&"].contains(c.lowers[p]), p + 1 < c.range.upperBound, let next = entityLexicon.titles[[c.lowers[p + 1]]] {
                let role = roleRelations[first.role] == "leader-of" ? first.role : next
                found = (role, p + 1)
                p += 2
                continue
            }
            guard EntityRecognizer.titleModifiers.contains(c.lowers[p]) || entityLexicon.demonyms[[c.lowers[p]]] != nil else { break }
            p += 1
        }
        return found
    }

    /// What a title before a name belongs to: the organization or place named right before it
    /// ("Kenya Farmers Union chairman", "the union's chairman"), one after "of/for" before the
    /// name is covered by the name's own run, else the country of a demonym among the title words
    /// ("Kenyan Foreign Minister"), when the article names it.
    private func roleObject(before start: Int, titleWords: Range<Int>, _ c: Clause, _ holders: Set<EntityType>) -> EntityMention? {
        var k = start - 1
        if k >= c.range.lowerBound, EntityRecognizer.possessives.contains(c.lowers[k]) { k -= 1 }
        // "Drug Enforcement Administration (DEA) Acting Administrator X": past the acronym.
        if k - 2 >= c.range.lowerBound, c.lowers[k] == ")", c.lowers[k - 2] == "(" { k -= 3 }
        if k >= c.range.lowerBound, let covering = c.document.mentionCovering[k] {
            var mention = c.document.entityMentions[covering]
            // Inside a mention around the name ("the administration of US President X"): the
            // mention of the holder itself.
            if mention.tokens.contains(titleWords.upperBound), let inner = c.mentions.last(where: { $0.tokens.contains(k) && !$0.tokens.contains(titleWords.upperBound) }) { mention = inner }
            if holders.contains(mention.type), !mention.tokens.contains(titleWords.upperBound) { return mention }
        }
        for t in titleWords {
            guard let country = entityLexicon.demonyms[[c.lowers[t]]] else { continue }
            if let place = c.firstMentions.first(where: { $0.type == .place && c.document.articleEntities[$0.entity].allNames.contains(country) }) { return place }
        }
        return nil
    }

    /// "the Ashraf-3 camp, northwest of the capital Tirana", "camp in Manez", "Manez area of Durrës",
    /// "an MKO camp" (belongs-to), "the capital Tirana" (the country named in the article).
    private func placeRelations(_ c: Clause, _ add: Add) {
        // The article's facilities, listed only when a clause needs them.
        var facilitiesCache: [EntityMention]?
        func facilities() -> [EntityMention] {
            if let facilitiesCache { return facilitiesCache }
            let found = c.firstMentions.filter { $0.type == .facility }
            facilitiesCache = found
            return found
        }
        for (i, m) in c.mentions.enumerated() {
            let next = m.tokens.upperBound + 1
            guard next < c.range.upperBound else { continue }
            // "an MKO camp": the organization's facility, when the article names one with that word.
            if m.type == .organization, entityLexicon.facilityHeads.contains(c.lowers[next]) || (c.lowers[next] == ")" && next + 1 < c.range.upperBound && entityLexicon.facilityHeads.contains(c.lowers[next + 1])) {
                let head = c.lowers[next] == ")" ? c.lowers[next + 1] : c.lowers[next]
                let candidates = Set(facilities().filter { c.document.articleEntities[$0.entity].name.lowercased().hasSuffix(head) }.map(\.entityID))
                if candidates.count == 1, let facility = facilities().first(where: { $0.entityID == candidates.first }) {
                    add(RelationDraft(type: "belongs-to", source: facility, target: m, tokens: m.tokens.lowerBound...(c.lowers[next] == ")" ? next + 1 : next),
                                      rule: .relationBelongsToModifier, modality: .asserted))
                    // "(MKO) camp in Manez": where that facility is.
                    let headToken = c.lowers[next] == ")" ? next + 1 : next
                    if headToken + 1 < c.range.upperBound, c.lowers[headToken + 1] == "in",
                       let place = c.mentions.first(where: { $0.tokens.lowerBound == headToken + 2 && $0.type == .place }) {
                        add(RelationDraft(type: "located-in", source: facility, target: place, tokens: headToken...place.tokens.upperBound, rule: .relationLocatedInFacility, modality: .asserted))
                    }
                }
            }
            // "the Moscow theatre", "the Lahore court": an unnamed institution is where the place
            // that modifies it is.
            if m.rule == .entityNominal, i + 1 < c.mentions.count, c.mentions[i + 1].type == .place,
               c.mentions[i + 1].tokens.lowerBound == m.tokens.lowerBound, c.mentions[i + 1].tokens.upperBound < m.tokens.upperBound {
                add(RelationDraft(type: "located-in", source: m, target: c.mentions[i + 1], tokens: m.tokens,
                                  rule: .relationLocatedInFacility, confidence: 0.6, modality: .asserted))
            }
            guard [.facility, .place].contains(m.type), i + 1 < c.mentions.count else { continue }
            // "Manez area of Durrës"
            if entityLexicon.placeHeads.contains(c.lowers[next]), next + 1 < c.range.upperBound, c.lowers[next + 1] == "of",
               let outer = c.mentions.first(where: { $0.tokens.lowerBound == next + 2 && $0.type == .place }) {
                add(RelationDraft(type: "located-in", source: m, target: outer, tokens: m.tokens.lowerBound...outer.tokens.upperBound, rule: .relationLocatedInArea, confidence: 0.7, modality: .asserted))
            }
            // "X in Y", "X, northwest of (the capital) Y"
            // (The first mention after this one: a place nested in it, "the Moscow theatre", is not.)
            guard let following = c.mentions[(i + 1)...].first(where: { $0.tokens.lowerBound >= next }),
                  following.type == .place, following.tokens.lowerBound - next <= 6 else { continue }
            let between = Array(c.lowers[next..<following.tokens.lowerBound])
            let directions: Set<String> = ["north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast", "outside", "near"]
            if between == ["in"] || (between.first == "," && between.contains("of") && between.contains(where: directions.contains)) {
                add(RelationDraft(type: "located-in", source: m, target: following, tokens: m.tokens.lowerBound...following.tokens.upperBound, rule: .relationLocatedInPreposition, confidence: 0.65, modality: .asserted))
            } else if isPlaceOfPhrase(between) {
                // "a press club in the northwestern city of Peshawar", "near the town of Ercis"
                add(RelationDraft(type: "located-in", source: m, target: following, tokens: m.tokens.lowerBound...following.tokens.upperBound, rule: .relationLocatedInPlaceOf, confidence: 0.65, modality: .asserted))
            } else if between == [","], m.type == .place, !isCountryOrRegion(c.document.articleEntities[m.entity].name),
                      isCountryOrRegion(c.document.articleEntities[following.entity].name) {
                // "Arusha, Tanzania", "Tupelo, Mississippi": a place and the country or state it is in.
                add(RelationDraft(type: "located-in", source: m, target: following, tokens: m.tokens.lowerBound...following.tokens.upperBound, rule: .relationLocatedInComma, modality: .asserted))
            }
        }
        organizationPlaces(c, add)
        // "the capital Tirana": in the country of which it is the capital, when the article names it.
        for m in c.mentions where m.type == .place && m.tokens.lowerBound > c.range.lowerBound && c.lowers[m.tokens.lowerBound - 1] == "capital" {
            if let countryName = entityLexicon.capitalOf[c.document.articleEntities[m.entity].name],
               let country = c.firstMentions.first(where: { $0.type == .place && c.document.articleEntities[$0.entity].name == countryName }) {
                add(RelationDraft(type: "located-in", source: m, target: country, tokens: (m.tokens.lowerBound - 1)...m.tokens.upperBound, rule: .relationLocatedInCapital, confidence: 0.5, modality: .asserted))
            }
        }
    }

    /// "in the northwestern city of", "at the eastern village of", "near the town of": a
    /// preposition, then determiners and adjectives, a place word and "of".
    private func isCountryOrRegion(_ name: String) -> Bool {
        entityLexicon.countries.contains(name) || entityLexicon.regions.contains(name)
    }

    private func isPlaceOfPhrase(_ words: [String]) -> Bool {
        guard words.count >= 3, EntityRecognizer.nominalAnchors.contains(words[0]), words.last == "of",
              nounPhrases.isPlaceNoun(words[words.count - 2]) else { return false }
        return words.dropFirst().dropLast(2).allSatisfy { !["of", ",", "and", "in", "at"].contains($0) }
    }

    /// Organizations and their places: "Iran's Foreign Ministry" belongs to Iran; "Kenyan police"
    /// and "Israeli forces" belong to their country when the article names it; "the Paris-based
    /// RSF" is located in Paris.
    private func organizationPlaces(_ c: Clause, _ add: Add) {
        for m in c.mentions where m.type == .organization {
            if m.rule == .entityPossessiveOrganization,
               let owner = c.mentions.first(where: { $0.tokens.lowerBound == m.tokens.lowerBound && $0.index != m.index && $0.type == .place }) {
                add(RelationDraft(type: "belongs-to", source: m, target: owner, tokens: m.tokens, rule: .relationBelongsToPossessive, confidence: 0.7, modality: .asserted))
            }
            if m.rule == .entityDemonymCollective, let country = entityLexicon.demonyms[[c.lowers[m.tokens.lowerBound]]],
               let place = c.firstMentions.first(where: { $0.type == .place && c.document.articleEntities[$0.entity].allNames.contains(country) }) {
                add(RelationDraft(type: "belongs-to", source: m, target: place, tokens: m.tokens, rule: .relationBelongsToDemonym, modality: .asserted))
            }
            // "the Paris-based RSF": the place inside the modifier right before the name.
            var k = m.tokens.lowerBound - 1
            guard k >= c.range.lowerBound else { continue }
            if c.lowers[k].hasSuffix("-based") || (k - 1 >= c.range.lowerBound && c.lowers[k] == "-based") {
                if c.lowers[k] == "-based" { k -= 1 }
                if let place = c.document.entityMentions.first(where: { $0.tokens.contains(k) && $0.type == .place && ($0.innerSpan != nil || $0.tokens.upperBound == k) }) {
                    add(RelationDraft(type: "located-in", source: m, target: place, tokens: k...m.tokens.upperBound, rule: .relationLocatedInBased, confidence: 0.65, modality: .asserted))
                }
            }
        }
    }

    /// Relations that events imply: the agent raided / accused / attacked the target; the target of
    /// an expulsion was expelled from its place.
    /// The relations events state (`Resources/events/frames.tsv`'s relation column): from the
    /// agent to the frame's object ("attacked", "extradited-to" its destination), with the event's
    /// date, modality and speaker. A raid on a camp is a raid on the facility when the event names it
    /// as the place.
    private func eventRelations(_ document: AnalyzedDocument) -> [RelationMention] {
        var out: [RelationMention] = []
        for (index, event) in document.eventMentions.enumerated() {
            guard let type = event.relation else { continue }
            let agentMention = event.participants.first { $0.role == .agent }?.mention
            let targetMention = event.participants.first { $0.role == .target }?.mention
            let subject: Int?
            switch eventSubjects[type] {
            case "target": subject = targetMention
            case "target-or-agent": subject = targetMention ?? agentMention
            default: subject = agentMention
            }
            guard let agent = subject else { continue }
            let place = event.participants.first { $0.role == .place }?.mention
            let facilityPlace = place.flatMap { document.entityMentions[$0].type == .facility ? $0 : nil }
            guard let object = event.type == "raid" ? (facilityPlace ?? event.relationObject) : event.relationObject,
                  document.entityMentions[agent].entityID != document.entityMentions[object].entityID else { continue }
            let rule = RuleID.relationFromEvent.about(event.type.isEmpty ? "predicate" : event.type)
            out.append(RelationMention(type: type, source: agent, target: object, by: event.by, tokens: event.trigger...event.trigger, event: index,
                                       rule: rule, confidence: 0.7, time: event.date.map(TemporalInterval.init(point:)),
                                       modality: event.modality, timeInIdentity: instantTypes.contains(type)))
        }
        return out
    }

    /// A city or region the article names is located in the country GeoNames puts it in, when
    /// the article names that country too ("Peshawar" and "Pakistan", "Van" and "Turkey"): the
    /// analyst's map needs the containment the text takes for granted. One country only: a name
    /// found in two of the article's countries says nothing.
    private func gazetteerPlaces(_ document: AnalyzedDocument, firstMentions: [EntityMention]) -> [RelationMention] {
        var countryMentions: [String: EntityMention] = [:]
        for m in firstMentions where m.type == .place {
            let entity = document.articleEntities[m.entity]
            for name in entity.allNames where entityLexicon.countries.contains(name) && countryMentions[name] == nil { countryMentions[name] = m }
        }
        guard !countryMentions.isEmpty else { return [] }
        // A dateline ("WASHINGTON –") says where the story was filed, not a place the story is
        // about: a place named only there gets no containment.
        func isDateline(_ m: EntityMention) -> Bool {
            let text = document.text(of: m.tokens.lowerBound)
            return text.count > 1 && !text.contains(where: \.isLowercase) && text.contains(where: \.isLetter)
        }
        var namedInTheStory = Set<Int>()
        for m in document.entityMentions where m.type == .place && !isDateline(m) { namedInTheStory.insert(m.entity) }
        var out: [RelationMention] = []
        for m in firstMentions where m.type == .place && namedInTheStory.contains(m.entity) {
            let name = document.articleEntities[m.entity].name
            guard !entityLexicon.countries.contains(name), let countries = entityLexicon.countriesOfPlace[name.lowercased()] else { continue }
            let present = countries.compactMap { countryMentions[$0] }.filter { $0.entityID != m.entityID }
            guard present.count == 1, let country = present.first else { continue }
            out.append(RelationMention(type: "located-in", source: m.index, target: country.index, tokens: m.tokens, rule: .relationLocatedInGazetteer,
                                       confidence: 0.55, time: nil, timeInIdentity: false))
        }
        return out
    }

    // MARK: Attribution

    /// The statement events whose trigger lies in `range` (event mentions are in trigger order).
    private func statementMentions(in range: Range<Int>, _ document: AnalyzedDocument) -> [EventMention] {
        var i = document.eventMentions.partitionPoint { $0.trigger >= range.lowerBound }
        var out: [EventMention] = []
        while i < document.eventMentions.count, document.eventMentions[i].trigger < range.upperBound {
            if document.eventMentions[i].type == "statement" { out.append(document.eventMentions[i]) }
            i += 1
        }
        return out
    }

    private func hasReportingMarker(_ c: Clause) -> Bool {
        c.range.contains { t in
            reportingMarkers.contains { phrase in
                t + phrase.count <= c.range.upperBound && phrase.indices.allSatisfy { c.lowers[t + $0] == phrase[$0] }
            }
        }
    }

    /// What was said: the reported clause after "that", or the sentence without its attribution.
    private func statementText(_ c: Clause, after verb: Int) -> String {
        var start = verb + 1
        if let that = (verb + 1..<c.range.upperBound).first(where: { c.lowers[$0] == "that" }), that - verb <= 10 { start = that + 1 }
        // "..., he said." / "“...,” the ministry said.": what comes before the attribution.
        // Without a comma or closing quotation mark before it, what precedes the verb is its
        // subject ("Police denied it."), not what is said.
        if c.range.upperBound - start <= 2, let comma = (c.range.lowerBound..<verb).last(where: { [",", "\u{201D}"].contains(c.lowers[$0]) }) {
            guard comma > c.range.lowerBound else { return c.document.text(of: c.document.sentences[c.sentenceIndex].span) }
            return c.document.text(of: c.document.tokens[c.range.lowerBound].span.union(c.document.tokens[comma - 1].span))
        }
        // Nothing but punctuation after the verb ("Police denied."): the sentence is what there is.
        guard start < c.range.upperBound, (start..<c.range.upperBound).contains(where: { c.lowers[$0].contains(where: \.isLetter) || c.lowers[$0].contains(where: \.isNumber) }) else {
            return c.document.text(of: c.document.sentences[c.sentenceIndex].span)
        }
        return c.document.text(of: c.document.tokens[start].span.union(c.document.tokens[c.range.upperBound - 1].span))
    }

    /// The time of a relation stated in a clause: a duration anchored by "for" ("for ten years" →
    /// 2013/2023), a date after "since" (2016/..), or a date in the clause.
    /// States (hosted-by, located-in) take only anchored times; a date in the clause dates an instant.
    private func clauseTime(_ c: Clause, near tokens: ClosedRange<Int>, _ timexes: [Timex], starts: [Int], pointsToo: Bool) -> TemporalInterval? {
        let sentenceSpan = c.document.sentences[c.sentenceIndex].span
        let first = starts.firstIndex(atLeast: sentenceSpan.start)
        let past = starts.firstIndex(atLeast: sentenceSpan.end + 1)
        let inSentence = timexes[first..<max(first, past)].filter { $0.end <= sentenceSpan.end }
        if let anchored = inSentence.first(where: { $0.interval != nil }) { return anchored.interval }
        guard pointsToo else { return nil }
        let trigger = c.document.tokens[tokens.lowerBound].span.start
        if let dated = inSentence.filter({ ($0.type == .date || $0.type == .time) && TimeValue(timex: $0.value)?.hasBounds == true })
            .min(by: { abs($0.start - trigger) < abs($1.start - trigger) }), let value = TimeValue(timex: dated.value) {
            return TemporalInterval(point: value)
        }
        return nil
    }
}
