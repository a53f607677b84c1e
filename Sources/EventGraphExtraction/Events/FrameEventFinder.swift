import EventGraphCore

/// Events and the relations they state, read from the dependency tree of each parsed sentence:
/// every verb and event noun of the frame lexicon (`FrameLexicon`) is a predicate; its dependents
/// fill roles by `Resources/events/arguments.tsv`; a light verb lends its subject and obliques to
/// its event noun ("carried out a raid on X"); a predicate without a subject takes it from the verb
/// it is coordinated with, from its controller ("ordered police to raid": police), or from the
/// noun a relative clause or participle modifies ("the militia that conducted the strikes",
/// "militants killed in the raid"). Each event is dated by a time expression of its own clause,
/// else by its light verb's or the verb it is an argument of, else by a conjoined predicate's, and
/// has a modality (`Resources/events/modality.tsv`; reported when it lies in what a statement says).
struct FrameEventFinder: Sendable {
    /// One event as found, before the event stage merges definite mentions and dates incidents.
    struct Draft {
        var type: String?
        var trigger: Int
        var sentence: Int
        var date: TimeValue?
        var participants: [(ParticipantRole, Int)]
        var relation: String?
        /// The mention the relation ends at.
        var relationObject: Int?
        var modality: Modality
        /// The speaker, for a reported event.
        var by: Int?
        var rule: RuleID
        /// A noun with a definite determiner ("the raid", "the recent raid on the camp"): may name an
        /// event reported before.
        var isDefiniteNoun: Bool
        /// Told as under way or just done: its predicate (or light verb) is a present participle,
        /// in the present tense or the present perfect ("was imposing sanctions", "imposes", "has
        /// agreed to settle").
        var ongoing: Bool = false
        /// The token of the event noun this one happened during ("During the skirmishes, ... was
        /// murdered"; "amid the clashes"; "killed in the attack"), an event predicate or an anaphor
        /// ("the operation").
        var during: Int? = nil
    }

    let lexicon: FrameLexicon
    let cues: ModalityCues
    /// Verbs of saying (`StatementFinder`): a date attached to one dates the statement, not an event.
    let statementVerbs: Set<String>
    /// Nouns of kinship and standing (`relations/relational-nouns.tsv`).
    let relationalNouns: Set<String>
    /// Nouns whose "of"-modifier is who they are (`events/partitive-nouns.tsv`).
    let partitiveNouns: Set<String>
    let countries: Set<String>
    let facilityHeads: Set<String>
    /// Demonym → the country it names ("israeli" → "Israel"), lowercased.
    let demonyms: [String: String]

    /// `statementVerbs`: the lemmas of `StatementFinder`'s verbs of saying.
    init(statementVerbs: Set<String>) throws(ResourceError) {
        lexicon = try FrameLexicon()
        cues = try ModalityCues()
        self.statementVerbs = statementVerbs
        relationalNouns = try NounPhraseRelations.relationalNouns()
        partitiveNouns = Set(try ExtractionResources.table("events/partitive-nouns.tsv", columns: ["word"]).map { $0.fields["word"]!.lowercased() })
        countries = try EntityLexicon.standard().countries
        facilityHeads = try EntityLexicon.standard().facilityHeads
        var demonyms: [String: String] = [:]
        for (words, country) in try EntityLexicon.standard().demonyms where words.count == 1 { demonyms[words[0]] = country.lowercased() }
        self.demonyms = demonyms
    }

    /// What the argument rules look up in one document: the first argument mention of each
    /// entity by its lowercased name, for "Israeli jets" to name Israel when the article does.
    struct Context {
        let document: AnalyzedDocument
        let mentionOfName: [String: Int]
        /// The head word of the article's facilities ("camp" of "Ashraf-3 camp") → the first mention
        /// of the one facility with that head; absent when two share it.
        let facilityOfHead: [String: Int]

        init(_ document: AnalyzedDocument, facilityHeads: Set<String>) {
            self.document = document
            var first: [String: Int] = [:]
            var facilities: [String: Int?] = [:]
            for m in document.entityMentions where m.isArgument {
                let entity = document.articleEntities[m.entity]
                for name in entity.allNames where first[name.lowercased()] == nil { first[name.lowercased()] = m.index }
                if m.type == .facility, let head = entity.name.split(separator: " ").last.map({ $0.lowercased() }), facilityHeads.contains(head) {
                    if let known = facilities[head] {
                        if let k = known, document.entityMentions[k].entityID != m.entityID { facilities[head] = .some(nil) }
                    } else {
                        facilities[head] = m.index
                    }
                }
            }
            mentionOfName = first
            facilityOfHead = facilities.compactMapValues { $0 }
        }
    }

    /// A predicate of a sentence: its word, frame, part of speech, and the light verb it is the
    /// object of, if any.
    struct Predicate {
        var word: Int
        var frame: FrameLexicon.Frame
        var pos: FrameLexicon.PartOfSpeech
        var light: (verb: Int, subjectIsAgent: Bool)?
    }

