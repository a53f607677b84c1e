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
        let byType = Dictionary(grouping: events.indices, by: { events[$0].type })
        for (_, members) in byType.sorted(by: { $0.key < $1.key }) {
            for x in members.indices {
                for y in members.indices where y > x {
                    let (a, b) = (members[x], members[y])
                    let (ea, eb) = (events[a], events[b])
                    guard let da = ea.date, let db = eb.date, da.overlaps(db),
                          Set(ea.evidence.documents).isDisjoint(with: eb.evidence.documents) else { continue }
                    let shared = Set(ea.participants.map(\.entity)).intersection(eb.participants.map(\.entity))
                    guard let witness = shared.sorted().first else { continue }
                    let (ra, rb) = (find(a), find(b))
                    guard ra != rb else { continue }
                    // Two reports merge only when their clusters share no article.
                    let clusterDocs = { (root: Int) in Set(events.indices.filter { find($0) == root }.flatMap { events[$0].evidence.documents }) }
                    guard clusterDocs(ra).isDisjoint(with: clusterDocs(rb)) else { continue }
                    parent[max(ra, rb)] = min(ra, rb)
                    reasons[max(ra, rb)] = "same event: \(ea.type) \(da.value) ~ \(db.value), both with \(witness)"
                }
            }
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
            let event = Event(type: group[0].type, date: date, participants: group.flatMap(\.participants), evidence: group.flatMap(\.evidence))
            if members.count > 1 {
                let clusterReason = members.compactMap { reasons[$0] }.sorted().first ?? "same event"
                for m in members where events[m].id != event.id {
                    log.append(MergeRecord(into: event.id, merged: events[m].id, reason: reasons[m] ?? clusterReason))
                }
            }
            merged.append(event)
        }
        let result = Graph(documents: graph.documents, entities: graph.entities, timexes: graph.timexes, events: merged, relations: graph.relations)
        return (result, log.sorted())
    }
}
