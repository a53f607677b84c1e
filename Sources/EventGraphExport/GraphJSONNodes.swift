import EventGraphCore

/// Builds a graph straight from the parsed JSON tree, the tree the reader parses anyway to locate
/// errors. Foundation's `JSONDecoder` parsed the bytes a second time into a tree of its own and
/// was two thirds of the time (and most of the memory) of reading a large graph. This reader takes
/// only well-formed, canonical input: anything else (a missing or mistyped field, a value out of
/// range, an unknown type) is handed back to the `Codable` path, whose errors are the located ones
/// users see, so that both paths accept and reject exactly the same files.
enum GraphJSONNodes {
    /// Not the shape this reader takes: decode with `JSONDecoder` instead.
    struct Unhandled: Error {}

    static func file(_ root: JSONNode) throws(Unhandled) -> (documents: [GraphJSON.DocumentRecord], entities: [Entity], timexes: [Timex], events: [Event], relations: [Relation]) {
        (try array(root, "documents", documentRecord), try array(root, "entities", entity), try array(root, "timexes", timex),
         try array(root, "events", event), try array(root, "relations", relation))
    }

    // MARK: Fields

    static func member(_ node: JSONNode, _ key: String) throws(Unhandled) -> JSONNode {
        guard let value = node[key] else { throw Unhandled() }
        return value
    }

    static func string(_ node: JSONNode, _ key: String) throws(Unhandled) -> String {
        guard case .string(let text) = try member(node, key).value else { throw Unhandled() }
        return text
    }

    /// An optional field: absent or null is nil.
    static func optionalString(_ node: JSONNode, _ key: String) throws(Unhandled) -> String? {
        guard let value = node[key] else { return nil }
        switch value.value {
        case .null: return nil
        case .string(let text): return text
        default: throw Unhandled()
        }
    }

    static func int(_ node: JSONNode, _ key: String) throws(Unhandled) -> Int {
        guard case .number(let text) = try member(node, key).value, let number = Int(text) else { throw Unhandled() }
        return number
    }

    /// A confidence: a number in [0, 1], which the initializers would otherwise clamp.
    static func confidence(_ node: JSONNode, _ key: String) throws(Unhandled) -> Double {
        guard case .number(let text) = try member(node, key).value, let number = Double(text), number >= 0, number <= 1 else { throw Unhandled() }
        return number
    }

