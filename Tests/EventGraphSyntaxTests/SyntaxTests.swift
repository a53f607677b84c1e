import Foundation
import EventGraphSyntax
import Testing

@Suite struct CoNLLUTests {
    static let sample = """
        # sent_id = s1
        # text = Albania hosted the group.
        1\tAlbania\tAlbania\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
        2\thosted\thost\tVERB\tVBD\t_\t0\troot\t_\t_
        3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
        4\tgroup\tgroup\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No
        5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

        # sent_id = s2
        # text = Don't.
        1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_
        1\tDo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_
        2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_
        3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_

        """

    @Test func readsWordsAndSkipsMultiwordTokens() throws {
        let sentences = try CoNLLU.parse(Self.sample, path: "s.conllu")
        #expect(sentences.map(\.id) == ["s1", "s2"])
        #expect(sentences[0].words.map(\.form) == ["Albania", "hosted", "the", "group", "."])
        #expect(sentences[0].words[1].head == 0 && sentences[0].words[3].deprel == "obj")
        #expect(sentences[1].words.map(\.form) == ["Do", "n't", "."])
    }

    @Test func formatsWhatItReads() throws {
        let sentences = try CoNLLU.parse(Self.sample, path: "s.conllu")
        #expect(try CoNLLU.parse(CoNLLU.format(sentences), path: "again.conllu") == sentences)
        #expect(CoNLLU.format(sentences).split(separator: "\n").allSatisfy { $0.hasPrefix("#") || $0.split(separator: "\t", omittingEmptySubsequences: false).count == 10 })
    }

    @Test func errorsAreLocated() {
        #expect(throws: SyntaxError(path: "b.conllu", line: 2, column: 1, problem: "expected 10 tab-separated columns, found 3")) {
            try CoNLLU.parse("# text = x\n1\tx\tx\n", path: "b.conllu")
        }
        #expect(throws: SyntaxError(path: "b.conllu", line: 1, column: 13, problem: "head 'x' is not a number")) {
            try CoNLLU.parse("1\ta\ta\tX\t_\t_\tx\tdep\t_\t_\n", path: "b.conllu")
        }
        #expect(throws: SyntaxError(path: "b.conllu", line: 1, column: 1, problem: "head 5 is outside the sentence of 1 words")) {
            try CoNLLU.parse("1\ta\ta\tX\t_\t_\t5\tdep\t_\t_\n", path: "b.conllu")
        }
    }
}

@Suite struct TaggerTests {
    /// A tiny treebank: enough for the tagger to learn its own words.
    static let tiny: [SyntaxSentence] = {
        let rows: [[(String, String)]] = [
            [("Albania", "PROPN"), ("hosted", "VERB"), ("the", "DET"), ("group", "NOUN"), (".", "PUNCT")],
            [("Police", "NOUN"), ("raided", "VERB"), ("the", "DET"), ("camp", "NOUN"), ("on", "ADP"), ("Tuesday", "PROPN"), (".", "PUNCT")],
            [("The", "DET"), ("group", "NOUN"), ("denied", "VERB"), ("it", "PRON"), (".", "PUNCT")],
            [("Officials", "NOUN"), ("said", "VERB"), ("police", "NOUN"), ("raided", "VERB"), ("Tirana", "PROPN"), (".", "PUNCT")],
        ]
        return rows.enumerated().map { index, words in
            SyntaxSentence(id: "t\(index)", text: words.map(\.0).joined(separator: " "), words: words.map { SyntaxSentence.Word(form: $0.0, upos: $0.1) })
        }
    }()

    @Test func trainingIsDeterministic() {
        let first = TaggerTraining.train(Self.tiny, epochs: 5, version: "test").model.encoded()
        let second = TaggerTraining.train(Self.tiny, epochs: 5, version: "test").model.encoded()
        #expect(first == second)
        #expect(TaggerTraining.train(Self.tiny, epochs: 5, seed: 99, version: "test").model.encoded().count > 0)
    }

    @Test func learnsItsTrainingSentences() {
        let tagger = TaggerTraining.train(Self.tiny, epochs: 10, version: "test")
        var scores = SyntaxScores()
        for sentence in Self.tiny {
            var predicted = sentence
            for (i, tag) in tagger.tag(sentence.words.map(\.form)).enumerated() { predicted.words[i].upos = tag }
            scores.add(gold: sentence, predicted: predicted)
        }
        #expect(scores.uposAccuracy == 100)
    }

