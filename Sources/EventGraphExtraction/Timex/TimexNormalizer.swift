import EventGraphCore

/// A token captured by a pattern, with what its class made of it.
struct Capture: Sendable {
    var token: Int
    /// The last token, for classes that span several ("more than").
    var lastToken: Int
    /// Numbers, months, weekdays, ordinals, years, hours: the integer value.
    var number: Double?

    /// Past this, a number from the text is no count or calendar field that date arithmetic can
    /// use ("the 9223372036854775807th century"); such a capture gives no integer.
    static let largestInteger = 1_000_000

    /// `number` when it is a whole number within ±`largestInteger`, else nil. Every integer the
    /// normalizers use comes through here: converting a huge or fractional Double traps.
    var integer: Int? {
        guard let number, let whole = Int(exactly: number), abs(whole) <= Self.largestInteger else { return nil }
        return whole
    }
    /// Units, seasons, parts of day, AM/PM: the code (`Y`, `SU`, `MO`, `pm`).
    var code: String?

    init(token: Int, lastToken: Int? = nil, number: Double? = nil, code: String? = nil) {
        self.token = token
        self.lastToken = lastToken ?? token
        self.number = number
        self.code = code
    }
}

/// One expression a rule produced: its tokens, type, value and (for ranges and anchored
/// durations) interval.
struct TimexOutput: Sendable {
    var tokens: ClosedRange<Int>
    var type: TimexType
    var value: String
    var interval: TemporalInterval?
    /// Where to look back from for a signal ("for", "the past"): the quantity's first token.
    var anchorToken: Int? = nil
    /// A period named only to compare with the one talked of ("a year earlier", "the year-ago
    /// quarter"): it does not become the date that later expressions count from, or a chain of
    /// comparisons would drift a year further back each time.
    var isComparison = false
}

/// The tense of the clause around an expression, as far as marker words tell.
enum ClauseTense { case past, future, unknown }

/// What a normalizer may look at besides the captures.
struct NormalizationContext {
    var dct: CalendarDay?
    var tense: ClauseTense
    /// The clause speaks of the future ("will meet on Tuesday").
    var future: Bool { tense == .future }
    /// The last date mentioned before this expression ("a year later" counts from it).
    var lastDate: TimeValue?
    /// The day of the last date of this expression's own sentence, when it names one.
    var sentenceDay: CalendarDay? = nil
    /// The year of the last date of this expression's own sentence, when it lies before the
    /// publication year ("last year's uprising that forced him to resign on February 11").
    var sentencePastYear: Int? = nil
    var lexicon: TimexLexicon
}

/// The functions rules name in their `normalize` field. Each turns captures into a TIMEX3 value;
/// nil rejects the match (an impossible date, a missing anchor), and the next candidate is tried.
enum TimexNormalizer {
    static let functions = [
        "explicit-date", "numeric-date", "month-day", "month-year", "month", "year", "year-range", "decade", "century",
        "quarter", "weekday", "relative-day", "relative-unit", "relative-season", "season-year", "ago", "later", "clock",
        "duration", "duration-vague", "set", "set-weekday", "set-adverb", "ref", "month-modifier", "month-relative-year",
        "month-day-year-optional", "clock-weekday", "weekend", "year-earlier-period", "set-part", "story-relative", "clock-duration", "half",
        "holiday", "year-period", "date-clock", "month-day-pair", "relative-year-quarter", "season",
    ]

