import EventGraphCore

/// Relations that noun phrases state, read from the dependency tree of each parsed sentence:
///
/// - characterizations (`cited-as`): an apposition ("the Islamic Jihad, another Palestinian
///   group"), a description before a name ("business tycoon Hussein Salem"), "designated X as a
///   terrorist organization", "X is a killer", "a group known as X", "groups including X";
/// - `part-of` and `belongs-to`: an organization whose name starts with another organization's
///   ("the Hamas military wing", "U.N. peacekeeping force") or a country's;
/// - `member-of`: a person with an organization in the same phrase ("VOA correspondent X", "X of
///   the Narcotics Unit", "X from the National Democratic Institute");
/// - `located-in`: "the police academy in Cairo", "Beijing's liaison office".
///
/// What lies inside a statement is reported, by its speaker.
struct NounPhraseRelations: Sendable {
    /// Verbs that characterize their object "as" something (`Resources/relations/characterizing-verbs.tsv`).
    let characterizingVerbs: Set<String>
    /// Heads that make a description a relation, not a characterization (`relational-nouns.tsv`).
    let relationalNouns: Set<String>
    let lexicon: EntityLexicon
    /// Role of a title (`entities/titles.tsv`) → the relation it states (`relations/roles.tsv`).
    let roleRelations: [String: String]
    /// Nouns that make a person a member of the organization named with them (`membership-nouns.tsv`).
    let membershipNouns: Set<String>
    /// Nouns that make an organization part of the one in their "of" phrase (`part-nouns.tsv`).
    let partNouns: Set<String>
    /// Participles that place what they modify ("based in", "headquartered in": `locating-verbs.tsv`).
    let locatingVerbs: Set<String>

    init(lexicon: EntityLexicon, roleRelations: [String: String]) throws(ResourceError) {
        self.lexicon = lexicon
        self.roleRelations = roleRelations
        membershipNouns = try Self.membershipNouns()
        relationalNouns = try Self.relationalNounTable().union(membershipNouns)
        characterizingVerbs = try Self.characterizingVerbs()
        partNouns = Set(try ExtractionResources.table("relations/part-nouns.tsv", columns: ["word", "example"]).map { $0.fields["word"]!.lowercased() })
        locatingVerbs = Set(try ExtractionResources.table("relations/locating-verbs.tsv", columns: ["lemma", "example"]).map { $0.fields["lemma"]!.lowercased() })
    }

    /// `relations/relational-nouns.tsv` and the membership nouns, lowercased: no characterization
    /// ("X, a volunteer with Y"), and what the event stage's argument names do not look through
    /// ("Adly's deputies" are not Adly, nor "Hamas's militants" Hamas).
    static func relationalNouns() throws(ResourceError) -> Set<String> {
        try relationalNounTable().union(try membershipNouns())
    }

    private static func relationalNounTable() throws(ResourceError) -> Set<String> {
        Set(try ExtractionResources.table("relations/relational-nouns.tsv", columns: ["word"]).map { $0.fields["word"]!.lowercased() })
    }

    /// `relations/membership-nouns.tsv`, lowercased.
    static func membershipNouns() throws(ResourceError) -> Set<String> {
        Set(try ExtractionResources.table("relations/membership-nouns.tsv", columns: ["word", "example"]).map { $0.fields["word"]!.lowercased() })
    }

    /// `relations/characterizing-verbs.tsv`'s lemmas: also what makes a sentence one the parser reads.
    static func characterizingVerbs() throws(ResourceError) -> Set<String> {
        Set(try ExtractionResources.table("relations/characterizing-verbs.tsv", columns: ["lemma", "example"]).map { $0.fields["lemma"]!.lowercased() })
    }

    /// A relation as a rule finds it, before the stage gives it its modality.
    struct Found {
        var type: String
        var source: Int
        var target: Int?
        var label: String?
        var by: Int?
        var tokens: ClosedRange<Int>
        var rule: RuleID
    }

