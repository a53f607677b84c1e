import EventGraphCore

/// Reported speech read from the dependency tree: every verb of saying (by lemma, from
/// `Resources/events/speech-predicates.tsv`), every light verb with a noun of saying ("made the
/// announcement", `speech-light-verbs.tsv`) and every "according to X" is a statement, with
///
/// - its speaker: the verb's subject (`nsubj`), or the subject of the verb it depends on for "was
///   quoted as saying" and "... and added", resolved through the entity stage's mentions, so that
///   "he said" names whom the pronoun refers to; a subject that names no entity ("officials say")
///   leaves the statement without one;
/// - its date: a time expression that depends on the reporting verb ("said Tuesday", "said in a
///   statement on Tuesday"), never one inside what is said (the quotation's "the 2014 agreement");
/// - what is said: the verb's clausal complement, or for "“...,” he said" the clause the
///   attribution is attached to.
struct StatementFinder {
    /// One reported speech act.
    struct Statement {
        /// The reporting verb's token ("said"), or "according"'s, and its sentence.
        var trigger: Int
        var sentence: Int
        /// Index into `AnalyzedDocument.entityMentions`.
        var speaker: Int?
        var date: TimeValue?
        /// The tokens of what is said, when the tree shows them.
        var content: ClosedRange<Int>?
        var rule: RuleID
    }

    let lemmas: Set<String>
    /// Relations that lead from a reporting verb into what is said: a time expression found
    /// through them dates the quotation, not the statement.
    static let contentRelations: Set<String> = ["ccomp", "parataxis", "xcomp", "csubj", "advcl", "acl", "acl:relcl", "conj"]

    /// Subjects that name no speaker ("reports say"): `events/unattributed-sources.tsv`.
    let unattributedSources: Set<String>

    init() throws(ResourceError) {
        lemmas = Set(try ExtractionResources.table("events/speech-predicates.tsv", columns: ["lemma", "example"]).map { $0.fields["lemma"]!.lowercased() })
        unattributedSources = Set(try ExtractionResources.table("events/unattributed-sources.tsv", columns: ["lemma", "example"]).map { $0.fields["lemma"]!.lowercased() })
        var light: [String: Set<String>] = [:]
        for row in try ExtractionResources.table("events/speech-light-verbs.tsv", columns: ["verb", "noun", "example"]) {
            light[row.fields["noun"]!.lowercased(), default: []].insert(row.fields["verb"]!.lowercased())
        }
        lightVerbsByNoun = light
    }

    /// `events/speech-light-verbs.tsv`: for each noun of saying, the light verbs that make it a
    /// statement of their subject ("made the announcement", "issued a statement").
    let lightVerbsByNoun: [String: Set<String>]

    /// The nouns of `lightVerbsByNoun`, as the syntax stage looks for them (singular and plural).
    func isSpeechNoun(_ lower: String) -> Bool {
        lightVerbsByNoun[lower] != nil || (lower.hasSuffix("s") && lightVerbsByNoun[String(lower.dropLast())] != nil)
    }

    /// "made the announcement": the verb `w` whose object is a noun of saying it lends its voice to.
    func isLightSpeechVerb(_ w: Int, object: Int, _ syntax: SyntaxLayer) -> Bool {
        syntax.upos[w] == "VERB" && syntax.relations[object] == "obj"
            && lightVerbsByNoun[syntax.lowerLemmas[object]]?.contains(syntax.lowerLemmas[w]) == true
    }

