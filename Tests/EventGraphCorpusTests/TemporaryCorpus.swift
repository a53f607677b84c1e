import Foundation

/// A folder of files made for one test, removed when the value goes away.
final class TemporaryCorpus {
    let root: String

    init(_ files: [String: [UInt8]]) throws {
        root = NSTemporaryDirectory() + "eventgraph-corpus-" + UUID().uuidString
        for (relative, bytes) in files {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw CocoaError(.fileWriteUnknown) }
        }
    }

    convenience init(text files: [String: String]) throws {
        try self.init(files.mapValues { Array($0.utf8) })
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    deinit { try? FileManager.default.removeItem(atPath: root) }
}
