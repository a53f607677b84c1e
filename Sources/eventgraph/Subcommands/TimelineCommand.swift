import ArgumentParser
import EventGraphCore
import EventGraphExport
import Foundation

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Print a chronological timeline of a corpus or graph, precise about uncertain dates.",
        discussion: """
            Dated events and relations in time order (a decade before a year inside it, an interval by its \
            start), undated ones last with the date of the article that reports them. --entity matches any \
            name or alias ("MEK" finds the MKO). Colour only on a terminal, never with NO_COLOR set.
            """
    )

    @Argument(help: "GRAPH.json, or corpus files and folders.")
    var input: [String]

    @Option(help: "Only facts involving this entity (any of its names); repeatable.")
    var entity: [String] = []

    @Option(help: "Only these event or relation types, comma-separated.")
    var type: String?

    @Option(help: ArgumentHelp("Only facts that may fall on or after this day (open intervals reach into any range on their side).", valueName: "YYYY-MM-DD"))
    var from: CalendarDay?

    @Option(help: ArgumentHelp("Only facts that may fall on or before this day.", valueName: "YYYY-MM-DD"))
    var to: CalendarDay?

    @Option(help: "Only facts reported by this outlet (part of its name).")
    var source: String?

    @Flag(help: "Add each fact's sentences and articles.")
    var evidence = false

    @Option(help: "The format to write.")
    var format: TimelineFormat = .text

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @OptionGroup var reading: CorpusReadingOptions

    func run() throws {
        let loaded = try GraphInput.load(input, settings: .init(followSymlinks: reading.followSymlinks))
        let graph = loaded.graph
        let filter = Timeline.Filter(entities: entity, types: type.map { $0.split(separator: ",").map(String.init) } ?? [],
                                     from: from, to: to, source: source)
        let unknown = filter.unknownValues(in: graph)
        // A usage error, found once the graph is read: exit 64 like the others.
        for problem in unknown { Terminal.error("eventgraph: error: \(problem)") }
        if !unknown.isEmpty { throw ExitCode.validationFailure }
        let timeline = Timeline(graph: graph, filter: filter)
        let timelineFormat = format
        // Plain text with nothing to show says so on standard error rather than printing a blank
        // line; the structured formats still write their (empty) document.
        if timeline.dated.isEmpty, timeline.undated.isEmpty, timelineFormat == .text, output == nil {
            Terminal.error("eventgraph: no fact matches the filter")
            if loaded.hadReadErrors { throw ExitCode(1) }
            return
        }
        let toTerminal = output == nil && isatty(STDOUT_FILENO) != 0
        let color = toTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        var width = 0
        if toTerminal {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 { width = Int(size.ws_col) }
        }
        let text = TimelineRenderer.render(timeline, as: timelineFormat,
                                           options: .init(evidence: evidence, width: width, color: color))
        try StandardOutput.write(Array(text.utf8), orTo: output)
        if loaded.hadReadErrors { throw ExitCode(1) }
    }
}