    /// The events of the document's parsed sentences, in text order. `statements` give the spans of
    /// what is said, and their speakers, for reported events.
    func events(in document: AnalyzedDocument, dated: [EventExtractor.DatedTimex], statements: [StatementFinder.Statement]) -> [Draft] {
        let syntax = document.syntax
        guard syntax.count > 0 else { return [] }
        var drafts: [Draft] = []
        let datedStarts = dated.map(\.tokens.lowerBound)
        let context = Context(document, facilityHeads: facilityHeads)
        let said = ReportedSpans(statements.compactMap { s in s.content.flatMap { c in s.speaker.map { (content: c, speaker: $0) } } })
        for (index, sentence) in document.sentences.enumerated() where index < syntax.parsedSentences.count && syntax.parsedSentences[index] {
            let words = syntax.sentenceWords[index]
            let tree = SentenceTree(syntax: syntax, words: words)
            let predicates = self.predicates(tree, document)
            guard !predicates.isEmpty else { continue }
            let sentenceDates = dated[datedStarts.firstIndex(atLeast: sentence.tokens.lowerBound)..<datedStarts.firstIndex(atLeast: sentence.tokens.upperBound)]
            // A light verb takes a date for its event noun ("launched a strike at 2:15 p.m.").
            let datable = Set(predicates.map(\.word) + predicates.compactMap(\.light?.verb))
            let (dates, unclaimed) = clauseDates(Array(sentenceDates), tree, predicates: datable)
            // The sentence's one date, when no predicate took it, dates those without their own.
            let sentenceDate = sentenceDates.count == 1 ? unclaimed.first : nil
            for predicate in predicates {
                guard var draft = draft(predicate, tree, context, dates, said, sentence: index) else { continue }
                if draft.date == nil, let sentenceDate {
                    draft.date = sentenceDate
                    draft.rule = draft.rule.qualified(.dateFromSentence)
                }
                drafts += split(draft, context.document)
            }
        }
        return drafts
    }

    // MARK: Predicates

    /// The words of a sentence that are predicates of the lexicon, outside entity names ("Rescue"
    /// in "International Rescue Committee"); a light verb whose object is an event noun is not one.
    func predicates(_ tree: SentenceTree, _ document: AnalyzedDocument) -> [Predicate] {
        let (words, syntax) = (tree.words, tree.syntax)
        var found: [Predicate] = []
        var lightOf: [Int: (verb: Int, subjectIsAgent: Bool)] = [:]
        var lightVerbs = Set<Int>()
        for w in words where syntax.upos[w] == "VERB" {
            let particle = particle(of: w, tree)
            let candidates = FrameLexicon.verbLemmas(form: syntax.lowerForms[w], lemma: syntax.lowerLemmas[w])
            guard let subjectIsAgent = candidates.lazy.compactMap({ lemma in
                particle.flatMap { self.lexicon.lightVerbs[lemma + " " + $0] } ?? self.lexicon.lightVerbs[lemma]
            }).first else { continue }
            // The event noun: the verb's object, or its passive subject ("sanctions were imposed").
            // (Or an oblique without a preposition: the parser's reading of a tagger's slip.)
            // Or its subject ("clashes broke out between X and Y"), or the noun it modifies ("the
            // checks carried out by the police", "clashes that broke out on Tuesday").
            var nouns = tree.children(of: w).filter { n in
                ["NOUN", "ADJ"].contains(syntax.upos[n])
                    && (["obj", "nsubj:pass", "nsubj"].contains(syntax.relations[n]) || (syntax.relations[n] == "obl" && !tree.children(of: n).contains { tree.relation($0) == "case" }))
            }
            if ["acl", "acl:relcl"].contains(syntax.relations[w]), let head = tree.head(of: w), syntax.upos[head] == "NOUN" { nouns.append(head) }
            for n in nouns where lightOf[n] == nil && nounFrame(n, syntax) != nil {
                lightOf[n] = (w, subjectIsAgent)
                lightVerbs.insert(w)
            }
        }
        for w in words where document.mentionCovering[Int(syntax.tokenOfWord[w])] == nil && !lightVerbs.contains(w) && !isInsideTitleCaseName(w, words, syntax) {
            switch syntax.upos[w] {
            case "VERB":
                // "the indicted fugitive", "the partly-elected Senate": a participle that only
                // describes its noun tells of no event here.
                if syntax.relations[w] == "amod" { continue }
                let particle = particle(of: w, tree)
                let candidates = FrameLexicon.verbLemmas(form: syntax.lowerForms[w], lemma: syntax.lowerLemmas[w])
                if let frame = candidates.lazy.compactMap({ self.lexicon.frame(lemma: $0, particle: particle, pos: .verb) }).first {
                    found.append(Predicate(word: w, frame: frame, pos: .verb))
                }
            case "NOUN", "ADJ":
                // A participle the tagger took for an adjective ("one member was murdered").
                if syntax.upos[w] == "ADJ", isPredicativeParticiple(w, tree) {
                    let candidates = FrameLexicon.verbLemmas(form: syntax.lowerForms[w], lemma: syntax.lowerLemmas[w])
                    if let frame = candidates.lazy.compactMap({ self.lexicon.frame(lemma: $0, particle: nil, pos: .verb) }).first {
                        found.append(Predicate(word: w, frame: frame, pos: .verb))
                        continue
                    }
                }
                // An adjective in a noun's place is the tagger's slip ("the withdrawal from ...").
                if syntax.upos[w] == "ADJ", !Self.nominalRelations.contains(syntax.relations[w]) { continue }
                if let frame = nounFrame(w, syntax) { found.append(Predicate(word: w, frame: frame, pos: .noun, light: lightOf[w])) }
            default:
                continue
            }
        }
        return found
    }

    static let nominalRelations: Set<String> = ["nsubj", "nsubj:pass", "obj", "obl", "nmod", "iobj"]

