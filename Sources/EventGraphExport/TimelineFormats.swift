import EventGraphCore
import Foundation

/// Renders a timeline as terminal text, Markdown, JSON, a self-contained HTML page, or TimelineJS 3
/// JSON.
public enum TimelineFormat: String, CaseIterable, Sendable {
    case text, markdown, json, html, timelinejs

    /// A few words for help texts.
    public var summary: String {
        switch self {
        case .text: "for a terminal (colour only on one, never with NO_COLOR)"
        case .markdown: "a table, and the evidence with --evidence"
        case .json: "the entries with all their evidence"
        case .html: "one self-contained page: a zoomable time axis, a filter and an evidence panel"
        case .timelinejs: "TimelineJS 3 JSON"
        }
    }
}

public enum TimelineRenderer {
    public struct Options: Sendable {
        public var evidence: Bool
        /// Wrap text lines at this width (0: no wrapping).
        public var width: Int
        public var color: Bool
        public var title: String

        public init(evidence: Bool = false, width: Int = 0, color: Bool = false, title: String = "EventGraph timeline") {
            self.evidence = evidence
            self.width = width
            self.color = color
            self.title = title
        }
    }

    public static func render(_ timeline: Timeline, as format: TimelineFormat, options: Options = Options()) -> String {
        switch format {
        case .text: return text(timeline, options)
        case .markdown: return markdown(timeline, options)
        case .json: return json(timeline)
        case .html: return html(timeline, options)
        case .timelinejs: return timelineJS(timeline, options)
        }
    }

    /// The detail after the headline: place, attribution, modality, sources.
    static func details(_ e: Timeline.Entry) -> String {
        var parts: [String] = []
        if let place = e.place, !e.headline.hasSuffix(" in \(place)") { parts.append("in \(place)") }
        if let attribution = e.attribution { parts.append(attribution) }
        if e.modality != .asserted { parts.append(e.modality.rawValue) }
        parts.append(e.sources == 1 ? "1 source" : "\(e.sources) sources")
        return parts.joined(separator: "; ")
    }

    // MARK: Text