    func relations(in document: AnalyzedDocument, instantTypes: Set<String>) -> [RelationMention] {
        let syntax = document.syntax
        guard syntax.count > 0 else { return [] }
        let said = ReportedSpans(document.eventMentions.compactMap { e in
            guard e.type == "statement", let content = e.content, let speaker = e.participants.first(where: { $0.role == .agent })?.mention else { return nil }
            return (content: content, speaker: speaker)
        })
        var out: [RelationMention] = []
        for (index, _) in document.sentences.enumerated() where index < syntax.parsedSentences.count && syntax.parsedSentences[index] {
            let tree = SentenceTree(syntax: syntax, words: syntax.sentenceWords[index])
            var found: [Found] = []
            found += characterizations(tree, document)
            found += containment(tree, document)
            found += locatedByParticiple(tree, document)
            found += memberships(tree, document)
            found += titledRoles(tree, document)
            for f in found {
                guard document.entityMentions[f.source].entityID != f.target.map({ document.entityMentions[$0].entityID }) else { continue }
                let speaker = said.speaker(of: f.tokens.lowerBound)
                let by = f.by ?? speaker
                let reported = by != nil && document.entityMentions[by!].entityID != document.entityMentions[f.source].entityID
                out.append(RelationMention(type: f.type, source: f.source, target: f.target, label: f.label, by: reported ? by : nil, tokens: f.tokens,
                                           rule: f.rule, confidence: 0.6, time: nil, modality: reported ? .reported : .asserted,
                                           timeInIdentity: instantTypes.contains(f.type)))
            }
        }
        out += nameContainment(document)
        return out
    }

    // MARK: Characterizations

    func characterizations(_ tree: SentenceTree, _ document: AnalyzedDocument) -> [Found] {
        var out: [Found] = []
        for w in tree.words {
            switch tree.relation(w) {
            case "appos":
                // (The parser may hang the apposition on the comma before it: "A Kenyan
                // journalist, Amina Odhiambo, ...".)
                guard let attached = tree.head(of: w), let head = tree.upos(attached) == "PUNCT" ? tree.head(of: attached) : attached else { break }
                let span = tree.tokens(between: head, w)
                // "X, a description" and "A description, X".
                // "The UN refugee agency, UNHCR": the organization named in the description holds it.
                for (named, description) in [(head, w), (w, head)] {
                    guard let org = characterizable(named, tree, document), document.entityMentions[org].type == .organization,
                          tree.upos(description) == "NOUN", document.mentionCovering[tree.token(description)] == nil,
                          let holder = holderOrganization(of: description, excluding: org, tree, document)
                    else { continue }
                    out.append(Found(type: "part-of", source: org, target: holder, tokens: span, rule: .relationPartOfApposition))
                }
                if let named = characterizable(head, tree, document), let label = description(w, tree, document) {
                    out.append(Found(type: "cited-as", source: named, label: label, tokens: span, rule: .relationCitedAsApposition))
                } else if let named = characterizable(w, tree, document), let label = description(head, tree, document) {
                    out.append(Found(type: "cited-as", source: named, label: label, tokens: span, rule: .relationCitedAsApposition))
                }
            case "obj", "nsubj:pass":
                out += asPhrase(object: w, tree, document)
            case "iobj":
                // "labeled Hamas a terrorist group": the second object describes the first.
                guard let verb = tree.head(of: w), characterizingVerbs.contains(tree.syntax.lowerLemmas[verb]),
                      let described = tree.children(of: verb).first(where: { tree.relation($0) == "obj" }),
                      let named = nameMention(w, tree, document), let label = description(described, tree, document) else { break }
                let sayer = tree.children(of: verb).first { tree.relation($0) == "nsubj" }.flatMap { nameMention($0, tree, document) }
                out.append(Found(type: "cited-as", source: named, label: label, by: sayer, tokens: tree.tokens(between: verb, described), rule: .relationCitedAsAsPhrase))
            case "cop":
                // "X is an affiliate of Y": an organization part of another.
                if let description = tree.head(of: w), partNouns.contains(tree.syntax.lowerLemmas[description]),
                   let subject = tree.children(of: description).first(where: { tree.relation($0) == "nsubj" }),
                   let org = characterizable(subject, tree, document), document.entityMentions[org].type == .organization,
                   let holder = holderOrganization(of: description, excluding: org, tree, document) {
                    out.append(Found(type: "part-of", source: org, target: holder, tokens: tree.tokens(between: subject, description), rule: .relationPartOfApposition))
                    break
                }
                // "Putin is a killer": a copula with an indefinite description.
                guard let description = tree.head(of: w), let subject = tree.children(of: description).first(where: { tree.relation($0) == "nsubj" }),
                      let named = characterizable(subject, tree, document),
                      tree.children(of: description).contains(where: { tree.relation($0) == "det" && ["a", "an"].contains(tree.syntax.lowerLemmas[$0]) }),
                      let label = self.description(description, tree, document) else { break }
                out.append(Found(type: "cited-as", source: named, label: label, tokens: tree.tokens(between: subject, description), rule: .relationCitedAsCopula))
            case "acl":
                // "a group known as the AUC"
                guard ["know", "call", "name"].contains(tree.syntax.lowerLemmas[w]), let head = tree.head(of: w),
                      let label = description(head, tree, document) else { break }
                for child in tree.children(of: w) where hasPreposition(child, "as", tree) {
                    if let named = characterizable(child, tree, document) {
                        out.append(Found(type: "cited-as", source: named, label: label, tokens: tree.tokens(between: head, child), rule: .relationCitedAsKnownAs))
                    }
                }
            case "nmod", "obl":
                // "militant groups including Kait'ib Hezbollah", "armed groups such as X" (markers
                // by form: the lemmatizer makes "including" "include"). The kind is the noun the
                // list hangs on, or, when the parser hung it on the verb, the noun just before it.
                guard let marker = tree.children(of: w).first(where: { tree.relation($0) == "case" && ["including", "like", "such"].contains(tree.syntax.lowerForms[$0]) }),
                      let attached = tree.head(of: w) else { break }
                let head = tree.upos(attached) == "NOUN" ? attached : marker - 1
                guard head >= tree.words.lowerBound, tree.upos(head) == "NOUN", let label = description(head, tree, document) else { break }
                for member in [w] + tree.children(of: w).filter({ tree.relation($0) == "conj" }) {
                    if let named = characterizable(member, tree, document) {
                        out.append(Found(type: "cited-as", source: named, label: label, tokens: tree.tokens(between: head, member), rule: .relationCitedAsIncluding))
                    }
                }
            default:
                break
            }
        }
        out += descriptorsBeforeNames(tree, document)
        return out
    }

