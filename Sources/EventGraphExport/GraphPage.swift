import EventGraphCore

/// The entity-relation network of a graph as one self-contained HTML page, for a look before
/// opening Gephi: entities (coloured by type) and events as nodes, relations and participations as
/// edges, laid out by a deterministic force simulation; a search over names and aliases, filters by
/// entity, event and relation type, a time slider over the same bounds as the timeline, and the
/// evidence panel of the timeline page. Drawn by `Resources/page/graph.js`.
public enum GraphPage: GraphExporter {
    /// An entity's panel shows this many of its sentences; its facts' panels show the rest.
    static let passagesPerEntity = 12

    public static func write(_ graph: Graph, options: ExportOptions, to emit: ([UInt8]) throws -> Void) throws {
        try emit(Array(html(graph, title: options.title).utf8))
    }

    public static func html(_ graph: Graph, title: String) -> String {
        let names = Dictionary(uniqueKeysWithValues: graph.entities.map { ($0.id, $0.name) })
        let name: (String) -> String = { names[$0] ?? $0 }
        let citations = graph.documents.map(ArticleCitation.init)
        let articleIndex = Dictionary(uniqueKeysWithValues: graph.documents.enumerated().map { ($0.element.id, $0.offset) })
        let passage: (Passage) -> JSONValue = { HTMLPage.passageData($0, articleIndex: articleIndex) }
        let calledAs = calledAsLines(graph)
        var nodes: [JSONValue] = graph.entities.map { entity in
            let passages = Passage.of(entity.mentions)
            return .object([
                "calledAs": .array((calledAs[entity.id] ?? []).map { .array([.string($0.label), .string($0.voices)]) }),
                "id": .string(entity.id), "kind": .string("entity"), "type": .string(entity.type.rawValue), "label": .string(entity.name),
                "aliases": .strings(entity.aliases), "mentions": .int(entity.mentions.count), "sources": .int(entity.mentions.documents.count),
                "passages": .array(passages.prefix(passagesPerEntity).map(passage)), "morePassages": .int(max(0, passages.count - passagesPerEntity)),
            ])
        }
        nodes += graph.events.map { event in eventNode(event, name: name, passage: passage) }
        var edges: [JSONValue] = graph.relations.filter { $0.target != nil }.map { relationEdge($0, name: name, passage: passage) }
        for event in graph.events {
            for p in event.participants {
                edges.append(.object(["id": .string("\(event.id).\(p.role.rawValue).\(p.entity)"), "kind": .string("participant"),
                                      "type": .string("participant"), "role": .string(p.role.rawValue),
                                      "source": .string(event.id), "target": .string(p.entity), "label": .string(p.role.rawValue)]))
            }
        }
        let statements: [JSONValue] = graph.relations.filter { $0.target == nil }.map { relationEdge($0, name: name, passage: passage) }
        let data = JSONValue.object([
            "title": .string(title), "articles": HTMLPage.articlesData(citations), "nodes": .array(nodes), "edges": .array(edges),
            "statements": .array(statements),
            "entityTypes": .strings(Set(graph.entities.map(\.type.rawValue)).sorted()),
            "eventTypes": .strings(Set(graph.events.map(\.type)).sorted()),
            "relationTypes": .strings(Set(graph.relations.filter { $0.target != nil }.map(\.type)).sorted()),
        ])
        let summary = "\(graph.entities.count) entities, \(graph.events.count) events, \(graph.relations.count) relations from \(graph.documents.count) \(graph.documents.count == 1 ? "article" : "articles")"
        return HTMLPage.document(title: title, body: body(title: title, summary: summary), data: data, script: "graph.js")
    }

