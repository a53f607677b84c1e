import ArgumentParser
import EventGraphCore
import EventGraphExport
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a graph (or a corpus, built in memory) as GraphML, GEXF, JSON-LD or graph JSON.",
        discussion: "Written atomically with -o; to standard output otherwise."
    )

    @Argument(help: "GRAPH.json, or corpus files and folders.")
    var input: [String]

    @Option(help: "graphml, gexf, jsonld or json.")
    var format: String = "graphml"

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output file.")
    var output: String?

    @OptionGroup var reading: CorpusReadingOptions

    func validate() throws {
        guard ["graphml", "gexf", "jsonld", "json"].contains(format) else { throw ValidationError("--format must be graphml, gexf, jsonld or json") }
    }

    func run() throws {
        let loaded = try GraphInput.load(input, settings: .init(followSymlinks: reading.followSymlinks))
        let graph = loaded.graph
        let bytes: [UInt8]
        switch format {
        case "graphml": bytes = GraphML.encode(graph)
        case "gexf": bytes = GEXF.encode(graph)
        case "jsonld": bytes = JSONLD.encode(graph)
        default: bytes = GraphJSON.encode(graph)
        }
        if let output {
            do { try AtomicFile.write(bytes, to: output) } catch {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        } else {
            StandardOutput.write(bytes)
        }
        if loaded.hadReadErrors { throw ExitCode(1) }
    }
}
