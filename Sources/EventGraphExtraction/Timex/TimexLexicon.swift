/// The word lists the time expression rules use, loaded from `Resources/timex/*.tsv`.
public struct TimexLexicon: Sendable {
    struct Unit: Sendable {
        /// TIMEX3 duration letter: Y, M, W, D, WE, or TH/TM/TS for clock units.
        var code: String
        var scale: Int
        var granularity: String
    }

    var months: [String: (month: Int, isName: Bool)] = [:]
    var weekdays: [String: Int] = [:]
    var numbers: [String: Double] = [:]
    var vague: Set<String> = []
    var ordinals: [String: Int] = [:]
    var units: [String: Unit] = [:]
    var seasons: [String: String] = [:]
    /// Decades written as words ("the nineties" → 1990).
    var decades: [String: Int] = [:]
    var partsOfDay: [String: String] = [:]
    var zones: Set<String> = []
    var futureMarkers: Set<String> = []
    var pastMarkers: Set<String> = []
    var yearBlockers: Set<String> = []
    /// Approximators as word sequences ("more than" → ["more", "than"]).
    var approximators: [[String]] = []

    /// The lexicon shipped in the package, loaded once per process.
    public static func standard() throws(ResourceError) -> TimexLexicon {
        try cached.get()
    }

    private static let cached = Result { () throws(ResourceError) in try load() }

    static func load() throws(ResourceError) -> TimexLexicon {
        var lexicon = TimexLexicon()
        for row in try ExtractionResources.table("timex/months.tsv", columns: ["word", "month", "kind"]) {
            lexicon.months[row.fields["word"]!.lowercased()] = (Int(row.fields["month"]!) ?? 0, row.fields["kind"] == "name")
        }
        for row in try ExtractionResources.table("timex/weekdays.tsv", columns: ["word", "weekday"]) {
            lexicon.weekdays[row.fields["word"]!.lowercased()] = Int(row.fields["weekday"]!) ?? 0
        }
        for row in try ExtractionResources.table("timex/numbers.tsv", columns: ["word", "number"]) {
            lexicon.numbers[row.fields["word"]!.lowercased()] = Double(row.fields["number"]!) ?? 0
        }
        lexicon.vague = Set(try ExtractionResources.table("timex/vague-quantities.tsv", columns: ["word"]).map { $0.fields["word"]!.lowercased() })
        for row in try ExtractionResources.table("timex/ordinals.tsv", columns: ["word", "ordinal"]) {
            lexicon.ordinals[row.fields["word"]!.lowercased()] = Int(row.fields["ordinal"]!) ?? 0
        }
        for row in try ExtractionResources.table("timex/units.tsv", columns: ["word", "unit", "scale", "granularity"]) {
            lexicon.units[row.fields["word"]!.lowercased()] = Unit(code: row.fields["unit"]!, scale: Int(row.fields["scale"]!) ?? 1, granularity: row.fields["granularity"]!)
        }
        for row in try ExtractionResources.table("timex/seasons.tsv", columns: ["word", "season"]) {
            lexicon.seasons[row.fields["word"]!.lowercased()] = row.fields["season"]!
        }
        for row in try ExtractionResources.table("timex/decades.tsv", columns: ["word", "decade"]) {
            lexicon.decades[row.fields["word"]!.lowercased()] = Int(row.fields["decade"]!) ?? 0
        }
        for row in try ExtractionResources.table("timex/parts-of-day.tsv", columns: ["word", "part"]) {
            lexicon.partsOfDay[row.fields["word"]!.lowercased()] = row.fields["part"]!
        }
        lexicon.zones = Set(try ExtractionResources.table("timex/time-zones.tsv", columns: ["word"]).map { $0.fields["word"]! })
        for row in try ExtractionResources.table("timex/tense-markers.tsv", columns: ["word", "tense"]) {
            switch row.fields["tense"] {
            case "future": lexicon.futureMarkers.insert(row.fields["word"]!.lowercased())
            case "past": lexicon.pastMarkers.insert(row.fields["word"]!.lowercased())
            default:
                throw .malformed(file: "Resources/timex/tense-markers.tsv", line: row.line, column: 1, problem: "tense must be future or past")
            }
        }
        lexicon.yearBlockers = Set(try ExtractionResources.table("timex/year-blockers.tsv", columns: ["word"]).map { $0.fields["word"]!.lowercased() })
        lexicon.approximators = try ExtractionResources.table("timex/approximators.tsv", columns: ["phrase"])
            .map { $0.fields["phrase"]!.lowercased().split(separator: " ").map(String.init) }
            .sorted { $0.count > $1.count }
        return lexicon
    }

    /// The value of a number word or a hyphenated compound of them ("twenty-five").
    func number(word lower: String) -> Double? {
        if let n = numbers[lower] { return n }
        let parts = lower.split(separator: "-")
        guard parts.count == 2, let tens = numbers[String(parts[0])], let ones = numbers[String(parts[1])],
              tens >= 20, tens.truncatingRemainder(dividingBy: 10) == 0, ones >= 1, ones <= 9 else { return nil }
        return tens + ones
    }
}
