import EventGraphCore
import Foundation

/// Renders graph changes as a changelog (text or Markdown), a JSON patch-like list, or counts.
public enum DiffFormatter {
    static func sign(_ kind: Change.Kind) -> String {
        switch kind {
        case .added: return "+"
        case .removed: return "-"
        case .merged: return "="
        case .split: return "<"
        case .changed, .dateMoved, .corroborated: return "~"
        }
    }

    /// One change after its sign; every name, title and value in it passes through `field` (the
    /// text or Markdown escape), so that a newline in a file name cannot start a line of its own.
    static func line(_ c: Change, field: (String) -> String) -> String {
        var text = "\(c.subject.rawValue) \(field(c.summary))"
        if c.kind == .dateMoved { text += " (date moved)" }
        if c.kind == .corroborated { text += " (corroborated)" }
        if !c.attributes.isEmpty { text += ": " + c.attributes.map { "\(field($0.name)) \(field($0.old)) → \(field($0.new))" }.joined(separator: ", ") }
        return text
    }

    /// Grouped by cause: the articles that brought each change.
    public static func text(_ changes: [Change]) -> String {
        var out: [String] = []
        for (cause, group) in grouped(changes) {
            out.append("# \(DisplayText.visible(cause))")
            out += group.map { "\(sign($0.kind)) " + line($0, field: DisplayText.visible) }
        }
        return out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ changes: [Change]) -> String {
        var out: [String] = []
        for (cause, group) in grouped(changes) {
            out.append("## \(DisplayText.markdown(cause))")
            out.append("")
            out += group.map { "- `\(sign($0.kind))` " + line($0, field: DisplayText.markdown) }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    public static func json(_ changes: [Change]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(changes), as: UTF8.self) + "\n"
    }

    public static func stat(_ changes: [Change]) -> String {
        var lines: [String] = []
        for subject in Change.Subject.allCases {
            let mine = changes.filter { $0.subject == subject }
            guard !mine.isEmpty else { continue }
            let counts = Change.Kind.allCases.compactMap { kind -> String? in
                let n = mine.filter { $0.kind == kind }.count
                return n == 0 ? nil : "\(n) \(kind.rawValue)"
            }
            let plural = subject == .entity ? "entities" : subject.rawValue + "s"
            lines.append("\(plural): " + counts.joined(separator: ", "))
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    static func grouped(_ changes: [Change]) -> [(String, [Change])] {
        let groups = Dictionary(grouping: changes) { c in c.causes.isEmpty ? "other changes" : "caused by " + c.causes.joined(separator: ", ") }
        return groups.keys.sorted().map { ($0, groups[$0]!.sorted()) }
    }
}