    /// The organization a describing noun names as its whole: its compound or possessor ("the
    /// Hamas military wing", "al-Qaida's branch"), or for a part noun its "of" phrase ("an
    /// affiliate of al-Qaida").
    private func holderOrganization(of description: Int, excluding org: Int, _ tree: SentenceTree, _ document: AnalyzedDocument) -> Int? {
        let isPartNoun = partNouns.contains(tree.syntax.lowerLemmas[description])
        return tree.children(of: description).lazy.filter { child in
            ["compound", "nmod:poss"].contains(tree.relation(child)) || (isPartNoun && tree.relation(child) == "nmod" && self.hasPreposition(child, "of", tree))
        }.compactMap { self.nameMention($0, tree, document) }
            .first { document.entityMentions[$0].type == .organization && document.entityMentions[$0].entityID != document.entityMentions[org].entityID }
    }

    /// "designated X as a foreign terrorist organization", "X was labeled a terrorist group", with
    /// the verb's subject (or passive agent) as who says so.
    func asPhrase(object: Int, _ tree: SentenceTree, _ document: AnalyzedDocument) -> [Found] {
        guard let verb = tree.head(of: object), tree.upos(verb) == "VERB", characterizingVerbs.contains(tree.syntax.lowerLemmas[verb]) else { return [] }
        let descriptions = tree.children(of: verb).filter { child in
            (["obl", "xcomp", "advcl"].contains(tree.relation(child)) && (isIntroducedByAs(child, tree) || tree.relation(child) == "xcomp"))
                && ["NOUN", "PROPN"].contains(tree.upos(child))
        }
        // "designated X, Y, and Z as Specially Designated Global Terrorists", parsed with the
        // description as one more conjunct of the objects: the noun after "as" describes the
        // conjuncts before it.
        let misattached = descriptions.isEmpty ? tree.children(of: object).first { conjunct in
            tree.relation(conjunct) == "conj" && ["NOUN", "PROPN"].contains(tree.upos(conjunct)) && isIntroducedByAs(conjunct, tree)
        } : nil
        // "ranked Pakistan as the deadliest country": a place word is a description here.
        guard let described = descriptions.first ?? misattached,
              let label = description(described, tree, document, placesToo: true, designationsToo: true) else { return [] }
        let sayer = tree.children(of: verb).first { tree.relation($0) == "nsubj" || tree.relation($0) == "obl:agent" }.flatMap { nameMention($0, tree, document) }
        var out: [Found] = []
        var conjuncts = tree.children(of: object).filter { conjunct in
            tree.relation(conjunct) == "conj" && misattached.map { conjunct < $0 } ?? true
        }
        // The last conjunct may hang off the misattached description ("and Z as ...": Z its modifier).
        if let misattached, let asWord = tree.words.first(where: { $0 > object && $0 < misattached && tree.syntax.lowerLemmas[$0] == "as" }) {
            conjuncts += tree.children(of: misattached).filter { ["amod", "compound", "nmod"].contains(tree.relation($0)) && $0 < asWord }
        }
        for member in [object] + conjuncts {
            if let named = nameMention(member, tree, document) {
                out.append(Found(type: "cited-as", source: named, label: label, by: sayer, tokens: tree.tokens(between: verb, described), rule: .relationCitedAsAsPhrase))
            }
        }
        return out
    }

