import EventGraphCore
@testable import EventGraphExtraction
import EventGraphSyntax
import Testing

@Suite struct PipelineContractTests {
    /// A stage that reads a layer no stage before it writes is refused when the pipeline is built.
    @Test func anOrderThatLeavesALayerEmptyIsRefused() throws {
        #expect(throws: PipelineError(stage: "sentences", layer: .tokens)) { try Pipeline(stages: [try SentenceSplitter()]) }
        #expect(throws: PipelineError(stage: "entities", layer: .timexes)) {
            try Pipeline(stages: [TokenizerStage(), try SentenceSplitter(), try EntityRecognizer()])
        }
        #expect(PipelineError(stage: "entities", layer: .timexes).description
            == "eventgraph: pipeline: stage 'entities' requires the timexes layer, which no stage before it provides")
        let standard = try Pipeline.standard()
        #expect(standard.stages.map(\.name) == ["tokens", "sentences", "tags", "timexes", "entities", "trees", "events", "relations"])
    }

    static let treebank = """
        1\tPolice\tpolice\tNOUN\t_\t_\t2\tnsubj\t_\t_
        2\traided\traid\tVERB\t_\t_\t0\troot\t_\t_
        3\tthe\tthe\tDET\t_\t_\t5\tdet\t_\t_
        4\tanti\tanti\tADJ\t_\t_\t5\tamod\t_\t_
        5\tcamp\tcamp\tNOUN\t_\t_\t2\tobj\t_\t_
        6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

        """

    /// The syntax layer: one entry per syntactic word in every column, spans that quote the text,
    /// heads inside their sentence.
    @Test func theSyntaxStageFillsParallelColumns() throws {
        let sentences = try CoNLLU.parse(Self.treebank, path: "t.conllu")
        let models = SyntaxModels(tagger: TaggerTraining.train(sentences, epochs: 5, version: "t"),
                                  parser: ParserTraining.train(sentences, tags: sentences.map { $0.words.map(\.upos) }, epochs: 5, version: "p"))
        let pipeline = try Pipeline.syntax(models: models)
        let text = "Police raided the anti-Iran camp. They don't stay."
        let analyzed = pipeline.analyze(SourceDocument(document: Document(id: "a", path: "a", sha256: "0"), text: text))
        let syntax = analyzed.syntax
        #expect(syntax.count == 13)
        for column in [syntax.tokenOfWord.count, syntax.forms.count, syntax.upos.count, syntax.lemmas.count, syntax.lowerForms.count, syntax.lowerLemmas.count,
                       syntax.heads.count, syntax.relations.count] { #expect(column == syntax.count) }
        #expect(syntax.lowerForms == syntax.forms.map { $0.lowercased() } && syntax.lowerLemmas == syntax.lemmas.map { $0.lowercased() })
        #expect(syntax.spans.map { analyzed.text(of: $0) } == ["Police", "raided", "the", "anti", "-", "Iran", "camp", ".", "They", "do", "n't", "stay", "."])
        let scalars = Array(text.unicodeScalars)
        #expect(syntax.spans.allSatisfy { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) == analyzed.text(of: $0) })
        #expect(syntax.heads.allSatisfy { $0 < Int32(syntax.count) })
        #expect(syntax.heads.filter { $0 < 0 }.count == 2)
        #expect(syntax.firstWordOfToken.count == analyzed.tokens.count)
    }

    /// "Kenya said Friday that Israel attacked Hamas" parsed with the clause under the day (its
    /// `acl`, "that" its object): the clause becomes the verb of saying's `ccomp`.
    @Test func aReportedClauseUnderItsDayIsReattached() throws {
        var layer = SyntaxLayer()
        layer.forms = ["Kenya", "said", "Friday", "that", "Israel", "attacked", "Hamas", "."]
        layer.lowerForms = layer.forms.map { $0.lowercased() }
        layer.upos = ["PROPN", "VERB", "PROPN", "PRON", "PROPN", "VERB", "PROPN", "PUNCT"]
        layer.lemmas = ["Kenya", "say", "Friday", "that", "Israel", "attack", "Hamas", "."]
        layer.lowerLemmas = layer.lemmas.map { $0.lowercased() }
        layer.heads = [1, -1, 1, 5, 5, 2, 5, 1]
        layer.relations = ["nsubj", "root", "obl", "obj", "nsubj", "acl:relcl", "obj", "punct"]
        let stage = try ParsingStage(models: try SyntaxModels.standard(), selection: .every)
        let misparsed = layer
        stage.reattachClausesUnderDays(0..<8, &layer)
        #expect(layer.heads == [1, -1, 1, 5, 5, 1, 5, 1])
        #expect(layer.relations == ["nsubj", "root", "obl:tmod", "mark", "nsubj", "ccomp", "obj", "punct"])
        // A verb of saying that has its reported clause already keeps the parser's tree.
        layer = misparsed
        layer.heads[6] = 1
        layer.relations[6] = "ccomp"
        let withClause = layer
        stage.reattachClausesUnderDays(0..<8, &layer)
        #expect(layer.heads == withClause.heads && layer.relations == withClause.relations)
        // Under a day no verb of saying governs, the clause stays where the parser put it.
        layer.heads = [1, -1, 1, 5, 5, 2, 5, 1]
        layer.relations = ["nsubj", "root", "obl", "obj", "nsubj", "acl:relcl", "obj", "punct"]
        layer.lemmas[1] = "visit"
        layer.lowerLemmas[1] = "visit"
        layer.forms[1] = "visited"
        layer.lowerForms[1] = "visited"
        stage.reattachClausesUnderDays(0..<8, &layer)
        #expect(layer.heads == [1, -1, 1, 5, 5, 2, 5, 1])
    }

    /// The standard pipeline tags every sentence but parses only those that can state a fact: two
    /// entity mentions, or a verb of saying. Evidence records the models' version.
    @Test func theStandardPipelineParsesFactCandidatesOnly() throws {
        let text = "Albanian police raided the camp in Manza. The weather was cold. He said nothing. It rained."
        let analyzed = try Pipeline.standard().analyze(SourceDocument(document: Document(id: "a", path: "a", sha256: "0"), text: text))
        #expect(analyzed.sentences.count == 4)
        #expect(analyzed.syntax.parsedSentences == [true, false, true, false])
        #expect(analyzed.syntax.upos.count == analyzed.syntax.count && !analyzed.syntax.upos.contains(""))
        for (index, words) in analyzed.syntax.sentenceWords.enumerated() {
            let roots = words.filter { analyzed.syntax.heads[$0] < 0 }.count
            #expect(roots == (analyzed.syntax.parsedSentences[index] ? 1 : words.count))
            #expect(words.allSatisfy { analyzed.syntax.relations[$0].isEmpty != analyzed.syntax.parsedSentences[index] })
        }
        let versions = Set(analyzed.entities.flatMap(\.mentions).map(\.toolVersion))
        #expect(versions == ["\(ToolVersion.current)+\(try SyntaxModels.standard().version)"])
    }
}
