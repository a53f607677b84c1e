/// A greedy arc-hybrid dependency parser (Kuhlmann et al. 2011) over an averaged perceptron with
/// hashed features, trained with Goldberg and Nivre's dynamic oracle (2013) and exploration. It
/// reads words and UPOS tags and gives each word a head (0: the root) and a UD relation; a sentence
/// always gets one tree with one root. Time is linear in the sentence (2n transitions).
public struct DependencyParser: Sendable {
    public let model: LinearModel
    /// The relations, in class order: class 0 is SHIFT, 1 + 2l is LEFT(l), 2 + 2l is RIGHT(l).
    let relations: [String]

    /// The feature templates of `ParserContext.features`, written into every model as its
    /// `feature-set` table: a model trained with other templates would score garbage, so it is
    /// refused when read (`DependencyParser.read`).
    public static let featureSet = "1"

    public init(model: LinearModel) {
        self.model = model
        relations = model.tables["relations"] ?? []
    }

    /// The parser in a model file; a file of another kind, format or feature set is a located error.
    public static func read(path: String) throws(SyntaxError) -> DependencyParser {
        let model = try LinearModel.read(path: path, kind: "parser")
        guard model.tables["feature-set"] == [featureSet] else {
            throw SyntaxError(path: path, problem: "parser model of feature set \(model.tables["feature-set"]?.first ?? "none"), this eventgraph computes feature set \(featureSet)")
        }
        guard !model.tables["relations", default: []].isEmpty, model.classes.count == 1 + 2 * model.tables["relations"]!.count else {
            throw SyntaxError(path: path, problem: "parser model's classes do not match its relations")
        }
        return DependencyParser(model: model)
    }

    public var version: String { model.version }

    /// Heads (1-based, 0 for the root) and relations of one sentence's words.
    public func parse(words: [String], tags: [String]) -> [(head: Int, relation: String)] {
        guard !words.isEmpty else { return [] }
        var state = ParserState(count: words.count)
        let context = ParserContext(words: words, tags: tags)
        var scores = [Int32](repeating: 0, count: model.classes.count)
        var features: [UInt64] = []
        features.reserveCapacity(64)
        while !state.isTerminal {
            // With only the root on the stack, SHIFT is the one valid transition: no need to score.
            if state.stack.count == 1 {
                state.apply(0)
                continue
            }
            context.features(state, into: &features)
            model.score(features, into: &scores)
            state.apply(state.bestValid(scores))
        }
        return (1...words.count).map { (state.heads[$0], $0 < state.labels.count && state.labels[$0] >= 0 ? relations[state.labels[$0]] : "dep") }
    }
}

/// Stack, buffer and the arcs made so far. Words are 1...n; 0 is the root, at the bottom of the stack.
struct ParserState {
    let count: Int
    var stack: [Int] = [0]
    /// The first word of the buffer (the buffer is `front...count`); `count + 1` when empty.
    var front = 1
    var heads: [Int]
    var labels: [Int]
    /// Leftmost and rightmost dependents so far, and the number on each side.
    var leftmost: [Int]
    var rightmost: [Int]
    var leftCount: [Int]
    var rightCount: [Int]
    /// The second leftmost and rightmost dependents, and the sets of relations on each side (bits
    /// of label mod 64): Zhang and Nivre's (2011) second-order and label-set features.
    var leftmost2: [Int]
    var rightmost2: [Int]
    var leftLabels: [UInt64]
    var rightLabels: [UInt64]

    init(count: Int) {
        self.count = count
        heads = Array(repeating: -1, count: count + 1)
        labels = Array(repeating: -1, count: count + 1)
        leftmost = Array(repeating: -1, count: count + 1)
        rightmost = Array(repeating: -1, count: count + 1)
        leftCount = Array(repeating: 0, count: count + 1)
        rightCount = Array(repeating: 0, count: count + 1)
        leftmost2 = Array(repeating: -1, count: count + 1)
        rightmost2 = Array(repeating: -1, count: count + 1)
        leftLabels = Array(repeating: 0, count: count + 1)
        rightLabels = Array(repeating: 0, count: count + 1)
    }

    var isTerminal: Bool { front > count && stack.count == 1 }
    var bufferEmpty: Bool { front > count }
    var s0: Int { stack[stack.count - 1] }
    var s1: Int { stack.count >= 2 ? stack[stack.count - 2] : -1 }