    static func normalize(
        _ rule: TimexRule, captures: [String: Capture], span: ClosedRange<Int>, words: TokenTexts, context c: NormalizationContext
    ) -> [TimexOutput]? {
        func int(_ name: String) -> Int? { captures[name]?.integer }
        func comparison(_ value: String?) -> [TimexOutput]? {
            one(value).map { $0.map { var o = $0; o.isComparison = true; return o } }
        }
        func one(_ value: String?, type: TimexType? = nil) -> [TimexOutput]? {
            value.map { [TimexOutput(tokens: span, type: type ?? rule.type, value: $0, interval: nil)] }
        }
        // A fixed offset, or the one the first modifier word implies ("last quarter", "early next
        // year").
        let modifierOffsets = ["last": -1, "past": -1, "previous": -1, "preceding": -1, "before": -1, "next": 1, "coming": 1, "following": 1]
        let offset = rule.params["offset"].flatMap { Int($0) } ?? span.lazy.compactMap { modifierOffsets[words.lower($0)] }.first ?? 0
        let partCode = captures["part"]?.code

        switch rule.normalize {
        case "explicit-date":
            guard let y = int("year"), let m = int("month") ?? int("mm"), let d = int("day"), let day = CalendarDay(year: y, month: m, day: d) else { return nil }
            return one(day.iso)
        case "numeric-date":
            // Day first, as most of the world writes it; month first only when the second number
            // cannot be a month (06/20/2023).
            guard let y = int("year"), let a = int("first"), let b = int("second") else { return nil }
            let (m, d) = b > 12 ? (a, b) : (b, a)
            return one(CalendarDay(year: y, month: m, day: d)?.iso)
        case "month-day":
            guard let m = int("month"), let d = int("day"), (1...31).contains(d) else { return nil }
            guard let dct = c.dct else { return one("XXXX-\(pad(m, 2))-\(pad(d, 2))") }
            if !c.future, let year = c.sentencePastYear { return one(CalendarDay(year: year, month: m, day: d)?.iso) }
            return one(resolveMonthDay(month: m, day: d, dct: dct, tense: c.tense)?.iso)
        case "month-year":
            guard let y = int("year"), let m = int("month") else { return nil }
            return one("\(pad(y, 4))-\(pad(m, 2))")
        case "month":
            guard let m = int("month") else { return nil }
            // A month named alone: the occurrence nearest the publication date ("late November" in a
            // January article is last November); "last April" and "next May" have their own rule.
            guard let dct = c.dct else { return one("XXXX-\(pad(m, 2))") }
            // In a past clause the latest such month begun by then ("in August" in a March article
            // about last year), in a future one the next not yet over.
            let distance = m - dct.month
            var year = distance > 6 ? dct.year - 1 : distance < -6 ? dct.year + 1 : dct.year
            // (A month just ahead or behind stays in the year: "September delivery" in an October
            // market report.)
            if c.tense == .past { year = m > dct.month + 1 ? dct.year - 1 : dct.year }
            if c.future { year = m < dct.month - 1 ? dct.year + 1 : dct.year }
            if !c.future, let past = c.sentencePastYear { year = past }
            return one("\(pad(year, 4))-\(pad(m, 2))")
        case "month-modifier":
            guard let m = int("month") else { return nil }
            guard let dct = c.dct else { return one("XXXX-\(pad(m, 2))") }
            var year = dct.year
            switch span.lazy.map({ words.lower($0) }).first(where: { ["last", "past", "next", "this"].contains($0) }) {
            case "last", "past": if m >= dct.month { year -= 1 }
            case "next": if m <= dct.month { year += 1 }
            default: break
            }
            return one("\(pad(year, 4))-\(pad(m, 2))")
        case "month-relative-year":
            guard let m = int("month"), let dct = c.dct else { return nil }
            let shift = ["last": -1, "next": 1][words[span.upperBound - 1].lowercased()] ?? 0
            return one("\(pad(dct.year + shift, 4))-\(pad(m, 2))")
        case "month-day-year-optional":
            guard let m = int("month"), let d = int("day") else { return nil }
            if let y = int("year") { return one(CalendarDay(year: y, month: m, day: d)?.iso) }
            guard let dct = c.dct else { return one("XXXX-\(pad(m, 2))-\(pad(d, 2))") }
            return one(resolveMonthDay(month: m, day: d, dct: dct, tense: c.tense)?.iso)
        case "clock-weekday":
            let written = words[span.lowerBound].lowercased() == "midnight" ? 0 : int("hour") ?? 12
            guard let hour = clockHour(written, ampm: captures["ampm"]?.code) else { return nil }
            let minute = int("minute") ?? 0
            guard let dct = c.dct else { return one("XXXX-XX-XXT\(pad(hour, 2)):\(pad(minute, 2))") }
            // "09:30 GMT Monday", "5 p.m. EST, Nov. 9": one time, on the day named.
            var day = int("weekday").map { resolveWeekday($0, dct: dct, modifier: nil, tense: c.tense) } ?? dct
            if let m = int("month"), let d = int("day") {
                guard let resolved = resolveMonthDay(month: m, day: d, dct: dct, tense: c.tense) else { return nil }
                day = resolved
            }
            return one("\(day.iso)T\(pad(hour, 2)):\(pad(minute, 2))")
        case "year":
            guard let y = int("year") else { return nil }
            return one(pad(y, 4))
        case "relative-year-quarter":
            // "this year's third quarter", "last year's quarter", "next year's first quarter": the
            // year from the modifier, the quarter written or the one talked of last.
            guard let dct = c.dct else { return nil }
            let year = dct.year + offset
            if let q = int("ordinal"), (1...4).contains(q) { return one("\(pad(year, 4))-Q\(q)") }
            let period = c.lastDate.flatMap { comparedPeriod(with: $0, inYear: year, noun: words.lower(span.upperBound)) } ?? pad(year, 4)
            return offset == 0 ? one(period) : comparison(period)
        case "month-day-pair":
            // "Sept. 10 and 27, 2019": two days of one month, the year written once, after both.
            guard let m = int("month"), let firstCapture = captures["first"], let secondCapture = captures["second"], let y = int("year"),
                  let d1 = firstCapture.integer, let d2 = secondCapture.integer,
                  let a = CalendarDay(year: y, month: m, day: d1), let b = CalendarDay(year: y, month: m, day: d2) else { return nil }
            return [
                TimexOutput(tokens: span.lowerBound...firstCapture.token, type: .date, value: a.iso, interval: nil),
                TimexOutput(tokens: secondCapture.token...span.upperBound, type: .date, value: b.iso, interval: nil),
            ]
        case "year-range":
            guard let startCapture = captures["start"], let endCapture = captures["end"],
                  let start = startCapture.integer, var end = endCapture.integer else { return nil }
            if end < 100 { end += start / 100 * 100; if end < start { end += 100 } }
            guard end > start, let a = TimeValue(timex: pad(start, 4)), let b = TimeValue(timex: pad(end, 4)) else { return nil }
            let interval = TemporalInterval(start: a, end: b)
            return [
                TimexOutput(tokens: startCapture.token...startCapture.token, type: .date, value: a.value, interval: interval),
                TimexOutput(tokens: endCapture.token...endCapture.token, type: .date, value: b.value, interval: interval),
            ]
        case "decade":
            guard let decade = int("decade"), (0...9999).contains(decade) else { return nil }
            return one(pad(decade / 10, 3))
        case "century":
            guard let n = int("century"), (1...100).contains(n) else { return nil }
            return one(pad(n - 1, 2))
        case "quarter":
            guard let q = int("ordinal") ?? int("quarter") ?? int("ordinalquarter"), (1...4).contains(q) else { return nil }
            if let y = int("year") { return one("\(pad(y, 4))-Q\(q)") }
            guard let dct = c.dct else { return one("XXXX-Q\(q)") }
            // Without a year: the latest such quarter that had begun by the publication date; in
            // a future clause the next one, except the current quarter and the one just ended (a
            // company "will report third-quarter results" in October: this year's).
            let current = (dct.month - 1) / 3 + 1
            var year = dct.year
            if c.future { if q < current - 1 { year += 1 } } else if q > current { year -= 1 }
            return one("\(pad(year, 4))-Q\(q)")
        case "weekday":
            guard let w = int("weekday") else { return nil }
            guard let dct = c.dct else { return one("XXXX-WXX-\(w)") }
            let day = resolveWeekday(w, dct: dct, modifier: rule.params["modifier"], tense: c.tense)
            if let partCode { return one(day.iso + "T" + partCode, type: .time) }
            return one(day.iso)
        case "relative-day":
            guard let dct = c.dct else { return one("XXXX-XX-XX") }
            let day = dct.adding(days: offset)
            let part = rule.params["part"] ?? partCode ?? (words.lower(span.lowerBound) == "tonight" ? "NI" : nil)
            if let part { return one(day.iso + "T" + part, type: .time) }
            return one(day.iso)
        case "relative-unit":
            // The unit a rule fixes, captures, or ends on as a word ("throughout the year").
            guard let granularity = rule.params["unit"] ?? captures["unit"].flatMap({ unitGranularity(words[$0.token], c.lexicon) })
                    ?? unitGranularity(words[span.upperBound], c.lexicon),
                  let dct = c.dct else { return nil }
            return one(shift(dct, by: offset, granularity: granularity))
        case "relative-season":
            guard let season = captures["season"]?.code, let dct = c.dct else { return nil }
            return one(resolveSeason(season, dct: dct, offset: offset))
        case "season":
            guard let season = captures["season"]?.code else { return nil }
            guard let dct = c.dct else { return one("XXXX-\(season)") }
            return one(resolveSeason(season, dct: dct, tense: c.tense))
        case "season-year":
            guard let season = captures["season"]?.code, let y = int("year") else { return nil }
            return one("\(pad(y, 4))-\(season)")
        case "ago", "later":
            guard let n = captures["number"]?.integer, let unitCapture = captures["unit"],
                  let unit = c.lexicon.units[words[unitCapture.token].lowercased()] else { return nil }
            // "ago" counts from the publication date, "earlier" and "later" from the date
            // mentioned last (the story's own time), at the unit's granularity ("five years ago"
            // is a year, not a day).
            let fromLastDate = rule.normalize == "later" || words[span.upperBound].lowercased() == "earlier"
            let direction = rule.normalize == "ago" ? -1 : 1
            let years = direction * n * unit.scale
            // Years before or after a fiscal period keep its precision: "a year earlier" after "the
            // third quarter" of 1989 is 1988-Q3, and so is "a year ago" when that quarter lies in
            // the publication year (the convention of financial news, and of TimeBank's annotators).
            if unit.granularity == "year", let last = c.lastDate, let precision = last.precision,
               [.quarter, .half].contains(precision) || (fromLastDate && [.month, .day].contains(precision)),
               fromLastDate || last.earliest?.year == c.dct?.year, let year = Int(last.value.prefix(4)) {
                let value = pad(year + years, 4) + last.value.dropFirst(4)
                return n == 1 ? comparison(value) : one(value)  // as below
            }
            let anchor = fromLastDate ? (c.lastDate?.earliest ?? c.dct) : c.dct
            guard let anchor else { return nil }
            let granularity = unit.granularity == "decade" || unit.granularity == "century" ? "year-\(unit.granularity)" : unit.granularity
            let point = shift(anchor, by: direction * n * unit.scale, granularity: granularity)
            // "A year ago" compares (sales "up from a year ago"); "ten years ago" sets a story time.
            guard rule.type == .duration else { return n == 1 && unit.granularity == "year" ? comparison(point) : one(point) }
            // "three days later": TimeML tags the duration and leaves the signal; the interval
            // keeps where it leads, from the date it counts from, when that date is as fine as
            // the unit (three days after "2013" is no day).
            let durationOnly = [TimexOutput(tokens: span, type: .duration, value: durationValue(count: Double(n), unit: unit), interval: nil)]
            let needed = precision(of: unit.granularity)
            guard let last = c.lastDate, let precision = last.precision, precision >= needed, !unit.code.hasPrefix("T") else { return durationOnly }
            guard let from = TimeValue(timex: shift(anchor, by: 0, granularity: granularity)), let to = TimeValue(timex: point) else { return nil }
            return [TimexOutput(tokens: span, type: .duration, value: durationValue(count: Double(n), unit: unit),
                                interval: TemporalInterval(start: from, end: to, duration: durationValue(count: Double(n), unit: unit)))]
        case "clock":
            guard let written = int("hour"), (0...24).contains(written), let hour = clockHour(written, ampm: captures["ampm"]?.code) else { return nil }
            let minute = int("minute") ?? 0
            // A time after a day named earlier in its sentence is on that day ("the hearing is set
            // for March 25 at 10:30 a.m.").
            let date = (c.sentenceDay ?? c.dct)?.iso ?? "XXXX-XX-XX"
            return one("\(date)T\(pad(hour, 2)):\(pad(minute, 2))")
        case "duration", "duration-vague":
            // A "ten-year" token carries its unit word as its code; a rule of unit words ("for
            // years") ends on it.
            let unitCapture = captures["unit"] ?? captures["numberunit"]
            let unitWord = unitCapture.map { $0.code ?? words[$0.token].lowercased() } ?? words.lower(span.upperBound)
            guard let unit = c.lexicon.units[unitWord] else { return nil }
            let written: Double? = rule.params["count"].flatMap { Double($0) }
                ?? (rule.normalize == "duration-vague" || captures["vague"] != nil ? nil : (captures["number"] ?? captures["numberunit"])?.number)
            let count = rule.params["addHalf"] == "true" ? written.map { $0 + 0.5 } : written
            let anchorToken = (captures["number"] ?? captures["vague"])?.token ?? span.lowerBound
            return [TimexOutput(tokens: span, type: rule.type, value: durationValue(count: count, unit: unit), interval: nil, anchorToken: anchorToken)]
        case "set":
            guard let unitCapture = captures["unit"], let unit = c.lexicon.units[words[unitCapture.token].lowercased()] else { return nil }
            return one(durationValue(count: 1, unit: unit))
        case "set-weekday":
            guard let w = int("weekday") else { return nil }
            return one("XXXX-WXX-\(w)")
        case "set-adverb":
            let table = ["daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H"]
            return one(table[words[span.lowerBound].lowercased()])
        case "ref":
            // "soon" in a past clause ("was soon released") is a time after the story's, not the future.
            if rule.params["notInPastClause"] == "true", c.tense == .past { return nil }
            return one(rule.params["value"])
        case "weekend":
            guard let dct = c.dct else { return one("XXXX-WXX-WE") }
            // "over the weekend": in a past clause (or early in the week) the one before the
            // publication date, in a future clause (or late in the week) the coming one.
            let inWeekend = dct.isoWeekday >= 6
            let past = c.tense == .past || (c.tense == .unknown && dct.isoWeekday <= 3)
            let weeks = inWeekend ? 0 : (past ? -1 : 0)
            return one(shift(dct, by: weeks, granularity: "weekend"))
        case "year-earlier-period":
            // "the year-earlier quarter": the period talked of last, a year before. "Year-ago"
            // counts from publication, so only a period of the publication year is its base
            // ("the third quarter of 1990" in a 1989 report is a forecast, not the quarter
            // compared). Without one, the quarter last reported, or the year, before publication.
            let noun = words.lower(span.upperBound)
            let yearAgo = span.lazy.contains { words.lower($0).hasPrefix("year-ago") }
            if let last = c.lastDate, let year = last.earliest?.year, !yearAgo || year == c.dct?.year,
               let period = comparedPeriod(with: last, inYear: year - 1, noun: noun) {
                return comparison(period)
            }
            guard let dct = c.dct else { return nil }
            return comparison(noun == "quarter" ? lastReportedQuarter(before: dct, yearsBack: 1) : pad(dct.year - 1, 4))
        case "set-part":
            guard let partCode else { return nil }
            return one("XXXX-XX-XXT" + partCode)
        case "story-relative":
            // "the following year", "the next day", "the night before", "that day": counted from the
            // story's time (the date mentioned last) when that date is as fine as the unit, else
            // from the publication date.
            // "at the time": the story's time itself, at its own precision (in the past when the
            // text gave none).
            if rule.params["unit"] == "story" { return one(c.lastDate?.value ?? "PAST_REF") }
            guard let unit = rule.params["unit"] ?? captures["unit"].flatMap({ unitGranularity(words[$0.token], c.lexicon) }) ?? (partCode == nil ? nil : "day"),
                  ["day", "week", "month", "year"].contains(unit) else { return nil }
            let needed = precision(of: unit)
            let story = c.lastDate.flatMap { last in last.precision.flatMap { $0 >= needed ? last.earliest : nil } }
            guard let anchor = story ?? c.dct else { return nil }
            let value = shift(anchor, by: offset, granularity: unit)
            if let part = rule.params["part"] ?? partCode { return one(value + "T" + part, type: .time) }
            return one(value)
        case "holiday":
            // A holiday by its fixed day ("month", "day") or its weekday in the month ("nth" 1-4,
            // or -1 for the last; "weekday" 1-7; "after": days after that weekday, as Election
            // Day is the Tuesday after the first Monday of November); the year as for a month and
            // day without one.
            guard let m = rule.params["month"].flatMap({ Int($0) }) else { return nil }
            func day(in year: Int) -> CalendarDay? {
                if let d = rule.params["day"].flatMap({ Int($0) }) { return CalendarDay(year: year, month: m, day: d) }
                guard let nth = rule.params["nth"].flatMap({ Int($0) }), let weekday = rule.params["weekday"].flatMap({ Int($0) }),
                      let first = CalendarDay(year: year, month: m, day: 1) else { return nil }
                let after = rule.params["after"].flatMap { Int($0) } ?? 0
                if nth > 0 {
                    return first.adding(days: (weekday - first.isoWeekday + 7) % 7 + 7 * (nth - 1) + after)
                }
                let last = first.adding(months: 1).adding(days: -1)
                return last.adding(days: -((last.isoWeekday - weekday + 7) % 7) + after)
            }
            if let y = int("year") { return one(day(in: y)?.iso) }
            guard let dct = c.dct, let thisYear = day(in: dct.year) else { return one("XXXX-\(pad(m, 2))") }
            return one(resolveMonthDay(month: thisYear.month, day: thisYear.day, dct: dct, tense: c.tense)
                .flatMap { $0.year == dct.year ? thisYear : day(in: $0.year) }?.iso)
        case "date-clock":
            // "July 23, 2021 02:38 PM": a dateline's day and time, one TIME.
            guard let y = int("year"), let m = int("month"), let d = int("day"), let day = CalendarDay(year: y, month: m, day: d),
                  let written = int("hour"), (0...24).contains(written), let hour = clockHour(written, ampm: captures["ampm"]?.code) else { return nil }
            return one("\(day.iso)T\(pad(hour, 2)):\(pad(int("minute") ?? 0, 2))")
        case "year-period":
            // "the 1988 quarter", "the 1988 period": the period talked of last, in that year.
            guard let y = int("year") else { return nil }
            return comparison(c.lastDate.flatMap { comparedPeriod(with: $0, inYear: y, noun: words.lower(span.upperBound)) } ?? pad(y, 4))
        case "half":
            // "the first half of 1990", "the latter half of next year", "the first two quarters
            // of 1990": the half its ordinal names, of the year written or the modifier's.
            let half = words.lower(span.lowerBound + 1) == "first" ? 1 : 2
            if let y = int("year") { return one("\(pad(y, 4))-H\(half)") }
            guard let dct = c.dct else { return one("XXXX-H\(half)") }
            let shift = ["next": 1, "last": -1][words.lower(span.upperBound - 1)] ?? 0
            return one("\(pad(dct.year + shift, 4))-H\(half)")
        case "clock-duration":
            // A race time, "2:05:37": hours, minutes and seconds taken.
            guard let h = int("hour"), let m = int("minute"), let sec = int("second"), (0...59).contains(sec) else { return nil }
            return one("PT\(h)H\(m)M\(sec)S")
        default:
            return nil
        }
    }

