internal import CLibXML2
import EventGraphCore

/// GEXF 1.3, dynamic, with dates, so that Gephi's Timeline plays the story: events carry the
/// interval of their date, relations the interval of their time; partial dates are written as
/// full-date intervals (`198` → 1980-01-01 … 1989-12-31), since Gephi's date parser rejects `2024`
/// and `2024-03`. Node and edge ids, labels and attributes are the GraphML export's (one
/// `NetworkTable`); each edge's `kind` is unique between its two nodes, so Gephi keeps parallel
/// edges apart instead of merging them.
public enum GEXF: GraphExporter {
    public static func write(_ graph: Graph, options: ExportOptions, to emit: ([UInt8]) throws -> Void) throws {
        try write(graph, table: options.networkTable(of: graph), to: emit)
    }

    /// The whole file in memory, for small graphs and tests.
    public static func encode(_ graph: Graph) -> [UInt8] {
        var bytes: [UInt8] = []
        write(graph, table: NetworkTable(graph)) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Streams the file through `emit` in chunks (see `GraphML.write`).
    static func write(_ graph: Graph, table: NetworkTable, to emit: ([UInt8]) throws -> Void) rethrows {
        let writer = XMLWriter()
        writer.start("gexf", attributes: [("xmlns", "http://gexf.net/1.3"), ("version", "1.3")])
        writer.start("meta")
        writer.start("creator")
        writer.text("EventGraph \(ToolVersion.current)")
        writer.end()
        writer.start("description")
        writer.text("Entities, dated events and relations of \(graph.documents.count) articles")
        writer.end()
        writer.end()
        writer.start("graph", attributes: [("mode", "dynamic"), ("defaultedgetype", "directed"), ("timeformat", "date"), ("timerepresentation", "interval")])
        for (domain, attributes) in [("node", NetworkTable.nodeAttributes), ("edge", NetworkTable.edgeAttributes)] {
            writer.start("attributes", attributes: [("class", domain), ("mode", "static")])
            for attribute in attributes { writer.empty("attribute", attributes: [("id", attribute.name), ("title", attribute.name), ("type", attribute.type.gexf)]) }
            writer.end()
        }
        writer.start("nodes")
        for node in table.nodes {
            writer.start("node", attributes: [("id", node.id), ("label", node.label)] + span(node))
            attvalues(writer, node, NetworkTable.nodeAttributes, edge: false)
            writer.end()
            try writer.drainIfLarge(into: emit)
        }
        writer.end()
        writer.start("edges")
        for edge in table.edges {
            writer.start("edge", attributes: [("id", edge.id), ("source", edge.source), ("target", edge.target), ("label", edge.label), ("kind", edge.kind)] + span(edge))
            attvalues(writer, edge, NetworkTable.edgeAttributes, edge: true)
            writer.end()
            try writer.drainIfLarge(into: emit)
        }
        writer.end()
        writer.end()  // graph
        writer.end()  // gexf
        try writer.finish(into: emit)
    }

    private static func span(_ item: NetworkTable.Item) -> [(String, String)] {
        [item.start.map { ("start", $0.iso) }, item.end.map { ("end", $0.iso) }].compactMap { $0 }
    }

    private static func attvalues(_ writer: XMLWriter, _ item: NetworkTable.Item, _ attributes: [NetworkTable.Attribute], edge: Bool) {
        writer.start("attvalues")
        for attribute in attributes {
            let value = edge && attribute.name == "kind" ? item.kind : item.values[attribute.name]
            if let value { writer.empty("attvalue", attributes: [("for", attribute.name), ("value", value)]) }
        }
        writer.end()
    }
}
