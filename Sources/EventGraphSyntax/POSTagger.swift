/// A greedy left-to-right part-of-speech tagger (UPOS) over an averaged perceptron with hashed
/// features: the word, its prefixes, suffixes and shape (what carries unknown words), the two tags
/// before it, and the words around it. Frequent words that the training data always tags one way
/// are tagged from a dictionary.
public struct POSTagger: Sendable {
    public let model: LinearModel
    let dictionary: [String: Int]
    let lexicon: TaggerLexicon

    public init(model: LinearModel) {
        self.model = model
        lexicon = TaggerLexicon(common: Set(model.tables["common-words"] ?? []), names: Set(model.tables["names"] ?? []))
        var dictionary: [String: Int] = [:]
        let index = Dictionary(uniqueKeysWithValues: model.classes.enumerated().map { ($1, $0) })
        for entry in model.tables["dictionary"] ?? [] {
            let parts = entry.split(separator: "\t", maxSplits: 1)
            if parts.count == 2, let tag = index[String(parts[1])] { dictionary[String(parts[0])] = tag }
        }
        self.dictionary = dictionary
    }

    public var version: String { model.version }

    /// The lemmatizer whose table travels in the tagger's file.
    public func lemmatizer() -> Lemmatizer { Lemmatizer(entries: model.tables["lemmas"] ?? []) }

    /// UPOS tags for one sentence's words.
    public func tag(_ words: [String]) -> [String] {
        let context = TaggerContext(words, lexicon: lexicon)
        var tags: [Int] = []
        tags.reserveCapacity(words.count)
        var scores = [Float](repeating: 0, count: model.classes.count)
        for i in words.indices {
            if let known = dictionary[words[i]] {
                tags.append(known)
                continue
            }
            for c in scores.indices { scores[c] = 0 }
            model.score(context.features(at: i, previous: tags), into: &scores)
            tags.append(PerceptronTrainer.best(scores))
        }
        return tags.map { model.classes[$0] }
    }
}

/// Word lists the tagger consults for words it has not seen: common lowercase English words (a
/// capitalized one is more likely a noun or adjective than a name) and place names.
public struct TaggerLexicon: Sendable {
    public var common: Set<String>
    public var names: Set<String>

    public init(common: Set<String> = [], names: Set<String> = []) {
        self.common = common
        self.names = names
    }
}

/// The words of a sentence with what every feature needs precomputed once.
struct TaggerContext {
    let forms: [String]
    let lowers: [String]
    let shapes: [String]
    /// Per word: 1 when its lowercase form is a common word, 2 when it is a listed name, 3 both.
    let lexical: [Int]

    init(_ words: [String], lexicon: TaggerLexicon) {
        forms = words
        lowers = words.map { $0.lowercased() }
        shapes = words.map(TaggerContext.shape)
        lexical = zip(words, lowers).map { form, lower in (lexicon.common.contains(lower) ? 1 : 0) | (lexicon.names.contains(form) ? 2 : 0) }
    }

    /// "Iran" → "Xx", "2023" → "d", "U.S." → "X.X.", "co-star" → "x-x": character classes with
    /// runs collapsed.
    static func shape(_ word: String) -> String {
        var out = ""
        var last: Character = " "
        for scalar in word.unicodeScalars.prefix(40) {
            let c: Character
            if scalar.properties.isUppercase { c = "X" } else if scalar.properties.isLowercase { c = "x" } else if ("0"..."9").contains(scalar) { c = "d" } else { c = Character(scalar) }
            if c != last { out.append(c) }
            last = c
        }
        return out
    }

    static let boundary = "<s>"
    static let after = "</s>"

    func lower(_ i: Int) -> String { i < 0 ? Self.boundary : i >= lowers.count ? Self.after : lowers[i] }

    func suffix(_ text: String, _ n: Int) -> Substring { text.suffix(n) }

