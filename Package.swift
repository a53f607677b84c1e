// swift-tools-version: 6.0
//
// EventGraph: news articles in, a typed knowledge graph of entities, dated events and relations out.
//
// Targets are cut by capability, and dependencies point one way only:
//
//   EventGraphCore        model, stable IDs, TimeValue, merge, the type vocabulary (Vocabulary.swift)
//                         and the rule registry (Rules.swift), generated from the extraction's
//                         tables, so that exporters read rule ids without Extraction. No file or network I/O;
//                         depends on nothing.
//   EventGraphCorpus      reads articles (txt/md + YAML front matter, json/jsonl, html) into Core's
//                         SourceDocument, with located errors. Depends on Core, Yams, CLibXML2.
//   EventGraphSyntax      part-of-speech tagger, lemmatizer and dependency parser (averaged perceptrons
//                         over hashed features), their model files, CoNLL-U and syntax scores.
//                         Depends on nothing; its models are its own resources.
//   EventGraphExtraction  the per-article pipeline (stages, resources) producing a graph fragment.
//                         Depends on Core and Syntax: it never reads files other than its own and
//                         Syntax's resources.
//   EventGraphExport      writes and reads the graph JSON contract; every export behind one
//                         ExportFormat enum and GraphExporter signature (GraphML and GEXF from one
//                         network table through libxml2, JSON-LD, the graph page); timelines and
//                         their HTML page (scripts and style are its resources); diffs. Depends on
//                         Core and CLibXML2 (imported internal, XML writers only).
//   EventGraphEvaluation  scores a graph against hand-made gold files. Depends on Core.
//   EventGraphStore       the fragment store of incremental builds: each article's extracted fragment
//                         in one SQLite file, keyed by its document record and the pipeline's
//                         fingerprint, in the store's own binary encoding. Depends on Core and CSQLite.
//   eventgraph            the command-line tool, one file per subcommand; the only target that ties
//                         reading, extraction, merging and writing together.
//   eventgraph-bench      per-stage throughput on a generated corpus (release builds).
//   eventgraph-train      trains the syntax models from CoNLL-U (Scripts/train-syntax.sh); never run by CI.
//   eventgraph-fuzz       libFuzzer targets (readers, tagger, pipeline, graph JSON, diff) and their replayer.
//   CSQLite               the system SQLite (pkg-config sqlite3), imported by EventGraphStore only.
//   CLibXML2              the system libxml2 (pkg-config libxml-2.0), imported `internal` by the HTML
//                         reader and the XML exporters only.
import PackageDescription

let package = Package(
    name: "EventGraph",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "eventgraph", targets: ["eventgraph"]),
        .library(name: "EventGraphCore", targets: ["EventGraphCore"]),
        .library(name: "EventGraphCorpus", targets: ["EventGraphCorpus"]),
        .library(name: "EventGraphSyntax", targets: ["EventGraphSyntax"]),
        .library(name: "EventGraphExtraction", targets: ["EventGraphExtraction"]),
        .library(name: "EventGraphExport", targets: ["EventGraphExport"]),
        .library(name: "EventGraphEvaluation", targets: ["EventGraphEvaluation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // Optimized in debug builds too: SHA-256 (document digests, the store's fingerprint of the
        // models) and the merge run over every article in the tests.
        .target(name: "EventGraphCore", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .target(name: "EventGraphStore", dependencies: ["EventGraphCore", "CSQLite"]),
        // Optimized in debug builds too: the tests run the tagger and parser over every article, and
        // unoptimized they take minutes instead of seconds.
        .target(name: "EventGraphSyntax", resources: [.copy("Resources")], swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(
            name: "EventGraphCorpus",
            dependencies: ["EventGraphCore", "CLibXML2", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "EventGraphExtraction",
            dependencies: ["EventGraphCore", "EventGraphSyntax"],
            resources: [.copy("Resources")]
        ),
        .target(name: "EventGraphExport", dependencies: ["EventGraphCore", "CLibXML2"], resources: [.copy("Resources")]),
        .target(name: "EventGraphEvaluation", dependencies: ["EventGraphCore"]),
        .executableTarget(
            name: "eventgraph",
            dependencies: [
                "EventGraphCore", "EventGraphCorpus", "EventGraphExtraction", "EventGraphExport",
                "EventGraphEvaluation", "EventGraphStore", "EventGraphSyntax",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Measures throughput per stage on a generated corpus: `swift run -c release eventgraph-bench`.
        // Trains the syntax models: `swift run -c release eventgraph-train ...` (Scripts/train-syntax.sh).
        .executableTarget(name: "eventgraph-train", dependencies: ["EventGraphSyntax"]),
        .executableTarget(name: "eventgraph-bench", dependencies: ["EventGraphCore", "EventGraphCorpus", "EventGraphExtraction", "EventGraphSyntax"]),
        // Fuzz targets: a libFuzzer binary when Scripts/fuzz.sh builds it with -sanitize=fuzzer and
        // -DFUZZING, else a replayer of saved inputs (what the tests run over Tests/Fuzz/).
        .executableTarget(name: "eventgraph-fuzz", dependencies: ["EventGraphCore", "EventGraphCorpus", "EventGraphExtraction", "EventGraphExport", "EventGraphSyntax"]),
        .testTarget(name: "EventGraphCoreTests", dependencies: ["EventGraphCore"]),
        .testTarget(name: "EventGraphCorpusTests", dependencies: ["EventGraphCorpus"]),
        .testTarget(name: "EventGraphExtractionTests", dependencies: ["EventGraphExtraction", "EventGraphSyntax"]),
        .testTarget(name: "EventGraphSyntaxTests", dependencies: ["EventGraphSyntax"]),
        .testTarget(name: "EventGraphExportTests", dependencies: ["EventGraphExport"]),
        .testTarget(name: "EventGraphEvaluationTests", dependencies: ["EventGraphEvaluation", "EventGraphExport"]),
        // Runs the built `eventgraph` binary end to end: byte-identical rebuilds, schema validity,
        // verbatim error messages.
        .testTarget(name: "EventGraphCLITests", dependencies: ["eventgraph", "eventgraph-fuzz", "EventGraphCore", "EventGraphCorpus", "EventGraphExport", "EventGraphStore", "EventGraphSyntax"]),
    ]
)
