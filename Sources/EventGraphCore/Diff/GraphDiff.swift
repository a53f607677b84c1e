/// One difference between two versions of a graph.
public struct Change: Sendable, Hashable, Codable, Comparable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case added, removed, changed
        /// An old entity now part of another ("MEK" absorbed by "MKO").
        case merged
        /// An old entity now spread over several.
        case split
        /// An event now dated differently (a date refined or moved).
        case dateMoved = "date-moved"
        /// A relation or event that more articles now report.
        case corroborated
    }
    public enum Subject: String, Sendable, Codable, CaseIterable, Comparable {
        case document, entity, event, relation
        public static func < (a: Subject, b: Subject) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    public var kind: Kind
    public var subject: Subject
    /// The id in the new graph (the old one when removed).
    public var id: String
    /// The old id, when it differs (merges, moved dates).
    public var oldID: String?
    /// The fact in words.
    public var summary: String
    /// Attribute changes, `attribute: old → new`, sorted.
    public var attributes: [Attribute]
    /// The articles added, removed or edited that brought the change (document ids).
    public var causes: [String]

    public struct Attribute: Sendable, Hashable, Codable {
        public var name: String
        public var old: String
        public var new: String
    }

    public static func < (a: Change, b: Change) -> Bool {
        (a.subject, a.id, a.kind.rawValue, a.oldID ?? "") < (b.subject, b.id, b.kind.rawValue, b.oldID ?? "")
    }
}

