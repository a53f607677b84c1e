import EventGraphCore
import ArgumentParser
import EventGraphSyntax
import Foundation

/// How every command that reads a corpus treats what it finds in the corpus folders.
struct CorpusReadingOptions: ParsableArguments {
    @Flag(help: "Follow symbolic links whose target lies outside the corpus folders given (by default they are skipped with a warning).")
    var followSymlinks = false
}

/// `-o PREFIX` names files (`PREFIX.graph.json`, ...): a folder there would give hidden files
/// (`dir/.graph.json`), so it is refused with a hint.
func validateOutputPrefix(_ prefix: String?) throws {
    guard let prefix else { return }
    var isDirectory: ObjCBool = false
    if prefix.isEmpty || prefix.hasSuffix("/") || (FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory) && isDirectory.boolValue) {
        throw ValidationError("-o takes a prefix for the files to write, not a folder: give FOLDER/NAME (writes FOLDER/NAME.graph.json, ...), got '\(DisplayText.visible(prefix))'")
    }
}

/// The syntax models a command uses: the shipped ones, or `--models DIR`.
struct SyntaxModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A folder with tagger.egm and parser.egm to use instead of the shipped models.", valueName: "DIR"))
    var models: String?

    /// The models, or the located error (exit 2) before any input is read.
    func load() throws -> SyntaxModels {
        do { return try SyntaxModels.load(from: models) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}
