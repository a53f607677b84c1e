import EventGraphCore
import Synchronization

/// What every exporter may read besides the graph.
public struct ExportOptions: Sendable {
    /// The IRI under which the JSON-LD's data IRIs (documents, entities, events, relations,
    /// mentions) are minted, e.g. `https://osint.example.org/mko-corpus/`; nil keeps the
    /// placeholder `https://eventgraph.example/`. Documents with a URL are named by their URL.
    public var baseIRI: String?
    /// The title of the graph page (`html`).
    public var title: String

    /// Work that several exporters of the same graph share (the network table of GraphML and
    /// GEXF), done once however many of them run, in parallel or not. Options that carry it must
    /// be used for one graph only: `forOneGraph()` makes such a copy.
    let shared: SharedExportWork?

    public init(baseIRI: String? = nil, title: String = "EventGraph network") {
        self.baseIRI = baseIRI
        self.title = title
        shared = nil
    }

    private init(_ options: ExportOptions, shared: SharedExportWork) {
        baseIRI = options.baseIRI
        title = options.title
        self.shared = shared
    }

    /// These options with a cache of the work exporters share, for writing one graph in several formats.
    public func forOneGraph() -> ExportOptions { ExportOptions(self, shared: SharedExportWork()) }

    /// The graph's network table, from the shared cache when there is one.
    func networkTable(of graph: Graph) -> NetworkTable {
        shared?.networkTable(of: graph) ?? NetworkTable(graph)
    }
}

/// What the exporters of one graph compute once between them.
final class SharedExportWork: Sendable {
    private let table = Mutex<NetworkTable?>(nil)

    /// The first caller builds it (the others wait on the lock rather than build it again).
    func networkTable(of graph: Graph) -> NetworkTable {
        table.withLock { cached in
            if let cached { return cached }
            let built = NetworkTable(graph)
            cached = built
            return built
        }
    }
}

/// One way of writing a whole graph to a file. Exporters write in chunks through `emit`, so that
/// a large graph never needs its whole file in memory.
public protocol GraphExporter {
    static func write(_ graph: Graph, options: ExportOptions, to emit: ([UInt8]) throws -> Void) throws
}

/// The formats `export --format`, `build --formats` and `merge --formats` write. A new format is
/// one exporter file and one case here: help texts, validation and file names follow from it.
public enum ExportFormat: String, CaseIterable, Sendable {
    case json, graphml, gexf, jsonld, html

    public var exporter: any GraphExporter.Type {
        switch self {
        case .json: GraphJSON.self
        case .graphml: GraphML.self
        case .gexf: GEXF.self
        case .jsonld: JSONLD.self
        case .html: GraphPage.self
        }
    }

    /// What `build -o PREFIX` appends to the prefix.
    public var fileSuffix: String {
        switch self {
        case .json: ".graph.json"
        case .graphml: ".graphml"
        case .gexf: ".gexf"
        case .jsonld: ".jsonld"
        case .html: ".html"
        }
    }

    /// A few words for help texts.
    public var summary: String {
        switch self {
        case .json: "the graph JSON contract"
        case .graphml: "GraphML for networkx, igraph, yEd"
        case .gexf: "dynamic GEXF 1.3 for Gephi's timeline"
        case .jsonld: "JSON-LD for RDF tools"
        case .html: "the graph page (self-contained HTML)"
        }
    }

    /// Written by `build` and `merge` unless `--formats` says otherwise; the graph JSON is always written.
    public static let buildDefaults: [ExportFormat] = [.graphml, .gexf, .jsonld]

    /// The formats `--formats` may name: all but the graph JSON, which is always written.
    public static var besideGraphJSON: [ExportFormat] { allCases.filter { $0 != .json } }

    /// The whole file in memory, for small graphs and tests.
    public func encode(_ graph: Graph, options: ExportOptions = ExportOptions()) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try exporter.write(graph, options: options) { bytes.append(contentsOf: $0) }
        return bytes
    }
}