    /// The TIMEX3 duration value: `P10Y`, `PXY`, `P3M`, `PT48H`, `P2WE`.
    static func durationValue(count: Double?, unit: TimexLexicon.Unit) -> String {
        let amount: String
        if let count {
            // A count from the text can be any size ("9223372036854775807 years"): past what an
            // integer holds exactly it is written as unknown rather than converted.
            let scaled = count * Double(unit.scale)
            if let whole = Int(exactly: scaled), abs(whole) < 1 << 53 {
                amount = String(whole)
            } else if let mixed = mixedDuration(scaled, code: unit.code) {
                return mixed
            } else {
                amount = scaled.isFinite && abs(scaled) < 1e15 ? String(scaled) : "X"
            }
        } else {
            amount = "X"
        }
        if unit.code.hasPrefix("T") { return "PT\(amount)\(unit.code.dropFirst())" }
        return "P\(amount)\(unit.code)"
    }

    /// "two and a half years" as TimeML writes it, in whole units and the next smaller one
    /// (`P2Y6M`, `PT1H30M`), where that unit divides the larger exactly; nil otherwise.
    static func mixedDuration(_ amount: Double, code: String) -> String? {
        let smaller: [String: (factor: Double, code: String)] = ["Y": (12, "M"), "D": (24, "TH"), "TH": (60, "TM"), "TM": (60, "TS")]
        guard amount.isFinite, amount > 0, amount < 1e9, let next = smaller[code] else { return nil }
        let whole = amount.rounded(.down)
        guard let part = Int(exactly: (amount - whole) * next.factor), part > 0 else { return nil }
        let big = whole > 0 ? "\(Int(whole))\(code.hasPrefix("T") ? String(code.dropFirst()) : code)" : ""
        let small = "\(part)\(next.code.hasPrefix("T") ? String(next.code.dropFirst()) : next.code)"
        if code.hasPrefix("T") { return "PT" + big + small }
        return next.code.hasPrefix("T") ? "P\(big)T\(small)" : "P" + big + small
    }

