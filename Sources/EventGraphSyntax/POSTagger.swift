import Foundation

/// A greedy left-to-right part-of-speech tagger (UPOS) over an averaged perceptron with hashed
/// features: the word, its prefixes, suffixes and shape (what carries unknown words), the two tags
/// before it, and the words around it. Frequent words that the training data always tags one way
/// are tagged from a dictionary.
public struct POSTagger: Sendable {
    public let model: LinearModel
    /// The second pass, when the tagger has one: it sees the first pass's tags on both sides.
    public let refiner: LinearModel?
    let dictionary: [String: Int]
    let lexicon: TaggerLexicon

    public init(model: LinearModel, refiner: LinearModel? = nil) {
        self.model = model
        self.refiner = refiner
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

    /// `tagger.egm` → `tagger-refiner.egm`: where a tagger's second pass is kept.
    public static func refinerPath(of path: String) -> String {
        (path.hasSuffix(".egm") ? String(path.dropLast(4)) : path) + "-refiner.egm"
    }

    /// A tagger file, with its second pass when the file beside it exists.
    public static func read(path: String) throws(SyntaxError) -> POSTagger {
        let model = try LinearModel.read(path: path, kind: "tagger")
        let refinerPath = refinerPath(of: path)
        guard FileManager.default.fileExists(atPath: refinerPath) else { return POSTagger(model: model) }
        let refiner = try LinearModel.read(path: refinerPath, kind: "tagger-refiner")
        guard refiner.classes == model.classes else { throw SyntaxError(path: refinerPath, problem: "the second pass has other classes than \(path)") }
        return POSTagger(model: model, refiner: refiner)
    }

    /// The lemmatizer whose table travels in the tagger's file.
    public func lemmatizer() -> Lemmatizer { Lemmatizer(entries: model.tables["lemmas"] ?? []) }

    /// UPOS tags for one sentence's words.
    public func tag(_ words: [String]) -> [String] {
        let context = TaggerContext(words, lexicon: lexicon)
        let first = pass(context, words, model: model, firstPass: nil)
        guard let refiner else { return first.map { model.classes[$0] } }
        return pass(context, words, model: refiner, firstPass: first).map { model.classes[$0] }
    }

    func pass(_ context: TaggerContext, _ words: [String], model: LinearModel, firstPass: [Int]?) -> [Int] {
        var tags: [Int] = []
        tags.reserveCapacity(words.count)
        var scores = [Int32](repeating: 0, count: model.classes.count)
        var features: [UInt64] = []
        features.reserveCapacity(32)
        for i in words.indices {
            if let known = dictionary[words[i]] {
                tags.append(known)
                continue
            }
            context.features(at: i, previous: tags, firstPass: firstPass, into: &features)
            model.score(features, into: &scores)
            tags.append(PerceptronTrainer.best(scores))
        }
        return tags
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

/// The words of a sentence with what every feature needs hashed once.
struct TaggerContext {
    let forms: [String]
    let lowers: [UInt64]
    /// `suffixes[n - 1][i]`: the hash of word i's last n characters (n = 1...4), or 0 when the
    /// word is not longer than n; `prefixes` likewise (n = 1...3).
    let suffixes: [[UInt64]]
    let prefixes: [[UInt64]]
    let shapes: [UInt64]
    let capitalized: [Bool]
    /// Per word: 1 when its lowercase form is a common word, 2 when it is a listed name, 3 both.
    let lexical: [UInt64]
    static let before = FeatureHasher.of("<s>"), after = FeatureHasher.of("</s>")

    init(_ words: [String], lexicon: TaggerLexicon) {
        forms = words
        let lowerForms = words.map { $0.lowercased() }
        lowers = lowerForms.map { FeatureHasher.of($0) }
        suffixes = (1...4).map { n in lowerForms.map { $0.count > n ? FeatureHasher.of($0.suffix(n)) : 0 } }
        prefixes = (1...3).map { n in lowerForms.map { $0.count > n ? FeatureHasher.of($0.prefix(n)) : 0 } }
        shapes = words.map { FeatureHasher.of(TaggerContext.shape($0)) }
        capitalized = words.map { $0.unicodeScalars.first?.properties.isUppercase == true }
        lexical = zip(words, lowerForms).map { form, lower in UInt64((lexicon.common.contains(lower) ? 1 : 0) | (lexicon.names.contains(form) ? 2 : 0)) }
    }

    /// "Iran" → "Xx", "2023" → "d", "U.S." → "X.X.", "co-star" → "x-x": character classes with
    /// runs collapsed.
    static func shape(_ word: String) -> String {
        var out = ""
        var last: Character = " "
        for scalar in word.unicodeScalars.prefix(40) {
            let c: Character
            // ASCII first: the Unicode property lookups cost more than the rest of the tagger's features.
            switch scalar.value {
            case 0x41...0x5A: c = "X"
            case 0x61...0x7A: c = "x"
            case 0x30...0x39: c = "d"
            case 0...0x7F: c = Character(scalar)
            default: c = scalar.properties.isUppercase ? "X" : scalar.properties.isLowercase ? "x" : Character(scalar)
            }
            if c != last { out.append(c) }
            last = c
        }
        return out
    }

    @inline(__always) func lower(_ i: Int) -> UInt64 { i < 0 ? Self.before : i >= lowers.count ? Self.after : lowers[i] }
    @inline(__always) func suffix3(_ i: Int) -> UInt64 { i < 0 ? Self.before : i >= lowers.count ? Self.after : suffixes[2][i] }
    @inline(__always) static func number(_ n: Int) -> UInt64 { UInt64(bitPattern: Int64(n)) &* 0x9E37_79B9_7F4A_7C15 }

    /// The features of word `i`, given the tags (class indices) of the words before it, into `out`.
    func features(at i: Int, previous tags: [Int], into out: inout [UInt64]) {
        features(at: i, previous: tags, firstPass: nil, into: &out)
    }

    /// With `firstPass` (the tags a first, left-to-right pass gave every word), the features also
    /// see the tags to the right: the second pass of a two-pass tagger.
    func features(at i: Int, previous tags: [Int], firstPass: [Int]?, into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        let word = lowers[i]
        let t1 = Self.number(i >= 1 ? tags[i - 1] : -1)
        let t2 = Self.number(i >= 2 ? tags[i - 2] : -1)
        @inline(__always) func add(_ template: UInt8, _ a: UInt64 = 0, _ b: UInt64 = 0) {
            var hasher = FeatureHasher(template: template)
            hasher.add(hash: a)
            hasher.add(hash: b)
            out.append(hasher.value)
        }
        add(0)
        add(1, word)
        for n in 0..<4 where suffixes[n][i] != 0 { add(UInt8(2 + n), suffixes[n][i]) }
        for n in 0..<3 where prefixes[n][i] != 0 { add(UInt8(6 + n), prefixes[n][i]) }
        add(9, shapes[i])
        add(10, t1)
        add(11, t1, t2)
        add(12, t1, word)
        add(13, lower(i - 1))
        add(14, suffix3(i - 1))
        add(15, lower(i - 2))
        add(16, lower(i + 1))
        add(17, suffix3(i + 1))
        add(18, lower(i + 2))
        add(19, Self.number(i == 0 ? 1 : 0), shapes[i])
        add(20, i + 1 < shapes.count ? shapes[i + 1] : Self.after)
        add(21, lower(i - 1), word)
        add(22, word, lower(i + 1))
        add(23, t1, lower(i + 1))
        add(24, suffixes[2][i], i + 1 < lowers.count ? suffixes[1][i + 1] : Self.after)
        if capitalized[i] && i > 0 { add(25, word) }
        add(26, lexical[i], shapes[i])
        add(27, lexical[i] &+ (i == 0 ? 8 : 0), suffixes[1][i])
        add(28, i + 1 < lexical.count ? lexical[i + 1] : 99, lexical[i])
        if let firstPass {
            func first(_ j: Int) -> UInt64 { Self.number(j < 0 ? -1 : j >= firstPass.count ? -2 : firstPass[j]) }
            add(30, first(i))
            add(31, first(i + 1))
            add(32, first(i + 1), first(i + 2))
            add(33, first(i), first(i + 1))
            add(34, t1, first(i + 1))
            add(35, word, first(i + 1))
            add(36, first(i), word)
            add(37, suffixes[2][i], first(i + 1))
        }
    }
}

/// Trains the tagger: deterministic (the sentence order of each epoch comes from `seed`).
public enum TaggerTraining {
    /// A two-pass tagger: the first pass as `train` makes it, and a second pass trained on the
    /// tags a first pass trained without them gives each fifth of the sentences (jackknifed), so that
    /// it learns from right-context tags as wrong as they will be.
    public static func trainTwoPass(_ sentences: [SyntaxSentence], lexicon: TaggerLexicon = TaggerLexicon(), epochs: Int = 10, seed: UInt64 = 15,
                                    minimumUpdates: Int32 = 1, version: String) -> POSTagger {
        let first = train(sentences, lexicon: lexicon, epochs: epochs, seed: seed, minimumUpdates: minimumUpdates, version: version)
        let labels = first.model.classes
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var firstTags = sentences.map { $0.words.map { index[$0.upos]! } }
        for fold in 0..<5 {
            let foldTagger = train(sentences.indices.filter { $0 % 5 != fold }.map { sentences[$0] }, lexicon: lexicon, epochs: epochs, seed: seed, version: "fold")
            for s in sentences.indices where s % 5 == fold {
                firstTags[s] = foldTagger.tag(sentences[s].words.map(\.form)).map { index[$0] ?? 0 }
            }
        }
        let trainer = trainPass(sentences, classes: labels.count, index: index, dictionary: first.dictionary, lexicon: lexicon, epochs: epochs,
                                seed: seed &+ 1, firstPass: firstTags)
        let (features, weights) = trainer.averaged(threshold: 0.002, minimumUpdates: minimumUpdates)
        let refiner = LinearModel(kind: "tagger-refiner", version: version, classes: labels, tables: [:], features: features, weights: weights)
        return POSTagger(model: first.model, refiner: refiner)
    }

    /// `minimumUpdates`: features updated fewer times in training are dropped from the model.
    public static func train(_ sentences: [SyntaxSentence], lexicon: TaggerLexicon = TaggerLexicon(), epochs: Int = 10, seed: UInt64 = 15,
                             minimumUpdates: Int32 = 1, version: String) -> POSTagger {
        let labels = Array(Set(sentences.flatMap { $0.words.map(\.upos) })).sorted()
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let dictionary = unambiguousWords(sentences)
        let dictionaryIndex = dictionary.mapValues { index[$0]! }
        let trainer = trainPass(sentences, classes: labels.count, index: index, dictionary: dictionaryIndex, lexicon: lexicon, epochs: epochs,
                                seed: seed, firstPass: nil)
        let (features, weights) = trainer.averaged(threshold: 0.002, minimumUpdates: minimumUpdates)
        let table = dictionary.keys.sorted().map { "\($0)\t\(dictionary[$0]!)" }
        let tables = ["dictionary": table, "common-words": lexicon.common.sorted(), "names": lexicon.names.sorted(),
                      "lemmas": Lemmatizer.entries(from: sentences)]
        let model = LinearModel(kind: "tagger", version: version, classes: labels, tables: tables, features: features, weights: weights)
        return POSTagger(model: model)
    }

    /// One pass's perceptron: `epochs` rounds over the sentences in an order drawn from `seed`,
    /// dictionary words tagged without training, each word's features seeing the tags the pass gave
    /// the words before it (and `firstPass`'s tags for the second pass).
    static func trainPass(_ sentences: [SyntaxSentence], classes: Int, index: [String: Int], dictionary: [String: Int], lexicon: TaggerLexicon,
                          epochs: Int, seed: UInt64, firstPass: [[Int]]?) -> PerceptronTrainer {
        var trainer = PerceptronTrainer(classes: classes)
        var order = Array(sentences.indices)
        var random = SeededGenerator(seed: seed)
        var features: [UInt64] = []
        for _ in 0..<epochs {
            order.shuffle(using: &random)
            for s in order {
                let words = sentences[s].words
                let context = TaggerContext(words.map(\.form), lexicon: lexicon)
                var tags: [Int] = []
                for i in words.indices {
                    if let known = dictionary[words[i].form] {
                        tags.append(known)
                        continue
                    }
                    context.features(at: i, previous: tags, firstPass: firstPass?[s], into: &features)
                    let guess = trainer.predict(features)
                    trainer.update(features, truth: index[words[i].upos]!, guess: guess)
                    tags.append(guess)
                }
            }
        }
        return trainer
    }

    /// Words seen at least 20 times with one tag at least 97 % of the time: tagged without scoring.
    /// (On the validation split, 20/97 % gave UPOS 95.71, no dictionary 95.67, 50/98 % 95.62.)
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
