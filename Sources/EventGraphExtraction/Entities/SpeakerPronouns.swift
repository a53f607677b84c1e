import EventGraphCore

/// "China announced Friday it was imposing sanctions", "the ministry said its forces would stay":
/// in what an organization or a country is reported to say, "it" and "its" right after the verb of
/// saying are the speaker itself. News writes its institutions' statements this way, and without the
/// link the sanction, the deployment or the threat has no agent.
extension EntityRecognizer {
    /// How far "it" may stand after the verb: "said Friday that it", "told reporters it".
    static let speakerPronounReach = 4

    func findSpeakerPronouns(_ c: inout Context) {
        var endingAt: [Int: Int] = [:]
        for (i, m) in c.mentions.enumerated() where m.innerSpan == nil && (m.type == .organization || m.type == .place) {
            endingAt[m.tokens.upperBound] = endingAt[m.tokens.upperBound] ?? i
        }
        guard !endingAt.isEmpty else { return }
        let covered = Set(c.mentions.flatMap { Array($0.tokens) })
        for sentence in c.document.sentences {
            for t in sentence.tokens where (c.words[t] == "it" || c.words[t] == "its") && !covered.contains(t) {
                // "it" opens what is said ("said it would"); "denied it." is the verb's object.
                guard t + 1 < sentence.tokens.upperBound, c.document.tokens[t + 1].kind == .word, c.words[t + 1].first?.isLowercase == true else { continue }
                guard let speaker = speakerBefore(pronoun: t, sentence: sentence.tokens, endingAt: endingAt, c) else { continue }
                c.mentions.append(Mention(tokens: t...t, type: c.mentions[speaker].type, name: nil, rule: .corefPronoun, confidence: 0.55))
                c.links.append((speaker, c.mentions.count - 1))
            }
        }
    }

    /// The organization or place whose verb of saying the pronoun follows, with only words (no
    /// punctuation, no quotation) between the verb and the pronoun.
    private func speakerBefore(pronoun t: Int, sentence: Range<Int>, endingAt: [Int: Int], _ c: Context) -> Int? {
        var k = t - 1
        while k >= sentence.lowerBound, t - k <= Self.speakerPronounReach {
            guard c.document.tokens[k].kind == .word else { return nil }
            if lexicon.personVerbs.contains(c.lowers[k]) {
                // "China said", "China also said"
                if let speaker = endingAt[k - 1] { return speaker }
                if k - 2 >= sentence.lowerBound, c.words[k - 1].first?.isLowercase == true, c.lowers[k - 1].hasSuffix("ly") || c.lowers[k - 1] == "also",
                   let speaker = endingAt[k - 2] {
                    return speaker
                }
                return nil
            }
            k -= 1
        }
        return nil
    }
}
