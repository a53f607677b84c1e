/// The knowledge graph of a corpus, or a fragment of it (everything one article says). Fragments
/// and graphs are the same type: merging fragments gives a graph, merging graphs gives a graph.
///
/// Every array is kept in canonical order (documents, entities, events and relations by id, time
/// expressions by document and offset), so equal graphs encode to equal bytes.
public struct Graph: Hashable, Sendable, Codable {
    public var documents: [Document]
    public var entities: [Entity]
    public var timexes: [Timex]
    public var events: [Event]
    public var relations: [Relation]

    public init(
        documents: [Document] = [], entities: [Entity] = [], timexes: [Timex] = [], events: [Event] = [],
        relations: [Relation] = []
    ) {
        // Through the merger, so that a graph built by hand is canonical too.
        var merger = GraphMerger()
        merger.add(documents: documents, entities: entities, timexes: timexes, events: events, relations: relations)
        self = merger.graph()
    }

    /// An already canonical graph; only `GraphMerger` builds these.
    init(canonicalDocuments: [Document], entities: [Entity], timexes: [Timex], events: [Event], relations: [Relation]) {
        self.documents = canonicalDocuments
        self.entities = entities
        self.timexes = timexes
        self.events = events
        self.relations = relations
    }

    /// The union of two graphs. Associative and commutative: fragments can be merged in any order,
    /// on any machine, into the same graph.
    public func merged(with other: Graph) -> Graph {
        Graph.merge([self, other])
    }

    /// The union of many graphs, in one pass.
    public static func merge(_ graphs: [Graph]) -> Graph {
        var merger = GraphMerger()
        for graph in graphs { merger.add(graph) }
        return merger.graph()
    }

    public func entity(id: String) -> Entity? {
        Graph.binarySearch(entities, id: id, key: \.id)
    }

    public func document(id: String) -> Document? {
        Graph.binarySearch(documents, id: id, key: \.id)
    }

    private static func binarySearch<T>(_ items: [T], id: String, key: (T) -> String) -> T? {
        var low = 0, high = items.count
        while low < high {
            let mid = (low + high) / 2
            let k = key(items[mid])
            if k == id { return items[mid] }
            if k < id { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    private enum CodingKeys: String, CodingKey { case documents, entities, timexes, events, relations }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            documents: try c.decode([Document].self, forKey: .documents),
            entities: try c.decode([Entity].self, forKey: .entities),
            timexes: try c.decode([Timex].self, forKey: .timexes),
            events: try c.decode([Event].self, forKey: .events),
            relations: try c.decode([Relation].self, forKey: .relations)
        )
    }
}

/// Accumulates graphs and fragments into one canonical graph. Each merge rule is a join on a
/// semilattice (set union, longest-then-smallest name, smallest conflicting record), which is what
/// makes the merge associative and commutative.
public struct GraphMerger: Sendable {
    private var documents: [String: Document] = [:]
    private var entities: [String: EntityAccumulator] = [:]
    private var timexes: Set<Timex> = []
    private var events: [String: Event] = [:]
    private var relations: [String: Relation] = [:]

    public init() {}

    private struct EntityAccumulator: Sendable {
        var type: EntityType
        var names: Set<String>
        var mentions: [Evidence]
    }

    public mutating func add(_ graph: Graph) {
        add(documents: graph.documents, entities: graph.entities, timexes: graph.timexes, events: graph.events, relations: graph.relations)
    }

    public mutating func add(documents: [Document], entities: [Entity], timexes: [Timex], events: [Event], relations: [Relation]) {
        for document in documents {
            // Two different texts under one id: keep the smaller record, whichever arrives first.
            if let existing = self.documents[document.id], existing <= document { continue }
            self.documents[document.id] = document
        }
        for entity in entities {
            // Taken out of the dictionary before it is changed, so that appending does not copy
            // the whole mention list each time (it would make merging quadratic).
            if var existing = self.entities.removeValue(forKey: entity.id) {
                existing.names.formUnion(entity.allNames)
                existing.mentions.append(contentsOf: entity.mentions)
                // Types are part of the id, so they agree unless a hand-made graph says otherwise;
                // then the smaller type wins, whatever the order.
                existing.type = min(existing.type, entity.type)
                self.entities[entity.id] = existing
            } else {
                self.entities[entity.id] = EntityAccumulator(type: entity.type, names: Set(entity.allNames), mentions: entity.mentions)
            }
        }
        self.timexes.formUnion(timexes)
        // Evidence is collected raw and put in canonical order once, in `graph()`.
        for event in events {
            if var existing = self.events.removeValue(forKey: event.id) {
                existing.evidence.append(contentsOf: event.evidence)
                self.events[event.id] = existing
            } else {
                self.events[event.id] = event
            }
        }
        for relation in relations {
            if var existing = self.relations.removeValue(forKey: relation.id) {
                existing.evidence.append(contentsOf: relation.evidence)
                existing.time = TemporalInterval.join(existing.time, relation.time)
                self.relations[relation.id] = existing
            } else {
                self.relations[relation.id] = relation
            }
        }
    }