    /// "business tycoon Hussein Salem", "authoritarian President Alexander Lukashenko": lowercase
    /// nouns and adjectives right before a name, not titles alone ("President X" is a title).
    func descriptorsBeforeNames(_ tree: SentenceTree, _ document: AnalyzedDocument) -> [Found] {
        var out: [Found] = []
        var seen = Set<Int>()
        for w in tree.words {
            guard let m = document.mentionCovering[tree.token(w)], seen.insert(m).inserted else { continue }
            let mention = document.entityMentions[m]
            guard mention.isName, [.person, .organization].contains(mention.type) else { continue }
            var start = mention.tokens.lowerBound
            var words: [String] = []
            while start > 0, words.count < 4 {
                let t = start - 1
                let firstWord = Int(tree.syntax.firstWordOfToken[t])
                guard firstWord >= tree.words.lowerBound, tree.words.contains(firstWord), document.mentionCovering[t] == nil else { break }
                let upos = tree.upos(firstWord)
                let text = document.text(of: t)
                let isTitle = lexicon.titles[[text.lowercased()]] != nil
                let lowercase = text.first.map { $0.isLowercase } ?? false
                guard (upos == "NOUN" || upos == "ADJ" || (upos == "PROPN" && isTitle)) && (lowercase || isTitle) else { break }
                words.insert(text, at: 0)
                start = t
            }
            guard !words.isEmpty, words.contains(where: { lexicon.titles[[$0.lowercased()]] == nil && !lexicon.commonWords.contains($0.lowercased()) || $0.contains("-") }) else { continue }
            // A title inside the mention ("President" of "President X") completes the description.
            out.append(Found(type: "cited-as", source: m, label: words.joined(separator: " "), tokens: start...mention.tokens.upperBound, rule: .relationCitedAsDescriptor))
        }
        return out
    }

    /// The text of a description headed by `w`: a common noun with its modifiers before it (no
    /// determiner), not a name; nil when `w` is no such noun.
    func description(_ w: Int, _ tree: SentenceTree, _ document: AnalyzedDocument, placesToo: Bool = false, designationsToo: Bool = false) -> String? {
        // Not a name; a description the entity stage took for a mention of it ("the deadliest
        // country" of Pakistan) still describes.
        guard tree.upos(w) == "NOUN", document.mentionCovering[tree.token(w)].map({ !document.entityMentions[$0].isName }) ?? true else { return nil }
        // A lowercase common noun that is no title, place word or relation ("spokesman", "town",
        // "son"): those are roles and places, which other relations state.
        let head = tree.syntax.forms[w]
        let lower = head.lowercased()
        let singular = Self.singular(lower)
        // After "designated ... as", a capitalized noun no name covers is the designation's own
        // name ("as Specially Designated Global Terrorists").
        // An occupation with no organization named ("A Russian journalist, Anna Politkovskaya")
        // describes; an office, or a member's title with its organization, is a role.
        let namesOrganization = tree.children(of: w).contains { child in
            document.mentionCovering[tree.token(child)].map { document.entityMentions[$0].type == .organization } ?? false
        }
        func isRole(_ word: String) -> Bool {
            guard let role = lexicon.titles[[word]] else { return false }
            return namesOrganization || (roleRelations[role].map { $0 != "member-of" } ?? false)
        }
        guard head.first?.isLowercase == true || designationsToo, !isRole(lower), !isRole(singular),
              placesToo || (!lexicon.placeHeads.contains(lower) && !lexicon.placeHeads.contains(singular)),
              !relationalNouns.contains(lower), !relationalNouns.contains(singular) else { return nil }
        // "commerce secretary Wilbur Ross": a noun before a title word is part of the title.
        if w + 1 < tree.words.upperBound, lexicon.titles[[tree.syntax.lowerForms[w + 1]]] != nil { return nil }
        let left = tree.children(of: w).filter { $0 < w && ["amod", "compound", "nmod:npmod", "advmod"].contains(tree.relation($0)) && document.mentionCovering[tree.token($0)] == nil }
        let first = left.min().map { leftmost(of: $0, tree) } ?? w
        guard tree.token(w) - tree.token(first) < 8 else { return nil }
        return document.text(of: document.tokens[tree.token(first)].span.union(document.tokens[tree.token(w)].span))
    }

    private func leftmost(of w: Int, _ tree: SentenceTree) -> Int {
        var current = w
        while let child = tree.children(of: current).filter({ $0 < current && !["det", "punct", "case", "mark"].contains(tree.relation($0)) }).min() { current = child }
        return current
    }

