import EventGraphCore
import Foundation

/// Renders a timeline as terminal text, Markdown, JSON, a self-contained HTML page, or TimelineJS 3
/// JSON.
public enum TimelineFormat: String, CaseIterable, Sendable {
    case text, markdown, json, html, timelinejs
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
        if let place = e.place { parts.append("in \(place)") }
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
                for ev in e.evidence where !ev.isArgumentEvidence {
                    lines += wrap(String(repeating: " ", count: when + 2) + "· " + DisplayText.visible(ev.sentenceText + " [\(ev.document)]"), width: o.width, indent: when + 4, visibleHeadWidth: 0, painted: false)
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
                for ev in e.evidence where !ev.isArgumentEvidence { lines.append("  - \(cell(ev.sentenceText)) — \(cell(ev.document))") }
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

    /// One self-contained page: no network, no CDN; a vertical axis, a filter box, each item with its
    /// evidence.
    static func html(_ t: Timeline, _ o: Options) -> String {
        func item(_ e: Timeline.Entry, label: String) -> String {
            let evidence = e.evidence.filter { !$0.isArgumentEvidence }.map { ev in
                "<li><q>\(escapeHTML(ev.sentenceText))</q> <span class=\"doc\">\(escapeHTML(ev.document))</span> <code>\(escapeHTML(ev.rule))</code></li>"
            }.joined()
            return """
                <li class="item \(escapeHTML(e.kind.rawValue))" id="\(escapeHTML(e.id))" data-search="\(escapeHTML((e.headline + " " + e.participants.joined(separator: " ") + " " + e.type).lowercased()))">
                <div class="when">\(escapeHTML(label))</div>
                <div class="what"><a href="#\(escapeHTML(e.id))">\(escapeHTML(e.headline))</a> <span class="details">\(escapeHTML(details(e)))</span>
                <details><summary>evidence</summary><ul>\(evidence)</ul></details></div>
                </li>
                """
        }
        let dated = t.dated.map { item($0, label: $0.when ?? "") }.joined(separator: "\n")
        let undated = t.undated.map { item($0, label: "reported \($0.reportedOn ?? "?")") }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escapeHTML(o.title))</title>
            <style>
            body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; background: #fff; }
            h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
            #filter { width: 100%; font-size: 1rem; padding: .4rem; margin-bottom: 1rem; box-sizing: border-box; }
            ol.axis { list-style: none; padding-left: 0; border-left: 3px solid #4a7bb7; }
            .item { position: relative; margin: 0 0 1rem 0; padding-left: 1.2rem; }
            .item::before { content: ""; position: absolute; left: -8px; top: .4rem; width: 13px; height: 13px; border-radius: 50%; background: #4a7bb7; }
            .item.relation::before { background: #e08a1e; }
            .when { font-weight: 600; color: #4a7bb7; }
            .details { color: #666; font-size: .9em; }
            .doc { color: #888; font-size: .85em; } code { font-size: .8em; color: #999; }
            .hidden { display: none; }
            </style>
            </head>
            <body>
            <h1>\(escapeHTML(o.title))</h1>
            <input id="filter" type="search" placeholder="Filter by name, type or words" aria-label="Filter">
            <ol class="axis">
            \(dated)
            </ol>
            <h2>Undated</h2>
            <ol class="axis undated">
            \(undated)
            </ol>
            <script>
            (function () {
              var box = document.getElementById("filter");
              box.addEventListener("input", function () {
                var q = box.value.toLowerCase();
                document.querySelectorAll(".item").forEach(function (el) {
                  el.classList.toggle("hidden", q !== "" && el.getAttribute("data-search").indexOf(q) < 0);
                });
              });
            })();
            </script>
            </body>
            </html>

            """
    }
}
