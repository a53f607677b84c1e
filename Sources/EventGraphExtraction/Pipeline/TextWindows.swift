/// Cuts a long text into windows of at most `maximumBytes` UTF-8 bytes, so that extracting a huge
/// article needs memory for one window at a time, not for the whole article's tokens.
///
/// A cut goes at the last paragraph break in the second half of the window, else the last line
/// break, else the last sentence end (". "), else the last space, else the last character
/// boundary: windows end where sentences do whenever the text allows it. Facts that would need two
/// windows (a name defined in one and used in the next) are lost; below `maximumBytes` nothing is cut.
public enum TextWindows {
    /// The windows, as byte ranges of `text.utf8`, covering it without gaps.
    public static func ranges(of utf8: [UInt8], maximumBytes: Int) -> [Range<Int>] {
        precondition(maximumBytes >= 8)
        var ranges: [Range<Int>] = []
        var start = 0
        while utf8.count - start > maximumBytes {
            let limit = start + maximumBytes
            let floor = start + maximumBytes / 2
            let cut = lastCut(in: utf8, from: floor, to: limit)
            ranges.append(start..<cut)
            start = cut
        }
        if start < utf8.count || ranges.isEmpty { ranges.append(start..<utf8.count) }
        return ranges
    }

    /// The end of the window: just after the best separator in `floor..<limit`.
    private static func lastCut(in utf8: [UInt8], from floor: Int, to limit: Int) -> Int {
        let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), period = UInt8(ascii: ".")
        var line: Int?, sentence: Int?, word: Int?
        var i = limit - 1
        while i > floor {
            let byte = utf8[i]
            if byte == newline {
                if utf8[i - 1] == newline { return i + 1 }
                if line == nil { line = i + 1 }
            } else if byte == space {
                if sentence == nil, utf8[i - 1] == period { sentence = i + 1 }
                if word == nil { word = i + 1 }
            }
            i -= 1
        }
        if let cut = line ?? sentence ?? word { return cut }
        // No separator at all: cut before a byte that starts a character.
        var cut = limit
        while cut > floor, utf8[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }
}
