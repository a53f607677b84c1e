import EventGraphCore

/// How different sources tell one story (issue 22). This first part gives the characterizations:
/// for each entity, every `cited-as` label, grouped by the outlet that printed it (or its owner, or
/// the speaker it quotes), with how many times, in how many articles, first and last dates, and
/// the sentences.
public struct SourceComparison: Sendable {
    /// What the characterizations are grouped by.
    public enum Grouping: String, Sendable, CaseIterable {
        /// The outlet of the article (its `source` field, `source_domain` or URL host).
        case source
        /// The outlet's owner when the outlet table knows it, else the outlet.
        case owner
        /// The speaker the article quotes (`by`), or the outlet in its own voice.
        case speaker
    }

    /// One label, as one group uses it for one entity.
    public struct Characterization: Hashable, Sendable {
        public var label: String
        /// The outlet, owner or speaker, by `Grouping`.
        public var group: String
        /// For `source` and `owner`: the speaker quoted saying it, nil when the outlet says it in
        /// its own voice. For `speaker`: the outlet that quotes the speaker (nil for an outlet's own
        /// voice, which the group names). Each is its own row, so counts never mix voices.
        public var via: String?
        /// Times said: distinct spans, one per sentence that says it.
        public var count: Int
        public var documents: [String]
        public var first: CalendarDay?
        public var last: CalendarDay?
        /// One piece of evidence per time said, in canonical order.
        public var evidence: [Evidence]
    }

    /// An entity and how it is called.
    public struct EntityCharacterizations: Hashable, Sendable {
        public var entity: Entity
        /// By label, then group, then via (code-point order; own voice first).
        public var characterizations: [Characterization]
    }

    public var grouping: Grouping
    /// Entities in id order; those nobody characterizes are left out.
    public var entities: [EntityCharacterizations]

    /// The outlet a speaker-less statement is attributed to under `speaker` grouping.
    static func ownVoice(_ outlet: String) -> String { "\(outlet) (own voice)" }

    /// The comparison of a graph, for the entities answering `entityQueries` (any name, alias or id;
    /// all entities when empty).
    public init(graph: Graph, grouping: Grouping, outlets: OutletTable, entityQueries: [String] = []) {
        self.grouping = grouping
        var outletOfDocument: [String: Outlet] = [:]
        var published: [String: CalendarDay] = [:]
        for document in graph.documents {
            outletOfDocument[document.id] = outlets.outlet(of: document) ?? Outlet(name: "(unknown outlet)")
            published[document.id] = document.published
        }
        var names: [String: String] = [:]
        for entity in graph.entities { names[entity.id] = entity.name }
        // (entity, label, group) → via names and evidence.
        struct Key: Hashable { var entity: String; var label: String; var group: String; var via: String? }
        var found: [Key: [Evidence]] = [:]
        for relation in graph.relations where relation.type == "cited-as" && relation.target == nil {
            guard let label = relation.label else { continue }
            let speaker = relation.by.map { names[$0] ?? $0 }
            for evidence in relation.evidence where !evidence.isArgumentEvidence {
                let outlet = outletOfDocument[evidence.document] ?? Outlet(name: "(unknown outlet)")
                let (group, via): (String, String?)
                switch grouping {
                case .source: (group, via) = (outlet.name, speaker)
                case .owner: (group, via) = (outlet.owner ?? outlet.name, speaker)
                case .speaker: (group, via) = (speaker ?? Self.ownVoice(outlet.name), speaker == nil ? nil : outlet.name)
                }
                found[Key(entity: relation.source, label: label, group: group, via: via), default: []].append(evidence)
            }
        }
        var byEntity: [String: [Characterization]] = [:]
        for (key, pieces) in found {
            let evidence = Self.oncePerSentence(pieces.canonical)
            let documents = Set(evidence.map(\.document)).sorted()
            let days = documents.compactMap { published[$0] }.sorted()
            byEntity[key.entity, default: []].append(Characterization(
                label: key.label, group: key.group, via: key.via, count: evidence.count, documents: documents,
                first: days.first, last: days.last, evidence: evidence))
        }
        entities = graph.entities.compactMap { entity in
            guard let list = byEntity[entity.id] else { return nil }
            guard entityQueries.isEmpty || entityQueries.contains(where: { Timeline.Filter.entity(entity, answers: $0) }) else { return nil }
            let sorted = list.sorted { a, b in
                let (x, y) = ([a.label, a.group, a.via ?? ""], [b.label, b.group, b.via ?? ""])
                return x.lexicographicallyPrecedes(y) { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            }
            return EntityCharacterizations(entity: entity, characterizations: sorted)
        }
    }

    /// One piece per (document, sentence): a relation read twice in one sentence by two rules is
    /// one time said.
    static func oncePerSentence(_ evidence: [Evidence]) -> [Evidence] {
        var seen = Set<[String]>()
        return evidence.filter { seen.insert([$0.document, String($0.sentence)]).inserted }
    }
}

// MARK: Rendering

extension SourceComparison {
    /// Plain text for a reader: an entity per block, a label per line, untrusted text made visible.
    public func text(evidence showEvidence: Bool = false) -> String {
        var lines: [String] = []
        for item in entities {
            lines.append("\(DisplayText.visible(item.entity.name)) (\(item.entity.id)): how it is called, by \(grouping.rawValue)")
            for c in item.characterizations {
                let dates = [c.first, c.last].compactMap { $0?.iso }
                let span = dates.isEmpty ? "undated" : dates[0] == dates[dates.count - 1] ? dates[0] : "\(dates[0]) to \(dates[dates.count - 1])"
                let via = c.via.map { (grouping == .speaker ? " in " : " via ") + DisplayText.visible($0) } ?? ""
                let articles = c.documents.count == 1 ? "1 article" : "\(c.documents.count) articles"
                lines.append("  \"\(DisplayText.visible(c.label))\"  \(DisplayText.visible(c.group)) ×\(c.count)\(via)  (\(articles), \(span))")
                if showEvidence {
                    for e in c.evidence { lines.append("      \(DisplayText.visible(e.document)) §\(e.sentence): \(DisplayText.visible(e.sentenceText))") }
                }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// JSON: sorted keys, every list in the comparison's order.
    public func json() -> [UInt8] {
        var json = JSONBytes(pretty: true)
        json.beginObject()
        json.key("by"); json.string(grouping.rawValue)
        json.key("entities"); json.beginArray()
        for item in entities {
            json.beginObject()
            json.key("characterizations"); json.beginArray()
            for c in item.characterizations { Self.write(c, to: &json) }
            json.endArray()
            json.key("id"); json.string(item.entity.id)
            json.key("name"); json.string(item.entity.name)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.out + [0x0A]
    }

    private static func write(_ c: Characterization, to json: inout JSONBytes) {
        json.beginObject()
        json.key("count"); json.int(c.count)
        json.key("documents"); json.strings(c.documents)
        json.key("evidence"); json.beginArray()
        for e in c.evidence {
            json.beginObject(inline: true)
            json.key("document"); json.string(e.document)
            json.key("sentence"); json.int(e.sentence)
            json.key("text"); json.string(e.sentenceText)
            json.endObject()
        }
        json.endArray()
        json.key("first"); json.string(c.first?.iso)
        json.key("group"); json.string(c.group)
        json.key("label"); json.string(c.label)
        json.key("last"); json.string(c.last?.iso)
        json.key("via"); json.string(c.via)
        json.endObject()
    }
}
