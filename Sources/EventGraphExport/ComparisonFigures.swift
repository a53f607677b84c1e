import EventGraphCore
import Foundation

/// A figure table that cannot be read: a bug in the package, reported like any input's.
enum FigureTableError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(path: String)
    case malformedRow(path: String, line: Int, column: Int, problem: String)

    /// `path:line:col: error: message`
    var description: String {
        switch self {
        case .unreadable(let path): return "\(DisplayText.diagnosticPath(path)):1:1: error: cannot read the figure table"
        case .malformedRow(let path, let line, let column, let problem):
            return "\(DisplayText.diagnosticPath(path)):\(line):\(column): error: figure table: \(DisplayText.visible(problem))"
        }
    }
}

/// How many an outlet says a fact is about ("at least one", "12", "dozens"), from the words
/// around the fact's word in each sentence that tells it, by the table `Resources/figures.tsv`:
/// so that coverage shows one outlet's "two protesters were killed" beside another's "no
/// protesters were killed".
struct FigureFinder: Sendable {
    enum Kind: String, Sendable { case number, qualifier, unit, month, `break` }

    /// Lower-cased word (or words, for a qualifier) → kind.
    let words: [String: Kind]
    /// The longest qualifier, in words.
    let longestQualifier: Int

    static let wordsBefore = 6
    static let wordsAfter = 5

    /// The shipped table; an unreadable one finds nothing (its test fails).
    static let shipped: FigureFinder = (try? FigureFinder(rows: rows())) ?? FigureFinder(words: [:], longestQualifier: 0)

    init(words: [String: Kind], longestQualifier: Int) {
        self.words = words
        self.longestQualifier = longestQualifier
    }

    static let columns = ["word", "kind", "example", "trigger", "expect"]
    static let resource = "Resources/figures.tsv"

    /// The table's words from its rows; a kind the finder does not know is refused at its field.
    init(rows: [TabSeparatedTable.Row], path: String = resource) throws(FigureTableError) {
        var words: [String: Kind] = [:]
        for row in rows {
            guard let kind = Kind(rawValue: row["kind"]) else {
                throw .malformedRow(path: path, line: row.line, column: row.column(of: "kind"), problem: "unknown kind \"\(row["kind"])\", expected number, qualifier, unit, month or break")
            }
            guard !row["word"].isEmpty else { throw .malformedRow(path: path, line: row.line, column: 1, problem: "a row without a word") }
            words[row["word"].lowercased()] = kind
        }
        self.init(words: words, longestQualifier: words.filter { $0.value == .qualifier }.map { $0.key.split(separator: " ").count }.max() ?? 0)
    }

    /// The shipped table's rows.
    static func rows() throws(FigureTableError) -> [TabSeparatedTable.Row] {
        let url = Bundle.module.bundleURL.appendingPathComponent(resource)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: resource)
        }
        return try rows(of: text, path: resource)
    }

    /// A figure table's rows from its text.
    static func rows(of text: String, path: String) throws(FigureTableError) -> [TabSeparatedTable.Row] {
        do {
            return try TabSeparatedTable(text, columns: columns).rows
        } catch {
            throw .malformedRow(path: path, line: error.line, column: error.column, problem: error.message)
        }
    }

    /// A sentence's words, lower-cased, with clause breaks as empty words.
    static func words(_ text: Substring) -> [String] {
        var out: [String] = []
        var current = ""
        func flush() { if !current.isEmpty { out.append(current.lowercased()); current = "" } }
        for character in text {
            if character.isLetter || character.isNumber || ((character == "," || character == ".") && current.last?.isNumber == true) {
                current.append(character)
            } else {
                // "3,000" keeps its comma; a comma after a word breaks the clause.
                flush()
                if [",", ";", ":", ".", "!", "?", "(", ")", "—", "–"].contains(character) { out.append("") }
            }
        }
        flush()
        // A number's trailing comma or period ("12," "3.") belongs to the clause, not the number.
        return out.flatMap { word -> [String] in
            if let last = word.last, last == "," || last == "." { return [String(word.dropLast()), ""] }
            return [word]
        }
    }

    /// The figure nearest to the span `trigger` (scalar offsets into `sentence`), nil when none.
    func figure(in sentence: String, trigger: Range<Int>) -> String? {
        let scalars = sentence.unicodeScalars
        guard trigger.lowerBound >= 0, trigger.upperBound <= scalars.count else { return nil }
        let start = scalars.index(scalars.startIndex, offsetBy: trigger.lowerBound)
        let end = scalars.index(scalars.startIndex, offsetBy: trigger.upperBound)
        let endsClause = { (word: String) in word.isEmpty || self.words[word] == .break }
        let before = Array(Self.words(sentence[..<start]).reversed().prefix { !endsClause($0) }.prefix(Self.wordsBefore).reversed())
        let after = Array(Self.words(sentence[end...]).prefix { !endsClause($0) }.prefix(Self.wordsAfter))
        // Nearest first, before the word winning a tie ("two people were killed").
        let candidates = (0..<max(before.count, after.count)).flatMap { distance -> [([String], Int)] in
            (distance < before.count ? [(before, before.count - 1 - distance)] : []) + (distance < after.count ? [(after, distance)] : [])
        }
        for (words, index) in candidates where isCount(words, at: index) {
            return qualifier(words, before: index).map { $0 + " " + words[index] } ?? words[index]
        }
        return nil
    }

    func isCount(_ words: [String], at index: Int) -> Bool {
        let word = words[index]
        let next = index + 1 < words.count ? words[index + 1] : ""
        if words.indices.contains(index - 1), self.words[words[index - 1]] == .month { return false }
        if self.words[next] == .unit { return false }
        if self.words[word] == .number { return true }
        guard word.first?.isNumber == true, word.allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }) else { return false }
        if word.count == 4, let year = Int(word), (1800...2199).contains(year) { return false }
        return true
    }

    /// The qualifier just before a count ("at least", "some"), longest first.
    func qualifier(_ words: [String], before index: Int) -> String? {
        for length in stride(from: min(longestQualifier, index), through: 1, by: -1) {
            let phrase = words[(index - length)..<index].joined(separator: " ")
            if self.words[phrase] == .qualifier { return phrase }
        }
        return nil
    }

    /// The figures a fact's evidence gives, once each, in document and sentence order.
    func figures(_ evidence: [Evidence]) -> [String] {
        var seen: [String] = []
        for passage in Passage.of(evidence.filter(\.statesTheFact)) {
            var offset = 0
            let sentence = passage.text
            for segment in passage.segments {
                let length = segment.text.unicodeScalars.count
                if segment.marked, let figure = figure(in: sentence, trigger: offset..<(offset + length)), !seen.contains(figure) { seen.append(figure) }
                offset += length
            }
        }
        return seen
    }
}
