import Dispatch
import EventGraphCore
import EventGraphCorpus
import EventGraphExtraction
import EventGraphSyntax
import Foundation

// eventgraph-bench: measures EventGraph's stages on a generated corpus (release build only).
//
//   swift run -c release eventgraph-bench [--articles N] [--base DIR]...
//
// Prints, per stage, MB/s, articles/s and the run's peak resident memory. The corpus is generated
// deterministically from real articles (by default the development set's copy in Tests/Gold/dev/
// and the seeds) with their names replaced (`CorpusGenerator`); nothing is written to disk unless
// --write is given. Run from the repository's root: the name pools are read from its files.

var articleCount = 5_000
var basePaths: [String] = []
var diffEntities = 100_000
var writeDirectory: String?
/// --syntax DIR: time the syntax stage with the models in DIR (tagger.egm, parser.egm).
var syntaxModels: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--articles": articleCount = Int(arguments.popFirst() ?? "") ?? articleCount
    case "--base": basePaths.append(arguments.popFirst() ?? "")
    case "--diff-entities": diffEntities = Int(arguments.popFirst() ?? "") ?? diffEntities
    case "--write": writeDirectory = arguments.popFirst()
    case "--syntax": syntaxModels = arguments.popFirst()
    default:
        FileHandle.standardError.write(Data("usage: eventgraph-bench [--articles N] [--base DIR]... [--diff-entities N] [--write DIR] [--syntax MODELS]\n".utf8))
        exit(64)
    }
}

#if DEBUG
FileHandle.standardError.write(Data("eventgraph-bench: a debug build measures nothing useful; use swift run -c release\n".utf8))
#endif

if basePaths.isEmpty { basePaths = ["Tests/Gold/dev/corpus", "seeds"] }
let baseArticles = CorpusReader().read(paths: basePaths).documents
let templatePipeline = try Pipeline.standard()
let templates = baseArticles.compactMap { CorpusGenerator.template(of: $0, fragment: templatePipeline.extract($0)) }
guard !templates.isEmpty else {
    FileHandle.standardError.write(Data("\(basePaths.joined(separator: ", ")):1:1: error: no articles to generate from\n".utf8))
    exit(2)
}
let namePools: NamePools
do { namePools = try NamePools.load(repository: ".") } catch {
    FileHandle.standardError.write(Data("eventgraph-bench: error: cannot read the name pools (run from the repository's root): \(error)\n".utf8))
    exit(2)
}
var generator = CorpusGenerator(templates: templates, names: namePools, seed: 2023)
let corpus = (0..<articleCount).map { generator.article(index: $0) }
let totalBytes = corpus.reduce(0) { $0 + $1.text.utf8.count }

// --write DIR: only write the corpus as front-matter text files, so that `eventgraph build` and
// `wc -w` can be timed over the same bytes; sharded into subfolders of 1,000 files each.
if let writeDirectory {
    for (index, article) in corpus.enumerated() {
        let folder = writeDirectory + String(format: "/%03d", index / 1000)
        if index % 1000 == 0 { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let document = article.document
        let text = "---\ntitle: \(yamlQuoted(document.title ?? ""))\nurl: \(document.url ?? "")\nsource: \(yamlQuoted(document.source ?? ""))\npublished: \(document.published?.iso ?? "")\n---\n" + article.text
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + article.document.id))
    }
    print("wrote \(articleCount) articles, \(String(format: "%.1f", Double(totalBytes) / 1_000_000)) MB of text, to \(writeDirectory)")
    exit(0)
}

/// A YAML double-quoted scalar.
func yamlQuoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

@MainActor func report(_ stage: String, _ time: Double) {
    let mb = Double(totalBytes) / 1_000_000
    let line = stage.padding(toLength: 28, withPad: " ", startingAt: 0)
        + String(format: "%10.1f MB/s %12.0f articles/s %9.3f s", mb / time, Double(articleCount) / time, time)
    print(line)
}

