import ArgumentParser
import EventGraphCore
import EventGraphExport
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a graph (or a corpus, built in memory) as GraphML, GEXF, JSON-LD, graph JSON or an HTML page.",
        discussion: "Written atomically with -o; to standard output otherwise."
    )

    @Argument(help: "GRAPH.json, or corpus files and folders.")
    var input: [String]

    @Option(help: "The format to write.")
    var format: ExportFormat = .graphml

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output file.")
    var output: String?

    @Option(help: "The title of the graph page (--format html).")
    var title = ExportOptions().title

    @OptionGroup var iri: IRIOptions

    @OptionGroup var reading: CorpusReadingOptions

    func run() throws {
        let loaded = try GraphInput.load(input, settings: .init(followSymlinks: reading.followSymlinks))
        let graph = loaded.graph
        var chosen = iri.exportOptions
        chosen.title = title
        let options = chosen
        let format = format
        if let output {
            do { try AtomicFile.writeAll([(output, { @Sendable emit in try format.exporter.write(graph, options: options, to: emit) })]) } catch {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        } else {
            try format.exporter.write(graph, options: options) { StandardOutput.write($0) }
        }
        if loaded.hadReadErrors { throw ExitCode(1) }
    }
}
