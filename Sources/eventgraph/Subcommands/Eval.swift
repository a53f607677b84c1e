import ArgumentParser
import EventGraphCore
import EventGraphCorpus
import EventGraphEvaluation
import EventGraphExport
import EventGraphExtraction
import Foundation

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a graph against hand-made gold files: precision, recall and F1 per kind and document.",
        discussion: """
            INPUT is a graph JSON written by `eventgraph build`, or a corpus (files or folders), which is \
            then built in memory. Gold files follow Tests/Gold/README.md.
            """
    )

    @Option(help: "A folder of *.gold.json files, or one such file.")
    var gold: String

    @Argument(help: "GRAPH.json, or corpus files and folders.")
    var input: [String]

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print only the total per event and relation type (the JSON report always has it, as byType).")
    var byType = false

    @OptionGroup var extraction: ExtractionOptions

    @OptionGroup var reading: CorpusReadingOptions

    func run() throws {
        let goldFiles: [GoldFile]
        do { goldFiles = try GoldFile.load(path: gold) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let loaded = try GraphInput.load(
            input, settings: .init(defaultPublished: extraction.published, rulesDirectory: extraction.rules, followSymlinks: reading.followSymlinks))
        let graph = loaded.graph
        let report = Scorer().evaluate(graph: graph, gold: goldFiles)
        StandardOutput.write(json ? ReportFormatter.json(report) : (byType ? ReportFormatter.byType(report) : ReportFormatter.text(report)) + "\n")
        if loaded.hadReadErrors { throw ExitCode(1) }
    }
}