/// What changed between two graphs, by stable id, with the semantic changes (merges, splits, moved
/// dates, corroboration) recognized and each change traced to the articles that caused it.
public enum GraphDiff {
    public static func compare(_ old: Graph, _ new: Graph) -> [Change] {
        var changes: [Change] = []
        let oldDocs = Dictionary(uniqueKeysWithValues: old.documents.map { ($0.id, $0) })
        let newDocs = Dictionary(uniqueKeysWithValues: new.documents.map { ($0.id, $0) })
        // Articles added, removed or edited: the causes of everything else.
        var touched = Set<String>()
        for (id, doc) in newDocs.sorted(by: { $0.key < $1.key }) {
            if let before = oldDocs[id] {
                if before.sha256 != doc.sha256 {
                    touched.insert(id)
                    changes.append(Change(kind: .changed, subject: .document, id: id, oldID: nil, summary: "article \(id) edited",
                                          attributes: [.init(name: "sha256", old: String(before.sha256.prefix(12)), new: String(doc.sha256.prefix(12)))], causes: [id]))
                }
            } else {
                touched.insert(id)
                changes.append(Change(kind: .added, subject: .document, id: id, oldID: nil, summary: describe(doc), attributes: [], causes: [id]))
            }
        }
        for (id, doc) in oldDocs.sorted(by: { $0.key < $1.key }) where newDocs[id] == nil {
            touched.insert(id)
            changes.append(Change(kind: .removed, subject: .document, id: id, oldID: nil, summary: describe(doc), attributes: [], causes: [id]))
        }
        func causes(_ evidence: [Evidence]...) -> [String] {
            let docs = Set(evidence.flatMap { $0.map(\.document) })
            let direct = docs.intersection(touched).sorted()
            return direct.isEmpty ? touched.sorted() : direct
        }

        // Entities
        let oldEntities = Dictionary(uniqueKeysWithValues: old.entities.map { ($0.id, $0) })
        let newEntities = Dictionary(uniqueKeysWithValues: new.entities.map { ($0.id, $0) })
        let names = { (g: [String: Entity], id: String) in g[id]?.name ?? id }
        var newByName: [String: [String]] = [:]
        for e in new.entities { for n in e.allNames { newByName[key(n), default: []].append(e.id) } }
        var explainedNew = Set<String>()
        for entity in old.entities where newEntities[entity.id] == nil {
            let id = entity.id
            let homes = Set(entity.allNames.flatMap { newByName[key($0)] ?? [] }).sorted()
            if homes.count == 1, let home = homes.first, let target = newEntities[home] {
                let wasThere = oldEntities[home] != nil
                if !wasThere { explainedNew.insert(home) }
                changes.append(Change(kind: .merged, subject: .entity, id: home, oldID: id,
                                      summary: wasThere ? "\(entity.name) merged into \(target.name)" : "\(entity.name) renamed \(target.name) (names overlap)",
                                      attributes: [], causes: causes(entity.mentions, target.mentions)))
            } else if homes.count > 1 {
                for home in homes { explainedNew.insert(home) }
                changes.append(Change(kind: .split, subject: .entity, id: homes.joined(separator: ","), oldID: id,
                                      summary: "\(entity.name) split into \(homes.map { names(newEntities, $0) }.joined(separator: ", "))",
                                      attributes: [], causes: causes(entity.mentions)))
            } else {
                changes.append(Change(kind: .removed, subject: .entity, id: id, oldID: nil, summary: "\(entity.type.rawValue) \(entity.name)",
                                      attributes: [], causes: causes(entity.mentions)))
            }
        }
        for entity in new.entities {
            let id = entity.id
            guard let before = oldEntities[id] else {
                if !explainedNew.contains(id) {
                    changes.append(Change(kind: .added, subject: .entity, id: id, oldID: nil, summary: "\(entity.type.rawValue) \(entity.name)",
                                          attributes: [], causes: causes(entity.mentions)))
                }
                continue
            }
            if before == entity { continue }
            var attributes: [Change.Attribute] = []
            if before.name != entity.name { attributes.append(.init(name: "name", old: before.name, new: entity.name)) }
            if before.type != entity.type { attributes.append(.init(name: "type", old: before.type.rawValue, new: entity.type.rawValue)) }
            let addedAliases = Set(entity.aliases).subtracting(before.allNames).sorted()
            let removedAliases = Set(before.aliases).subtracting(entity.allNames).sorted()
            if !addedAliases.isEmpty || !removedAliases.isEmpty {
                attributes.append(.init(name: "aliases", old: before.aliases.joined(separator: "|"), new: entity.aliases.joined(separator: "|")))
            }
            let (ds0, ds1) = (before.mentions.documents.count, entity.mentions.documents.count)
            if ds0 != ds1 { attributes.append(.init(name: "sources", old: String(ds0), new: String(ds1))) }
            if before.mentions.count != entity.mentions.count {
                attributes.append(.init(name: "mentions", old: String(before.mentions.count), new: String(entity.mentions.count)))
            }
            if !attributes.isEmpty {
                changes.append(Change(kind: ds1 > ds0 && attributes.count <= 2 && addedAliases.isEmpty ? .corroborated : .changed, subject: .entity,
                                      id: id, oldID: nil, summary: "\(entity.type.rawValue) \(entity.name)", attributes: attributes,
                                      causes: causes(before.mentions, entity.mentions)))
            }
        }

        // Events: by id, then undated/dated moves between ids of the same type and participants.
        let oldEvents = Dictionary(uniqueKeysWithValues: old.events.map { ($0.id, $0) })
        let newEvents = Dictionary(uniqueKeysWithValues: new.events.map { ($0.id, $0) })
        func eventWords(_ e: Event, _ g: [String: Entity]) -> String {
            let ends = e.participants.filter { $0.role != .place }.map { names(g, $0.entity) }.joined(separator: " → ")
            let place = e.place.map { " in \(names(g, $0))" } ?? ""
            return "\(e.type) \(e.date?.value ?? "undated") \(ends)\(place)".replacingOccurrences(of: "  ", with: " ")
        }
        var removedEvents = oldEvents.filter { newEvents[$0.key] == nil }
        var addedEvents = newEvents.filter { oldEvents[$0.key] == nil }
        for (id, event) in addedEvents.sorted(by: { $0.key < $1.key }) {
            // Same type, a shared participant, a compatible date: the same event, whose date moved
            // (or was refined) or whose participants changed.
            if let (oldID, before) = removedEvents.sorted(by: { $0.key < $1.key }).first(where: { _, b in
                b.type == event.type && (b.participants == event.participants
                    || !Set(b.participants.map(\.entity)).isDisjoint(with: event.participants.map(\.entity))
                    && (b.date == event.date || b.date == nil || event.date == nil || b.date!.overlaps(event.date!)))
            }) {
                removedEvents[oldID] = nil
                addedEvents[id] = nil
                var attributes: [Change.Attribute] = []
                if before.date != event.date {
                    attributes.append(.init(name: "date", old: before.date?.value ?? "none", new: event.date?.value ?? "none"))
                }
                let describeParticipants = { (e: Event, g: [String: Entity]) in e.participants.map { "\($0.role.rawValue)=\(names(g, $0.entity))" }.joined(separator: " ") }
                if before.participants != event.participants {
                    attributes.append(.init(name: "participants", old: describeParticipants(before, oldEntities), new: describeParticipants(event, newEntities)))
                }
                attributes += sourceChange(before.evidence, event.evidence)
                changes.append(Change(kind: before.date != event.date ? .dateMoved : .changed, subject: .event, id: id, oldID: oldID,
                                      summary: eventWords(event, newEntities), attributes: attributes, causes: causes(before.evidence, event.evidence)))
            }
        }
        for (id, event) in addedEvents.sorted(by: { $0.key < $1.key }) {
            changes.append(Change(kind: .added, subject: .event, id: id, oldID: nil, summary: eventWords(event, newEntities) + reporters(event.evidence, new),
                                  attributes: [], causes: causes(event.evidence)))
        }
        for (id, event) in removedEvents.sorted(by: { $0.key < $1.key }) {
            changes.append(Change(kind: .removed, subject: .event, id: id, oldID: nil, summary: eventWords(event, oldEntities),
                                  attributes: [], causes: causes(event.evidence)))
        }
        for event in new.events {
            let id = event.id
            guard let before = oldEvents[id], before != event else { continue }
            let attributes = sourceChange(before.evidence, event.evidence)
            if !attributes.isEmpty {
                let more = event.evidence.documents.count > before.evidence.documents.count
                changes.append(Change(kind: more ? .corroborated : .changed, subject: .event, id: id, oldID: nil, summary: eventWords(event, newEntities),
                                      attributes: attributes, causes: causes(before.evidence, event.evidence)))
            }
        }

        // Relations
        let oldRelations = Dictionary(uniqueKeysWithValues: old.relations.map { ($0.id, $0) })
        let newRelations = Dictionary(uniqueKeysWithValues: new.relations.map { ($0.id, $0) })
        func relationWords(_ r: Relation, _ g: [String: Entity]) -> String {
            "\(names(g, r.source)) \(r.type) \(r.target.map { names(g, $0) } ?? "“\(r.label ?? "")”")"
        }
        // An instant relation whose date moved has a new id: pair it with its old self.
        var pairedOld = Set<String>()
        var pairedNew = Set<String>()
        let unmatchedOld = oldRelations.filter { newRelations[$0.key] == nil }
        for r in new.relations where oldRelations[r.id] == nil {
            let id = r.id
            if let (oldID, before) = unmatchedOld.sorted(by: { $0.key < $1.key }).first(where: { oid, b in
                !pairedOld.contains(oid) && b.type == r.type && b.source == r.source && b.target == r.target && b.label == r.label
                    && b.by == r.by && b.modality == r.modality && b.time != r.time
            }) {
                pairedOld.insert(oldID)
                pairedNew.insert(id)
                changes.append(Change(kind: .dateMoved, subject: .relation, id: id, oldID: oldID, summary: relationWords(r, newEntities),
                                      attributes: [.init(name: "time", old: before.time?.normalizedText ?? "none", new: r.time?.normalizedText ?? "none")],
                                      causes: causes(before.evidence, r.evidence)))
            }
        }
        for r in new.relations where !pairedNew.contains(r.id) {
            let id = r.id
            guard let before = oldRelations[id] else {
                changes.append(Change(kind: .added, subject: .relation, id: id, oldID: nil, summary: relationWords(r, newEntities),
                                      attributes: [], causes: causes(r.evidence)))
                continue
            }
            if before == r { continue }
            var attributes = sourceChange(before.evidence, r.evidence)
            if before.time != r.time {
                attributes.append(.init(name: "time", old: before.time?.normalizedText ?? "none", new: r.time?.normalizedText ?? "none"))
            }
            if before.confidence != r.confidence {
                attributes.append(.init(name: "confidence", old: String(before.confidence), new: String(r.confidence)))
            }
            if !attributes.isEmpty {
                let more = r.evidence.documents.count > before.evidence.documents.count
                changes.append(Change(kind: more ? .corroborated : .changed, subject: .relation, id: id, oldID: nil, summary: relationWords(r, newEntities),
                                      attributes: attributes, causes: causes(before.evidence, r.evidence)))
            }
        }
        for r in old.relations where newRelations[r.id] == nil && !pairedOld.contains(r.id) {
            let id = r.id
            changes.append(Change(kind: .removed, subject: .relation, id: id, oldID: nil, summary: relationWords(r, oldEntities),
                                  attributes: [], causes: causes(r.evidence)))
        }
        return changes.sorted()
    }

    static func sourceChange(_ before: [Evidence], _ after: [Evidence]) -> [Change.Attribute] {
        let (a, b) = (before.documents.count, after.documents.count)
        var out: [Change.Attribute] = []
        if a != b { out.append(.init(name: "sources", old: String(a), new: String(b))) }
        if before.count != after.count && a == b { out.append(.init(name: "evidence", old: String(before.count), new: String(after.count))) }
        return out
    }

    static func describe(_ doc: Document) -> String {
        [doc.title ?? doc.id, doc.source, doc.published?.iso].compactMap { $0 }.joined(separator: ", ")
    }

    /// " (Mehr News Agency, 2023-06-29)": who first reported it.
    static func reporters(_ evidence: [Evidence], _ graph: Graph) -> String {
        guard let doc = evidence.first.flatMap({ graph.document(id: $0.document) }) else { return "" }
        let parts = [doc.source, doc.published?.iso].compactMap { $0 }
        return parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
    }

    static func key(_ name: String) -> String { Slug.make(name) }
}
