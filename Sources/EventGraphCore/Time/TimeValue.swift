/// How fine a time value is, coarsest first.
public enum TimePrecision: String, Codable, Sendable, CaseIterable, Comparable {
    case century, decade, year, half, season, quarter, month, week, day, time

    public static func < (lhs: TimePrecision, rhs: TimePrecision) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A TIMEX3 value with its precision and the first and last calendar day it can denote.
///
/// Ordering, overlap and intervals all come from the bounds, never from comparing value strings:
/// `198` (the 1980s) spans 1980-01-01…1989-12-31 and sorts before `2014`. Durations (`P10Y`, `PXY`)
/// and unanchored references (`PRESENT_REF`) have no bounds unless given explicitly.
public struct TimeValue: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The TIMEX3 value string: `2023-06-20`, `2023-06`, `2023-W25`, `2023-SU`, `2014`, `198`, `19`,
    /// `2023-06-29TMO`, `P10Y`, `PXY`, `PRESENT_REF`.
    public let value: String
    /// Nil for durations and references.
    public let precision: TimePrecision?
    public let earliest: CalendarDay?
    public let latest: CalendarDay?

    /// Parses a TIMEX3 value; nil when the string is not one (or names a day that does not exist).
    public init?(timex value: String) {
        guard let parsed = TimeValue.parse(value) else { return nil }
        self.value = value
        self.precision = parsed.precision
        self.earliest = parsed.earliest
        self.latest = parsed.latest
    }

    /// A value whose bounds come from elsewhere, e.g. `PRESENT_REF` anchored at the publication day.
    public init(value: String, precision: TimePrecision?, earliest: CalendarDay?, latest: CalendarDay?) {
        self.value = value
        self.precision = precision
        self.earliest = earliest
        self.latest = latest
    }

    /// A single day.
    public init(day: CalendarDay) {
        self.init(value: day.iso, precision: .day, earliest: day, latest: day)
    }

    public var isDuration: Bool { value.hasPrefix("P") && !value.hasSuffix("_REF") }
    public var hasBounds: Bool { earliest != nil && latest != nil }

    /// True when some day lies within both values' bounds ("is 2023-W25 compatible with 2023-06-20?").
    public func overlaps(_ other: TimeValue) -> Bool {
        guard let a0 = earliest, let a1 = latest, let b0 = other.earliest, let b1 = other.latest else { return false }
        return a0 <= b1 && b0 <= a1
    }

    /// Human text with the precision visible: `2023-06-20`, `2014`, `1980s`, `1900s`, `2023-W25`.
    public var displayText: String {
        switch precision {
        case .decade where value.count == 3: return value + "0s"
        case .century where value.count == 2: return value + "00s"
        default: return value
        }
    }

    public var description: String { value }

    /// By earliest day (unbounded last), the coarser first on a tie (later `latest`), then by value.
    public static func < (lhs: TimeValue, rhs: TimeValue) -> Bool {
        switch (lhs.earliest, rhs.earliest) {
        case let (l?, r?) where l != r: return l < r
        case (nil, _?): return false
        case (_?, nil): return true
        default: break
        }
        switch (lhs.latest, rhs.latest) {
        case let (l?, r?) where l != r: return l > r
        default: break
        }
        return lhs.value < rhs.value
    }

