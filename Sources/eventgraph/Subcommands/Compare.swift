import ArgumentParser
import EventGraphCore
import EventGraphExport
import Foundation

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare how outlets and speakers characterize the entities of a corpus or graph.",
        discussion: """
            For each entity, every label it is cited as ("terrorist cult", "dissident group"), grouped by the \
            outlet that printed it (--by source), the outlet's owner (--by owner) or the speaker quoted \
            (--by speaker), with how many times, in how many articles and between which dates. Outlets come \
            from each article's source field, JSON source_domain or URL host through the outlet table \
            (--outlets adds rows to the shipped one). --entity matches any name, alias or id.
            """
    )

    @Argument(help: "GRAPH.json, or corpus files and folders.")
    var input: [String]

    @Option(help: "Group by the outlet (source), its owner, or the speaker quoted.")
    var by: SourceComparison.Grouping = .source

    @Option(help: "Only this entity (any of its names) and the facts it takes part in; repeatable.")
    var entity: [String] = []

    @Option(help: "Only events of this type in coverage, disagreements and attributions (no relations); repeatable.")
    var event: [String] = []

    @Option(help: ArgumentHelp("Only facts that may fall on or after this day; undated facts and labels by their article's date.", valueName: "YYYY-MM-DD"))
    var from: CalendarDay?

    @Option(help: ArgumentHelp("Only facts that may fall on or before this day.", valueName: "YYYY-MM-DD"))
    var to: CalendarDay?

    @Option(help: ArgumentHelp("An outlet table (TSV: outlet, owner, country, hosts, aliases) whose rows go over the shipped ones.", valueName: "FILE"))
    var outlets: String?

    @Flag(help: "Add the sentences behind every line (text and markdown; json and html always have them).")
    var evidence = false

    @Option(help: "The format to write.")
    var format: ComparisonFormat = .text

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @OptionGroup var reading: CorpusReadingOptions

    func run() throws {
        let table = try outletTable()
        let loaded = try GraphInput.load(input, settings: .init(followSymlinks: reading.followSymlinks))
        let filter = SourceComparison.Filter(entities: entity, eventTypes: event, from: from, to: to)
        let unknown = filter.unknownValues(in: loaded.graph)
        for problem in unknown { Terminal.error("eventgraph: error: \(problem)") }
        if !unknown.isEmpty { throw ExitCode.validationFailure }
        let comparison = SourceComparison(graph: loaded.graph, grouping: by, outlets: table, filter: filter)
        try StandardOutput.write(comparison.rendered(format, evidence: evidence), orTo: output)
        if loaded.hadReadErrors { throw ExitCode(1) }
    }

    private func outletTable() throws -> OutletTable {
        do {
            let shipped = try OutletTable.shipped()
            guard let outlets else { return shipped }
            return shipped.overridden(by: try OutletTable.read(path: outlets))
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}

/// `--by` and `--format` of `compare`: the comparison's own cases.
extension SourceComparison.Grouping: ExpressibleByArgument {}
extension ComparisonFormat: ExpressibleByArgument {}