    static func unitGranularity(_ word: String, _ lexicon: TimexLexicon) -> String? {
        lexicon.units[word.lowercased()]?.granularity
    }

    /// The value of the period `amount` units of `granularity` away from `day`, written at that
    /// granularity ("last week" from 2023-06-21 is 2023-W24). `year-decade`/`year-century` shift by
    /// years but keep the year's precision: "a decade ago" is the year ten years back.
    static func shift(_ day: CalendarDay, by amount: Int, granularity: String) -> String {
        switch granularity {
        case "year", "year-decade", "year-century": return pad(day.year + amount, 4)
        case "month": return String(day.adding(months: amount).iso.prefix(7))
        case "week": return day.adding(days: 7 * amount).isoWeekValue
        case "weekend": return day.adding(days: 7 * amount).isoWeekValue + "-WE"
        case "day": return day.adding(days: amount).iso
        // A decade is three digits and a century two: past them the value would read as a year
        // (the decade after the 9990s is not "1000"), so it is left empty, which no rule keeps.
        case "decade": return (0...999).contains(day.year / 10 + amount) ? pad(day.year / 10 + amount, 3) : ""
        case "century": return (0...99).contains(day.year / 100 + amount) ? pad(day.year / 100 + amount, 2) : ""
        case "quarter":
            let index = day.year * 4 + (day.month - 1) / 3 + amount
            return "\(pad(index / 4, 4))-Q\(index % 4 + 1)"
        default: return day.iso  // clock units: the day itself
        }
    }

