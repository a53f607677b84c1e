import EventGraphCore
import EventGraphSyntax
import Foundation

extension Pipeline {
    /// What a fragment depends on besides its article: the tool version, every shipped resource of
    /// the extraction and the syntax models (rules, lexicons, frames, weights), and the user's
    /// rule files (`--rules`). Two builds with the same fingerprint extract the same fragment from
    /// the same document; a fragment store keeps fragments of one fingerprint only.
    public static func fingerprint(rulesDirectory: String?) -> String {
        var parts = ["eventgraph " + ToolVersion.current]
        for (label, folder) in [("extraction", ExtractionResources.root), ("syntax", SyntaxModels.resourceDirectory)] {
            for (relative, digest) in digests(under: folder) { parts.append("\(label)/\(relative) \(digest)") }
        }
        if let rulesDirectory {
            for (relative, digest) in digests(under: URL(fileURLWithPath: rulesDirectory, isDirectory: true)) { parts.append("rules/\(relative) \(digest)") }
        }
        return SHA256.hexDigest(of: parts.joined(separator: "\n"))
    }

    /// Every regular file below a folder, by relative path in byte order, with its SHA-256.
    static func digests(under folder: URL) -> [(String, String)] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [(String, String)] = []
        let prefix = folder.standardizedFileURL.path + "/"
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = FileManager.default.contents(atPath: url.path) else { continue }
            let path = url.standardizedFileURL.path
            files.append((path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.lastPathComponent, SHA256.hexDigest([UInt8](data))))
        }
        return files.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    }
}
