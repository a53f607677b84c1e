import EventGraphCore

/// Where the entities of a document are mentioned, by token: what the event and relation stages
/// read to find the arguments of a trigger.
struct MentionIndex {
    struct Mention {
        var entity: Entity
        var tokens: ClosedRange<Int>
        var evidence: Evidence
        /// A proper name, not a description ("the group") or a lowercase mention ("police").
        var isName: Bool
    }

    /// Mentions sorted by first token.
    let mentions: [Mention]
    /// For each token, the index of the mention covering it, if any.
    let covering: [Int?]

    init(_ document: AnalyzedDocument) {
        let tokens = document.tokens
        var list: [Mention] = []
        for entity in document.entities {
            for evidence in entity.mentions {
                guard let first = MentionIndex.token(startingAt: evidence.start, tokens), let last = MentionIndex.token(endingAt: evidence.end, tokens) else { continue }
                let isName = evidence.text.unicodeScalars.first.map { $0.properties.isUppercase || Tokenizer.isDigit($0) } ?? false
                list.append(Mention(entity: entity, tokens: first...max(first, last), evidence: evidence, isName: isName))
            }
        }
        // Mentions inside a word ("Iran" in "anti-Iran") are not arguments of anything.
        list.removeAll { $0.evidence.rule == "entity.gazetteer-in-compound" }
        // At one start, the longest mention first: "Albania's Interior Ministry" before "Albania".
        list.sort { ($0.tokens.lowerBound, -$0.tokens.upperBound, $0.entity.id) < ($1.tokens.lowerBound, -$1.tokens.upperBound, $1.entity.id) }
        var covering = [Int?](repeating: nil, count: tokens.count)
        for (i, m) in list.enumerated() {
            for t in m.tokens where covering[t] == nil { covering[t] = i }
        }
        mentions = list
        self.covering = covering
    }

    /// The token whose span contains scalar offset `start`.
    static func token(startingAt start: Int, _ tokens: [Token]) -> Int? {
        var low = 0, high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].span.end <= start { low = mid + 1 } else { high = mid }
        }
        return low < tokens.count ? low : nil
    }

    static func token(endingAt end: Int, _ tokens: [Token]) -> Int? {
        var low = 0, high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].span.end < end { low = mid + 1 } else { high = mid }
        }
        return low < tokens.count ? low : nil
    }

    /// Mentions whose tokens lie within `range`, in text order.
    func mentions(in range: Range<Int>) -> [Mention] {
        // Sorted by first token: find the first one in range, then take while they start in it.
        var low = 0, high = mentions.count
        while low < high {
            let mid = (low + high) / 2
            if mentions[mid].tokens.lowerBound < range.lowerBound { low = mid + 1 } else { high = mid }
        }
        var out: [Mention] = []
        while low < mentions.count, mentions[low].tokens.lowerBound < range.upperBound {
            if range.contains(mentions[low].tokens.upperBound) { out.append(mentions[low]) }
            low += 1
        }
        return out
    }
}
