import EventGraphSyntax
import Foundation

// eventgraph-train: trains the syntax models from the documents of Training/syntax-manifest.tsv
// marked `train`, and scores them on those marked `held-out`. Deterministic: the same data gives
// the same model bytes. Scripts/train-syntax.sh lays out the data and calls it; CI never does.
//
//   eventgraph-train tagger --data DIR [--two-pass yes] [--minimum-updates N] [--common-words TSV] [--names TSV]... [--epochs N] [--version V] -o MODEL
//   eventgraph-train parser --data DIR --tagger MODEL [--epochs N] [--minimum-updates N] [--version V] [lexicons] -o MODEL
//   eventgraph-train score-tagger --data DIR --model MODEL       held-out UPOS and lemma accuracy
//   eventgraph-train prune-parser --data DIR --model MODEL --tagger MODEL   scores at several weight floors
//   eventgraph-train score-parser --data DIR --model MODEL --tagger MODEL [--gold-tags yes]
//   eventgraph-train tag-file --model MODEL --data FILE.conllu   the file with predicted UPOS in XPOS, for error analysis
// (--manifest FILE, default Training/syntax-manifest.tsv, names the documents under --data;
// --validate yes trains without every tenth training document and scores on those instead of the
// held-out sets: make choices there, and look at EWT test and GUM news only for the final figures.)

struct Options {
    var command = ""
    var data = ""
    var manifest = "Training/syntax-manifest.tsv"
    var output = ""
    var model = ""
    var epochs = 10
    var version = ""
    var tagger = ""
    /// Parser features whose averaged weights all stay below this are dropped.
    var prune: Float = 0.005
    /// Parser features updated fewer times than this in training are dropped.
    var minimumUpdates: Int32 = 1
    /// Train the tagger's second pass too (`--two-pass yes`).
    var twoPass = false
    /// Hold out every tenth training document and score on it, not on the held-out sets (`--validate yes`).
    var validate = false
    /// Score the parser on gold UPOS tags (`--gold-tags yes`).
    var goldTags = false
    /// How often the parser follows its own prediction in training after the first epoch.
    var exploration = 0.9
    /// Word lists (first column of TSV files, `#` comments and the header skipped).
    var commonWords: [String] = []
    var names: [String] = []
    /// `names` command: word lists as `NAME=PATH` (first column of a TSV), and the folder to score on.
    var lists: [String] = []
    var test = ""
}

/// The first column of a lexicon file: one word per row after its header.
func lexiconWords(_ paths: [String]) -> Set<String> {
    var words = Set<String>()
    for path in paths {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
        for line in text.split(separator: "\n").drop(while: { $0.hasPrefix("#") }).dropFirst() where !line.hasPrefix("#") {
            if let word = line.split(separator: "\t").first { words.insert(String(word)) }
        }
    }
    return words
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("eventgraph-train: " + message + "\n").utf8))
    exit(2)
}

/// An option's value as a number, or a clear failure naming the option.
func number<Number: LosslessStringConvertible>(_ value: String, of option: String) -> Number {
    guard let number = Number(value) else { fail("\(option) takes a number") }
    return number
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    options.command = arguments.popFirst() ?? ""
    while let argument = arguments.popFirst() {
        guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
        switch argument {
        case "--data": options.data = value
        case "--manifest": options.manifest = value
        case "-o", "--output": options.output = value
        case "--model": options.model = value
        case "--tagger": options.tagger = value
        case "--two-pass": options.twoPass = value == "yes"
        case "--validate": options.validate = value == "yes"
        case "--gold-tags": options.goldTags = value == "yes"
        case "--exploration": options.exploration = number(value, of: argument)
        case "--minimum-updates": options.minimumUpdates = number(value, of: argument)
        case "--prune": options.prune = number(value, of: argument)
        case "--epochs": options.epochs = number(value, of: argument)
        case "--version": options.version = value
        case "--common-words": options.commonWords.append(value)
        case "--list": options.lists.append(value)
        case "--test": options.test = value
        case "--names": options.names.append(value)
        default: fail("unknown option \(argument)")
        }
    }
    return options
}

/// The manifest's documents for one use (`train`, `held-out`), as `treebank/path` under the data folder.
func documents(_ options: Options, use: String) -> [String] {
    guard let text = try? String(contentsOfFile: options.manifest, encoding: .utf8) else { fail("cannot read \(options.manifest)") }
    var out: [String] = []
    for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("treebank\t") {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count >= 5 else { fail("\(options.manifest): malformed line '\(line)'") }
        if fields[4] == use { out.append("\(fields[0])/\(fields[1])") }
    }
    return out
}

