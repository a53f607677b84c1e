import EventGraphCore
import EventGraphExport
import Foundation
import Testing

@Suite struct GraphMLExportTests {
    static func tool(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        try CommandRunner.tool(arguments, environment: environment)
    }

    static func validate(_ file: String) throws -> (status: Int32, output: String) {
        let schemas = CommandRunner.repositoryRoot.appendingPathComponent("Schemas/graphml")
        return try tool(["xmllint", "--nonet", "--noout", "--schema", schemas.appendingPathComponent("graphml.xsd").path, file],
                        environment: ["XML_CATALOG_FILES": schemas.appendingPathComponent("catalog.xml").path])
    }

    @Test func seedGraphMLIsValidAndReadByNetworkx() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("seed.graphml").path
        #expect(try CommandRunner.run(["export", "Exports/seed.graph.json", "--format", "graphml", "-o", file]).status == 0)
        let validation = try Self.validate(file)
        #expect(validation.status == 0, "\(validation.output)")
        let graph = try GraphJSON.read(path: CommandRunner.repositoryRoot.appendingPathComponent("Exports/seed.graph.json").path)
        let read = try Self.tool(["python3", CommandRunner.repositoryRoot.appendingPathComponent("Tests/Support/check_graphml.py").path, file])
        #expect(read.status == 0, "\(read.output)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(read.output.utf8)) as? [String: Any])
        let textNodes = Set(graph.relations.filter { $0.target == nil }.map { $0.label ?? "" }).count
        #expect(summary["nodes"] as? Int == graph.entities.count + graph.events.count + textNodes)
        #expect(summary["edges"] as? Int == graph.relations.count + graph.events.reduce(0) { $0 + $1.participants.count })
        #expect(summary["directed"] as? Bool == true)
        let nodeKeys = summary["node_keys"] as? [String] ?? []
        #expect(nodeKeys.contains("label") && nodeKeys.contains("earliest_day") && nodeKeys.contains("type"))
        #expect(!nodeKeys.contains { ["size", "color", "r", "g", "b", "x", "y", "z"].contains($0) })
        #expect((summary["labels"] as? [String])?.contains("Ashraf-3 camp") == true)
        // igraph reads the same graph.
        let igraph = summary["igraph"] as? [String: Any]
        #expect(igraph?["nodes"] as? Int == summary["nodes"] as? Int)
        #expect(igraph?["edges"] as? Int == summary["edges"] as? Int)
        #expect(igraph?["directed"] as? Bool == true)
        #expect(igraph?["labels"] as? [String] == summary["labels"] as? [String])
    }

    @Test func seedGEXFIsValidDynamicAndReadByNetworkx() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("seed.gexf").path
        #expect(try CommandRunner.run(["export", "Exports/seed.graph.json", "--format", "gexf", "-o", file]).status == 0)
        let rng = CommandRunner.repositoryRoot.appendingPathComponent("Schemas/gexf/gexf.rng").path
        let validation = try Self.tool(["xmllint", "--nonet", "--noout", "--relaxng", rng, file])
        #expect(validation.status == 0, "\(validation.output)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("mode=\"dynamic\"") && text.contains("timeformat=\"date\""))
        // The war of the 1980s as a full-date interval; no partial dates anywhere.
        #expect(text.contains("start=\"1980-01-01\" end=\"1989-12-31\""))
        #expect(!text.contains(try Regex(#"(start|end)="\d{4}(-\d{2})?""#)))
        let read = try Self.tool(["python3", "-c", "import networkx as nx, sys; g = nx.read_gexf(sys.argv[1]); print(g.number_of_nodes(), g.number_of_edges())", file])
        let graphml = folder.appendingPathComponent("seed.graphml").path
        #expect(try CommandRunner.run(["export", "Exports/seed.graph.json", "--format", "graphml", "-o", graphml]).status == 0)
        let readGraphML = try Self.tool(["python3", "-c", "import networkx as nx, sys; g = nx.read_graphml(sys.argv[1], force_multigraph=True); print(g.number_of_nodes(), g.number_of_edges())", graphml])
        #expect(read.status == 0, "\(read.output)")
        #expect(read.output == readGraphML.output)
    }

    @Test func seedJSONLDExpandsOfflineConformsAndAnswersWhoHostedTheMKO() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("seed.jsonld").path
        #expect(try CommandRunner.run(["export", "Exports/seed.graph.json", "--format", "jsonld", "-o", file]).status == 0)
        let root = CommandRunner.repositoryRoot
        let check = try Self.tool(["python3", root.appendingPathComponent("Tests/Support/check_jsonld.py").path, file,
                                   root.appendingPathComponent("Schemas/jsonld/eventgraph.shapes.ttl").path])
        #expect(check.status == 0, "\(check.output)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [String: Any])
        let hosts = summary["hosted_by"] as? [[Any]] ?? []
        #expect(hosts.contains { ($0[0] as? String) == "Albania" && ($0[1] as? String) == "2013" && ($0[2] as? String) == "asserted" })
        #expect(hosts.contains { ($0[0] as? String) == "Albania" && ($0[1] as? String) == "2016" && ($0[2] as? String) == "reported" })
        // The embedded context is the one published in Schemas/.
        let published = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("Schemas/jsonld/eventgraph.context.jsonld"))) as? [String: Any]
        let exported = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
        let same = NSDictionary(dictionary: published?["@context"] as? [String: Any] ?? [:]).isEqual(to: exported?["@context"] as? [String: Any] ?? ["x": 1])
        #expect(same)
    }

    /// Names with markup, quotes, control characters and any Unicode: the GraphML stays well-formed
    /// and valid, and the forbidden characters are dropped.
    @Test func hostileNamesNeverBreakTheXML() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var state: UInt64 = 7
        func next() -> UInt32 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt32(truncatingIfNeeded: state >> 33)
        }
        let pieces = ["<script>", "&amp;", "\"", "'", "]]>", "\u{0}", "\u{1}", "\u{B}", "\u{FFFE}", "\u{D7FF}", "\u{1F600}", "Manëz", "\u{202E}", "\t", "\r\n"]
        var entities: [Entity] = []
        for i in 0..<40 {
            var name = "N\(i) "
            for _ in 0..<5 {
                if next() % 3 == 0, let scalar = Unicode.Scalar(next() % 0x3000 + 1) { name.unicodeScalars.append(scalar) } else { name += pieces[Int(next()) % pieces.count] }
            }
            let evidence = Evidence(document: "d", sentence: 0, start: 0, end: 1, byteStart: 0, byteEnd: 1, text: name, sentenceText: name, rule: "t", confidence: 1)
            entities.append(Entity(id: "person:n\(i)", type: .person, name: name, aliases: [name + "\u{0}x"], mentions: [evidence]))
        }
        let relation = Relation(type: "cited-as", source: "person:n0", target: nil, label: "a <b> & \u{0}\"c\"", evidence: [entities[0].mentions[0]])
        let bytes = GraphML.encode(Graph(entities: entities, relations: [relation]))
        let file = folder.appendingPathComponent("hostile.graphml")
        try Data(bytes).write(to: file)
        let validation = try Self.validate(file.path)
        #expect(validation.status == 0, "\(validation.output)")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && ![0x9, 0xA, 0xD].contains($0.value) })
        #expect(text.contains("a &lt;b&gt; &amp; &quot;c&quot;"))

        // The same names through GEXF (valid) and JSON-LD, read back by networkx and rdflib.
        let graph = Graph(entities: entities, relations: [relation])
        let gexf = folder.appendingPathComponent("hostile.gexf")
        try Data(GEXF.encode(graph)).write(to: gexf)
        let rng = CommandRunner.repositoryRoot.appendingPathComponent("Schemas/gexf/gexf.rng").path
        let gexfValidation = try Self.tool(["xmllint", "--nonet", "--noout", "--relaxng", rng, gexf.path])
        #expect(gexfValidation.status == 0, "\(gexfValidation.output)")
        let jsonldFile = folder.appendingPathComponent("hostile.jsonld")
        try Data(JSONLD.encode(graph)).write(to: jsonldFile)
        let read = try Self.tool(["python3", CommandRunner.repositoryRoot.appendingPathComponent("Tests/Support/read_names.py").path, file.path, jsonldFile.path])
        #expect(read.status == 0, "\(read.output)")
        let names = try #require(try JSONSerialization.jsonObject(with: Data(read.output.utf8)) as? [String: [String]])
        // XML cannot carry some characters: they are dropped, the rest survives exactly.
        let xmlNames = entities.map { XMLSafe.clean($0.name) }
        #expect(names["graphml"]?.count == entities.count)
        #expect(Set(names["graphml"] ?? []) == Set(xmlNames))
        #expect(Set(names["jsonld"] ?? []) == Set(entities.map(\.name)))
    }
}
