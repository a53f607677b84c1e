import EventGraphSyntax
import Foundation
import Testing

/// The models shipped in `Sources/EventGraphSyntax/Resources/`, scored on the committed samples of
/// the held-out test sets (`Tests/Gold/syntax/`): a retrained model that is worse fails here.
@Suite struct ShippedModelTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Gold/syntax")

    /// Half a point under what the shipped models (`tagger-2`, `parser-2`) score on each sample
    /// (UPOS 95.94 / UAS 85.37 / LAS 82.06 on EWT, 95.85 / 80.17 / 76.54 on GUM news): the models are
    /// deterministic, so the margin is room for a retrained model to differ, not for noise.
    static let floors: [(file: String, upos: Double, uas: Double, las: Double)] = [
        ("ewt-test-sample.conllu", 95.4, 84.8, 81.5),
        ("gum-news-sample.conllu", 95.3, 79.6, 76.0),
    ]

    static func score(_ file: String, _ models: SyntaxModels) throws -> SyntaxScores {
        let path = samples.appendingPathComponent(file).path
        let gold = try CoNLLU.parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
        var scores = SyntaxScores()
        for sentence in gold {
            var predicted = sentence
            for (i, word) in models.analyze(sentence.words.map(\.form)).enumerated() {
                predicted.words[i].upos = word.upos
                predicted.words[i].lemma = word.lemma
                predicted.words[i].head = word.head
                predicted.words[i].deprel = word.deprel
            }
            scores.add(gold: sentence, predicted: predicted)
        }
        return scores
    }

    @Test(arguments: floors.indices)
    func theShippedModelsStayAboveTheirFloors(_ index: Int) throws {
        let floor = Self.floors[index]
        let scores = try Self.score(floor.file, try SyntaxModels.standard())
        #expect(scores.words > 1_500)
        #expect(scores.uposAccuracy >= floor.upos, "\(floor.file): \(scores)")
        #expect(scores.uas >= floor.uas, "\(floor.file): \(scores)")
        #expect(scores.las >= floor.las, "\(floor.file): \(scores)")
    }

    @Test func theShippedModelsAreVersionedAndSmall() throws {
        let models = try SyntaxModels.standard()
        #expect(models.version == "tagger-2+parser-2+names-2")
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/EventGraphSyntax/Resources")
        let sizes = try FileManager.default.contentsOfDirectory(atPath: resources.path).filter { $0.hasSuffix(".egm") }.map { name in
            (try FileManager.default.attributesOfItem(atPath: resources.appendingPathComponent(name).path)[.size] as? Int) ?? 0
        }
        #expect(sizes.count == 4)
        // The budget for every model in git: 20 MB (never over 40).
        #expect(sizes.reduce(0, +) <= 20_000_000)
    }
}
