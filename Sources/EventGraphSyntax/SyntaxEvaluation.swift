/// UPOS accuracy, UAS and LAS on gold tokenization, as the CoNLL 2018 shared task defines them:
/// every word counts (punctuation included), and LAS compares the universal part of the relation
/// (`acl:relcl` is `acl`).
public struct SyntaxScores: Sendable, CustomStringConvertible {
    public var words = 0
    public var upos = 0
    public var lemmas = 0
    public var heads = 0
    public var labelled = 0

    public init() {}

    public static func percent(_ count: Int, _ total: Int) -> Double { total == 0 ? 0 : 100 * Double(count) / Double(total) }

    public var uposAccuracy: Double { Self.percent(upos, words) }
    public var lemmaAccuracy: Double { Self.percent(lemmas, words) }
    public var uas: Double { Self.percent(heads, words) }
    public var las: Double { Self.percent(labelled, words) }

    /// Adds one sentence: gold and predicted must have the same words.
    public mutating func add(gold: SyntaxSentence, predicted: SyntaxSentence) {
        for (g, p) in zip(gold.words, predicted.words) {
            words += 1
            if g.upos == p.upos { upos += 1 }
            if g.lemma == p.lemma { lemmas += 1 }
            if g.head == p.head {
                heads += 1
                if Self.universal(g.deprel) == Self.universal(p.deprel) { labelled += 1 }
            }
        }
    }

    static func universal(_ relation: String) -> Substring { relation.split(separator: ":", maxSplits: 1).first ?? "" }

    public var description: String {
        func f(_ x: Double) -> String { String(Int((x * 100).rounded()) / 100) + "." + String(format2(Int((x * 100).rounded()) % 100)) }
        return "words \(words)  UPOS \(f(uposAccuracy))  lemma \(f(lemmaAccuracy))  UAS \(f(uas))  LAS \(f(las))"
    }

    private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
