import EventGraphCore
import Testing

@Suite struct DisplayTextTests {
    @Test func controlsBidiMarksAndNewlinesBecomeVisibleEscapes() {
        #expect(DisplayText.visible("a\u{1B}[2Jb") == "a\\u{1B}[2Jb")
        #expect(DisplayText.visible("x\n+ document FAKE") == "x\\n+ document FAKE")
        #expect(DisplayText.visible("evil\u{202E}txt.exe") == "evil\\u{202E}txt.exe")
        #expect(DisplayText.visible("\u{9B}31m\u{7F}\t\r") == "\\u{9B}31m\\u{7F}\\t\\r")
        #expect(DisplayText.visible("Ashraf-3 camp, Durrës 🇦🇱") == "Ashraf-3 camp, Durrës 🇦🇱")
        // Idempotent: what is already visible stays as it is.
        #expect(DisplayText.visible(DisplayText.visible("a\u{07}b")) == "a\\u{7}b")
    }

    @Test func diagnosticPathsCannotPassForALocation() {
        #expect(DisplayText.diagnosticPath("corpus/a:1:2: error: x.txt") == "corpus/a\\u{3A}1\\u{3A}2\\u{3A} error\\u{3A} x.txt")
        #expect(DisplayText.diagnosticPath("corpus/plain.txt") == "corpus/plain.txt")
    }

    @Test func markdownFieldsAreText() {
        #expect(DisplayText.markdown("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;")
        #expect(DisplayText.markdown("[x](javascript:alert(1))") == "\\[x\\]\\(javascript&#58;alert\\(1\\)\\)")
        #expect(DisplayText.markdown("see www.example.com or a@b.org") == "see www&#46;&#8203;example.com or a&#64;&#8203;b.org")
        #expect(DisplayText.markdown("https://x.y") == "https&#58;&#8203;//x.y")
        #expect(DisplayText.markdown("a | b *c* `d`\nnext") == "a \\| b \\*c\\* \\`d\\`\\\\nnext")
    }
}
