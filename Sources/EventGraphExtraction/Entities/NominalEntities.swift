import EventGraphCore

/// Unnamed institutions and facilities that the text ties to a named place: "a press club in the
/// northwestern city of Peshawar", "an appeals court in Lahore", "the Lahore court". Analysts need
/// them as nodes (the attack's target, the court that ruled), and the place makes one of them
/// identifiable: it is named "press club in Peshawar", and a later "the press club" refers to it.
extension EntityRecognizer {
    /// Prepositions that put a facility in a place (also the relation stage's "in the northwestern
    /// city of X").
    static let nominalAnchors: Set<String> = ["in", "near", "outside", "at"]
    /// Nouns between "the" and "of" that name the kind of place: "the northwestern city of Peshawar".
    static let placeKinds: Set<String> = ["city", "town", "village", "capital", "province", "region", "district", "state", "county", "port"]

    /// Adds a mention for each anchored nominal, then links later definite mentions of its head.
    func findNominalEntities(_ c: inout Context) {
        let syntax = c.document.syntax
        guard syntax.count > 0 else { return }
        var covered = [Bool](repeating: false, count: c.words.count)
        var placeAt: [Int: Int] = [:]
        for (i, m) in c.mentions.enumerated() where m.innerSpan == nil {
            for t in m.tokens { covered[t] = true }
            if m.type == .place, placeAt[m.tokens.lowerBound] == nil { placeAt[m.tokens.lowerBound] = i }
        }
        var found: [(head: String, words: Set<String>, mention: Int)] = []
        for sentence in c.document.sentences {
            for t in sentence.tokens where !covered[t] {
                guard let word = syntax.word(ofToken: t), syntax.upos[word] == "NOUN" else { continue }
                let lemma = syntax.lowerLemmas[word]
                guard let type = lexicon.nominalHeads[lemma], c.words[t].first?.isLowercase == true else { continue }
                let start = nominalStart(head: t, sentence: sentence.tokens, covered: covered, syntax, c)
                let definite = start > sentence.tokens.lowerBound && ["the", "this"].contains(c.lowers[start - 1])
                // "prisons in Iran" are any prisons; "the stations in Bamako" are some.
                guard lemma == c.lowers[t] || definite else { continue }
                if let place = anchoringPlace(head: t, start: start, sentence: sentence.tokens, placeAt: placeAt, c) {
                    // A place before it is part of its name ("the Moscow theatre"); one after it is
                    // added to it ("press club in Peshawar").
                    let placeStart = c.mentions[place.mention].tokens.lowerBound
                    let before = placeStart < start
                    let name = before ? c.text(placeStart...t) : "\(c.text(start...t)) in \(place.name)"
                    c.mentions.append(Mention(tokens: (before ? placeStart : start)...t, type: type, name: name, rule: .entityNominal, confidence: 0.6))
                    c.nominalKeys[c.mentions.count - 1] = "\(lemma)|\(place.name)"
                    found.append((c.lowers[t], Set(c.lowers[start...t]), c.mentions.count - 1))
                    for k in start...t { covered[k] = true }
                } else if definite, let antecedent = found.last(where: { $0.head == c.lowers[t] && Set(c.lowers[start...t]).isSubset(of: $0.words) }),
                          !(t + 1 < sentence.tokens.upperBound && isNoun(t + 1, syntax)) {
                    // "the press club" or "the club" after "a press club in Peshawar" (not "the
                    // religious schools" after "a Catholic school in Milan", nor "the club's members").
                    c.mentions.append(Mention(tokens: start...t, type: type, name: nil, rule: .corefDescription, confidence: 0.55))
                    c.links.append((antecedent.mention, c.mentions.count - 1))
                    for k in start...t { covered[k] = true }
                }
            }
        }
    }

    private func isNoun(_ token: Int, _ syntax: SyntaxLayer) -> Bool {
        syntax.word(ofToken: token).map { syntax.upos[$0] == "NOUN" } ?? false
    }

