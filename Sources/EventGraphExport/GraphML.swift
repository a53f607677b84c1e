internal import CLibXML2
import EventGraphCore

/// GraphML 1.1 written with libxml2's text writer, for Gephi, networkx, igraph and yEd.
///
/// Nodes are entities and events; edges are relations (source → target) and event participations
/// (event → entity, typed `participant` with its role). A relation whose object is a text (the
/// characterization of `cited-as`, the statement of `said`) points at a node of kind `text`. Every
/// attribute has a typed `<key>`; dates are ISO text plus numeric day keys (days since 1970-01-01),
/// since GraphML has no date type. Characters XML 1.0 forbids are dropped.
public enum GraphML: GraphExporter {
    /// Key ids are prefixed, so none collides with the ids Gephi treats as visual properties
    /// (size, color, r, g, b, x, y, z); the attribute names are GEXF's.
    static func keyID(_ domain: String, _ name: String) -> String { (domain == "node" ? "n_" : "e_") + name }

    public static func write(_ graph: Graph, options: ExportOptions, to emit: ([UInt8]) throws -> Void) throws {
        try write(graph, table: options.networkTable(of: graph), to: emit)
    }

    /// The whole file in memory, for small graphs and tests.
    public static func encode(_ graph: Graph) -> [UInt8] {
        var bytes: [UInt8] = []
        write(graph, table: NetworkTable(graph)) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Streams the file through `emit` in chunks of about a megabyte, so that however large the
    /// graph, the XML is never whole in memory.
    static func write(_ graph: Graph, table: NetworkTable, to emit: ([UInt8]) throws -> Void) rethrows {
        let writer = XMLWriter()
        writer.start("graphml", attributes: [
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"),
        ])
        for (domain, attributes) in [("node", NetworkTable.nodeAttributes), ("edge", NetworkTable.edgeAttributes)] {
            writer.empty("key", attributes: [("id", keyID(domain, "label")), ("for", domain), ("attr.name", "label"), ("attr.type", "string")])
            for attribute in attributes {
                writer.empty("key", attributes: [("id", keyID(domain, attribute.name)), ("for", domain), ("attr.name", attribute.name), ("attr.type", attribute.type.graphML)])
            }
        }
        writer.start("graph", attributes: [("id", "eventgraph"), ("edgedefault", "directed")])
        for node in table.nodes {
            writer.start("node", attributes: [("id", node.id)])
            data(writer, node, domain: "node", attributes: NetworkTable.nodeAttributes)
            writer.end()
            try writer.drainIfLarge(into: emit)
        }
        for edge in table.edges {
            writer.start("edge", attributes: [("id", edge.id), ("source", edge.source), ("target", edge.target)])
            data(writer, edge, domain: "edge", attributes: NetworkTable.edgeAttributes)
            writer.end()
            try writer.drainIfLarge(into: emit)
        }
        writer.end()  // graph
        writer.end()  // graphml
        try writer.finish(into: emit)
    }

    /// The label, then every attribute the item has, in the table's order.
    private static func data(_ writer: XMLWriter, _ item: NetworkTable.Item, domain: String, attributes: [NetworkTable.Attribute]) {
        writer.data(keyID(domain, "label"), item.label)
        for attribute in attributes {
            let value = attribute.name == "kind" && domain == "edge" ? item.kind : item.values[attribute.name]
            if let value { writer.data(keyID(domain, attribute.name), value) }
        }
    }
}

/// What XML 1.0 can carry.
public enum XMLSafe {
    /// The text without the characters XML 1.0 forbids (controls other than tab, newline and
    /// carriage return; surrogates; U+FFFE and U+FFFF).
    public static func clean(_ text: String) -> String { XMLWriter.clean(text) }
}

/// A thin wrapper over libxml2's xmlTextWriter, writing to memory.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    /// libxml2's one-time set-up, done before the first writer (see `eventgraph_xmlInitialize`).
    private static let libraryReady = eventgraph_xmlInitialize()

    init() {
        _ = Self.libraryReady
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        xmlTextWriterSetIndent(writer, 1)
        // Fails only when out of memory, like every other call on the writer.
        _ = withXML("  ") { xmlTextWriterSetIndentString(writer, $0) }
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    deinit {
        xmlBufferFree(buffer)
    }

    /// Characters XML 1.0 allows: tab, newline, carriage return, and from U+0020 on, less the
    /// surrogates and U+FFFE/U+FFFF. Everything else is dropped, never written.
    static func clean(_ text: String) -> String {
        guard needsCleaning(text) else { return text }
        var out = ""
        out.unicodeScalars.append(contentsOf: text.unicodeScalars.filter { s in
            let v = s.value
            return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
        })
        return out
    }

    /// Whether the text holds a character XML forbids, read from its UTF-8 bytes: a C0 control
    /// other than tab, newline and carriage return, or U+FFFE/U+FFFF (EF BF BE, EF BF BF); a Swift
    /// string holds no surrogates. Almost every text has none and is then written as it is.
    static func needsCleaning(_ text: String) -> Bool {
        var beforeLast: UInt8 = 0, last: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20, byte != 0x9, byte != 0xA, byte != 0xD { return true }
            if beforeLast == 0xEF, last == 0xBF, byte >= 0xBE { return true }
            beforeLast = last
            last = byte
        }
        return false
    }

    private func withXML<T>(_ text: String, _ body: (UnsafePointer<UInt8>) -> T) -> T {
        let cleaned = XMLWriter.clean(text)
        let count = cleaned.utf8.count + 1
        return cleaned.withCString { $0.withMemoryRebound(to: UInt8.self, capacity: count) { body($0) } }
    }

    func start(_ name: String, attributes: [(String, String)] = []) {
        withXML(name) { _ = xmlTextWriterStartElement(writer, $0) }
        for (key, value) in attributes {
            withXML(key) { k in withXML(value) { v in _ = xmlTextWriterWriteAttribute(writer, k, v) } }
        }
    }

    func empty(_ name: String, attributes: [(String, String)]) {
        start(name, attributes: attributes)
        end()
    }

    func end() { xmlTextWriterEndElement(writer) }

    /// Text content.
    func text(_ text: String) {
        withXML(text) { _ = xmlTextWriterWriteString(writer, $0) }
    }

    /// `<data key="...">text</data>`
    func data(_ key: String, _ text: String) {
        start("data", attributes: [("key", key)])
        withXML(text) { _ = xmlTextWriterWriteString(writer, $0) }
        end()
    }

    /// Hands what was written so far to `emit` once it passes `chunkBytes`, and empties the buffer.
    func drainIfLarge(into emit: ([UInt8]) throws -> Void) rethrows {
        guard xmlBufferLength(buffer) >= Self.chunkBytes else { return }
        xmlTextWriterFlush(writer)
        try drain(into: emit)
    }

    /// Ends the document and hands the rest to `emit`; the writer is done.
    func finish(into emit: ([UInt8]) throws -> Void) rethrows {
        xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)
        try drain(into: emit)
    }

    static let chunkBytes: Int32 = 1 << 20

    private func drain(into emit: ([UInt8]) throws -> Void) rethrows {
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return }
        let chunk = Array(UnsafeBufferPointer(start: content, count: count))
        xmlBufferEmpty(buffer)
        try emit(chunk)
    }
}