    /// A capitalized word between two capitalized words, not first in its sentence: a word of a
    /// name the entity stage did not take ("as Specially Designated Global Terrorists", "the
    /// Committee to Protect Journalists"), not a predicate.
    func isInsideTitleCaseName(_ w: Int, _ words: Range<Int>, _ syntax: SyntaxLayer) -> Bool {
        func isCapitalized(_ v: Int) -> Bool { syntax.forms[v].unicodeScalars.first?.properties.isUppercase == true }
        guard w > words.lowerBound, w + 1 < words.upperBound, isCapitalized(w) else { return false }
        return isCapitalized(w - 1) && isCapitalized(w + 1) && w - 1 > words.lowerBound
    }

    /// The word that completes a verb's lemma in the lexicon: its particle ("pull out"), or the
    /// adjective it predicates ("found guilty").
    func particle(of w: Int, _ tree: SentenceTree) -> String? {
        tree.children(of: w).first { tree.relation($0) == "compound:prt" || (tree.relation($0) == "xcomp" && tree.upos($0) == "ADJ") }
            .map { tree.syntax.lowerLemmas[$0] }
    }

    /// An event noun's frame, by its lemma, or by its form without a plural "s" when the
    /// lemmatizer did not know it ("skirmishes").
    func nounFrame(_ w: Int, _ syntax: SyntaxLayer) -> FrameLexicon.Frame? {
        let lemma = syntax.lowerLemmas[w]
        if let frame = lexicon.frame(lemma: lemma, particle: nil, pos: .noun) { return frame }
        let form = syntax.lowerForms[w]
        for suffix in ["es", "s"] where form.hasSuffix(suffix) && form.count > suffix.count + 2 {
            if let frame = lexicon.frame(lemma: String(form.dropLast(suffix.count)), particle: nil, pos: .noun) { return frame }
        }
        // "food-poisoning", "cyber-attack": the last part names the event.
        if let hyphen = lemma.lastIndex(of: "-"), lemma.index(after: hyphen) < lemma.endIndex {
            return lexicon.frame(lemma: String(lemma[lemma.index(after: hyphen)...]), particle: nil, pos: .noun)
        }
        return nil
    }

    // MARK: One event

    /// One event per target when several are coordinated ("designated A, B and C"): three
    /// designations, each with the agent, place and date.
    func split(_ draft: Draft, _ document: AnalyzedDocument) -> [Draft] {
        let targets = draft.participants.filter { $0.0 == .target }
        guard targets.count > 1, draft.type != nil else { return [draft] }
        return targets.map { target in
            var one = draft
            one.participants = draft.participants.filter { $0.0 != .target || $0.1 == target.1 }
            if draft.relationObject != nil, targets.contains(where: { $0.1 == draft.relationObject }) { one.relationObject = target.1 }
            return one
        }
    }

    func draft(_ predicate: Predicate, _ tree: SentenceTree, _ context: Context, _ dates: [Int: TimeValue],
               _ reporting: ReportedSpans, sentence: Int) -> Draft? {
        let document = context.document
        let w = predicate.word
        var roles = arguments(of: w, predicate.pos, tree, context)
        // "rescue efforts in Kashmir", "the death toll from the earthquake": an event noun that
        // modifies another noun has that noun's arguments.
        if predicate.pos == .noun, tree.relation(w) == "compound", let head = tree.head(of: w), tree.upos(head) == "NOUN" {
            roles += arguments(of: head, .noun, tree, context, skipping: w)
        }
        if predicate.pos == .noun, let type = predicate.frame.type, lexicon.possessedTargets.contains(type) {
            // "his arrest", "Mubarak's conviction": the possessor is who undergoes it.
            let possessors = Set(tree.children(of: w).filter { tree.relation($0) == "nmod:poss" }.compactMap { mention(naming: $0, tree, context) })
            roles = roles.map { possessors.contains($0.1) && $0.0 == .agent ? (.target, $0.1) : $0 }
        }
        if let light = predicate.light {
            var lent = arguments(of: light.verb, .verb, tree, context, skipping: w)
            if !light.subjectIsAgent { lent = lent.map { ($0.0 == .agent ? .target : $0.0, $0.1) } }
            roles += lent
        }
        if predicate.pos == .verb, !roles.contains(where: { $0.0 == .agent || ($0.0 == .target && isPassive(w, tree)) }) {
            roles += inheritedSubject(of: w, tree, context)
        }
        if !roles.contains(where: { [.place, .destination, .source].contains($0.0) }) { roles += surfacePlace(after: tree.token(w), tree, context) }
        if predicate.pos == .verb {
            let subjectless = !roles.contains { $0.0 == .agent || ($0.0 == .target && isPassive(w, tree)) }
            if roles.isEmpty || subjectless { roles += surfaceActors(of: w, tree, document, objectToo: roles.isEmpty) }
        }
        var (modality, by, denier, deniesDoingIt) = self.modality(of: w, light: predicate.light?.verb, tree, reporting)
        if let denier, let mention = mention(naming: denier, tree, context) {
            // A denial is its denier's claim; "Israel denied responsibility for the attack": who
            // denies it is who would have done it.
            by = by ?? mention
            if deniesDoingIt, !roles.contains(where: { $0.0 == .agent }) { roles.append((.agent, mention)) }
        }
        let participants = eventParticipants(roles, document)
        let relationObject = predicate.frame.relation == nil ? nil : relationEnd(predicate.frame.object, roles)
        guard predicate.frame.type != nil || relationObject != nil else { return nil }
        let isDefinite = predicate.pos == .noun && predicate.light == nil
            && tree.children(of: w).contains { tree.relation($0) == "det" && ["the", "this", "that", "these", "those"].contains(tree.syntax.lowerLemmas[$0]) }
        let during = tree.children(of: w).first { child in
            ["obl", "nmod"].contains(tree.relation(child)) && Self.duringPrepositions.contains(preposition(of: child, tree))
        }.map { tree.token($0) }
        let frameRule: RuleID = predicate.pos == .noun ? .eventFrameNoun : .eventFrameVerb
        return Draft(type: predicate.frame.type, trigger: tree.token(w), sentence: sentence,
                     date: date(of: w, light: predicate.light?.verb, tree, dates), participants: participants,
                     relation: predicate.frame.relation, relationObject: relationObject, modality: modality, by: by,
                     rule: predicate.light == nil ? frameRule : frameRule.qualified(.lightVerb), isDefiniteNoun: isDefinite,
                     ongoing: isOngoing(predicate.light?.verb ?? w, tree), during: during)
    }

