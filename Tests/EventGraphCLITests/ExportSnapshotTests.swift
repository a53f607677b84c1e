import Foundation
import Testing

/// `Exports/` holds the seed corpus's outputs, committed so that reviewers see what a change does to
/// them. These are snapshots (our own output, pinned), not gold (human annotation, scored): when
/// output changes on purpose, re-record with `EVENTGRAPH_RECORD=1 swift test`, which rewrites them
/// and fails, so that a recording run can never pass by accident.
@Suite struct ExportSnapshotTests {
    static let recording = ProcessInfo.processInfo.environment["EVENTGRAPH_RECORD"] == "1"

    @Test func seedGraphIsCurrent() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CommandRunner.run(["build", "seeds", "-o", out.appendingPathComponent("seed").path])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["seed.graph.json", "seed.merges.json", "seed.graphml", "seed.gexf", "seed.jsonld"] {
            let fresh = try Data(contentsOf: out.appendingPathComponent(name))
            let snapshot = CommandRunner.repositoryRoot.appendingPathComponent("Exports/\(name)")
            if Self.recording {
                try fresh.write(to: snapshot)
                Issue.record("Re-recorded \(snapshot.path); run the tests again without EVENTGRAPH_RECORD to check it.")
                continue
            }
            let committed = try? Data(contentsOf: snapshot)
            #expect(committed == fresh, "Exports/\(name) is stale: run `swift run eventgraph build seeds -o Exports/seed` or `EVENTGRAPH_RECORD=1 swift test`, and review the diff.")
        }
    }
}
