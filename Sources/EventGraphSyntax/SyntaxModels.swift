import Foundation

/// The shipped tagger (with its lemma table) and parser, loaded once per process from the
/// target's resources.
public struct SyntaxModels: Sendable {
    public let tagger: POSTagger
    public let lemmatizer: Lemmatizer
    public let parser: DependencyParser
    /// The name tagger the entity stage consults (`names.egm`), when the models include one.
    public let names: NameTagger?

    public init(tagger: POSTagger, parser: DependencyParser, names: NameTagger? = nil) {
        self.tagger = tagger
        lemmatizer = tagger.lemmatizer()
        self.parser = parser
        self.names = names
    }

    /// `tagger-2+parser-2+names-2`: what evidence records as the models' version.
    public var version: String { ([tagger.version, parser.version] + (names.map { [$0.version] } ?? [])).joined(separator: "+") }

    static let shipped: Result<SyntaxModels, SyntaxError> = Result { () throws(SyntaxError) in
        let tagger = try POSTagger.read(path: try resourcePath("tagger.egm"))
        let parser = try DependencyParser.read(path: try resourcePath("parser.egm"))
        return SyntaxModels(tagger: tagger, parser: parser, names: try NameTagger.read(path: try resourcePath("names.egm")))
    }

    /// The shipped models; a missing or damaged file is a located error (at start-up, never later).
    public static func standard() throws(SyntaxError) -> SyntaxModels { try shipped.get() }

    /// `tagger.egm` and `parser.egm` from a folder (`--models DIR`), or the shipped ones.
    public static func load(from folder: String?) throws(SyntaxError) -> SyntaxModels {
        guard let folder else { return try standard() }
        let tagger = try POSTagger.read(path: folder + "/tagger.egm")
        let parser = try DependencyParser.read(path: folder + "/parser.egm")
        return SyntaxModels(tagger: tagger, parser: parser)
    }

    /// The folder of the shipped model files (what a fingerprint of the pipeline hashes).
    public static var resourceDirectory: URL { Bundle.module.bundleURL.appendingPathComponent("Resources", isDirectory: true) }

    static func resourcePath(_ name: String) throws(SyntaxError) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources") else {
            throw SyntaxError(path: "Resources/" + name, problem: "model file is missing from the package")
        }
        return url.path
    }

    /// Tags, lemmas and the tree of one sentence's words.
    public func analyze(_ words: [String]) -> [SyntaxSentence.Word] {
        let tags = tagger.tag(words)
        let arcs = parser.parse(words: words, tags: tags)
        return words.indices.map { i in
            SyntaxSentence.Word(form: words[i], lemma: lemmatizer.lemma(words[i], upos: tags[i]), upos: tags[i], head: arcs[i].head, deprel: arcs[i].relation)
        }
    }
}
