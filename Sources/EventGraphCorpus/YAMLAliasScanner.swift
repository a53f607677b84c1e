/// Finds YAML aliases (`*name`) before Yams composes a document.
///
/// Front matter and overrides are flat files of names and dates that never need an alias, and
/// aliases are what a YAML bomb is made of: ten anchors of ten aliases each, used as a repeated
/// mapping key, make Yams' duplicate-key check compare 10^10 nodes and hang. So an alias is
/// refused, with its line and column, before any composing.
///
/// This is a scanner of the token positions where a node may start, not a YAML parser: it skips
/// quoted scalars (single, double, across lines), comments and block scalars (`|`, `>`), and
/// takes `*` as an alias only where a node begins (after indentation, `- `, `? `, `: `, a tag or
/// anchor, or inside a flow collection after `[`, `{` or `,`). A `*` inside plain text
/// (`title: 5 * 3`, `Hello, *world*`) is text.
enum YAMLAliasScanner {
    /// The 1-based line and column (in Unicode scalars) of the first alias, or nil.
    static func firstAlias(in yaml: String) -> (line: Int, column: Int)? {
        var state = State()
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars.filter { $0 != "\r" })
            if let column = state.scan(scalars) { return (index + 1, column + 1) }
        }
        return nil
    }

    private struct State {
        var inSingle = false
        var inDouble = false
        var flowDepth = 0
        /// The indentation of the line that opened a block scalar, whose more indented lines are text.
        var blockParentIndent: Int?

        /// The column of an alias in this line, updating the state across lines.
        mutating func scan(_ line: [Unicode.Scalar]) -> Int? {
            let indent = line.prefix { $0 == " " }.count
            if let parent = blockParentIndent {
                if indent == line.count || indent > parent { return nil }
                blockParentIndent = nil
            }
            var expectNode = !inSingle && !inDouble
            var column = 0
            func next(_ offset: Int = 1) -> Unicode.Scalar? { column + offset < line.count ? line[column + offset] : nil }
            func isBreak(_ s: Unicode.Scalar?) -> Bool { s == nil || s == " " || s == "\t" }
            while column < line.count {
                let c = line[column]
                defer { column += 1 }
                if inDouble {
                    if c == "\\" { column += 1 } else if c == "\"" { inDouble = false }
                    continue
                }
                if inSingle {
                    if c == "'" { if next() == "'" { column += 1 } else { inSingle = false } }
                    continue
                }
                if c == "#", column == 0 || isBreak(line[column - 1]) { return nil }
                if expectNode {
                    switch c {
                    case " ", "\t": continue
                    case "*": return column
                    case "&", "!":
                        while column + 1 < line.count, !isBreak(line[column + 1]) { column += 1 }
                        continue
                    case "\"": inDouble = true; expectNode = false; continue
                    case "'": inSingle = true; expectNode = false; continue
                    case "-", "?", ":":
                        if isBreak(next()) { continue }
                        expectNode = false
                    case "[", "{": flowDepth += 1; continue
                    case "|", ">":
                        let rest = line[(column + 1)...].drop { "+-0123456789".unicodeScalars.contains($0) }
                        if rest.allSatisfy({ $0 == " " || $0 == "\t" }) || rest.drop(while: { $0 == " " }).first == "#" {
                            blockParentIndent = indent
                            return nil
                        }
                        expectNode = false
                    default: expectNode = false
                    }
                }
                // Inside a plain scalar: only a mapping colon, or flow punctuation, starts a node.
                if c == ":" && (isBreak(next()) || (flowDepth > 0 && [",", "]", "}"].contains(next()))) {
                    expectNode = true
                } else if flowDepth > 0 {
                    switch c {
                    case ",": expectNode = true
                    case "[", "{": flowDepth += 1; expectNode = true
                    case "]", "}": flowDepth -= 1
                    default: break
                    }
                }
            }
            return nil
        }
    }
}
