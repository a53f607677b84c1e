import Foundation
import Testing

/// Whether this machine can run Spark in local mode: Java and Python's pyspark.
enum SparkAvailability {
    static let available: Bool = {
        guard let python = try? CommandRunner.tool(["python3", "-c", "import pyspark"]), python.status == 0,
              let java = try? CommandRunner.tool(["java", "-version"]), java.status == 0 else { return false }
        return true
    }()
}

/// The Spark job (`Integrations/spark/eventgraph_spark.py`) in Spark local mode: extraction per
/// partition and a tree of partial merges give exactly the bytes of `eventgraph build` over the
/// same files, whatever the number of partitions, when a task fails and is retried, and when a
/// record is malformed. Needs Java and pyspark, which Scripts/test installs; skipped elsewhere only
/// when either is missing, and never in CI.
@Suite(.enabled(if: SparkAvailability.available || ProcessInfo.processInfo.environment["CI"] != nil), .serialized)
struct SparkJobTests {
    static let job = CommandRunner.repositoryRoot.appendingPathComponent("Integrations/spark/eventgraph_spark.py").path
    static let exports = [".graph.json", ".merges.json", ".graphml", ".gexf", ".jsonld"]

    /// The seeds and the development articles, each in several variants (other dates, other
    /// wording) in their own folders, with a nested folder and a JSONL file of news-please records:
    /// about two hundred articles that share many entities, so that merging across partitions has
    /// something to join.
    static func corpus(in folder: URL) throws -> URL {
        let corpus = folder.appendingPathComponent("corpus")
        let sources = try ["seeds", "Tests/Gold/dev/corpus"].flatMap { relative -> [URL] in
            let base = CommandRunner.repositoryRoot.appendingPathComponent(relative)
            return try FileManager.default.contentsOfDirectory(atPath: base.path).filter { $0.hasSuffix(".txt") }.sorted().map { base.appendingPathComponent($0) }
        }
        let variants: [(String, String)] = [("", ""), (" said ", " stated "), ("2023", "2022"), (" the ", " a "), ("June", "July"), (" and ", " & "), ("Monday", "Friday")]
        for (index, (from, to)) in variants.enumerated() {
            let target = corpus.appendingPathComponent(index == 3 ? "v3/nested" : "v\(index)")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for source in sources {
                var text = try String(contentsOf: source, encoding: .utf8)
                if !from.isEmpty { text = text.replacingOccurrences(of: from, with: to) }
                try Data(text.utf8).write(to: target.appendingPathComponent(source.lastPathComponent))
            }
        }
        let records = [
            #"{"title": "Raid reported", "maintext": "Police raided a camp in Tirana on Tuesday, officials said.", "date_publish": "2023-06-21 10:00:00", "source_domain": "news.example"}"#,
            #"{"title": "Statement", "maintext": "The ministry said on Monday that the group would be moved.", "date_publish": "2023-06-26", "source_domain": "other.example"}"#,
        ]
        try Data((records.joined(separator: "\n") + "\n").utf8).write(to: corpus.appendingPathComponent("feed.jsonl"))
        return corpus
    }

    static func runJob(_ corpus: URL, _ prefix: String, partitions: Int, master: String = "local[2]", environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        try CommandRunner.tool(["python3", job, corpus.path, "-o", prefix, "--eventgraph", CommandRunner.executable.path,
                                "--partitions", String(partitions), "--master", master, "--fan-in", "2"],
                               environment: ["PYSPARK_PYTHON": "python3", "SPARK_LOCAL_IP": "127.0.0.1"].merging(environment) { $1 })
    }

    static func expectSameFiles(_ prefix: String, as reference: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for suffix in exports {
            let same = FileManager.default.contents(atPath: prefix + suffix) == FileManager.default.contents(atPath: reference + suffix)
            #expect(same, "\(label): \(suffix) differs from eventgraph build's", sourceLocation: sourceLocation)
        }
    }

    @Test func everyPartitionCountGivesTheBytesOfABuild() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus(in: folder)
        let reference = folder.appendingPathComponent("build").path
        let build = try CommandRunner.run(["build", corpus.path, "-o", reference, "--no-store"])
        #expect(build.status == 0, "\(build.stderr)")
        for partitions in [1, 3, 7] {
            let prefix = folder.appendingPathComponent("spark-\(partitions)").path
            let run = try Self.runJob(corpus, prefix, partitions: partitions)
            #expect(run.status == 0, "\(partitions) partitions: \(run.output)")
            Self.expectSameFiles(prefix, as: reference, "\(partitions) partitions")
        }
    }

    /// The first attempt of a task dies after extracting; Spark runs it again, and the output is
    /// the same, because a task writes nothing outside its own scratch folder.
    @Test func aRetriedTaskChangesNothing() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus(in: folder)
        let reference = folder.appendingPathComponent("build").path
        _ = try CommandRunner.run(["build", corpus.path, "-o", reference, "--no-store"])
        let prefix = folder.appendingPathComponent("retried").path
        // local[2,2]: two threads, and a failed task is tried twice.
        let run = try Self.runJob(corpus, prefix, partitions: 3, master: "local[2,2]", environment: ["EVENTGRAPH_SPARK_FAIL_ONCE": "1"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("EVENTGRAPH_SPARK_FAIL_ONCE"), "the first attempt did not fail: \(run.output)")
        Self.expectSameFiles(prefix, as: reference, "after a retry")
    }

    /// A malformed record is reported with its path below the corpus root and its line, the job
    /// goes on and exits 1, as `build` does, and the graph is the build's.
    @Test func aMalformedRecordIsReportedAndTheJobGoesOn() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus(in: folder)
        let feed = corpus.appendingPathComponent("feed.jsonl")
        try Data((String(decoding: try Data(contentsOf: feed), as: UTF8.self) + "{\"title\": \"cut off\n").utf8).write(to: feed)
        let reference = folder.appendingPathComponent("build").path
        let build = try CommandRunner.run(["build", corpus.path, "-o", reference, "--no-store"])
        #expect(build.status == 1)
        let prefix = folder.appendingPathComponent("spark").path
        let run = try Self.runJob(corpus, prefix, partitions: 2)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("feed.jsonl:3:"), "\(run.output)")
        #expect(run.output.contains(": error:"), "\(run.output)")
        Self.expectSameFiles(prefix, as: reference, "with a malformed record")
    }
}