    static func text(_ t: Timeline, _ o: Options) -> String {
        var lines: [String] = []
        let when = (t.dated.compactMap(\.when) + t.undated.map { "(\($0.reportedOn ?? "?"))" }).map(\.count).max() ?? 10
        func paint(_ s: String, _ code: String) -> String { o.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        // Everything but the colour codes comes from articles: made visible before it is painted.
        func emit(_ label: String, _ e: Timeline.Entry) {
            let head = DisplayText.visible(label).padding(toLength: when, withPad: " ", startingAt: 0)
            let body = DisplayText.visible("\(e.headline) (\(details(e)))")
            lines += wrap(paint(head, "1;36") + "  " + body, width: o.width, indent: when + 2, visibleHeadWidth: when + 2, painted: o.color)
            if o.evidence {
                let indent = String(repeating: " ", count: when + 2)
                for passage in e.passages {
                    let quote = passage.segments.map { segment in
                        let shown = DisplayText.visible(segment.text)
                        guard segment.marked else { return shown }
                        return o.color ? "\u{1B}[1;4m" + shown + "\u{1B}[22;24m" : "«" + shown + "»"
                    }.joined()
                    lines += wrap(indent + "· “" + quote + "”", width: o.width, indent: when + 4, visibleHeadWidth: 0, painted: o.color)
                    lines += wrap(indent + "  " + paint(DisplayText.visible(t.citation(passage.document).line), "2"), width: o.width, indent: when + 4, visibleHeadWidth: 0, painted: o.color)
                }
            }
        }
        for e in t.dated { emit(e.when ?? "", e) }
        if !t.undated.isEmpty {
            lines.append("")
            lines.append(paint("Undated", "1"))
            for e in t.undated { emit("(\(e.reportedOn ?? "?"))", e) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Word-wraps one line; continuation lines are indented.
    static func wrap(_ line: String, width: Int, indent: Int, visibleHeadWidth: Int, painted: Bool) -> [String] {
        guard width > 20 else { return [line] }
        let visible = painted ? line.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) : line
        guard visible.count > width else { return [line] }
        var result: [String] = []
        var current = ""
        var currentVisible = 0
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            let w = String(word)
            let wVisible = painted ? w.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression).count : w.count
            if currentVisible + wVisible + 1 > width && currentVisible > indent {
                result.append(current)
                current = String(repeating: " ", count: indent) + w
                currentVisible = indent + wVisible
            } else {
                current += current.isEmpty ? w : " " + w
                currentVisible += (currentVisible == 0 ? 0 : 1) + wVisible
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    // MARK: Markdown

    static func markdown(_ t: Timeline, _ o: Options) -> String {
        // Every field is text, never markup: `DisplayText.markdown` escapes pipes, HTML, link and
        // emphasis syntax, and shows newlines and controls as visible escapes.
        let cell = DisplayText.markdown
        var lines = ["# \(cell(o.title))", "", "| When | What | Details |", "|---|---|---|"]
        for e in t.dated { lines.append("| \(cell(e.when ?? "")) | \(cell(e.headline)) | \(cell(details(e))) |") }
        if !t.undated.isEmpty {
            lines += ["", "## Undated", "", "| Reported | What | Details |", "|---|---|---|"]
            for e in t.undated { lines.append("| \(cell(e.reportedOn ?? "")) | \(cell(e.headline)) | \(cell(details(e))) |") }
        }
        if o.evidence {
            lines += ["", "## Evidence", ""]
            for e in t.dated + t.undated {
                // Ids are our own slugs (letters, digits, '-', ':'), safe in a code span.
                lines.append("- **\(cell(e.headline))** (`\(e.id)`)")
                for passage in e.passages {
                    let quote = passage.segments.map { $0.marked ? "**" + cell($0.text) + "**" : cell($0.text) }.joined()
                    lines.append("  - “\(quote)” — \(cell(t.citation(passage.document).line))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    struct JSONEntry: Encodable {
        var id: String
        var kind: String
        var type: String
        var when: String?
        var earliest: String?
        var latest: String?
        var headline: String
        var participants: [String]
        var place: String?
        var attribution: String?
        var modality: String
        var sources: Int
        var reportedOn: String?
        var evidence: [Evidence]
    }

    static func jsonEntry(_ e: Timeline.Entry) -> JSONEntry {
        JSONEntry(id: e.id, kind: e.kind.rawValue, type: e.type, when: e.when, earliest: (e.interval?.earliest ?? e.interval?.end?.earliest)?.iso,
                  latest: e.interval?.latest?.iso, headline: e.headline, participants: e.participants, place: e.place,
                  attribution: e.attribution, modality: e.modality.rawValue, sources: e.sources, reportedOn: e.reportedOn, evidence: e.evidence)
    }

    static func json(_ t: Timeline) -> String {
        struct File: Encodable { var dated: [JSONEntry]; var undated: [JSONEntry] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(File(dated: t.dated.map(jsonEntry), undated: t.undated.map(jsonEntry))), as: UTF8.self) + "\n"
    }

    // MARK: TimelineJS

    /// TimelineJS 3's JSON: dates only as precise as known (year, or year and month), our ids as
    /// `unique_id`, the main actor as `group`, every string HTML-escaped.
    static func timelineJS(_ t: Timeline, _ o: Options) -> String {
        func date(_ day: CalendarDay?, _ precision: TimePrecision?) -> JSONValue? {
            guard let day else { return nil }
            switch precision {
            case .century?, .decade?, .year?: return .object(["year": .string(String(day.year))])
            case .half?, .season?, .quarter?, .month?: return .object(["year": .string(String(day.year)), "month": .string(String(day.month))])
            default: return .object(["year": .string(String(day.year)), "month": .string(String(day.month)), "day": .string(String(day.day))])
            }
        }
        var events: [JSONValue] = []
        for e in t.dated {
            let startValue = e.interval?.start
            let endValue = e.interval?.end
            var item: [String: JSONValue] = [
                "unique_id": .string(e.id),
                "text": .object(["headline": .string(escapeHTML(e.headline)), "text": .string(escapeHTML(details(e) + (e.when.map { " (\($0))" } ?? "")))]),
            ]
            if let start = date(startValue?.earliest ?? endValue?.earliest, startValue?.precision ?? endValue?.precision) { item["start_date"] = start }
            let endDay = e.interval?.latest
            if let endDay, endDay != (startValue?.earliest), let end = date(endDay, endValue?.precision ?? startValue?.precision) { item["end_date"] = end }
            if let group = e.mainActor { item["group"] = .string(escapeHTML(group)) }
            events.append(.object(item))
        }
        let root = JSONValue.object(["title": .object(["text": .object(["headline": .string(escapeHTML(o.title))])]), "events": .array(events)])
        return String(decoding: root.prettyBytes(), as: UTF8.self)
    }

    // MARK: HTML

    static func escapeHTML(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// One self-contained page: see `TimelinePage`. Evidence is always on the page (in the panel).
    static func html(_ t: Timeline, _ o: Options) -> String { TimelinePage.html(t, title: o.title) }
}