    /// The first word of the noun phrase ending at `head`, determiners excluded: lowercase
    /// adjectives, nouns and participles before it ("state radio and television stations",
    /// "Iranian-backed militia"), at most four.
    private func nominalStart(head: Int, sentence: Range<Int>, covered: [Bool], _ syntax: SyntaxLayer, _ c: Context) -> Int {
        var start = head
        while start - 1 >= sentence.lowerBound, head - (start - 1) <= 4, !covered[start - 1] {
            let k = start - 1
            guard c.document.tokens[k].kind == .word, let word = syntax.word(ofToken: k) else { break }
            let lower = c.lowers[k]
            let hyphenated = lower.lastIndex(of: "-").map { Self.isParticipleSuffix(lower[lower.index(after: $0)...]) } ?? false
            if c.words[k].first?.isLowercase == true, ["ADJ", "NOUN"].contains(syntax.upos[word]) || hyphenated {
                start = k
            } else if hyphenated {
                start = k
            } else if lower == "and", k - 1 >= sentence.lowerBound, !covered[k - 1], isNoun(k - 1, syntax), k + 1 < head {
                start = k
            } else {
                break
            }
        }
        // Never begin with the "and" of a coordination.
        while start < head, c.lowers[start] == "and" { start += 1 }
        return start
    }

    /// The named place that a nominal is in: "X in [the northwestern city of] PLACE", or a place
    /// right before it ("the Lahore court", "Peshawar press club").
    private func anchoringPlace(head: Int, start: Int, sentence: Range<Int>, placeAt: [Int: Int], _ c: Context) -> (name: String, mention: Int)? {
        if start - 1 >= sentence.lowerBound, let i = c.mentions.indices.last(where: {
            c.mentions[$0].type == .place && c.mentions[$0].innerSpan == nil && c.mentions[$0].tokens.upperBound == start - 1
        }), let name = c.mentions[i].name, lexicon.places[name.lowercased()] != nil {
            // (A gazetteer place: a name typed as a place by its context alone, such as "the Khmer
            // Rouge tribunal", is too often something else.)
            return (name, i)
        }
        var k = head + 1
        if k < sentence.upperBound, c.lowers[k] == "based" { k += 1 }
        guard k < sentence.upperBound, Self.nominalAnchors.contains(c.lowers[k]) else { return nil }
        k += 1
        // "the northwestern city of", "the capital,"
        if k < sentence.upperBound, c.lowers[k] == "the" {
            var j = k + 1
            while j < sentence.upperBound, j < k + 4, !Self.placeKinds.contains(c.lowers[j]), c.words[j].first?.isLowercase == true { j += 1 }
            if j + 1 < sentence.upperBound, Self.placeKinds.contains(c.lowers[j]), c.lowers[j + 1] == "of" { k = j + 2 }
        }
        guard let i = placeAt[k], let name = c.mentions[i].name else { return nil }
        return (name, i)
    }
}

/// "the Biden administration", "the administration of US President Donald Trump": the
/// organization a named leader heads, an entity of its own (it designates, sanctions, negotiates),
/// named "Biden administration" however the text words it.
extension EntityRecognizer {
    static let ledOrganizationHeads: Set<String> = ["administration", "government", "regime", "cabinet"]

    func findLedOrganizations(_ c: inout Context) {
        let people = c.mentions.indices.filter { c.mentions[$0].type == .person && c.mentions[$0].name != nil && c.mentions[$0].innerSpan == nil }
        for p in people {
            let person = c.mentions[p]
            guard let surname = person.name?.split(separator: " ").last.map(String.init) else { continue }
            let sentence = c.document.sentences[c.document.sentenceIndex(containing: c.document.tokens[person.tokens.lowerBound].span.start) ?? 0].tokens
            let next = person.tokens.upperBound + 1
            if next < sentence.upperBound, Self.ledOrganizationHeads.contains(c.words[next]) {
                // "the Biden administration"
                c.mentions.append(Mention(tokens: person.tokens.lowerBound...next, type: .organization, name: "\(surname) \(c.words[next])", rule: .entityLedOrganization, confidence: 0.7))
                continue
            }
            // "the administration of US President Donald Trump": past the titles before the name.
            var k = person.tokens.lowerBound - 1
            while k > sentence.lowerBound, person.tokens.lowerBound - k <= 4, c.lowers[k] != "of",
                  lexicon.titles[[c.lowers[k]]] != nil || c.isAcronym[k] || lexicon.places[c.lowers[k]] != nil || lexicon.demonyms[[c.lowers[k]]] != nil || c.lowers[k] == "." {
                k -= 1
            }
            guard k - 1 >= sentence.lowerBound, c.lowers[k] == "of", Self.ledOrganizationHeads.contains(c.words[k - 1]) else { continue }
            c.mentions.append(Mention(tokens: (k - 1)...person.tokens.upperBound, type: .organization, name: "\(surname) \(c.words[k - 1])",
                                      rule: .entityLedOrganization, confidence: 0.7))
        }
    }
}