    static func kind(_ action: Int) -> Int { action == 0 ? 0 : (action - 1) % 2 + 1 }
    static func label(_ action: Int) -> Int { (action - 1) / 2 }

    /// SHIFT needs a buffer; LEFT a word on the stack and a buffer; RIGHT a word on the stack, and
    /// when it would hang a word from the root, an empty buffer (so that the root gets one child).
    func isValid(_ action: Int) -> Bool {
        switch Self.kind(action) {
        case 0: return !bufferEmpty
        case 1: return stack.count >= 2 && !bufferEmpty
        default: return stack.count >= 2 && (s1 != 0 || bufferEmpty)
        }
    }

    /// The highest-scoring valid transition (the lowest class on a tie), as
    /// `PerceptronTrainer.best(scores) { isValid($0) }` finds it, without a closure per class.
    func bestValid<Score: Comparable>(_ scores: [Score]) -> Int {
        let canShift = !bufferEmpty
        let canLeft = stack.count >= 2 && !bufferEmpty
        let canRight = stack.count >= 2 && (s1 != 0 || bufferEmpty)
        var best = -1
        var bestScore = scores[0]
        if canShift { (best, bestScore) = (0, scores[0]) }
        var c = 1
        while c + 1 < scores.count {
            if canLeft && (best < 0 || scores[c] > bestScore) { (best, bestScore) = (c, scores[c]) }
            if canRight && (best < 0 || scores[c + 1] > bestScore) { (best, bestScore) = (c + 1, scores[c + 1]) }
            c += 2
        }
        return max(best, 0)
    }

    mutating func apply(_ action: Int) {
        switch Self.kind(action) {
        case 0:
            stack.append(front)
            front += 1
        case 1: attach(stack.removeLast(), to: front, label: Self.label(action))
        default:
            let dependent = stack.removeLast()
            attach(dependent, to: stack[stack.count - 1], label: Self.label(action))
        }
    }

    mutating func attach(_ dependent: Int, to head: Int, label: Int) {
        heads[dependent] = head
        labels[dependent] = label
        if dependent < head {
            if leftmost[head] < 0 || dependent < leftmost[head] {
                leftmost2[head] = leftmost[head]
                leftmost[head] = dependent
            } else if leftmost2[head] < 0 || dependent < leftmost2[head] {
                leftmost2[head] = dependent
            }
            leftCount[head] += 1
            leftLabels[head] |= 1 << UInt64(label % 64)
        } else {
            if rightmost[head] < 0 || dependent > rightmost[head] {
                rightmost2[head] = rightmost[head]
                rightmost[head] = dependent
            } else if rightmost2[head] < 0 || dependent > rightmost2[head] {
                rightmost2[head] = dependent
            }
            rightCount[head] += 1
            rightLabels[head] |= 1 << UInt64(label % 64)
        }
    }
}

/// Words and tags hashed once per sentence (index 0 is the root), so that a transition's
/// features combine 64-bit values instead of rehashing strings.
struct ParserContext {
    let words: [UInt64]
    let tags: [UInt64]
    let suffixes: [UInt64]
    static let none = FeatureHasher.of("<none>"), end = FeatureHasher.of("<end>")

    init(words forms: [String], tags: [String]) {
        let lowers = ["<root>"] + forms.map { $0.lowercased() }
        words = lowers.map { FeatureHasher.of($0) }
        suffixes = lowers.map { FeatureHasher.of($0.suffix(3)) }
        self.tags = [FeatureHasher.of("ROOT")] + tags.map { FeatureHasher.of($0) }
    }

    @inline(__always) func word(_ i: Int) -> UInt64 { i < 0 ? Self.none : i < words.count ? words[i] : Self.end }
    @inline(__always) func tag(_ i: Int) -> UInt64 { i < 0 ? Self.none : i < tags.count ? tags[i] : Self.end }
    @inline(__always) func suffix(_ i: Int) -> UInt64 { i < 0 ? Self.none : i < suffixes.count ? suffixes[i] : Self.end }

