import EventGraphCore
@testable import EventGraphCorpus
import Testing

@Suite struct JSONArticleReaderTests {
    func read(_ text: String, lines: Bool) -> [Result<SourceDocument, CorpusError>] {
        JSONArticleReader.read(Array(text.utf8), path: "feed.json", id: "feed.json", lineDelimited: lines, defaultPublished: nil)
    }

    @Test func readsNewsPleaseRecords() throws {
        let results = read("""
            {"title": "Albanian police re-enter MKO camp", "maintext": "Albanian police landed again.",
             "date_publish": "2023-06-29 10:12:00", "url": "https://example.org/a", "source_domain": "en.mehrnews.com",
             "authors": [], "image_url": null}
            """, lines: false)
        let doc = try #require(try results.first?.get())
        #expect(doc.text == "Albanian police landed again.")
        #expect(doc.document.title == "Albanian police re-enter MKO camp")
        #expect(doc.document.published?.iso == "2023-06-29")
        #expect(doc.document.source == "en.mehrnews.com")
        #expect(doc.document.id == "feed.json")
    }

    @Test func arrayGivesOneDocumentPerElementIdentifiedByLine() throws {
        let results = read("[\n{\"text\": \"One.\"},\n{\"text\": \"Two.\", \"published\": \"2023-06-21\"}\n]", lines: false)
        let docs = try results.map { try $0.get() }
        #expect(docs.map(\.document.id) == ["feed.json:2", "feed.json:3"])
        #expect(docs[1].document.published?.iso == "2023-06-21")
    }

    @Test func aBrokenLineCostsOnlyThatLine() throws {
        let results = read("""
            {"text": "First article."}
            {"text": "Truncated
            {"text": "Third article.", "title": 42}
            {"maintext": null, "title": "no text"}

            {"text": "Fifth article."}
            """, lines: true)
        #expect(results.count == 5)
        #expect(try results[0].get().document.id == "feed.json:1")
        #expect(results[1].failureDescription == "feed.json:2:10: error: invalid JSON: control character U+000A must be escaped in a string"
            || results[1].failureDescription == "feed.json:2:20: error: invalid JSON: unterminated string")
        #expect(results[2].failureDescription == "feed.json:3:37: error: field 'title' must be a string (found a number)")
        #expect(results[3].failureDescription == "feed.json:4:1: error: article record has no text (looked for 'maintext', 'text', 'body', 'content')")
        #expect(try results[4].get().document.id == "feed.json:6")
    }

    @Test func syntaxErrorsAreLocated() {
        #expect(read("{\"text\": \"a\",, }", lines: false).first?.failureDescription
            == "feed.json:1:14: error: invalid JSON: unexpected character ',', expected a member name in double quotes")
        #expect(read("{\"text\": \"a\"}\n}", lines: false).first?.failureDescription
            == "feed.json:2:1: error: invalid JSON: unexpected character '}' after the JSON value")
        #expect(read("[1, 2]", lines: false).first?.failureDescription == "feed.json:1:2: error: expected a JSON object (an article record)")
        #expect(read(String(repeating: "[", count: 300), lines: false).first?.failureDescription
            == "feed.json:1:257: error: invalid JSON: nesting deeper than 256 levels")
        #expect(read("{\"text\": \"\\ud800\"}", lines: false).first?.failureDescription
            == "feed.json:1:17: error: invalid JSON: lone surrogate \\uD800 in a string")
    }
}

extension Result where Failure == CorpusError {
    var failureDescription: String? {
        if case .failure(let error) = self { return error.description }
        return nil
    }
}
