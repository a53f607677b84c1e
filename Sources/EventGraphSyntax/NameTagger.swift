/// A greedy left-to-right name tagger: BIO labels over a sentence's words (`B-PER`, `I-PER`, `B-ORG`,
/// `I-ORG`, `B-LOC`, `I-LOC`, `O`), from an averaged perceptron over hashed features: the word, its
/// shape, affixes and case, the words and UPOS tags around it, the two labels before it, and
/// membership of the word and its neighbours in named word lists (the entity stage's gazetteers and
/// head-word lists), which travel in the model file.
///
/// All-caps words are read lowercased for their word features (shape keeps the capitals), so that an
/// article in capitals is not one long name.
public struct NameTagger: Sendable {
    public let model: LinearModel
    /// List name → lowercased words, in the order of `listNames`.
    let lists: [Set<String>]
    let listNames: [String]

    public init(model: LinearModel) {
        self.model = model
        listNames = (model.tables["lists"] ?? []).sorted()
        lists = listNames.map { Set(model.tables["list:" + $0] ?? []) }
    }

    public var version: String { model.version }

    public static func read(path: String) throws(SyntaxError) -> NameTagger {
        let model = try LinearModel.read(path: path, kind: "names")
        guard model.classes.contains("O"), model.classes.allSatisfy({ $0 == "O" || $0.hasPrefix("B-") || $0.hasPrefix("I-") }) else {
            throw SyntaxError(path: path, problem: "name model classes are not BIO labels")
        }
        return NameTagger(model: model)
    }

    /// BIO labels for one sentence's words and UPOS tags.
    public func tag(words: [String], upos: [String]) -> [String] {
        let context = NameContext(words: words, upos: upos, lists: lists)
        var labels: [Int] = []
        labels.reserveCapacity(words.count)
        var scores = [Int32](repeating: 0, count: model.classes.count)
        var features: [UInt64] = []
        features.reserveCapacity(48)
        for i in words.indices {
            context.features(at: i, previous: labels, into: &features)
            model.score(features, into: &scores)
            labels.append(NameLabels.bestValid(scores, after: labels.last, classes: model.classes))
        }
        return labels.map { model.classes[$0] }
    }

    /// Spans (word ranges) and their types (`PER`, `ORG`, `LOC`) from BIO labels.
    public static func spans(_ labels: [String]) -> [(words: Range<Int>, type: String)] {
        var out: [(words: Range<Int>, type: String)] = []
        var start: Int?
        var type = ""
        for (i, label) in labels.enumerated() {
            if label.hasPrefix("I-"), start != nil, label.dropFirst(2) == type { continue }
            if let s = start { out.append((s..<i, type)) }
            start = nil
            if label.hasPrefix("B-") || label.hasPrefix("I-") {
                start = i
                type = String(label.dropFirst(2))
            }
        }
        if let s = start { out.append((s..<labels.count, type)) }
        return out
    }
}

enum NameLabels {
    /// The best label that keeps BIO well formed: `I-X` only after `B-X` or `I-X`.
    static func bestValid<Score: Comparable>(_ scores: [Score], after previous: Int?, classes: [String]) -> Int {
        var best = -1
        let before = previous.map { classes[$0] }
        for c in scores.indices where allows(classes[c], after: before) {
            if best < 0 || scores[c] > scores[best] { best = c }
        }
        return max(best, 0)
    }

    /// Whether `label` may follow `previous` (nil: the sentence's first word).
    static func allows(_ label: String, after previous: String?) -> Bool {
        guard label.hasPrefix("I-") else { return true }
        guard let previous, previous != "O" else { return false }
        return previous.dropFirst(2) == label.dropFirst(2)
    }
}

/// The words of a sentence with what the name features need, hashed once.
struct NameContext {
    let lowers: [UInt64]
    let shapes: [UInt64]
    let suffixes: [UInt64]
    let prefixes: [UInt64]
    let tags: [UInt64]
    /// Per word: a bit per word list that holds its lowercased form.
    let membership: [UInt64]
    let capitalized: [Bool]
    static let before = FeatureHasher.of("<s>"), after = FeatureHasher.of("</s>")

    init(words: [String], upos: [String], lists: [Set<String>]) {
        let lowerForms = words.map { $0.lowercased() }
        lowers = lowerForms.map { FeatureHasher.of($0) }
        shapes = words.map { FeatureHasher.of(TaggerContext.shape($0)) }
        suffixes = lowerForms.map { FeatureHasher.of($0.suffix(3)) }
        prefixes = lowerForms.map { FeatureHasher.of($0.prefix(2)) }
        tags = upos.map { FeatureHasher.of($0) }
        membership = lowerForms.map { word in
            var bits: UInt64 = 0
            for (index, list) in lists.enumerated() where index < 64 && list.contains(word) { bits |= 1 << UInt64(index) }
            return bits
        }
        capitalized = words.map { $0.unicodeScalars.first?.properties.isUppercase == true }
    }

