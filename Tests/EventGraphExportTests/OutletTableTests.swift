import EventGraphCore
import EventGraphExport
import Foundation
import Testing

/// The outlet table: every shipped row is found by its name, each alias, each host (with `www.`
/// and a subdomain) and the host as a JSON `source_domain`; unknown outlets keep their own name;
/// a user's rows win; a malformed table is reported at its line.
@Suite struct OutletTableTests {
    static func document(source: String? = nil, url: String? = nil) -> Document {
        Document(id: "a.txt", path: "a.txt", url: url, source: source, sha256: String(repeating: "0", count: 64))
    }

    /// The shipped file's rows as the test reads them itself: (outlet, hosts, aliases).
    static func shippedRows() throws -> [(outlet: Outlet, hosts: [String], aliases: [String])] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/EventGraphExport/Resources/outlets.tsv").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
        return lines.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let list = { (field: String) in field == "-" ? [] : field.split(separator: "|").map(String.init) }
            return (Outlet(name: f[0], owner: f[1] == "-" ? nil : f[1], country: f[2] == "-" ? nil : f[2]), list(f[3]), list(f[4]))
        }
    }

    @Test func everyShippedRowIsFoundEveryWay() throws {
        let table = try OutletTable.shipped()
        let rows = try Self.shippedRows()
        #expect(rows.count >= 20)
        for row in rows {
            for name in [row.outlet.name, row.outlet.name.uppercased()] + row.aliases {
                #expect(table.outlet(of: Self.document(source: name)) == row.outlet, "source \(name)")
            }
            for host in row.hosts {
                for url in ["https://\(host)/a", "https://www.\(host)/news/1", "http://en.\(host)/x?y=1"] {
                    #expect(table.outlet(of: Self.document(url: url)) == row.outlet, "url \(url)")
                }
                #expect(table.outlet(of: Self.document(source: host)) == row.outlet, "source_domain \(host)")
            }
        }
    }

    @Test func sourceFieldsAsArticlesWriteThem() throws {
        let table = try OutletTable.shipped()
        #expect(table.outlet(of: Self.document(source: "Voice of America (VOA Khmer)"))?.name == "Voice of America")
        #expect(table.outlet(of: Self.document(source: "Mehr News Agency (via Tehran Times)"))?.name == "Mehr News Agency")
        // A source the table does not know keeps its name, even when the URL's host is known...
        #expect(table.outlet(of: Self.document(source: "The Daily Example", url: "https://daily.example/x")) == Outlet(name: "The Daily Example"))
        // ...but an unknown name with a known host is the host's outlet.
        #expect(table.outlet(of: Self.document(source: "MehrNews English", url: "https://en.mehrnews.com/news/1"))?.owner == "Islamic Development Organization")
        #expect(table.outlet(of: Self.document(url: "https://www.daily.example/x")) == Outlet(name: "daily.example"))
        #expect(table.outlet(of: Self.document()) == nil)
    }

    @Test func aUsersRowsWin() throws {
        let user = try OutletTable.parse("outlet\towner\tcountry\thosts\taliases\nMehr News Agency\tstate media of Iran\tIran\tmehrnews.com\tMNA\n", path: "mine.tsv")
        let table = try OutletTable.shipped().overridden(by: user)
        #expect(table.outlet(of: Self.document(source: "MNA")) == Outlet(name: "Mehr News Agency", owner: "state media of Iran", country: "Iran"))
        #expect(table.outlet(of: Self.document(url: "https://en.mehrnews.com/a"))?.owner == "state media of Iran")
        #expect(table.outlet(of: Self.document(source: "VOA"))?.name == "Voice of America")
    }

    @Test func malformedTablesAreReportedAtTheirLine() {
        #expect(throws: OutletTableError.malformedRow(path: "t.tsv", line: 3, column: 1, problem: "3 tab-separated columns, expected 5 (outlet, owner, country, hosts, aliases)")) {
            try OutletTable.parse("# mine\noutlet\towner\tcountry\thosts\taliases\nX\ty\tz\n", path: "t.tsv")
        }
        #expect((try? OutletTable.parse("name\towner\tcountry\thosts\taliases\n", path: "t.tsv")) == nil)
        #expect(OutletTableError.malformedRow(path: "t.tsv", line: 3, column: 1, problem: "a row without an outlet name").description
            == "t.tsv:3:1: error: outlet table: a row without an outlet name")
        #expect(throws: OutletTableError.unreadable(path: "/nonexistent/outlets.tsv", reason: "no such file")) {
            try OutletTable.read(path: "/nonexistent/outlets.tsv")
        }
    }
}
