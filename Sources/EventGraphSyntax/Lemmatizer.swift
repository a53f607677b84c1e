/// Lemmas from a table learned from the treebanks (lowercase form and UPOS → the most frequent
/// lemma), and for words the table lacks, English inflection rules checked against the lemmas the
/// table knows ("raided" → "raid", "used" → "use", "parties" → "party").
public struct Lemmatizer: Sendable {
    let table: [String: String]
    let known: Set<String>

    /// From the `lemmas` table of a tagger model (`form\tUPOS\tlemma` rows).
    public init(entries: [String]) {
        var table: [String: String] = [:]
        for entry in entries {
            let parts = entry.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            table[parts[0] + "\t" + parts[1]] = String(parts[2])
        }
        self.table = table
        known = Set(table.values)
    }

    public func lemma(_ form: String, upos: String) -> String {
        let lower = form.lowercased()
        if let found = table[lower + "\t" + upos] { return found }
        switch upos {
        case "PROPN", "NUM", "PUNCT", "SYM", "X": return form
        case "NOUN": return first(of: plural(lower)) ?? lower
        case "VERB", "AUX": return first(of: verb(lower)) ?? lower
        case "ADJ":
            // "Albanian", "Iranian": an adjective written capitalized keeps its capital.
            let lemma = first(of: comparative(lower)) ?? lower
            return form.unicodeScalars.first?.properties.isUppercase == true && !form.unicodeScalars.allSatisfy({ !$0.properties.isLowercase })
                ? lemma.prefix(1).uppercased() + lemma.dropFirst() : lemma
        case "ADV": return first(of: comparative(lower)) ?? lower
        default: return lower
        }
    }

    /// The first candidate the table knows as a lemma, else the first candidate.
    func first(of candidates: [String]) -> String? {
        candidates.first(where: known.contains) ?? candidates.first
    }

    func plural(_ w: String) -> [String] {
        if w.count > 4 && w.hasSuffix("ies") { return [String(w.dropLast(3)) + "y"] }
        if w.hasSuffix("sses") || w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("xes") || w.hasSuffix("zes") { return [String(w.dropLast(2)), String(w.dropLast())] }
        if w.count > 3 && w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us") && !w.hasSuffix("is") { return [String(w.dropLast())] }
        return [w]
    }

    func verb(_ w: String) -> [String] {
        func undoubled(_ stem: String) -> [String] {
            let letters = Array(stem)
            guard letters.count >= 3, letters[letters.count - 1] == letters[letters.count - 2], !"lsaeiou".contains(letters.last!) else { return [] }
            return [String(letters.dropLast())]
        }
        if w.count > 4 && w.hasSuffix("ied") { return [String(w.dropLast(3)) + "y"] }
        if w.count > 4 && w.hasSuffix("ies") { return [String(w.dropLast(3)) + "y"] }
        if w.count > 4 && w.hasSuffix("ed") {
            let stem = String(w.dropLast(2))
            return [stem, String(w.dropLast())] + undoubled(stem) + [stem]
        }
        if w.count > 5 && w.hasSuffix("ing") {
            let stem = String(w.dropLast(3))
            return [stem, stem + "e"] + undoubled(stem) + [stem]
        }
        if w.count > 3 && w.hasSuffix("es") { return [String(w.dropLast(2)), String(w.dropLast())] }
        if w.count > 3 && w.hasSuffix("s") && !w.hasSuffix("ss") { return [String(w.dropLast())] }
        return [w]
    }

    func comparative(_ w: String) -> [String] {
        if w.count > 5 && w.hasSuffix("iest") { return [String(w.dropLast(4)) + "y"] }
        if w.count > 4 && w.hasSuffix("ier") { return [String(w.dropLast(3)) + "y"] }
        if w.count > 5 && w.hasSuffix("est") { return [String(w.dropLast(3)), String(w.dropLast(2)), w] }
        if w.count > 4 && w.hasSuffix("er") { return [String(w.dropLast(2)), String(w.dropLast()), w] }
        return [w]
    }

    /// The table rows of a treebank: for each lowercase form and UPOS, its most frequent lemma
    /// (the alphabetically first on a tie), sorted.
    public static func entries(from sentences: [SyntaxSentence]) -> [String] {
        var counts: [String: [String: Int]] = [:]
        for sentence in sentences {
            for word in sentence.words where word.lemma != "_" {
                counts[word.form.lowercased() + "\t" + word.upos, default: [:]][word.lemma, default: 0] += 1
            }
        }
        return counts.keys.sorted().map { key in
            let lemmas = counts[key]!
            let best = lemmas.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            return key + "\t" + best
        }
    }
}