    /// The year of a month and day written without one: the occurrence nearest the publication
    /// date ("Jan. 2" in a November article is next January, "Dec. 28" in a January one last
    /// December); in a future clause, one more than a week past is taken a year later.
    static func resolveMonthDay(month: Int, day: Int, dct: CalendarDay, tense: ClauseTense) -> CalendarDay? {
        let candidates = [dct.year - 1, dct.year, dct.year + 1].compactMap { CalendarDay(year: $0, month: month, day: day) }
        guard var best = candidates.min(by: { abs($0.dayNumber - dct.dayNumber) < abs($1.dayNumber - dct.dayNumber) }) else { return nil }
        if tense == .future && dct.dayNumber - best.dayNumber > 7, let later = candidates.first(where: { $0 > dct }) { best = later }
        // In a past clause, one more than two months ahead is taken a year earlier (a date just
        // ahead is often a schedule a past clause announced: "declared a dividend payable Nov. 17").
        if tense == .past && best.dayNumber - dct.dayNumber > 60, let earlier = candidates.last(where: { $0 <= dct }) { best = earlier }
        return best
    }

    /// A weekday named without a date: in a past clause the nearest such day on or before the
    /// publication date, in a future clause the nearest after it, otherwise the nearest either side;
    /// "this" keeps the publication week, "last" is strictly before, "next" strictly after.
    static func resolveWeekday(_ weekday: Int, dct: CalendarDay, modifier: String?, tense: ClauseTense) -> CalendarDay {
        let delta = weekday - dct.isoWeekday
        switch modifier {
        case "this": return dct.adding(days: delta)
        case "last": return dct.adding(days: delta < 0 ? delta : delta - 7)
        case "next": return dct.adding(days: delta > 0 ? delta : delta + 7)
        default:
            switch tense {
            case .future: return dct.adding(days: delta > 0 ? delta : delta + 7)
            case .past: return dct.adding(days: delta <= 0 ? delta : delta - 7)
            case .unknown:
                let back = delta <= 0 ? delta : delta - 7
                let ahead = back + 7
                // News reports the days just past more than those ahead: a tie, or the one ahead
                // nearer by a day, goes back.
                return dct.adding(days: -back <= ahead + 1 ? back : ahead)
            }
        }
    }

