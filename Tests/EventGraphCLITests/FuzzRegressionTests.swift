import Foundation
import Testing

/// Replays every saved fuzz input (Tests/Fuzz/TARGET/) through its target's invariants, with the
/// replayer build of `eventgraph-fuzz` (no sanitizer needed to see a failed precondition).
@Suite struct FuzzRegressionTests {
    static let root = CommandRunner.repositoryRoot.appendingPathComponent("Tests/Fuzz")
    static let targets = ["front-matter", "json", "jsonl", "html", "graph-json", "timex", "pipeline", "diff", "display", "syntax"]

    @Test(arguments: targets)
    func savedInputsPass(_ target: String) throws {
        let folder = Self.root.appendingPathComponent(target)
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
        #expect(!inputs.isEmpty, "no saved inputs for \(target)")
        let replayer = CommandRunner.executable.deletingLastPathComponent().appendingPathComponent("eventgraph-fuzz").path
        let result = try CommandRunner.tool([replayer, target] + inputs)
        #expect(result.status == 0, "\(result.output)")
    }

    /// The dictionaries parse as libFuzzer reads them (a bad line stops every fuzz run before its
    /// first input): `name="value"` with only `\\`, `\"` and `\xAB` as escapes.
    @Test func dictionariesAreWellFormed() throws {
        let folder = Self.root.appendingPathComponent("dictionaries")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".dict") }
        #expect(files.contains("common.dict"))
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") && !line.isEmpty {
                #expect(line.wholeMatch(of: /[A-Za-z0-9_]*="(?:[^"\\]|\\\\|\\"|\\x[0-9A-Fa-f]{2})*"/) != nil, "\(file):\(number + 1): \(line)")
            }
        }
    }
}