    /// The name mention a word is (or heads): a person, organization, place or facility.
    func nameMention(_ w: Int, _ tree: SentenceTree, _ document: AnalyzedDocument) -> Int? {
        guard let m = document.mentionCovering[tree.token(w)], document.entityMentions[m].isArgument else { return nil }
        return m
    }

    /// Who or what can be characterized: a person or an organization named by name.
    func characterizable(_ w: Int, _ tree: SentenceTree, _ document: AnalyzedDocument) -> Int? {
        guard let m = nameMention(w, tree, document), [.person, .organization].contains(document.entityMentions[m].type) else { return nil }
        return m
    }

    /// Whether "as" introduces the noun phrase of `w`: its own case marker, or one the parser hung
    /// on a modifier of it ("as Specially Designated Global Terrorists", "as" on "Designated").
    func isIntroducedByAs(_ w: Int, _ tree: SentenceTree) -> Bool {
        ([w] + tree.children(of: w).filter { $0 < w }).contains { hasPreposition($0, "as", tree) }
    }

    func hasPreposition(_ w: Int, _ preposition: String, _ tree: SentenceTree) -> Bool {
        tree.children(of: w).contains { ["case", "mark"].contains(tree.relation($0)) && tree.syntax.lowerLemmas[$0] == preposition }
    }

    // MARK: Places and members

    /// "the police academy in Cairo", "Beijing's Hong Kong liaison office": an organization or
    /// facility with a place modifier of its phrase.
    /// The place a place noun names through "of" ("the village of Brital", "the town of Ercis").
    private func placeNamed(by noun: Int, _ tree: SentenceTree, _ document: AnalyzedDocument) -> Int? {
        guard tree.upos(noun) == "NOUN", isPlaceNoun(tree.syntax.lowerLemmas[noun]) || isPlaceNoun(tree.syntax.lowerForms[noun]) else { return nil }
        return tree.children(of: noun).lazy.filter { tree.relation($0) == "nmod" && self.hasPreposition($0, "of", tree) }
            .compactMap { self.nameMention($0, tree, document) }.first { document.entityMentions[$0].type == .place }
    }

    /// "Taliban insurgents in Afghanistan", "Hamas members in Gaza": the organization whose
    /// members the noun names (`membership-nouns.tsv`), when it is the noun's compound.
    private func groupNamed(by noun: Int, _ tree: SentenceTree, _ document: AnalyzedDocument) -> Int? {
        let lower = tree.syntax.lowerForms[noun]
        guard tree.upos(noun) == "NOUN" else { return nil }
        if membershipNouns.contains(Self.singular(lower)) || membershipNouns.contains(lower) {
            // (A name the tagger took for an adjective is an `amod`: "Taleban insurgents".)
            return tree.children(of: noun).lazy.filter { ["compound", "amod"].contains(tree.relation($0)) }
                .compactMap { self.nameMention($0, tree, document) }.first { document.entityMentions[$0].type == .organization }
        }
        // "the Dadaab refugee camp complex in Kenya": a facility word and the name it is the
        // facility of, through its compounds (three at most).
        guard lexicon.facilityHeads.contains(lower) else { return nil }
        var level = [noun]
        for _ in 0..<3 {
            let compounds = level.flatMap { tree.children(of: $0).filter { tree.relation($0) == "compound" } }
            if let m = compounds.lazy.compactMap({ self.nameMention($0, tree, document) }).first(where: { [.organization, .facility].contains(document.entityMentions[$0].type) }) {
                return m
            }
            level = compounds
        }
        return nil
    }

    /// Whether a word names a kind of place ("the town of", "the northwestern city of"): a place
    /// head (`entities/place-heads.tsv`) or one of the few that never end a name.
    func isPlaceNoun(_ lower: String) -> Bool {
        lexicon.placeHeads.contains(lower) || Self.placeNounsBesideHeads.contains(lower)
    }

    static let placeNounsBesideHeads: Set<String> = ["port", "capital", "state"]

    /// A plural's naive singular ("members" → "member"), for the tables' lookups.
    static func singular(_ lower: String) -> String {
        lower.hasSuffix("s") && lower.count > 3 ? String(lower.dropLast()) : lower
    }

