/// A JSON writer that appends straight to bytes, for outputs too large to build as a tree first
/// (the graph JSON of an archive). The caller writes object keys in sorted order.
///
/// Pretty output puts each member or element on its own line, except inside containers opened as
/// inline, which stay on one line (`{"a": 1, "b": 2}`): evidence and time values are read as one
/// record each, and a line per field made the graph JSON five times larger. Compact output has no
/// whitespace at all.
struct JSONBytes {
    var out: [UInt8] = []
    let pretty: Bool

    private struct Level {
        var inline: Bool
        var empty = true
    }
    private var levels: [Level] = []
    /// A key was just written: the next value follows it directly.
    private var afterKey = false

    init(pretty: Bool, capacity: Int = 1 << 16) {
        self.pretty = pretty
        out.reserveCapacity(capacity)
    }

    mutating func beginObject(inline: Bool = false) {
        startValue()
        out.append(UInt8(ascii: "{"))
        levels.append(Level(inline: inline || !pretty))
    }

    mutating func endObject() { end(UInt8(ascii: "}")) }

    mutating func beginArray(inline: Bool = false) {
        startValue()
        out.append(UInt8(ascii: "["))
        levels.append(Level(inline: inline || !pretty))
    }

    mutating func endArray() { end(UInt8(ascii: "]")) }

    mutating func key(_ name: String) {
        separate()
        JSONValue.writeString(name, to: &out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    mutating func string(_ text: String) {
        startValue()
        JSONValue.writeString(text, to: &out)
    }

    mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    mutating func int(_ value: Int) {
        startValue()
        out.append(contentsOf: String(value).utf8)
    }

    /// Integral values without a fraction (`1`, not `1.0`), as JSONEncoder wrote them.
    mutating func double(_ value: Double) {
        startValue()
        if value == value.rounded(), abs(value) < 1e15 {
            out.append(contentsOf: String(Int(value)).utf8)
        } else {
            out.append(contentsOf: "\(value)".utf8)
        }
    }

    mutating func null() {
        startValue()
        out.append(contentsOf: "null".utf8)
    }

    mutating func strings(_ values: [String], inline: Bool = true) {
        beginArray(inline: inline)
        for value in values { string(value) }
        endArray()
    }

    /// Ends the output with a newline (pretty files end in one; a JSONL record is followed by one).
    mutating func newline() { out.append(0x0A) }

    private mutating func startValue() {
        if afterKey {
            afterKey = false
        } else if !levels.isEmpty {
            separate()
        }
    }

    private mutating func separate() {
        guard !levels.isEmpty else { return }
        let level = levels[levels.count - 1]
        if !level.empty { out.append(UInt8(ascii: ",")) }
        if level.inline {
            if pretty, !level.empty { out.append(UInt8(ascii: " ")) }
        } else {
            out.append(0x0A)
            indent(levels.count)
        }
        levels[levels.count - 1].empty = false
    }

    private mutating func end(_ bracket: UInt8) {
        let level = levels.removeLast()
        if !level.inline, !level.empty {
            out.append(0x0A)
            indent(levels.count)
        }
        out.append(bracket)
    }

    private mutating func indent(_ depth: Int) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }
}
