import EventGraphCore
import Foundation

/// Why gold files could not be loaded.
public struct GoldError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int
    public var column: Int
    public var problem: String

    /// `path:line:col: error: problem`
    public var description: String { "\(DisplayText.diagnosticPath(path)):\(line):\(column): error: \(problem)" }
}

extension GoldFile {
    /// Every `*.gold.json` in a folder (sorted by name), or the one file given.
    public static func load(path: String) throws(GoldError) -> [GoldFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GoldError(path: path, line: 1, column: 1, problem: "no such file or folder")
        }
        var files = [path]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".gold.json") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            if files.isEmpty { throw GoldError(path: path, line: 1, column: 1, problem: "no *.gold.json files in this folder") }
        }
        var result: [GoldFile] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw GoldError(path: file, line: 1, column: 1, problem: "cannot read file")
            }
            do { _ = try JSONParser.parse([UInt8](data)) } catch {
                throw GoldError(path: file, line: error.line, column: error.column, problem: "invalid JSON: \(error.problem)")
            }
            do { result.append(try JSONDecoder().decode(GoldFile.self, from: data)) } catch {
                throw GoldError(path: file, line: 1, column: 1, problem: "not a gold file: \(error)")
            }
        }
        return result
    }
}