    private enum CodingKeys: String, CodingKey { case value, precision, earliest, latest }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let value = try c.decode(String.self, forKey: .value)
        guard let parsed = TimeValue.parse(value) else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: c, debugDescription: "not a TIMEX3 value: \(value)")
        }
        self.value = value
        self.precision = try c.decodeIfPresent(TimePrecision.self, forKey: .precision) ?? parsed.precision
        self.earliest = try c.decodeIfPresent(CalendarDay.self, forKey: .earliest) ?? parsed.earliest
        self.latest = try c.decodeIfPresent(CalendarDay.self, forKey: .latest) ?? parsed.latest
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(precision, forKey: .precision)
        try c.encode(earliest, forKey: .earliest)
        try c.encode(latest, forKey: .latest)
    }

    // MARK: Parsing

    struct Parsed { var precision: TimePrecision?; var earliest: CalendarDay?; var latest: CalendarDay? }

    static func parse(_ value: String) -> Parsed? {
        if value.isEmpty { return nil }
        if ["PRESENT_REF", "PAST_REF", "FUTURE_REF"].contains(value) { return Parsed() }
        if value.hasPrefix("P") { return isDurationSyntax(value) ? Parsed() : nil }

        let halves = value.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let datePart = halves[0]
        if halves.count == 2 && !isTimeOfDay(halves[1]) { return nil }
        let fields = datePart.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let head = fields.first else { return nil }

        // The year field: YYYY, YYY (decade), YY (century), with X for unknown digits.
        guard head.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }), (2...4).contains(head.count) else { return nil }
        let known = head.prefix { $0 != "X" }
        guard head.dropFirst(known.count).allSatisfy({ $0 == "X" }) else { return nil }
        let unknownYear = known.count < 4

        if fields.count == 1 {
            if halves.count == 2 { return nil }
            // Granularity is the number of known digits: 198 / 198X → decade, 19 / 19XX → century.
            guard let digits = Int(known), !known.isEmpty else { return known.isEmpty ? Parsed(precision: .year) : nil }
            switch known.count {
            case 4: return Parsed(precision: .year, earliest: day(digits, 1, 1), latest: day(digits, 12, 31))
            case 3: return Parsed(precision: .decade, earliest: day(digits * 10, 1, 1), latest: day(digits * 10 + 9, 12, 31))
            case 2: return Parsed(precision: .century, earliest: day(digits * 100, 1, 1), latest: day(digits * 100 + 99, 12, 31))
            default: return nil
            }
        }
        guard head.count == 4 else { return nil }
        let year = unknownYear ? nil : Int(head)
        let second = fields[1]

        func bounded(_ precision: TimePrecision, _ range: (CalendarDay, CalendarDay)?) -> Parsed? {
            guard year != nil else { return Parsed(precision: precision) }
            guard let range else { return nil }
            return Parsed(precision: halves.count == 2 ? .time : precision, earliest: range.0, latest: range.1)
        }

        if second.hasPrefix("W"), second != "WI" {
            guard let week = Int(second.dropFirst()), second.count == 3, week >= 1 else { return nil }
            if let year, week > CalendarDay.isoWeeksIn(year: year) { return nil }
            let monday = year.map { CalendarDay.isoWeekOneMonday(of: $0).adding(days: (week - 1) * 7) }
            if fields.count == 3 {
                guard fields[2] == "WE" else { return nil }
                return bounded(.week, monday.map { ($0.adding(days: 5), $0.adding(days: 6)) })
            }
            guard fields.count == 2 else { return nil }
            return bounded(.week, monday.map { ($0, $0.adding(days: 6)) })
        }
        guard fields.count <= 3 else { return nil }
        if fields.count == 2 {
            switch second {
            case "Q1", "Q2", "Q3", "Q4":
                let q = Int(second.dropFirst())!
                return bounded(.quarter, year.map { monthRange($0, 3 * q - 2, 3 * q) })
            case "H1", "H2":
                let h = Int(second.dropFirst())!
                return bounded(.half, year.map { monthRange($0, 6 * h - 5, 6 * h) })
            case "SP": return bounded(.season, year.map { monthRange($0, 3, 5) })
            case "SU": return bounded(.season, year.map { monthRange($0, 6, 8) })
            case "FA": return bounded(.season, year.map { monthRange($0, 9, 11) })
            // Winter of year Y runs from December Y into February Y+1 (meteorological, northern).
            case "WI": return bounded(.season, year.map { (day($0, 12, 1)!, CalendarDay(year: $0 + 1, month: 3, day: 1)!.adding(days: -1)) })
            default: break
            }
        }
        guard second.count == 2, let month = Int(second), (1...12).contains(month) else { return nil }
        if fields.count == 2 {
            if halves.count == 2 { return nil }
            return bounded(.month, year.map { monthRange($0, month, month) })
        }
        guard fields[2].count == 2, let dayOfMonth = Int(fields[2]) else { return nil }
        if let year {
            guard let d = day(year, month, dayOfMonth) else { return nil }
            return bounded(.day, (d, d))
        }
        guard (1...31).contains(dayOfMonth) else { return nil }
        return Parsed(precision: halves.count == 2 ? .time : .day)
    }

    private static func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDay? { CalendarDay(year: y, month: m, day: d) }

    private static func monthRange(_ year: Int, _ first: Int, _ last: Int) -> (CalendarDay, CalendarDay) {
        (day(year, first, 1)!, day(year, last, CalendarDay.daysIn(month: last, year: year))!)
    }

    /// `MO`, `AF`, `EV`, `NI`, `DT`, or `HH`, `HH:MM`, `HH:MM:SS`, optionally with `Z` or `±HH:MM`.
    private static func isTimeOfDay(_ text: Substring) -> Bool {
        if ["MO", "AF", "EV", "NI", "DT"].contains(text) { return true }
        var clock = text
        if clock.hasSuffix("Z") { clock = clock.dropLast() }
        else if let sign = clock.lastIndex(where: { $0 == "+" || $0 == "-" }) { clock = clock[..<sign] }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return false }
        let limits = [23, 59, 60]
        for (i, part) in parts.enumerated() {
            let whole = part.split(separator: ".").first ?? part
            guard whole.count == 2, let n = Int(whole), n >= 0, n <= limits[i] else { return false }
        }
        return true
    }

    /// `P10Y`, `PXY`, `P3M`, `P2W`, `PT5H`, `P1DT2H`, `P1.5Y`, `PXD`.
    private static func isDurationSyntax(_ value: String) -> Bool {
        var rest = value.dropFirst()
        guard !rest.isEmpty else { return false }
        var inTime = false
        var sawUnit = false
        while !rest.isEmpty {
            if rest.first == "T" {
                guard !inTime else { return false }
                inTime = true
                rest = rest.dropFirst()
                continue
            }
            let number = rest.prefix { $0.isNumber || $0 == "." || $0 == "X" }
            guard !number.isEmpty else { return false }
            rest = rest.dropFirst(number.count)
            guard let unit = rest.first else { return false }
            let units: Set<Character> = inTime ? ["H", "M", "S"] : ["Y", "M", "W", "D", "E", "C", "L", "Q"]
            guard units.contains(unit) else { return false }
            sawUnit = true
            rest = rest.dropFirst()
        }
        return sawUnit
    }
}
