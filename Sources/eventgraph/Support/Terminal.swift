import ArgumentParser
import EventGraphCore
import EventGraphExport
import Foundation

/// Writing to standard error, and knowing whether a person is watching.
enum Terminal {
    static let isInteractive = isatty(STDERR_FILENO) != 0

    /// One diagnostic line. Whatever it quotes (file names, titles, article text) is shown with
    /// controls, newlines and bidi marks as visible escapes, so a line can neither forge another
    /// nor drive the terminal.
    static func error(_ line: String) {
        writeRaw(Array((DisplayText.visible(line) + "\n").utf8), to: STDERR_FILENO)
    }

    /// A progress line that overwrites itself; only on a terminal. The escape is our own; the text
    /// is made visible like any diagnostic.
    static func progress(_ line: String) {
        guard isInteractive else { return }
        writeRaw(Array(("\r\u{1B}[K" + DisplayText.visible(line)).utf8), to: STDERR_FILENO)
    }

    static func clearProgress() {
        guard isInteractive else { return }
        writeRaw(Array("\r\u{1B}[K".utf8), to: STDERR_FILENO)
    }

    /// Writes all of `bytes`; false (with errno set) when the descriptor refused them.
    @discardableResult
    static func writeRaw(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}

/// Standard output for the commands that print their result there. A reader that went away
/// (EPIPE: `eventgraph timeline | head`) ends the command quietly, as other tools do (status 141,
/// what a shell shows for SIGPIPE); any other failure (a full disk, `> /dev/full`) is reported as
/// `eventgraph: cannot write to standard output: ...` with status 2.
enum StandardOutput {
    /// Set once at start-up, so that EPIPE arrives as an error instead of killing the process.
    static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    static func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if Terminal.writeRaw(bytes, to: STDOUT_FILENO) { return }
        let code = errno
        if code == EPIPE { exit(141) }
        Terminal.error("eventgraph: cannot write to standard output: \(String(cString: strerror(code)))")
        exit(2)
    }

    static func write(_ text: String) { write(Array(text.utf8)) }

    /// A command's result: to the `-o` file (atomically; a failure is reported and exits 2), or to
    /// standard output when there is none.
    static func write(_ bytes: [UInt8], orTo path: String?) throws {
        guard let path else { return write(bytes) }
        do { try AtomicFile.write(bytes, to: path) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}
