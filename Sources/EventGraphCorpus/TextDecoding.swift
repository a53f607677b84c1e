import EventGraphCore

/// Turns file bytes into text, or says exactly where they stop being text.
enum TextDecoding {
    /// Decodes UTF-8 (a leading BOM dropped) or, when a UTF-16 byte-order mark says so, UTF-16.
    /// Rejects empty files, NUL bytes and invalid sequences (overlong forms, surrogates, truncation),
    /// with the line and column of the first bad byte.
    static func decode(_ bytes: [UInt8], path: String) throws(CorpusError) -> String {
        if bytes.isEmpty { throw .emptyFile(SourceLocation(path: path)) }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return try decodeUTF16(bytes, path: path)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let bad = firstInvalidUTF8Offset(body) {
            let location = locate(byteOffset: bad, in: body, path: path)
            throw body[bad] == 0 ? .binaryFile(location) : .invalidUTF8(location)
        }
        return String(decoding: body, as: UTF8.self)
    }

    /// Byte offset of the first byte that is not part of a valid UTF-8 scalar, or of a NUL byte.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 {
                if b0 == 0 { return i }
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F  // excludes UTF-16 surrogates
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i  // continuation byte, overlong C0/C1, or F5+
            }
            guard i + length <= n else { return i }
            let b1 = bytes[i + 1]
            guard b1 >= low && b1 <= high else { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    /// The 1-based line and scalar column of a byte offset into UTF-8 bytes (counting only lead bytes,
    /// so it works on bytes that are invalid after `offset`).
    static func locate(byteOffset: Int, in bytes: [UInt8], path: String, firstLine: Int = 1) -> SourceLocation {
        var line = firstLine, column = 1
        var i = 0
        while i < byteOffset {
            let b = bytes[i]
            if b == 0x0A { line += 1; column = 1 }
            else if b == 0x0D { if i + 1 < bytes.count && bytes[i + 1] == 0x0A {} else { line += 1; column = 1 } }
            else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(path: path, line: line, column: column)
    }

    private static func decodeUTF16(_ bytes: [UInt8], path: String) throws(CorpusError) -> String {
        let bigEndian = bytes[0] == 0xFE
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let u = bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i])
            units.append(u)
            i += 2
        }
        var line = 1, column = 1
        var text = ""
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s.value == 0 { throw .binaryFile(SourceLocation(path: path, line: line, column: column)) }
                text.unicodeScalars.append(s)
                if s == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput: break loop
            case .error: throw .invalidUTF8(SourceLocation(path: path, line: line, column: column))
            }
        }
        if bytes.count % 2 != 0 { throw .invalidUTF8(SourceLocation(path: path, line: line, column: column)) }
        if text.isEmpty { throw .emptyFile(SourceLocation(path: path)) }
        return text
    }
}

extension StringProtocol {
    /// Without leading and trailing Unicode whitespace.
    func trimmingWhitespace() -> String {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(Substring.UnicodeScalarView(scalars[first...last]))
    }
}