    func containment(_ tree: SentenceTree, _ document: AnalyzedDocument) -> [Found] {
        var out: [Found] = []
        for w in tree.words where ["nmod", "nmod:poss"].contains(tree.relation(w)) {
            if let found = facilityOfModifiedNoun(w, tree, document) { out.append(found) }
            guard let head = tree.head(of: w), let inner = nameMention(head, tree, document) ?? placeNamed(by: head, tree, document) ?? groupNamed(by: head, tree, document),
                  let outer = nameMention(w, tree, document) else { continue }
            let (a, b) = (document.entityMentions[inner], document.entityMentions[outer])
            // "the Russian Duma's Foreign Affairs Committee": an organization's organization.
            if tree.relation(w) == "nmod:poss", a.type == .organization, b.type == .organization, a.entityID != b.entityID {
                out.append(Found(type: "part-of", source: inner, target: outer, tokens: min(tree.token(head), tree.token(w))...max(tree.token(head), tree.token(w)),
                                 rule: .relationPartOfPossessive))
                continue
            }
            // "the village of Brital in the Bekaa Valley", "the North Kivu Province in eastern
            // Congo": a place in a place (not a country: "Lebanon in the region" says no more).
            if a.type == .place, b.type == .place, a.entityID != b.entityID, hasPreposition(w, "in", tree),
               !lexicon.countries.contains(document.articleEntities[a.entity].name) {
                out.append(Found(type: "located-in", source: inner, target: outer, tokens: min(tree.token(head), tree.token(w))...max(tree.token(head), tree.token(w)),
                                 rule: .relationLocatedInPhrase))
                continue
            }
            guard [.organization, .facility].contains(a.type), b.type == .place, a.entityID != b.entityID else { continue }
            guard tree.relation(w) == "nmod:poss" || hasPreposition(w, "in", tree) || hasPreposition(w, "near", tree) || hasPreposition(w, "at", tree) else { continue }
            // A country's organization belongs to it; elsewhere it is located there.
            if tree.relation(w) == "nmod:poss", lexicon.countries.contains(document.articleEntities[b.entity].name), a.type == .organization { continue }
            out.append(Found(type: "located-in", source: inner, target: outer, tokens: min(tree.token(head), tree.token(w))...max(tree.token(head), tree.token(w)),
                             rule: .relationLocatedInPhrase))
        }
        return out
    }

    /// A facility named as the compound of a noun that a place modifies ("the Bardo Museum attack
    /// in Tunis", "the Kosh Hotel collapse in Ercis") is in that place.
    private func facilityOfModifiedNoun(_ w: Int, _ tree: SentenceTree, _ document: AnalyzedDocument) -> Found? {
        guard tree.relation(w) == "nmod", hasPreposition(w, "in", tree), let head = tree.head(of: w), tree.upos(head) == "NOUN",
              document.mentionCovering[tree.token(head)] == nil,
              let place = nameMention(w, tree, document), document.entityMentions[place].type == .place,
              let facility = tree.children(of: head).lazy.filter({ tree.relation($0) == "compound" }).compactMap({ self.nameMention($0, tree, document) })
                .first(where: { document.entityMentions[$0].type == .facility }) else { return nil }
        let span = document.entityMentions[facility].tokens
        return Found(type: "located-in", source: facility, target: place, tokens: span.lowerBound...max(span.upperBound, tree.token(w)), rule: .relationLocatedInFacility)
    }

    /// An organization or facility that a locating participle places ("the tribunal, based in
    /// Arusha"; "Reuters is headquartered in London"): the noun the participle modifies, or the
    /// subject of its passive, is located in the participle's "in"/"at" object.
    func locatedByParticiple(_ tree: SentenceTree, _ document: AnalyzedDocument) -> [Found] {
        var out: [Found] = []
        for v in tree.words where tree.upos(v) == "VERB" && locatingVerbs.contains(tree.syntax.lowerLemmas[v]) {
            var located: [Int] = tree.children(of: v).filter { tree.relation($0) == "nsubj:pass" }
            if ["acl", "advcl", "amod", "appos"].contains(tree.relation(v)), let head = tree.head(of: v) { located.append(head) }
            // "The tribunal, based in Arusha, said": an adverbial participle describes its clause's subject.
            if tree.relation(v) == "advcl", let clause = tree.head(of: v) { located += tree.children(of: clause).filter { tree.relation($0) == "nsubj" } }
            // The parser often makes the parenthetical participle the root ("The hotel, situated in
            // Ercis, collapsed"): its subject is the located thing when nothing is its object.
            if tree.syntax.forms[v].hasSuffix("ed"), !tree.children(of: v).contains(where: { ["obj", "aux"].contains(tree.relation($0)) }) {
                located += tree.children(of: v).filter { tree.relation($0) == "nsubj" }
            }
            guard let place = tree.children(of: v).lazy.filter({ tree.relation($0) == "obl" && (self.hasPreposition($0, "in", tree) || self.hasPreposition($0, "at", tree)) })
                    .compactMap({ self.nameMention($0, tree, document) }).first(where: { document.entityMentions[$0].type == .place }) else { continue }
            guard let thing = located.lazy.compactMap({ self.nameMention($0, tree, document) })
                    .first(where: { [.organization, .facility, .place].contains(document.entityMentions[$0].type) && document.entityMentions[$0].entityID != document.entityMentions[place].entityID }) else { continue }
            let span = document.entityMentions[thing].tokens
            out.append(Found(type: "located-in", source: thing, target: place, tokens: min(span.lowerBound, tree.token(v))...max(span.upperBound, tree.token(v)),
                             rule: .relationLocatedInBased))
        }
        return out
    }

