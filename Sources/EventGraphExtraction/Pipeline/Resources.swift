import EventGraphCore
import EventGraphSyntax
import Foundation

/// Errors loading the extraction's own resource files: a broken resource is a bug in the
/// package, reported with the file and line like any other input.
public enum ResourceError: Error, Hashable, Sendable, CustomStringConvertible {
    case missing(file: String)
    case malformed(file: String, line: Int, column: Int, problem: String)
    /// A syntax model file that is missing, truncated, damaged or of another format.
    case model(SyntaxError)

    public var description: String {
        switch self {
        case .model(let error): return error.description
        case .missing(let file): return "\(file):1:1: error: resource file is missing from the package"
        case .malformed(let file, let line, let column, let problem): return "\(DisplayText.diagnosticPath(file)):\(line):\(column): error: \(problem)"
        }
    }
}

/// Reads the files under `Resources/` of this target.
public enum ExtractionResources {
    /// The resource root inside the target's bundle.
    static var root: URL {
        Bundle.module.bundleURL.appendingPathComponent("Resources", isDirectory: true)
    }

    /// The text of `Resources/<relativePath>`.
    public static func text(_ relativePath: String) throws(ResourceError) -> String {
        let url = root.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .missing(file: "Resources/" + relativePath) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The raw bytes of `Resources/<relativePath>` (JSON resources are decoded by the caller).
    public static func data(_ relativePath: String) throws(ResourceError) -> Data {
        let url = root.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .missing(file: "Resources/" + relativePath) }
        return data
    }

    /// Non-empty, non-comment lines with their 1-based line numbers. `#` starts a comment line.
    /// Split on bytes: splitting a `String` walks grapheme clusters, which made loading the
    /// lexicons a fifth of a small build.
    public static func lines(_ relativePath: String) throws(ResourceError) -> [(line: Int, text: String)] {
        let bytes = [UInt8](try data(relativePath))
        var result: [(line: Int, text: String)] = []
        var start = 0, number = 1
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var last = end
            if last > start, bytes[last - 1] == 0x0D { last -= 1 }
            let line = bytes[start..<last]
            let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if !blank, line.first != UInt8(ascii: "#") {
                result.append((number, String(decoding: line, as: UTF8.self)))
            }
            if end == bytes.count { break }
            start = end + 1
            number += 1
        }
        return result
    }

    /// Rows of a tab-separated file whose first non-comment line is the header.
    public static func table(_ relativePath: String, columns: [String]) throws(ResourceError) -> [(line: Int, fields: [String: String])] {
        var rows = try lines(relativePath)
        guard !rows.isEmpty else { return [] }
        let header = rows.removeFirst()
        let names = header.text.split(separator: "\t").map(String.init)
        guard names == columns else {
            throw .malformed(file: "Resources/" + relativePath, line: header.line, column: 1,
                             problem: "expected columns \(columns.joined(separator: ", ")), found \(names.joined(separator: ", "))")
        }
        var result: [(line: Int, fields: [String: String])] = []
        for row in rows {
            let values = row.text.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard values.count == names.count else {
                throw .malformed(file: "Resources/" + relativePath, line: row.line, column: 1,
                                 problem: "expected \(names.count) tab-separated fields, found \(values.count)")
            }
            result.append((row.line, Dictionary(uniqueKeysWithValues: zip(names, values))))
        }
        return result
    }
}
