import ArgumentParser
import EventGraphCore

@main
struct EventGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eventgraph",
        abstract: "Turn a corpus of news articles into a typed knowledge graph of entities, dated events and relations.",
        version: ToolVersion.current,
        subcommands: [Build.self, Eval.self, Timex.self, TimelineCommand.self, Compare.self, Diff.self, Export.self, Extract.self, Merge.self, Parse.self, EvalSyntax.self]
    )

    static func main() {
        Interruption.install()
        StandardOutput.ignoreBrokenPipeSignal()
        main(nil)
    }
}