    /// The statements of the document's parsed sentences, in text order.
    func statements(in document: AnalyzedDocument, lowers: [String], dated: [EventExtractor.DatedTimex]) -> [Statement] {
        let syntax = document.syntax
        guard syntax.count > 0 else { return [] }
        var found: [Statement] = []
        // The last statement by a person, kept as the sentences go so that finding it stays linear.
        var lastPersonSpeaker: (mention: Int, sentence: Int)?
        // The last statement with a speaker, for "the statement added".
        var lastSpeaker: (mention: Int, sentence: Int)?
        func add(_ statement: Statement) {
            found.append(statement)
            guard let speaker = statement.speaker else { return }
            lastSpeaker = (speaker, statement.sentence)
            if document.entityMentions[speaker].type == .person { lastPersonSpeaker = (speaker, statement.sentence) }
        }
        // By first token, so that each sentence finds its own time expressions by binary search.
        let dated = dated.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
        let datedStarts = dated.map(\.tokens.lowerBound)
        for (index, sentence) in document.sentences.enumerated() where index < syntax.parsedSentences.count && syntax.parsedSentences[index] {
            let words = syntax.sentenceWords[index]
            // "is said to have hosted" hedges a claim; nobody is reported as speaking. ("was quoted
            // as saying": the statement is "saying"'s.)
            var passive = Set<Int>()
            for w in words where syntax.relations[w] == "aux:pass" || syntax.relations[w] == "nsubj:pass" { passive.insert(Int(syntax.heads[w])) }
            // "was confirmed by Dmitry Muratov": a passive with its agent named does report speech.
            var candidates = words.filter { w in isReportingVerb(w, syntax) && (!passive.contains(w) || hasAgent(w, words, syntax)) }
            var light = Set<Int>()
            for object in words where syntax.heads[object] >= 0 {
                let verb = Int(syntax.heads[object])
                if !passive.contains(verb), isLightSpeechVerb(verb, object: object, syntax), !isReportingVerb(verb, syntax) { light.insert(verb) }
            }
            if !light.isEmpty { candidates = (candidates + light).sorted() }
            if !candidates.isEmpty {
                let tree = SentenceTree(syntax: syntax, words: words)
                let verbs = candidates.filter { !hasUnattributedSubject($0, tree) && !isSpeakersOwnWord($0, tree) }
                // Every word's subtree span, once: a sentence of thousands of nested "said"s
                // stays linear.
                let spans = tree.subtreeTokenSpans()
                let sentenceDates = dated[datedStarts.firstIndex(atLeast: sentence.tokens.lowerBound)..<datedStarts.firstIndex(atLeast: sentence.tokens.upperBound)]
                let dates = reportingDates(Array(sentenceDates), tree)
                for w in verbs {
                    let speaker = speaker(of: w, tree, document) ?? invertedSpeaker(after: w, tree, document)
                        ?? quotedSpeaker(of: w, tree, sentence: index, lastPersonSpeaker)
                        ?? statementAnaphorSpeaker(of: w, tree, sentence: index, lastSpeaker)
                    let said = content(of: w, tree, spans)
                    add(Statement(trigger: tree.token(w), sentence: index, speaker: speaker, date: dates[w], content: said, rule: .eventStatementVerb))
                    // "Gregory K. Davis and Daniel McMullen announced": each of them speaks.
                    for other in coSpeakers(of: w, tree, document) where other != speaker {
                        add(Statement(trigger: tree.token(w), sentence: index, speaker: other, date: dates[w], content: said, rule: .eventStatementVerb))
                    }
                }
            }
            for statement in accordingTo(sentence, lowers, document) { add(statement) }
            for statement in mistaggedVerbs(sentence, lowers, document) { add(statement) }
        }
        return found
    }

    /// Whether a passive verb names who did it ("by X": `obl:agent`).
    private func hasAgent(_ verb: Int, _ words: Range<Int>, _ syntax: SyntaxLayer) -> Bool {
        words.contains { syntax.heads[$0] == Int32(verb) && syntax.relations[$0] == "obl:agent" }
    }

    /// "I have to say", "Let me say", "as we said": inside a quotation, the speaker's way of
    /// speaking, not a statement of its own.
    private func isSpeakersOwnWord(_ verb: Int, _ tree: SentenceTree) -> Bool {
        func hasFirstPersonSubject(_ w: Int) -> Bool {
            tree.children(of: w).contains { ["nsubj", "nsubj:pass"].contains(tree.relation($0)) && ["i", "we", "you"].contains(tree.syntax.lowerForms[$0]) }
        }
        if hasFirstPersonSubject(verb) { return true }
        // "I have to say", "Let me say": the verb it completes has the speaker.
        guard tree.relation(verb) == "xcomp", let head = tree.head(of: verb) else { return false }
        if hasFirstPersonSubject(head) { return true }
        return tree.syntax.lowerLemmas[head] == "let" && tree.children(of: head).contains { ["me", "us"].contains(tree.syntax.lowerForms[$0]) }
    }