/// The documents trained on: the manifest's `train` documents, less every tenth with `--validate yes`.
func trainingDocuments(_ options: Options) -> [String] {
    let all = documents(options, use: "train")
    return options.validate ? all.enumerated().filter { $0.offset % 10 != 9 }.map(\.element) : all
}

/// What is scored: with `--validate yes` every tenth training document (so that choices are made
/// without looking at the held-out sets), else the held-out documents by set.
func evaluationDocuments(_ options: Options) -> [(group: String, path: String)] {
    if options.validate {
        return documents(options, use: "train").enumerated().filter { $0.offset % 10 == 9 }.map { ("validation", $0.element) }
    }
    return documents(options, use: "held-out").map { ($0.contains("GUM_news") ? "GUM news" : $0.contains("ewt") ? "EWT test" : "other", $0) }
}

func sentences(_ options: Options, use: String) -> [SyntaxSentence] {
    sentences(options, of: use == "train" ? trainingDocuments(options) : documents(options, use: use))
}

func sentences(_ options: Options, of documents: [String]) -> [SyntaxSentence] {
    var all: [SyntaxSentence] = []
    for document in documents {
        let path = options.data + "/" + document
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path) (see Training/README.md for the data)") }
        do { all += try CoNLLU.parse(text, path: path) } catch { fail(error.description) }
    }
    return all
}