    @inline(__always) func value(_ column: [UInt64], _ i: Int) -> UInt64 { i < 0 ? Self.before : i >= column.count ? Self.after : column[i] }
    @inline(__always) static func number(_ n: Int) -> UInt64 { UInt64(bitPattern: Int64(n)) &* 0x9E37_79B9_7F4A_7C15 }

    func features(at i: Int, previous labels: [Int], into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        let l1 = Self.number(i >= 1 ? labels[i - 1] : -1), l2 = Self.number(i >= 2 ? labels[i - 2] : -1)
        @inline(__always) func add(_ template: UInt8, _ a: UInt64 = 0, _ b: UInt64 = 0) {
            var hasher = FeatureHasher(template: template)
            hasher.add(hash: a)
            hasher.add(hash: b)
            out.append(hasher.value)
        }
        let word = lowers[i], shape = shapes[i], tag = tags[i]
        add(0)
        add(1, word); add(2, shape); add(3, suffixes[i]); add(4, prefixes[i]); add(5, tag)
        add(6, l1); add(7, l1, l2); add(8, l1, word); add(9, l1, tag); add(10, l1, shape)
        add(11, value(lowers, i - 1)); add(12, value(lowers, i + 1)); add(13, value(lowers, i - 2)); add(14, value(lowers, i + 2))
        add(15, value(tags, i - 1), tag); add(16, tag, value(tags, i + 1)); add(17, value(tags, i - 1), value(tags, i + 1))
        add(18, value(shapes, i - 1), shape); add(19, shape, value(shapes, i + 1))
        add(20, Self.number(i == 0 ? 1 : 0), shape)
        add(21, value(lowers, i - 1), word); add(22, word, value(lowers, i + 1))
        add(23, membership[i], shape); add(24, value(membership, i - 1), l1); add(25, value(membership, i + 1), shape)
        add(26, membership[i], tag)
        add(27, value(suffixes, i + 1), shape)
        add(28, l1, value(lowers, i + 1))
        if capitalized[i] && i > 0 { add(29, word, value(lowers, i - 1)) }
    }
}

/// Trains the name tagger: deterministic (the sentence order of each epoch comes from `seed`).
public enum NameTraining {
    /// One sentence of training data: words, their UPOS tags and BIO labels.
    public struct Sentence: Sendable {
        public var words: [String]
        public var upos: [String]
        public var labels: [String]

        public init(words: [String], upos: [String], labels: [String]) {
            self.words = words
            self.upos = upos
            self.labels = labels
        }
    }

    /// `lists`: name → words (lowercased here); they are written into the model's tables.
    public static func train(_ sentences: [Sentence], lists: [String: Set<String>], epochs: Int = 10, seed: UInt64 = 16,
                             minimumUpdates: Int32 = 1, version: String) -> NameTagger {
        let classes = Array(Set(sentences.flatMap(\.labels)).union(["O"])).sorted()
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let names = lists.keys.sorted()
        let sets = names.map { Set(lists[$0]!.map { $0.lowercased() }) }
        var trainer = PerceptronTrainer(classes: classes.count)
        var order = Array(sentences.indices)
        var random = SeededGenerator(seed: seed)
        var features: [UInt64] = []
        for _ in 0..<epochs {
            order.shuffle(using: &random)
            for s in order {
                let sentence = sentences[s]
                let context = NameContext(words: sentence.words, upos: sentence.upos, lists: sets)
                var labels: [Int] = []
                for i in sentence.words.indices {
                    context.features(at: i, previous: labels, into: &features)
                    var scores = [Float](repeating: 0, count: classes.count)
                    trainer.score(features, into: &scores)
                    let guess = NameLabels.bestValid(scores, after: labels.last, classes: classes)
                    // After its own mistake the gold I-X may be out of reach (an I- after O); then
                    // the name starts here, B-X, which is what it should learn to say.
                    var truth = index[sentence.labels[i]]!
                    if classes[truth].hasPrefix("I-"), !NameLabels.allows(classes[truth], after: labels.last.map { classes[$0] }) {
                        truth = index["B-" + classes[truth].dropFirst(2)] ?? truth
                    }
                    trainer.update(features, truth: truth, guess: guess)
                    // Its own labels as history, as when tagging: it learns to go on after a mistake.
                    labels.append(guess)
                }
            }
        }
        let (hashes, weights) = trainer.averaged(threshold: 0.002, minimumUpdates: minimumUpdates)
        var tables: [String: [String]] = ["lists": names]
        for (name, set) in zip(names, sets) { tables["list:" + name] = set.sorted() }
        let model = LinearModel(kind: "names", version: version, classes: classes, tables: tables, features: hashes, weights: weights)
        return NameTagger(model: model)
    }
}
