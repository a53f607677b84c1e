import EventGraphCore
import ArgumentParser
import EventGraphSyntax
import Foundation

struct EvalSyntax: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-syntax",
        abstract: "Score the tagger, lemmatizer and parser on gold CoNLL-U: UPOS, lemma accuracy, UAS and LAS.",
        discussion: "Gold tokenization; every word counts (punctuation too); LAS compares the universal relation, as in the CoNLL 2018 shared task."
    )

    @Argument(help: "Gold CoNLL-U files.")
    var gold: [String]

    @OptionGroup var syntaxModels: SyntaxModelOptions

    func run() throws {
        let syntax = try syntaxModels.load()
        var total = SyntaxScores()
        var lines: [String] = []
        for path in gold {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                Terminal.error("\(DisplayText.diagnosticPath(path)):1:1: error: cannot read file")
                throw ExitCode(2)
            }
            let sentences: [SyntaxSentence]
            do { sentences = try CoNLLU.parse(text, path: path) } catch {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
            var scores = SyntaxScores()
            for sentence in sentences {
                let predicted = SyntaxSentence(id: sentence.id, text: sentence.text, words: syntax.analyze(sentence.words.map(\.form)))
                scores.add(gold: sentence, predicted: predicted)
                total.add(gold: sentence, predicted: predicted)
            }
            lines.append(Self.row(DisplayText.visible(path), scores))
        }
        if gold.count > 1 { lines.append(Self.row("TOTAL", total)) }
        StandardOutput.write("models \(syntax.version)\n" + lines.joined(separator: "\n") + "\n")
    }

    static func row(_ name: String, _ s: SyntaxScores) -> String {
        String(format: "%@: %d words, UPOS %.2f, lemma %.2f, UAS %.2f, LAS %.2f", name, s.words, s.uposAccuracy, s.lemmaAccuracy, s.uas, s.las)
    }
}
