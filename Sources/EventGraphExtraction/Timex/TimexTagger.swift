import EventGraphCore

/// The text of a document's tokens, made only for the tokens that are looked at: most tokens of
/// an article never are, and making a `String` for each would dominate the tagger's time.
final class TokenTexts {
    private let document: AnalyzedDocument
    private var words: [String?]
    private var lowers: [String?]

    init(_ document: AnalyzedDocument) {
        self.document = document
        words = Array(repeating: nil, count: document.tokens.count)
        lowers = Array(repeating: nil, count: document.tokens.count)
    }

    var count: Int { words.count }

    /// The value of an all-digit token (nil otherwise) and its digit count; cached.
    private var digitCache: [Int32] = []

    /// The token's value when it is all ASCII digits (at most 9 of them), else nil.
    func digitValue(_ t: Int) -> Int? {
        if digitCache.isEmpty { digitCache = Array(repeating: -2, count: words.count) }
        let cached = digitCache[t]
        if cached == -1 { return nil }
        if cached >= 0 { return Int(cached) }
        let span = document.tokens[t].span
        var value: Int32 = 0
        var ok = span.byteEnd - span.byteStart <= 9
        if ok {
            for i in span.byteStart..<span.byteEnd {
                let b = document.utf8[i]
                guard b >= 0x30 && b <= 0x39 else { ok = false; break }
                value = value * 10 + Int32(b - 0x30)
            }
        }
        digitCache[t] = ok ? value : -1
        return ok ? Int(value) : nil
    }

    /// Whether the token starts with an uppercase letter.
    func isCapitalized(_ t: Int) -> Bool {
        let b = document.utf8[document.tokens[t].span.byteStart]
        if b < 0x80 { return b >= 0x41 && b <= 0x5A }
        return document.scalars[document.tokens[t].span.start].properties.isUppercase
    }

    subscript(_ t: Int) -> String { word(t) }

    func word(_ t: Int) -> String {
        if let w = words[t] { return w }
        let w = document.text(of: t)
        words[t] = w
        return w
    }

    func lower(_ t: Int) -> String {
        if let l = lowers[t] { return l }
        let l = word(t).lowercased()
        lowers[t] = l
        return l
    }

    private var fingerprints: [UInt64] = []

    /// The token's fingerprint, cached.
    func fingerprintValue(_ t: Int) -> UInt64 {
        if fingerprints.isEmpty { fingerprints = (0..<words.count).map { fingerprint($0).hash } }
        return fingerprints[t]
    }

    /// FNV-1a over the token's bytes with ASCII letters lowercased, and whether it holds a digit
    /// or a hyphen: enough to skip a token without making its `String`.
    func fingerprint(_ t: Int) -> (hash: UInt64, digitOrHyphen: Bool) {
        let span = document.tokens[t].span
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var flag = false
        for i in span.byteStart..<span.byteEnd {
            var b = document.utf8[i]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 } else if (b >= 0x30 && b <= 0x39) || b == 0x2D { flag = true }
            hash = (hash ^ UInt64(b)) &* 0x0100_0000_01b3
        }
        return (hash, flag)
    }

    static func fingerprint(_ lower: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for var b in lower.utf8 {
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            hash = (hash ^ UInt64(b)) &* 0x0100_0000_01b3
        }
        return hash
    }
}

/// Finds time expressions and normalizes them to TIMEX3 against the publication date, by the rules
/// in `Resources/timex/rules.json` and the word lists beside it.
///
/// Works sentence by sentence over tokens: at each token the rules that can start there are tried,
/// the longest match wins (the earlier rule on a tie), and matching resumes after it. Signals just
/// before an expression anchor it: "for ten years" in a past clause ends at the publication date
/// (2013/2023), "since 2016" opens an interval at 2016.
public struct TimexTagger: PipelineStage {
    public let name = "timexes"
    public let requires: Set<PipelineLayer> = [.tokens, .sentences]
    public let provides: Set<PipelineLayer> = [.timexes]
    public let rules: TimexRuleSet
    let lexicon: TimexLexicon
    /// Rules by the fingerprint of the lowercased word their first element accepts.
    private let rulesByWord: [UInt64: [Int]]
    /// Rules whose first element is a class capture, by class.
    private let rulesByClass: [(TimexClass, [Int])]

