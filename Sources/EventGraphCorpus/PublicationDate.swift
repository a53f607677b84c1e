import EventGraphCore

/// Publication dates as news sources write them: ISO 8601 (`2023-06-21`, `2023-06-21T10:00:00Z`,
/// news-please's `2023-06-21 10:00:00`, `2023-06-21T10:00:00.5+02:00`), RFC 1123 and RFC 2822
/// (`Tue, 20 Jun 2023 10:00:00 GMT`, `20 Jun 2023 10:00 +0200`), and written dates
/// (`June 20, 2023`, `Jun 20 2023`, `20 June 2023`, `2023/06/20`).
///
/// The calendar day is taken as written, in the outlet's own time zone. Every part is checked:
/// an impossible day, a time such as `25:61:61` or a zone such as `+99:99` make the whole date
/// invalid (nil), never silently accepted; years have four digits.
enum PublicationDate {
    static func parse(_ text: String) -> CalendarDay? {
        let trimmed = text.trimmingWhitespace()
        return iso(trimmed) ?? written(trimmed)
    }

    /// `YYYY-MM-DD`, then optionally `T` or a space and a time of day with an optional zone.
    static func iso(_ text: String) -> CalendarDay? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 10, scalars[4] == "-" || scalars[4] == "/", scalars[7] == scalars[4] else { return nil }
        guard let year = digits(scalars[0..<4]), let month = digits(scalars[5..<7]), let day = digits(scalars[8..<10]),
              let calendarDay = CalendarDay(year: year, month: month, day: day) else { return nil }
        if scalars.count == 10 { return calendarDay }
        // The slashed form is a date alone.
        guard scalars[4] == "-", scalars[10] == "T" || scalars[10] == " " else { return nil }
        return isTimeWithZone(String(String.UnicodeScalarView(scalars[11...]))) ? calendarDay : nil
    }

    /// RFC 1123/2822 and written English dates: an optional weekday, then day and month name or
    /// month name and day, a four-digit year, and an optional time with zone.
    static func written(_ text: String) -> CalendarDay? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let first = words.first, weekdays.contains(first.lowercased().trimmingDot()) { words.removeFirst() }
        guard words.count >= 3 else { return nil }
        let day: Int, month: Int
        if let d = Int(words[0]), let m = monthNumber(words[1]) {
            (day, month) = (d, m)
        } else if let m = monthNumber(words[0]), let d = Int(words[1].trimmingOrdinalSuffix()) {
            (day, month) = (d, m)
        } else {
            return nil
        }
        guard words[2].count == 4, let year = Int(words[2]), let calendarDay = CalendarDay(year: year, month: month, day: day) else { return nil }
        let rest = words.dropFirst(3).joined(separator: " ")
        return rest.isEmpty || isTimeWithZone(rest) ? calendarDay : nil
    }

    /// `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff`, then optionally a zone: `Z`, `±HH:MM`, `±HHMM`, `±HH`,
    /// or a name (`GMT`, `UTC`, `UT`, `EST`, ...), with or without a space before it.
    static func isTimeWithZone(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 5, scalars[2] == ":", let hour = digits(scalars[0..<2]), let minute = digits(scalars[3..<5]),
              hour <= 23, minute <= 59 else { return false }
        var index = 5
        if index < scalars.count, scalars[index] == ":" {
            guard index + 3 <= scalars.count, let second = digits(scalars[index + 1..<index + 3]), second <= 60 else { return false }
            index += 3
            if index < scalars.count, scalars[index] == "." || scalars[index] == "," {
                let fraction = scalars[(index + 1)...].prefix { ("0"..."9").contains($0) }
                guard !fraction.isEmpty else { return false }
                index += 1 + fraction.count
            }
        }
        let zone = String(String.UnicodeScalarView(scalars[index...])).trimmingWhitespace()
        return zone.isEmpty || isZone(zone)
    }

    static func isZone(_ zone: String) -> Bool {
        if zoneNames.contains(zone.uppercased()) { return true }
        let scalars = Array(zone.unicodeScalars)
        guard let sign = scalars.first, sign == "+" || sign == "-" else { return false }
        let body = scalars.dropFirst().filter { $0 != ":" }
        guard body.count == 2 || body.count == 4, let hours = digits(body.prefix(2)), hours <= 14 else { return false }
        if body.count == 4 { guard let minutes = digits(body.suffix(2)), minutes <= 59 else { return false } }
        // A colon is only allowed between hours and minutes.
        return scalars.count == body.count + 1 || (scalars.count == 6 && scalars[3] == ":")
    }

    static func digits<C: Collection>(_ scalars: C) -> Int? where C.Element == Unicode.Scalar {
        guard !scalars.isEmpty, scalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return scalars.reduce(0) { $0 * 10 + Int($1.value - 48) }
    }

    static func monthNumber(_ word: String) -> Int? {
        let lower = word.lowercased().trimmingDot()
        if let index = monthNames.firstIndex(of: lower) { return index + 1 }
        if lower == "sept" { return 9 }
        return lower.count == 3 ? monthNames.firstIndex { $0.hasPrefix(lower) }.map { $0 + 1 } : nil
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
    static let weekdays: Set<String> = [
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]
    /// RFC 2822's obsolete zone names and the usual abbreviations.
    static let zoneNames: Set<String> = ["Z", "UT", "UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "CET", "CEST", "BST", "IST"]
}

private extension String {
    func trimmingDot() -> String { hasSuffix(".") ? String(dropLast()) : self }

    /// "20th" → "20", for dates written "June 20th, 2023".
    func trimmingOrdinalSuffix() -> String {
        let lower = lowercased()
        for suffix in ["st", "nd", "rd", "th"] where lower.hasSuffix(suffix) && count > 2 { return String(dropLast(2)) }
        return self
    }
}
