import EventGraphSyntax
import Foundation
import Testing

/// `eventgraph parse` and `eval-syntax` through the binary, with the shipped models and with small
/// models trained here (whose output is exactly predictable).
@Suite struct ParseCommandTests {
    static let gold = """
        # sent_id = g1
        # text = Albania hosted the group.
        1\tAlbania\tAlbania\tPROPN\t_\t_\t2\tnsubj\t_\t_
        2\thosted\thost\tVERB\t_\t_\t0\troot\t_\t_
        3\tthe\tthe\tDET\t_\t_\t4\tdet\t_\t_
        4\tgroup\tgroup\tNOUN\t_\t_\t2\tobj\t_\t_
        5\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

        # sent_id = g2
        # text = Police don't raid the camp.
        1\tPolice\tpolice\tNOUN\t_\t_\t4\tnsubj\t_\t_
        2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
        2\tdo\tdo\tAUX\t_\t_\t4\taux\t_\t_
        3\tn't\tnot\tPART\t_\t_\t4\tadvmod\t_\t_
        4\traid\traid\tVERB\t_\t_\t0\troot\t_\t_
        5\tthe\tthe\tDET\t_\t_\t6\tdet\t_\t_
        6\tcamp\tcamp\tNOUN\t_\t_\t4\tobj\t_\t_
        7\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_

        """

    /// A folder with a tagger and a parser trained on the gold above.
    static let models: Result<(folder: URL, gold: URL), any Error> = Result {
        let folder = try CommandRunner.temporaryFolder()
        let sentences = try CoNLLU.parse(gold, path: "gold.conllu")
        let tagger = TaggerTraining.train(sentences, epochs: 10, version: "tagger-test")
        let parser = ParserTraining.train(sentences, tags: sentences.map { $0.words.map(\.upos) }, epochs: 10, version: "parser-test")
        try Data(tagger.model.encoded()).write(to: folder.appendingPathComponent("tagger.egm"))
        try Data(parser.model.encoded()).write(to: folder.appendingPathComponent("parser.egm"))
        let goldFile = folder.appendingPathComponent("gold.conllu")
        try Data(gold.utf8).write(to: goldFile)
        return (folder, goldFile)
    }

    /// Every sentence block has its comments, ten columns, words numbered 1...n, and heads that
    /// form one tree: one root, every word reaching it without a cycle.
    static func expectWellFormed(_ conllu: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        let blocks = conllu.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        for block in blocks {
            let lines = block.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("# sent_id = ") } && lines.contains { $0.hasPrefix("# text = ") }, sourceLocation: sourceLocation)
            let rows = lines.filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
            #expect(rows.allSatisfy { $0.count == 10 }, sourceLocation: sourceLocation)
            let words = rows.filter { !$0[0].contains("-") }
            #expect(words.map { Int($0[0]) } == Array(1...words.count).map { Optional($0) }, sourceLocation: sourceLocation)
            let heads = words.compactMap { Int($0[6]) }
            #expect(heads.count == words.count && heads.allSatisfy { $0 >= 0 && $0 <= words.count }, sourceLocation: sourceLocation)
            #expect(heads.filter { $0 == 0 }.count == 1, sourceLocation: sourceLocation)
            #expect(words.allSatisfy { !$0[7].isEmpty && $0[7] != "_" }, sourceLocation: sourceLocation)
            for start in heads.indices {
                var (word, steps) = (start + 1, 0)
                while word != 0 && steps <= heads.count { (word, steps) = (heads[word - 1], steps + 1) }
                #expect(word == 0, "word \(start + 1) of \(lines[0]) never reaches the root", sourceLocation: sourceLocation)
            }
        }
        return blocks.count
    }

    @Test func parsePrintsWellFormedCoNLLU() throws {
        let (folder, _) = try Self.models.get()
        let result = try CommandRunner.run(["parse", "seeds/000-mko-albania-raid.txt", "--models", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.expectWellFormed(result.stdout) > 10)
        #expect(result.stdout.hasPrefix("# newdoc id = 000-mko-albania-raid.txt\n# sent_id = 000-mko-albania-raid.txt#1\n# text = TEHRAN"))
    }

    /// The acceptance command of issue 15, with the shipped models.
    @Test func theShippedModelsParseTheSeedIntoWellFormedTrees() throws {
        let result = try CommandRunner.run(["parse", "seeds/000-mko-albania-raid.txt", "--format", "conllu"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.expectWellFormed(result.stdout) > 10)
    }

    /// What the shipped models make of a plain news sentence: who did what to whom.
    @Test func theShippedModelsFindSubjectAndObject() throws {
        let file = try CommandRunner.temporaryFolder().appendingPathComponent("raid.txt")
        try Data("Albanian police raided the camp on Tuesday.".utf8).write(to: file)
        let result = try CommandRunner.run(["parse", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let arcs = rows.map { "\($0[1])/\($0[3]) <-\($0[7])- \($0[6] == "0" ? "ROOT" : rows[Int($0[6])! - 1][1])" }
        #expect(arcs.contains("raided/VERB <-root- ROOT"), "\(arcs)")
        #expect(arcs.contains("police/NOUN <-nsubj- raided"), "\(arcs)")
        #expect(arcs.contains("camp/NOUN <-obj- raided"), "\(arcs)")
        #expect(arcs.contains("Tuesday/PROPN <-obl- raided"), "\(arcs)")
    }

    @Test func contractionsAreMultiwordTokensWithExactOffsets() throws {
        let (folder, _) = try Self.models.get()
        let text = "Police don't raid the anti-Iran camp."
        let file = try CommandRunner.temporaryFolder().appendingPathComponent("a.txt")
        try Data(text.utf8).write(to: file)
        let result = try CommandRunner.run(["parse", file.path, "--models", folder.path])
        let rows = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.map { String($0[1]) } == ["Police", "don't", "do", "n't", "raid", "the", "anti", "-", "Iran", "camp", "."])
        #expect(rows[1][0] == "2-3")
        let scalars = Array(text.unicodeScalars)
        for row in rows where !row[0].contains("-") {
            let range = row[9].split(separator: "|").first { $0.hasPrefix("TokenRange=") }!.dropFirst(11).split(separator: ":").map { Int($0)! }
            #expect(String(String.UnicodeScalarView(scalars[range[0]..<range[1]])) == row[1])
        }
    }

    @Test func evalSyntaxScoresGoldCoNLLU() throws {
        let (folder, goldFile) = try Self.models.get()
        let result = try CommandRunner.run(["eval-syntax", goldFile.path, "--models", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "models tagger-test+parser-test\n\(goldFile.path): 12 words, UPOS 100.00, lemma 100.00, UAS 100.00, LAS 100.00\n")
    }

    @Test func aDamagedModelIsAClearErrorAtStartUp() throws {
        let (folder, _) = try Self.models.get()
        let broken = try CommandRunner.temporaryFolder()
        let tagger = try Data(contentsOf: folder.appendingPathComponent("tagger.egm"))
        try tagger.prefix(tagger.count / 2).write(to: broken.appendingPathComponent("tagger.egm"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("parser.egm"), to: broken.appendingPathComponent("parser.egm"))
        let result = try CommandRunner.run(["parse", "seeds/000-mko-albania-raid.txt", "--models", broken.path])
        #expect(result.status == 2)
        #expect(result.stderr == "\(broken.path)/tagger.egm:1:1: error: model file is truncated or corrupted (checksum mismatch)\n")
        #expect(result.stdout.isEmpty)
    }
}
