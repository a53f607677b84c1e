import Foundation
import Testing

/// `eventgraph compare`, first part (issue 22): how outlets and speakers characterize entities,
/// through the binary on the seed graph.
@Suite struct CompareCommandTests {
    static let recording = ProcessInfo.processInfo.environment["EVENTGRAPH_RECORD"] == "1"

    /// Golden files of the seed comparison per grouping and format (our output, pinned; re-record
    /// with EVENTGRAPH_RECORD=1, which fails on purpose).
    @Test(arguments: [("source", "text"), ("speaker", "text"), ("owner", "json")])
    func seedComparisonMatchesItsSnapshot(_ by: String, _ format: String) throws {
        let result = try CommandRunner.run(["compare", "Exports/seed.graph.json", "--by", by, "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        let snapshot = CommandRunner.repositoryRoot.appendingPathComponent("Tests/Snapshots/compare/seed-by-\(by).\(format == "json" ? "json" : "txt")")
        if Self.recording {
            try Data(result.stdout.utf8).write(to: snapshot)
            Issue.record("Re-recorded \(snapshot.path)")
            return
        }
        #expect((try? String(contentsOf: snapshot, encoding: .utf8)) == result.stdout, "stale: EVENTGRAPH_RECORD=1 swift test, then review")
    }

    /// The MKO as Mehr prints it, in its own voice and quoting Iran's officials, kept apart by
    /// speaker; an alias finds the entity; a name no entity bears is a usage error.
    @Test func theMKOsCharacterizationsAreSeparatedBySpeaker() throws {
        let bySource = try CommandRunner.run(["compare", "seeds", "--entity", "MEK"])
        #expect(bySource.status == 0, "\(bySource.stderr)")
        #expect(bySource.stdout.hasPrefix("MKO (organization:mko): how it is called, by source\n"))
        #expect(bySource.stdout.contains("\"the cause of the raid\"  Mehr News Agency ×1 via Nasser Kanaani  (1 article, 2023-06-21)"), "\(bySource.stdout)")
        let bySpeaker = try CommandRunner.run(["compare", "Exports/seed.graph.json", "--entity", "MKO", "--by", "speaker"])
        #expect(bySpeaker.stdout.contains("\"the cause of the raid\"  Nasser Kanaani ×1 in Mehr News Agency"))
        #expect(bySpeaker.stdout.contains("\"terrorist cult\"  Mehr News Agency (own voice) ×1  (1 article, 2023-06-21)"))
        let unknown = try CommandRunner.run(["compare", "Exports/seed.graph.json", "--entity", "Nobody At All"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--entity 'Nobody At All' is no name or alias of an entity in the graph"), "\(unknown.stderr)")
    }

    /// A user's outlet table renames and regroups; a broken one is a located error.
    @Test func aUsersOutletTableGoesOverTheShippedOne() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("outlets.tsv")
        try Data("outlet\towner\tcountry\thosts\taliases\nMNA\tstate media of Iran\tIran\tmehrnews.com\tMehr News Agency\n".utf8).write(to: table)
        let run = try CommandRunner.run(["compare", "Exports/seed.graph.json", "--entity", "MKO", "--by", "owner", "--outlets", table.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"terrorist cult\"  state media of Iran ×1"), "\(run.stdout)")
        try Data("outlet\towner\n".utf8).write(to: table)
        let broken = try CommandRunner.run(["compare", "Exports/seed.graph.json", "--outlets", table.path])
        #expect(broken.status == 2)
        #expect(broken.stderr == "\(table.path):1:1: error: outlet table: 2 tab-separated columns, expected 5 (outlet, owner, country, hosts, aliases)\n", "\(broken.stderr)")
    }
}