    /// What puts an event inside another when the other is an event noun ("killed in the
    /// attack", "deaths from the earthquake", "during the raid").
    static let duringPrepositions: Set<String> = ["during", "amid", "amidst", "in", "from"]

    // MARK: Surface fallbacks

    static let clauseBreaks: Set<String> = [",", ";", ":", "–", "—", "(", ")"]
    static let placePrepositions: Set<String> = ["in", "at", "near", "inside"]

    /// Where, when the tree says nothing of it (a parser's slip, a flat tree): the first place or
    /// facility after "in", "at", "near" or "inside" (and "the") within ten tokens of the
    /// predicate, in its clause.
    func surfacePlace(after t: Int, _ tree: SentenceTree, _ context: Context) -> [(FilledRole, Int)] {
        let document = context.document
        let end = min(tree.token(tree.words.upperBound - 1), t + 14)
        guard t + 1 <= end else { return [] }
        var sawPreposition = false
        for u in (t + 1)...end {
            let lower = document.text(of: u).lowercased()
            if Self.placePrepositions.contains(lower) { sawPreposition = true }
            // "at the ... MKO camp": the article's one camp.
            if sawPreposition, document.mentionCovering[u] == nil, let facility = context.facilityOfHead[lower] { return [(.place, facility)] }
            if Self.clauseBreaks.contains(lower) && lower != "(" && lower != ")" { break }
            guard let m = document.mentionCovering[u], document.entityMentions[m].isArgument, document.entityMentions[m].tokens.lowerBound == u else { continue }
            let before = document.text(of: u - 1).lowercased()
            let twoBefore = u - 2 > t ? document.text(of: u - 2).lowercased() : ""
            guard Self.placePrepositions.contains(before) || (before == "the" && Self.placePrepositions.contains(twoBefore)) else { continue }
            if [.place, .facility].contains(document.entityMentions[m].type) { return [(.place, m)] }
            break
        }
        // Else the nearest before it in its clause ("tensions in this camp due to the checks").
        let start = max(tree.token(tree.words.lowerBound), t - 12)
        var u = t - 1
        while u > start, ![";", ":", "(", ")"].contains(document.text(of: u).lowercased()) {
            if let m = document.mentionCovering[u], document.entityMentions[m].isArgument, document.entityMentions[m].tokens.lowerBound == u,
               [.place, .facility].contains(document.entityMentions[m].type) {
                let before = document.text(of: u - 1).lowercased()
                let twoBefore = u - 2 >= start ? document.text(of: u - 2).lowercased() : ""
                if Self.placePrepositions.contains(before) || (["the", "this", "that"].contains(before) && Self.placePrepositions.contains(twoBefore)) { return [(.place, m)] }
            }
            u -= 1
        }
        return []
    }

    /// Who and whom, when the tree gives a verb no argument at all: the nearest person or
    /// organization before it in its clause (after it with "by" for a passive), and the first
    /// mention after it that is no place.
    func surfaceActors(of w: Int, _ tree: SentenceTree, _ document: AnalyzedDocument, objectToo: Bool) -> [(FilledRole, Int)] {
        let t = tree.token(w)
        let first = tree.token(tree.words.lowerBound), last = tree.token(tree.words.upperBound - 1)
        var out: [(FilledRole, Int)] = []
        var u = t - 1
        // Back over commas ("the MKO, also called MEK, had been kicked out"), not past a clause's end.
        while u >= first, t - u <= 12, ![";", ":", "(", ")", "–", "—"].contains(document.text(of: u).lowercased()) {
            if let m = document.mentionCovering[u], document.entityMentions[m].isArgument, [.person, .organization].contains(document.entityMentions[m].type) {
                out.append((isPassive(w, tree) ? .target : .agent, m))
                break
            }
            u -= 1
        }
        u = t + 1
        while objectToo, u <= last, u - t <= 9, !Self.clauseBreaks.contains(document.text(of: u).lowercased()) {
            if let m = document.mentionCovering[u], document.entityMentions[m].isArgument, document.entityMentions[m].type != .place {
                let byAgent = isPassive(w, tree) && u > 0 && document.text(of: u - 1).lowercased() == "by"
                out.append((byAgent ? .agent : .target, m))
                break
            }
            u += 1
        }
        return out
    }

    /// A role as an argument fills it, before places and destinations become the event's place.
    enum FilledRole: Equatable { case agent, target, place, destination, source }

