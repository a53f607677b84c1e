import EventGraphCore

/// Turns gold annotations into a graph, as a perfect extractor would have built it. The scorer must
/// give this graph 1.0 everywhere: the test that keeps the scorer honest.
public enum GoldGraph {
    static let rule = "gold.annotation"

    public static func make(from files: [GoldFile]) -> Graph {
        Graph.merge(files.map(fragment))
    }

    static func fragment(_ gold: GoldFile) -> Graph {
        let doc = gold.document
        var offset = 0
        /// Evidence at a made-up, increasing offset: gold files carry quotes, not positions.
        func evidence(_ text: String) -> Evidence {
            let length = text.unicodeScalars.count
            defer { offset += length + 1 }
            return Evidence(document: doc, sentence: 0, start: offset, end: offset + length, byteStart: offset,
                            byteEnd: offset + text.utf8.count, text: text, sentenceText: text, rule: rule, confidence: 1)
        }
        var ids: [String: String] = [:]
        let entities: [Entity] = gold.entities.map { g in
            let name = Entity.canonicalName(among: g.names) ?? g.key
            let entity = Entity(type: g.type, name: name, aliases: g.names, mentions: g.names.map(evidence))
            ids[g.key] = entity.id
            return entity
        }
        let timexes: [Timex] = gold.timexes.map { g in
            let e = evidence(g.text)
            return Timex(document: doc, text: g.text, type: g.type, value: g.value, start: e.start, end: e.end, rule: rule)
        }
        let events: [Event] = gold.events.map { g in
            Event(type: g.type, date: g.date.flatMap { TimeValue(timex: $0) },
                  participants: g.roles.compactMap { role, key in ids[key].map { Participant(role: role, entity: $0) } },
                  evidence: [evidence(g.evidence)])
        }
        let relations: [Relation] = gold.relations.compactMap { g in
            guard let source = ids[g.subject] else { return nil }
            let time = g.time.flatMap { TimeValue(timex: $0) }.map(TemporalInterval.init(point:))
            let isLabel = g.type == "cited-as" || g.type == "said"
            return Relation(type: g.type, source: source, target: isLabel ? nil : ids[g.object],
                            label: isLabel ? g.object : nil, by: g.by.flatMap { ids[$0] }, time: time,
                            evidence: [evidence(g.evidence)])
        }
        let published = gold.published.flatMap { CalendarDay(iso: $0) }
        let document = Document(id: doc, path: doc, published: published, sha256: SHA256.hexDigest(of: doc))
        return Graph(documents: [document], entities: entities, timexes: timexes, events: events, relations: relations)
    }
}