    /// The features of word `i`, given the tags (class indices) of the words before it.
    func features(at i: Int, previous tags: [Int]) -> [UInt64] {
        let word = lowers[i]
        let t1 = i >= 1 ? tags[i - 1] : -1
        let t2 = i >= 2 ? tags[i - 2] : -1
        var out: [UInt64] = []
        out.reserveCapacity(28)
        func add(_ template: UInt8, _ build: (inout FeatureHasher) -> Void) {
            var hasher = FeatureHasher(template: template)
            build(&hasher)
            out.append(hasher.value)
        }
        add(0) { _ in }
        add(1) { $0.add(word) }
        for n in 1...4 where word.count > n { add(UInt8(1 + n)) { $0.add(word.suffix(n)) } }
        for n in 1...3 where word.count > n { add(UInt8(5 + n)) { $0.add(word.prefix(n)) } }
        add(9) { $0.add(shapes[i]) }
        add(10) { $0.add(t1) }
        add(11) { $0.add(t1); $0.add(t2) }
        add(12) { $0.add(t1); $0.add(word) }
        add(13) { $0.add(lower(i - 1)) }
        add(14) { $0.add(lower(i - 1).suffix(3)) }
        add(15) { $0.add(lower(i - 2)) }
        add(16) { $0.add(lower(i + 1)) }
        add(17) { $0.add(lower(i + 1).suffix(3)) }
        add(18) { $0.add(lower(i + 2)) }
        add(19) { $0.add(i == 0 ? 1 : 0); $0.add(shapes[i]) }
        add(20) { $0.add(i + 1 < shapes.count ? shapes[i + 1] : Self.after) }
        add(21) { $0.add(lower(i - 1)); $0.add(word) }
        add(22) { $0.add(word); $0.add(lower(i + 1)) }
        add(23) { $0.add(t1); $0.add(lower(i + 1)) }
        add(24) { $0.add(word.suffix(3)); $0.add(lower(i + 1).suffix(2)) }
        if forms[i].unicodeScalars.first?.properties.isUppercase == true && i > 0 { add(25) { $0.add(word) } }
        add(26) { $0.add(lexical[i]); $0.add(shapes[i]) }
        add(27) { $0.add(lexical[i]); $0.add(i == 0 ? 1 : 0); $0.add(word.suffix(2)) }
        add(28) { $0.add(i + 1 < lexical.count ? lexical[i + 1] : -1); $0.add(lexical[i]) }
        return out
    }
}

/// Trains the tagger: deterministic (the sentence order of each epoch comes from `seed`).
public enum TaggerTraining {
    public static func train(_ sentences: [SyntaxSentence], lexicon: TaggerLexicon = TaggerLexicon(), epochs: Int = 10, seed: UInt64 = 15,
                             version: String) -> POSTagger {
        let labels = Array(Set(sentences.flatMap { $0.words.map(\.upos) })).sorted()
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let dictionary = unambiguousWords(sentences)
        let dictionaryIndex = dictionary.mapValues { index[$0]! }
        var trainer = PerceptronTrainer(classes: labels.count)
        var order = Array(sentences.indices)
        var random = SeededGenerator(seed: seed)
        for _ in 0..<epochs {
            order.shuffle(using: &random)
            for s in order {
                let words = sentences[s].words
                let context = TaggerContext(words.map(\.form), lexicon: lexicon)
                var tags: [Int] = []
                for i in words.indices {
                    if let known = dictionaryIndex[words[i].form] {
                        tags.append(known)
                        continue
                    }
                    let features = context.features(at: i, previous: tags)
                    let guess = trainer.predict(features)
                    let truth = index[words[i].upos]!
                    trainer.update(features, truth: truth, guess: guess)
                    tags.append(guess)
                }
            }
        }
        let (features, weights) = trainer.averaged(threshold: 0.002)
        let table = dictionary.keys.sorted().map { "\($0)\t\(dictionary[$0]!)" }
        let tables = ["dictionary": table, "common-words": lexicon.common.sorted(), "names": lexicon.names.sorted(),
                      "lemmas": Lemmatizer.entries(from: sentences)]
        let model = LinearModel(kind: "tagger", version: version, classes: labels, tables: tables, features: features, weights: weights)
        return POSTagger(model: model)
    }

    /// Words seen at least 20 times with one tag at least 97 % of the time.
    static func unambiguousWords(_ sentences: [SyntaxSentence]) -> [String: String] {
        var counts: [String: [String: Int]] = [:]
        for sentence in sentences { for word in sentence.words { counts[word.form, default: [:]][word.upos, default: 0] += 1 } }
        var out: [String: String] = [:]
        for (word, tags) in counts {
            let total = tags.values.reduce(0, +)
            guard total >= 20, let (tag, count) = tags.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), Double(count) / Double(total) >= 0.97 else { continue }
            out[word] = tag
        }
        return out
    }
}
