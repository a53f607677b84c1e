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
            body = text[block.bodyStart...]
        }
        return try fields.makeDocument(id: id, path: path, text: String(body), defaultPublished: defaultPublished)
    }

    struct Block {
        var yaml: String
        var bodyStart: String.Index
    }

    /// The front matter block, if the text opens with a `---` line; throws when it is never closed.
    static func frontMatter(in text: String, path: String) throws(CorpusError) -> Block? {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return nil }
        var lineStart = text.index(after: text.firstIndex(of: "\n")!)
        let yamlStart = lineStart
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[lineStart..<lineEnd]
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed == "---" || trimmed == "..." {
                let bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
                return Block(yaml: String(text[yamlStart..<lineStart]), bodyStart: bodyStart)
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        throw .unclosedFrontMatter(SourceLocation(path: path))
    }

    static func parseFields(yaml: String, path: String, firstLine: Int) throws(CorpusError) -> ArticleFields {
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

    private static func yamlError(_ error: YamlError, path: String, firstLine: Int) -> CorpusError {
        switch error {
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