let splitter = try SentenceSplitter()
let tagger = try TimexTagger()
let recognizer = try EntityRecognizer()
print("corpus: \(articleCount) generated articles, \(String(format: "%.1f", Double(totalBytes) / 1_000_000)) MB (one core)")
var analyzed: [AnalyzedDocument] = []
analyzed.reserveCapacity(corpus.count)
let tokenizer = TokenizerStage()
let tokenTime = seconds {
    for doc in corpus {
        var document = AnalyzedDocument(source: doc)
        tokenizer.process(&document)
        analyzed.append(document)
    }
}
report("tokens", tokenTime)
let sentenceTime = seconds { for i in analyzed.indices { splitter.process(&analyzed[i]) } }
report("sentences", sentenceTime)
if let syntaxModels {
    // The syntax stage alone (tagging, lemmas, parsing of every sentence), then nothing else.
    let memoryBefore = peakMemoryMB()
    var models: SyntaxModels?
    let loadTime = seconds { models = try? SyntaxModels.load(from: syntaxModels) }
    guard let models else {
        FileHandle.standardError.write(Data("\(syntaxModels): error: cannot load the syntax models\n".utf8))
        exit(2)
    }
    print(String(format: "syntax models loaded in %.2f s, peak memory %.0f → %.0f MB", loadTime, memoryBefore, peakMemoryMB()))
    let tagging = TaggingStage(models: models)
    var words = 0
    let taggingTime = seconds { for i in analyzed.indices { tagging.process(&analyzed[i]); words += analyzed[i].syntax.count } }
    report("tags (words, UPOS, lemmas)", taggingTime)
    var everyCopy = analyzed
    let every = try ParsingStage(models: models, selection: .every)
    let everyTime = seconds { for i in everyCopy.indices { every.process(&everyCopy[i]) } }
    report("trees (every sentence)", everyTime)
    everyCopy = []
    print(String(format: "tags + trees of every sentence: %.1f MB/s, %d words, %.0f words/s; peak memory: %.0f MB",
                 Double(totalBytes) / 1e6 / (taggingTime + everyTime), words, Double(words) / (taggingTime + everyTime), peakMemoryMB()))
    // Fact candidates need the entity layer: time expressions and entities first (not timed here).
    for i in analyzed.indices { tagger.process(&analyzed[i]); recognizer.process(&analyzed[i]) }
    let candidates = try ParsingStage(models: models, selection: .factCandidates)
    let candidateTime = seconds { for i in analyzed.indices { candidates.process(&analyzed[i]) } }
    report("trees (fact candidates)", candidateTime)
    let parsed = analyzed.reduce(0) { $0 + $1.syntax.parsedSentences.filter { $0 }.count }, sentences = analyzed.reduce(0) { $0 + $1.sentences.count }
    print(String(format: "fact candidates: %d of %d sentences; tags + their trees: %.1f MB/s", parsed, sentences, Double(totalBytes) / 1e6 / (taggingTime + candidateTime)))
    exit(0)
}
var timexCount = 0
let timexTime = seconds { for doc in analyzed { timexCount += tagger.tag(doc).count } }
report("time expressions (tagger)", timexTime)
print("time expressions found: \(timexCount)")
for i in analyzed.indices { analyzed[i].timexes = tagger.tag(analyzed[i]) }
var entityCount = 0
let entityTime = seconds { for doc in analyzed { entityCount += recognizer.recognize(doc).0.count } }
report("entities", entityTime)
print("entities found (per article, summed): \(entityCount)")
var fragments: [Graph] = []
let endToEndPipeline = try Pipeline.standard()
let endToEndTime = seconds { fragments = corpus.map { endToEndPipeline.extract($0) } }
report("pipeline, end to end", endToEndTime)
var merged = Graph()
let mergeTime = seconds { merged = EntityResolver.resolve(Graph.merge(fragments)).graph }
report("merge and resolve", mergeTime)
print("graph: \(merged.entities.count) entities")
// Diff of two large graphs: N entities with a mention each, the second with 1% changed and 1% new.
func syntheticGraph(_ n: Int, variant: Int) -> Graph {
    var entities: [Entity] = []
    entities.reserveCapacity(n)
    for i in 0..<n {
        let doc = "doc-\(i % 5000).txt"
        let name = "Entity \(i)" + (variant == 1 && i % 100 == 0 ? " Renamed" : "")
        let evidence = Evidence(document: doc, sentence: 0, start: 0, end: 6, byteStart: 0, byteEnd: 6, text: name, sentenceText: name, rule: "bench", confidence: 0.5)
        entities.append(Entity(id: "person:entity-\(i)", type: .person, name: name, aliases: [], mentions: [evidence]))
    }
    if variant == 1 {
        for i in n..<(n + n / 100) {
            let evidence = Evidence(document: "new.txt", sentence: 0, start: 0, end: 6, byteStart: 0, byteEnd: 6, text: "New \(i)", sentenceText: "New", rule: "bench", confidence: 0.5)
            entities.append(Entity(id: "person:new-\(i)", type: .person, name: "New \(i)", mentions: [evidence]))
        }
    }
    return Graph(entities: entities)
}
let oldGraph = syntheticGraph(diffEntities, variant: 0)
let newGraph = syntheticGraph(diffEntities, variant: 1)
var changeCount = 0
let diffTime = seconds { changeCount = GraphDiff.compare(oldGraph, newGraph).count }
print(String(format: "diff of two graphs of %d entities: %.3f s (%d changes)", diffEntities, diffTime, changeCount))
print(String(format: "peak memory: %.0f MB", peakMemoryMB()))