    /// The features of a state, written into `out` (cleared first).
    func features(_ state: ParserState, into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        let s0 = state.s0, s1 = state.s1, s2 = state.stack.count >= 3 ? state.stack[state.stack.count - 3] : -1
        let b0 = state.bufferEmpty ? -1 : state.front
        let b1 = b0 >= 0 && b0 + 1 <= state.count ? b0 + 1 : -1
        let b2 = b1 >= 0 && b1 + 1 <= state.count ? b1 + 1 : -1
        @inline(__always) func child(_ table: [Int], _ i: Int) -> Int { i >= 0 ? table[i] : -1 }
        @inline(__always) func label(_ i: Int) -> UInt64 { UInt64(bitPattern: Int64(i >= 0 ? state.labels[i] : -2)) }
        @inline(__always) func number(_ n: Int) -> UInt64 { UInt64(bitPattern: Int64(n)) &* 0x9E37_79B9_7F4A_7C15 }
        let s0l = child(state.leftmost, s0), s0r = child(state.rightmost, s0)
        let s1l = child(state.leftmost, s1), s1r = child(state.rightmost, s1)
        let b0l = child(state.leftmost, b0)
        let s0l2 = child(state.leftmost2, s0), s0r2 = child(state.rightmost2, s0), b0l2 = child(state.leftmost2, b0)
        let distance = number(b0 >= 0 ? min(b0 - s0, 6) : -1)
        let (w0, t0, wb, tb) = (word(s0), tag(s0), word(b0), tag(b0))
        @inline(__always) func add(_ template: UInt8, _ a: UInt64 = 0, _ b: UInt64 = 0, _ c: UInt64 = 0) {
            var hasher = FeatureHasher(template: template)
            hasher.add(hash: a)
            hasher.add(hash: b)
            hasher.add(hash: c)
            out.append(hasher.value)
        }
        add(0)
        add(1, w0); add(2, t0); add(3, w0, t0); add(4, wb); add(5, tb); add(6, wb, tb)
        add(7, word(s1)); add(8, tag(s1)); add(9, word(b1)); add(10, tag(b1)); add(11, tag(b2)); add(12, tag(s2))
        add(13, w0, wb); add(14, t0, tb); add(15, t0, tb, tag(b1)); add(16, tag(s1), t0, tb)
        add(17, t0, tag(s0l), tb); add(18, t0, tag(s0r), tb); add(19, tag(s1), tag(s1r), t0); add(20, tb, tag(b0l), t0)
        add(21, label(s0l), t0); add(22, label(s0r), t0); add(23, label(b0l), tb); add(24, label(s1r), tag(s1))
        add(25, distance, t0, tb); add(26, distance, w0)
        add(27, number(s0 >= 0 ? state.leftCount[s0] : -1), t0); add(28, number(s0 >= 0 ? state.rightCount[s0] : -1), w0)
        add(29, number(b0 >= 0 ? state.leftCount[b0] : -1), tb)
        add(30, w0, tb); add(31, t0, wb); add(32, word(s1), w0); add(33, tag(s1), t0); add(34, tb, tag(b1), tag(b2))
        add(35, wb, tag(b1)); add(36, suffix(b0), tb); add(37, suffix(s0), t0); add(38, tag(s1l), tag(s1), t0)
        add(39, number(state.bufferEmpty ? 1 : 0), number(min(state.stack.count, 3)), t0)
        // Children's words, second-order children, label sets (Zhang and Nivre 2011).
        add(40, word(s0l), t0); add(41, word(s0r), t0); add(42, word(b0l), tb)
        add(43, t0, tag(s0l), tag(s0l2)); add(44, t0, tag(s0r), tag(s0r2)); add(45, tb, tag(b0l), tag(b0l2))
        add(46, label(s0l2), label(s0l), t0); add(47, label(s0r2), label(s0r), t0)
        add(48, s0 >= 0 ? state.leftLabels[s0] : 0, t0); add(49, s0 >= 0 ? state.rightLabels[s0] : 0, t0)
        add(50, b0 >= 0 ? state.leftLabels[b0] : 0, tb)
        add(51, distance, wb); add(52, distance, w0, wb)
        add(53, number(s0 >= 0 ? state.leftCount[s0] : -1), w0); add(54, number(s0 >= 0 ? state.rightCount[s0] : -1), t0)
        add(55, number(b0 >= 0 ? state.leftCount[b0] : -1), wb); add(56, tag(s1), t0, tag(s0r)); add(57, word(s1), tag(s1), t0)
    }
}

