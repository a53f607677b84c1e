/// Text from articles, titles, sources and file names made safe for the places a person reads it.
///
/// Article text is untrusted: in a terminal an ESC sequence can clear the screen, recolour output or
/// plant an OSC 8 hyperlink that shows one address and opens another; a newline in a file name can
/// forge a line of `diff` output or a diagnostic; a bidi override (U+202E) can make text read
/// backwards. Every human-facing text output and diagnostic passes such fields through `visible`,
/// and Markdown output through `markdown`, so that none of this survives raw.
public enum DisplayText {
    /// Whether a scalar must not reach a terminal or a line-oriented output as itself: C0 and C1
    /// controls, DEL, the line and paragraph separators, and the bidirectional formatting marks.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The text with every scalar of `needsEscape` written as a visible escape: `\n`, `\r`, `\t`,
    /// else `\u{1B}` (hexadecimal, as Swift writes it). Already visible text is returned unchanged,
    /// so applying it twice changes nothing more.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: escape(scalar).unicodeScalars)
        }
        return String(out)
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// A file path as it stands at the head of a diagnostic (`path:line:col: error: ...`): visible,
    /// and with its colons escaped (`\u{3A}`), so that a file named `a:1:2: error: x.txt` cannot pass
    /// for a diagnostic of file `a`. Paths without colons or controls are unchanged.
    public static func diagnosticPath(_ path: String) -> String {
        let shown = visible(path)
        guard shown.contains(":") else { return shown }
        return shown.replacingOccurrences(of: ":", with: "\\u{3A}")
    }

    /// Text for a Markdown document, shown as text by any renderer: the characters that start HTML
    /// (`<`, `>`, `&`) become character references, every ASCII punctuation mark that Markdown or its
    /// extensions give meaning inside a line to (emphasis, code, links and images, tables,
    /// strikethrough, math) is backslash-escaped, the marks that start autolinks (`:`, `@`, the `.`
    /// after `www`) are written as references with a zero-width space after the ones that would
    /// still link once decoded, and controls are made `visible`.
    static let zeroWidthSpace = "&#8203;"

    public static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        let scalars = Array(visible(text).unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            // Autolinks: a renderer may look for "scheme://", "www." and "name@host" in the source or
            // in the decoded text (GFM finds addresses after references are decoded), so the mark
            // is written as a reference and followed by a zero-width space, which no link can
            // contain. Shown, the text reads the same.
            case ":": out += "&#58;" + (scalars.dropFirst(index + 1).starts(with: ["/", "/"]) ? zeroWidthSpace : "")
            case "@": out += "&#64;" + zeroWidthSpace
            case ".":
                let before = String(String.UnicodeScalarView(scalars[max(0, index - 3)..<index])).lowercased()
                out += before == "www" ? "&#46;" + zeroWidthSpace : "."
            // Marks that only mean something at the start of a line (`-`, `+`, `=`) stay as they
            // are: a field never starts one.
            case "\\", "`", "*", "_", "[", "]", "(", ")", "{", "}", "#", "!", "|", "~", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
