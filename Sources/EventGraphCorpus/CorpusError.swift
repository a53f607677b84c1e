import EventGraphCore

/// A place in an input file: 1-based line, and 1-based column counted in Unicode scalars.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:col`, the path shown with `DisplayText.diagnosticPath` (no controls, no colons
    /// that could pass for a location).
    public var description: String { "\(DisplayText.diagnosticPath(path)):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

/// Why an input could not be read. Each error names the file, line and column; the rest of the
/// corpus is read regardless.
public enum CorpusError: Error, Hashable, Sendable, CustomStringConvertible {
    case notFound(SourceLocation)
    case unreadable(SourceLocation, reason: String)
    case unsupportedFile(SourceLocation, fileExtension: String)
    case emptyFile(SourceLocation)
    case binaryFile(SourceLocation)
    case invalidUTF8(SourceLocation)
    case unclosedFrontMatter(SourceLocation)
    case invalidFrontMatter(SourceLocation, problem: String)
    case frontMatterNotAMapping(SourceLocation)
    case wrongFieldType(SourceLocation, field: String, expected: String)
    case invalidDate(SourceLocation, field: String, value: String)
    case invalidJSON(SourceLocation, problem: String)
    case notAnArticleRecord(SourceLocation)
    case missingText(SourceLocation, fields: [String])
    case emptyText(SourceLocation)
    case duplicateDocumentID(SourceLocation, id: String, firstPath: String)
    case invalidTimeML(SourceLocation, problem: String)
    case invalidYAML(SourceLocation, problem: String)
    /// A FIFO, socket or device: reading it could block forever or never end.
    case notARegularFile(SourceLocation, kind: String)
    case fileTooLarge(SourceLocation, bytes: Int, limit: Int)
    /// A name in a folder that is not valid UTF-8: shown with its bad bytes escaped, not read.
    case invalidFileName(SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .notFound(let l), .unreadable(let l, _), .unsupportedFile(let l, _), .emptyFile(let l), .binaryFile(let l),
             .invalidUTF8(let l), .unclosedFrontMatter(let l), .invalidFrontMatter(let l, _), .frontMatterNotAMapping(let l),
             .wrongFieldType(let l, _, _), .invalidDate(let l, _, _), .invalidJSON(let l, _), .notAnArticleRecord(let l),
             .missingText(let l, _), .emptyText(let l), .duplicateDocumentID(let l, _, _), .invalidTimeML(let l, _), .invalidYAML(let l, _),
             .notARegularFile(let l, _), .fileTooLarge(let l, _, _), .invalidFileName(let l):
            return l
        }
    }

    public var message: String {
        switch self {
        case .notFound: return "no such file or folder"
        case .unreadable(_, let reason): return "cannot read file: \(reason)"
        case .unsupportedFile(_, let ext):
            return "unsupported file type '\(ext)' (expected .txt, .md, .json, .jsonl, .html or .htm)"
        case .emptyFile: return "file is empty"
        case .binaryFile: return "binary data (NUL byte) in a text file"
        case .invalidUTF8: return "invalid UTF-8"
        case .unclosedFrontMatter: return "front matter opened with '---' is never closed (expected a line '---' or '...')"
        case .invalidFrontMatter(_, let problem): return "invalid YAML front matter: \(problem)"
        case .frontMatterNotAMapping: return "front matter must be a mapping of fields (title, url, source, published, license)"
        case .wrongFieldType(_, let field, let expected): return "field '\(field)' must be \(expected)"
        case .invalidDate(_, let field, let value): return "field '\(field)' is not a valid date: '\(value)' (expected a date such as 2023-06-20, 2023-06-20T10:00:00Z, Tue, 20 Jun 2023 10:00:00 GMT or June 20, 2023)"
        case .invalidJSON(_, let problem): return "invalid JSON: \(problem)"
        case .notAnArticleRecord: return "expected a JSON object (an article record)"
        case .missingText(_, let fields): return "article record has no text (looked for \(fields.map { "'\($0)'" }.joined(separator: ", ")))"
        case .emptyText: return "article has no text"
        case .duplicateDocumentID(_, let id, let firstPath): return "duplicate document id '\(id)' (already read from \(firstPath))"
        case .invalidTimeML(_, let problem): return "invalid TimeML: \(problem)"
        case .invalidYAML(_, let problem): return "invalid YAML: \(problem)"
        case .notARegularFile(_, let kind): return "not a regular file (\(kind)); skipped"
        case .fileTooLarge(_, let bytes, let limit): return "file is \(bytes) bytes, over the limit of \(limit) (raise it with --max-file-bytes)"
        case .invalidFileName: return "file name is not valid UTF-8; not read (rename it)"
        }
    }

    /// `path:line:col: error: message`
    public var description: String { "\(location): error: \(message)" }
}

/// Something worth knowing about an input that was still read.
public enum CorpusWarning: Hashable, Sendable, CustomStringConvertible {
    case noPublicationDate(SourceLocation)
    /// A symbolic link in a corpus folder whose target lies outside every corpus root.
    case symlinkOutsideCorpus(SourceLocation, target: String)
    /// A date in the article's metadata that no known form reads; the article is read without it.
    case unreadableDate(SourceLocation, field: String, value: String)
    /// An entity override that did nothing, or contradicts another.
    case override(SourceLocation, message: String)

    public var location: SourceLocation {
        switch self {
        case .noPublicationDate(let l), .symlinkOutsideCorpus(let l, _), .unreadableDate(let l, _, _), .override(let l, _): return l
        }
    }

    public var message: String {
        switch self {
        case .noPublicationDate: return "no publication date; relative dates stay unresolved (set one with --published YYYY-MM-DD)"
        case .symlinkOutsideCorpus(_, let target):
            return "symbolic link to \(DisplayText.visible(target)), outside the corpus; skipped (use --follow-symlinks to read it)"
        case .unreadableDate(_, let field, let value):
            return "\(field) '\(DisplayText.visible(value))' is not a date in a known form; read without a publication date from it"
        case .override(_, let message): return message
        }
    }

    /// `path:line:col: warning: message`
    public var description: String { "\(location): warning: \(message)" }
}

extension CorpusWarning {
    /// The warnings for overrides that did nothing in this graph, at their lines.
    public static func overrides(_ warnings: [OverrideWarning]) -> [CorpusWarning] {
        warnings.map { .override(SourceLocation(path: $0.file ?? OverridesReader.defaultFileName, line: $0.line), message: $0.message) }
    }
}