/// Trains the parser with the dynamic oracle: at each step the best-scoring transition that loses no
/// gold arc is the truth; after the first epoch the parser follows its own prediction with
/// probability `exploration` (nine times in ten by default), so that it learns to recover from its
/// mistakes. Non-projective sentences (which arc-hybrid
/// cannot build) are left out of training. Deterministic for a seed.
public enum ParserTraining {
    public static func train(_ sentences: [SyntaxSentence], tags: [[String]], epochs: Int = 15, seed: UInt64 = 15, prune: Float = 0.005,
                             minimumUpdates: Int32 = 1, exploration: Double = 0.9, version: String) -> DependencyParser {
        let relations = Array(Set(sentences.flatMap { $0.words.map(\.deprel) })).sorted()
        let relationIndex = Dictionary(uniqueKeysWithValues: relations.enumerated().map { ($1, $0) })
        let classes = ["SHIFT"] + relations.flatMap { ["L:" + $0, "R:" + $0] }
        var trainer = PerceptronTrainer(classes: classes.count)
        let usable = sentences.indices.filter { isProjective(sentences[$0]) }
        var order = usable
        var random = SeededGenerator(seed: seed)
        var scores = [Float](repeating: 0, count: classes.count)
        for epoch in 0..<epochs {
            order.shuffle(using: &random)
            for s in order {
                let sentence = sentences[s]
                let gold = GoldTree(sentence, relationIndex)
                let context = ParserContext(words: sentence.words.map(\.form), tags: tags[s])
                var state = ParserState(count: sentence.words.count)
                var features: [UInt64] = []
                while !state.isTerminal {
                    context.features(state, into: &features)
                    for c in scores.indices { scores[c] = 0 }
                    trainer.score(features, into: &scores)
                    let guess = state.bestValid(scores)
                    // The best-scoring transition among the cheapest valid ones (zero cost on a
                    // projective tree).
                    let costs = (0..<classes.count).map { state.isValid($0) ? gold.cost(of: $0, in: state) : Int.max }
                    let cheapest = costs.min()!
                    let truth = PerceptronTrainer.best(scores) { costs[$0] == cheapest }
                    trainer.update(features, truth: truth, guess: guess)
                    let explore = epoch > 0 && Double(random.next() % 1000) < exploration * 1000
                    state.apply(explore ? guess : truth)
                }
            }
        }
        let (features, weights) = trainer.averaged(threshold: prune, minimumUpdates: minimumUpdates)
        let model = LinearModel(kind: "parser", version: version, classes: classes, tables: ["relations": relations, "feature-set": [DependencyParser.featureSet]],
                                features: features, weights: weights)
        return DependencyParser(model: model)
    }

    /// Whether no two arcs cross (every word between a head and its dependent descends from the head).
    static func isProjective(_ sentence: SyntaxSentence) -> Bool {
        let heads = [0] + sentence.words.map(\.head)
        for d in 1..<heads.count {
            let h = heads[d]
            for between in (min(h, d) + 1)..<max(h, d) {
                var a = between
                var steps = 0
                while a != 0 && a != h && steps < heads.count { a = heads[a]; steps += 1 }
                if a != h { return false }
            }
        }
        return true
    }
}

/// The gold tree of a training sentence, and what a transition would cost against it.
struct GoldTree {
    let heads: [Int]
    let labels: [Int]
    let dependents: [[Int]]

    init(_ sentence: SyntaxSentence, _ relationIndex: [String: Int]) {
        heads = [-1] + sentence.words.map(\.head)
        labels = [-1] + sentence.words.map { relationIndex[$0.deprel] ?? 0 }
        var dependents = Array(repeating: [Int](), count: heads.count)
        for d in 1..<heads.count { dependents[heads[d]].append(d) }
        self.dependents = dependents
    }

    /// Gold arcs this transition makes unreachable (arc-hybrid's dynamic oracle), plus one for a wrong
    /// label on a right arc.
    func cost(of action: Int, in state: ParserState) -> Int {
        let inBuffer = { (i: Int) in i >= state.front && i <= state.count }
        switch ParserState.kind(action) {
        case 0:
            let b = state.front
            var cost = 0
            for s in state.stack where heads[s] == b { cost += 1 }
            if state.stack.dropLast().contains(heads[b]) { cost += 1 }
            return cost
        case 1:
            let s0 = state.s0, b = state.front
            var cost = dependents[s0].filter(inBuffer).count
            if heads[s0] != b && (heads[s0] == state.s1 || inBuffer(heads[s0])) { cost += 1 }
            if heads[s0] == b && labels[s0] != ParserState.label(action) { cost += 1 }
            return cost
        default:
            let s0 = state.s0
            var cost = dependents[s0].filter(inBuffer).count
            if inBuffer(heads[s0]) { cost += 1 }
            if heads[s0] == state.s1 && labels[s0] != ParserState.label(action) { cost += 1 }
            return cost
        }
    }
}
