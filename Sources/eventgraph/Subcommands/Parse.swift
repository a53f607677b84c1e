import ArgumentParser
import EventGraphCore
import EventGraphCorpus
import EventGraphExtraction
import EventGraphSyntax
import Foundation

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what the extractor sees: each sentence's words, lemmas, part-of-speech tags and dependency tree.",
        discussion: """
            Articles in any corpus format, or plain text on standard input with "-". CoNLL-U output follows \
            UD's conventions: `# newdoc id`, `# sent_id` and `# text` comments, ten columns, a multiword-token \
            line over a contraction ("don't" → "do" "n't"), `SpaceAfter=No`, and the word's character offsets \
            in the article as `TokenRange=START:END` in MISC.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case conllu, json }

    @Argument(help: "Article files, or - for plain text on standard input.")
    var input: [String]

    @Option(help: "conllu or json.")
    var format: Format = .conllu

    @OptionGroup var syntaxModels: SyntaxModelOptions

    func run() throws {
        let syntax = try syntaxModels.load()
        var documents: [SourceDocument] = []
        var failed = false
        if input == ["-"] {
            let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            documents.append(SourceDocument(document: Document(id: "stdin", path: "-", sha256: SHA256.hexDigest(of: text)), text: text))
        } else {
            let read = CorpusReader().read(paths: input)
            for error in read.errors { Terminal.error(error.description) }
            failed = !read.errors.isEmpty
            documents = read.documents
        }
        let pipeline = try Pipeline.syntax(models: syntax)
        let parsed = documents.map { ParsedDocument(pipeline.analyze($0)) }
        switch format {
        case .conllu: StandardOutput.write(parsed.map(\.conllu).joined())
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            StandardOutput.write([UInt8](try encoder.encode(parsed)) + [0x0A])
        }
        if failed { throw ExitCode(1) }
    }
}

/// One article's sentences as syntactic words with their analysis and offsets.
struct ParsedDocument: Encodable {
    struct Word: Encodable {
        var form: String
        var lemma: String
        var upos: String
        var head: Int
        var deprel: String
        /// Scalar offsets in the article's text.
        var start: Int
        var end: Int
        /// The surface token when the word is part of a contraction ("don't").
        var contraction: String?
        var spaceAfter: Bool
    }

    struct Sentence: Encodable {
        var id: String
        var text: String
        var words: [Word]
    }

    var id: String
    var sentences: [Sentence]

    /// The sentences as the syntax stage left them in the document's word columns.
    init(_ document: AnalyzedDocument) {
        id = document.documentID
        let syntax = document.syntax
        sentences = document.sentences.map { sentence in
            let range = syntax.sentenceWords[sentence.index]
            let (first, end) = (range.lowerBound, range.upperBound)
            let words = range.map { w in
                Word(form: syntax.forms[w], lemma: syntax.lemmas[w], upos: syntax.upos[w],
                     head: syntax.heads[w] < 0 ? 0 : Int(syntax.heads[w]) - first + 1, deprel: syntax.relations[w],
                     start: syntax.spans[w].start, end: syntax.spans[w].end,
                     contraction: syntax.inContraction[w] ? document.text(of: Int(syntax.tokenOfWord[w])) : nil,
                     // A space follows unless the next word of the sentence starts where this one ends.
                     spaceAfter: w + 1 == end || syntax.spans[w + 1].start != syntax.spans[w].end)
            }
            let text = document.text(of: sentence.span).split(whereSeparator: \.isNewline).joined(separator: " ")
            return Sentence(id: "\(document.documentID)#\(sentence.index + 1)", text: text, words: words)
        }
    }

    /// CoNLL-U, with a multiword-token line over the words of one contraction.
    var conllu: String {
        var out = "# newdoc id = \(CoNLLUField.clean(id))\n"
        for sentence in sentences {
            out += "# sent_id = \(CoNLLUField.clean(sentence.id))\n# text = \(CoNLLUField.clean(sentence.text))\n"
            var index = 0
            while index < sentence.words.count {
                let word = sentence.words[index]
                if let surface = word.contraction {
                    var last = index
                    while last + 1 < sentence.words.count, sentence.words[last + 1].contraction != nil, sentence.words[last + 1].start == sentence.words[last].end { last += 1 }
                    if last > index {
                        let misc = sentence.words[last].spaceAfter ? "_" : "SpaceAfter=No"
                        out += "\(index + 1)-\(last + 1)\t\(CoNLLUField.clean(surface))\t_\t_\t_\t_\t_\t_\t_\t\(misc)\n"
                    }
                }
                var misc = ["TokenRange=\(word.start):\(word.end)"]
                if !word.spaceAfter && word.contraction == nil { misc.insert("SpaceAfter=No", at: 0) }
                out += [String(index + 1), CoNLLUField.clean(word.form), CoNLLUField.clean(word.lemma), word.upos, "_", "_", String(word.head), word.deprel, "_",
                        misc.joined(separator: "|")].joined(separator: "\t") + "\n"
                index += 1
            }
            out += "\n"
        }
        return out
    }
}

/// CoNLL-U fields as `CoNLLU.clean` makes them, with other controls shown as escapes.
enum CoNLLUField {
    static func clean(_ field: String) -> String { DisplayText.visible(CoNLLU.clean(field)) }
}