    /// A person with an organization in the same phrase: its compound ("VOA correspondent X"), or
    /// "X of/from/at the Y".
    func memberships(_ tree: SentenceTree, _ document: AnalyzedDocument) -> [Found] {
        var out: [Found] = []
        for w in tree.words {
            guard let person = nameMention(w, tree, document), document.entityMentions[person].type == .person,
                  tree.head(of: w).map({ document.mentionCovering[tree.token($0)] != person }) ?? true else { continue }
            var queue = tree.children(of: w).filter { child in
                tree.relation(child) == "compound" || (tree.relation(child) == "nmod" && ["of", "from", "at"].contains { hasPreposition(child, $0, tree) })
            }
            var next = 0
            while next < queue.count, next < 8 {
                let c = queue[next]
                next += 1
                if let org = nameMention(c, tree, document), org != person, document.entityMentions[org].type == .organization {
                    out.append(Found(type: "member-of", source: person, target: org, tokens: min(tree.token(c), tree.token(w))...max(tree.token(c), tree.token(w)),
                                     rule: .relationMemberOfPhrase))
                    break
                }
                if document.mentionCovering[tree.token(c)] == nil { queue += tree.children(of: c).filter { tree.relation($0) == "compound" } }
            }
        }
        return out
    }

    /// The relation a title or membership noun states, from its role (`roles.tsv`); a leader's
    /// title under "associate", "assistant" or "staff" makes a member ("associate director").
    private func relation(ofTitle w: Int, _ tree: SentenceTree) -> String? {
        guard ["NOUN", "PROPN"].contains(tree.upos(w)) else { return nil }
        let lower = tree.syntax.lowerForms[w]
        if membershipNouns.contains(lower) || membershipNouns.contains(Self.singular(lower)) { return "member-of" }
        guard let role = lexicon.titles[[lower]], let relation = roleRelations[role] else { return nil }
        let subordinate = tree.children(of: w).contains { child in
            ["amod", "compound"].contains(tree.relation(child)) && Self.subordinateModifiers.contains(tree.syntax.lowerForms[child])
        }
        return relation == "leader-of" && subordinate ? "member-of" : relation
    }

    /// Modifiers that make a leader's title a member's.
    static let subordinateModifiers: Set<String> = ["associate", "assistant", "staff"]

    /// A title that an apposition or a copula gives a person, with its holder: "Hezbollah's
    /// leader, Hassan Nasrallah", "Elon Musk, CEO and Chairman of Tesla", "Adan is deputy leader of
    /// al-Shabaab" → the title's relation (`roles.tsv`) from the person to the holder.
    func titledRoles(_ tree: SentenceTree, _ document: AnalyzedDocument) -> [Found] {
        var out: [Found] = []
        for w in tree.words {
            guard document.mentionCovering[tree.token(w)] == nil, let relation = relation(ofTitle: w, tree) else { continue }
            var people: [Int] = []
            if tree.relation(w) == "appos", let head = tree.head(of: w) { people.append(head) }
            // "staff member Haoliang Xu": the title a compound of the name.
            if tree.relation(w) == "compound", let head = tree.head(of: w), tree.upos(head) == "PROPN" { people.append(head) }
            people += tree.children(of: w).filter { tree.relation($0) == "appos" }
            if tree.children(of: w).contains(where: { tree.relation($0) == "cop" }) { people += tree.children(of: w).filter { tree.relation($0) == "nsubj" } }
            let holders = tree.children(of: w).filter { child in
                tree.relation(child) == "nmod:poss" || tree.relation(child) == "compound" || (tree.relation(child) == "nmod" && ["of", "for", "at", "with"].contains { hasPreposition(child, $0, tree) })
            }
            // A title coordinated with this one shares its holder ("CEO and Chairman of Tesla").
            let shared = tree.children(of: w).filter { tree.relation($0) == "conj" }.flatMap { tree.children(of: $0) }.filter { tree.relation($0) == "nmod" && hasPreposition($0, "of", tree) }
            guard let holder = (holders + shared).lazy.compactMap({ self.nameMention($0, tree, document) })
                    .first(where: { [.organization, .place, .facility].contains(document.entityMentions[$0].type) }) else { continue }
            // "Kenya Farmers Union Uganda Director": the organization's officer for a region is
            // its member, not its leader.
            let regional = document.regionalTitleHolder(titleStart: tree.token(w)).map {
                document.entityMentions[$0.organization].entityID == document.entityMentions[holder].entityID
            } ?? false
            let stated = relation == "leader-of" && regional ? "member-of" : relation
            for p in people {
                guard let person = nameMention(p, tree, document), document.entityMentions[person].type == .person else { continue }
                out.append(Found(type: stated, source: person, target: holder, tokens: min(tree.token(p), tree.token(w))...max(tree.token(p), tree.token(w)),
                                 rule: .relationRoleTree))
            }
        }
        return out
    }