    /// The roles filled by a predicate's own dependents (and the conjuncts of each).
    func arguments(of w: Int, _ pos: FrameLexicon.PartOfSpeech, _ tree: SentenceTree, _ context: Context, skipping: Int? = nil) -> [(FilledRole, Int)] {
        var out: [(FilledRole, Int)] = []
        let participle = pos == .verb && isPredicativeParticiple(w, tree)
        // One subject: the nearest, when the parser gave two ("Pakistan's Interior Minister X").
        let subjects = tree.children(of: w).filter { tree.relation($0).hasPrefix("nsubj") }
        let subject = subjects.min { abs($0 - w) < abs($1 - w) }
        for child in tree.children(of: w) where child != skipping && (!tree.relation(child).hasPrefix("nsubj") || child == subject) {
            // "one member was murdered": the subject of a participle is its passive subject.
            let relation = participle && tree.relation(child) == "nsubj" ? "nsubj:pass" : tree.relation(child)
            if let role = role(of: child, pos, relation: relation, tree) {
                // "X, who she had accused of atrocities": a relative pronoun stands for the noun
                // the clause modifies.
                let filler = relativeAntecedent(of: child, predicate: w, tree) ?? child
                out += filled(role, filler, tree, context)
            }
            // The parser often hangs a place or an agent on the argument instead of the predicate
            // ("attacked a convoy in Gaza", "fired missiles at Hamas activists", "the arrest of X by
            // Y"): an argument's modifier of those kinds counts as the predicate's.
            guard Self.argumentRelations.contains(tree.relation(child)) else { continue }
            for modifier in tree.children(of: child) where tree.relation(modifier) == "nmod" {
                guard let role = role(of: modifier, pos, relation: pos == .verb ? "obl" : "nmod", tree), Self.reattachedRoles.contains(role) else { continue }
                if role == .agent && preposition(of: modifier, tree) != "by" { continue }
                // A subject's modifier is about the subject, unless it says where ("a bombing
                // at the press club killed").
                let fromSubject = tree.relation(child).hasPrefix("nsubj")
                out += filled(role, modifier, tree, context).filter { !fromSubject || [.place, .destination, .source].contains($0.0) }
            }
        }
        return out
    }

    /// The noun a relative clause modifies, when `word` is the clause's relative pronoun.
    func relativeAntecedent(of word: Int, predicate: Int, _ tree: SentenceTree) -> Int? {
        guard ["who", "whom", "which", "that"].contains(tree.syntax.lowerForms[word]), tree.upos(word) == "PRON",
              tree.relation(predicate) == "acl:relcl", let antecedent = tree.head(of: predicate) else { return nil }
        return antecedent
    }

    /// The dependents whose own modifiers may belong to the predicate, and the roles they may fill.
    static let argumentRelations: Set<String> = ["obj", "nsubj", "nsubj:pass", "obl", "nmod", "iobj"]
    static let reattachedRoles: Set<FrameLexicon.Role> = [.place, .targetOrPlace, .destination, .source, .agent]

    /// The lemma of a dependent's preposition ("" for none; the possessive "'s" is none).
    func preposition(of word: Int, _ tree: SentenceTree) -> String {
        guard let marker = tree.children(of: word).first(where: { tree.relation($0) == "case" }) else { return "" }
        let lemma = tree.syntax.lowerLemmas[marker]
        return ["'s", "’s", "'", "’"].contains(lemma) ? "" : lemma
    }

    /// The lexicon role of a dependent with this relation: by the whole relation, then its base.
    func role(of word: Int, _ pos: FrameLexicon.PartOfSpeech, relation: String, _ tree: SentenceTree) -> FrameLexicon.Role? {
        let preposition = preposition(of: word, tree)
        var base = String(relation.prefix { $0 != ":" })
        // An event noun's oblique is its modifier (the tagger took the noun for an adjective).
        if pos == .noun, base == "obl" { base = "nmod" }
        return lexicon.arguments[.init(pos: pos, relation: relation, preposition: preposition)]
            ?? lexicon.arguments[.init(pos: pos, relation: base, preposition: preposition)]
    }

    /// The roles a dependent and its conjuncts fill ("arrested Alaa and Gamal").
    func filled(_ role: FrameLexicon.Role, _ word: Int, _ tree: SentenceTree, _ context: Context) -> [(FilledRole, Int)] {
        let conjuncts = [word] + tree.children(of: word).filter { tree.relation($0) == "conj" }
        let mentions = conjuncts.compactMap { mention(naming: $0, tree, context) }
        let possessive = tree.relation(word) == "nmod:poss"
        return mentions.enumerated().compactMap { offset, m in fill(role, mention: m, context.document, position: offset, possessive: possessive).map { ($0, m) } }
    }

    /// The role a mention fills for a lexicon role, by the mention's type.
    func fill(_ role: FrameLexicon.Role, mention: Int, _ document: AnalyzedDocument, position: Int, possessive: Bool = false) -> FilledRole? {
        let isPlace = [.place, .facility].contains(document.entityMentions[mention].type)
        switch role {
        case .agent: return isPlace && !isCountry(mention, document) && document.entityMentions[mention].type == .place && possessive ? .place : .agent
        case .target: return .target
        case .place: return isPlace ? .place : nil
        case .destination: return isPlace ? .destination : .target
        case .source: return isPlace ? .source : nil
        case .targetOrPlace: return isPlace ? .place : .target
        case .agentOrPlace: return isPlace ? (isCountry(mention, document) ? .agent : .place) : .agent
        case .sides: return position == 0 ? .agent : .target
        }
    }