    /// The canonical graph of everything added so far.
    public func graph() -> Graph {
        let entityList = entities.map { id, acc in
            // Names weighted by how often mentions use them (counts add up, so order cannot matter).
            let used = acc.mentions.map(\.text.straightApostrophes).filter { acc.names.contains($0) }
            let name = used.isEmpty ? Entity.canonicalName(among: acc.names) ?? "" : Entity.canonicalName(mentions: used, type: acc.type)
            return Entity(id: id, type: acc.type, name: name, aliases: Array(acc.names), mentions: acc.mentions)
        }
        // Same id means same type, date and participants (they are what the id hashes), so only
        // the evidence needs combining.
        let eventList = events.values.map { e in
            Event(id: e.id, type: e.type, date: e.date, participants: e.participants, modality: e.modality, by: e.by, label: e.label, evidence: e.evidence)
        }
        let relationList = relations.values.map { r -> Relation in
            var r = r
            r.evidence = r.evidence.canonical
            return r
        }
        return Graph(
            canonicalDocuments: documents.values.sorted(),
            entities: entityList.sorted(),
            timexes: timexes.sorted(),
            events: eventList.sorted(),
            relations: relationList.sorted()
        )
    }
}

extension Graph {
    /// The same graph with every offset moved by a window's position in its document: what a
    /// window of a long article says, in the coordinates of the whole article. Ids do not depend on
    /// offsets, so they stay.
    public func shifted(scalars: Int, bytes: Int, sentences: Int) -> Graph {
        guard scalars != 0 || bytes != 0 || sentences != 0 else { return self }
        func shift(_ evidence: [Evidence]) -> [Evidence] {
            evidence.map { e in
                var e = e
                e.start += scalars
                e.end += scalars
                e.byteStart += bytes
                e.byteEnd += bytes
                e.sentence += sentences
                return e
            }
        }
        var graph = self
        for i in graph.entities.indices { graph.entities[i].mentions = shift(graph.entities[i].mentions) }
        for i in graph.events.indices { graph.events[i].evidence = shift(graph.events[i].evidence) }
        for i in graph.relations.indices { graph.relations[i].evidence = shift(graph.relations[i].evidence) }
        for i in graph.timexes.indices {
            graph.timexes[i].start += scalars
            graph.timexes[i].end += scalars
        }
        return graph
    }
}

extension Graph {
    /// The union of graphs that are each canonical, as `GraphMerger.graph()` makes them: the same
    /// graph as `merge`, by walking their sorted arrays side by side. An item that only one graph
    /// holds is kept as it is, sharing its storage (evidence included); only items of one id in
    /// several graphs are joined, by the merger's own rules. So merging the workers' partial graphs
    /// costs a pass over them and memory for the joined items, not a second copy of the graph.
    public static func mergeCanonical(_ graphs: [Graph]) -> Graph {
        guard var result = graphs.first else { return Graph() }
        for next in graphs.dropFirst() { result = mergingCanonical(result, next) }
        return result
    }

    private static func mergingCanonical(_ a: Graph, _ b: Graph) -> Graph {
        Graph(
            canonicalDocuments: mergeSorted(a.documents, b.documents, id: \.id) { min($0, $1) },
            entities: mergeSorted(a.entities, b.entities, id: \.id) { Entity.joined([$0, $1]) },
            timexes: a.timexes.isEmpty ? b.timexes : b.timexes.isEmpty ? a.timexes : Set(a.timexes).union(b.timexes).sorted(),
            events: mergeSorted(a.events, b.events, id: \.id) { Event.joined([$0, $1]) },
            relations: mergeSorted(a.relations, b.relations, id: \.id) { Relation.joined([$0, $1]) })
    }

    /// Two arrays sorted by distinct ids, merged in order; `join` makes one item of two with one id.
    private static func mergeSorted<Item>(_ a: [Item], _ b: [Item], id: (Item) -> String, join: (Item, Item) -> Item) -> [Item] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [Item] = []
        out.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count, j < b.count {
            let (x, y) = (id(a[i]), id(b[j]))
            if x < y {
                out.append(a[i]); i += 1
            } else if y < x {
                out.append(b[j]); j += 1
            } else {
                out.append(join(a[i], b[j])); i += 1; j += 1
            }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }
}

/// Graph items that have an id and join with others of the same id as `GraphMerger` joins them.
protocol Identified {
    var id: String { get }
    /// One item of several with one id, as the merger makes it.
    static func joined(_ items: ArraySlice<Self>) -> Self
}

extension Entity: Identified {
    static func joined(_ items: ArraySlice<Entity>) -> Entity {
        var merger = GraphMerger()
        merger.add(documents: [], entities: Array(items), timexes: [], events: [], relations: [])
        return merger.graph().entities[0]
    }
}

extension Event: Identified {
    static func joined(_ items: ArraySlice<Event>) -> Event {
        var merger = GraphMerger()
        merger.add(documents: [], entities: [], timexes: [], events: Array(items), relations: [])
        return merger.graph().events[0]
    }
}

extension Relation: Identified {
    static func joined(_ items: ArraySlice<Relation>) -> Relation {
        var merger = GraphMerger()
        merger.add(documents: [], entities: [], timexes: [], events: [], relations: Array(items))
        return merger.graph().relations[0]
    }
}
