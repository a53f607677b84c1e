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
        let splitter = try Pipeline.sentences()
        let parsed = documents.map { ParsedDocument(splitter.analyze($0), syntax: syntax) }
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

    init(_ document: AnalyzedDocument, syntax: SyntaxModels) {
        id = document.documentID
        sentences = document.sentences.map { sentence in
            var words: [Word] = []
            for t in sentence.tokens {
                let token = document.tokens[t]
                let surface = document.text(of: t)
                let scalars = Array(surface.unicodeScalars)
                let spaceAfter = t + 1 < sentence.tokens.upperBound ? document.tokens[t + 1].spaceBefore : true
                let pieces = SyntacticWords.split(surface)
                for (k, piece) in pieces.enumerated() {
                    words.append(Word(form: String(String.UnicodeScalarView(scalars[piece.start..<piece.end])), lemma: "_", upos: "_", head: 0, deprel: "_",
                                      start: token.span.start + piece.start, end: token.span.start + piece.end,
                                      contraction: piece.inContraction ? surface : nil, spaceAfter: k == pieces.count - 1 ? spaceAfter : false))
                }
            }
            for (i, analysis) in syntax.analyze(words.map(\.form)).enumerated() {
                words[i].lemma = analysis.lemma
                words[i].upos = analysis.upos
                words[i].head = analysis.head
                words[i].deprel = analysis.deprel
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

/// CoNLL-U fields never hold a tab or line break and are never empty.
enum CoNLLUField {
    static func clean(_ field: String) -> String {
        let flat = String(field.map { $0 == "\t" || $0.isNewline ? " " : $0 }).trimmingCharacters(in: .whitespaces)
        return flat.isEmpty ? "_" : DisplayText.visible(flat)
    }
}
