import EventGraphCore
import Foundation
import Testing

@Suite struct DiffCommandTests {
    /// A folder holding the given seed articles (some possibly edited).
    static func corpus(_ names: [String], in folder: URL, edit: ((String) -> String)? = nil) throws -> URL {
        let dir = folder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in names {
            var text = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("seeds/\(name)"), encoding: .utf8)
            if let edit { text = edit(text) }
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        return dir
    }

    static let first = "000-mko-albania-raid.txt"
    static let second = "001-albanian-police-re-enter-mko-camp.txt"

    @Test func secondArticleBringsItsEventsPlacesAndSpelling() throws {
        let tmp = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let v1 = try Self.corpus([Self.first], in: tmp)
        let result = try CommandRunner.run(["diff", v1.path, "seeds"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "# caused by \(Self.second)")
        #expect(lines.contains("+ document Albanian police re-enter MKO terrorists camp, Mehr News Agency, 2023-06-29"))
        #expect(lines.contains { $0.hasPrefix("+ event raid 2023-06-29 Albanian police") && $0.hasSuffix("(Mehr News Agency, 2023-06-29)") })
        #expect(lines.contains("+ entity place Manez"))
        #expect(lines.contains("+ entity place Durrës"))
        // The camp's second spelling is the same node: an alias, not a new entity.
        #expect(lines.contains { $0.hasPrefix("~ entity facility Ashraf-3 camp: aliases  → Ashraf 3 camp, sources 1 → 2") })
        #expect(!lines.contains { $0.hasPrefix("+ entity facility") })
        // The raid of the 20th, reported again.
        #expect(lines.contains { $0.hasPrefix("~ event raid 2023-06-20 Albanian police") && $0.contains("sources 1 → 2") })
        #expect(lines.contains { $0.hasPrefix("~ relation Ashraf-3 camp belongs-to MKO (corroborated): sources 1 → 2") })
    }

    @Test func removingAnArticle() throws {
        let tmp = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let v1 = try Self.corpus([Self.first], in: tmp)
        let result = try CommandRunner.run(["diff", "seeds", v1.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("- document Albanian police re-enter MKO terrorists camp, Mehr News Agency, 2023-06-29"))
        #expect(result.stdout.contains("- entity place Manez"))
        #expect(result.stdout.contains("- event raid 2023-06-29"))
    }

    @Test func editingOneSentenceMovesADate() throws {
        let tmp = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let before = try Self.corpus([Self.first, Self.second], in: tmp)
        let after = try Self.corpus([Self.first, Self.second], in: tmp) { text in
            text.replacingOccurrences(of: "landed again this Thursday morning", with: "landed again on Wednesday")
        }
        let result = try CommandRunner.run(["diff", before.path, after.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "# caused by \(Self.second)")
        #expect(lines.contains { $0.hasPrefix("~ document \(Self.second)") || $0.hasPrefix("~ document article \(Self.second) edited") })
        #expect(lines.contains { $0.hasPrefix("~ event raid 2023-06-28 Albanian police") && $0.contains("(date moved): date 2023-06-29 → 2023-06-28") })
    }

    @Test func identicalCorporaGiveNoOutputAndExitZero() throws {
        let result = try CommandRunner.run(["diff", "seeds", "seeds"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let graph = try CommandRunner.run(["diff", "seeds", "Exports/seed.graph.json"])
        #expect(graph.status == 0 && graph.stdout.isEmpty, "\(graph.stdout)")
    }

    @Test func inputOrderDoesNotChangeTheDiff() throws {
        let tmp = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let a = tmp.appendingPathComponent("a").path, b = tmp.appendingPathComponent("b").path
        #expect(try CommandRunner.run(["build", "seeds/\(Self.first)", "seeds/\(Self.second)", "-o", a]).status == 0)
        #expect(try CommandRunner.run(["build", "seeds/\(Self.second)", "seeds/\(Self.first)", "-o", b]).status == 0)
        let v1 = try Self.corpus([Self.first], in: tmp)
        let one = try CommandRunner.run(["diff", v1.path, a + ".graph.json"])
        let two = try CommandRunner.run(["diff", v1.path, b + ".graph.json"])
        #expect(one.stdout == two.stdout && !one.stdout.isEmpty)
        #expect(try CommandRunner.run(["diff", a + ".graph.json", b + ".graph.json"]).status == 0)
    }

    @Test func jsonAndStatFormats() throws {
        let tmp = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let v1 = try Self.corpus([Self.first], in: tmp)
        let json = try CommandRunner.run(["diff", "--format", "json", v1.path, "seeds"])
        let changes = try JSONDecoder().decode([Change].self, from: Data(json.stdout.utf8))
        #expect(changes.contains { $0.kind == .added && $0.subject == .document && $0.id == Self.second })
        #expect(changes == changes.sorted())
        let stat = try CommandRunner.run(["diff", "--stat", v1.path, "seeds"])
        #expect(stat.status == 1)
        #expect(stat.stdout.hasPrefix("documents: 1 added\nentities: "))
    }

    @Test func gitRevisionsOfACorpusFolder() throws {
        let tmp = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let repo = tmp.appendingPathComponent("repo")
        let corpus = repo.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        func git(_ args: String...) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", repo.path, "-c", "user.name=t", "-c", "user.email=t@example.invalid"] + args
            p.standardOutput = Pipe()
            p.standardError = Pipe()
            try p.run()
            p.waitUntilExit()
        }
        try git("init", "-q")
        try FileManager.default.copyItem(at: CommandRunner.repositoryRoot.appendingPathComponent("seeds/\(Self.first)"), to: corpus.appendingPathComponent(Self.first))
        try git("add", ".")
        try git("commit", "-q", "-m", "v1")
        try FileManager.default.copyItem(at: CommandRunner.repositoryRoot.appendingPathComponent("seeds/\(Self.second)"), to: corpus.appendingPathComponent(Self.second))
        try git("add", ".")
        try git("commit", "-q", "-m", "v2")
        let viaGit = try CommandRunner.run(["diff", "--stat", "--git", "HEAD~1", "HEAD", "--", corpus.path])
        let viaFolders = try CommandRunner.run(["diff", "--stat", try Self.corpus([Self.first], in: tmp).path, "seeds"])
        #expect(viaGit.status == 1, "\(viaGit.stderr)")
        #expect(viaGit.stdout == viaFolders.stdout)
    }
}
