@testable import EventGraphCorpus
import EventGraphCore
import Testing

/// Publication dates: the forms news sources write, and every part checked.
@Suite struct PublicationDateTests {
    static let readable: [(String, String)] = [
        ("2023-06-20", "2023-06-20"),
        ("2023-06-20T10:00:00Z", "2023-06-20"),
        ("2023-06-20 10:00:00", "2023-06-20"),
        ("2023-06-20T23:59:60.250+02:00", "2023-06-20"),
        ("2023-06-20T10:00-0530", "2023-06-20"),
        ("2023/06/20", "2023-06-20"),
        ("Tue, 20 Jun 2023 10:00:00 GMT", "2023-06-20"),
        ("20 Jun 2023 10:00 +0200", "2023-06-20"),
        ("June 20, 2023", "2023-06-20"),
        ("Sept. 9, 2023", "2023-09-09"),
        ("Jun 20th 2023", "2023-06-20"),
        ("Tuesday, June 20, 2023", "2023-06-20"),
    ]

    static let refused = [
        "2023-02-30", "2023-06-20T25:61:61+99:99", "2023-06-20T10:00:00+15:00", "2023-06-20T24:00", "2023-06-20Tnoon",
        "10000-01-01", "+999-01-01", "June 31, 2023", "Tue, 20 Jun 23 10:00:00 GMT", "yesterday", "2023-06-20 10:00:00 Mars",
        "2023/06/20 10:00",
    ]

    @Test(arguments: readable)
    func readsTheCommonForms(_ example: (String, String)) {
        #expect(PublicationDate.parse(example.0)?.iso == example.1)
    }

    @Test(arguments: refused)
    func refusesImpossibleDatesTimesAndZones(_ text: String) {
        #expect(PublicationDate.parse(text) == nil)
    }
}

/// The alias check that keeps YAML bombs out of Yams.
@Suite struct YAMLAliasScannerTests {
    @Test func findsAliasesWhereNodesStart() {
        func at(_ text: String) -> [Int]? { YAMLAliasScanner.firstAlias(in: text).map { [$0.line, $0.column] } }
        #expect(at("a: &x 1\nb: *x\n") == [2, 4])
        #expect(at("? *a9\n: 1\n") == [1, 3])
        #expect(at("list: [1, *y]\n") == [1, 11])
        #expect(at("- *z\n") == [1, 3])
    }

    @Test func leavesStarsInTextAlone() {
        for text in ["title: 5 * 3 = 15\n", "title: Hello, *world*\n", "title: \"*quoted*\"\n", "title: '*it''s*'\n",
                     "# *comment\ntitle: x # *also\n", "body: |\n  *bullet one\n  *bullet two\nsource: MNA\n", "title: a*b\n"] {
            #expect(YAMLAliasScanner.firstAlias(in: text) == nil, "\(text)")
        }
    }
}
