import ArgumentParser
import EventGraphCore
import EventGraphCorpus
import EventGraphExport
import EventGraphExtraction
import Foundation

struct Timex: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tag time expressions (TIMEX3) in text or TimeML files.",
        discussion: """
            A TimeML file (TempEval-3 style) takes its publication date from the TIMEX3 marked \
            functionInDocument="CREATION_TIME" and its text from <TEXT>; with --format timeml the output \
            is the input with TIMEX3 tags added, every other byte unchanged. Other files are read like \
            corpus articles (.txt/.md with front matter, .json/.jsonl, .html) and wrapped in TimeML. \
            One input prints to standard output; with --output-dir each result is written there under \
            its input's name.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case timeml, json, text
    }

    @Argument(help: "Text, article or TimeML files.")
    var files: [String]

    @Option(help: ArgumentHelp("The publication date (document creation time), overriding the file's.", valueName: "YYYY-MM-DD"))
    var dct: String?

    @Option(help: "Output format: timeml, json or text.")
    var format: Format = .timeml

    @Option(name: .customLong("output-dir"), help: "Write one output file per input into this folder.")
    var outputDirectory: String?

    @Option(help: ArgumentHelp("A folder with extra rule files (timex/rules.json), applied after the shipped rules.", valueName: "DIR"))
    var rules: String?

    /// The part-of-speech tagger's words tell each expression's clause tense, as in `build`.
    @OptionGroup var syntaxModels: SyntaxModelOptions

    func validate() throws {
        if let dct, CalendarDay(iso: dct) == nil { throw ValidationError("--dct must be a date as YYYY-MM-DD, got '\(DisplayText.visible(dct))'") }
        if files.count > 1 && outputDirectory == nil { throw ValidationError("several inputs need --output-dir") }
    }

    func run() throws {
        let ruleSet: TimexRuleSet
        do { ruleSet = try TimexRuleSet.standard(adding: rules) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let splitter = try SentenceSplitter()
        let tagger = try TimexTagger(rules: ruleSet)
        let pipeline = try Pipeline(stages: [TokenizerStage(), splitter, TaggingStage(models: try syntaxModels.load()), tagger])
        let override = dct.flatMap { CalendarDay(iso: $0) }
        var failed = false
        for path in files {
            do {
                let output = try process(path, pipeline: pipeline, override: override)
                if let outputDirectory {
                    let name = (path as NSString).lastPathComponent
                    try AtomicFile.write(output, to: (outputDirectory as NSString).appendingPathComponent(name))
                } else {
                    StandardOutput.write(output)
                }
            } catch let error as CorpusError {
                Terminal.error(error.description)
                failed = true
            } catch let error as ExportError {
                Terminal.error(error.description)
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    private func process(_ path: String, pipeline: Pipeline, override: CalendarDay?) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CorpusError.notFound(SourceLocation(path: path))
        }
        let bytes = [UInt8](data)
        let timeml: TimeMLDocument
        if TimeMLDocument.looksLikeTimeML(bytes) {
            timeml = try TimeMLDocument.parse(bytes, path: path)
        } else {
            let entry = CorpusReader.Entry(path: path, id: (path as NSString).lastPathComponent)
            let source = try CorpusReader().read(entry)[0].get()
            timeml = TimeMLDocument.wrap(text: source.text, creationTime: override ?? source.document.published, docID: entry.id)
        }
        let published = override ?? timeml.creationTime
        let document = EventGraphCore.Document(id: (path as NSString).lastPathComponent, path: path, published: published,
                                               sha256: SHA256.hexDigest(of: timeml.text))
        let timexes = pipeline.analyze(SourceDocument(document: document, text: timeml.text)).timexes
        switch format {
        case .timeml:
            let (annotated, skipped) = timeml.annotated(with: timexes)
            for timex in skipped {
                Terminal.error("\(path): warning: '\(timex.text)' at \(timex.start) crosses an existing tag; not tagged")
            }
            return annotated
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            struct Output: Encodable { var document: String; var dct: String?; var timexes: [EventGraphCore.Timex] }
            var bytes = [UInt8](try encoder.encode(Output(document: document.id, dct: published?.iso, timexes: timexes)))
            bytes.append(0x0A)
            return bytes
        case .text:
            let lines = timexes.map { "\($0.start)-\($0.end)\t\($0.type.rawValue)\t\($0.value)\t\($0.interval?.normalizedText ?? "-")\t\(DisplayText.visible($0.text))\t\($0.rule)" }
            return Array((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8)
        }
    }
}
