import Foundation
import Testing

@Suite struct TimelineCommandTests {
    static let formats = ["text": "txt", "markdown": "md", "json": "json", "html": "html", "timelinejs": "timelinejs.json"]

    /// Golden files of the seed timeline in every format (our output, pinned; re-record with
    /// EVENTGRAPH_RECORD=1, which fails on purpose).
    @Test(arguments: formats.keys.sorted())
    func seedTimelineMatchesItsSnapshot(_ format: String) throws {
        let result = try CommandRunner.run(["timeline", "Exports/seed.graph.json", "--format", format, "--evidence"])
        #expect(result.status == 0, "\(result.stderr)")
        try Snapshot.expect(result.stdout, matches: "timeline/seed.\(Self.formats[format]!)")
    }

    @Test func seedHistoryRunsFromTheEightiesToTheReturnWithUndatedLast() throws {
        let result = try CommandRunner.run(["timeline", "seeds"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let whens = lines.prefix { !$0.isEmpty }.map { String($0.prefix(while: { $0 != " " || false })) }
        // The order of Tests/Gold/000's timeline_order: 1980s, 2013-2023, 2014, 2016 on, 2023-06-20, 2023-06-21.
        func firstLine(_ prefix: String) -> Int? { lines.firstIndex { $0.hasPrefix(prefix) } }
        let milestones = ["1980s", "2013 → 2023", "2014", "2016 →", "2023-06-20", "2023-06-21", "2023-06-29", "Undated"].map(firstLine)
        #expect(milestones.allSatisfy { $0 != nil }, "\(lines)")
        #expect(milestones.compactMap { $0 } == milestones.compactMap { $0 }.sorted())
        #expect(lines.first?.hasPrefix("1980s") == true && !whens.isEmpty)
        #expect(lines[(firstLine("Undated") ?? 0)...].contains { $0.contains("Expulsion of MKO") || $0.contains("MKO met Daesh") })
    }

    @Test func entityFilterByAlias() throws {
        let all = try CommandRunner.run(["timeline", "Exports/seed.graph.json"]).stdout
        let mek = try CommandRunner.run(["timeline", "Exports/seed.graph.json", "--entity", "MEK"]).stdout
        let lines = mek.split(separator: "\n").filter { !$0.isEmpty && $0 != "Undated" }
        #expect(!lines.isEmpty && lines.count < all.split(separator: "\n").count)
        #expect(lines.allSatisfy { $0.contains("MKO") })
        #expect(!mek.contains("Statement by Nasser Kanaani"))
    }

    /// A filter value the graph cannot match is a usage error that names it (exit 64, nothing on standard
    /// output); a valid filter that matches nothing says so on standard error, not with a blank line.
    @Test func unknownFilterValuesAreErrorsListingTheClosestKnownOnes() throws {
        let unknown = try CommandRunner.run(["timeline", "Exports/seed.graph.json", "--entity", "nosuch", "--type", "raid,nosuchtype", "--source", "nosuchoutlet"])
        #expect(unknown.status == 64)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr == """
            eventgraph: error: --entity 'nosuch' is no name or alias of an entity in the graph; closest: 'Daesh', 'SPAK', 'Durrës'
            eventgraph: error: --type 'nosuchtype' is no event or relation type; closest: 'closure', 'coup', 'ousted'
            eventgraph: error: --source 'nosuchoutlet' matches no document's source; closest: 'Mehr News Agency', 'Mehr News Agency (via Tehran Times)'

            """)
        // A near miss lists what was meant first.
        let typo = try CommandRunner.run(["timeline", "Exports/seed.graph.json", "--entity", "kanani", "--type", "raids", "--source", "mehrnews"])
        #expect(typo.status == 64)
        #expect(typo.stderr == """
            eventgraph: error: --entity 'kanani' is no name or alias of an entity in the graph; closest: 'Kanaani', 'Albania', 'Iran'
            eventgraph: error: --type 'raids' is no event or relation type; closest: 'raid', 'raided', 'said'
            eventgraph: error: --source 'mehrnews' matches no document's source; closest: 'Mehr News Agency', 'Mehr News Agency (via Tehran Times)'

            """)
        let empty = try CommandRunner.run(["timeline", "Exports/seed.graph.json", "--entity", "MEK", "--type", "raid"])
        #expect(empty.status == 0)
        #expect(empty.stdout.isEmpty)
        #expect(empty.stderr == "eventgraph: no fact matches the filter\n")
        // Known values that match keep working.
        #expect(try CommandRunner.run(["timeline", "Exports/seed.graph.json", "--source", "mehr", "--type", "raid"]).stdout.contains("raided"))
    }
}
