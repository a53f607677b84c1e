import Foundation
import Testing

/// `eventgraph compare` (issue 22) through the binary: golden files of a corpus mixing outlets
/// (the seeds, the development articles: Mehr, VOA, Wikinews, U.S. government, and two invented
/// outlets telling one story, `Tests/Fixtures/compare/`, so that every section has content) in
/// every format, and one test per section on the seeds and on the two invented outlets.
@Suite struct CompareCommandTests {
    static let formats = ["text": "txt", "markdown": "md", "json": "json", "html": "html"]
    static let mixedCorpus = ["seeds", "Tests/Gold/dev/corpus", "Tests/Fixtures/compare"]
    static let twoOutlets = "Tests/Fixtures/compare"

    static func compare(_ arguments: [String]) throws -> String {
        let run = try CommandRunner.run(["compare"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    /// The lines of one block: from its heading to the blank line after it.
    static func block(_ output: String, heading: String) -> [String] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }) else { return [] }
        return Array(lines[start...].prefix { !$0.isEmpty })
    }

    @Test(arguments: formats.keys.sorted())
    func mixedOutletsComparisonMatchesItsGoldenFile(_ format: String) throws {
        let output = try Self.compare(Self.mixedCorpus + ["--format", format, "--evidence"])
        try Snapshot.expect(output, matches: "compare/mixed.\(Self.formats[format]!)")
    }

    @Test(arguments: [("speaker", "text"), ("owner", "json")])
    func seedComparisonMatchesItsGoldenFile(_ by: String, _ format: String) throws {
        let output = try Self.compare(["Exports/seed.graph.json", "--by", by, "--format", format])
        try Snapshot.expect(output, matches: "compare/seed-by-\(by).\(Self.formats[format]!)")
    }

    /// The MKO as Mehr prints it, in its own voice and quoting Iran's officials, kept apart; by
    /// speaker, Kanaani's label is his; an alias finds the entity.
    @Test func characterizationsKeepEachVoiceApart() throws {
        let bySource = try Self.compare(["seeds", "--entity", "MEK"])
        let mko = Self.block(bySource, heading: "MKO (organization:mko)")
        #expect(mko.contains("  “the cause of the raid”  Mehr News Agency ×1 via Nasser Kanaani  (1 article, 2023-06-21)"), "\(mko)")
        #expect(mko.contains("  “terrorist”  Mehr News Agency ×1 via Iran's Foreign Ministry  (1 article, 2023-06-21)"))
        #expect(mko.contains("  “terrorist”  Mehr News Agency ×2  (2 articles, 2023-06-21 to 2023-06-29)"))
        let bySpeaker = try Self.compare(["Exports/seed.graph.json", "--entity", "MKO", "--by", "speaker"])
        #expect(bySpeaker.contains("  “the cause of the raid”  Nasser Kanaani ×1 via Mehr News Agency  (1 article, 2023-06-21)"))
        #expect(bySpeaker.contains("  “terrorist cult”  Mehr News Agency (own voice) ×1  (1 article, 2023-06-21)"))
    }

    /// Both outlets report the raid, each with its own date and voice; the road closure one of them
    /// reports is left out by the other, whose article that week names the police.
    @Test func coverageShowsEachOutletsVersionAndWhoLeavesAStoryOut() throws {
        let output = try Self.compare([Self.twoOutlets])
        let raid = Self.block(output, heading: "Albanian police raided market in Tirana [event: raid]")
        #expect(raid.contains("  reported by: Northern Ledger, Southern Courier"), "\(output)")
        #expect(raid.contains { $0.hasPrefix("  Northern Ledger: asserted ×3: 2025-03-03; agent: Albanian police;") })
        #expect(raid.contains { $0.hasPrefix("  Southern Courier via Albanian Interior Ministry: reported ×1: 2025-03-02; agent: Albanian police;") })
        let closure = Self.block(output, heading: "Closure by Albanian police [event: closure]")
        #expect(closure.contains("  left out by: Northern Ledger (their articles name every party)"), "\(output)")
        // Each outlet told the raid in one article only: nothing is left out of the other's.
        #expect(!raid.contains { $0.contains("left out by") })
        // VOA in 2003 and Wikinews in 2007 both tell an undated Israeli attack, one event to the
        // graph: two happenings to the comparison, so neither is the other's version.
        let mixed = try Self.compare(Self.mixedCorpus)
        let coverage = mixed[mixed.range(of: "== Coverage ==")!.lowerBound..<mixed.range(of: "== Disagreements ==")!.lowerBound]
        #expect(!coverage.contains("Attack by Israel [event: attack]"), "\(coverage)")
    }

