import EventGraphCore

/// Finds time expressions and normalizes them to TIMEX3 against the publication date, by the rules
/// in `Resources/timex/rules.json` and the word lists beside it.
///
/// Works sentence by sentence over tokens: at each token the rules that can start there are tried,
/// the longest match wins (the earlier rule on a tie), and matching resumes after it. Signals just
/// before an expression anchor it: "for ten years" in a past clause ends at the publication date
/// (2013/2023), "since 2016" opens an interval at 2016.
public struct TimexTagger: PipelineStage {
    public let name = "timexes"
    public let rules: TimexRuleSet
    let lexicon: TimexLexicon
    /// Rules by the lowercased word their first element accepts.
    private let rulesByWord: [String: [Int]]
    /// Rules whose first element is a class capture, by class.
    private let rulesByClass: [(TimexClass, [Int])]

    public init(rules: TimexRuleSet? = nil) throws(ResourceError) {
        if let rules { self.rules = rules } else { self.rules = try TimexRuleSet.standard() }
        self.lexicon = try TimexLexicon.standard()
        var byWord: [String: [Int]] = [:]
        var byClass: [TimexClass: [Int]] = [:]
        for (index, rule) in self.rules.rules.enumerated() {
            // Index on every element up to and including the first required one; a leading context
            // element is matched one token early, so the rule belongs where its expression starts.
            for element in rule.elements where !element.context {
                switch element.kind {
                case .words(let words, _): for w in words { byWord[w.lowercased(), default: []].append(index) }
                case .capture(let cls, _): byClass[cls, default: []].append(index)
                }
                if !element.optional { break }
            }
        }
        self.rulesByWord = byWord
        self.rulesByClass = byClass.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value) }
    }

    public func process(_ document: inout AnalyzedDocument) {
        document.timexes = tag(document)
    }

    /// A match before normalization.
    private struct Candidate {
        var rule: Int
        var span: ClosedRange<Int>
        var captures: [String: Capture]
    }

    public func tag(_ document: AnalyzedDocument) -> [Timex] {
        let words = document.tokens.indices.map { document.text(of: $0) }
        let lowers = words.map { $0.lowercased() }
        let dct = document.source.document.published
        var lastDate: TimeValue?
        var result: [Timex] = []

        for sentence in document.sentences {
            let range = sentence.tokens
            var i = range.lowerBound
            while i < range.upperBound {
                var candidates: [Candidate] = []
                var tried = Set<Int>()
                var ruleIndices = rulesByWord[lowers[i]] ?? []
                for (cls, indices) in rulesByClass where classCapture(cls, at: i, words: words, lowers: lowers, range: range) != nil {
                    ruleIndices += indices
                }
                for r in ruleIndices where tried.insert(r).inserted {
                    let start = rules.rules[r].elements[0].context ? i - 1 : i
                    guard start >= range.lowerBound,
                          let c = match(rule: r, at: start, words: words, lowers: lowers, range: range), c.span.lowerBound == i else { continue }
                    candidates.append(c)
                }
                candidates.sort { a, b in
                    let (la, lb) = (a.span.count, b.span.count)
                    return la != lb ? la > lb : a.rule < b.rule
                }
                var accepted = false
                for candidate in candidates {
                    let rule = rules.rules[candidate.rule]
                    let clauseTense = tense(span: candidate.span, range: range, lowers: lowers)
                    let future = clauseTense == .future
                    let context = NormalizationContext(dct: dct, tense: clauseTense, lastDate: lastDate, lexicon: lexicon)
                    guard let outputs = TimexNormalizer.normalize(rule, captures: candidate.captures, span: candidate.span, words: words, context: context) else { continue }
                    for output in outputs {
                        let anchored = anchor(output, range: range, lowers: lowers, dct: dct, future: future)
                        let span = document.tokens[output.tokens.lowerBound].span.union(document.tokens[output.tokens.upperBound].span)
                        result.append(Timex(document: document.documentID, text: document.text(of: span), type: anchored.type,
                                            value: anchored.value, start: span.start, end: span.end, interval: anchored.interval,
                                            rule: rule.id, confidence: rule.confidence))
                        if anchored.type == .date || anchored.type == .time, let v = TimeValue(timex: anchored.value), v.hasBounds { lastDate = v }
                    }
                    i = candidate.span.upperBound + 1
                    accepted = true
                    break
                }
                if !accepted { i += 1 }
            }
        }
        return result
    }

    /// Tries one rule at token `start`; nil when it does not match.
    private func match(rule index: Int, at start: Int, words: [String], lowers: [String], range: Range<Int>) -> Candidate? {
        let elements = rules.rules[index].elements
        var captures: [String: Capture] = [:]
        var matched: [(element: Int, token: Int)] = []

        func step(_ e: Int, _ t: Int) -> Bool {
            if e == elements.count { return true }
            let element = elements[e]
            if t < range.upperBound {
                switch element.kind {
                case .words(let set, let exact):
                    if set.contains(exact ? words[t] : lowers[t]) {
                        matched.append((e, t))
                        if step(e + 1, t + 1) { return true }
                        matched.removeLast()
                    }
                case .capture(let cls, let name):
                    if let capture = classCapture(cls, at: t, words: words, lowers: lowers, range: range) {
                        captures[name] = capture
                        matched.append((e, t))
                        if capture.lastToken > t { matched.append((e, capture.lastToken)) }
                        if step(e + 1, capture.lastToken + 1) { return true }
                        if capture.lastToken > t { matched.removeLast() }
                        matched.removeLast()
                        captures[name] = nil
                    }
                }
            }
            return element.optional && step(e + 1, t)
        }
        guard step(0, start) else { return nil }
        let inside = matched.filter { !elements[$0.element].context }.map(\.token)
        guard let first = inside.first, let last = inside.last else { return nil }
        let rule = rules.rules[index]
        if first > range.lowerBound {
            let before = first - 1
            if rule.notPrecededBy.words.contains(lowers[before])
                || rule.notPrecededBy.classes.contains(where: { classCapture($0, at: before, words: words, lowers: lowers, range: range) != nil }) {
                return nil
            }
        }
        if last + 1 < range.upperBound,
           rule.notFollowedBy.contains(where: { classCapture($0, at: last + 1, words: words, lowers: lowers, range: range) != nil }) {
            return nil
        }
        return Candidate(rule: index, span: first...last, captures: captures)
    }

    /// The capture a token gives for a class, or nil when it is not of that class.
    func classCapture(_ cls: TimexClass, at t: Int, words: [String], lowers: [String], range: Range<Int>) -> Capture? {
        let word = words[t], lower = lowers[t]
        let isCapitalized = word.unicodeScalars.first?.properties.isUppercase == true
        let digits = word.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? Int(word) : nil
        switch cls {
        case .month, .monthname:
            guard isCapitalized, let entry = lexicon.months[lower], cls == .month || entry.isName else { return nil }
            return Capture(token: t, number: Double(entry.month))
        case .weekday:
            guard isCapitalized, let w = lexicon.weekdays[lower] else { return nil }
            return Capture(token: t, number: Double(w))
        case .number:
            if let digits, word.count <= 4 { return Capture(token: t, number: Double(digits)) }
            if word.contains(","), let n = Int(word.replacingOccurrences(of: ",", with: "")) { return Capture(token: t, number: Double(n)) }
            return lexicon.number(word: lower).map { Capture(token: t, number: $0) }
        case .vague:
            return lexicon.vague.contains(lower) ? Capture(token: t) : nil
        case .ordinal, .century:
            let value = lexicon.ordinals[lower] ?? ordinalDigits(lower)
            guard let value else { return nil }
            return Capture(token: t, number: Double(value))
        case .unit:
            return lexicon.units[lower] != nil ? Capture(token: t) : nil
        case .numberunit:
            // "ten-year": a number word and a unit in one hyphenated token.
            guard let hyphen = lower.lastIndex(of: "-") else { return nil }
            let unitWord = String(lower[lower.index(after: hyphen)...])
            guard lexicon.units[unitWord] != nil, let n = lexicon.number(word: String(lower[..<hyphen])) else { return nil }
            return Capture(token: t, number: n, code: unitWord)
        case .season:
            return lexicon.seasons[lower].map { Capture(token: t, code: $0) }
        case .part:
            return lexicon.partsOfDay[lower].map { Capture(token: t, code: $0) }
        case .zone:
            return lexicon.zones.contains(word) ? Capture(token: t, code: word) : nil
        case .year:
            guard let y = digits, word.count == 4, (1000...2199).contains(y) else { return nil }
            if t + 1 < range.upperBound, lexicon.yearBlockers.contains(lowers[t + 1]) { return nil }
            if t > range.lowerBound, ["$", "€", "£", "#", "no", "no."].contains(lowers[t - 1]) { return nil }
            return Capture(token: t, number: Double(y))
        case .yy:
            guard let y = digits, word.count == 2 else { return nil }
            return Capture(token: t, number: Double(y))
        case .mm:
            guard let m = digits, word.count <= 2, (1...12).contains(m) else { return nil }
            return Capture(token: t, number: Double(m))
        case .day:
            if let d = digits, word.count <= 2, (1...31).contains(d) { return Capture(token: t, number: Double(d)) }
            if let d = lexicon.ordinals[lower] ?? ordinalDigits(lower), (1...31).contains(d) { return Capture(token: t, number: Double(d)) }
            return nil
        case .decade:
            // "1980s" → 1980; "80s" → 1980 (two digits mean the twentieth century).
            guard lower.hasSuffix("s") else { return nil }
            let body = lower.dropLast()
            guard body.allSatisfy(\.isASCII), let n = Int(body), n % 10 == 0 else { return nil }
            if body.count == 4 { return Capture(token: t, number: Double(n)) }
            if body.count == 2 { return Capture(token: t, number: Double(1900 + n)) }
            return nil
        case .hour:
            guard let h = digits, word.count <= 2, (0...24).contains(h) else { return nil }
            return Capture(token: t, number: Double(h))
        case .minute:
            guard let m = digits, word.count == 2, (0...59).contains(m) else { return nil }
            return Capture(token: t, number: Double(m))
        case .ampm:
            switch lower {
            case "a.m.", "a.m", "am": return Capture(token: t, code: "am")
            case "p.m.", "p.m", "pm": return Capture(token: t, code: "pm")
            default: return nil
            }
        case .approx:
            // The longest phrase that matches here ("no more than" before "more than").
            for phrase in lexicon.approximators where t + phrase.count <= range.upperBound {
                if phrase.indices.allSatisfy({ lowers[t + $0] == phrase[$0] }) {
                    return Capture(token: t, lastToken: t + phrase.count - 1)
                }
            }
            return nil
        case .ordinalquarter:
            // "third-quarter": an ordinal and "quarter" in one hyphenated token.
            guard lower.hasSuffix("-quarter"), let n = lexicon.ordinals[String(lower.dropLast(8))] ?? ordinalDigits(String(lower.dropLast(8))) else { return nil }
            return Capture(token: t, number: Double(n))
        case .quarter:
            guard word.count == 2, word.hasPrefix("Q"), let q = Int(word.dropFirst()), (1...4).contains(q) else { return nil }
            return Capture(token: t, number: Double(q))
        }
    }

    /// "1st", "22nd", "3rd", "20th" → the number.
    private func ordinalDigits(_ lower: String) -> Int? {
        guard lower.count >= 3 else { return nil }
        let suffix = lower.suffix(2)
        guard ["st", "nd", "rd", "th"].contains(suffix) else { return nil }
        return Int(lower.dropLast(2))
    }

    /// The tense of the clause around the expression: a future marker among the eight tokens
    /// before it or the four after it (within the sentence) makes it future, else a past marker
    /// (or a word ending in "ed") past, else unknown.
    private func tense(span: ClosedRange<Int>, range: Range<Int>, lowers: [String]) -> ClauseTense {
        let before = max(range.lowerBound, span.lowerBound - 8)..<span.lowerBound
        let after = (span.upperBound + 1)..<min(range.upperBound, span.upperBound + 5)
        var past = false
        for t in Array(before) + Array(after) {
            let w = lowers[t]
            if lexicon.futureMarkers.contains(w) || w.hasSuffix("'ll") || w.hasSuffix("’ll") { return .future }
            if lexicon.pastMarkers.contains(w) || (w.count >= 4 && w.hasSuffix("ed") && w.allSatisfy(\.isLetter)) { past = true }
        }
        return past ? .past : .unknown
    }

    /// Applies the signal before an expression: "for" / "over the past" anchor a duration at the
    /// publication date; "since" opens an interval at a date.
    private func anchor(_ output: TimexOutput, range: Range<Int>, lowers: [String], dct: CalendarDay?, future: Bool) -> TimexOutput {
        var output = output
        guard output.interval == nil else { return output }
        var t = (output.anchorToken ?? output.tokens.lowerBound) - 1
        var sawPastLast = false
        while t >= range.lowerBound, ["the", "past", "last", "next", "coming", "first", "previous"].contains(lowers[t]) || isApproximator(lowers[t]) {
            if ["past", "last"].contains(lowers[t]) { sawPastLast = true }
            t -= 1
        }
        let signal = t >= range.lowerBound ? lowers[t] : ""
        switch output.type {
        case .duration:
            guard let dct, let (amount, granularity) = durationAmount(output.value) else { return output }
            let anchored = signal == "for" || sawPastLast || (["over", "during", "in", "within"].contains(signal) && sawPastLast)
            guard anchored else { return output }
            let here = TimexNormalizer.shift(dct, by: 0, granularity: granularity)
            let there = TimexNormalizer.shift(dct, by: future && !sawPastLast ? amount : -amount, granularity: granularity)
            guard let a = TimeValue(timex: here), let b = TimeValue(timex: there) else { return output }
            output.interval = future && !sawPastLast
                ? TemporalInterval(start: a, end: b, duration: output.value)
                : TemporalInterval(start: b, end: a, duration: output.value)
        case .date, .time:
            guard let value = TimeValue(timex: output.value), value.hasBounds else { return output }
            switch signal {
            case "since": output.interval = TemporalInterval(start: value, end: nil)
            case "until", "till", "through": output.interval = TemporalInterval(start: nil, end: value)
            default: break
            }
        case .set:
            break
        }
        return output
    }

    private func isApproximator(_ lower: String) -> Bool {
        lexicon.approximators.contains { $0.contains(lower) }
    }

    /// `P10Y` → (10, year); `P3M` → (3, month); `P2W` → (2, week); `P5D` → (5, day). Nil for
    /// unknown amounts and clock units.
    private func durationAmount(_ value: String) -> (Int, String)? {
        guard value.hasPrefix("P"), !value.hasPrefix("PT") else { return nil }
        let body = value.dropFirst()
        guard let unit = body.last, let n = Int(body.dropLast()) else { return nil }
        switch unit {
        case "Y": return (n, "year")
        case "M": return (n, "month")
        case "W": return (n, "week")
        case "D": return (n, "day")
        default: return nil
        }
    }
}