    /// A verb in the present tense, a progressive or the present perfect ("imposes", "is
    /// imposing", "was imposing", "has agreed"): news of the day its statement reports.
    func isOngoing(_ w: Int, _ tree: SentenceTree) -> Bool {
        guard tree.upos(w) == "VERB" else { return false }
        let form = tree.syntax.lowerForms[w]
        if form.hasSuffix("ing") { return tree.children(of: w).contains { tree.relation($0) == "aux" } }
        let auxiliaries = tree.children(of: w).filter { ["aux", "aux:pass"].contains(tree.relation($0)) }.map { tree.syntax.lowerForms[$0] }
        return auxiliaries.isEmpty ? form.hasSuffix("s") && !form.hasSuffix("ss") : auxiliaries.contains { ["is", "are", "am", "has", "have"].contains($0) }
    }

    /// A country acts ("Israel's strike"); other places are where ("South Asia's earthquake").
    func isCountry(_ mention: Int, _ document: AnalyzedDocument) -> Bool {
        countries.contains(document.articleEntities[document.entityMentions[mention].entity].name)
    }

    func isPassive(_ w: Int, _ tree: SentenceTree) -> Bool {
        hasPassiveDependent(w, tree) || isPredicativeParticiple(w, tree) || sharesPassive(w, tree)
    }

    private func hasPassiveDependent(_ w: Int, _ tree: SentenceTree) -> Bool {
        tree.children(of: w).contains { ["aux:pass", "nsubj:pass"].contains(tree.relation($0)) }
    }

    /// "was found guilty and sentenced": a verb conjunct with no subject or auxiliary of its own
    /// shares the passive of the verb it is coordinated with.
    func sharesPassive(_ w: Int, _ tree: SentenceTree) -> Bool {
        guard tree.relation(w) == "conj", tree.upos(w) == "VERB", let head = tree.head(of: w),
              !tree.children(of: w).contains(where: { ["aux", "aux:pass", "cop", "nsubj", "nsubj:pass"].contains(tree.relation($0)) }) else { return false }
        return hasPassiveDependent(head, tree)
    }

    /// An adjective with a copula that is a verb's participle ("was murdered", "were hurt").
    func isPredicativeParticiple(_ w: Int, _ tree: SentenceTree) -> Bool {
        guard tree.upos(w) == "ADJ" else { return false }
        let form = tree.syntax.lowerForms[w]
        return (form.hasSuffix("ed") || form.hasSuffix("en")) && tree.children(of: w).contains { tree.relation($0) == "cop" }
    }

    /// The subject a verb without one shares: a coordinated verb's ("stormed the station and
    /// arrested X"), its controller ("ordered police to raid": the object, else the subject), or
    /// the noun modified by its clause ("the militia that conducted", "militants killed in").
    func inheritedSubject(of w: Int, _ tree: SentenceTree, _ context: Context, depth: Int = 0) -> [(FilledRole, Int)] {
        guard let head = tree.head(of: w), depth < 3 else { return [] }
        let passive = isPassive(w, tree)
        switch tree.relation(w) {
        case "conj", "xcomp", "advcl":
            let children = tree.children(of: head)
            // Object control for an infinitive ("ordered police to raid", which the parser may call
            // adverbial); a participle is its clause subject's ("X fired a missile, killing one").
            let infinitive = tree.relation(w) == "xcomp" || tree.children(of: w).contains { tree.relation($0) == "mark" && tree.syntax.lowerForms[$0] == "to" }
            let controller = tree.relation(w) != "conj" && infinitive ? children.first { tree.relation($0) == "obj" } : nil
            guard let subject = controller ?? children.first(where: { ["nsubj", "nsubj:pass"].contains(tree.relation($0)) }) else {
                // "fired ..., killing one and wounding 20": the head shares a subject it inherited.
                let shared = inheritedSubject(of: head, tree, context, depth: depth + 1).filter { $0.0 == .agent }
                return passive ? shared.map { (.target, $0.1) } : shared
            }
            guard let m = mention(naming: subject, tree, context) else { return [] }
            return [(passive ? .target : .agent, m)]
        case "acl", "acl:relcl":
            guard let m = mention(naming: head, tree, context) else { return [] }
            // A relative pronoun subject stands for the noun ("who fired"); a participle without
            // one is passive ("militants killed") unless it ends in -ing ("forces attacking").
            let relativeSubject = tree.children(of: w).first { ["nsubj", "nsubj:pass"].contains(tree.relation($0)) }
            if let subject = relativeSubject {
                return [(tree.relation(subject) == "nsubj" ? .agent : .target, m)]
            }
            // "officials say warplanes raided targets": a past form with an object of its own is
            // the active verb of a clause the parser hung on its subject, not a passive participle.
            let hasObject = tree.children(of: w).contains { tree.relation($0) == "obj" }
            let active = (tree.syntax.lowerForms[w].hasSuffix("ing") || (hasObject && tree.relation(w) == "acl" && tree.relation(head) == "obj")) && !passive
            return [(active ? .agent : .target, m)]
        default:
            return []
        }
    }

    /// The event's participants: places, destinations and sources are its place (the first), each
    /// mention once, agents first.
    func eventParticipants(_ roles: [(FilledRole, Int)], _ document: AnalyzedDocument) -> [(ParticipantRole, Int)] {
        var out: [(ParticipantRole, Int)] = []
        var seenEntities = Set<String>()
        for wanted in [FilledRole.agent, .target, .place, .destination, .source] {
            for (role, m) in roles where role == wanted && seenEntities.insert(document.entityMentions[m].entityID).inserted {
                let participant: ParticipantRole = role == .agent ? .agent : role == .target ? .target : .place
                if participant == .place, out.contains(where: { $0.0 == .place }) { continue }
                out.append((participant, m))
            }
        }
        return out
    }