    /// The seeds' disputed death and the hurt members the minister denies; the two outlets' killing;
    /// the police reporting their own arrests.
    @Test func disagreementsShowDenialsAndInterestedSpeakers() throws {
        let seeds = try Self.compare(["seeds"])
        let killing = Self.block(seeds, heading: "Killing among MKO [killing: affirmed and denied]")
        #expect(killing == [
            "Killing among MKO [killing: affirmed and denied]",
            "  affirmed by:",
            "    Mehr News Agency: asserted ×2: 2023-06-20; place: Ashraf-3 camp; target: MKO; figures: at least one  (2 articles, 2023-06-21 to 2023-06-29)",
            "  denied by:",
            "    Mehr News Agency: negated ×1: undated; target: MKO; figures: one  (1 article, 2023-06-21)",
        ], "\(seeds)")
        let evidence = try Self.compare(["seeds", "--evidence"])
        #expect(evidence.contains("disputed responsibility for one MKO terrorist’s death."))
        // Each side's figures: "at least one MKO member was murdered" against the death disputed,
        // "several more were hurt" and "dozens of others were injured" against "no MKO members were hurt".
        #expect(Self.block(seeds, heading: "Injuries among MKO [injury: affirmed and denied]").contains {
            $0.contains("asserted ×2: 2023-06-20; place: Albania; place: Ashraf-3 camp; target: MKO; figures: several, dozens")
        })
        #expect(killing.contains { $0.contains("negated ×1: undated; target: MKO; figures: one") })
        let outlets = try Self.compare([Self.twoOutlets])
        // One outlet says two were killed on the 3rd; the ministry denies it in both, the other
        // outlet dating it the 2nd.
        let denial = Self.block(outlets, heading: "Killing in Tirana [killing: affirmed and denied]")
        #expect(denial.count == 6, "\(denial)")
        let starts = ["  affirmed by:", "    Northern Ledger: asserted ×1: 2025-03-03; place: Tirana; figures: two  (", "  denied by:",
                      "    Northern Ledger via Albanian Interior Ministry: negated ×1: 2025-03-03; agent: Albanian Interior Ministry",
                      "    Southern Courier via Albanian Interior Ministry: negated ×1: 2025-03-02; place: Tirana; figures: no  ("]
        #expect(zip(denial.dropFirst(), starts).allSatisfy { $0.hasPrefix($1) }, "\(denial)")
        let arrest = Self.block(outlets, heading: "Arrest by Albanian police [arrest: told by a party]")
        #expect(arrest.contains("  the speaker is a party: Albanian police is the agent"), "\(outlets)")
        let ownDenial = Self.block(outlets, heading: "Killing by Albanian Interior Ministry [killing: told by a party]")
        #expect(ownDenial.contains("  the speaker is a party: Albanian Interior Ministry is the agent"), "\(outlets)")
    }

    /// Kanaani quotes the Albanian authorities, whom Mehr quotes through him: a chain of three.
    @Test func attributionsAreChainsFromTheOutletDown() throws {
        let seeds = try Self.compare(["seeds"])
        let claim = Self.block(seeds, heading: "Albanian authorities said “the MKO members had used to plan")
        #expect(claim.dropFirst() == ["  Mehr News Agency", "    Nasser Kanaani", "      Albanian authorities ×1  (1 article)"], "\(claim)")
        let json = try JSONSerialization.jsonObject(with: Data(try Self.compare(["seeds", "--format", "json"]).utf8)) as? [String: Any]
        let claims = json?["attributions"] as? [[String: Any]] ?? []
        let paths = claims.flatMap { ($0["chains"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? [String] } }
        #expect(paths.contains(["Mehr News Agency", "Nasser Kanaani", "Albanian authorities"]))
        #expect(paths.allSatisfy { $0.first == "Mehr News Agency" && $0.count >= 2 })
    }

    @Test func filtersNarrowEverySection() throws {
        let raids = try Self.compare([Self.twoOutlets, "--event", "raid"])
        #expect(raids.contains("[event: raid]") && !raids.contains("[event: closure]") && !raids.contains("[relation:"), "\(raids)")
        let later = try Self.compare([Self.twoOutlets, "--from", "2025-03-03"])
        #expect(later.contains("2025-03-03") && !later.contains("2025-03-02"), "the Courier's raid is dated before the range")
        let byEntity = try Self.compare([Self.twoOutlets, "--entity", "Ardian Dervishi"])
        #expect(byEntity.contains("Ardian Dervishi said") && !byEntity.contains("Albanian Interior Ministry said"))
        let unknown = try CommandRunner.run(["compare", Self.twoOutlets, "--event", "raids", "--from", "2025-03-05", "--to", "2025-03-01"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("eventgraph: error: --event 'raids' is no event type; closest: 'raid'"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("eventgraph: error: --to 2025-03-01 is before --from 2025-03-05"))
        let nobody = try CommandRunner.run(["compare", "Exports/seed.graph.json", "--entity", "Nobody At All"])
        #expect(nobody.status == 64 && nobody.stderr.contains("--entity 'Nobody At All' is no name or alias of an entity in the graph"), "\(nobody.stderr)")
    }

    /// A user's outlet table renames and regroups; a broken one is a located error.
    @Test func aUsersOutletTableGoesOverTheShippedOne() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("outlets.tsv")
        try Data("outlet\towner\tcountry\thosts\taliases\nMNA\tstate media of Iran\tIran\tmehrnews.com\tMehr News Agency\n".utf8).write(to: table)
        let run = try CommandRunner.run(["compare", "Exports/seed.graph.json", "--entity", "MKO", "--by", "owner", "--outlets", table.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("“terrorist cult”  state media of Iran ×1"), "\(run.stdout)")
        try Data("outlet\towner\n".utf8).write(to: table)
        let broken = try CommandRunner.run(["compare", "Exports/seed.graph.json", "--outlets", table.path])
        #expect(broken.status == 2)
        #expect(broken.stderr == "\(table.path):1:1: error: outlet table: 2 tab-separated columns, expected 5 (outlet, owner, country, hosts, aliases)\n", "\(broken.stderr)")
    }
}
