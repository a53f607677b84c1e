import EventGraphCore

/// Checks a decoded graph JSON against what its schema and the model promise, beyond types: ids
/// unique, every reference pointing at an entity or document the file holds, offsets that are
/// non-negative, ordered and as long as the text they quote, confidences within [0, 1]. A graph
/// that breaks one of these would be re-exported schema-invalid (GraphML with dangling edges,
/// negative offsets), so it is refused with the line and column of the offending value.
enum GraphValidation {
    /// A step into the JSON tree, to find the offending value's line and column.
    enum Step {
        case key(String)
        case index(Int)
    }

    struct Problem: Error {
        var path: [Step]
        var message: String
    }

    static func check(_ graph: Graph) throws(Problem) {
        var documents = Set<String>()
        for (i, document) in graph.documents.enumerated() {
            guard documents.insert(document.id).inserted else {
                throw Problem(path: [.key("documents"), .index(i), .key("id")], message: "duplicate document id '\(document.id)'")
            }
        }
        var entities = Set<String>()
        for (i, entity) in graph.entities.enumerated() {
            let at: [Step] = [.key("entities"), .index(i)]
            guard entities.insert(entity.id).inserted else { throw Problem(path: at + [.key("id")], message: "duplicate entity id '\(entity.id)'") }
            try check(entity.mentions, at: at + [.key("mentions")], documents: documents)
        }
        for (i, event) in graph.events.enumerated() {
            let at: [Step] = [.key("events"), .index(i)]
            for (j, participant) in event.participants.enumerated() where !entities.contains(participant.entity) {
                throw Problem(path: at + [.key("participants"), .index(j), .key("entity")], message: "participant '\(participant.entity)' is no entity of this graph")
            }
            try check(event.evidence, at: at + [.key("evidence")], documents: documents)
        }
        for (i, relation) in graph.relations.enumerated() {
            let at: [Step] = [.key("relations"), .index(i)]
            for (field, id) in [("source", relation.source), ("target", relation.target), ("by", relation.by)] {
                if let id, !entities.contains(id) { throw Problem(path: at + [.key(field)], message: "\(field) '\(id)' is no entity of this graph") }
            }
            try check(relation.evidence, at: at + [.key("evidence")], documents: documents)
        }
        for (i, timex) in graph.timexes.enumerated() {
            let at: [Step] = [.key("timexes"), .index(i)]
            guard documents.contains(timex.document) else { throw Problem(path: at + [.key("document")], message: "document '\(timex.document)' is not in this graph") }
            guard timex.start >= 0, timex.end >= timex.start else { throw Problem(path: at + [.key("start")], message: "offsets \(timex.start)..<\(timex.end) are not a span") }
        }
    }

    static func check(_ evidence: [Evidence], at path: [Step], documents: Set<String>) throws(Problem) {
        for (k, e) in evidence.enumerated() {
            let at = path + [.index(k)]
            guard documents.contains(e.document) else { throw Problem(path: at + [.key("document")], message: "document '\(e.document)' is not in this graph") }
            guard e.start >= 0, e.end >= e.start, e.end - e.start == e.text.unicodeScalars.count else {
                throw Problem(path: at + [.key("start")], message: "offsets \(e.start)..<\(e.end) do not span the \(e.text.unicodeScalars.count) characters of its text")
            }
            guard e.byteStart >= 0, e.byteEnd >= e.byteStart, e.byteEnd - e.byteStart == e.text.utf8.count else {
                throw Problem(path: at + [.key("byteStart")], message: "byte offsets \(e.byteStart)..<\(e.byteEnd) do not span the \(e.text.utf8.count) bytes of its text")
            }
            guard e.sentence >= 0 else { throw Problem(path: at + [.key("sentence")], message: "sentence index \(e.sentence) is negative") }
            guard (0...1).contains(e.confidence) else { throw Problem(path: at + [.key("confidence")], message: "confidence \(e.confidence) is outside [0, 1]") }
        }
    }
}