    /// "last summer": the latest such season that ended before the publication date; "this
    /// summer": the one in the publication year (for winter, the one running at the time);
    /// "next": the first that starts after it.
    static func resolveSeason(_ season: String, dct: CalendarDay, offset: Int) -> String? {
        func bounds(_ year: Int) -> (CalendarDay, CalendarDay)? { seasonBounds(season, year: year) }
        var year = seasonYear(season, dct: dct)
        switch offset {
        case ..<0:
            while let (_, end) = bounds(year), end >= dct { year -= 1 }
        case 1...:
            while let (start, _) = bounds(year), start <= dct { year += 1 }
        default:
            break
        }
        return "\(pad(year, 4))-\(season)"
    }

    /// A season named alone ("over the summer"): in a past clause the latest begun by the
    /// publication date, in a future one the next not yet over, else the publication year's.
    static func resolveSeason(_ season: String, dct: CalendarDay, tense: ClauseTense) -> String? {
        var year = seasonYear(season, dct: dct)
        guard let (start, end) = seasonBounds(season, year: year) else { return nil }
        if tense == .past, start > dct { year -= 1 }
        if tense == .future, end < dct { year += 1 }
        return "\(pad(year, 4))-\(season)"
    }

    /// The publication's own season of that name: winter in January and February is the one
    /// that began the December before.
    private static func seasonYear(_ season: String, dct: CalendarDay) -> Int {
        season == "WI" && dct.month <= 2 ? dct.year - 1 : dct.year
    }

