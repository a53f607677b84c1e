import Foundation
import EventGraphCore

/// A TempEval-3 style TimeML file: the publication date from the `TIMEX3` whose
/// `functionInDocument` is `CREATION_TIME`, and the text of `<TEXT>` with tags removed and character
/// references decoded. Tags can be written back into the original bytes, leaving everything else
/// byte-identical (the TempEval-3 scorer refuses anything else).
public struct TimeMLDocument: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// The text inside `<TEXT>`, without tags, references decoded.
    public let text: String
    public let creationTime: CalendarDay?
    /// Byte offset in `bytes` of each scalar of `text`, and one past the last.
    let scalarByteOffsets: [Int]
    /// Byte offsets at which a tag starts inside `<TEXT>`: an expression may not span one.
    let tagStarts: [Int]
    /// The largest `tN` already used.
    let maxTid: Int

    public static func looksLikeTimeML(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self)
        return head.contains("<TimeML")
    }

    public static func parse(_ raw: [UInt8], path: String) throws(CorpusError) -> TimeMLDocument {
        // Validates UTF-8 and gives located errors; offsets below are into `raw`.
        let source = try TextDecoding.decode(raw, path: path)
        // Byte identity is promised for UTF-8 input; UTF-16 input comes back as UTF-8.
        let bytes = raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) ? Array(source.utf8) : raw
        func find(_ needle: String, from: Int) -> Int? {
            let n = Array(needle.utf8)
            guard n.count <= bytes.count else { return nil }
            var i = from
            while i + n.count <= bytes.count {
                if bytes[i] == n[0] && Array(bytes[i..<i + n.count]) == n { return i }
                i += 1
            }
            return nil
        }
        guard let textOpen = find("<TEXT>", from: 0) else {
            throw .invalidTimeML(TextDecoding.locate(byteOffset: 0, in: bytes, path: path), problem: "no <TEXT> element")
        }
        let textStart = textOpen + 6
        guard let textEnd = find("</TEXT>", from: textStart) else {
            throw .invalidTimeML(TextDecoding.locate(byteOffset: textOpen, in: bytes, path: path), problem: "<TEXT> is never closed")
        }

        // The creation time: the TIMEX3 marked CREATION_TIME (normally inside <DCT>).
        var creationTime: CalendarDay?
        var maxTid = 0
        var searchFrom = 0
        while let tagStart = find("<TIMEX3", from: searchFrom) {
            guard let tagEnd = bytes[tagStart...].firstIndex(of: UInt8(ascii: ">")) else { break }
            let tag = String(decoding: bytes[tagStart...tagEnd], as: UTF8.self)
            if let tid = attribute("tid", in: tag), tid.hasPrefix("t"), let n = Int(tid.dropFirst()) { maxTid = max(maxTid, n) }
            if attribute("functionInDocument", in: tag) == "CREATION_TIME", creationTime == nil, let value = attribute("value", in: tag) {
                guard let day = PublicationDate.parse(value) else {
                    throw .invalidDate(TextDecoding.locate(byteOffset: tagStart, in: bytes, path: path), field: "CREATION_TIME value", value: value)
                }
                creationTime = day
            }
            searchFrom = tagEnd + 1
        }

        var text = ""
        var offsets: [Int] = []
        var tagStarts: [Int] = []
        var i = textStart
        while i < textEnd {
            let b = bytes[i]
            if b == UInt8(ascii: "<") {
                tagStarts.append(i)
                guard let close = bytes[i..<textEnd].firstIndex(of: UInt8(ascii: ">")) else {
                    throw .invalidTimeML(TextDecoding.locate(byteOffset: i, in: bytes, path: path), problem: "unclosed tag")
                }
                i = close + 1
                continue
            }
            if b == UInt8(ascii: "&") {
                guard let semicolon = bytes[i..<min(textEnd, i + 12)].firstIndex(of: UInt8(ascii: ";")),
                      let scalar = decodeReference(String(decoding: bytes[(i + 1)..<semicolon], as: UTF8.self)) else {
                    throw .invalidTimeML(TextDecoding.locate(byteOffset: i, in: bytes, path: path), problem: "unknown character reference")
                }
                text.unicodeScalars.append(scalar)
                offsets.append(i)
                i = semicolon + 1
                continue
            }
            let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            let scalar = String(decoding: bytes[i..<i + length], as: UTF8.self).unicodeScalars.first!
            text.unicodeScalars.append(scalar)
            offsets.append(i)
            i += length
        }
        offsets.append(textEnd)
        return TimeMLDocument(path: path, bytes: bytes, text: text, creationTime: creationTime, scalarByteOffsets: offsets,
                              tagStarts: tagStarts, maxTid: maxTid)
    }

    /// The original bytes with a `TIMEX3` tag around each expression (given as scalar offsets into
    /// `text`). Expressions that would straddle an existing tag are left out and returned.
    public func annotated(with timexes: [Timex]) -> (bytes: [UInt8], skipped: [Timex]) {
        var insertions: [(offset: Int, order: Int, text: String)] = []
        var skipped: [Timex] = []
        var tid = maxTid
        var lastEnd = -1
        for timex in timexes.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            let start = scalarByteOffsets[timex.start]
            // The end tag goes right after the last scalar, before any tag that follows it.
            let lastScalar = scalarByteOffsets[timex.end - 1]
            let end = lastScalar + UTF8Length(bytes[lastScalar])
            if start < lastEnd || tagStarts.contains(where: { $0 >= start && $0 < end }) {
                skipped.append(timex)
                continue
            }
            tid += 1
            let open = "<TIMEX3 tid=\"t\(tid)\" type=\"\(timex.type.rawValue)\" value=\"\(escapeAttribute(timex.value))\">"
            insertions.append((start, 1, open))
            insertions.append((end, 0, "</TIMEX3>"))
            lastEnd = end
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + insertions.count * 40)
        var cursor = 0
        for insertion in insertions.sorted(by: { ($0.offset, $0.order) < ($1.offset, $1.order) }) {
            out.append(contentsOf: bytes[cursor..<insertion.offset])
            out.append(contentsOf: Array(insertion.text.utf8))
            cursor = insertion.offset
        }
        out.append(contentsOf: bytes[cursor...])
        return (out, skipped)
    }

    private func UTF8Length(_ lead: UInt8) -> Int { lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4 }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[range.upperBound...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }

    static func decodeReference(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X") { return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
            if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
            return nil
        }
    }

    private func escapeAttribute(_ value: String) -> String {
        value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// TimeML for a plain text: the text escaped inside `<TEXT>`, the creation time in `<DCT>`,
    /// and the expressions tagged.
    public static func wrap(text: String, creationTime: CalendarDay?, docID: String) -> TimeMLDocument {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        let dct = creationTime.map {
            "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"\($0.iso)\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">\($0.iso)</TIMEX3></DCT>\n\n"
        } ?? ""
        let xml = "<?xml version=\"1.0\" ?>\n<TimeML>\n\n<DOCID>\(escape(docID))</DOCID>\n\n\(dct)<TEXT>\(escape(text))</TEXT>\n\n</TimeML>\n"
        // Parsing what we just wrote cannot fail: it is well-formed by construction.
        return try! parse(Array(xml.utf8), path: docID)
    }
}