    /// Where the relation ends: the frame's object role, else the other of target and destination
    /// ("visited Van", "visit to Moscow").
    func relationEnd(_ object: FrameLexicon.RelationObject, _ roles: [(FilledRole, Int)]) -> Int? {
        let order: [FilledRole]
        switch object {
        case .target: order = [.target, .destination]
        case .destination: order = [.destination, .target]
        case .source: order = [.source]
        case .targetOrPlace: order = [.target, .destination, .place]
        }
        for role in order { if let m = roles.first(where: { $0.0 == role }) { return m.1 } }
        return nil
    }

    // MARK: Mentions

    /// Relations inside an argument that still name who or what it is: "Hamas fighters", "Mukasey,
    /// the attorney general", "four members of the Hamas military wing", "Israeli troops".
    static let namingRelations: Set<String> = ["compound", "flat", "flat:name", "appos", "nmod", "nmod:poss", "amod", "nummod"]

    /// The mention over an argument's head word, else the nearest one inside its name (breadth
    /// first through `namingRelations`; an "of"-modifier or none, not "troops in Lebanon"); else a
    /// demonym in it names its country, when the article names that country ("Israeli jets").
    func mention(naming word: Int, _ tree: SentenceTree, _ context: Context) -> Int? {
        let document = context.document
        // "an MKO camp", "this camp": the article's one camp, when it names one.
        if document.mentionCovering[tree.token(word)] == nil, let facility = context.facilityOfHead[tree.syntax.lowerForms[word]] { return facility }
        var queue = [word]
        var next = 0
        var demonymMention: Int?
        while next < queue.count, next < 32 {
            let w = queue[next]
            next += 1
            if let m = document.mentionCovering[tree.token(w)], document.entityMentions[m].isArgument { return m }
            if demonymMention == nil, let country = demonyms[tree.syntax.lowerForms[w]] { demonymMention = context.mentionOfName[country] }
            queue += namingChildren(of: w, tree)
        }
        return demonymMention
    }

    /// Names first (flat, compound, apposition: "his sons, Alaa and Gamal"), then modifiers; a
    /// relational noun's possessor is not who it is ("Adly's deputies" are not Adly).
    private func namingChildren(of w: Int, _ tree: SentenceTree) -> [Int] {
        let lower = tree.syntax.lowerForms[w]
        let relational = relationalNouns.contains(lower) || (lower.hasSuffix("s") && relationalNouns.contains(String(lower.dropLast())))
        let children = tree.children(of: w).filter { child in
            let relation = tree.relation(child)
            guard Self.namingRelations.contains(relation) else { return false }
            if relation == "nmod:poss" { return !relational }
            guard relation == "nmod" else { return true }
            let preposition = tree.children(of: child).first { tree.relation($0) == "case" }.map { tree.syntax.lowerLemmas[$0] }
            return preposition == nil || (preposition == "of" && (partitiveNouns.contains(lower) || tree.upos(w) == "NUM"))
        }
        // An apposition names the noun itself ("a Russian police officer, Sergei Lapin"), before
        // the compounds that say what kind it is.
        return children.filter { tree.relation($0) == "appos" }
            + children.filter { ["flat", "flat:name", "compound"].contains(tree.relation($0)) }
            + children.filter { !["flat", "flat:name", "compound", "appos"].contains(tree.relation($0)) }
    }

    // MARK: Dates

    /// Relations a date does not cross on its way up: what is said ("said that ... in 2014")
    /// belongs to its own clause; a dateline ("dep") dates the report, not what it reports.
    static let dateBarriers: Set<String> = ["ccomp", "parataxis", "csubj", "dep"]

    /// The date of each predicate (or verb of saying) a dated time expression of the sentence
    /// attaches to: the first met walking up from the expression (four steps at most, not out of
    /// what is said), so that "freed the remaining hostages late Thursday" dates the freeing even
    /// when the parser hangs "Thursday" on the hostages. Walking from each expression keeps it
    /// linear. Also: whether some expression dated nothing (for `sentenceDate`).
    func clauseDates(_ dated: [EventExtractor.DatedTimex], _ tree: SentenceTree, predicates: Set<Int>) -> (dates: [Int: TimeValue], unclaimed: [TimeValue]) {
        var dates: [Int: TimeValue] = [:]
        var unclaimed: [TimeValue] = []
        for timex in dated {
            guard let head = tree.headWord(ofTokens: timex.tokens) else { continue }
            var value = timex.value
            if value.precision == .time, let day = value.earliest { value = TimeValue(day: day) }
            var current = head
            var claimed = false
            for _ in 0..<4 {
                guard let up = tree.head(of: current), !Self.dateBarriers.contains(tree.relation(current)) else { break }
                if predicates.contains(up) || (tree.upos(up) == "VERB" && statementVerbs.contains(tree.syntax.lowerLemmas[up])) {
                    if dates[up] == nil { dates[up] = value }
                    claimed = true
                    break
                }
                current = up
            }
            if !claimed { unclaimed.append(value) }
        }
        return (dates, unclaimed)
    }

