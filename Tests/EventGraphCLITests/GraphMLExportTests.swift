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

/// GraphML and GEXF are one table written twice, and parallel edges survive Gephi's default import.
@Suite struct GephiImportTests {
    /// Two relation types and two speakers of one relation between the same two entities.
    static func parallelGraph() -> Graph {
        let evidence = Evidence(document: "a.txt", sentence: 0, start: 0, end: 6, byteStart: 0, byteEnd: 6, text: "hosted", sentenceText: "hosted", rule: "r", confidence: 1)
        let entities = [Entity(id: "organization:mko", type: .organization, name: "MKO", aliases: ["MEK"], mentions: [evidence]),
                        Entity(id: "place:albania", type: .place, name: "Albania", mentions: [evidence]),
                        Entity(id: "person:a", type: .person, name: "Speaker A", mentions: [evidence]),
                        Entity(id: "person:b", type: .person, name: "Speaker B", mentions: [evidence])]
        let relations = [
            Relation(type: "hosted-by", source: "organization:mko", target: "place:albania", evidence: [evidence]),
            Relation(type: "hosted-by", source: "organization:mko", target: "place:albania", by: "person:a", modality: .reported, evidence: [evidence]),
            Relation(type: "hosted-by", source: "organization:mko", target: "place:albania", by: "person:b", modality: .reported, evidence: [evidence]),
            Relation(type: "expelled-from", source: "organization:mko", target: "place:albania", evidence: [evidence]),
        ]
        return Graph(entities: entities, relations: relations)
    }

    static func imported(_ graph: Graph, in folder: URL) throws -> [String: [String: Any]] {
        let graphml = folder.appendingPathComponent("g.graphml"), gexf = folder.appendingPathComponent("g.gexf")
        try Data(GraphML.encode(graph)).write(to: graphml)
        try Data(GEXF.encode(graph)).write(to: gexf)
        let run = try CommandRunner.tool(["python3", CommandRunner.repositoryRoot.appendingPathComponent("Tests/Support/gephi_import.py").path, graphml.path, gexf.path])
        #expect(run.status == 0, "\(run.output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: [String: Any]])
    }

    @Test func parallelEdgesSurviveGephisDefaultGEXFImport() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try Self.imported(Self.parallelGraph(), in: folder)
        #expect(summary["gexf"]?["edges"] as? Int == 4)
        #expect(summary["gexf"]?["kept"] as? Int == 4, "Gephi would merge parallel GEXF edges")
        #expect(summary["gexf"]?["unique_ids"] as? Bool == true)
        let labels = (summary["gexf"]?["parallel_labels"] as? [[String]])?.first ?? []
        #expect(labels.sorted() == ["expelled-from", "hosted-by", "hosted-by · by Speaker A · reported", "hosted-by · by Speaker B · reported"])
        // GraphML has no edge type for Gephi: the README's Gephi section says to open the GEXF.
        #expect(summary["graphml"]?["edges"] as? Int == 4)
        #expect(summary["graphml"]?["kept"] as? Int == 1)
        let readme = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("Gephi merges parallel edges of a GraphML file"))
    }

    /// The test's model of Gephi is not blind: edges that share a kind are counted as merged.
    @Test func theImportModelMergesEdgesThatShareAKind() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gexf = folder.appendingPathComponent("g.gexf")
        let text = String(decoding: GEXF.encode(Self.parallelGraph()), as: UTF8.self)
        try Data(text.replacing(try Regex(#"kind="[^"]*""#), with: #"kind="same""#).utf8).write(to: gexf)
        try Data(GraphML.encode(Self.parallelGraph())).write(to: folder.appendingPathComponent("g.graphml"))
        let run = try CommandRunner.tool(["python3", CommandRunner.repositoryRoot.appendingPathComponent("Tests/Support/gephi_import.py").path,
                                          folder.appendingPathComponent("g.graphml").path, gexf.path])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: [String: Any]])
        #expect(summary["gexf"]?["kept"] as? Int == 1)
    }

    /// Every GraphML column is a GEXF column of the same name, and the labels are the same.
    @Test func gexfCarriesEveryGraphMLAttribute() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let graph = try GraphJSON.read(path: CommandRunner.repositoryRoot.appendingPathComponent("Exports/seed.graph.json").path)
        let summary = try Self.imported(graph, in: folder)
        let graphmlColumns = summary["graphml"]?["columns"] as? [String: [String]] ?? [:]
        let gexfColumns = summary["gexf"]?["columns"] as? [String: [String]] ?? [:]
        #expect(graphmlColumns["node"]?.isEmpty == false)
        #expect(graphmlColumns == gexfColumns)
        for column in ["aliases", "precision", "confidence", "earliest", "latest", "mentions"] { #expect(gexfColumns["node"]?.contains(column) == true, "\(column)") }
        #expect(gexfColumns["edge"]?.contains("rule") == true)
        #expect(summary["gexf"]?["kept"] as? Int == summary["gexf"]?["edges"] as? Int)
        // Events are labelled by who did what to whom, and when.
        let labels = summary["gexf"]?["node_labels"] as? [String: String] ?? [:]
        #expect(labels.values.contains("Albanian police raided Ashraf-3 camp (2023-06-20)"), "\(labels.values.sorted().prefix(40))")
    }
}
