/// One-to-one matching between gold items and predictions.
enum Matching {
    struct Result {
        var pairs: [(gold: Int, predicted: Int)]
        var count: Int { pairs.count }
        var goldIndices: Set<Int> { Set(pairs.map(\.gold)) }
    }

    /// A maximum bipartite matching (augmenting paths), so that a prediction that fits two gold items
    /// cannot be counted twice and no order of the inputs can lower the score.
    static func maximum<G, P>(gold: [G], predicted: [P], matches: (G, P) -> Bool) -> Result {
        let candidates: [[Int]] = gold.map { g in predicted.indices.filter { matches(g, predicted[$0]) } }
        var owner = [Int?](repeating: nil, count: predicted.count)

        func augment(_ g: Int, _ visited: inout [Bool]) -> Bool {
            for p in candidates[g] where !visited[p] {
                visited[p] = true
                if owner[p] == nil || augment(owner[p]!, &visited) {
                    owner[p] = g
                    return true
                }
            }
            return false
        }
        for g in gold.indices {
            var visited = [Bool](repeating: false, count: predicted.count)
            _ = augment(g, &visited)
        }
        let pairs = owner.enumerated().compactMap { p, g in g.map { (gold: $0, predicted: p) } }.sorted { $0.gold < $1.gold }
        return Result(pairs: pairs)
    }

    /// A monotone alignment for items that come in text order (time expressions, whose gold has no
    /// offsets): each gold item takes the first unused prediction after the previous match.
    static func inOrder<G, P>(gold: [G], predicted: [P], matches: (G, P) -> Bool) -> Result {
        var pairs: [(gold: Int, predicted: Int)] = []
        var next = 0
        for (g, item) in gold.enumerated() {
            if let p = predicted.indices.dropFirst(next).first(where: { matches(item, predicted[$0]) }) {
                pairs.append((g, p))
                next = p + 1
            }
        }
        return Result(pairs: pairs)
    }
}
