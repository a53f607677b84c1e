import EventGraphSyntax
import Foundation
import Testing

/// The name tagger's model and labels on a tiny training set.
@Suite struct NameTaggerTests {
    static let tiny: [NameTraining.Sentence] = [
        NameTraining.Sentence(words: ["Police", "raided", "the", "camp", "in", "Manza", "."], upos: ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
                              labels: ["O", "O", "O", "O", "O", "B-LOC", "O"]),
        NameTraining.Sentence(words: ["Blendi", "Cuci", "said", "the", "Interior", "Ministry", "agreed", "."],
                              upos: ["PROPN", "PROPN", "VERB", "DET", "PROPN", "PROPN", "VERB", "PUNCT"],
                              labels: ["B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG", "O", "O"]),
        NameTraining.Sentence(words: ["Officials", "in", "Tirana", "met", "Edi", "Rama", "."], upos: ["NOUN", "ADP", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT"],
                              labels: ["O", "O", "B-LOC", "O", "B-PER", "I-PER", "O"]),
    ]
    static let lists: [String: Set<String>] = ["places": ["Tirana", "Manza"], "org-heads": ["ministry"]]

    @Test func trainingIsDeterministicAndLearnsItsSentences() throws {
        let first = NameTraining.train(Self.tiny, lists: Self.lists, epochs: 8, version: "names-test")
        let again = NameTraining.train(Self.tiny, lists: Self.lists, epochs: 8, version: "names-test")
        #expect(first.model.encoded() == again.model.encoded())
        for sentence in Self.tiny { #expect(first.tag(words: sentence.words, upos: sentence.upos) == sentence.labels) }
        // The word lists travel in the model file.
        let read = NameTagger(model: try LinearModel.decode(first.model.encoded(), path: "n.egm", kind: "names"))
        #expect(read.tag(words: Self.tiny[2].words, upos: Self.tiny[2].upos) == Self.tiny[2].labels)
        #expect(read.model.tables["list:places"] == ["manza", "tirana"])
    }

    @Test func spansComeFromWellFormedLabels() {
        #expect(NameTagger.spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]).map { "\($0.type)\($0.words)" }
            == ["PER0..<2", "LOC3..<4", "LOC4..<5", "ORG5..<6"])
        #expect(NameTagger.spans([]).isEmpty)
        // Whatever the input, an I- label follows a B- or I- of its own type.
        let tagger = NameTraining.train(Self.tiny, lists: Self.lists, epochs: 3, version: "t")
        for words in [["Interior", "Interior", "Ministry"], ["ZZZ", "QQQ", "Rama"], Array(repeating: "TIRANA", count: 500), ["😀", "北京", "مرحبا"]] {
            let labels = tagger.tag(words: words, upos: Array(repeating: "PROPN", count: words.count))
            #expect(labels.count == words.count)
            for (i, label) in labels.enumerated() where label.hasPrefix("I-") {
                #expect(i > 0 && labels[i - 1] != "O" && labels[i - 1].dropFirst(2) == label.dropFirst(2))
            }
        }
    }

    @Test func aFileThatIsNotANameModelIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eventgraph-names-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("other.egm")
        try Data(LinearModel(kind: "names", version: "x", classes: ["NOUN", "VERB"], tables: [:], features: [], weights: []).encoded()).write(to: other)
        #expect(throws: SyntaxError(path: other.path, problem: "name model classes are not BIO labels")) { try NameTagger.read(path: other.path) }
    }
}