    @Test func aModelFileSurvivesARoundTrip() throws {
        let tagger = TaggerTraining.train(Self.tiny, lexicon: TaggerLexicon(common: ["police"], names: ["Tirana"]), epochs: 5, version: "test-1")
        let bytes = tagger.model.encoded()
        let again = try LinearModel.decode(bytes, path: "t.egm", kind: "tagger")
        #expect(again.encoded() == bytes)
        #expect(again.version == "test-1" && again.classes == tagger.model.classes)
        #expect(POSTagger(model: again).tag(["Police", "raided", "Tirana", "."]) == tagger.tag(["Police", "raided", "Tirana", "."]))
    }

    /// A damaged model is a clear error at load, never a crash.
    @Test func damagedModelFilesAreLocatedErrors() {
        let bytes = TaggerTraining.train(Self.tiny, epochs: 2, version: "test").model.encoded()
        func problem(_ data: [UInt8], kind: String = "tagger") -> String {
            do {
                _ = try LinearModel.decode(data, path: "m.egm", kind: kind)
                return "read"
            } catch { return error.description }
        }
        #expect(problem(Array(bytes.prefix(bytes.count / 2))) == "m.egm:1:1: error: model file is truncated or corrupted (checksum mismatch)")
        #expect(problem(Array("not a model at all, just text".utf8)) == "m.egm:1:1: error: not an EventGraph model file")
        #expect(problem(bytes, kind: "parser") == "m.egm:1:1: error: model file holds a tagger, expected a parser")
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        #expect(problem(flipped) == "m.egm:1:1: error: model file is truncated or corrupted (checksum mismatch)")
        // Another format version, with a valid checksum: refused by version, not misread.
        var future = Array(bytes.dropLast(8))
        future[8] = 9
        var checksum: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in future { checksum = (checksum ^ UInt64(byte)) &* 0x100_0000_01B3 }
        for shift in stride(from: 0, to: 64, by: 8) { future.append(UInt8(truncatingIfNeeded: checksum >> UInt64(shift))) }
        #expect(problem(future) == "m.egm:1:1: error: model file format 9, this eventgraph reads format 2")
    }

    /// A parser trained with other feature templates would parse garbage without a word: it is refused.
    @Test func aParserOfAnotherFeatureSetIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eventgraph-featureset-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let parser = ParserTraining.train(ParserTests.tiny, tags: ParserTests.tiny.map { $0.words.map(\.upos) }, epochs: 2, version: "p")
        #expect(parser.model.tables["feature-set"] == [DependencyParser.featureSet])
        let good = folder.appendingPathComponent("good.egm"), other = folder.appendingPathComponent("other.egm")
        try Data(parser.model.encoded()).write(to: good)
        #expect(try DependencyParser.read(path: good.path).version == "p")
        var tables = parser.model.tables
        tables["feature-set"] = ["0"]
        let foreign = LinearModel(kind: "parser", version: "p", classes: parser.model.classes, tables: tables, features: [], weights: [])
        try Data(foreign.encoded()).write(to: other)
        #expect(throws: SyntaxError(path: other.path, problem: "parser model of feature set 0, this eventgraph computes feature set 1")) {
            try DependencyParser.read(path: other.path)
        }
    }

    @Test func oddInputIsTaggedInLinearTime() {
        let tagger = TaggerTraining.train(Self.tiny, epochs: 2, version: "test")
        #expect(tagger.tag([]).isEmpty)
        let long = Array(repeating: "word", count: 10_000)
        #expect(tagger.tag(long).count == 10_000)
        #expect(tagger.tag([String(repeating: "x", count: 1 << 20), "😀", "北京", "مرحبا", "!!!"]).count == 5)
    }
}

