import Foundation

/// Writing to standard error, and knowing whether a person is watching.
enum Terminal {
    static let isInteractive = isatty(STDERR_FILENO) != 0

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// A progress line that overwrites itself; only on a terminal.
    static func progress(_ line: String) {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    static func clearProgress() {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
