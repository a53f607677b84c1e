import EventGraphCore
import Foundation

/// The frame of EventGraph's self-contained HTML pages (the timeline, the graph page): one file,
/// no network (a Content-Security-Policy forbids every fetch), the page's own style and scripts
/// inline, and the data as JSON in a `<script type="application/json">` element that the scripts
/// read and render as text nodes only.
enum HTMLPage {
    /// A file of `Resources/page/`; all of them are read once, on first use.
    static func resource(_ name: String) -> String { resources[name] ?? "" }

    private static let resources: [String: String] = {
        let folder = Bundle.module.bundleURL.appendingPathComponent("Resources/page")
        var texts: [String: String] = [:]
        for name in ["page.css", "common.js", "timeline.js", "graph.js"] {
            texts[name] = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }
        return texts
    }()

    static func escape(_ text: String) -> String { TimelineRenderer.escapeHTML(DisplayText.visible(text)) }

    /// The data as compact JSON that cannot end its `<script>` element: `<`, `>` and `&` occur
    /// only inside JSON strings, where their `\u` escapes mean the same.
    static func scriptData(_ value: JSONValue) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        value.writeCompact(to: &bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "<"): out.append(contentsOf: "\\u003c".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "\\u003e".utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: "\\u0026".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The start of a page up to its `<body>`: the policy, the generator, the title, the style.
    static func head(title: String, policy: String, style: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="\(policy)">
        <meta name="generator" content="EventGraph \(escape(ToolVersion.current))">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        """
    }

    static func document(title: String, body: String, data: JSONValue, script: String) -> String {
        """
        \(head(title: title, policy: "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:", style: resource("page.css")))
        \(body)
        <noscript><p class="noscript">This page draws its content with JavaScript, which is off. The same facts are in <code>eventgraph timeline --format text</code>.</p></noscript>
        <script type="application/json" id="eventgraph-data">\(scriptData(data))</script>
        <script>
        \(resource("common.js"))
        </script>
        <script>
        \(resource(script))
        </script>
        </body>
        </html>

        """
    }

    /// A passage as page data: its article's index and its runs, marked or not.
    static func passageData(_ passage: Passage, articleIndex: [String: Int]) -> JSONValue {
        .object([
            "article": .int(articleIndex[passage.document] ?? -1),
            "segments": .array(passage.segments.map { .array([.string($0.text), .int($0.marked ? 1 : 0)]) }),
            "rules": .strings(passage.rules),
        ])
    }

    /// The articles passages point to, by index, in document id order.
    static func articlesData(_ citations: [ArticleCitation]) -> JSONValue {
        .array(citations.map { c in
            var node: [String: JSONValue] = ["id": .string(c.document)]
            if let outlet = c.outlet { node["outlet"] = .string(outlet) }
            if let title = c.title { node["title"] = .string(title) }
            if let published = c.published { node["published"] = .string(published) }
            if let url = c.url { node["url"] = .string(url) }
            return .object(node)
        })
    }
}

extension JSONValue {
    /// Without whitespace, object keys sorted by their UTF-8 bytes.
    func writeCompact(to out: inout [UInt8]) {
        switch self {
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.writeCompact(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                member.value.writeCompact(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            write(to: &out, indent: 0)
        }
    }
}
