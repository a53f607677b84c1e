import EventGraphCore
@testable import EventGraphCorpus
import Testing

@Suite struct HTMLArticleReaderTests {
    static let page = """
        <!DOCTYPE html>
        <html><head>
        <title>Albanian police re-enter MKO camp &amp; more</title>
        <meta property="article:published_time" content="2023-06-29T09:30:00+03:30">
        <meta property="og:site_name" content="Mehr News Agency">
        <link rel="canonical" href="https://en.mehrnews.com/news/1">
        <script>document.write("<p>not text</p>")</script>
        <style>p { color: red }</style>
        </head><body>
        <nav><a href="/">Home</a> | <a href="/world">World</a></nav>
        <article>
          <h1>Albanian police re-enter camp</h1>
          <p>TEHRAN, Jun 29 (MNA) &ndash; Albanian police landed again
             at the camp in Manez area of Durr&euml;s.</p>
          <p>Local media revealed that <b>police forces</b> are stationed<br>at the entrance.</p>
          <script>var tracking = "<p>hidden</p>";</script>
          <aside>Related: other news</aside>
        </article>
        <footer>All Content by Mehr News Agency is licensed under CC BY 4.0</footer>
        </body></html>
        """

    @Test func extractsArticleTextAndMetadata() throws {
        let doc = try HTMLArticleReader.read(Array(Self.page.utf8), path: "a.html", id: "a.html", defaultPublished: nil)
        #expect(doc.document.title == "Albanian police re-enter MKO camp & more")
        #expect(doc.document.published?.iso == "2023-06-29")
        #expect(doc.document.source == "Mehr News Agency")
        #expect(doc.document.url == "https://en.mehrnews.com/news/1")
        #expect(doc.text == """
            Albanian police re-enter camp

            TEHRAN, Jun 29 (MNA) – Albanian police landed again at the camp in Manez area of Durrës.

            Local media revealed that police forces are stationed at the entrance.
            """)
    }

    /// A date in no known form costs the date, never the article: a located warning.
    @Test func unreadablePublishedDateIsAWarningAndTheArticleIsRead() throws {
        let page = "<html><head>\n<meta name=\"date\" content=\"yesterday\"></head><body><p>Text.</p></body></html>"
        var warnings: [CorpusWarning] = []
        let doc = try HTMLArticleReader.read(Array(page.utf8), path: "a.html", id: "a.html", defaultPublished: nil, warnings: &warnings)
        #expect(doc.text == "Text.")
        #expect(doc.document.published == nil)
        #expect(warnings.map(\.description) == [
            "a.html:2:1: warning: published 'yesterday' is not a date in a known form; read without a publication date from it"
        ])
    }

    @Test func rfc1123DateInAMetaTagIsRead() throws {
        let page = "<html><head><meta name=\"date\" content=\"Tue, 20 Jun 2023 10:00:00 GMT\"></head><body><article><p>Police raided the camp.</p></article></body></html>"
        var warnings: [CorpusWarning] = []
        let doc = try HTMLArticleReader.read(Array(page.utf8), path: "a.html", id: "a.html", defaultPublished: nil, warnings: &warnings)
        #expect(doc.document.published == CalendarDay(iso: "2023-06-20"))
        #expect(warnings.isEmpty)
    }

    /// A page that opens with an empty teaser `<article>` has its text in the next one.
    @Test func theLongestArticleElementIsTheText() throws {
        let page = """
            <html><body><article class="teaser"><a href="/x"></a></article>
            <article><p>Police raided the camp on Tuesday.</p><p>Officials said so.</p></article>
            <article><p>Related: weather.</p></article></body></html>
            """
        let doc = try HTMLArticleReader.read(Array(page.utf8), path: "a.html", id: "a.html", defaultPublished: nil)
        #expect(doc.text == "Police raided the camp on Tuesday.\n\nOfficials said so.")
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let page = """
            <!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <html><body><p>Before &xxe; after.</p></body></html>
            """
        let doc = try HTMLArticleReader.read(Array(page.utf8), path: "a.html", id: "a.html", defaultPublished: nil)
        #expect(!doc.text.contains("root:"))
        #expect(doc.text.contains("Before"))
    }

    @Test func pageWithoutTextIsAnError() {
        #expect(throws: CorpusError.emptyText(SourceLocation(path: "a.html"))) {
            try HTMLArticleReader.read(Array("<html><body><script>x()</script></body></html>".utf8), path: "a.html", id: "a.html", defaultPublished: nil)
        }
    }
}
