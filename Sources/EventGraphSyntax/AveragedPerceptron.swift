/// A multiclass averaged perceptron over hashed features, for training. Weights live in one flat
/// array, a row of `classes` per feature that has ever been updated; averaging is lazy (each
/// weight keeps the step it last changed at), as in Collins (2002) and Honnibal's tagger.
public struct PerceptronTrainer: Sendable {
    public let classes: Int
    var rows: [UInt64: Int] = [:]
    var weights: [Float] = []
    var totals: [Double] = []
    var stamps: [Int32] = []
    /// How many updates touched each row: a feature updated once or twice is mostly noise.
    var updates: [Int32] = []
    var step: Int32 = 0

    public init(classes: Int) { self.classes = classes }

    /// The class with the highest score (the lowest index on a tie), among `allowed` if given.
    public func predict(_ features: [UInt64], allowed: ((Int) -> Bool)? = nil) -> Int {
        var scores = [Float](repeating: 0, count: classes)
        score(features, into: &scores)
        return Self.best(scores, allowed: allowed)
    }

    public func score(_ features: [UInt64], into scores: inout [Float]) {
        for feature in features {
            guard let row = rows[feature] else { continue }
            let base = row * classes
            for c in 0..<classes { scores[c] += weights[base + c] }
        }
    }

    public static func best<Score: Comparable>(_ scores: [Score], allowed: ((Int) -> Bool)? = nil) -> Int {
        var best = -1
        for c in scores.indices where allowed?(c) ?? true {
            if best < 0 || scores[c] > scores[best] { best = c }
        }
        return max(best, 0)
    }

    /// One training step: when `guess` is not `truth`, every feature votes more for the truth and
    /// less for the guess.
    public mutating func update(_ features: [UInt64], truth: Int, guess: Int) {
        step += 1
        guard truth != guess else { return }
        for feature in features {
            let row = rowIndex(feature)
            updates[row] += 1
            change(row * classes + truth, by: 1)
            change(row * classes + guess, by: -1)
        }
    }

    mutating func rowIndex(_ feature: UInt64) -> Int {
        if let row = rows[feature] { return row }
        let row = rows.count
        rows[feature] = row
        weights.append(contentsOf: repeatElement(0, count: classes))
        totals.append(contentsOf: repeatElement(0, count: classes))
        stamps.append(contentsOf: repeatElement(0, count: classes))
        updates.append(0)
        return row
    }

    mutating func change(_ index: Int, by delta: Float) {
        totals[index] += Double(step - stamps[index]) * Double(weights[index])
        stamps[index] = step
        weights[index] += delta
    }

    /// The averaged weights, by feature (sorted), dropping features whose every class weight is
    /// below `threshold` in magnitude and those updated fewer than `minimumUpdates` times.
    public func averaged(threshold: Float, minimumUpdates: Int32 = 1) -> (features: [UInt64], weights: [Float]) {
        var kept: [(UInt64, Int)] = rows.filter { updates[$0.value] >= minimumUpdates }.map { ($0.key, $0.value) }
        kept.sort { $0.0 < $1.0 }
        var features: [UInt64] = []
        var out: [Float] = []
        for (feature, row) in kept {
            var averagedRow = [Float](repeating: 0, count: classes)
            for c in 0..<classes {
                let index = row * classes + c
                let total = totals[index] + Double(step - stamps[index]) * Double(weights[index])
                averagedRow[c] = Float(total / Double(max(step, 1)))
            }
            guard averagedRow.contains(where: { abs($0) >= threshold }) else { continue }
            features.append(feature)
            out += averagedRow
        }
        return (features, out)
    }
}
