import EventGraphCore

/// The tense of the clause a time expression belongs to, read from the tagger's words (UPOS,
/// lemmas, forms): the verb group nearest the expression inside its clause, with its auxiliaries.
/// "The company said Tuesday it will report" dates "Tuesday" by "said", not by the "will" of the
/// next clause; "will meet on Tuesday" is future, "met on Tuesday" and "has met" past.
///
/// Clauses are cut at subordinators and coordinators (SCONJ, CCONJ), relative pronouns, and
/// ";" ":" and quotation marks; a clause without a verb ("On Tuesday, police said ...") takes the
/// nearest verb group of the sentence.
struct ClauseTenseReader {
    let syntax: SyntaxLayer
    let lexicon: TimexLexicon

    /// The tense around tokens `span` of sentence `sentence`, or nil when the tagger did not run
    /// over it (the caller falls back to marker words).
    func tense(of span: ClosedRange<Int>, sentence: Int) -> ClauseTense? {
        guard sentence < syntax.sentenceWords.count, span.upperBound < syntax.firstWordOfToken.count else { return nil }
        let sentenceWords = syntax.sentenceWords[sentence]
        guard !sentenceWords.isEmpty else { return nil }
        let first = Int(syntax.firstWordOfToken[span.lowerBound])
        let last = Int(syntax.firstWordOfToken[span.upperBound])
        guard sentenceWords.contains(first) else { return nil }
        // The words around the expression, at most `reach` each side: a sentence of thousands of
        // dates without a verb must not make every one of them scan it all.
        let words = max(sentenceWords.lowerBound, first - Self.reach)..<min(sentenceWords.upperBound, max(first, last) + Self.reach + 1)
        let clause = clauseWords(around: first...max(first, last), in: words)
        let heads = verbHeads(in: clause, excluding: first...max(first, last))
        let candidates = heads.isEmpty ? verbHeads(in: words, excluding: first...max(first, last)) : heads
        guard let head = candidates.min(by: { distance($0, first...last) < distance($1, first...last) }) else { return .unknown }
        return tense(ofGroupEndingAt: head, in: words)
    }

    /// How far from the expression its verb is looked for, in words.
    static let reach = 40

    private func distance(_ w: Int, _ span: ClosedRange<Int>) -> Int {
        w < span.lowerBound ? span.lowerBound - w : w - span.upperBound
    }

    /// The words of the clause holding `span`: from the boundary before it to the one after.
    private func clauseWords(around span: ClosedRange<Int>, in words: Range<Int>) -> Range<Int> {
        var start = span.lowerBound
        while start > words.lowerBound, !isBoundary(start - 1) { start -= 1 }
        var end = span.upperBound + 1
        while end < words.upperBound, !isBoundary(end) { end += 1 }
        return start..<end
    }

    private func isBoundary(_ w: Int) -> Bool {
        let form = syntax.lowerForms[w]
        switch syntax.upos[w] {
        case "SCONJ", "CCONJ": return true
        case "PRON": return ["who", "which", "whom", "whose"].contains(form)
        case "PUNCT": return [";", ":", "\"", "\u{201C}", "\u{201D}", "(", ")", "--", "\u{2014}"].contains(form)
        default: return false
        }
    }

    /// The last word of each verb group in `words` (a verb, or an auxiliary no verb follows: a
    /// copula), outside the expression itself.
    private func verbHeads(in words: Range<Int>, excluding span: ClosedRange<Int>) -> [Int] {
        words.filter { w in
            guard !span.contains(w) else { return false }
            if syntax.upos[w] == "VERB" { return true }
            guard syntax.upos[w] == "AUX" else { return false }
            // An auxiliary is a group's head when no verb follows it within the group.
            var next = w + 1
            while next < words.upperBound, ["AUX", "ADV", "PART"].contains(syntax.upos[next]) { next += 1 }
            return !(next < words.upperBound && syntax.upos[next] == "VERB")
        }
    }

    /// Verbs whose infinitive complement lies ahead ("is expected to sign on Tuesday").
    static let intentionVerbs: Set<String> = ["expect", "schedule", "plan", "intend", "set", "aim", "hope", "prepare", "due", "slate"]

    /// Verbs whose object is a plan for a day of its own ("planned a rally on Saturday").
    static let planningVerbs: Set<String> = ["plan", "schedule", "intend", "slate", "reschedule", "postpone", "delay"]

    /// The tense of the verb group whose last word is `head`, from its auxiliaries and form.
    private func tense(ofGroupEndingAt head: Int, in words: Range<Int>) -> ClauseTense {
        var auxiliaries: [String] = []
        var w = head - 1
        while w >= words.lowerBound, ["AUX", "ADV", "PART"].contains(syntax.upos[w]) || (syntax.upos[w] == "VERB" && syntax.lowerForms[w] == "going") {
            if syntax.upos[w] != "ADV" { auxiliaries.append(syntax.lowerForms[w]) }
            w -= 1
        }
        if auxiliaries.contains(where: { lexicon.futureMarkers.contains($0) || $0.hasSuffix("'ll") || $0.hasSuffix("\u{2019}ll") }) { return .future }
        // "are expected to meet", "plans to visit": a verb of intention before the infinitive.
        if auxiliaries.contains("to"), w >= words.lowerBound, Self.intentionVerbs.contains(syntax.lowerLemmas[w]) { return .future }
        // "is going to meet", "is to meet", "are expected to meet".
        if auxiliaries.contains("to"), auxiliaries.contains(where: { ["going", "is", "are", "am"].contains($0) }) { return .future }
        if auxiliaries.contains(where: { ["was", "were", "had", "did"].contains($0) }) { return .past }
        let form = syntax.lowerForms[head]
        let lemma = syntax.lowerLemmas[head]
        // "is to resume trading Tuesday": a gerund object takes the tense of the verb before it.
        if auxiliaries.isEmpty, form.hasSuffix("ing"), w >= words.lowerBound, syntax.upos[w] == "VERB" {
            return tense(ofGroupEndingAt: w, in: words)
        }
        // "planned a rally on Saturday", "was scheduled for Tuesday": the plan is past, its day
        // may not be.
        if Self.planningVerbs.contains(lemma) { return .unknown }
        if auxiliaries.contains(where: { ["has", "have", "'ve", "\u{2019}ve"].contains($0) }) { return .past }
        if auxiliaries.contains(where: { ["would", "could", "might", "may", "should", "must", "can"].contains($0) }) { return .unknown }
        if ["was", "were"].contains(form) { return .past }
        // News reports what was said in the present: "says" tells of what happened.
        if lemma == "say" { return .past }
        // A form that is not the lemma, its third person or its participle in -ing is a past form.
        if syntax.upos[head] == "VERB", form != lemma, !form.hasSuffix("ing"), form != lemma + "s", form != lemma + "es",
           !(lemma.hasSuffix("y") && form == lemma.dropLast() + "ies") {
            // (A bare past participle after "is"/"are" is a present passive: "is expected".)
            if auxiliaries.contains(where: { ["is", "are", "am", "be", "been", "being"].contains($0) }) { return .unknown }
            return .past
        }
        return .unknown
    }

}
