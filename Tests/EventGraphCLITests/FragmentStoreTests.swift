import Foundation
import Testing

/// The fragment store (issue 20): a rebuild extracts only new and changed articles and gives the
/// bytes of a fresh build; a store that is damaged, from another version or schema, unwritable,
/// locked by another build, or left by a killed build never gives a wrong graph.
@Suite struct FragmentStoreTests {
    static let exports = [".graph.json", ".merges.json", ".graphml", ".gexf", ".jsonld"]

    /// A corpus of the two seeds and three variants with other names and dates.
    static func corpus(in folder: URL) throws -> URL {
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let variants: [(String, String)] = [("", ""), ("Albania", "Kosovo"), ("June 20", "July 4")]
        for (i, (from, to)) in variants.enumerated() {
            for seed in ["000-mko-albania-raid.txt", "001-albanian-police-re-enter-mko-camp.txt"] where !(i == 2 && seed.hasPrefix("001")) {
                var text = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("seeds/\(seed)"), encoding: .utf8)
                if !from.isEmpty { text = text.replacingOccurrences(of: from, with: to) }
                try Data(text.utf8).write(to: corpus.appendingPathComponent("\(i)-\(seed)"))
            }
        }
        return corpus
    }

    /// Builds with the store at PREFIX.store.sqlite (or with `extra` arguments) and returns the
    /// store's summary line.
    @discardableResult
    static func build(_ corpus: URL, _ prefix: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> (status: Int32, stderr: String, summary: String) {
        let run = try CommandRunner.run(["build", corpus.path, "-o", prefix, "--timings"] + extra, environment: environment)
        let summary = run.stderr.split(separator: "\n").first { $0.contains("from the fragment store") }.map(String.init) ?? ""
        return (run.status, run.stderr, summary)
    }

    /// The exports of a store build equal a fresh `--no-store` build's, file by file.
    static func expectSameAsFresh(_ corpus: URL, _ prefix: String, in folder: URL, _ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fresh = folder.appendingPathComponent("fresh-\(UUID().uuidString)").path
        let run = try CommandRunner.run(["build", corpus.path, "-o", fresh, "--no-store"] + extra)
        #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
        for suffix in exports {
            let same = (try? Data(contentsOf: URL(fileURLWithPath: prefix + suffix))) == (try? Data(contentsOf: URL(fileURLWithPath: fresh + suffix)))
            #expect(same, "\(suffix) differs from a fresh build", sourceLocation: sourceLocation)
        }
        #expect(!FileManager.default.fileExists(atPath: fresh + ".store.sqlite"), "--no-store writes no store", sourceLocation: sourceLocation)
    }

    static func rows(_ store: String) throws -> Int {
        let run = try CommandRunner.tool(["python3", "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from fragments').fetchone()[0])", store])
        return Int(run.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    static func sql(_ store: String, _ statement: String) throws {
        let run = try CommandRunner.tool(["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()", store, statement])
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func addChangeAndRemoveReextractOnlyWhatChanged() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus(in: folder)
        let prefix = folder.appendingPathComponent("g").path
        #expect(try Self.build(corpus, prefix).summary.hasSuffix("0 of 5 articles from the fragment store \(prefix).store.sqlite, 5 extracted"))
        try Self.expectSameAsFresh(corpus, prefix, in: folder)
        #expect(try Self.build(corpus, prefix).summary.hasPrefix("eventgraph: 5 of 5 articles from the fragment store"))
        try Self.expectSameAsFresh(corpus, prefix, in: folder)

        // Add an article.
        let seed = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("seeds/001-albanian-police-re-enter-mko-camp.txt"), encoding: .utf8)
        try Data(seed.replacingOccurrences(of: "June 29", with: "July 9").utf8).write(to: corpus.appendingPathComponent("9-added.txt"))
        #expect(try Self.build(corpus, prefix).summary.contains("5 of 6 articles from the fragment store"))
        try Self.expectSameAsFresh(corpus, prefix, in: folder)

        // Change a text, and only the title of another (the text's digest is the same).
        let changed = corpus.appendingPathComponent("1-000-mko-albania-raid.txt")
        try Data((try String(contentsOf: changed, encoding: .utf8)).replacingOccurrences(of: "Kosovo", with: "Serbia").utf8).write(to: changed)
        let retitled = corpus.appendingPathComponent("0-001-albanian-police-re-enter-mko-camp.txt")
        let text = try String(contentsOf: retitled, encoding: .utf8)
        #expect(text.contains("title: "))
        try Data(text.replacingOccurrences(of: "title: ", with: "title: Updated ").utf8).write(to: retitled)
        #expect(try Self.build(corpus, prefix).summary.contains("4 of 6 articles from the fragment store"))
        try Self.expectSameAsFresh(corpus, prefix, in: folder)

        // Remove one: its fragment is dropped from the store.
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("9-added.txt"))
        #expect(try Self.build(corpus, prefix).summary.contains("5 of 5 articles"))
        try Self.expectSameAsFresh(corpus, prefix, in: folder)
        #expect(try Self.rows(prefix + ".store.sqlite") == 5)
    }

    /// A rule file is part of the fingerprint: everything is extracted again. Overrides act after
    /// extraction: every fragment is reused, and the graph is the fresh build's.
    @Test func rulesChangeTheFingerprintOverridesDoNot() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus(in: folder)
        let prefix = folder.appendingPathComponent("g").path
        try Self.build(corpus, prefix)
        let rules = folder.appendingPathComponent("rules/timex")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try Data(#"{"rules": []}"#.utf8).write(to: rules.appendingPathComponent("rules.json"))
        let withRules = try Self.build(corpus, prefix, ["--rules", folder.appendingPathComponent("rules").path])
        #expect(withRules.status == 0, "\(withRules.stderr)")
        #expect(withRules.summary.contains("0 of 5 articles"), "\(withRules.summary)")
        try Self.expectSameAsFresh(corpus, prefix, in: folder, ["--rules", folder.appendingPathComponent("rules").path])

        try Self.build(corpus, prefix)
        let overrides = folder.appendingPathComponent("overrides.yaml")
        try Data("aliases:\n  PMOI: MKO\nmerge:\n  - [Albanian police, Albania's Interior Ministry]\n".utf8).write(to: overrides)
        let withOverrides = try Self.build(corpus, prefix, ["--overrides", overrides.path])
        #expect(withOverrides.status == 0, "\(withOverrides.stderr)")
        #expect(withOverrides.summary.contains("5 of 5 articles"))
        try Self.expectSameAsFresh(corpus, prefix, in: folder, ["--overrides", overrides.path])
    }

    /// Damaged, truncated, newer-schema and other-fingerprint stores are rebuilt or emptied.
    @Test func aStoreThatCannotBeTrustedIsRebuiltNeverRead() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus(in: folder)
        let prefix = folder.appendingPathComponent("g").path
        let store = prefix + ".store.sqlite"

        try Data("this is not a database, just text that happens to be here".utf8).write(to: URL(fileURLWithPath: store))
        let garbage = try Self.build(corpus, prefix)
        #expect(garbage.status == 0)
        #expect(garbage.stderr.contains("\(store):1:1: warning: the fragment store cannot be read (file is not a database); it is rebuilt"), "\(garbage.stderr)")
        try Self.expectSameAsFresh(corpus, prefix, in: folder)

        // Truncated to half: whatever SQLite still reads is checked against each row's digest.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: store))
        #expect(try Self.build(corpus, prefix).status == 0)
        try Self.expectSameAsFresh(corpus, prefix, in: folder)

        // A row whose bytes were altered is a miss.
        try Self.sql(store, "UPDATE fragments SET bytes = CAST(replace(CAST(bytes AS TEXT), 'raided', 'visited') AS BLOB) WHERE rowid = 1")
        #expect(try Self.build(corpus, prefix).summary.contains("4 of 5 articles"))
        try Self.expectSameAsFresh(corpus, prefix, in: folder)

        try Self.sql(store, "UPDATE meta SET value = '99' WHERE key = 'schema'")
        let newer = try Self.build(corpus, prefix)
        #expect(newer.stderr.contains("warning: the fragment store cannot be read (store schema 99, this eventgraph writes 2); it is rebuilt"), "\(newer.stderr)")
        #expect(newer.summary.contains("0 of 5 articles"))
        try Self.expectSameAsFresh(corpus, prefix, in: folder)

        // Another tool version or model: the fingerprint differs, and nothing is reused.
        try Self.sql(store, "UPDATE meta SET value = 'another-version' WHERE key = 'fingerprint'")
        #expect(try Self.build(corpus, prefix).summary.contains("0 of 5 articles"))
        try Self.expectSameAsFresh(corpus, prefix, in: folder)
    }

    /// A store that cannot be written (a full disk, a folder it cannot be made in) leaves the build
    /// going on without it; a store held by another build stops this one clearly, writing nothing.
    @Test func unwritableAndBusyStores() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus(in: folder)
        let prefix = folder.appendingPathComponent("g").path

        let full = try Self.build(corpus, prefix, [], environment: ["EVENTGRAPH_STORE_FAULT": "disk-full", "EVENTGRAPH_STORE_BATCH": "1"])
        #expect(full.status == 0)
        #expect(full.stderr.contains("\(prefix).store.sqlite:1:1: warning: cannot write to the fragment store (database or disk is full); this build goes on without it"), "\(full.stderr)")
        try Self.expectSameAsFresh(corpus, prefix, in: folder)

        let nowhere = try Self.build(corpus, prefix, ["--store", "/proc/eventgraph-no-such-place/g.store.sqlite"])
        #expect(nowhere.status == 0)
        #expect(nowhere.stderr.contains("warning: cannot write to the fragment store"), "\(nowhere.stderr)")
        try Self.expectSameAsFresh(corpus, prefix, in: folder)

        // Another process holds the store's lock for longer than this build waits.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(20)", prefix + ".store.sqlite.lock"]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        defer { holder.terminate() }
        _ = out.fileHandleForReading.availableData  // "held"
        let before = try Data(contentsOf: URL(fileURLWithPath: prefix + ".graph.json"))
        let busy = try Self.build(corpus, prefix, [], environment: ["EVENTGRAPH_STORE_WAIT": "1"])
        #expect(busy.status == 2)
        #expect(busy.stderr.contains("\(prefix).store.sqlite:1:1: error: the fragment store is in use by another build (waited 1 s); try again when it has finished, or build with --no-store"), "\(busy.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: prefix + ".graph.json")) == before, "nothing written")
    }

    /// A build killed (SIGKILL) after its first committed batch leaves a consistent store: the
    /// next build reuses that batch and gives the bytes of a fresh build.
    @Test func aKilledBuildLeavesAConsistentStore() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus(in: folder)
        let prefix = folder.appendingPathComponent("g").path
        let killed = try Self.build(corpus, prefix, [], environment: ["EVENTGRAPH_STORE_FAULT": "kill-after-batch", "EVENTGRAPH_STORE_BATCH": "2"])
        #expect(killed.status == 9 || killed.status == 137, "killed: \(killed.status)")
        #expect(!FileManager.default.fileExists(atPath: prefix + ".graph.json"))
        #expect(try Self.rows(prefix + ".store.sqlite") == 2)
        let next = try Self.build(corpus, prefix)
        #expect(next.status == 0)
        #expect(next.summary.contains("2 of 5 articles"), "\(next.summary)")
        try Self.expectSameAsFresh(corpus, prefix, in: folder)
    }
}
