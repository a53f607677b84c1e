import EventGraphCore
import Yams

/// Reads `.txt` and `.md` articles with an optional YAML front matter block:
///
///     ---
///     title: ...
///     url: ...
///     source: Mehr News Agency
///     published: 2023-06-21
///     license: CC BY 4.0
///     ---
///     Article text ...
///
/// The text after the closing `---` (or `...`) line is the article, byte for byte; evidence offsets
/// count from its first character.
public enum FrontMatterTextReader {
    public static func read(_ bytes: [UInt8], path: String, id: String, defaultPublished: CalendarDay?) throws(CorpusError) -> SourceDocument {
        let text = try TextDecoding.decode(bytes, path: path)
        var fields = ArticleFields()
        var body = Substring(text)
        if let block = try frontMatter(in: text, path: path) {
            fields = try parseFields(yaml: block.yaml, path: path, firstLine: 2)
            body = Substring(text.unicodeScalars[block.bodyStart...])
        }
        return try fields.makeDocument(id: id, path: path, text: String(body), defaultPublished: defaultPublished)
    }

    struct Block {
        var yaml: String
        var bodyStart: String.Index
    }

    /// The front matter block, if the text opens with a `---` line; throws when it is never closed.
    /// Works on scalars: a Swift `Character` joins "\r\n" into one, which would hide line ends.
    static func frontMatter(in text: String, path: String) throws(CorpusError) -> Block? {
        let scalars = text.unicodeScalars
        // Old Mac files end lines with CR alone; the opening line says which convention the file uses.
        let opening = scalars.prefix(5).map { $0 }
        let crOnly = opening.count == 5 && String(String.UnicodeScalarView(opening.prefix(3))) == "---" && opening[3] == "\r" && opening[4] != "\n"
        let terminator: Unicode.Scalar = crOnly ? "\r" : "\n"
        func lineEnd(from start: String.Index) -> String.Index {
            scalars[start...].firstIndex(of: terminator) ?? scalars.endIndex
        }
        func content(_ start: String.Index, _ end: String.Index) -> Substring.UnicodeScalarView {
            let line = scalars[start..<end]
            return line.last == "\r" ? line.dropLast() : line
        }
        let firstEnd = lineEnd(from: scalars.startIndex)
        guard firstEnd < scalars.endIndex, String(content(scalars.startIndex, firstEnd)) == "---" else { return nil }
        let yamlStart = scalars.index(after: firstEnd)
        var lineStart = yamlStart
        while lineStart < scalars.endIndex {
            let end = lineEnd(from: lineStart)
            let line = String(content(lineStart, end))
            if line == "---" || line == "..." {
                let bodyStart = end < scalars.endIndex ? scalars.index(after: end) : scalars.endIndex
                return Block(yaml: String(scalars[yamlStart..<lineStart]), bodyStart: bodyStart)
            }
            lineStart = end < scalars.endIndex ? scalars.index(after: end) : scalars.endIndex
        }
        throw .unclosedFrontMatter(SourceLocation(path: path))
    }

    static func parseFields(yaml: String, path: String, firstLine: Int) throws(CorpusError) -> ArticleFields {
        if let alias = YAMLAliasScanner.firstAlias(in: yaml) {
            throw .invalidFrontMatter(SourceLocation(path: path, line: alias.line + firstLine - 1, column: alias.column), problem: aliasProblem)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error, path: path, firstLine: firstLine)
        } catch {
            throw .invalidFrontMatter(SourceLocation(path: path, line: firstLine), problem: "\(error)")
        }
        guard let node else { return ArticleFields() }
        guard let mapping = node.mapping else {
            throw .frontMatterNotAMapping(location(of: node, path: path, firstLine: firstLine))
        }
        var fields = ArticleFields()
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else { continue }
            let at = location(of: valueNode, path: path, firstLine: firstLine)
            guard let field = ArticleFields.Field(frontMatterKey: key) else { continue }
            if case .scalar(let scalar) = valueNode {
                // An empty value (`title:`) or an explicit null means "not given".
                if scalar.string.isEmpty || (scalar.style == .plain && ["null", "~", "Null", "NULL"].contains(scalar.string)) { continue }
                try fields.set(field, scalar.string, at: at)
            } else {
                throw .wrongFieldType(at, field: key, expected: "a single value (text or date)")
            }
        }
        return fields
    }

    private static func location(of node: Node, path: String, firstLine: Int) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(path: path, line: firstLine) }
        return SourceLocation(path: path, line: mark.line + firstLine - 1, column: mark.column)
    }

    static let aliasProblem = "YAML aliases (*name) are not allowed here"

    static func yamlError(_ error: YamlError, path: String, firstLine: Int) -> CorpusError {
        switch error {
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the first occurrence and echoes the whole text; the line to fix is the
            // repeated one.
            let key = duplicates.first ?? "?"
            let first = context.mark.line
            let repeated = keyLines(key, in: context.text).first { $0 > first } ?? first
            return .invalidFrontMatter(
                SourceLocation(path: path, line: repeated + firstLine - 1), problem: "duplicate key '\(DisplayText.visible(key))' (first at line \(first + firstLine - 1))")
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return .invalidFrontMatter(SourceLocation(path: path, line: mark.line + firstLine - 1, column: mark.column), problem: what)
        case .composer(let context, let problem, let mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return .invalidFrontMatter(SourceLocation(path: path, line: mark.line + firstLine - 1, column: mark.column), problem: what)
        default:
            return .invalidFrontMatter(SourceLocation(path: path, line: firstLine), problem: "\(error)")
        }
    }
}

/// The metadata fields every format maps onto a `Document`.
struct ArticleFields {
    enum Field {
        case title, url, source, published, license

        init?(frontMatterKey key: String) {
            switch key.lowercased() {
            case "title": self = .title
            case "url", "link": self = .url
            case "source", "outlet", "publisher": self = .source
            case "published", "date", "date_publish", "datepublished": self = .published
            case "license", "licence": self = .license
            default: return nil
            }
        }
    }

    var title: String?
    var url: String?
    var source: String?
    var published: CalendarDay?
    var license: String?

    mutating func set(_ field: Field, _ value: String, at location: SourceLocation) throws(CorpusError) {
        let clean = value.trimmingWhitespace()
        switch field {
        case .title: title = clean
        case .url: url = clean
        case .source: source = clean
        case .license: license = clean
        case .published:
            guard let day = PublicationDate.parse(clean) else { throw .invalidDate(location, field: "published", value: value) }
            published = day
        }
    }

    func makeDocument(id: String, path: String, text: String, defaultPublished: CalendarDay?) throws(CorpusError) -> SourceDocument {
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { throw .emptyText(SourceLocation(path: path)) }
        let document = Document(
            id: id, path: path, url: url, title: title, source: source, published: published ?? defaultPublished,
            license: license, sha256: SHA256.hexDigest(of: text))
        return SourceDocument(document: document, text: text)
    }
}

extension FrontMatterTextReader {
    /// The 1-based lines on which `key:` opens a line (after indentation): where a repeated key is.
    static func keyLines(_ key: String, in yaml: String) -> [Int] {
        yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let trimmed = line.drop { $0 == " " }
            return trimmed.hasPrefix(key + ":") || trimmed.hasPrefix("\"\(key)\":") || trimmed.hasPrefix("'\(key)':") ? index + 1 : nil
        }
    }
}
