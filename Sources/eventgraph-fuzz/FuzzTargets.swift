import EventGraphCore
import EventGraphCorpus
import EventGraphExport
import EventGraphExtraction
import EventGraphSyntax
import Foundation

// eventgraph-fuzz: one libFuzzer entry point for every fuzz target, chosen by the environment
// variable EVENTGRAPH_FUZZ_TARGET (Scripts/fuzz.sh builds it with -sanitize=fuzzer,address and
// -DFUZZING). Built normally, it is a replayer: `eventgraph-fuzz TARGET FILE...` runs inputs
// through the same code, which is how Tests/Fuzz/ regressions run in the tests.
//
// Each target checks invariants, not only "does not crash": readers either give a document or a
// located error; extraction gives evidence whose offsets quote the text; a fragment survives a
// graph JSON round trip; a graph diffed with itself has no changes.

enum FuzzTarget: String, CaseIterable {
    case frontMatter = "front-matter"
    case json
    case jsonl
    case html
    case graphJSON = "graph-json"
    case timex
    case pipeline
    case diff
    /// What every text and Markdown output does to untrusted text.
    case display
    /// Word splitting, tagging and parsing: one tree per sentence, spans inside the text.
    case syntax

    static let standardPipeline = try! Pipeline.standard()
    static let tagger = try! TimexTagger()
    static let sentencePipeline = try! Pipeline.sentences()

    func run(_ bytes: [UInt8]) {
        switch self {
        case .frontMatter:
            checkLocated(Result { () throws(CorpusError) in try FrontMatterTextReader.read(bytes, path: "fuzz.txt", id: "fuzz.txt", defaultPublished: nil) })
        case .json:
            for result in JSONArticleReader.read(bytes, path: "fuzz.json", id: "fuzz.json", lineDelimited: false, defaultPublished: nil) { checkLocated(result) }
        case .jsonl:
            for result in JSONArticleReader.read(bytes, path: "fuzz.jsonl", id: "fuzz.jsonl", lineDelimited: true, defaultPublished: nil) { checkLocated(result) }
        case .html:
            checkLocated(Result { () throws(CorpusError) in try HTMLArticleReader.read(bytes, path: "fuzz.html", id: "fuzz.html", defaultPublished: nil) })
        case .graphJSON:
            if let graph = try? GraphJSON.decode(bytes, path: "fuzz.graph.json") {
                let again = try! GraphJSON.decode(GraphJSON.encode(graph), path: "again.graph.json")
                precondition(GraphJSON.encode(again) == GraphJSON.encode(graph), "graph JSON does not round-trip")
            }
        case .timex:
            let text = String(decoding: bytes, as: UTF8.self)
            // Tokens and sentences first: the tagger works sentence by sentence (a document without
            // them, as this target once made, gives the tagger nothing to do).
            let document = FuzzTarget.sentencePipeline.analyze(source(text))
            for timex in FuzzTarget.tagger.tag(document) {
                precondition(timex.start >= 0 && timex.start <= timex.end && timex.end <= document.scalars.count, "timex span outside the text")
                // Years have four digits at most, and are never negative ("the 99999th century").
                precondition(timex.value.prefix { $0.isNumber }.count <= 4 && !timex.value.hasPrefix("-"), "timex value past the calendar: \(timex.value)")
            }
        case .pipeline:
            let text = String(decoding: bytes, as: UTF8.self)
            let fragment = FuzzTarget.standardPipeline.extract(source(text))
            let utf8 = Array(text.utf8)
            let scalars = Array(text.unicodeScalars)
            for entity in fragment.entities {
                for mention in entity.mentions {
                    precondition(mention.byteStart <= mention.byteEnd && mention.byteEnd <= utf8.count, "evidence bytes outside the text")
                    precondition(mention.start <= mention.end && mention.end <= scalars.count, "evidence scalars outside the text")
                    precondition(String(decoding: utf8[mention.byteStart..<mention.byteEnd], as: UTF8.self) == mention.text, "evidence does not quote its span")
                }
            }
            let decoded = try! GraphJSON.decode(GraphJSON.encode(fragment), path: "fragment.graph.json")
            precondition(decoded == fragment, "fragment does not survive a graph JSON round trip")
        case .display:
            checkDisplay(String(decoding: bytes, as: UTF8.self))
        case .syntax:
            checkSyntax(String(decoding: bytes, as: UTF8.self))
        case .diff:
            let (old, new) = graphPair(bytes)
            precondition(GraphDiff.compare(old, old).isEmpty, "a graph differs from itself")
            let forward = GraphDiff.compare(old, new)
            precondition(forward == GraphDiff.compare(old, new), "diff is not deterministic")
            precondition(forward.isEmpty == GraphDiff.compare(new, old).isEmpty, "diff sees a change one way only")
        }
    }

    private func source(_ text: String) -> SourceDocument {
        SourceDocument(document: Document(id: "fuzz.txt", path: "fuzz.txt", published: CalendarDay(iso: "2023-06-21"), sha256: "0"), text: text)
    }

