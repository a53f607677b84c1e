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

    @Option(help: ArgumentHelp("A folder with extra rule files (timex/rules.json), applied after the shipped rules.", valueName: "DIR"))
    var rules: String?

    @Option(help: ArgumentHelp("Publication date for articles that have none (when INPUT is a corpus).", valueName: "YYYY-MM-DD"))
    var published: String?

    func run() throws {
        let goldFiles: [GoldFile]
        do { goldFiles = try GoldFile.load(path: gold) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let graph: Graph
        if input.count == 1, input[0].hasSuffix(".json"), (try? isGraphJSON(input[0])) == true {
            do { graph = try GraphJSON.read(path: input[0]) } catch {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        } else {
            let outcome: CorpusBuild.Outcome
            do {
                outcome = try CorpusBuild(paths: input, defaultPublished: published.flatMap { CalendarDay(iso: $0) }, rulesDirectory: rules)
                    .runReportingSetup()
            } catch let failure as CorpusBuild.SetupFailure {
                Terminal.error(failure.description)
                throw ExitCode(2)
            }
            for error in outcome.errors { Terminal.error(error.description) }
            graph = outcome.graph
        }
        let report = Scorer().evaluate(graph: graph, gold: goldFiles)
        StandardOutput.write(json ? ReportFormatter.json(report) : ReportFormatter.text(report) + "\n")
    }

    /// A `.json` file is a graph when it opens with the `documents` key (keys are sorted, so it is the
    /// first); otherwise it is an article.
    private func isGraphJSON(_ path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }  // let the reader report it
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
        return head.prefix(200).contains("\"documents\"")
    }
}