    /// The first and last day of a season of a year.
    private static func seasonBounds(_ season: String, year: Int) -> (CalendarDay, CalendarDay)? {
        guard let v = TimeValue(timex: "\(pad(year, 4))-\(season)"), let start = v.earliest, let end = v.latest else { return nil }
        return (start, end)
    }

    /// A 24-hour clock hour from one written with "a.m." or "p.m." (nil past 12 then), or as is.
    static func clockHour(_ hour: Int, ampm: String?) -> Int? {
        guard let ampm else { return hour }
        guard (1...12).contains(hour) else { return nil }
        if ampm == "pm" && hour < 12 { return hour + 12 }
        if ampm == "am" && hour == 12 { return 0 }
        return hour
    }

    /// The period `last` names (its quarter, half or month, when its precision is one of
    /// `precisions`) in another year: "the year-earlier quarter" after 1989-Q3 is 1988-Q3.
    /// The period a comparison names in `year`: a quarter when its noun is "quarter" (the quarter
    /// of the day or month talked of last: "the quarter ended Sept. 30 ... the year-ago quarter"),
    /// else the same quarter, half or month as the date talked of last.
    static func comparedPeriod(with last: TimeValue, inYear year: Int, noun: String) -> String? {
        if noun == "quarter", let precision = last.precision, [.month, .day, .time].contains(precision), let day = last.earliest {
            return "\(pad(year, 4))-Q\((day.month - 1) / 3 + 1)"
        }
        return samePeriod(as: last, inYear: year, precisions: [.quarter, .half, .month])
    }