@Suite struct ParserTests {
    static let tiny: [SyntaxSentence] = {
        let text = """
            1\tAlbania\t_\tPROPN\t_\t_\t2\tnsubj\t_\t_
            2\thosted\t_\tVERB\t_\t_\t0\troot\t_\t_
            3\tthe\t_\tDET\t_\t_\t4\tdet\t_\t_
            4\tgroup\t_\tNOUN\t_\t_\t2\tobj\t_\t_
            5\t.\t_\tPUNCT\t_\t_\t2\tpunct\t_\t_

            1\tPolice\t_\tNOUN\t_\t_\t2\tnsubj\t_\t_
            2\traided\t_\tVERB\t_\t_\t0\troot\t_\t_
            3\tthe\t_\tDET\t_\t_\t4\tdet\t_\t_
            4\tcamp\t_\tNOUN\t_\t_\t2\tobj\t_\t_
            5\ton\t_\tADP\t_\t_\t6\tcase\t_\t_
            6\tTuesday\t_\tPROPN\t_\t_\t2\tobl\t_\t_
            7\t.\t_\tPUNCT\t_\t_\t2\tpunct\t_\t_

            """
        return (try? CoNLLU.parse(text, path: "tiny.conllu")) ?? []
    }()

    static func train(seed: UInt64 = 15) -> DependencyParser {
        ParserTraining.train(tiny, tags: tiny.map { $0.words.map(\.upos) }, epochs: 8, seed: seed, version: "test")
    }

    @Test func trainingIsDeterministicAndLearnsItsSentences() throws {
        #expect(Self.tiny.count == 2)
        let parser = Self.train()
        #expect(parser.model.encoded() == Self.train().model.encoded())
        for sentence in Self.tiny {
            let arcs = parser.parse(words: sentence.words.map(\.form), tags: sentence.words.map(\.upos))
            #expect(arcs.map(\.head) == sentence.words.map(\.head))
            #expect(arcs.map(\.relation) == sentence.words.map(\.deprel))
        }
        let again = DependencyParser(model: try LinearModel.decode(parser.model.encoded(), path: "p.egm", kind: "parser"))
        #expect(again.parse(words: ["Police", "hosted", "the", "camp"], tags: ["NOUN", "VERB", "DET", "NOUN"]).map(\.head)
            == parser.parse(words: ["Police", "hosted", "the", "camp"], tags: ["NOUN", "VERB", "DET", "NOUN"]).map(\.head))
    }

    /// Any input gets one tree with one root, in 2n transitions.
    @Test func everySentenceGetsOneTreeWithOneRoot() {
        let parser = Self.train()
        #expect(parser.parse(words: [], tags: []).isEmpty)
        for words in [Array(repeating: "police", count: 10_000), ["😀"], ["北京", "مرحبا", "!!!", String(repeating: "x", count: 1 << 20)]] {
            let arcs = parser.parse(words: words, tags: Array(repeating: "X", count: words.count))
            #expect(arcs.count == words.count)
            #expect(arcs.filter { $0.head == 0 }.count == 1)
            #expect(arcs.allSatisfy { $0.head >= 0 && $0.head <= words.count })
            // A tree: following heads from any word reaches the root without a cycle.
            let heads = [0] + arcs.map(\.head)
            for start in 1...words.count where start % 97 == 1 {
                var node = start, steps = 0
                while node != 0 && steps <= words.count { node = heads[node]; steps += 1 }
                #expect(node == 0)
            }
        }
    }
}

@Suite struct TwoPassTaggerTests {
    @Test func theSecondPassIsDeterministicAndReadBackFromBesideTheTagger() throws {
        let first = TaggerTraining.trainTwoPass(TaggerTests.tiny, epochs: 4, version: "t")
        let second = TaggerTraining.trainTwoPass(TaggerTests.tiny, epochs: 4, version: "t")
        let refiner = try #require(first.refiner)
        #expect(refiner.encoded() == second.refiner?.encoded())
        #expect(POSTagger.refinerPath(of: "/m/tagger.egm") == "/m/tagger-refiner.egm")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eventgraph-two-pass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(first.model.encoded()).write(to: folder.appendingPathComponent("tagger.egm"))
        try Data(refiner.encoded()).write(to: folder.appendingPathComponent("tagger-refiner.egm"))
        let read = try POSTagger.read(path: folder.appendingPathComponent("tagger.egm").path)
        #expect(read.refiner != nil)
        let words = ["Police", "raided", "Tirana", "."]
        #expect(read.tag(words) == first.tag(words))
    }
}