    /// `visible` leaves no control and is idempotent; `markdown` leaves no control, no raw `<` or
    /// `>`, no Markdown punctuation without its backslash, and no `&` but its own references.
    private func checkDisplay(_ text: String) {
        let visible = DisplayText.visible(text)
        precondition(!visible.unicodeScalars.contains(where: DisplayText.needsEscape), "a control survives visible()")
        precondition(DisplayText.visible(visible) == visible, "visible() is not idempotent")
        let markdown = Array(DisplayText.markdown(text).unicodeScalars)
        let references = ["&lt;", "&gt;", "&amp;", "&#58;", "&#64;", "&#46;", "&#8203;"].map { Array($0.unicodeScalars) }
        var index = 0
        while index < markdown.count {
            let scalar = markdown[index]
            precondition(!DisplayText.needsEscape(scalar) && scalar != "<" && scalar != ">", "raw markup survives markdown()")
            if scalar == "\\" {
                index += 2
                continue
            }
            precondition(!"`*_[](){}#!|~$".unicodeScalars.contains(scalar), "unescaped Markdown punctuation")
            if scalar == "&" {
                guard let reference = references.first(where: { markdown[index...].starts(with: $0) }) else { preconditionFailure("a bare & in markdown()") }
                index += reference.count
                continue
            }
            index += 1
        }
    }

    /// Models trained here on a few sentences: the invariants hold for any weights, and the fuzz
    /// binary then needs no model files.
    static let syntaxPipeline: Pipeline = {
        let treebank = """
            1\tPolice\tpolice\tNOUN\t_\t_\t2\tnsubj\t_\t_
            2\traided\traid\tVERB\t_\t_\t0\troot\t_\t_
            3\tthe\tthe\tDET\t_\t_\t4\tdet\t_\t_
            4\tcamp\tcamp\tNOUN\t_\t_\t2\tobj\t_\t_
            5\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

            """
        let sentences = try! CoNLLU.parse(treebank, path: "fuzz.conllu")
        let models = SyntaxModels(tagger: TaggerTraining.train(sentences, epochs: 3, version: "fuzz"),
                                  parser: ParserTraining.train(sentences, tags: sentences.map { $0.words.map(\.upos) }, epochs: 3, version: "fuzz"))
        return try! Pipeline.syntax(models: models)
    }()

    private func checkSyntax(_ text: String) {
        let document = FuzzTarget.syntaxPipeline.analyze(source(text))
        let syntax = document.syntax
        let scalars = document.scalars.count
        precondition([syntax.tokenOfWord.count, syntax.forms.count, syntax.upos.count, syntax.lemmas.count, syntax.heads.count, syntax.relations.count].allSatisfy { $0 == syntax.count },
                     "syntax columns of different lengths")
        precondition(syntax.spans.allSatisfy { $0.start >= 0 && $0.start < $0.end && $0.end <= scalars }, "a word outside the text")
        precondition(syntax.heads.allSatisfy { $0 >= -1 && $0 < Int32(syntax.count) }, "a head outside the document")
        precondition(syntax.heads.filter { $0 < 0 }.count == document.sentences.filter { !$0.tokens.isEmpty }.count, "not one root per sentence")
    }

    /// A reader's error must name the file and a line and column inside it.
    private func checkLocated(_ result: Result<SourceDocument, CorpusError>) {
        if case .failure(let error) = result {
            precondition(error.description.hasPrefix("fuzz."), "error does not name the file: \(error)")
            precondition(error.location.line >= 1 && error.location.column >= 1, "error without a position: \(error)")
        }
    }

    /// Two small graphs drawn from the bytes: entities, events and relations over a few names.
    private func graphPair(_ bytes: [UInt8]) -> (Graph, Graph) {
        let names = ["Albania", "MKO", "Tirana", "Ashraf-3", "Iran", "Kanaani", "EU", "Maria Lopez"]
        func graph(_ part: ArraySlice<UInt8>) -> Graph {
            var entities: [Entity] = [], events: [Event] = [], relations: [Relation] = []
            var index = part.startIndex
            while index + 3 < part.endIndex {
                let (a, b, c, d) = (Int(part[index]), Int(part[index + 1]), Int(part[index + 2]), Int(part[index + 3]))
                index += 4
                let document = "d\(a % 3).txt"
                let evidence = Evidence(document: document, sentence: b % 4, start: c, end: c + 3, byteStart: c, byteEnd: c + 3,
                                        text: names[a % names.count], sentenceText: "s\(b % 4)", rule: "fuzz", confidence: Double(d % 10) / 10)
                let type = EntityType.allCases[b % EntityType.allCases.count]
                let entity = Entity(type: type, name: names[a % names.count], aliases: d % 2 == 0 ? [names[c % names.count]] : [], mentions: [evidence])
                entities.append(entity)
                switch d % 3 {
                case 0:
                    events.append(Event(type: ["raid", "protest", "statement"][c % 3], date: TimeValue(timex: "2023-06-\(10 + b % 20)"),
                                        participants: [Participant(role: .agent, entity: entity.id)], evidence: [evidence]))
                case 1:
                    relations.append(Relation(type: ["hosted-by", "raided", "cited-as"][c % 3], source: entity.id, target: "place:albania", evidence: [evidence]))
                default: break
                }
            }
            return Graph(documents: [], entities: entities, events: events, relations: relations)
        }
        let middle = bytes.count / 2
        return (graph(bytes[..<middle]), graph(bytes[middle...]))
    }
}

#if FUZZING
/// The target, chosen once.
let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["EVENTGRAPH_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        fatalError("set EVENTGRAPH_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzTarget.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main`; with `-parse-as-library` there is
/// no Swift `main`, so this one hands the process to libFuzzer's driver.
@_cdecl("eventgraph_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
@main
struct FuzzReplay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("usage: eventgraph-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE...\n".utf8))
            exit(64)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(path):1:1: error: cannot read\n".utf8))
                exit(2)
            }
            target.run([UInt8](data))
        }
    }
}
#endif