    /// A predicate's date: its own, else its light verb's, else (for a noun) the verb it is an
    /// argument of, else a conjoined predicate's.
    func date(of w: Int, light: Int?, _ tree: SentenceTree, _ dates: [Int: TimeValue]) -> TimeValue? {
        if let own = dates[w] { return own }
        if let light, let lent = dates[light] { return lent }
        if let head = tree.head(of: w) {
            let relation = tree.relation(w)
            if ["nsubj", "obj", "nsubj:pass", "obl"].contains(relation), tree.upos(w) == "NOUN", let governing = dates[head] { return governing }
            if relation == "conj", let shared = dates[head] { return shared }
        }
        for child in tree.children(of: w) where tree.relation(child) == "conj" {
            if let shared = dates[child] { return shared }
        }
        return nil
    }

    // MARK: Modality

    /// Negated, planned or hedged by a cue of `modality.tsv`; else reported when the predicate lies
    /// in what a statement of the sentence says; else asserted. A negated, planned or hedged
    /// predicate in what a statement says keeps its speaker as `by` ("no one was killed, the
    /// ministry said" is the ministry's denial). `denier` is the subject of the verb that denies
    /// the event ("Israel denied attacking", "Israel denied responsibility for the attack"), and
    /// `deniesDoingIt` whether the event is that verb's object, so that the denier is who would
    /// have done it.
    func modality(of w: Int, light: Int?, _ tree: SentenceTree, _ reporting: ReportedSpans)
        -> (modality: Modality, by: Int?, denier: Int?, deniesDoingIt: Bool) {
        var found: [ModalityCues.Cue] = []
        for predicate in [w] + (light.map { [$0] } ?? []) {
            found += cues.modalities(of: predicate, tree)
        }
        let speaker = reporting.speaker(of: tree.token(w))
        for strongest in [Modality.negated, .planned, .hedged] {
            guard let cue = found.first(where: { $0.modality == strongest }) else { continue }
            let denies = strongest == .negated && [.governor, .object].contains(cue.place)
            let denier = denies ? tree.children(of: cue.word).first { tree.relation($0) == "nsubj" } : nil
            return (strongest, speaker, denier, cue.place == .object)
        }
        if let speaker { return (.reported, speaker, nil, false) }
        return (.asserted, nil, nil, false)
    }
}

/// `Resources/events/modality.tsv`: the words that make a predicate negated, planned or hedged, by
/// where they stand in the tree.
struct ModalityCues: Sendable {
    enum Place: String, Sendable { case aux, adverb, modifier, governor, determiner, object }
    struct Key: Hashable, Sendable { var lemma: String; var place: Place }
    let cues: [Key: Modality]

    init() throws(ResourceError) {
        var cues: [Key: Modality] = [:]
        for row in try Self.rows() {
            guard let place = Place(rawValue: row.fields["where"]!), let modality = Modality(rawValue: row.fields["modality"]!) else {
                throw .malformed(file: "Resources/events/modality.tsv", line: row.line, column: 2, problem: "unknown place or modality")
            }
            cues[Key(lemma: row.fields["cue"]!, place: place)] = modality
        }
        self.cues = cues
    }

    static func rows() throws(ResourceError) -> [(line: Int, fields: [String: String])] {
        try ExtractionResources.table("events/modality.tsv", columns: ["cue", "where", "modality", "example", "expect"])
    }

    /// "denied the attack", "disputed responsibility for the death": an event noun that is what a
    /// verb takes as its object, directly, as an oblique, or through the object noun it hangs on.
    private func lookAtClaimVerb(of w: Int, _ tree: SentenceTree, look: (Int, Place) -> Void) {
        guard tree.upos(w) == "NOUN", let head = tree.head(of: w) else { return }
        let relation = tree.relation(w)
        if ["obj", "obl"].contains(relation), tree.upos(head) == "VERB" {
            look(head, .object)
        } else if relation == "nmod", tree.relation(head) == "obj", let verb = tree.head(of: head), tree.upos(verb) == "VERB" {
            look(verb, .object)
        }
    }

    /// A cue found: its modality, its word and where it stands.
    struct Cue: Sendable {
        var modality: Modality
        var word: Int
        var place: Place
    }

    /// The cues around one predicate word.
    func modalities(of w: Int, _ tree: SentenceTree) -> [Cue] {
        var out: [Cue] = []
        // By lemma or form: "alleged" is the lemma "allege" as a participle.
        func look(_ word: Int, _ place: Place) {
            if let m = cues[Key(lemma: tree.syntax.lowerLemmas[word], place: place)] ?? cues[Key(lemma: tree.syntax.lowerForms[word], place: place)] {
                out.append(Cue(modality: m, word: word, place: place))
            }
        }
        for child in tree.children(of: w) {
            switch tree.relation(child) {
            case "aux": look(child, .aux)
            case "advmod": look(child, .adverb)
            case "amod": look(child, .modifier)
            case "nsubj", "nsubj:pass", "obj":
                for det in tree.children(of: child) where tree.relation(det) == "det" { look(det, .determiner) }
            default: break
            }
        }
        lookAtClaimVerb(of: w, tree, look: look)
        // "accused Hamas of attacking": the clause hangs on the governor's object.
        var clause = w
        if tree.relation(w) == "acl", let head = tree.head(of: w), ["obj", "nsubj:pass"].contains(tree.relation(head)), tree.head(of: head) != nil { clause = head }
        if ["xcomp", "ccomp", "advcl"].contains(tree.relation(w)) || clause != w, let governor = tree.head(of: clause) {
            look(governor, .governor)
            // "is expected to visit", "would visit": the governor's own auxiliaries count too.
            for child in tree.children(of: governor) where tree.relation(child) == "aux" { look(child, .aux) }
        }
        return out
    }
}
