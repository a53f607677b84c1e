/// Makes one event of the reports of one happening in different articles: same type, dates that
/// overlap ("2023-W25" and "2023-06-20"), and at least one participant in common. The merged event
/// keeps the most precise date and every participant and piece of evidence; the log says why.
/// Events of one article are never merged with each other (an article that reports two raids
/// means two raids).
public enum EventResolver {
    public static func resolve(_ graph: Graph) -> (graph: Graph, log: [MergeRecord]) {
        let events = graph.events
        var parent = Array(events.indices)
        var reasons: [Int: String] = [:]
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        let documents = events.map { Set($0.evidence.documents) }
        let entities = events.map { Set($0.participants.map(\.entity)) }
        // The articles of each cluster, kept at its root and joined when clusters join.
        var clusterDocuments = documents
        for (a, b) in candidatePairs(events) {
            let (ea, eb) = (events[a], events[b])
            guard let da = ea.date, let db = eb.date, da.overlaps(db), documents[a].isDisjoint(with: documents[b]),
                  ea.modality == eb.modality, ea.by == eb.by, ea.label == eb.label else { continue }
            guard let witness = entities[a].intersection(entities[b]).min() else { continue }
            let (ra, rb) = (find(a), find(b))
            guard ra != rb else { continue }
            // Two reports merge only when their clusters share no article.
            guard clusterDocuments[ra].isDisjoint(with: clusterDocuments[rb]) else { continue }
            let (root, child) = (min(ra, rb), max(ra, rb))
            parent[child] = root
            clusterDocuments[root].formUnion(clusterDocuments[child])
            clusterDocuments[child] = []
            reasons[child] = "same event: \(ea.type) \(da.value) ~ \(db.value), both with \(witness)"
        }
        var clusters: [Int: [Int]] = [:]
        for i in events.indices { clusters[find(i), default: []].append(i) }
        var merged: [Event] = []
        var log: [MergeRecord] = []
        for (_, members) in clusters.sorted(by: { $0.key < $1.key }) {
            let group = members.map { events[$0] }
            // The most precise date: the narrowest bounds, then the smallest value.
            let date = group.compactMap(\.date).min { a, b in
                let wa = (a.latest?.dayNumber ?? .max) - (a.earliest?.dayNumber ?? 0)
                let wb = (b.latest?.dayNumber ?? .max) - (b.earliest?.dayNumber ?? 0)
                return wa != wb ? wa < wb : a.value < b.value
            }
            let event = Event(type: group[0].type, date: date, participants: group.flatMap(\.participants), modality: group[0].modality, by: group[0].by, label: group[0].label,
                              evidence: group.flatMap(\.evidence))
            if members.count > 1 {
                let clusterReason = members.compactMap { reasons[$0] }.sorted().first ?? "same event"
                for m in members where events[m].id != event.id {
                    log.append(MergeRecord(into: event.id, merged: events[m].id, reason: reasons[m] ?? clusterReason))
                }
            }
            merged.append(event)
        }
        // Only the events changed: the rest is already canonical and is reused, not rebuilt (a
        // rebuild copied every piece of evidence once more). Two clusters that came out as the
        // same event go through the merger, which joins them.
        merged.sort()
        let idsAreDistinct = zip(merged, merged.dropFirst()).allSatisfy { $0.id != $1.id }
        let result = idsAreDistinct
            ? Graph(canonicalDocuments: graph.documents, entities: graph.entities, timexes: graph.timexes, events: merged, relations: graph.relations)
            : Graph(documents: graph.documents, entities: graph.entities, timexes: graph.timexes, events: merged, relations: graph.relations)
        return (result, log.sorted())
    }

    /// The pairs of events (by index, lower first) that could be one happening: same type, a
    /// participant in common and dates that overlap, in the order a comparison of every pair of the
    /// same type would meet them (types by name, then by index). Only these are compared: each
    /// participant's events are swept in date order, so an archive's thousands of events of one
    /// type are not compared all against all.
    static func candidatePairs(_ events: [Event]) -> [(Int, Int)] {
        struct Key: Hashable { var type: String; var entity: String }
        var groups: [Key: [Int]] = [:]
        for (index, event) in events.enumerated() {
            guard let date = event.date, date.earliest != nil, date.latest != nil else { continue }
            for entity in Set(event.participants.map(\.entity)) { groups[Key(type: event.type, entity: entity), default: []].append(index) }
        }
        // Two events reported by the one same article are never one happening (`resolve` skips
        // them): left out here, so that an article naming thousands of people at one place on
        // one day does not make millions of pairs.
        var documentNumbers: [String: Int] = [:]
        let soleDocument = events.map { event -> Int in
            let documents = Set(event.evidence.map(\.document))
            guard documents.count == 1, let only = documents.first else { return -1 }
            if let number = documentNumbers[only] { return number }
            documentNumbers[only] = documentNumbers.count
            return documentNumbers.count - 1
        }
        var pairs: Set<Int64> = []
        for members in groups.values {
            let byStart = members.sorted { (events[$0].date!.earliest!, $0) < (events[$1].date!.earliest!, $1) }
            for (position, a) in byStart.enumerated() {
                let end = events[a].date!.latest!
                for b in byStart[(position + 1)...] {
                    if events[b].date!.earliest! > end { break }
                    if soleDocument[a] >= 0 && soleDocument[a] == soleDocument[b] { continue }
                    pairs.insert(Int64(min(a, b)) << 32 | Int64(max(a, b)))
                }
            }
        }
        return pairs.map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }.sorted { x, y in
            let (tx, ty) = (events[x.0].type, events[y.0].type)
            return tx != ty ? tx < ty : x < y
        }
    }
}