    static func strings(_ node: JSONNode, _ key: String) throws(Unhandled) -> [String] {
        guard case .array(let items) = try member(node, key).value else { throw Unhandled() }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .string(let text) = item.value else { throw Unhandled() }
            out.append(text)
        }
        return out
    }

    static func array<T>(_ node: JSONNode, _ key: String, _ element: (JSONNode) throws(Unhandled) -> T) throws(Unhandled) -> [T] {
        guard case .array(let items) = try member(node, key).value else { throw Unhandled() }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .object = item.value else { throw Unhandled() }
            out.append(try element(item))
        }
        return out
    }

    static func enumValue<T: RawRepresentable>(_ node: JSONNode, _ key: String, as: T.Type) throws(Unhandled) -> T where T.RawValue == String {
        guard let value = T(rawValue: try string(node, key)) else { throw Unhandled() }
        return value
    }

    static func day(_ text: String?) throws(Unhandled) -> CalendarDay? {
        guard let text else { return nil }
        guard let day = CalendarDay(iso: text) else { throw Unhandled() }
        return day
    }

    // MARK: Records

    static func documentRecord(_ node: JSONNode) throws(Unhandled) -> GraphJSON.DocumentRecord {
        let document = Document(id: try string(node, "id"), path: try string(node, "path"), url: try optionalString(node, "url"),
                                title: try optionalString(node, "title"), source: try optionalString(node, "source"),
                                published: try day(try optionalString(node, "published")), license: try optionalString(node, "license"),
                                sha256: try string(node, "sha256"))
        let sentences = node["sentences"] == nil ? [] : try array(node, "sentences") { (item: JSONNode) throws(Unhandled) in
            GraphJSON.SentenceRecord(index: try int(item, "index"), text: try string(item, "text"))
        }
        return GraphJSON.DocumentRecord(document: document, sentences: sentences)
    }

    static func evidence(_ node: JSONNode) throws(Unhandled) -> Evidence {
        Evidence(document: try string(node, "document"), sentence: try int(node, "sentence"), start: try int(node, "start"), end: try int(node, "end"),
                 byteStart: try int(node, "byteStart"), byteEnd: try int(node, "byteEnd"), text: try string(node, "text"),
                 sentenceText: try optionalString(node, "sentenceText") ?? "", rule: try string(node, "rule"),
                 confidence: try confidence(node, "confidence"), toolVersion: try string(node, "toolVersion"))
    }

    static func entity(_ node: JSONNode) throws(Unhandled) -> Entity {
        Entity(id: try string(node, "id"), type: try enumValue(node, "type", as: EntityType.self), name: try string(node, "name"),
               aliases: try strings(node, "aliases"), mentions: try array(node, "mentions", evidence))
    }

    static func timeValue(_ node: JSONNode?) throws(Unhandled) -> TimeValue? {
        guard let node, case .object = node.value else {
            if let node, case .null = node.value { return nil }
            if node == nil { return nil }
            throw Unhandled()
        }
        let value = try string(node, "value")
        guard let parsed = TimeValue(timex: value) else { throw Unhandled() }
        let precision: TimePrecision?
        if let text = try optionalString(node, "precision") {
            guard let known = TimePrecision(rawValue: text) else { throw Unhandled() }
            precision = known
        } else {
            precision = parsed.precision
        }
        return TimeValue(value: value, precision: precision, earliest: try day(try optionalString(node, "earliest")) ?? parsed.earliest,
                         latest: try day(try optionalString(node, "latest")) ?? parsed.latest)
    }

    static func interval(_ node: JSONNode?) throws(Unhandled) -> TemporalInterval? {
        guard let node else { return nil }
        switch node.value {
        case .null: return nil
        case .object: return TemporalInterval(start: try timeValue(node["start"]), end: try timeValue(node["end"]), duration: try optionalString(node, "duration"))
        default: throw Unhandled()
        }
    }

    static func timex(_ node: JSONNode) throws(Unhandled) -> Timex {
        Timex(document: try string(node, "document"), text: try string(node, "text"), type: try enumValue(node, "type", as: TimexType.self),
              value: try string(node, "value"), start: try int(node, "start"), end: try int(node, "end"), interval: try interval(node["interval"]),
              rule: try string(node, "rule"), confidence: try confidence(node, "confidence"))
    }

    static func event(_ node: JSONNode) throws(Unhandled) -> Event {
        let participants = try array(node, "participants") { (item: JSONNode) throws(Unhandled) in
            Participant(role: try enumValue(item, "role", as: ParticipantRole.self), entity: try string(item, "entity"))
        }
        let modality = node["modality"] == nil ? Modality.asserted : try enumValue(node, "modality", as: Modality.self)
        return Event(id: try string(node, "id"), type: try string(node, "type"), date: try timeValue(node["date"]), participants: participants,
                     modality: modality, by: try optionalString(node, "by"), label: try optionalString(node, "label"),
                     evidence: try array(node, "evidence", evidence))
    }

    static func relation(_ node: JSONNode) throws(Unhandled) -> Relation {
        Relation(id: try string(node, "id"), type: try string(node, "type"), source: try string(node, "source"), target: try optionalString(node, "target"),
                 label: try optionalString(node, "label"), by: try optionalString(node, "by"), time: try interval(node["time"]),
                 modality: try enumValue(node, "modality", as: Modality.self), evidence: try array(node, "evidence", evidence))
    }
}
