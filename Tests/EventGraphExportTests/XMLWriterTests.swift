@testable import EventGraphExport
import Testing

/// What the GraphML and GEXF writers let through: every character XML 1.0 allows, and nothing else.
@Suite struct XMLWriterTests {
    @Test(arguments: [
        ("plain text, “quotes” and Ünïcödé", false),
        ("tab\tnewline\ncarriage return\r", false),
        ("U+FFFD \u{FFFD} is allowed", false),
        ("astral 𝄞 too", false),
        ("a bell \u{7}", true),
        ("NUL \u{0} inside", true),
        ("escape \u{1B}[31m", true),
        ("U+FFFE \u{FFFE}", true),
        ("U+FFFF \u{FFFF}", true),
    ])
    func needsCleaningExactlyWhenXMLForbidsACharacter(text: String, forbidden: Bool) {
        #expect(XMLWriter.needsCleaning(text) == forbidden)
        let cleaned = XMLWriter.clean(text)
        #expect(!XMLWriter.needsCleaning(cleaned))
        #expect(forbidden ? cleaned.unicodeScalars.count == text.unicodeScalars.count - 1 : cleaned == text)
    }

    @Test func cleaningDropsOnlyTheForbiddenCharacters() {
        #expect(XMLWriter.clean("a\u{1B}b\u{FFFF}c\u{0}d\u{FFFD}") == "abcd\u{FFFD}")
    }
}
