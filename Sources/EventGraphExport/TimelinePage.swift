import EventGraphCore

/// The timeline as one self-contained HTML page: a zoomable time axis with lanes, each fact a mark
/// as wide as what is known of its date (a day a dot, a week or a decade a hatched bar, a
/// relation's interval a solid bar, an open end fading out), undated facts apart at the day they
/// were first reported; a filter over names and aliases, types, outlets, dates and several words
/// with "N of M shown"; a panel with each evidence sentence once, its spans marked, and the
/// outlet, title, date and link of its article. Drawn by `Resources/page/timeline.js`.
enum TimelinePage {
    static func html(_ timeline: Timeline, title: String) -> String {
        let entries = timeline.dated + timeline.undated
        let documents = Set(entries.flatMap { $0.passages.map(\.document) }).sorted()
        let articleIndex = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($0.element, $0.offset) })
        let data = JSONValue.object([
            "title": .string(title),
            "articles": HTMLPage.articlesData(documents.map(timeline.citation)),
            "items": .array(entries.enumerated().map { item(for: $0.element, order: $0.offset, articleIndex: articleIndex) }),
        ])
        let articles = Set(entries.flatMap { $0.evidence.documents }).count
        let summary = "\(entries.count) facts from \(articles) \(articles == 1 ? "article" : "articles"): \(timeline.dated.count) dated, \(timeline.undated.count) undated"
        return HTMLPage.document(title: title, body: body(title: title, summary: summary), data: data, script: "timeline.js")
    }

    static func item(for e: Timeline.Entry, order: Int, articleIndex: [String: Int]) -> JSONValue {
        var node: [String: JSONValue] = [
            "id": .string(e.id), "kind": .string(e.kind.rawValue), "type": .string(e.type), "headline": .string(e.headline),
            "details": .string(TimelineRenderer.details(e)), "modality": .string(e.modality.rawValue), "sources": .int(e.sources),
            "participants": .strings(e.participants), "names": .strings(e.names), "outlets": .strings(e.outlets), "order": .int(order),
            "precisionNote": .string(precisionNote(e)),
            "passages": .array(e.passages.map { HTMLPage.passageData($0, articleIndex: articleIndex) }),
        ]
        if let when = e.when { node["when"] = .string(when) }
        if let actor = e.mainActor { node["actor"] = .string(actor) }
        if let reported = e.reportedOn { node["reportedOn"] = .string(reported) }
        if let interval = e.interval {
            if let earliest = interval.earliest ?? interval.end?.earliest { node["earliest"] = .string(earliest.iso) }
            if let latest = interval.latest ?? (interval.end == nil ? nil : interval.start?.latest) { node["latest"] = .string(latest.iso) }
            if let precision = (interval.start ?? interval.end)?.precision { node["precision"] = .string(precision.rawValue) }
            node["openStart"] = .bool(interval.start == nil)
            node["openEnd"] = .bool(interval.end == nil)
        }
        return .object(node)
    }

    /// What the mark's width means, in words: "some day in 2023-06-19 … 2023-06-25 (known to the week)".
    static func precisionNote(_ e: Timeline.Entry) -> String {
        guard let interval = e.interval, interval.start != nil || interval.end != nil else {
            return "no date in the text; shown at the day the first article reporting it was published" + (e.reportedOn.map { " (\($0))" } ?? "")
        }
        if e.kind == .event, let value = interval.start {
            return pointNote(value)
        }
        switch (interval.start, interval.end) {
        case let (s?, en?) where s == en: return "holds at " + pointNote(s)
        case let (s?, en?): return "holds from \(bound(s, first: true)) to \(bound(en, first: false))"
        case let (s?, nil): return "holds from \(bound(s, first: true)); no end given"
        case let (nil, en?): return "holds until \(bound(en, first: false)); no start given"
        default: return ""
        }
    }

    static func pointNote(_ value: TimeValue) -> String {
        guard let earliest = value.earliest, let latest = value.latest else { return "date \(value.value)" }
        switch value.precision {
        case .day?, .time?: return "on \(earliest.iso) (exact day)"
        default:
            let unit = value.precision?.rawValue ?? "period"
            return "some day between \(earliest.iso) and \(latest.iso) (the text gives the \(unit), \(value.displayText))"
        }
    }

    static func bound(_ value: TimeValue, first: Bool) -> String {
        let day = first ? value.earliest : value.latest
        switch value.precision {
        case .day?, .time?, nil: return day?.iso ?? value.value
        default: return "\(value.displayText) (\(value.precision!.rawValue))"
        }
    }

    static func body(title: String, summary: String) -> String {
        """
        <header><h1>\(HTMLPage.escape(title))</h1><p class="summary">\(HTMLPage.escape(summary))</p></header>
        <div class="controls" role="search">
        <input id="filter" type="search" placeholder="Filter: names or aliases, types, outlets, dates (2023-06), several words" aria-label="Filter the facts" autocomplete="off">
        <output id="count" aria-live="polite"></output>
        <label>Lanes <select id="lanes"><option value="type">by type</option><option value="entity">by main actor</option><option value="outlet">by outlet</option><option value="kind">events / relations</option><option value="none">one lane</option></select></label>
        <span class="zoom"><button id="zoom-out" type="button" title="Zoom out (-)" aria-label="Zoom out">−</button><button id="zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button><button id="zoom-fit" type="button" title="Show everything">Fit</button></span>
        </div>
        <div class="layout">
        <main>
        <div id="chart" tabindex="0" aria-label="Time axis: scroll to zoom, drag or use the arrow keys to pan"></div>
        \(legend)
        <h2 class="list-title">Facts in time order</h2>
        <ol id="list"></ol>
        </main>
        <aside id="panel" aria-live="polite"></aside>
        </div>
        """
    }

    static let legend = """
        <details class="legend" open><summary>Legend</summary><ul>
        <li><svg width="16" height="14" aria-hidden="true"><circle cx="8" cy="7" r="5" fill="#2f5fb3"/></svg>event on a known day</li>
        <li><svg width="34" height="14" aria-hidden="true"><defs><pattern id="legend-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="#fff"/><line x1="0" y1="0" x2="0" y2="5" stroke="#2f5fb3" stroke-width="2.5" opacity="0.55"/></pattern></defs><rect x="1" y="1" width="32" height="12" rx="2" fill="url(#legend-hatch)" stroke="#2f5fb3"/></svg>event on some day in this span (date known only to the week, month, year, decade)</li>
        <li><svg width="34" height="14" aria-hidden="true"><rect x="1" y="3" width="32" height="8" rx="4" fill="#c26a00"/></svg>relation holding over this span</li>
        <li><svg width="34" height="14" aria-hidden="true"><defs><linearGradient id="legend-fade"><stop offset="0" stop-color="#c26a00"/><stop offset="1" stop-color="#c26a00" stop-opacity="0.1"/></linearGradient></defs><rect x="1" y="3" width="32" height="8" rx="4" fill="url(#legend-fade)"/></svg>open end (“since 2016”): no end given</li>
        <li><svg width="16" height="14" aria-hidden="true"><circle cx="8" cy="7" r="5" fill="#fff" stroke="#2f5fb3" stroke-width="1.5" stroke-dasharray="2 2"/></svg>undated: at the day it was first reported</li>
        <li><svg width="34" height="14" aria-hidden="true"><rect x="1" y="3" width="32" height="8" rx="4" fill="#fff" stroke="#c26a00" stroke-dasharray="3 2"/></svg>dashed: reported by someone, not asserted</li>
        </ul></details>
        """
}
