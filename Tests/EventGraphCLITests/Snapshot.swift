import Foundation
import Testing

/// Our own output pinned under `Tests/Snapshots/` (never gold: gold is human annotation, scored).
/// `EVENTGRAPH_RECORD=1 swift test` rewrites a stale snapshot and fails, so that a recording run
/// can never pass by accident; review the diff, then run the tests again.
enum Snapshot {
    static let recording = ProcessInfo.processInfo.environment["EVENTGRAPH_RECORD"] == "1"

    /// Expects `output` to be the snapshot at `relativePath` (below `Tests/Snapshots/`).
    static func expect(_ output: String, matches relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let snapshot = CommandRunner.repositoryRoot.appendingPathComponent("Tests/Snapshots/" + relativePath)
        let committed = try? String(contentsOf: snapshot, encoding: .utf8)
        if recording {
            let changed = committed != output
            if changed {
                try FileManager.default.createDirectory(at: snapshot.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(output.utf8).write(to: snapshot)
            }
            Issue.record("Recording run: \(changed ? "wrote" : "unchanged:") \(snapshot.path); run the tests again without EVENTGRAPH_RECORD to check it.",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(committed == output, "Tests/Snapshots/\(relativePath) is stale: EVENTGRAPH_RECORD=1 swift test, then review the diff", sourceLocation: sourceLocation)
    }
}
