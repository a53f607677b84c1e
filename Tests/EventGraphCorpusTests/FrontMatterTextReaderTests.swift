import EventGraphCore
@testable import EventGraphCorpus
import Testing

@Suite struct FrontMatterTextReaderTests {
    func read(_ text: String, path: String = "a.txt") throws(CorpusError) -> SourceDocument {
        try FrontMatterTextReader.read(Array(text.utf8), path: path, id: "a.txt", defaultPublished: nil)
    }

    @Test func readsFieldsAndKeepsTheBodyByteForByte() throws {
        let doc = try read("""
            ---
            title: Albanian police re-enter MKO terrorists camp
            url: https://en.mehrnews.com/news/1
            source: Mehr News Agency
            published: 2023-06-29
            license: CC BY 4.0
            ---
            TEHRAN, Jun 29 (MNA) – Albanian police landed again.

            MNA/PR
            """)
        #expect(doc.document.title == "Albanian police re-enter MKO terrorists camp")
        #expect(doc.document.url == "https://en.mehrnews.com/news/1")
        #expect(doc.document.source == "Mehr News Agency")
        #expect(doc.document.published?.iso == "2023-06-29")
        #expect(doc.document.license == "CC BY 4.0")
        #expect(doc.text == "TEHRAN, Jun 29 (MNA) – Albanian police landed again.\n\nMNA/PR")
        #expect(doc.document.sha256 == SHA256.hexDigest(of: doc.text))
    }

    @Test func textWithoutFrontMatterIsAllBody() throws {
        let doc = try read("Police raided the camp on Tuesday.\n")
        #expect(doc.text == "Police raided the camp on Tuesday.\n")
        #expect(doc.document.published == nil)
        #expect(doc.document.title == nil)
    }

    @Test func acceptsDateTimesAndDotsClosingAndCRLF() throws {
        let doc = try read("---\r\npublished: 2023-06-21T08:15:00+04:30\r\n...\r\nBody.")
        #expect(doc.document.published?.iso == "2023-06-21")
        #expect(doc.text == "Body.")
    }

    func message(_ text: String) -> String {
        do {
            _ = try read(text)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func unclosedFrontMatterIsLocated() {
        #expect(message("---\ntitle: x\nBody without end.")
            == "a.txt:1:1: error: front matter opened with '---' is never closed (expected a line '---' or '...')")
    }

    @Test func brokenYAMLIsReportedAtItsLineInTheFile() {
        #expect(message("---\ntitle: ok\nsource: [unclosed\n---\nBody.")
            == "a.txt:4:1: error: invalid YAML front matter: while parsing a flow sequence: did not find expected ',' or ']'")
        #expect(message("---\ntitle: \"unterminated\n---\nBody.")
            == "a.txt:3:1: error: invalid YAML front matter: while scanning a quoted scalar: found unexpected end of stream")
        #expect(message("---\ntitle: a: b\n---\nBody.")
            == "a.txt:2:9: error: invalid YAML front matter: mapping values are not allowed in this context")
    }

    @Test func invalidDateNamesTheField() {
        #expect(message("---\ntitle: x\npublished: 2023-02-30\n---\nBody.")
            == "a.txt:3:12: error: field 'published' is not a valid date: '2023-02-30' (expected a date such as 2023-06-20, 2023-06-20T10:00:00Z, Tue, 20 Jun 2023 10:00:00 GMT or June 20, 2023)")
    }

    @Test func nonScalarFieldIsAWrongType() {
        #expect(message("---\ntitle:\n  - a\n  - b\n---\nBody.") == "a.txt:3:3: error: field 'title' must be a single value (text or date)")
    }

    @Test func frontMatterThatIsNotAMapping() {
        #expect(message("---\n- a\n- b\n---\nBody.")
            == "a.txt:2:1: error: front matter must be a mapping of fields (title, url, source, published, license)")
    }

    @Test func emptyBodyIsAnError() {
        #expect(throws: CorpusError.emptyText(SourceLocation(path: "a.txt"))) { try read("---\ntitle: x\n---\n  \n") }
    }
}

@Suite struct TextDecodingTests {
    func decode(_ bytes: [UInt8]) throws(CorpusError) -> String { try TextDecoding.decode(bytes, path: "bad.txt") }

    @Test func invalidUTF8IsLocatedByLineAndColumn() {
        // Line 2, after "ab" and a two-byte "é": column 4.
        let bytes: [UInt8] = Array("first line\nabé".utf8) + [0xFF] + Array(" rest".utf8)
        #expect(throws: CorpusError.invalidUTF8(SourceLocation(path: "bad.txt", line: 2, column: 4))) { try decode(bytes) }
        #expect(CorpusError.invalidUTF8(SourceLocation(path: "bad.txt", line: 2, column: 4)).description == "bad.txt:2:4: error: invalid UTF-8")
    }

    @Test(arguments: [
        [0xC0, 0xAF] as [UInt8],        // overlong "/"
        [0xE0, 0x80, 0xAF],             // overlong, three bytes
        [0xED, 0xA0, 0x80],             // UTF-16 surrogate D800 encoded in UTF-8
        [0xF4, 0x90, 0x80, 0x80],       // beyond U+10FFFF
        [0xE2, 0x82],                   // truncated
        [0x80],                         // lone continuation byte
    ])
    func rejectsEveryKindOfMalformedSequence(_ bad: [UInt8]) {
        #expect(throws: CorpusError.invalidUTF8(SourceLocation(path: "bad.txt", line: 1, column: 3))) {
            try decode(Array("ok".utf8) + bad)
        }
    }

    @Test func nulBytesMeanBinary() {
        #expect(throws: CorpusError.binaryFile(SourceLocation(path: "bad.txt", line: 2, column: 4))) {
            try decode(Array("IHDR\nabc".utf8) + [0x00, 0x01])
        }
        #expect(throws: CorpusError.emptyFile(SourceLocation(path: "bad.txt"))) { try decode([]) }
    }

    @Test func utf16WithBOMIsDecoded() throws {
        let little: [UInt8] = [0xFF, 0xFE] + Array("Manëz".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + Array("Manëz".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try decode(little) == "Manëz")
        #expect(try decode(big) == "Manëz")
        #expect(try decode([0xEF, 0xBB, 0xBF] + Array("x".utf8)) == "x")
    }
}
