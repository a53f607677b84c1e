import EventGraphExport
import Foundation

/// What an interrupted run does: SIGINT, SIGTERM and SIGHUP are taken by one thread that waits for
/// them, removes the temporary files being written and exits with 128 + the signal number. The
/// exports themselves are only ever replaced by rename, so they keep their previous bytes.
enum Interruption {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Call before any other thread starts: threads inherit the blocked signal mask, so the signals
    /// reach only the waiting thread.
    static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let blocked = set
        let waiter = Thread {
            var set = blocked
            var received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            TemporaryFiles.shared.removeAll()
            let message = "\neventgraph: interrupted (signal \(received)); files being written were removed, finished ones kept\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
            _exit(128 + received)
        }
        waiter.name = "eventgraph.signals"
        waiter.start()
    }
}
