/// A JSON value with the place it starts, so that a wrong field can be reported at its line.
public struct JSONNode: Sendable {
    public enum Value: Sendable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    public var value: Value
    /// 1-based line and column (in Unicode scalars) where the value starts.
    public var line: Int
    public var column: Int

    /// The member named `key` (the last one, if repeated), for objects.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// "a string", "an object", ...: for error messages.
    public var kindName: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A strict RFC 8259 parser over UTF-8 bytes that reports the line and column of every error and
/// refuses nesting deeper than `maximumDepth` (hostile input must not exhaust the stack).
public struct JSONParser {
    /// Where and why parsing stopped.
    public struct Failure: Error, Sendable {
        public var line: Int
        public var column: Int
        public var problem: String
    }

    public static let maximumDepth = 256

    private let bytes: [UInt8]
    private var index = 0
    private var line: Int
    private var lineStart = 0
    private var depth = 0

    /// Parses one complete JSON text. `firstLine` numbers the first line (JSONL passes its line).
    public static func parse(_ bytes: [UInt8], firstLine: Int = 1) throws(Failure) -> JSONNode {
        var parser = JSONParser(bytes: bytes, line: firstLine)
        parser.skipWhitespace()
        let node = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.failure("unexpected \(parser.describeCurrent()) after the JSON value") }
        return node
    }

    private init(bytes: [UInt8], line: Int) {
        self.bytes = bytes
        self.line = line
    }

    /// How far the column count has got in the current line: the lead bytes of
    /// `bytes[lineStart..<columnIndex]`, plus one.
    private var columnIndex = 0
    private var columnCount = 1

    /// Column in Unicode scalars: lead bytes since the line start, counted on from where the
    /// last call stopped (positions only move forward), so that a long line such as a one-line
    /// JSONL fragment is counted once rather than once per value.
    private mutating func column() -> Int {
        if columnIndex < lineStart || columnIndex > index { (columnIndex, columnCount) = (lineStart, 1) }
        while columnIndex < index {
            if bytes[columnIndex] & 0xC0 != 0x80 { columnCount += 1 }
            columnIndex += 1
        }
        return columnCount
    }

    private mutating func failure(_ problem: String) -> Failure { Failure(line: line, column: column(), problem: problem) }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input" }
        let b = bytes[index]
        if b >= 0x20 && b < 0x7F { return "character '\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + hex(UInt32(b), digits: 2)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A: index += 1; line += 1; lineStart = index
            default: return
            }
        }
    }

    private mutating func parseValue() throws(Failure) -> JSONNode {
        guard index < bytes.count else { throw failure("unexpected end of input, expected a value") }
        let (startLine, startColumn) = (line, column())
        func node(_ v: JSONNode.Value) -> JSONNode { JSONNode(value: v, line: startLine, column: startColumn) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return node(try parseObject())
        case UInt8(ascii: "["): return node(try parseArray())
        case UInt8(ascii: "\""): return node(.string(try parseString()))
        case UInt8(ascii: "t"): try expectWord("true"); return node(.bool(true))
        case UInt8(ascii: "f"): try expectWord("false"); return node(.bool(false))
        case UInt8(ascii: "n"): try expectWord("null"); return node(.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return node(.number(try parseNumber()))
        default: throw failure("unexpected \(describeCurrent()), expected a value")
        }
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw failure("nesting deeper than \(JSONParser.maximumDepth) levels") }
    }

    private mutating func parseObject() throws(Failure) -> JSONNode.Value {
        try enter()
        index += 1
        var members: [(key: String, value: JSONNode)] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw failure("unexpected \(describeCurrent()), expected a member name in double quotes")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("unexpected \(describeCurrent()), expected ':'") }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input, expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return .object(members) }
            throw failure("unexpected \(describeCurrent()), expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws(Failure) -> JSONNode.Value {
        try enter()
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input, expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return .array(elements) }
            throw failure("unexpected \(describeCurrent()), expected ',' or ']'")
        }
    }

    private mutating func expectWord(_ word: String) throws(Failure) {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
            throw failure("unexpected \(describeCurrent()), expected a value")
        }
        index += w.count
    }

    private mutating func parseNumber() throws(Failure) -> String {
        let start = index
        func digits() -> Int {
            let s = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - s
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw failure("unexpected end of input in a number") }
        if bytes[index] == UInt8(ascii: "0") { index += 1 } else if digits() == 0 { throw failure("unexpected \(describeCurrent()) in a number") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { throw failure("expected digits after the decimal point") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { throw failure("expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        // RFC 8259 leaves the range to the reader; one that no Double holds (1e999) is refused here,
        // at its place, rather than by a decoder later without one.
        if let value = Double(text), !value.isFinite {
            let end = index
            index = start
            defer { index = end }
            throw failure("number \(text) is out of range")
        }
        return text
    }

    private mutating func parseString() throws(Failure) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw failure("unterminated string") }
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw failure("unterminated string") }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalarValue = try parseHex4()
                    if (0xD800...0xDBFF).contains(scalarValue) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw failure("lone surrogate \\u\(String(scalarValue, radix: 16, uppercase: true)) in a string")
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw failure("invalid surrogate pair in a string") }
                        scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalarValue) {
                        throw failure("lone surrogate \\u\(String(scalarValue, radix: 16, uppercase: true)) in a string")
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(scalarValue)!).utf8))
                default:
                    index -= 1
                    throw failure("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string")
                }
            case 0x00..<0x20:
                throw failure("control character U+\(hex(UInt32(b), digits: 4)) must be escaped in a string")
            default:
                out.append(b)
                index += 1
            }
        }
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw failure("invalid hex digit in a \\u escape")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    private func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
