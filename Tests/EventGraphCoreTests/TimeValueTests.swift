import EventGraphCore
import Testing

@Suite struct CalendarDayTests {
    @Test func roundTripsAndWeekdays() throws {
        let raid = try #require(CalendarDay(iso: "2023-06-20"))
        #expect(raid.iso == "2023-06-20")
        #expect(raid.isoWeekday == 2)  // a Tuesday
        #expect(raid.adding(days: 1).iso == "2023-06-21")
        #expect(CalendarDay(iso: "1970-01-01")?.dayNumber == 0)
        #expect(CalendarDay(iso: "2000-02-29") != nil)
        #expect(CalendarDay(iso: "1900-02-29") == nil)
        #expect(CalendarDay(iso: "2023-02-30") == nil)
        #expect(CalendarDay(iso: "2023-13-01") == nil)
        #expect(CalendarDay(iso: "2023-6-1") == nil)
        #expect(CalendarDay(iso: "1600-03-01")?.adding(days: -1).iso == "1600-02-29")
    }

    @Test func isoWeeks() {
        #expect(CalendarDay.isoWeekOneMonday(of: 2023).iso == "2023-01-02")
        #expect(CalendarDay.isoWeekOneMonday(of: 2021).iso == "2021-01-04")
        #expect(CalendarDay.isoWeeksIn(year: 2020) == 53)
        #expect(CalendarDay.isoWeeksIn(year: 2023) == 52)
        #expect(CalendarDay(iso: "2023-06-22")?.isoWeekValue == "2023-W25")
        #expect(CalendarDay(iso: "2023-01-01")?.isoWeekValue == "2022-W52")
        #expect(CalendarDay(iso: "2024-12-30")?.isoWeekValue == "2025-W01")
        #expect(CalendarDay(iso: "2023-03-31")?.adding(months: -1).iso == "2023-02-28")
        #expect(CalendarDay(iso: "2023-01-15")?.adding(months: -13).iso == "2021-12-15")
    }
}

@Suite struct TimeValueTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var value: String
        var precision: TimePrecision?
        var earliest: String?
        var latest: String?
        var testDescription: String { value }
    }

    static let valid: [Case] = [
        Case(value: "2023-06-20", precision: .day, earliest: "2023-06-20", latest: "2023-06-20"),
        Case(value: "2023-06", precision: .month, earliest: "2023-06-01", latest: "2023-06-30"),
        Case(value: "2024-02", precision: .month, earliest: "2024-02-01", latest: "2024-02-29"),
        Case(value: "2023-W25", precision: .week, earliest: "2023-06-19", latest: "2023-06-25"),
        Case(value: "2023-W25-WE", precision: .week, earliest: "2023-06-24", latest: "2023-06-25"),
        Case(value: "2020-W53", precision: .week, earliest: "2020-12-28", latest: "2021-01-03"),
        Case(value: "2022-SU", precision: .season, earliest: "2022-06-01", latest: "2022-08-31"),
        Case(value: "2023-WI", precision: .season, earliest: "2023-12-01", latest: "2024-02-29"),
        Case(value: "2023-Q2", precision: .quarter, earliest: "2023-04-01", latest: "2023-06-30"),
        Case(value: "2023-H2", precision: .half, earliest: "2023-07-01", latest: "2023-12-31"),
        Case(value: "2014", precision: .year, earliest: "2014-01-01", latest: "2014-12-31"),
        Case(value: "198", precision: .decade, earliest: "1980-01-01", latest: "1989-12-31"),
        Case(value: "198X", precision: .decade, earliest: "1980-01-01", latest: "1989-12-31"),
        Case(value: "19", precision: .century, earliest: "1900-01-01", latest: "1999-12-31"),
        Case(value: "19XX", precision: .century, earliest: "1900-01-01", latest: "1999-12-31"),
        Case(value: "2023-06-29TMO", precision: .time, earliest: "2023-06-29", latest: "2023-06-29"),
        Case(value: "2023-06-20T10:30", precision: .time, earliest: "2023-06-20", latest: "2023-06-20"),
        Case(value: "2023-06-20T10:30:00Z", precision: .time, earliest: "2023-06-20", latest: "2023-06-20"),
        Case(value: "XXXX-06-20", precision: .day, earliest: nil, latest: nil),
        Case(value: "P10Y", precision: nil, earliest: nil, latest: nil),
        Case(value: "PXY", precision: nil, earliest: nil, latest: nil),
        Case(value: "P3M", precision: nil, earliest: nil, latest: nil),
        Case(value: "PT5H30M", precision: nil, earliest: nil, latest: nil),
        Case(value: "PRESENT_REF", precision: nil, earliest: nil, latest: nil),
    ]

    @Test(arguments: valid)
    func parsesPrecisionAndBounds(_ c: Case) throws {
        let value = try #require(TimeValue(timex: c.value))
        #expect(value.precision == c.precision)
        #expect(value.earliest?.iso == c.earliest)
        #expect(value.latest?.iso == c.latest)
    }

    @Test(arguments: ["", "2023-02-30", "2023-13", "2023-W54", "2023-W00", "20233", "1", "P", "P10", "PT5Y",
                      "2023-06-20T25:00", "2023-06-20TXX", "abc", "2023-Q5", "2023-06-20-01", "X9XX"])
    func rejectsMalformedValues(_ value: String) {
        #expect(TimeValue(timex: value) == nil)
    }

    @Test func ordersByBoundsCoarserFirst() throws {
        let values = try ["2023-06-21", "2023-06-20", "2016", "2023", "2023-06", "198", "2014", "2023-W25", "P10Y"]
            .map { try #require(TimeValue(timex: $0)) }
        #expect(values.sorted().map(\.value) == ["198", "2014", "2016", "2023", "2023-06", "2023-W25", "2023-06-20", "2023-06-21", "P10Y"])
    }

    @Test func overlapComesFromBounds() throws {
        let week = try #require(TimeValue(timex: "2023-W25"))
        #expect(week.overlaps(try #require(TimeValue(timex: "2023-06-20"))))
        #expect(!week.overlaps(try #require(TimeValue(timex: "2023-06-29"))))
        #expect(try #require(TimeValue(timex: "198")).overlaps(try #require(TimeValue(timex: "1985-03"))))
        #expect(!(try #require(TimeValue(timex: "P10Y")).overlaps(week)))
    }

    @Test func displayTextShowsPrecision() throws {
        #expect(try #require(TimeValue(timex: "198")).displayText == "1980s")
        #expect(try #require(TimeValue(timex: "19")).displayText == "1900s")
        #expect(try #require(TimeValue(timex: "2014")).displayText == "2014")
    }

    @Test func intervalsNormalizeAndOrder() throws {
        let y2013 = try #require(TimeValue(timex: "2013"))
        let y2016 = try #require(TimeValue(timex: "2016"))
        let y2023 = try #require(TimeValue(timex: "2023"))
        let tenYears = TemporalInterval(start: y2013, end: y2023, duration: "P10Y")
        let since2016 = TemporalInterval(start: y2016, end: nil)
        let raid = TemporalInterval(point: try #require(TimeValue(timex: "2023-06-20")))
        #expect(tenYears.normalizedText == "2013/2023;P10Y")
        #expect(since2016.normalizedText == "2016/..")
        #expect(raid.normalizedText == "2023-06-20")
        #expect(since2016.latest == nil)
        #expect(tenYears.earliest?.iso == "2013-01-01")
        #expect([raid, since2016, tenYears].sorted() == [tenYears, since2016, raid])
    }
}