    /// The quarter a report published on `dct` is about (the one before the quarter it falls in),
    /// `yearsBack` years before.
    static func lastReportedQuarter(before dct: CalendarDay, yearsBack: Int) -> String {
        let current = (dct.month - 1) / 3 + 1
        let (year, quarter) = current == 1 ? (dct.year - 1, 4) : (dct.year, current - 1)
        return "\(pad(year - yearsBack, 4))-Q\(quarter)"
    }

    static func samePeriod(as last: TimeValue, inYear year: Int, precisions: Set<TimePrecision>) -> String? {
        guard let precision = last.precision, precisions.contains(precision) else { return nil }
        return pad(year, 4) + last.value.dropFirst(4)
    }

    /// How fine a date must be to count a unit from it: three days from "2013" is no day.
    static func precision(of granularity: String) -> TimePrecision {
        ["day": .day, "week": .week, "month": .month, "quarter": .quarter][granularity] ?? .year
    }

    /// Whether a normalized value stays within the years TIMEX3 writes with four digits (0 to
    /// 9999): "next month" in an article of 9999-12-31 would otherwise be `10000-01`, and
    /// "3000 years ago" a negative year. Durations and references carry no year.
    static func isWithinCalendar(_ value: String) -> Bool {
        if value.hasPrefix("P") || value.hasSuffix("_REF") { return true }
        guard let first = value.unicodeScalars.first, first != "-" else { return false }
        let year = value.prefix { $0 != "-" && $0 != "T" }
        return year.count <= 4
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
