import ArgumentParser

/// How every command that reads a corpus treats what it finds in the corpus folders.
struct CorpusReadingOptions: ParsableArguments {
    @Flag(help: "Follow symbolic links whose target lies outside the corpus folders given (by default they are skipped with a warning).")
    var followSymlinks = false
}