    /// Whether the verb's subject is a source that names nobody ("reports say", "media revealed").
    private func hasUnattributedSubject(_ verb: Int, _ tree: SentenceTree) -> Bool {
        tree.children(of: verb).contains { subject in
            let form = tree.syntax.lowerForms[subject]
            return tree.relation(subject) == "nsubj"
                && [tree.syntax.lowerLemmas[subject], form, form.hasSuffix("s") ? String(form.dropLast()) : form].contains(where: unattributedSources.contains)
        }
    }

    /// Whether word `w` is a verb of reported speech (by its lemma, or as a regular inflection of one).
    func isReportingVerb(_ w: Int, _ syntax: SyntaxLayer) -> Bool {
        syntax.upos[w] == "VERB" && (lemmas.contains(syntax.lowerLemmas[w]) || isInflection(syntax.lowerForms[w]))
    }

    /// Whether a form is a regular inflection of a listed lemma: the lemmatizer's table does not
    /// know every rare verb ("emphasised", "denounced").
    func isInflection(_ form: String) -> Bool {
        for suffix in ["ing", "ed", "es", "s", "d"] where form.hasSuffix(suffix) && form.count > suffix.count + 2 {
            let stem = String(form.dropLast(suffix.count))
            if lemmas.contains(stem) || lemmas.contains(stem + "e") || (stem.count > 3 && stem.last == stem.dropLast().last && lemmas.contains(String(stem.dropLast()))) {
                return true
            }
        }
        return false
    }

    /// The mention that names who speaks: the subject of the verb, or, for a verb without one
    /// ("quoted as saying", "and added"), the subject of the verb it depends on (two steps at most).
    private func speaker(of verb: Int, _ tree: SentenceTree, _ document: AnalyzedDocument) -> Int? {
        var current = verb
        for _ in 0..<3 {
            // The subject nearest the verb: a dateline the parser took for a subject ("TEHRAN-
            // Iran's spokesperson has emphasized") stands further away.
            let subjects = tree.children(of: current).filter {
                ["nsubj", "nsubj:pass"].contains(tree.relation($0)) && (current != verb || tree.relation($0) == "nsubj") || (current == verb && tree.relation($0) == "obl:agent")
            }
            if let subject = subjects.min(by: { abs($0 - current) < abs($1 - current) }) {
                return mention(naming: subject, tree, document).map { personAfterTitle($0, document) ?? $0 }
            }
            guard ["xcomp", "advcl", "conj"].contains(tree.relation(current)), let head = tree.head(of: current) else { return nil }
            current = head
        }
        return nil
    }

    /// "the statement added", "the report said": the text speaks for whoever issued it, the
    /// speaker of the statement reported just before (two sentences back at most).
    private func statementAnaphorSpeaker(of verb: Int, _ tree: SentenceTree, sentence: Int, _ last: (mention: Int, sentence: Int)?) -> Int? {
        guard let last, sentence - last.sentence <= 2,
              let subject = tree.children(of: verb).first(where: { tree.relation($0) == "nsubj" }),
              isSpeechNoun(tree.syntax.lowerForms[subject]),
              tree.children(of: subject).contains(where: { tree.relation($0) == "det" && ["the", "this", "that"].contains(tree.syntax.lowerForms[$0]) })
        else { return nil }
        return last.mention
    }

    /// `," said X`: after a quotation, the name right after the verb speaks, when the parser
    /// gave the verb no subject.
    private func invertedSpeaker(after verb: Int, _ tree: SentenceTree, _ document: AnalyzedDocument) -> Int? {
        let t = tree.token(verb)
        guard t > 0, t + 1 < document.tokens.count, [",", "\"", "\u{201D}"].contains(document.text(of: t - 1)),
              let m = document.mentionCovering[t + 1], document.entityMentions[m].tokens.lowerBound == t + 1,
              [.person, .organization].contains(document.entityMentions[m].type) else { return nil }
        return personAfterTitle(m, document) ?? m
    }

