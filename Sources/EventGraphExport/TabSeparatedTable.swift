import Foundation

/// The shape of the export's user-editable and shipped tables (`outlets.tsv`, `figures.tsv`):
/// `#` comment lines and blank lines are skipped, the first other line names the columns, and
/// every row after it has exactly that many tab-separated fields, each trimmed of spaces.
struct TabSeparatedTable {
    /// One row as read, with where each field starts, so that a table's own checks can point at
    /// the field they refuse.
    struct Row {
        /// 1-based line number in the file.
        let line: Int
        let fields: [String]
        /// 1-based column where each field starts, in characters.
        let columns: [Int]
        /// The table's header, shared by its rows (an array, so not copied per row).
        let header: [String]

        /// The field under a header column; empty for a column the header does not have.
        subscript(column: String) -> String { header.firstIndex(of: column).map { fields[$0] } ?? "" }

        /// The 1-based column where a header column's field starts.
        func column(of name: String) -> Int { header.firstIndex(of: name).map { columns[$0] } ?? 1 }
    }

    /// Where and why a table's text cannot be read; the caller names the file and the table.
    struct Problem: Error, Equatable {
        let line: Int
        let column: Int
        let message: String
    }

    let rows: [Row]

    /// Reads a table whose header must be exactly `columns`.
    init(_ text: String, columns: [String]) throws(Problem) {
        var rows: [Row] = []
        var sawHeader = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.hasSuffix("\r") ? line.dropLast() : line
            if content.allSatisfy({ $0 == " " || $0 == "\t" }) || content.hasPrefix("#") { continue }
            let (fields, starts) = Self.fields(of: content)
            guard fields.count == columns.count else {
                throw Problem(line: index + 1, column: 1, message: "\(fields.count) tab-separated columns, expected \(columns.count) (\(columns.joined(separator: ", ")))")
            }
            if !sawHeader {
                guard fields == columns else { throw Problem(line: index + 1, column: 1, message: "the first row must name the columns: \(columns.joined(separator: "\\t"))") }
                sawHeader = true
                continue
            }
            rows.append(Row(line: index + 1, fields: fields, columns: starts, header: columns))
        }
        self.rows = rows
    }

    /// A line's fields, trimmed, and the 1-based column where each starts (before trimming).
    static func fields(of line: Substring) -> (fields: [String], columns: [Int]) {
        var fields: [String] = [], columns: [Int] = []
        var column = 1
        for field in line.split(separator: "\t", omittingEmptySubsequences: false) {
            fields.append(field.trimmingCharacters(in: .whitespaces))
            columns.append(column)
            column += field.count + 1
        }
        return (fields, columns)
    }
}
