/// A day of the proleptic Gregorian calendar, stored as a count of days from 1970-01-01, so that
/// ordering and arithmetic are integer operations.
public struct CalendarDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// Nil when the date does not exist (month 13, 30 February, day 0).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDay.daysIn(month: month, year: year) else { return nil }
        dayNumber = CalendarDay.daysFromCivil(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` (exactly), nil for anything else or an impossible date.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var day: Int { civil.day }

    /// ISO 8601 weekday: Monday = 1 … Sunday = 7.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let r = (dayNumber + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

    /// The same day `months` months later (or earlier), clamped to the month's last day.
    public func adding(months: Int) -> CalendarDay {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        return CalendarDay(year: y, month: m, day: Swift.min(day, CalendarDay.daysIn(month: m, year: y)))!
    }

    /// The ISO 8601 week-numbering year and week of this day (2023-01-01 is in 2022-W52).
    public var isoWeek: (year: Int, week: Int) {
        // The week belongs to the year of its Thursday.
        let thursday = adding(days: 4 - isoWeekday)
        let weekOne = CalendarDay.isoWeekOneMonday(of: thursday.year)
        return (thursday.year, (dayNumber - weekOne.dayNumber) / 7 + 1)
    }

    /// `YYYY-Www`, the TIMEX3 value of this day's week.
    public var isoWeekValue: String {
        let (y, w) = isoWeek
        return "\(pad(y, 4))-W\(pad(w, 2))"
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let c = civil
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    public var description: String { iso }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Monday of ISO week 1 of `year` (the week holding 4 January).
    public static func isoWeekOneMonday(of year: Int) -> CalendarDay {
        let jan4 = CalendarDay(year: year, month: 1, day: 4)!
        return jan4.adding(days: 1 - jan4.isoWeekday)
    }

    /// 52 or 53.
    public static func isoWeeksIn(year: Int) -> Int {
        (isoWeekOneMonday(of: year + 1).dayNumber - isoWeekOneMonday(of: year).dayNumber) / 7
    }

    // Days-from-civil and its inverse on 400-year eras (the well-known proleptic Gregorian method).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private var civil: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}