    /// "said Drug Enforcement Administration (DEA) Acting Administrator Michele M. Leonhart": an
    /// organization followed, past its acronym and a capitalized title, by a person is that
    /// person's title, whatever tree the parser made of it.
    private func personAfterTitle(_ organization: Int, _ document: AnalyzedDocument) -> Int? {
        let m = document.entityMentions[organization]
        guard m.type == .organization else { return nil }
        var t = m.tokens.upperBound + 1
        if t + 2 < document.tokens.count, document.text(of: t) == "(", document.text(of: t + 2) == ")" { t += 3 }
        let start = t
        while t < document.tokens.count, t < start + 4, document.mentionCovering[t] == nil,
              document.text(of: t).first?.isUppercase == true || document.text(of: t) == "." {
            t += 1
        }
        guard t > start, t < document.tokens.count, let person = document.mentionCovering[t],
              document.entityMentions[person].type == .person, document.entityMentions[person].tokens.lowerBound == t else { return nil }
        return person
    }

    /// The people and organizations coordinated with the verb's subject ("X and Y said").
    private func coSpeakers(of verb: Int, _ tree: SentenceTree, _ document: AnalyzedDocument) -> [Int] {
        guard let subject = tree.children(of: verb).first(where: { tree.relation($0) == "nsubj" }) else { return [] }
        var seen = Set<String>()
        return tree.children(of: subject).filter { tree.relation($0) == "conj" }.compactMap { conjunct in
            guard let m = mention(naming: conjunct, tree, document), [.person, .organization].contains(document.entityMentions[m].type),
                  seen.insert(document.entityMentions[m].entityID).inserted else { return nil }
            return m
        }
    }

    /// "... it's not that much of an area,” he says.": a quotation running over several sentences
    /// leaves its pronoun too far from the name for the entity stage; the person who spoke last,
    /// a few sentences back, is who goes on speaking.
    private func quotedSpeaker(of verb: Int, _ tree: SentenceTree, sentence: Int, _ last: (mention: Int, sentence: Int)?) -> Int? {
        guard tree.children(of: verb).contains(where: { tree.relation($0) == "nsubj" && ["he", "she"].contains(tree.syntax.lowerForms[$0]) }),
              let last, sentence - last.sentence <= Self.quotationReach else { return nil }
        return last.mention
    }

    /// How many sentences back a quotation's speaker is looked for.
    static let quotationReach = 6

    /// Relations inside a subject that still name who it is: "Attorney General Michael B.
    /// Mukasey" (a title with the name as its modifier), "Malik, the minister", "the spokesman
    /// of the ministry", "Hamas's spokesman".
    static let namingRelations: Set<String> = ["compound", "flat", "flat:name", "appos", "nmod", "nmod:desc", "nmod:poss"]

    /// The entity mention over a subject's head word, else the nearest person or organization
    /// mention within its name (breadth first through `namingRelations`, not into clauses).
    private func mention(naming word: Int, _ tree: SentenceTree, _ document: AnalyzedDocument) -> Int? {
        // A head word inside an organization's name may still carry the person the title
        // belongs to ("said DEA Acting Administrator Michele M. Leonhart").
        if let m = document.mentionCovering[tree.token(word)], document.entityMentions[m].type != .organization { return m }
        // An apposition names the speaker before the title's own modifiers ("the CNRDR spokesman,
        // Amadou Konare, says": Konare, not the CNRDR).
        let isGroup = Self.groupSpeakers.contains(tree.syntax.lowerLemmas[word])
        // "Israeli military officials": for a group, its adjectives name whom it speaks for too.
        let children = tree.children(of: word).filter { Self.namingRelations.contains(tree.relation($0)) || (isGroup && tree.relation($0) == "amod") }
        var queue = children.filter { tree.relation($0) == "appos" } + children.filter { tree.relation($0) != "appos" }
        var next = 0
        // A person in the title outranks the organization the title belongs to ("State Department
        // Spokesman Tom Casey": Casey speaks, not the department).
        var organization = document.mentionCovering[tree.token(word)]
        // A group of people named by where they serve ("U.S. officials", "Israeli military
        // officials"): the country or body speaks through them, when no person is named.
        var place: Int?
        while next < queue.count, next < 32 {
            let w = queue[next]
            next += 1
            if let m = document.mentionCovering[tree.token(w)] {
                if document.entityMentions[m].type == .person { return m }
                if document.entityMentions[m].type == .organization, organization == nil { organization = m }
                if document.entityMentions[m].type == .place, place == nil { place = m }
            }
            queue += tree.children(of: w).filter { Self.namingRelations.contains(tree.relation($0)) }
        }
        return organization ?? (isGroup ? place : nil)
    }

