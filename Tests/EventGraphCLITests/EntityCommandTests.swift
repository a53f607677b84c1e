import EventGraphCore
import EventGraphExport
import Foundation
import Testing

@Suite struct EntityCommandTests {
    @Test func seedsGiveOneNodePerRealWorldEntity() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try CommandRunner.run(["build", "seeds", "-o", out.appendingPathComponent("seed").path]).status == 0)
        let graph = try GraphJSON.read(path: out.appendingPathComponent("seed.graph.json").path)
        func nodes(named name: String) -> [Entity] { graph.entities.filter { $0.allNames.contains(name) } }
        for (variants, type) in [(["Ashraf-3 camp", "Ashraf 3 camp"], EntityType.facility),
                                 (["MKO", "MEK", "Mujahedin-e-Khalq Organization"], .organization),
                                 (["Albanian police"], .organization)] {
            let found = Set(variants.flatMap { nodes(named: $0).map(\.id) })
            #expect(found.count == 1, "\(variants) → \(found)")
            let id = try #require(found.first)
            let entity = try #require(graph.entity(id: id))
            #expect(entity.type == type)
            #expect(Set(entity.mentions.map(\.document)) == ["000-mko-albania-raid.txt", "001-albanian-police-re-enter-mko-camp.txt"])
        }
        // Mentions carry their evidence: the span's text is the text between the offsets.
        for entity in graph.entities {
            for mention in entity.mentions {
                #expect(!mention.rule.isEmpty && mention.confidence > 0)
                #expect(mention.sentenceText.contains(mention.text))
            }
        }
    }

    @Test func overridesFileInTheCorpusFolderIsApplied() throws {
        let out = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let corpus = out.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("---\npublished: 2024-03-02\n---\nThe Oromo Liberation Front (OLF) met Kenyan police in Nairobi.".utf8)
            .write(to: corpus.appendingPathComponent("a.txt"))
        try Data("ignore:\n  - Nairobi\ntypes:\n  OLF: place\naliases:\n  Shene: OLF\n".utf8).write(to: corpus.appendingPathComponent("eventgraph.overrides.yaml"))
        let result = try CommandRunner.run(["build", corpus.path, "-o", out.appendingPathComponent("g").path])
        #expect(result.status == 0, "\(result.stderr)")
        let graph = try GraphJSON.read(path: out.appendingPathComponent("g.graph.json").path)
        #expect(graph.entities.map(\.id) == ["organization:kenyan-police", "place:oromo-liberation-front"])
        #expect(graph.entities.last?.aliases == ["OLF", "Shene"])

        try Data("types:\n  OLF: planet\n".utf8).write(to: corpus.appendingPathComponent("eventgraph.overrides.yaml"))
        let broken = try CommandRunner.run(["build", corpus.path, "-o", out.appendingPathComponent("g2").path])
        #expect(broken.status == 2)
        #expect(broken.stderr == "\(corpus.path)/eventgraph.overrides.yaml:2:8: error: field 'types' must be person, organization, place or facility\n")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("g2.graph.json").path))
    }
}
