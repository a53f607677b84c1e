import EventGraphCore
import Foundation
import Testing

/// One faulty run of a command, as a careless or hostile user would make it: its exit status, the
/// lines it must print verbatim on standard error, and which files it may change (none, unless
/// named). `$ROOT` in arguments and messages is the case's scratch folder.
struct Fault: Sendable, CustomTestStringConvertible {
    enum Content: Sendable {
        case text(String)
        case folder
    }

    var kind: String
    /// Files made in the scratch folder before the run (path relative to it).
    var files: [String: Content] = [:]
    /// Copies the seed exports to `$ROOT/out/g.*` first: what a faulty run must leave as it was.
    var previousExports = false
    var arguments: [String]
    var environment: [String: String] = [:]
    /// Standard output to this file instead of a pipe.
    var stdoutPath: String? = nil
    var status: Int32
    var stderr: [String]
    /// Files (relative to the scratch folder) that the run may create or change.
    var changes: Set<String> = []

    var testDescription: String { kind }
}

@Suite struct FaultTests {
    static let seedGraph = (try? String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("Exports/seed.graph.json"), encoding: .utf8)) ?? ""

    /// `LINE:COL` of `value` where it first follows `prefix` in `text`.
    static func location(of value: String, after prefix: String, in text: String) -> String {
        guard let range = text.range(of: prefix + value) else { return "?:?" }
        let before = text[..<text.index(range.lowerBound, offsetBy: prefix.count)]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.reversed().prefix { $0 != "\n" }.count + 1
        return "\(line):\(column)"
    }

    static func replacingFirst(_ needle: String, with replacement: String, in text: String) -> String {
        guard let range = text.range(of: needle) else { return text }
        return text.replacingCharacters(in: range, with: replacement)
    }

    static let article = "---\npublished: 2023-06-21\n---\nAlbanian police raided the Ashraf-3 camp on Tuesday, officials said.\n"

    static let yamlBomb: String = {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 { lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        lines += ["? *a9", ": 1", "? *a9", ": 2"]
        return lines.joined(separator: "\n") + "\n"
    }()

    static let cases: [Fault] = {
        let negative = replacingFirst("\"start\": 970", with: "\"start\": -5", in: seedGraph)
        let dangling = replacingFirst("\"source\": \"facility:ashraf-3-camp\"", with: "\"source\": \"person:nobody\"", in: seedGraph)
        let optional = "{\"rules\": [{\"id\": \"many-optional\", \"pattern\": \"" + Array(repeating: "the?", count: 26).joined(separator: " ")
            + " year\", \"type\": \"DATE\", \"normalize\": \"ref\", \"params\": {\"value\": \"PAST_REF\"}}]}"
        let longPattern = "{\"rules\": [{\"id\": \"long\", \"pattern\": \"" + Array(repeating: "the", count: 200_000).joined(separator: " ")
            + "\", \"type\": \"DATE\", \"normalize\": \"ref\"}]}"
        let manyRules = "{\"rules\": [\n" + (0..<30_000).map { "{\"id\": \"r\($0)\", \"pattern\": \"the w\($0) year\", \"type\": \"DATE\", \"normalize\": \"ref\"}" }
            .joined(separator: ",\n") + "]}"
        let theText = "---\npublished: 2023-06-21\n---\n" + String(repeating: "the ", count: 40) + "day.\n"
        let fullDisk = "eventgraph: cannot write to standard output: No space left on device"
        return [
            Fault(kind: "timeline of a missing input", arguments: ["timeline", "$ROOT/missing"], status: 2,
                  stderr: ["$ROOT/missing:1:1: error: no such file or folder", "eventgraph: an input does not exist; nothing written"]),
            Fault(kind: "export of a mistyped corpus over an existing export", previousExports: true,
                  arguments: ["export", "$ROOT/typo-corpus", "--format", "graphml", "-o", "$ROOT/out/g.graphml"], status: 2,
                  stderr: ["$ROOT/typo-corpus:1:1: error: no such file or folder", "eventgraph: an input does not exist; nothing written"]),
            Fault(kind: "diff of two missing inputs", arguments: ["diff", "$ROOT/missing1", "$ROOT/missing2"], status: 2,
                  stderr: ["$ROOT/missing1:1:1: error: no such file or folder"]),
            Fault(kind: "eval of a missing input", arguments: ["eval", "--gold", "Tests/Gold", "$ROOT/missing"], status: 2,
                  stderr: ["$ROOT/missing:1:1: error: no such file or folder"]),
            Fault(kind: "an empty object named .graph.json", files: ["x.graph.json": .text("{}")], arguments: ["timeline", "$ROOT/x.graph.json"], status: 2,
                  stderr: ["$ROOT/x.graph.json:1:1: error: invalid graph JSON: top level: missing key 'format'"]),
            Fault(kind: "a graph with a negative offset", files: ["n.graph.json": .text(negative)], previousExports: true,
                  arguments: ["export", "$ROOT/n.graph.json", "--format", "graphml", "-o", "$ROOT/out/g.graphml"], status: 2,
                  stderr: ["$ROOT/n.graph.json:\(location(of: "-5", after: "\"sentence\": 5, \"start\": ", in: negative)): error: invalid graph JSON: offsets -5..<983 do not span the 13 characters of its text"]),
            Fault(kind: "a graph with a dangling reference", files: ["d.graph.json": .text(dangling)], previousExports: true,
                  arguments: ["export", "$ROOT/d.graph.json", "--format", "graphml", "-o", "$ROOT/out/g.graphml"], status: 2,
                  stderr: ["$ROOT/d.graph.json:\(location(of: "\"person:nobody\"", after: "\"source\": ", in: dangling)): error: invalid graph JSON: source 'person:nobody' is no entity of this graph"]),
            Fault(kind: "a number out of range in a graph", files: ["y.graph.json": .text("{\"documents\": [], \"x\": 1e999}")], arguments: ["timeline", "$ROOT/y.graph.json"], status: 2,
                  stderr: ["$ROOT/y.graph.json:1:24: error: invalid graph JSON: number 1e999 is out of range"]),
            Fault(kind: "merge of an empty fragment file over a graph", files: ["e.jsonl": .text("")], previousExports: true,
                  arguments: ["merge", "$ROOT/e.jsonl", "-o", "$ROOT/out/g"], status: 2,
                  stderr: ["eventgraph: no fragments in $ROOT/e.jsonl; nothing written (--allow-empty writes an empty graph)"]),
            Fault(kind: "merge --allow-empty of an empty fragment file", files: ["e.jsonl": .text("")],
                  arguments: ["merge", "$ROOT/e.jsonl", "-o", "$ROOT/empty", "--allow-empty"], status: 0,
                  stderr: ["eventgraph: merged 0 documents, 0 entities, 0 events, 0 relations → $ROOT/empty.graph.json"], changes: ["empty.graph.json", "empty.merges.json", "empty.graphml", "empty.gexf", "empty.jsonld"]),
            Fault(kind: "a rename that fails after others succeeded", previousExports: true, arguments: ["build", "seeds", "-o", "$ROOT/out/g"],
                  environment: ["EVENTGRAPH_FAIL_RENAME_AT": "2"], status: 2,
                  stderr: ["$ROOT/out/g.graphml:1:1: error: cannot write: Input/output error; no file was changed"]),
            Fault(kind: "a target replaced by a folder", files: ["out/g.gexf": .folder], arguments: ["build", "seeds", "-o", "$ROOT/out/g"], status: 2,
                  stderr: ["$ROOT/out/g.gexf:1:1: error: cannot write: is a folder"]),
            Fault(kind: "-o naming a folder", arguments: ["build", "seeds", "-o", "$ROOT/out/"], status: 64,
                  stderr: ["Error: -o takes a prefix for the files to write, not a folder: give FOLDER/NAME (writes FOLDER/NAME.graph.json, ...), got '$ROOT/out/'"]),
            Fault(kind: "timeline to a full disk", arguments: ["timeline", "Exports/seed.graph.json"], stdoutPath: "/dev/full", status: 2, stderr: [fullDisk]),
            Fault(kind: "extract to a full disk", arguments: ["extract", "seeds"], stdoutPath: "/dev/full", status: 2, stderr: [fullDisk]),
            Fault(kind: "diff to a full disk", arguments: ["diff", "seeds/000-mko-albania-raid.txt", "seeds"], stdoutPath: "/dev/full", status: 2, stderr: [fullDisk]),
            Fault(kind: "export to a full disk", arguments: ["export", "Exports/seed.graph.json", "--format", "gexf"], stdoutPath: "/dev/full", status: 2, stderr: [fullDisk]),
            Fault(kind: "timex to a full disk", arguments: ["timex", "seeds/000-mko-albania-raid.txt", "--format", "text"], stdoutPath: "/dev/full", status: 2, stderr: [fullDisk]),
            Fault(kind: "eval to a full disk", arguments: ["eval", "--gold", "Tests/Gold", "Exports/seed.graph.json"], stdoutPath: "/dev/full", status: 2, stderr: [fullDisk]),
            Fault(kind: "a YAML alias bomb in the overrides", files: ["corpus/a.txt": .text(article), "corpus/eventgraph.overrides.yaml": .text(yamlBomb)],
                  arguments: ["build", "$ROOT/corpus", "-o", "$ROOT/out/g"], status: 2,
                  stderr: ["$ROOT/corpus/eventgraph.overrides.yaml:2:10: error: invalid YAML: YAML aliases (*name) are not allowed here"]),
            Fault(kind: "overrides that name nothing", files: [
                "corpus/a.txt": .text(article),
                "corpus/eventgraph.overrides.yaml": .text("aliases:\n  PMOI: Nobody Known\ntypes:\n  Atlantis: place\nignore:\n  - Xanadu\nmerge:\n  - [Albanian police, Ashraf-3 camp]\nsplit:\n  - [Albanian police, Ashraf-3 camp]\n"),
            ], arguments: ["build", "$ROOT/corpus", "-o", "$ROOT/out/g", "--formats", "none"], status: 0, stderr: [
                "$ROOT/corpus/eventgraph.overrides.yaml:2:1: warning: alias 'PMOI': no entity is named 'Nobody Known'; nothing added",
                "$ROOT/corpus/eventgraph.overrides.yaml:4:1: warning: type place for 'Atlantis': no entity has that name; nothing changed",
                "$ROOT/corpus/eventgraph.overrides.yaml:6:1: warning: ignore 'Xanadu': no entity has that name; nothing removed",
                "$ROOT/corpus/eventgraph.overrides.yaml:8:1: warning: merge [Albanian police, Ashraf-3 camp] names a pair that split [Albanian police, Ashraf-3 camp] keeps apart; the split wins",
            ], changes: ["out/", "out/g.graph.json", "out/g.merges.json"]),
            Fault(kind: "a user rule of 26 optional elements", files: ["a.txt": .text(theText), "rules/timex/rules.json": .text(optional)],
                  arguments: ["timex", "$ROOT/a.txt", "--rules", "$ROOT/rules", "--format", "text"], status: 0, stderr: []),
            Fault(kind: "a user rule of 200,000 elements", files: ["a.txt": .text(theText), "rules/timex/rules.json": .text(longPattern)],
                  arguments: ["timex", "$ROOT/a.txt", "--rules", "$ROOT/rules"], status: 2,
                  stderr: ["$ROOT/rules/timex/rules.json:1:38: error: rule long: pattern has 200000 elements, more than 64"]),
            Fault(kind: "a user rule file of 30,000 rules", files: ["a.txt": .text(theText), "rules/timex/rules.json": .text(manyRules)],
                  arguments: ["timex", "$ROOT/a.txt", "--rules", "$ROOT/rules"], status: 2,
                  stderr: ["$ROOT/rules/timex/rules.json:1002:1: error: 30000 rules, more than the 1000 a rules file may hold"]),
            Fault(kind: "a rules file that is a folder", files: ["a.txt": .text(theText), "rules/timex/rules.json": .folder],
                  arguments: ["timex", "$ROOT/a.txt", "--rules", "$ROOT/rules"], status: 2,
                  stderr: ["$ROOT/rules/timex/rules.json:1:1: error: is a folder, expected a rules file (JSON)"]),
        ]
    }()

    /// Every file below `folder` (relative path → bytes); folders as empty entries.
    static func contents(of folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return result }
        for case let url as URL in walker {
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            let isFolder = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            // The fragment store is a cache that a build may fill before it fails (FragmentStoreTests).
            if relative.contains(".store.sqlite") { continue }
            result[relative + (isFolder ? "/" : "")] = isFolder ? Data() : (try? Data(contentsOf: url)) ?? Data()
        }
        return result
    }

    @Test(arguments: cases)
    func faultIsReportedAndChangesNothingElse(_ fault: Fault) throws {
        let root = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        for (path, content) in fault.files {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            switch content {
            case .text(let text): try Data(text.utf8).write(to: url)
            case .folder: try fm.createDirectory(at: url, withIntermediateDirectories: true)
            }
        }
        if fault.previousExports {
            try fm.createDirectory(at: root.appendingPathComponent("out"), withIntermediateDirectories: true)
            for suffix in ["graph.json", "merges.json", "graphml", "gexf", "jsonld"] {
                try fm.copyItem(at: CommandRunner.repositoryRoot.appendingPathComponent("Exports/seed.\(suffix)"), to: root.appendingPathComponent("out/g.\(suffix)"))
            }
        }
        let before = Self.contents(of: root)
        let substitute = { (text: String) in text.replacingOccurrences(of: "$ROOT", with: root.path) }
        let result = try CommandRunner.run(fault.arguments.map(substitute), environment: fault.environment, stdoutPath: fault.stdoutPath)
        #expect(result.status == fault.status, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        for expected in fault.stderr.map(substitute) { #expect(lines.contains(expected), "\(lines)") }
        if fault.stderr.isEmpty { #expect(result.stderr.isEmpty) }
        let after = Self.contents(of: root)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] && !fault.changes.contains($0) }
        #expect(changed.isEmpty, "changed: \(changed.sorted())")
    }
}