    /// The date of each word that a dated time expression of the sentence attaches to: directly
    /// ("said Tuesday") or through one noun of an oblique ("said in a statement on Tuesday"), never
    /// through what is said (a clausal relation). The first expression wins, walking from each
    /// expression up (three steps at most), so that the cost is linear in the expressions.
    private func reportingDates(_ dated: [EventExtractor.DatedTimex], _ tree: SentenceTree) -> [Int: TimeValue] {
        var dates: [Int: TimeValue] = [:]
        for timex in dated {
            guard let head = tree.headWord(ofTokens: timex.tokens) else { continue }
            var value = timex.value
            if value.precision == .time, let day = value.earliest { value = TimeValue(day: day) }
            var current = head
            for step in 0..<2 {
                guard let up = tree.head(of: current), !Self.contentRelations.contains(tree.relation(current)) else { break }
                if tree.upos(up) == "VERB" {
                    if dates[up] == nil { dates[up] = value }
                    // "Speaking to reporters Tuesday, X said": a participle clause before the verb,
                    // without a subject of its own, tells when its verb's subject spoke.
                    if tree.relation(up) == "advcl", let main = tree.head(of: up), up < main, tree.syntax.lowerForms[up].hasSuffix("ing"),
                       !tree.children(of: up).contains(where: { ["nsubj", "mark"].contains(tree.relation($0)) }), dates[main] == nil {
                        dates[main] = value
                    }
                    break
                }
                // Only through a noun ("statement" in "in a statement on Tuesday").
                guard step == 0, ["NOUN", "PROPN"].contains(tree.upos(up)) else { break }
                current = up
            }
        }
        return dates
    }

    /// The tokens of what is said: the verb's clausal complement, or, when the attribution is a
    /// parenthetical of the quotation ("“...,” he said"), the clause it is attached to, cut before
    /// or after the attribution.
    private func content(of verb: Int, _ tree: SentenceTree, _ spans: [ClosedRange<Int>?]) -> ClosedRange<Int>? {
        if let clause = tree.children(of: verb).first(where: { ["ccomp", "parataxis"].contains(tree.relation($0)) }),
           let span = spans[clause - tree.words.lowerBound] {
            // Without the subordinator: what is said, not "that ...".
            let mark = tree.children(of: clause).first { tree.relation($0) == "mark" && tree.token($0) == span.lowerBound }
            return mark != nil && span.lowerBound < span.upperBound ? (span.lowerBound + 1)...span.upperBound : span
        }
        guard tree.relation(verb) == "parataxis", let head = tree.head(of: verb),
              let whole = spans[head - tree.words.lowerBound], let attribution = spans[verb - tree.words.lowerBound] else { return nil }
        if attribution.lowerBound > whole.lowerBound { return whole.lowerBound...min(whole.upperBound, attribution.lowerBound - 1) }
        if attribution.upperBound < whole.upperBound { return (attribution.upperBound + 1)...whole.upperBound }
        return nil
    }

    /// Nouns for people who speak for a country or body ("U.S. officials said").
    static let groupSpeakers: Set<String> = ["official", "government", "authority", "diplomat", "leader", "minister", "lawmaker", "legislator", "military", "army", "troop", "spokesman", "spokeswoman", "spokesperson"]