    /// Each entity's labels for its panel, by outlet through the shipped outlet table, as
    /// `compare --by source` gives them: a label and who uses it ("Mehr News Agency ×2; Mehr News
    /// Agency ×1 via Nasser Kanaani").
    static func calledAsLines(_ graph: Graph) -> [String: [(label: String, voices: String)]] {
        let outlets = OutletTable.shippedOrEmpty
        var lines: [String: [(label: String, voices: String)]] = [:]
        for item in SourceComparison.characterizations(of: graph, grouping: .source, outlets: outlets) {
            var byLabel: [(label: String, voices: [String])] = []
            for c in item.characterizations {
                let voice = "\(c.group) ×\(c.count)" + (c.via.map { " via \($0)" } ?? "")
                if byLabel.last?.label == c.label { byLabel[byLabel.count - 1].voices.append(voice) } else { byLabel.append((c.label, [voice])) }
            }
            lines[item.entity.id] = byLabel.map { ($0.label, $0.voices.joined(separator: "; ")) }
        }
        return lines
    }

    static func dates(_ interval: TemporalInterval?, into node: inout [String: JSONValue]) {
        guard let interval, interval.start != nil || interval.end != nil else { return }
        if let earliest = interval.earliest ?? interval.end?.earliest { node["earliest"] = .string(earliest.iso) }
        if let latest = interval.latest ?? interval.start?.latest, interval.end != nil || interval.isPoint { node["latest"] = .string(latest.iso) }
        node["openStart"] = .bool(interval.start == nil)
        node["openEnd"] = .bool(interval.end == nil)
        node["when"] = .string(Timeline.describe(interval))
    }

    static func eventNode(_ event: Event, name: (String) -> String, passage: (Passage) -> JSONValue) -> JSONValue {
        var node: [String: JSONValue] = [
            "id": .string(event.id), "kind": .string("event"), "type": .string(event.type), "label": .string(Headline.event(event, name: name)),
            "participants": .strings(event.participants.map { "\($0.role.rawValue): \(name($0.entity))" }),
            "sources": .int(event.evidence.documents.count), "passages": .array(Passage.of(event.evidence).map(passage)),
        ]
        dates(event.date.map(TemporalInterval.init(point:)), into: &node)
        if let date = event.date { node["precisionNote"] = .string(TimelinePage.pointNote(date)) }
        return .object(node)
    }

    static func relationEdge(_ relation: Relation, name: (String) -> String, passage: (Passage) -> JSONValue) -> JSONValue {
        var edge: [String: JSONValue] = [
            "id": .string(relation.id), "kind": .string("relation"), "type": .string(relation.type), "source": .string(relation.source),
            "label": .string(Headline.relation(relation, name: name)), "modality": .string(relation.modality.rawValue),
            "sources": .int(relation.evidence.documents.count), "passages": .array(Passage.of(relation.evidence).map(passage)),
        ]
        if let target = relation.target { edge["target"] = .string(target) }
        if let by = relation.by { edge["by"] = .string(name(by)) }
        dates(relation.time, into: &edge)
        return .object(edge)
    }

    static func body(title: String, summary: String) -> String {
        """
        <header><h1>\(HTMLPage.escape(title))</h1><p class="summary">\(HTMLPage.escape(summary))</p></header>
        <div class="controls" role="search">
        <input id="search" type="search" placeholder="Find: names or aliases, types, several words" aria-label="Find entities and facts" autocomplete="off">
        <output id="count" aria-live="polite"></output>
        <span class="zoom"><button id="zoom-out" type="button" aria-label="Zoom out">−</button><button id="zoom-in" type="button" aria-label="Zoom in">+</button><button id="zoom-fit" type="button">Fit</button></span>
        </div>
        <details class="filters-box" id="filters-box" open><summary>Types</summary><div class="filters" id="filters"></div></details>
        <div class="slider"><label for="range-from">From</label><input id="range-from" type="range" step="1"><label for="range-to">to</label><input id="range-to" type="range" step="1"><span id="range-label"></span><label><input id="hide-undated" type="checkbox"> hide undated facts</label></div>
        <div class="layout">
        <main>
        <div id="network" tabindex="0" aria-label="Network: scroll to zoom, drag to pan, select a node or an edge to read its evidence"></div>
        <p class="summary">Circles are entities (size: mentions), squares events; orange arrows are relations (dashed: reported by someone), grey lines link events to their participants. Undated facts stay in view at every time range unless hidden.</p>
        </main>
        <aside id="panel" aria-live="polite"></aside>
        </div>
        """
    }
}
