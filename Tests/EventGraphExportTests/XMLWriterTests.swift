@testable import EventGraphExport
import Testing

/// What the GraphML and GEXF writers let through: every character XML 1.0 allows, and nothing else.
@Suite struct XMLWriterTests {
    /// Each case is one character between two letters, given by its code point, so that the test
    /// log never carries a raw control character.
    @Test(arguments: [
        (0x201C, false), (0xDC, false), (0x9, false), (0xA, false), (0xD, false), (0xFFFD, false), (0x1D11E, false),
        (0x7, true), (0x0, true), (0x1B, true), (0x1F, true), (0xFFFE, true), (0xFFFF, true),
    ] as [(UInt32, Bool)])
    func needsCleaningExactlyWhenXMLForbidsACharacter(codePoint: UInt32, forbidden: Bool) {
        let text = "a" + String(Character(Unicode.Scalar(codePoint)!)) + "b"
        #expect(XMLWriter.needsCleaning(text) == forbidden)
        let cleaned = XMLWriter.clean(text)
        #expect(!XMLWriter.needsCleaning(cleaned))
        #expect(cleaned == (forbidden ? "ab" : text))
    }

    @Test func cleaningDropsOnlyTheForbiddenCharacters() {
        #expect(XMLWriter.clean("a\u{1B}b\u{FFFF}c\u{0}d\u{FFFD}") == "abcd\u{FFFD}")
    }
}
