import EventGraphCore

/// A JSON value built in memory and written with keys in byte order, for exports whose shape is not a
/// `Codable` type. Writing it is a single pass over bytes: Foundation's `JSONSerialization` sorts
/// keys with a locale-style comparison and bridges every value, which made it most of a build's time.
enum JSONValue {
    case null
    case bool(Bool)
    /// A number, kept as its JSON text so that a value read from a resource is written back unchanged.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    static func int(_ value: Int) -> JSONValue { .number(String(value)) }
    static func double(_ value: Double) -> JSONValue {
        value == value.rounded() && abs(value) < 1e15 ? .number(String(Int(value))) : .number("\(value)")
    }
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    /// A value from the JSON parser, e.g. a context file shipped as a resource.
    init(_ node: JSONNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let text): self = .number(text)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(JSONValue.init))
        case .object(let members):
            var object: [String: JSONValue] = [:]
            for member in members { object[member.key] = JSONValue(member.value) }
            self = .object(object)
        }
    }

    /// Pretty-printed with two-space indentation, object keys sorted by their UTF-8 bytes, ending in a newline.
    func prettyBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(to: &out, indent: 0)
        out.append(0x0A)
        return out
    }

    func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): Self.writeString(text, to: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                out.append(contentsOf: index == 0 ? "\n".utf8 : ",\n".utf8)
                Self.writeIndent(indent + 1, to: &out)
                item.write(to: &out, indent: indent + 1)
            }
            out.append(0x0A)
            Self.writeIndent(indent, to: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in sorted.enumerated() {
                out.append(contentsOf: index == 0 ? "\n".utf8 : ",\n".utf8)
                Self.writeIndent(indent + 1, to: &out)
                Self.writeString(member.key, to: &out)
                out.append(contentsOf: ": ".utf8)
                member.value.write(to: &out, indent: indent + 1)
            }
            out.append(0x0A)
            Self.writeIndent(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeIndent(_ level: Int, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Escapes what JSON requires (quote, backslash, C0 controls) and leaves the rest as UTF-8.
    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        // Most strings need no escaping: copy them whole.
        let copied: Bool? = text.withUTF8 { bytes in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return nil }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == nil {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                case 0..<0x20:
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0F)])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