    /// "according to X": X's mention is the speaker; the statement is undated (the sentence's
    /// dates belong to what is reported).
    /// "Malik insists he was falsely accused", "the Interfax news agency reports that": a verb of
    /// saying in the present tense the tagger took for a plural noun, right after the name of who
    /// speaks and before what is said ("that", a comma, a pronoun or a determiner).
    private func mistaggedVerbs(_ sentence: Sentence, _ lowers: [String], _ document: AnalyzedDocument) -> [Statement] {
        let syntax = document.syntax
        var out: [Statement] = []
        let openers: Set<String> = ["that", ",", "he", "she", "it", "they", "the", "a", "an", "his", "her", "its", "their"]
        for t in sentence.tokens where t > sentence.tokens.lowerBound && t + 2 < sentence.tokens.upperBound && lowers[t].hasSuffix("s") {
            guard let word = syntax.word(ofToken: t), syntax.upos[word] == "NOUN", openers.contains(lowers[t + 1]), isInflection(lowers[t]) else { continue }
            // The name right before, or before the common nouns that describe it ("The Tass news
            // agency reports that").
            var end = t - 1
            while end > sentence.tokens.lowerBound, t - end <= 3, document.mentionCovering[end] == nil, isCommonNoun(end, document) { end -= 1 }
            guard let speaker = document.mentionCovering[end], document.entityMentions[speaker].tokens.upperBound == end,
                  [.person, .organization].contains(document.entityMentions[speaker].type) else { continue }
            let start = lowers[t + 1] == "that" || lowers[t + 1] == "," ? t + 2 : t + 1
            out.append(Statement(trigger: t, sentence: sentence.index, speaker: speaker, date: nil, content: start...(sentence.tokens.upperBound - 2), rule: .eventStatementVerb))
        }
        return out
    }

    /// What "according to X" attributes: the rest of the sentence after "according to X," when the
    /// phrase opens it, else the sentence before the phrase ("Y happened, according to X").
    private func accordingToContent(_ t: Int, speaker: EntityMention, _ sentence: Sentence, _ lowers: [String]) -> ClosedRange<Int>? {
        let tokens = sentence.tokens
        var last = tokens.upperBound - 1
        while last > tokens.lowerBound, [".", "!", "?", "\"", "”"].contains(lowers[last]) { last -= 1 }
        let opens = (tokens.lowerBound..<t).allSatisfy { ["\"", "“", "("].contains(lowers[$0]) }
        if opens {
            var start = speaker.tokens.upperBound + 1
            if let comma = (start..<min(tokens.upperBound, start + 8)).first(where: { lowers[$0] == "," }) { start = comma + 1 }
            while start < last, ["\"", "“"].contains(lowers[start]) { start += 1 }
            return start <= last ? start...last : nil
        }
        var end = t - 1
        while end > tokens.lowerBound, [",", "—", "-", "("].contains(lowers[end]) { end -= 1 }
        return tokens.lowerBound <= end ? tokens.lowerBound...end : nil
    }

    private func isCommonNoun(_ token: Int, _ document: AnalyzedDocument) -> Bool {
        guard let word = document.syntax.word(ofToken: token) else { return false }
        return document.syntax.upos[word] == "NOUN" && document.text(of: token).first?.isLowercase == true
    }

    private func accordingTo(_ sentence: Sentence, _ lowers: [String], _ document: AnalyzedDocument) -> [Statement] {
        var out: [Statement] = []
        for t in sentence.tokens where lowers[t] == "according" && t + 1 < sentence.tokens.upperBound && lowers[t + 1] == "to" {
            let sources = document.argumentMentions(in: (t + 2)..<min(sentence.tokens.upperBound, t + 12)).filter { [.person, .organization].contains($0.type) }
            guard var speaker = sources.first, speaker.tokens.lowerBound < t + 8 else { continue }
            // "according to a RAND Corporation senior fellow, William Courtney": the organization
            // only modifies the description of the person who speaks.
            let next = speaker.tokens.upperBound + 1
            if speaker.type == .organization, next < sentence.tokens.upperBound, document.text(of: next).first?.isLowercase == true,
               let person = sources.first(where: { $0.type == .person && $0.tokens.lowerBound > next }),
               (next..<person.tokens.lowerBound).allSatisfy({ document.text(of: $0).first?.isLowercase == true || lowers[$0] == "," }) {
                speaker = person
            }
            let content = accordingToContent(t, speaker: speaker, sentence, lowers)
            out.append(Statement(trigger: t, sentence: sentence.index, speaker: speaker.index, date: nil, content: content, rule: .eventStatementAccordingTo))
        }
        return out
    }
}

