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
        var rule: String
        /// A noun with a determiner and nothing else ("the raid"): may name an event reported before.
        var isDefiniteNoun: Bool
    }

    let lexicon: FrameLexicon
    let cues: ModalityCues
    /// Demonym → the country it names ("israeli" → "Israel"), lowercased.
    let demonyms: [String: String]

    init() throws(ResourceError) {
        lexicon = try FrameLexicon()
        cues = try ModalityCues()
        var demonyms: [String: String] = [:]
        for (words, country) in try EntityLexicon.standard().demonyms where words.count == 1 { demonyms[words[0]] = country.lowercased() }
        self.demonyms = demonyms
    }

    /// What the argument rules look up in one document: the first argument mention of each
    /// entity by its lowercased name, for "Israeli jets" to name Israel when the article does.
    struct Context {
        let document: AnalyzedDocument
        let mentionOfName: [String: Int]

        init(_ document: AnalyzedDocument) {
            self.document = document
            var first: [String: Int] = [:]
            for m in document.entityMentions where m.isArgument {
                for name in document.articleEntities[m.entity].allNames where first[name.lowercased()] == nil { first[name.lowercased()] = m.index }
            }
            mentionOfName = first
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
        let context = Context(document)
        let said = statements.filter { $0.content != nil }.sorted { $0.content!.lowerBound < $1.content!.lowerBound }
        for (index, sentence) in document.sentences.enumerated() where index < syntax.parsedSentences.count && syntax.parsedSentences[index] {
            let words = syntax.sentenceWords[index]
            let predicates = self.predicates(words, syntax, document)
            guard !predicates.isEmpty else { continue }
            let tree = SentenceTree(syntax: syntax, words: words)
            let sentenceDates = dated[datedStarts.firstIndex(atLeast: sentence.tokens.lowerBound)..<datedStarts.firstIndex(atLeast: sentence.tokens.upperBound)]
            let dates = clauseDates(Array(sentenceDates), tree)
            let reporting = said.filter { $0.sentence == index }
            for predicate in predicates {
                if let draft = draft(predicate, tree, context, dates, reporting, sentence: index) { drafts.append(draft) }
            }
        }
        return drafts
    }

    // MARK: Predicates

    /// The words of a sentence that are predicates of the lexicon, outside entity names ("Rescue"
    /// in "International Rescue Committee"); a light verb whose object is an event noun is not one.
    func predicates(_ words: Range<Int>, _ syntax: SyntaxLayer, _ document: AnalyzedDocument) -> [Predicate] {
        var found: [Predicate] = []
        var lightOf: [Int: (verb: Int, subjectIsAgent: Bool)] = [:]
        var lightVerbs = Set<Int>()
        for w in words where syntax.upos[w] == "VERB" {
            let lemma = syntax.lemmas[w].lowercased()
            let particle = words.first { Int(syntax.heads[$0]) == w && syntax.relations[$0] == "compound:prt" }.map { syntax.lemmas[$0].lowercased() }
            let key = particle.map { lemma + " " + $0 } ?? lemma
            guard let subjectIsAgent = lexicon.lightVerbs[key] ?? lexicon.lightVerbs[lemma] else { continue }
            // The event noun: the verb's object, or its passive subject ("sanctions were imposed").
            for n in words where Int(syntax.heads[n]) == w && ["obj", "nsubj:pass"].contains(syntax.relations[n]) && syntax.upos[n] == "NOUN" {
                if nounFrame(n, syntax) != nil {
                    lightOf[n] = (w, subjectIsAgent)
                    lightVerbs.insert(w)
                }
            }
        }
        for w in words where document.mentionCovering[Int(syntax.tokenOfWord[w])] == nil && !lightVerbs.contains(w) {
            switch syntax.upos[w] {
            case "VERB":
                let lemma = syntax.lemmas[w].lowercased()
                let particle = words.first { Int(syntax.heads[$0]) == w && syntax.relations[$0] == "compound:prt" }.map { syntax.lemmas[$0].lowercased() }
                if let frame = lexicon.frame(lemma: lemma, particle: particle, pos: .verb) { found.append(Predicate(word: w, frame: frame, pos: .verb)) }
            case "NOUN":
                if let frame = nounFrame(w, syntax) { found.append(Predicate(word: w, frame: frame, pos: .noun, light: lightOf[w])) }
            default:
                continue
            }
        }
        return found
    }

    /// An event noun's frame, by its lemma, or by its form without a plural "s" when the
    /// lemmatizer did not know it ("skirmishes").
    func nounFrame(_ w: Int, _ syntax: SyntaxLayer) -> FrameLexicon.Frame? {
        let lemma = syntax.lemmas[w].lowercased()
        if let frame = lexicon.frame(lemma: lemma, particle: nil, pos: .noun) { return frame }
        let form = syntax.forms[w].lowercased()
        for suffix in ["es", "s"] where form.hasSuffix(suffix) && form.count > suffix.count + 2 {
            if let frame = lexicon.frame(lemma: String(form.dropLast(suffix.count)), particle: nil, pos: .noun) { return frame }
        }
        return nil
    }

    // MARK: One event

    func draft(_ predicate: Predicate, _ tree: SentenceTree, _ context: Context, _ dates: [Int: TimeValue],
               _ reporting: [StatementFinder.Statement], sentence: Int) -> Draft? {
        let document = context.document
        let w = predicate.word
        var roles = arguments(of: w, predicate.pos, tree, context)
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
        let participants = eventParticipants(roles, document)
        let relationObject = predicate.frame.relation == nil ? nil : relationEnd(predicate.frame.object, roles)
        guard predicate.frame.type != nil || relationObject != nil else { return nil }
        let (modality, by) = self.modality(of: w, light: predicate.light?.verb, tree, reporting)
        let isDefinite = predicate.pos == .noun && participants.isEmpty
            && tree.children(of: w).contains { tree.relation($0) == "det" && ["the", "this", "that", "these", "those"].contains(tree.syntax.lemmas[$0].lowercased()) }
        return Draft(type: predicate.frame.type, trigger: tree.token(w), sentence: sentence,
                     date: date(of: w, light: predicate.light?.verb, tree, dates), participants: participants,
                     relation: predicate.frame.relation, relationObject: relationObject, modality: modality, by: by,
                     rule: "event.frame.\(predicate.pos.rawValue)" + (predicate.light == nil ? "" : ".light-verb"), isDefiniteNoun: isDefinite)
    }

    /// A role as an argument fills it, before places and destinations become the event's place.
    enum FilledRole: Equatable { case agent, target, place, destination, source }

    /// The roles filled by a predicate's own dependents (and the conjuncts of each).
    func arguments(of w: Int, _ pos: FrameLexicon.PartOfSpeech, _ tree: SentenceTree, _ context: Context, skipping: Int? = nil) -> [(FilledRole, Int)] {
        let document = context.document
        var out: [(FilledRole, Int)] = []
        for child in tree.children(of: w) where child != skipping {
            let relation = tree.relation(child)
            let preposition = tree.children(of: child).first { tree.relation($0) == "case" }.map { tree.syntax.lemmas[$0].lowercased() } ?? ""
            let base = String(relation.prefix { $0 != ":" })
            guard let role = lexicon.arguments[.init(pos: pos, relation: relation, preposition: preposition)]
                    ?? lexicon.arguments[.init(pos: pos, relation: base, preposition: preposition)] else { continue }
            let conjuncts = [child] + tree.children(of: child).filter { tree.relation($0) == "conj" }
            let mentions = conjuncts.compactMap { mention(naming: $0, tree, context) }
            for (offset, m) in mentions.enumerated() {
                if let filled = fill(role, mention: m, document, position: offset) { out.append((filled, m)) }
            }
        }
        return out
    }

    /// The role a mention fills for a lexicon role, by the mention's type.
    func fill(_ role: FrameLexicon.Role, mention: Int, _ document: AnalyzedDocument, position: Int) -> FilledRole? {
        let isPlace = [.place, .facility].contains(document.entityMentions[mention].type)
        switch role {
        case .agent: return .agent
        case .target: return .target
        case .place: return isPlace ? .place : nil
        case .destination: return isPlace ? .destination : nil
        case .source: return isPlace ? .source : nil
        case .targetOrPlace: return isPlace ? .place : .target
        case .agentOrPlace: return isPlace ? .place : .agent
        case .sides: return position == 0 ? .agent : .target
        }
    }

    func isPassive(_ w: Int, _ tree: SentenceTree) -> Bool {
        tree.children(of: w).contains { ["aux:pass", "nsubj:pass"].contains(tree.relation($0)) }
    }

    /// The subject a verb without one shares: a coordinated verb's ("stormed the station and
    /// arrested X"), its controller ("ordered police to raid": the object, else the subject), or
    /// the noun modified by its clause ("the militia that conducted", "militants killed in").
    func inheritedSubject(of w: Int, _ tree: SentenceTree, _ context: Context) -> [(FilledRole, Int)] {
        guard let head = tree.head(of: w) else { return [] }
        let passive = isPassive(w, tree)
        switch tree.relation(w) {
        case "conj", "xcomp", "advcl":
            let children = tree.children(of: head)
            let controller = tree.relation(w) == "conj" ? nil : children.first { tree.relation($0) == "obj" }
            guard let subject = controller ?? children.first(where: { ["nsubj", "nsubj:pass"].contains(tree.relation($0)) }),
                  let m = mention(naming: subject, tree, context) else { return [] }
            return [(passive ? .target : .agent, m)]
        case "acl", "acl:relcl":
            guard let m = mention(naming: head, tree, context) else { return [] }
            // A relative pronoun subject stands for the noun ("who fired"); a participle without
            // one is passive ("militants killed") unless it ends in -ing ("forces attacking").
            let relativeSubject = tree.children(of: w).first { ["nsubj", "nsubj:pass"].contains(tree.relation($0)) }
            if let subject = relativeSubject {
                return [(tree.relation(subject) == "nsubj" ? .agent : .target, m)]
            }
            let active = tree.syntax.forms[w].lowercased().hasSuffix("ing") && !passive
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
        guard roles.contains(where: { $0.0 == .agent }) else { return nil }
        let order: [FilledRole]
        switch object {
        case .target: order = [.target, .destination]
        case .destination: order = [.destination, .target]
        case .source: order = [.source]
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
        var queue = [word]
        var next = 0
        var demonymMention: Int?
        while next < queue.count, next < 32 {
            let w = queue[next]
            next += 1
            if let m = document.mentionCovering[tree.token(w)], document.entityMentions[m].isArgument { return m }
            if demonymMention == nil, let country = demonyms[tree.syntax.forms[w].lowercased()] { demonymMention = context.mentionOfName[country] }
            queue += namingChildren(of: w, tree)
        }
        return demonymMention
    }

    private func namingChildren(of w: Int, _ tree: SentenceTree) -> [Int] {
        tree.children(of: w).filter { child in
            let relation = tree.relation(child)
            guard Self.namingRelations.contains(relation) else { return false }
            guard relation == "nmod" else { return true }
            let preposition = tree.children(of: child).first { tree.relation($0) == "case" }.map { tree.syntax.lemmas[$0].lowercased() }
            return preposition == nil || preposition == "of"
        }
    }

    // MARK: Dates

    /// The date of each word a dated time expression attaches to: directly ("raided on Tuesday")
    /// or through one noun of an oblique, never through a clause. Walking from each expression up
    /// keeps it linear.
    func clauseDates(_ dated: [EventExtractor.DatedTimex], _ tree: SentenceTree) -> [Int: TimeValue] {
        var dates: [Int: TimeValue] = [:]
        for timex in dated {
            guard let head = tree.headWord(ofTokens: timex.tokens) else { continue }
            var value = timex.value
            if value.precision == .time, let day = value.earliest { value = TimeValue(day: day) }
            var current = head
            for _ in 0..<3 {
                guard let up = tree.head(of: current), !StatementFinder.contentRelations.contains(tree.relation(current)) else { break }
                if ["VERB", "NOUN"].contains(tree.upos(up)) {
                    if dates[up] == nil { dates[up] = value }
                    if tree.upos(up) == "VERB" { break }
                }
                current = up
            }
        }
        return dates
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
    /// in what a statement of the sentence says (with its speaker); else asserted.
    func modality(of w: Int, light: Int?, _ tree: SentenceTree, _ reporting: [StatementFinder.Statement]) -> (Modality, Int?) {
        var found: [Modality] = []
        for predicate in [w] + (light.map { [$0] } ?? []) {
            found += cues.modalities(of: predicate, tree)
        }
        for strongest in [Modality.negated, .planned, .hedged] where found.contains(strongest) { return (strongest, nil) }
        let token = tree.token(w)
        if let statement = reporting.first(where: { $0.content!.contains(token) && $0.speaker != nil }) { return (.reported, statement.speaker) }
        return (.asserted, nil)
    }
}

/// `Resources/events/modality.tsv`: the words that make a predicate negated, planned or hedged, by
/// where they stand in the tree.
struct ModalityCues: Sendable {
    enum Place: String, Sendable { case aux, adverb, modifier, governor, determiner }
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

    /// The modalities the cues around one predicate word give.
    func modalities(of w: Int, _ tree: SentenceTree) -> [Modality] {
        var out: [Modality] = []
        func look(_ word: Int, _ place: Place) {
            if let m = cues[Key(lemma: tree.syntax.lemmas[word].lowercased(), place: place)] { out.append(m) }
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
        if ["xcomp", "ccomp", "advcl"].contains(tree.relation(w)), let governor = tree.head(of: w) {
            look(governor, .governor)
            // "is expected to visit", "would visit": the governor's own auxiliaries count too.
            for child in tree.children(of: governor) where tree.relation(child) == "aux" { look(child, .aux) }
        }
        return out
    }
}
