import EventGraphCore

/// A fact in a few words, from the vocabulary tables' phrases: "Albanian police raided MKO",
/// "Raid by Albanian police", "MKO hosted by Albania". The timeline, the GraphML and GEXF labels and
/// the HTML pages all say a fact the same way.
public enum Headline {
    /// An event by its agent and target; the type's noun when it has neither.
    public static func event(_ event: Event, name: (String) -> String) -> String {
        let agent = event.participants.first { $0.role == .agent }?.entity
        let target = event.participants.first { $0.role == .target }?.entity
        let verb = Vocabulary.eventVerbs[event.type] ?? event.type
        let noun = Vocabulary.eventNouns[event.type] ?? event.type.capitalized
        switch (agent.map(name), target.map(name)) {
        case let (a?, t?): return "\(a) \(verb) \(t)"
        case let (a?, nil): return "\(noun) by \(a)"
        case let (nil, t?): return Vocabulary.eventAgainst[event.type].map { "\($0) \(t)" } ?? "\(noun): \(t)"
        default:
            // No actor: the place, else the words the article says it with, so that a line
            // never reads only "Statement" or "War".
            if let place = event.participants.first(where: { $0.role == .place }) { return "\(noun) in \(name(place.entity))" }
            if let words = Passage.of(event.evidence).first.flatMap(context) { return "\(noun): “\(words)”" }
            return noun
        }
    }

    /// A few words around a passage's first marked span: two before it, the span, and what
    /// follows up to about 60 characters, cut at a word.
    static func context(_ passage: Passage) -> String? {
        guard let marked = passage.segments.firstIndex(where: \.marked) else { return nil }
        let before = passage.segments[..<marked].map(\.text).joined().split(separator: " ").suffix(2).joined(separator: " ")
        let after = passage.segments[(marked + 1)...].map(\.text).joined()
        var text = (before.isEmpty ? "" : before + " ") + passage.segments[marked].text
        var words = after.split(separator: " ", omittingEmptySubsequences: true)[...]
        if after.first != " ", let glued = words.first {
            text += glued
            words = words.dropFirst()
        }
        for word in words {
            guard text.count + word.count < 60 else { return text + "…" }
            text += " " + word
        }
        return text
    }

    /// A relation as subject, phrase and object; a text object in quotes.
    public static func relation(_ relation: Relation, name: (String) -> String) -> String {
        let object = relation.target.map(name) ?? relation.label.map { "“\($0)”" } ?? ""
        let verb = Vocabulary.relationPhrases[relation.type] ?? relation.type
        return "\(name(relation.source)) \(verb) \(object)".trimmingCharacters()
    }
}