func seconds(since start: ContinuousClock.Instant) -> String {
    let duration = ContinuousClock.now - start
    return String(format: "%.1f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
}

func scoreTagger(_ tagger: POSTagger, _ options: Options) {
    var byGroup: [String: SyntaxScores] = [:]
    for (group, document) in evaluationDocuments(options) {
        let path = options.data + "/" + document
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let gold = try? CoNLLU.parse(text, path: path) else { fail("cannot read \(path)") }
        let lemmatizer = tagger.lemmatizer()
        for sentence in gold {
            var predicted = sentence
            for (i, tag) in tagger.tag(sentence.words.map(\.form)).enumerated() {
                predicted.words[i].upos = tag
                predicted.words[i].lemma = lemmatizer.lemma(sentence.words[i].form, upos: tag)
            }
            byGroup[group, default: SyntaxScores()].add(gold: sentence, predicted: predicted)
        }
    }
    for group in byGroup.keys.sorted() {
        let scores = byGroup[group]!
        print("\(group): \(scores.words) words, UPOS \(String(format: "%.2f", scores.uposAccuracy)), lemma \(String(format: "%.2f", scores.lemmaAccuracy))")
    }
}

/// UPOS, UAS and LAS per held-out group; with `goldTags` the parser reads the gold UPOS (its
/// ceiling, apart from the tagger).
func scoreParser(_ parser: DependencyParser, tagger: POSTagger, _ options: Options, goldTags: Bool = false) {
    var byGroup: [String: SyntaxScores] = [:]
    for (group, document) in evaluationDocuments(options) {
        let path = options.data + "/" + document
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let gold = try? CoNLLU.parse(text, path: path) else { fail("cannot read \(path)") }
        for sentence in gold {
            var predicted = sentence
            let forms = sentence.words.map(\.form)
            let tags = goldTags ? sentence.words.map(\.upos) : tagger.tag(forms)
            for (i, arc) in parser.parse(words: forms, tags: tags).enumerated() {
                predicted.words[i].upos = tags[i]
                predicted.words[i].head = arc.head
                predicted.words[i].deprel = arc.relation
            }
            byGroup[group, default: SyntaxScores()].add(gold: sentence, predicted: predicted)
        }
    }
    for group in byGroup.keys.sorted() {
        let s = byGroup[group]!
        print(String(format: "%@: %d words, UPOS %.2f, UAS %.2f, LAS %.2f", group, s.words, s.uposAccuracy, s.uas, s.las))
    }
}

/// The `form<TAB>upos<TAB>label` files of a folder (Scripts/gum-entities.py train), sorted by name,
/// with UPOS from `tagger` (what the name tagger will see), not the gold column.
func nameSentences(in folder: String, tagger: POSTagger) -> [NameTraining.Sentence] {
    guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else { fail("cannot read \(folder)") }
    var out: [NameTraining.Sentence] = []
    for file in files.filter({ $0.hasSuffix(".names.tsv") }).sorted() {
        guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { fail("cannot read \(file)") }
        var words: [String] = [], labels: [String] = []
        func flush() {
            if !words.isEmpty { out.append(NameTraining.Sentence(words: words, upos: tagger.tag(words), labels: labels)) }
            words = []
            labels = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { flush(); continue }
            if line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 3 else { fail("\(file): a line without three columns: \(line)") }
            words.append(String(columns[0]))
            labels.append(String(columns[2]))
        }
        flush()
    }
    return out
}

/// `NAME=PATH` word lists: single-word entries under NAME, the words of longer ones under NAME-part.
func nameLists(_ specs: [String]) -> [String: Set<String>] {
    var lists: [String: Set<String>] = [:]
    for spec in specs {
        let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { fail("--list takes NAME=PATH") }
        for entry in lexiconWords([parts[1]]) {
            let words = entry.lowercased().split(separator: " ").map(String.init)
            if words.count == 1 { lists[parts[0], default: []].insert(words[0]) } else { lists[parts[0] + "-part", default: []].formUnion(words) }
        }
    }
    return lists
}

/// Exact-span precision, recall and F1 of the names, typed and untyped.
func scoreNames(_ names: NameTagger, _ sentences: [NameTraining.Sentence]) {
    var (gold, predicted, correct, untyped) = (0, 0, 0, 0)
    var confusions: [String: Int] = [:]
    for sentence in sentences {
        let truth = NameTagger.spans(sentence.labels), guess = NameTagger.spans(names.tag(words: sentence.words, upos: sentence.upos))
        gold += truth.count
        predicted += guess.count
        correct += guess.filter { g in truth.contains { $0.words == g.words && $0.type == g.type } }.count
        untyped += guess.filter { g in truth.contains { $0.words == g.words } }.count
        for g in guess { if let t = truth.first(where: { $0.words == g.words && $0.type != g.type }) { confusions[t.type + "→" + g.type, default: 0] += 1 } }
    }
    print("type confusions (gold→predicted):", confusions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    func f(_ c: Int) -> String {
        let p = Double(c) / Double(max(predicted, 1)), r = Double(c) / Double(max(gold, 1))
        return String(format: "P %.3f R %.3f F1 %.3f", p, r, p + r == 0 ? 0 : 2 * p * r / (p + r))
    }
    print("test: \(gold) names, \(predicted) predicted; typed \(f(correct)); spans \(f(untyped))")
}

let options = parseOptions()
switch options.command {
case "tagger":
    guard !options.data.isEmpty, !options.output.isEmpty else { fail("tagger needs --data DIR and -o MODEL") }
    let start = ContinuousClock.now
    let training = sentences(options, use: "train")
    print("training on \(training.count) sentences, \(training.reduce(0) { $0 + $1.words.count }) words, \(options.epochs) epochs")
    let lexicon = TaggerLexicon(common: lexiconWords(options.commonWords), names: lexiconWords(options.names))
    let twoPass = options.twoPass
    let version = options.version.isEmpty ? "tagger-1" : options.version
    let tagger = twoPass ? TaggerTraining.trainTwoPass(training, lexicon: lexicon, epochs: options.epochs, minimumUpdates: options.minimumUpdates, version: version)
        : TaggerTraining.train(training, lexicon: lexicon, epochs: options.epochs, minimumUpdates: options.minimumUpdates, version: version)
    let bytes = tagger.model.encoded()
    do { try Data(bytes).write(to: URL(fileURLWithPath: options.output)) } catch { fail("cannot write \(options.output)") }
    if let refiner = tagger.refiner {
        let path = POSTagger.refinerPath(of: options.output)
        do { try Data(refiner.encoded()).write(to: URL(fileURLWithPath: path)) } catch { fail("cannot write \(path)") }
    }
    print("wrote \(options.output): \(tagger.model.featureCount) features, \(bytes.count) bytes, in \(seconds(since: start))")
    scoreTagger(tagger, options)
case "parser":
    guard !options.data.isEmpty, !options.output.isEmpty, !options.tagger.isEmpty else { fail("parser needs --data DIR, --tagger MODEL and -o MODEL") }
    let start = ContinuousClock.now
    let training = sentences(options, use: "train")
    let lexicon = TaggerLexicon(common: lexiconWords(options.commonWords), names: lexiconWords(options.names))
    // Jackknifed tags: each fifth of the sentences tagged by a tagger trained on the other four,
    // so that the parser learns from tags as wrong as they will be on new text.
    var tags = training.map { $0.words.map(\.upos) }
    for fold in 0..<5 {
        let rest = training.indices.filter { $0 % 5 != fold }.map { training[$0] }
        let foldTagger = TaggerTraining.train(rest, lexicon: lexicon, epochs: 10, version: "fold")
        for index in training.indices where index % 5 == fold { tags[index] = foldTagger.tag(training[index].words.map(\.form)) }
    }
    print("jackknifed tags in \(seconds(since: start)); training the parser on \(training.count) sentences, \(options.epochs) epochs")
    let parser = ParserTraining.train(training, tags: tags, epochs: options.epochs, prune: options.prune, minimumUpdates: options.minimumUpdates, exploration: options.exploration, version: options.version.isEmpty ? "parser-1" : options.version)
    let bytes = parser.model.encoded()
    do { try Data(bytes).write(to: URL(fileURLWithPath: options.output)) } catch { fail("cannot write \(options.output)") }
    print("wrote \(options.output): \(parser.model.featureCount) features, \(parser.model.weightCount) weights, \(bytes.count) bytes, in \(seconds(since: start))")
    do { scoreParser(parser, tagger: try POSTagger.read(path: options.tagger), options) } catch { fail(error.description) }
case "prune-parser":
    // Scores a parser file pruned at several weight floors, to choose the shipped size.
    do {
        let full = try LinearModel.read(path: options.model, kind: "parser")
        let tagger = try POSTagger.read(path: options.tagger)
        for minimum in [1, 8, 32, 64, 128, 256] as [Int16] {
            let model = full.pruned(minimum: minimum)
            print("floor \(minimum): \(model.featureCount) features, \(model.weightCount) weights, \(model.encoded().count) bytes")
            scoreParser(DependencyParser(model: model), tagger: tagger, options)
        }
    } catch { fail(error.description) }
case "score-parser":
    do {
        let parser = try DependencyParser.read(path: options.model)
        scoreParser(parser, tagger: try POSTagger.read(path: options.tagger), options, goldTags: options.goldTags)
    } catch { fail(error.description) }
case "names":
    guard !options.data.isEmpty, !options.output.isEmpty, !options.tagger.isEmpty else { fail("names needs --data DIR, --tagger MODEL and -o MODEL") }
    do {
        let start = ContinuousClock.now
        let tagger = try POSTagger.read(path: options.tagger)
        let training = nameSentences(in: options.data, tagger: tagger)
        print("training on \(training.count) sentences, \(training.reduce(0) { $0 + $1.words.count }) words, \(options.epochs) epochs")
        let names = NameTraining.train(training, lists: nameLists(options.lists), epochs: options.epochs, minimumUpdates: options.minimumUpdates,
                                       version: options.version.isEmpty ? "names-2" : options.version)
        let bytes = names.model.encoded()
        try Data(bytes).write(to: URL(fileURLWithPath: options.output))
        print("wrote \(options.output): \(names.model.featureCount) features, \(bytes.count) bytes, in \(seconds(since: start))")
        if !options.test.isEmpty { scoreNames(names, nameSentences(in: options.test, tagger: tagger)) }
    } catch { fail("\(error)") }
case "score-tagger":
    do { scoreTagger(try POSTagger.read(path: options.model), options) } catch { fail(error.description) }
case "tag-file":
    // Gold CoNLL-U in (--data names the file), the same with predicted UPOS out: for error analysis.
    do {
        let tagger = try POSTagger.read(path: options.model)
        guard let text = try? String(contentsOfFile: options.data, encoding: .utf8) else { fail("cannot read \(options.data)") }
        var sentences = try CoNLLU.parse(text, path: options.data)
        for s in sentences.indices {
            for (i, tag) in tagger.tag(sentences[s].words.map(\.form)).enumerated() { sentences[s].words[i].xpos = tag }
        }
        print(CoNLLU.format(sentences), terminator: "")
    } catch { fail("\(error)") }
default:
    fail("usage: eventgraph-train tagger|parser|score-tagger|prune-parser|tag-file --data DIR [--manifest FILE] [-o MODEL | --model MODEL] (see the header of Sources/eventgraph-train/main.swift)")
}
