import EventGraphCore

extension SourceComparison {
    /// One way a claim reaches the reader: the outlet (or its owner), then each speaker in the
    /// order they cite each other ("Mehr News Agency › Nasser Kanaani › Albanian authorities").
    public struct Chain: Hashable, Sendable {
        public var path: [String]
        /// Times told this way: one per sentence.
        public var count: Int
        public var documents: [String]
        public var evidence: [Evidence]
    }

    /// Something a speaker is said to have said or reported, with every chain it comes by.
    public struct Claim: Hashable, Sendable {
        public enum Kind: String, Sendable, Hashable {
            /// A `said` relation: the speaker's own words.
            case statement
            /// An event reported by a speaker.
            case event
            /// A relation reported by a speaker (a `cited-as` label included).
            case relation
        }
        public var kind: Kind
        public var fact: String
        public var headline: String
        /// By path (code-point order).
        public var chains: [Chain]
    }

    /// Who cites whom inside one sentence, from its statements: a speaker whose words hold another
    /// speaker's words quotes that speaker ("Kanaani said the Albanian authorities had disclosed
    /// that …" holds what the authorities said).
    struct Citations {
        struct SentenceKey: Hashable { var document: String; var sentence: Int }
        private var said: [SentenceKey: [(speaker: String, words: String)]] = [:]

        init(_ graph: Graph) {
            for relation in graph.relations where relation.type == "said" {
                guard let words = relation.label else { continue }
                for key in Set(relation.evidence.map { SentenceKey(document: $0.document, sentence: $0.sentence) }) {
                    said[key, default: []].append((relation.source, Self.comparable(words)))
                }
            }
        }

        /// Words as compared for holding: lower-cased, without the punctuation and spaces a
        /// statement's end may or may not keep.
        static func comparable(_ words: String) -> String {
            String(words.lowercased().reversed().drop { $0.isPunctuation || $0.isWhitespace }.reversed())
        }

        /// The speakers that lead to `speaker` in this sentence, outermost first, ending with it.
        func chain(to speaker: String, in key: SentenceKey) -> [String] {
            let statements = said[key] ?? []
            var chain = [speaker]
            var current = statements.filter { $0.speaker == speaker }.map(\.words)
            while chain.count < 6 {
                let enclosing = statements.filter { outer in
                    !chain.contains(outer.speaker) && current.contains { inner in outer.words.count > inner.count && outer.words.contains(inner) }
                }.min { ($0.words.count, $0.speaker) < ($1.words.count, $1.speaker) }
                guard let enclosing else { break }
                chain.insert(enclosing.speaker, at: 0)
                current = [enclosing.words]
            }
            return chain
        }
    }

    static func claims(_ graph: Graph, _ context: Context) -> [Claim] {
        let citations = Citations(graph)
        var claims: [Claim] = []
        func add(_ kind: Claim.Kind, fact: String, headline: String, speaker: String, evidence: [Evidence], earliest: CalendarDay?, latest: CalendarDay?) {
            var byPath: [[String]: [Evidence]] = [:]
            for piece in evidence where !piece.isArgumentEvidence && context.keeps(piece, earliest: earliest, latest: latest) {
                let key = Citations.SentenceKey(document: piece.document, sentence: piece.sentence)
                let path = [context.outletGroup(piece.document)] + citations.chain(to: speaker, in: key).map(context.name)
                byPath[path, default: []].append(piece)
            }
            guard !byPath.isEmpty else { return }
            let chains = byPath.map { path, pieces in
                let told = oncePerSentence(pieces.canonical)
                return Chain(path: path, count: told.count, documents: context.span(told).documents, evidence: told)
            }.sorted { $0.path.lexicographicallyPrecedes($1.path, by: codePointOrder) }
            claims.append(Claim(kind: kind, fact: fact, headline: headline, chains: chains))
        }
        for event in graph.events where event.by != nil && event.type != "statement" {
            guard context.eventTypes.isEmpty || context.eventTypes.contains(event.type),
                  context.involvesWanted(event.participants.map(\.entity) + [event.by]) else { continue }
            add(.event, fact: event.id, headline: Headline.event(event, name: context.name), speaker: event.by!, evidence: event.evidence,
                earliest: event.date?.earliest, latest: event.date?.latest)
        }
        if context.eventTypes.isEmpty {
            for relation in graph.relations {
                let speaker = relation.type == "said" ? relation.source : relation.by
                guard let speaker, context.involvesWanted([relation.source, relation.target, relation.by]) else { continue }
                add(relation.type == "said" ? .statement : .relation, fact: relation.id, headline: Headline.relation(relation, name: context.name),
                    speaker: speaker, evidence: relation.evidence, earliest: relation.time?.earliest, latest: relation.time?.latest)
            }
        }
        return claims.sorted { a, b in
            [a.headline, a.fact].lexicographicallyPrecedes([b.headline, b.fact], by: codePointOrder)
        }
    }
}