    /// An organization whose name starts with another organization's name is part of it ("Hamas
    /// military wing", "U.N. peacekeeping force"); with a country's, or its demonym's, it belongs
    /// to the country ("Israeli Air Force").
    func nameContainment(_ document: AnalyzedDocument) -> [RelationMention] {
        var firstByName: [String: EntityMention] = [:]
        // Acronyms by their letters ("U.N." → "un"), for a name that spells one out.
        var firstByAcronym: [String: EntityMention] = [:]
        for m in document.entityMentions where m.isArgument {
            for name in document.articleEntities[m.entity].allNames {
                if firstByName[name.lowercased()] == nil { firstByName[name.lowercased()] = m }
                let letters = name.filter { $0 != "." }
                if letters.count >= 2, letters.allSatisfy({ $0.isUppercase }), firstByAcronym[letters.lowercased()] == nil { firstByAcronym[letters.lowercased()] = m }
            }
        }
        // A country named only inside a compound ("Russia-U.S. relations") is named all the same.
        var countryByName: [String: EntityMention] = [:]
        for m in document.entityMentions where m.type == .place && !m.isArgument {
            let name = document.articleEntities[m.entity].name
            if lexicon.countries.contains(name), countryByName[name.lowercased()] == nil { countryByName[name.lowercased()] = m }
        }
        func spelledOut(_ words: ArraySlice<String>) -> EntityMention? {
            guard words.count >= 2, words.allSatisfy({ $0.first?.isUppercase == true }) else { return nil }
            return firstByAcronym[String(words.compactMap(\.first)).lowercased()]
        }
        var out: [RelationMention] = []
        var done = Set<String>()
        for m in document.entityMentions where m.isArgument && m.type == .organization && m.isName {
            let words = document.articleEntities[m.entity].name.split(separator: " ").map(String.init)
            guard words.count >= 2, done.insert(m.entityID).inserted else { continue }
            for length in stride(from: words.count - 1, through: 1, by: -1) {
                let prefix = words.prefix(length).joined(separator: " ").lowercased()
                let country = lexicon.demonyms[[prefix]]?.lowercased()
                // "United Nations Security Council" is part of the "U.N." the article names.
                guard let other = firstByName[prefix] ?? country.flatMap({ firstByName[$0] ?? countryByName[$0] }) ?? spelledOut(words.prefix(length)),
                      other.entityID != m.entityID else { continue }
                let isCountry = other.type == .place && lexicon.countries.contains(document.articleEntities[other.entity].name)
                guard other.type == .organization || isCountry else { break }
                out.append(RelationMention(type: isCountry ? "belongs-to" : "part-of", source: m.index, target: other.index, tokens: m.tokens,
                                           rule: isCountry ? .relationBelongsToName : .relationPartOfName, confidence: 0.55, time: nil, timeInIdentity: false))
                break
            }
        }
        return out
    }
}

extension AnalyzedDocument {
    /// "Human Rights Watch China Director": an organization and a country named back to back right
    /// before the title word at `titleStart`. The title is the organization's, for that region:
    /// its holder is a member of the organization, not the country's leader. (Both relation
    /// readers ask: the tree's titled roles and the token-order titles.)
    func regionalTitleHolder(titleStart: Int) -> (organization: Int, region: Int)? {
        guard titleStart > 0, titleStart - 1 < mentionCovering.count, let region = mentionCovering[titleStart - 1],
              entityMentions[region].type == .place, entityMentions[region].tokens.upperBound == titleStart - 1,
              entityMentions[region].tokens.lowerBound > 0, let organization = mentionCovering[entityMentions[region].tokens.lowerBound - 1],
              entityMentions[organization].type == .organization else { return nil }
        return (organization, region)
    }
}
