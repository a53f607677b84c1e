import EventGraphCore
import Foundation

/// Who published an article: the outlet, and what it belongs to, for comparing how sources tell
/// one story (issue 22's `compare --by source|owner`).
public struct Outlet: Hashable, Sendable, Comparable {
    public var name: String
    /// The organization or government that owns it, when the table knows.
    public var owner: String?
    public var country: String?

    public init(name: String, owner: String? = nil, country: String? = nil) {
        self.name = name
        self.owner = owner
        self.country = country
    }

    public static func < (lhs: Outlet, rhs: Outlet) -> Bool { lhs.name.unicodeScalars.lexicographicallyPrecedes(rhs.name.unicodeScalars) }
}

/// A line of an outlet table that cannot be read.
public enum OutletTableError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformedRow(path: String, line: Int, column: Int, problem: String)

    /// `path:line:col: error: message`
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(DisplayText.diagnosticPath(path)):1:1: error: cannot read the outlet table: \(DisplayText.visible(reason))"
        case .malformedRow(let path, let line, let column, let problem):
            return "\(DisplayText.diagnosticPath(path)):\(line):\(column): error: outlet table: \(problem)"
        }
    }
}

/// Maps an article's `source` field, URL host or JSON `source_domain` to its outlet. The shipped
/// table (`Resources/outlets.tsv`) lists major outlets; a user's table of the same shape adds rows
/// or replaces those of the same outlet, host or alias.
public struct OutletTable: Sendable {
    static let columns = ["outlet", "owner", "country", "hosts", "aliases"]

    /// The rows as read, in order: what another table is laid over.
    private var rows: [(outlet: Outlet, hosts: [String], aliases: [String])] = []
    /// Folded names and aliases → outlet index.
    private var byName: [String: Int] = [:]
    /// Hosts without `www.` → outlet index.
    private var byHost: [String: Int] = [:]

    public init() {}

    /// The shipped table, read once, for outputs that name outlets without a user's table (the
    /// JSON-LD, the graph page); empty if it cannot be read, which its tests catch.
    static let shippedOrEmpty = (try? shipped()) ?? OutletTable()

    /// The shipped table.
    public static func shipped() throws(OutletTableError) -> OutletTable {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/outlets.tsv")
        return try read(path: url.path)
    }

    /// A table file: `#` comments, a header row naming the five columns, then one row per outlet.
    public static func read(path: String) throws(OutletTableError) -> OutletTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(path: path, reason: "not UTF-8 text") }
        return try parse(text, path: path)
    }

    /// Parses a table's text; rows are checked for their column count and for an outlet name.
    public static func parse(_ text: String, path: String) throws(OutletTableError) -> OutletTable {
        let rows: [TabSeparatedTable.Row]
        do {
            rows = try TabSeparatedTable(text, columns: columns).rows
        } catch {
            throw .malformedRow(path: path, line: error.line, column: error.column, problem: error.message)
        }
        var table = OutletTable()
        for row in rows {
            let fields = row.fields
            guard !fields[0].isEmpty, fields[0] != "-" else { throw .malformedRow(path: path, line: row.line, column: 1, problem: "a row without an outlet name") }
            let value = { (field: String) in field.isEmpty || field == "-" ? nil : field }
            let list = { (field: String) in value(field).map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [] }
            table.add(Outlet(name: fields[0], owner: value(fields[1]), country: value(fields[2])), hosts: list(fields[3]), aliases: list(fields[4]))
        }
        return table
    }

    /// Adds an outlet; a later row wins a name, alias or host an earlier one had.
    mutating func add(_ outlet: Outlet, hosts: [String], aliases: [String]) {
        let index = rows.count
        rows.append((outlet, hosts, aliases))
        for name in [outlet.name] + aliases { byName[Self.fold(name)] = index }
        for host in hosts { byHost[Self.bareHost(host)] = index }
    }

    /// This table with another's rows on top: the user's table over the shipped one.
    public func overridden(by other: OutletTable) -> OutletTable {
        var table = self
        // In the other table's own order, so that within it a later row still wins.
        for row in other.rows { table.add(row.outlet, hosts: row.hosts, aliases: row.aliases) }
        return table
    }

    /// The document's outlet: by its source field (a name, an alias, or a domain such as JSON's
    /// `source_domain`), else by its URL's host; an outlet the table does not know is named by the
    /// source field as written (its trailing parenthesis dropped) or by the host. Nil when the
    /// document has neither.
    public func outlet(of document: Document) -> Outlet? {
        if let source = document.source.map(Self.withoutParenthesis), !source.isEmpty {
            if let index = byName[Self.fold(source)] { return rows[index].outlet }
            if Self.looksLikeHost(source), let known = outlet(forHost: source) { return known }
            if let host = document.url.flatMap(Self.host(of:)), let known = outlet(forHost: host) { return known }
            return Outlet(name: source)
        }
        guard let host = document.url.flatMap(Self.host(of:)) else { return nil }
        return outlet(forHost: host) ?? Outlet(name: Self.bareHost(host))
    }

    /// The outlet a name or alias names, whatever its case ("DOJ", "Department of Justice").
    public func outlet(named name: String) -> Outlet? {
        byName[Self.fold(name)].map { rows[$0].outlet }
    }

    /// The outlet of a host or of the nearest parent domain the table lists.
    func outlet(forHost host: String) -> Outlet? {
        var labels = Self.bareHost(host).split(separator: ".")
        while labels.count >= 2 {
            if let index = byHost[labels.joined(separator: ".")] { return rows[index].outlet }
            labels.removeFirst()
        }
        return nil
    }

    static func fold(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// "Voice of America (VOA Khmer)" → "Voice of America".
    static func withoutParenthesis(_ source: String) -> String {
        var text = source.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("), open > text.startIndex {
            text = String(text[..<open]).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    static func looksLikeHost(_ text: String) -> Bool {
        !text.contains(" ") && text.contains(".") && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
    }

    static func bareHost(_ host: String) -> String {
        let lower = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return lower.hasPrefix("www.") ? String(lower.dropFirst(4)) : lower
    }

    static func host(of url: String) -> String? {
        URLComponents(string: url)?.host.map(bareHost).flatMap { $0.isEmpty ? nil : $0 }
    }
}
