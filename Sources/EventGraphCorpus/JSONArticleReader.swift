import EventGraphCore

/// Reads `.json` (one article object, or an array of them) and `.jsonl` (one object per line) in the
/// shapes news scrapers write: news-please (`title`, `maintext`, `date_publish`, `url`,
/// `source_domain`) and the plain `text` / `published` / `source` / `license` fields.
///
/// Each record succeeds or fails alone: a truncated line in a JSONL file costs that line only.
public enum JSONArticleReader {
    /// Field names tried for the article text, in order.
    static let textFields = ["maintext", "text", "body", "content"]

    public static func read(
        _ bytes: [UInt8], path: String, id: String, lineDelimited: Bool, defaultPublished: CalendarDay?
    ) -> [Result<SourceDocument, CorpusError>] {
        let text: String
        do { text = try TextDecoding.decode(bytes, path: path) } catch { return [.failure(error)] }
        let utf8 = Array(text.utf8)
        if lineDelimited { return readLines(utf8, path: path, id: id, defaultPublished: defaultPublished) }
        do {
            let root = try JSONParser.parse(utf8)
            if case .array(let elements) = root.value {
                return elements.map { element in
                    Result { () throws(CorpusError) in
                        try record(element, path: path, id: "\(id):\(element.line)", defaultPublished: defaultPublished)
                    }
                }
            }
            return [Result { () throws(CorpusError) in try record(root, path: path, id: id, defaultPublished: defaultPublished) }]
        } catch {
            return [.failure(.invalidJSON(SourceLocation(path: path, line: error.line, column: error.column), problem: error.problem))]
        }
    }

    private static func readLines(_ utf8: [UInt8], path: String, id: String, defaultPublished: CalendarDay?) -> [Result<SourceDocument, CorpusError>] {
        var results: [Result<SourceDocument, CorpusError>] = []
        var lineNumber = 0
        var start = 0
        while start <= utf8.count {
            lineNumber += 1
            let end = utf8[start...].firstIndex(of: 0x0A) ?? utf8.count
            let line = Array(utf8[start..<end])
            if line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                do {
                    let node = try JSONParser.parse(line, firstLine: lineNumber)
                    results.append(Result { () throws(CorpusError) in
                        try record(node, path: path, id: "\(id):\(lineNumber)", defaultPublished: defaultPublished)
                    })
                } catch {
                    results.append(.failure(.invalidJSON(SourceLocation(path: path, line: error.line, column: error.column), problem: error.problem)))
                }
            }
            start = end + 1
        }
        return results
    }

    private static func record(_ node: JSONNode, path: String, id: String, defaultPublished: CalendarDay?) throws(CorpusError) -> SourceDocument {
        func at(_ n: JSONNode) -> SourceLocation { SourceLocation(path: path, line: n.line, column: n.column) }
        guard case .object = node.value else { throw .notAnArticleRecord(at(node)) }

        func string(_ key: String) throws(CorpusError) -> (String, SourceLocation)? {
            guard let value = node[key] else { return nil }
            switch value.value {
            case .null: return nil
            case .string(let s): return (s, at(value))
            default: throw .wrongFieldType(at(value), field: key, expected: "a string (found \(value.kindName))")
            }
        }

        var fields = ArticleFields()
        let keys: [(ArticleFields.Field, [String])] = [
            (.title, ["title", "headline"]),
            (.url, ["url"]),
            (.source, ["source", "source_domain", "publisher"]),
            (.published, ["published", "date_publish", "datePublished", "date"]),
            (.license, ["license", "licence"]),
        ]
        for (field, names) in keys {
            for name in names {
                if let (value, location) = try string(name), !value.isEmpty {
                    try fields.set(field, value, at: location)
                    break
                }
            }
        }
        for name in textFields {
            if let (text, location) = try string(name) {
                if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { throw .emptyText(location) }
                return try fields.makeDocument(id: id, path: path, text: text, defaultPublished: defaultPublished)
            }
        }
        throw .missingText(at(node), fields: textFields)
    }
}