/// One parsed sentence's tree, read through the syntax layer's columns.
struct SentenceTree {
    let syntax: SyntaxLayer
    let words: Range<Int>
    /// Each word's dependents (document word indices), in text order.
    private let dependents: [[Int]]

    init(syntax: SyntaxLayer, words: Range<Int>) {
        self.syntax = syntax
        self.words = words
        var dependents = [[Int]](repeating: [], count: words.count)
        for w in words {
            let head = Int(syntax.heads[w])
            if head >= 0, words.contains(head) { dependents[head - words.lowerBound].append(w) }
        }
        self.dependents = dependents
    }

    func head(of w: Int) -> Int? {
        let head = Int(syntax.heads[w])
        return head >= 0 && words.contains(head) ? head : nil
    }

    func children(of w: Int) -> [Int] { dependents[w - words.lowerBound] }
    func relation(_ w: Int) -> String { syntax.relations[w] }
    func upos(_ w: Int) -> String { syntax.upos[w] }
    func token(_ w: Int) -> Int { Int(syntax.tokenOfWord[w]) }
    /// The tokens from one word to another, in either order: a parser may attach a word to a head
    /// on either side, so two words of a relation come in no fixed order.
    func tokens(between a: Int, _ b: Int) -> ClosedRange<Int> { min(token(a), token(b))...max(token(a), token(b)) }

    /// The word of a token range whose head lies outside it (the first such, in text order).
    func headWord(ofTokens tokens: ClosedRange<Int>) -> Int? {
        let first = Int(syntax.firstWordOfToken[tokens.lowerBound])
        guard first >= 0 else { return nil }
        var w = first
        var best: Int?
        while w < words.upperBound, tokens.contains(token(w)) {
            if let h = head(of: w), tokens.contains(token(h)) {} else { best = best ?? w }
            w += 1
        }
        return best
    }

    /// Each word's subtree as a token range (punctuation left out; nil for a subtree of
    /// punctuation only), children before parents in one pass.
    func subtreeTokenSpans() -> [ClosedRange<Int>?] {
        var spans = [ClosedRange<Int>?](repeating: nil, count: words.count)
        // Preorder from the roots; its reverse visits every child before its parent.
        var order: [Int] = []
        order.reserveCapacity(words.count)
        var stack = words.filter { head(of: $0) == nil }
        while let w = stack.popLast() {
            order.append(w)
            stack += children(of: w)
        }
        for w in order.reversed() {
            var span: ClosedRange<Int>? = upos(w) == "PUNCT" ? nil : token(w)...token(w)
            for child in children(of: w) {
                guard let c = spans[child - words.lowerBound] else { continue }
                span = span.map { min($0.lowerBound, c.lowerBound)...max($0.upperBound, c.upperBound) } ?? c
            }
            spans[w - words.lowerBound] = span
        }
        return spans
    }
}

/// What statements say, found by token in logarithmic time: a sentence of thousands of nested
/// "said"s must not make every predicate scan every statement.
struct ReportedSpans {
    /// Sorted by start; `widest[i]` is the index among `0...i` that reaches furthest.
    private let spans: [(range: ClosedRange<Int>, speaker: Int)]
    private let widest: [Int]

    init(_ statements: [(content: ClosedRange<Int>, speaker: Int)]) {
        spans = statements.map { (range: $0.content, speaker: $0.speaker) }.sorted { ($0.range.lowerBound, $0.range.upperBound, $0.speaker) < ($1.range.lowerBound, $1.range.upperBound, $1.speaker) }
        var widest: [Int] = []
        widest.reserveCapacity(spans.count)
        for i in spans.indices {
            if let last = widest.last, spans[last].range.upperBound >= spans[i].range.upperBound { widest.append(last) } else { widest.append(i) }
        }
        self.widest = widest
    }

    /// The speaker of a statement whose words hold `token`, if any.
    func speaker(of token: Int) -> Int? {
        // The last span starting at or before the token, then the widest up to it.
        var low = 0, high = spans.count
        while low < high {
            let mid = (low + high) / 2
            if spans[mid].range.lowerBound <= token { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let candidate = spans[widest[low - 1]]
        return candidate.range.upperBound >= token ? candidate.speaker : nil
    }
}
