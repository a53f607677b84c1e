import EventGraphCore

/// The graph as a network with typed attributes: entities, events and text objects as nodes,
/// relations and event participations as edges. GraphML and GEXF both write this one table, so
/// that the two files carry the same columns under the same names and the same labels.
///
/// Edges between the same two nodes (a pair of entities with several relation types, or the same
/// relation by several speakers) get a `kind` and a label unique within the pair: Gephi merges
/// parallel edges on import unless their kind (GEXF's edge type) differs.
struct NetworkTable {
    enum ValueType {
        case string, int, long, double

        var graphML: String {
            switch self {
            case .string: "string"
            case .int: "int"
            case .long: "long"
            case .double: "double"
            }
        }

        var gexf: String {
            switch self {
            case .string: "string"
            case .int: "integer"
            case .long: "long"
            case .double: "double"
            }
        }
    }

    struct Attribute {
        var name: String
        var type: ValueType
    }

    /// A node or an edge: its label, its attribute values by name, and the days it spans.
    struct Item {
        var id: String
        var label: String
        var source = ""
        var target = ""
        var kind = ""
        var values: [String: String] = [:]
        var start: CalendarDay?
        var end: CalendarDay?
    }

    static let nodeAttributes: [Attribute] = [
        .init(name: "kind", type: .string), .init(name: "type", type: .string), .init(name: "aliases", type: .string),
        .init(name: "mentions", type: .int), .init(name: "sources", type: .int), .init(name: "date", type: .string),
        .init(name: "precision", type: .string), .init(name: "earliest", type: .string), .init(name: "latest", type: .string),
        .init(name: "earliest_day", type: .long), .init(name: "latest_day", type: .long), .init(name: "confidence", type: .double),
    ]

    static let edgeAttributes: [Attribute] = [
        .init(name: "kind", type: .string), .init(name: "type", type: .string), .init(name: "role", type: .string),
        .init(name: "text", type: .string), .init(name: "by", type: .string), .init(name: "modality", type: .string),
        .init(name: "time", type: .string), .init(name: "earliest", type: .string), .init(name: "latest", type: .string),
        .init(name: "earliest_day", type: .long), .init(name: "latest_day", type: .long), .init(name: "confidence", type: .double),
        .init(name: "sources", type: .int), .init(name: "rule", type: .string),
    ]

    var nodes: [Item] = []
    var edges: [Item] = []

    init(_ graph: Graph) {
        let names = Dictionary(uniqueKeysWithValues: graph.entities.map { ($0.id, $0.name) })
        let name: (String) -> String = { names[$0] ?? $0 }
        nodes = graph.entities.map(Self.entityNode) + graph.events.map { Self.eventNode($0, name: name) } + Self.textNodes(graph)
        edges = Self.distinguishParallel(graph.relations.map { Self.relationEdge($0, name: name) })
            + graph.events.flatMap { Self.participantEdges($0) }
    }

    static func textID(_ text: String) -> String { "text:" + StableID.shortHash([text]) }

    static func entityNode(_ entity: Entity) -> Item {
        Item(id: entity.id, label: entity.name, values: [
            "kind": "entity", "type": entity.type.rawValue, "aliases": entity.aliases.joined(separator: "|"),
            "mentions": String(entity.mentions.count), "sources": String(entity.mentions.documentCount),
        ])
    }

    /// Labelled by what happened and when: "Albanian police raided MKO (20 June 2023)".
    static func eventNode(_ event: Event, name: (String) -> String) -> Item {
        let headline = Headline.event(event, name: name)
        var item = Item(id: event.id, label: event.date.map { "\(headline) (\($0.displayText))" } ?? headline, values: [
            "kind": "event", "type": event.type, "mentions": String(event.evidence.count),
            "sources": String(event.evidence.documentCount), "confidence": String(event.confidence),
        ])
        if let date = event.date {
            item.values["date"] = date.value
            if let precision = date.precision { item.values["precision"] = precision.rawValue }
            item.setBounds(date.earliest, date.latest)
        }
        return item
    }

    /// One node per distinct text that a relation points to (a characterization, a statement).
    static func textNodes(_ graph: Graph) -> [Item] {
        var texts: [String: String] = [:]
        for relation in graph.relations where relation.target == nil {
            let text = relation.label ?? ""
            texts[textID(text)] = text
        }
        return texts.keys.sorted().map { Item(id: $0, label: texts[$0] ?? "", values: ["kind": "text"]) }
    }

    static func relationEdge(_ relation: Relation, name: (String) -> String) -> Item {
        var item = Item(id: relation.id, label: relation.type + (relation.label.map { ": \($0)" } ?? ""), source: relation.source, target: relation.target ?? textID(relation.label ?? ""),
                        kind: relation.type, values: [
                            "type": relation.type, "modality": relation.modality.rawValue, "confidence": String(relation.confidence),
                            "sources": String(relation.evidence.documentCount),
                        ])
        if let label = relation.label { item.values["text"] = label }
        if let by = relation.by { item.values["by"] = name(by) }
        if let rule = relation.rule { item.values["rule"] = rule }
        if let time = relation.time {
            item.values["time"] = time.normalizedText
            item.setBounds(time.earliest, time.latest)
        }
        return item
    }

    static func participantEdges(_ event: Event) -> [Item] {
        event.participants.map { p in
            var item = Item(id: "\(event.id).\(p.role.rawValue).\(p.entity)", label: p.role.rawValue, source: event.id, target: p.entity,
                            kind: "participant " + p.role.rawValue, values: ["type": "participant", "role": p.role.rawValue])
            item.setBounds(event.date?.earliest, event.date?.latest)
            return item
        }
    }

    /// Gives every edge a kind and label unique among the edges of its (source, target) pair: the
    /// type alone when it is the only one of its type there, else the type with what tells the
    /// edges apart (the speaker, the modality, the time), and an ordinal as the last resort.
    static func distinguishParallel(_ edges: [Item]) -> [Item] {
        var byPairAndType: [String: [Int]] = [:]
        for (i, edge) in edges.enumerated() { byPairAndType["\(edge.source)\u{1F}\(edge.target)\u{1F}\(edge.kind)", default: []].append(i) }
        var result = edges
        for key in byPairAndType.keys.sorted() {
            guard let indices = byPairAndType[key], indices.count > 1 else { continue }
            var used: Set<String> = []
            for i in indices.sorted(by: { edges[$0].id < edges[$1].id }) {
                let edge = edges[i]
                var parts = [edge.kind]
                if let by = edge.values["by"] { parts.append("by " + by) }
                if let modality = edge.values["modality"], modality != Modality.asserted.rawValue { parts.append(modality) }
                if let time = edge.values["time"] { parts.append(time) }
                if let text = edge.values["text"] { parts.append("“\(text.prefix(40))”") }
                var kind = parts.joined(separator: " · ")
                var ordinal = 2
                while used.contains(kind) {
                    kind = parts.joined(separator: " · ") + " #\(ordinal)"
                    ordinal += 1
                }
                used.insert(kind)
                result[i].kind = kind
                result[i].label = kind
            }
        }
        return result
    }
}

extension NetworkTable.Item {
    /// The ISO days and day numbers of a date's bounds, and the span Gephi's timeline plays.
    mutating func setBounds(_ earliest: CalendarDay?, _ latest: CalendarDay?) {
        if let earliest {
            values["earliest"] = earliest.iso
            values["earliest_day"] = String(earliest.dayNumber)
            start = earliest
        }
        if let latest {
            values["latest"] = latest.iso
            values["latest_day"] = String(latest.dayNumber)
            end = latest
        }
    }
}