    public init(rules: TimexRuleSet? = nil) throws(ResourceError) {
        if let rules { self.rules = rules } else { self.rules = try TimexRuleSet.standard() }
        self.lexicon = try TimexLexicon.standard()
        var byWord: [UInt64: [Int]] = [:]
        var byClass: [TimexClass: [Int]] = [:]
        for (index, rule) in self.rules.rules.enumerated() {
            // Index on every element up to and including the first required one; a leading context
            // element is matched one token early, so the rule belongs where its expression starts.
            for element in rule.elements where !element.context {
                switch element.kind {
                case .words(let words, _, _): for w in words { byWord[TokenTexts.fingerprint(w.lowercased()), default: []].append(index) }
                case .capture(let cls, _): byClass[cls, default: []].append(index)
                }
                if !element.optional { break }
            }
        }
        self.rulesByWord = byWord
        self.requiredWords = self.rules.rules.map { rule in
            rule.elements.compactMap { element -> WordFilter? in
                guard !element.optional, case .words(_, _, let fingerprints) = element.kind else { return nil }
                var filter = WordFilter()
                for f in fingerprints { filter.insert(f) }
                return filter
            }
        }
        self.rulesByClass = byClass.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value) }
        var bits: [String: UInt32] = [:]
        func mark(_ words: some Sequence<String>, _ classes: TimexClass...) {
            for w in words { for c in classes { bits[w, default: 0] |= c.bit } }
        }
        let lexicon = self.lexicon
        mark(lexicon.months.keys, .month, .monthname)
        mark(lexicon.weekdays.keys, .weekday)
        mark(lexicon.numbers.keys, .number)
        mark(lexicon.vague, .vague)
        mark(lexicon.ordinals.keys, .ordinal, .century, .day)
        mark(lexicon.units.keys, .unit)
        mark(lexicon.seasons.keys, .season)
        mark(lexicon.decades.keys, .decade)
        mark(["eighteen", "nineteen"], .year)
        mark(lexicon.partsOfDay.keys, .part)
        mark(lexicon.zones.map { $0.lowercased() }, .zone)
        mark(lexicon.approximators.compactMap(\.first), .approx)
        mark(["a.m.", "a.m", "am", "p.m.", "p.m", "pm"], .ampm)
        mark(["q1", "q2", "q3", "q4"], .quarter)
        self.wordClassBits = bits
        var interesting = Set(bits.keys.map(TokenTexts.fingerprint))
        interesting.formUnion(byWord.keys)
        self.interestingFingerprints = interesting
    }

    /// For each rule, the fingerprints of each word element it cannot match without: a sentence
    /// lacking one of them is no place to try the rule ("the first half of 1990" needs "half"),
    /// which spares most attempts at every "the".
    private let requiredWords: [[WordFilter]]

    /// A 256-bit Bloom filter of word fingerprints: a sentence's words, or the alternatives of one
    /// element. Two filters that share no bit share no word; one that shares a bit may (the
    /// matcher then decides), so the test never rules out a rule that could match.
    struct WordFilter {
        var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        mutating func insert(_ fingerprint: UInt64) {
            let bit = UInt64(1) << ((fingerprint >> 8) & 63)
            switch (fingerprint >> 14) & 3 {
            case 0: bits.0 |= bit
            case 1: bits.1 |= bit
            case 2: bits.2 |= bit
            default: bits.3 |= bit
            }
        }

        func mayShare(_ other: WordFilter) -> Bool {
            (bits.0 & other.bits.0) | (bits.1 & other.bits.1) | (bits.2 & other.bits.2) | (bits.3 & other.bits.3) != 0
        }
    }

    /// Fingerprints of every word a rule or class can start with.
    private let interestingFingerprints: Set<UInt64>

    /// For each lexicon word (lowercased), the classes it may belong to: a token not in this table
    /// and without digits or hyphens belongs to none, and is passed over at the cost of one lookup.
    private let wordClassBits: [String: UInt32]

    /// The classes a token may belong to (a superset: `classCapture` decides).
    private func classBits(word: String, lower: String) -> UInt32 {
        var bits = wordClassBits[lower] ?? 0
        var hasDigit = false, hasHyphen = false
        for b in lower.utf8 {
            if b >= 0x30 && b <= 0x39 { hasDigit = true } else if b == UInt8(ascii: "-") { hasHyphen = true }
        }
        if hasDigit {
            bits |= TimexClass.number.bit | TimexClass.year.bit | TimexClass.yy.bit | TimexClass.mm.bit | TimexClass.day.bit
                | TimexClass.hour.bit | TimexClass.minute.bit | TimexClass.decade.bit | TimexClass.ordinal.bit | TimexClass.century.bit
                | TimexClass.quarter.bit | TimexClass.ordinalquarter.bit
        }
        if hasHyphen { bits |= TimexClass.number.bit | TimexClass.numberunit.bit | TimexClass.ordinalquarter.bit }
        if hasHyphen, lower.hasSuffix("-old") { bits |= TimexClass.unit.bit }
        if hasHyphen, let rest = Self.withoutPeriodPrefix(lower) {
            bits |= (wordClassBits[rest] ?? 0) | TimexClass.year.bit | TimexClass.decade.bit
        }
        return bits
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
        let texts = TokenTexts(document)
        var interesting = [Bool](repeating: false, count: texts.count)
        var bits = [UInt32](repeating: 0, count: texts.count)

        for t in 0..<texts.count {
            let (hash, digitOrHyphen) = texts.fingerprint(t)
            guard digitOrHyphen || interestingFingerprints.contains(hash) else { continue }
            interesting[t] = true
            bits[t] = classBits(word: texts.word(t), lower: texts.lower(t))
        }
        let dct = document.source.document.published
        // With the tagger's words, the clause's own verb gives the tense; without, marker words.
        let clauseTenses = document.syntax.count > 0 ? ClauseTenseReader(syntax: document.syntax, lexicon: lexicon) : nil
        var lastDate: TimeValue?
        // The last token of the last quarter, half or year named, for the day that ends it.
        var lastPeriodEnd: Int?
        // The story's own time: the last date written with its year and day, and its sentence.
        var storyDate: (day: CalendarDay, sentence: Int)?
        // The last day a date of the current sentence named, for a clock time after it.
        var sentenceDay: (day: CalendarDay, sentence: Int)?
        // The year of the last date of the current sentence, when before the publication year.
        var sentencePastYear: (year: Int, sentence: Int)?
        var result: [Timex] = []
        var scratch = MatchScratch(size: 8)

        var sentenceWords = WordFilter()
        // Per rule: the sentence its viability was last tested in, and the verdict.
        var viabilityTested = [Int](repeating: -1, count: requiredWords.count)
        var viable = [Bool](repeating: false, count: requiredWords.count)
        // Per rule: the token it was last tried at (a rule indexed under two classes is tried once).
        var triedAt = [Int](repeating: -1, count: requiredWords.count)
        for sentence in document.sentences {
            let range = sentence.tokens
            sentenceWords = WordFilter()
            for t in range { sentenceWords.insert(texts.fingerprintValue(t)) }
            var i = range.lowerBound
            while i < range.upperBound {
                var candidates: [Candidate] = []
                guard interesting[i] else {
                    i += 1
                    continue
                }
                var ruleIndices = rulesByWord[texts.fingerprintValue(i)] ?? []
                if bits[i] != 0 {
                    for (cls, indices) in rulesByClass where bits[i] & cls.bit != 0 && capture(cls, at: i, texts: texts, range: range, bits: &bits) != nil {
                        ruleIndices += indices
                    }
                }
                if ruleIndices.isEmpty {
                    i += 1
                    continue
                }
                for r in ruleIndices where triedAt[r] != i {
                    triedAt[r] = i
                    if viabilityTested[r] != sentence.index {
                        viabilityTested[r] = sentence.index
                        viable[r] = requiredWords[r].allSatisfy { $0.mayShare(sentenceWords) }
                    }
                    guard viable[r] else { continue }
                    let start = rules.rules[r].elements[0].context ? i - 1 : i
                    guard start >= range.lowerBound,
                          let c = match(rule: r, at: start, texts: texts, range: range, bits: &bits, scratch: &scratch), c.span.lowerBound == i else { continue }
                    candidates.append(c)
                }
                candidates.sort { a, b in
                    let (la, lb) = (a.span.count, b.span.count)
                    return la != lb ? la > lb : a.rule < b.rule
                }
                var accepted = false
                for candidate in candidates {
                    let rule = rules.rules[candidate.rule]
                    var clauseTense = clauseTenses?.tense(of: candidate.span, sentence: sentence.index) ?? tense(span: candidate.span, range: range, texts: texts)
                    // "postponed until Tuesday", "a deadline by Friday", "named chairman, effective Feb. 1": a
                    // past act sets a later day.
                    if clauseTense == .past, candidate.span.lowerBound > range.lowerBound,
                       ["until", "till", "by", "effective"].contains(texts.lower(candidate.span.lowerBound - 1)) { clauseTense = .unknown }
                    let future = clauseTense == .future
                    let reference = Self.referenceTime(for: rule, dct: dct, story: storyDate, sentence: sentence.index)
                    // Told in the past from the story's own date, a weekday is the nearest one either
                    // side of it: a narrative moves on ("On Thursday they returned").
                    let storyTense = reference != dct && clauseTense == .past ? ClauseTense.unknown : clauseTense
                    var context = NormalizationContext(dct: reference, tense: storyTense, lastDate: lastDate, lexicon: lexicon)
                    if let day = sentenceDay, day.sentence == sentence.index { context.sentenceDay = day.day }
                    if let past = sentencePastYear, past.sentence == sentence.index { context.sentencePastYear = past.year }
                    guard let outputs = TimexNormalizer.normalize(rule, captures: candidate.captures, span: candidate.span, words: texts, context: context),
                          outputs.allSatisfy({ TimexNormalizer.isWithinCalendar($0.value) }) else { continue }
                    for output in outputs {
                        let anchored = anchor(output, range: range, texts: texts, dct: dct, future: future)
                        let span = document.tokens[output.tokens.lowerBound].span.union(document.tokens[output.tokens.upperBound].span)
                        result.append(Timex(document: document.documentID, text: document.text(of: span), type: anchored.type,
                                            value: anchored.value, start: span.start, end: span.end, interval: anchored.interval,
                                            rule: rule.id, confidence: rule.confidence))
                        // "the quarter ended Sept. 30": the quarter stays the period talked of.
                        let endsNamedPeriod = output.tokens.lowerBound > range.lowerBound
                            && ["ended", "ending"].contains(texts.lower(output.tokens.lowerBound - 1))
                            && lastPeriodEnd == output.tokens.lowerBound - 2
                        if anchored.type == .date || anchored.type == .time, !output.isComparison, !endsNamedPeriod,
                           let v = TimeValue(timex: anchored.value), v.hasBounds {
                            lastDate = v
                            lastPeriodEnd = [.quarter, .half, .year].contains(v.precision) ? output.tokens.upperBound : nil
                            if anchored.type == .date, v.precision == .day, let day = v.earliest { sentenceDay = (day, sentence.index) }
                            if let year = v.earliest?.year, v.latest?.year == year, let dctYear = dct?.year, year < dctYear {
                                sentencePastYear = (year, sentence.index)
                            } else if sentencePastYear?.sentence == sentence.index {
                                sentencePastYear = nil
                            }
                            // A date ahead of publication (a bond's maturity, a deadline) is no story told.
                            if Self.storySettingRules.contains(rule.normalize), v.precision == .day || v.precision == .time, let day = v.earliest,
                               dct.map({ day < $0 }) ?? true {
                                storyDate = (day, sentence.index)
                            }
                        }
                        // "Three days later" moves the story's time to where it leads.
                        if anchored.type == .duration, rule.normalize == "later", let end = anchored.interval?.end, end.hasBounds { lastDate = end }
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

    /// Per-element results of one match attempt, reused across attempts so that trying a rule
    /// allocates nothing.
    struct MatchScratch {
        /// First and last token each element matched, or -1 when it was skipped.
        var first: [Int]
        var last: [Int]
        var captures: [Capture?]
        /// The backtracking stack: element, token, and what is left to try there.
        var frames: [Frame] = []
        /// `failedStamp[e * width + (t - start)] == stamp`: element `e` at token `t` was tried in
        /// this attempt and cannot lead to a match. Stamps save clearing the table per attempt.
        var failedStamp: [UInt32] = []
        var stamp: UInt32 = 0

        struct Frame {
            var element: Int
            var token: Int
            /// 0: take the element here; 1: skip it (if optional); 2: nothing left.
            var stage: UInt8
        }

        init(size: Int) {
            first = Array(repeating: -1, count: size)
            last = Array(repeating: -1, count: size)
            captures = Array(repeating: nil, count: size)
        }

        /// Starts an attempt over `elements` elements and `tokens` tokens from the start.
        mutating func begin(elements: Int, tokens: Int) {
            frames.removeAll(keepingCapacity: true)
            let needed = (elements + 1) * (tokens + 1)
            if failedStamp.count < needed { failedStamp = Array(repeating: 0, count: needed); stamp = 0 }
            if stamp == UInt32.max { failedStamp = Array(repeating: 0, count: failedStamp.count); stamp = 0 }
            stamp += 1
        }
    }

    /// Whether `elements`, from the first, match at `start`: a depth-first search over "take this
    /// element here or skip it (if optional)", earliest choice first, with an explicit stack (never
    /// recursion on pattern length) and a table of (element, token) states already known to fail,
    /// so that a pattern of many optional elements costs elements × tokens steps, not 2^elements.
    private func search(
        _ elements: [PatternElement], from start: Int, texts: TokenTexts, range: Range<Int>,
        _ bits: inout [UInt32], _ scratch: inout MatchScratch
    ) -> Bool {
        let width = range.upperBound - start + 1
        scratch.begin(elements: elements.count, tokens: width)
        scratch.frames.append(.init(element: 0, token: start, stage: 0))
        while let frame = scratch.frames.last {
            let e = frame.element, t = frame.token
            if e == elements.count { return true }
            let slot = e * width + (t - start)
            let top = scratch.frames.count - 1
            switch frame.stage {
            case 0:
                scratch.frames[top].stage = 1
                if scratch.failedStamp[slot] == scratch.stamp { scratch.frames[top].stage = 2; continue }
                guard t < range.upperBound, let next = take(elements[e], at: t, texts: texts, range: range, &bits, e, &scratch) else { continue }
                scratch.frames.append(.init(element: e + 1, token: next, stage: 0))
            case 1:
                scratch.frames[top].stage = 2
                scratch.first[e] = -1
                scratch.last[e] = -1
                scratch.captures[e] = nil
                if elements[e].optional { scratch.frames.append(.init(element: e + 1, token: t, stage: 0)) }
            default:
                scratch.failedStamp[slot] = scratch.stamp
                scratch.first[e] = -1
                scratch.last[e] = -1
                scratch.captures[e] = nil
                scratch.frames.removeLast()
            }
        }
        return false
    }

    /// Element `e` taken at token `t`: records what it matched and returns the token after it, or
    /// nil when the token is not what the element wants.
    private func take(
        _ element: PatternElement, at t: Int, texts: TokenTexts, range: Range<Int>, _ bits: inout [UInt32], _ e: Int,
        _ scratch: inout MatchScratch
    ) -> Int? {
        switch element.kind {
        case .words(let set, let exact, let fingerprints):
            guard exact ? set.contains(texts.word(t)) : fingerprints.contains(texts.fingerprintValue(t)) else { return nil }
            scratch.first[e] = t
            scratch.last[e] = t
            return t + 1
        case .capture(let cls, _):
            guard let capture = capture(cls, at: t, texts: texts, range: range, bits: &bits) else { return nil }
            scratch.first[e] = t
            scratch.last[e] = capture.lastToken
            scratch.captures[e] = capture
            return capture.lastToken + 1
        }
    }

    /// Tries one rule at token `start`; nil when it does not match.
    private func match(rule index: Int, at start: Int, texts: TokenTexts, range: Range<Int>, bits: inout [UInt32], scratch: inout MatchScratch) -> Candidate? {
        let elements = rules.rules[index].elements
        if scratch.first.count < elements.count { scratch = MatchScratch(size: elements.count) }
        guard search(elements, from: start, texts: texts, range: range, &bits, &scratch) else { return nil }
        var first: Int?, last: Int?
        var captures: [String: Capture] = [:]
        for e in elements.indices where scratch.first[e] >= 0 {
            if case .capture(_, let name) = elements[e].kind, let capture = scratch.captures[e] { captures[name] = capture }
            if elements[e].context { continue }
            if first == nil { first = scratch.first[e] }
            last = scratch.last[e]
        }
        guard let first, var last else { return nil }
        // An optional word a pattern took at its end with nothing after it ("the third quarter
        // of", "Feb. 4."): no part of the expression.
        while last > first, Self.trailingConnectives.contains(texts.lower(last)), isOptionalWordMatch(elements, endingAt: last, scratch) { last -= 1 }
        // "the next year or so", "a week or so ago": the hedge belongs to the expression.
        if last + 2 < range.upperBound, texts.lower(last + 1) == "or", texts.lower(last + 2) == "so" { last += 2 }
        let rule = rules.rules[index]
        if first > range.lowerBound {
            let before = first - 1
            if rule.notPrecededBy.words.contains(texts.lower(before))
                // ("a" counts as one, but "a five year low" is five years.)
                || (!["a", "an"].contains(texts.lower(before))
                    && rule.notPrecededBy.classes.contains(where: { classCapture($0, at: before, texts: texts, range: range) != nil })) {
                return nil
            }
        }
        if last + 1 < range.upperBound,
           rule.notFollowedBy.words.contains(texts.lower(last + 1))
            || rule.notFollowedBy.classes.contains(where: { classCapture($0, at: last + 1, texts: texts, range: range) != nil }) {
            return nil
        }
        return Candidate(rule: index, span: first...last, captures: captures)
    }

    /// Words an expression does not end on though a pattern may take them there.
    static let trailingConnectives: Set<String> = ["of", ",", ".", "and", "or", "&", "-", "at", "to"]

    /// Whether the element that matched token `t` last is an optional word element.
    private func isOptionalWordMatch(_ elements: [PatternElement], endingAt t: Int, _ scratch: MatchScratch) -> Bool {
        guard let e = elements.indices.last(where: { scratch.first[$0] >= 0 && scratch.last[$0] == t && !elements[$0].context }) else { return false }
        if case .words = elements[e].kind { return elements[e].optional }
        return false
    }

    /// `classCapture`, skipping classes already ruled out for the token and remembering misses.
    private func capture(_ cls: TimexClass, at t: Int, texts: TokenTexts, range: Range<Int>, bits: inout [UInt32]) -> Capture? {
        guard bits[t] & cls.bit != 0 else { return nil }
        let result = classCapture(cls, at: t, texts: texts, range: range)
        if result == nil { bits[t] &= ~cls.bit }
        return result
    }

    /// The capture a token gives for a class, or nil when it is not of that class.
    /// A year in words, as broadcast transcripts write it: "nineteen ninety-six" (two tokens), "in
    /// eighteen twelve". Only a century word with a count of ten to ninety-nine in words after it.
    private func spokenYear(at t: Int, lower: String, texts: TokenTexts, range: Range<Int>) -> Capture? {
        guard let century = ["eighteen": 18, "nineteen": 19][lower], t + 1 < range.upperBound, texts.digitValue(t + 1) == nil,
              let tail = lexicon.number(word: texts.lower(t + 1)), tail >= 10, tail <= 99, tail == tail.rounded() else { return nil }
        if t + 2 < range.upperBound, lexicon.yearBlockers.contains(texts.lower(t + 2)) { return nil }
        return Capture(token: t, lastToken: t + 1, number: Double(century * 100) + tail)
    }

    func classCapture(_ cls: TimexClass, at t: Int, texts: TokenTexts, range: Range<Int>) -> Capture? {
        let word = texts.word(t), lower = texts.lower(t)
        let isCapitalized = texts.isCapitalized(t)
        let digits = texts.digitValue(t)
        switch cls {
        case .month, .monthname, .year, .decade:
            // "mid-November", "early-1990s": one token, the period it names.
            if let rest = Self.withoutPeriodPrefix(lower) {
                let restWord = String(word.suffix(rest.count))
                return periodCapture(cls, at: t, word: restWord, lower: rest, isCapitalized: restWord.first?.isUppercase == true)
            }
            return periodCapture(cls, at: t, word: word, lower: lower, isCapitalized: isCapitalized, texts: texts, range: range)
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
            if lexicon.units[lower] != nil { return Capture(token: t) }
            // "65 - year-old" as the tokenizer splits "65-year-old": an age, in the unit's code.
            let unitWord = Self.withoutAgeSuffix(lower)
            return unitWord != lower && lexicon.units[unitWord] != nil ? Capture(token: t, code: unitWord) : nil
        case .numberunit:
            // "ten-year": a number word and a unit in one hyphenated token; "65-year-old", an age.
            let compound = Self.withoutAgeSuffix(lower)
            guard let hyphen = compound.lastIndex(of: "-") else { return nil }
            let unitWord = String(compound[compound.index(after: hyphen)...])
            let amount = String(compound[..<hyphen])
            // Digits too: "10-year", "65-year-old".
            let written = amount.count <= 4 && !amount.isEmpty && amount.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? Double(amount) : nil
            guard lexicon.units[unitWord] != nil, let n = written ?? lexicon.number(word: amount) else { return nil }
            return Capture(token: t, number: n, code: unitWord)
        case .season:
            return lexicon.seasons[lower].map { Capture(token: t, code: $0) }
        case .part:
            return lexicon.partsOfDay[lower].map { Capture(token: t, code: $0) }
        case .zone:
            return lexicon.zones.contains(word) ? Capture(token: t, code: word) : nil
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
                if phrase.indices.allSatisfy({ texts.lower(t + $0) == phrase[$0] }) {
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

    /// A month, year or decade token's capture; `texts` and `range` (the token's own context) are
    /// nil for the part of a prefixed token ("mid-1996"), which no neighbour can block.
    private func periodCapture(
        _ cls: TimexClass, at t: Int, word: String, lower: String, isCapitalized: Bool, texts: TokenTexts? = nil, range: Range<Int>? = nil
    ) -> Capture? {
        switch cls {
        case .month, .monthname:
            guard isCapitalized, let entry = lexicon.months[lower], cls == .month || entry.isName else { return nil }
            return Capture(token: t, number: Double(entry.month))
        case .year:
            if let texts, let range, let spoken = spokenYear(at: t, lower: lower, texts: texts, range: range) { return spoken }
            guard word.count == 4, word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let y = Int(word), (1000...2199).contains(y) else { return nil }
            if let texts, let range {
                if t + 1 < range.upperBound, lexicon.yearBlockers.contains(texts.lower(t + 1)) { return nil }
                if t > range.lowerBound, ["$", "€", "£", "#", "no", "no."].contains(texts.lower(t - 1)) { return nil }
            }
            return Capture(token: t, number: Double(y))
        default:
            // "1980s" → 1980; "80s" → 1980 (two digits mean the twentieth century); "the nineties".
            if let decade = lexicon.decades[lower] { return Capture(token: t, number: Double(decade)) }
            guard lower.hasSuffix("s") else { return nil }
            let body = lower.dropLast()
            guard body.allSatisfy(\.isASCII), let n = Int(body), n % 10 == 0 else { return nil }
            if body.count == 4 { return Capture(token: t, number: Double(n)) }
            if body.count == 2 { return Capture(token: t, number: Double(1900 + n)) }
            return nil
        }
    }

    /// What follows "mid-", "early-" or "late-" in one token ("mid-november" → "november"), or nil.
    static func withoutPeriodPrefix(_ lower: String) -> String? {
        guard let first = lower.utf8.first, first == UInt8(ascii: "m") || first == UInt8(ascii: "e") || first == UInt8(ascii: "l") else { return nil }
        for prefix in ["mid-", "early-", "late-"] where lower.hasPrefix(prefix) && lower.count > prefix.count {
            return String(lower.dropFirst(prefix.count))
        }
        return nil
    }

    /// "1st", "22nd", "3rd", "20th" → the number.
    private func ordinalDigits(_ lower: String) -> Int? {
        guard lower.count >= 3 else { return nil }
        let suffix = lower.suffix(2)
        guard ["st", "nd", "rd", "th"].contains(suffix) else { return nil }
        return Int(lower.dropLast(2))
    }

    /// An age's compound without its "-old" ("year-old" → "year", "65-year-old" → "65-year").
    static func withoutAgeSuffix(_ lower: String) -> String {
        lower.hasSuffix("-old") ? String(lower.dropLast(4)) : lower
    }

    /// Rules whose dates are written out with their year: they can set a story in its own time.
    static let storySettingRules: Set<String> = ["explicit-date", "numeric-date", "month-day-year-optional"]

    /// What a weekday or a day without its year counts from: the publication date, unless the
    /// text has just set the story in another period (a date written with its year and day in this
    /// sentence or the one before, more than 60 days from publication: "On March 3, 1998, police
    /// came. On Tuesday they left." is the Tuesday after March 3, 1998, not one near publication).
    /// HeidelTime calls the two its news and narrative strategies; here the text chooses.
    static func referenceTime(for rule: TimexRule, dct: CalendarDay?, story: (day: CalendarDay, sentence: Int)?, sentence: Int) -> CalendarDay? {
        guard ["weekday", "month-day", "clock-weekday"].contains(rule.normalize), let story, sentence - story.sentence <= 1 else { return dct }
        guard let dct else { return story.day }
        return abs(story.day.dayNumber - dct.dayNumber) > 60 ? story.day : dct
    }

    /// The tense of the clause around the expression: a future marker among the eight tokens
    /// before it or the four after it (within the sentence) makes it future, else a past marker
    /// (or a word ending in "ed") past, else unknown.
    private func tense(span: ClosedRange<Int>, range: Range<Int>, texts: TokenTexts) -> ClauseTense {
        let before = max(range.lowerBound, span.lowerBound - 8)..<span.lowerBound
        let after = (span.upperBound + 1)..<min(range.upperBound, span.upperBound + 5)
        var past = false
        for t in Array(before) + Array(after) {
            let w = texts.lower(t)
            if lexicon.futureMarkers.contains(w) || w.hasSuffix("'ll") || w.hasSuffix("’ll") { return .future }
            if lexicon.pastMarkers.contains(w) || (w.count >= 4 && w.hasSuffix("ed") && w.allSatisfy(\.isLetter)) { past = true }
        }
        return past ? .past : .unknown
    }

    /// Applies the signal before an expression: "for" / "over the past" anchor a duration at the
    /// publication date; "since" opens an interval at a date.
    private func anchor(_ output: TimexOutput, range: Range<Int>, texts: TokenTexts, dct: CalendarDay?, future: Bool) -> TimexOutput {
        var output = output
        guard output.interval == nil else { return output }
        var t = (output.anchorToken ?? output.tokens.lowerBound) - 1
        var sawPastLast = false
        while t >= range.lowerBound, ["the", "past", "last", "next", "coming", "first", "previous"].contains(texts.lower(t)) || isApproximator(texts.lower(t)) {
            if ["past", "last"].contains(texts.lower(t)) { sawPastLast = true }
            t -= 1
        }
        let signal = t >= range.lowerBound ? texts.lower(t) : ""
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
