internal import CLibXML2
import EventGraphCore

/// Reads `.html` articles through libxml2's HTML parser, with network access off and no entity
/// loading, so hostile markup cannot reach outside the file.
///
/// The text is taken from `<article>` when there is one, else `<main>`, else `<body>`; scripts,
/// styles, navigation, headers, footers, asides and forms are skipped; block elements become
/// paragraphs separated by a blank line. Metadata: `<title>` (or `og:title`), the canonical link or
/// `og:url`, `og:site_name`, `article:published_time` / `datePublished` / `date`, and a license link.
public enum HTMLArticleReader {
    public static func read(_ bytes: [UInt8], path: String, id: String, defaultPublished: CalendarDay?) throws(CorpusError) -> SourceDocument {
        var warnings: [CorpusWarning] = []
        return try read(bytes, path: path, id: id, defaultPublished: defaultPublished, warnings: &warnings)
    }

    /// libxml2's one-time set-up, done before the first parse (see `eventgraph_xmlInitialize`):
    /// workers read HTML files in parallel.
    private static let libraryReady = eventgraph_xmlInitialize()

    /// As `read`, adding what was worth a word but did not stop the article (a date in no known
    /// form) to `warnings`.
    public static func read(
        _ bytes: [UInt8], path: String, id: String, defaultPublished: CalendarDay?, warnings: inout [CorpusWarning]
    ) throws(CorpusError) -> SourceDocument {
        // Decoding first gives invalid UTF-8 and NUL bytes the same located errors as text files.
        let source = try TextDecoding.decode(bytes, path: path)
        _ = libraryReady
        let utf8 = Array(source.utf8)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue)
        let parsed: htmlDocPtr? = utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlReadMemory(chars, Int32(clamping: buffer.count), nil, "UTF-8", options)
            }
        }
        guard let doc = parsed else { throw .emptyText(SourceLocation(path: path)) }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { throw .emptyText(SourceLocation(path: path)) }

        var fields = ArticleFields()
        var meta = Metadata()
        collectMetadata(root, into: &meta)
        fields.title = meta.title.map(collapseWhitespace)
        fields.url = meta.url
        fields.source = meta.siteName
        fields.license = meta.license
        // The first date in a known form wins; when none is, the article is still read, with a
        // warning for the first one: metadata must never cost the text.
        fields.published = meta.published.lazy.compactMap { PublicationDate.parse($0.value) }.first
        if fields.published == nil, let first = meta.published.first {
            warnings.append(.unreadableDate(SourceLocation(path: path, line: first.line), field: "published", value: first.value))
        }
        return try fields.makeDocument(id: id, path: path, text: articleText(root), defaultPublished: defaultPublished)
    }

    /// The text of the page's article: of its `<article>` elements the one with the most text (a
    /// page may open with an empty teaser), else `<main>`, else `<body>`.
    private static func articleText(_ root: xmlNodePtr) -> String {
        func text(of container: xmlNodePtr) -> String {
            var paragraphs: [String] = []
            var current = ""
            extractText(container, paragraphs: &paragraphs, current: &current)
            flush(&current, into: &paragraphs)
            return paragraphs.joined(separator: "\n\n")
        }
        let articles = elements(named: "article", under: root).map(text(of:))
        // The first of the longest, so that equal candidates give the same text every run.
        if let longest = articles.enumerated().max(by: { ($0.element.utf8.count, $1.offset) < ($1.element.utf8.count, $0.offset) }),
           !longest.element.isEmpty {
            return longest.element
        }
        let container = firstElement(named: "main", under: root) ?? firstElement(named: "body", under: root) ?? root
        return text(of: container)
    }

    private struct Metadata {
        var title: String?
        var ogTitle: String?
        var url: String?
        var siteName: String?
        /// Every publication date the page gives, in document order.
        var published: [(value: String, line: Int)] = []
        var license: String?
    }

    private static let skipped: Set<String> = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg", "iframe", "button", "select", "head"]
    private static let blocks: Set<String> = ["p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "figure", "figcaption", "dd", "dt", "dl", "hr", "address"]

    private static func name(_ node: xmlNodePtr) -> String {
        guard let n = node.pointee.name else { return "" }
        return String(cString: n).lowercased()
    }

    private static func attribute(_ node: xmlNodePtr, _ attr: String) -> String? {
        guard let value = xmlGetProp(node, attr) else { return nil }
        defer { eventgraph_xmlFree(value) }
        return String(cString: value)
    }

    private static func textContent(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { eventgraph_xmlFree(value) }
        return String(cString: value)
    }

    private static func elementChildren(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { result.append(c) }
            child = c.pointee.next
        }
        return result
    }

    private static func collectMetadata(_ root: xmlNodePtr, into meta: inout Metadata) {
        var stack = [root]
        while let node = stack.popLast() {
            switch name(node) {
            case "title" where meta.title == nil:
                meta.title = textContent(node)
            case "meta":
                let key = (attribute(node, "property") ?? attribute(node, "name") ?? attribute(node, "itemprop") ?? "").lowercased()
                let content = attribute(node, "content")
                switch key {
                case "og:title": meta.ogTitle = meta.ogTitle ?? content
                case "og:url": meta.url = meta.url ?? content
                case "og:site_name": meta.siteName = meta.siteName ?? content
                case "article:published_time", "datepublished", "date", "pubdate", "dc.date", "dcterms.created":
                    if let content { meta.published.append((content, Int(xmlGetLineNo(node)))) }
                default: break
                }
            case "link":
                let rel = (attribute(node, "rel") ?? "").lowercased()
                if rel == "canonical" { meta.url = attribute(node, "href") ?? meta.url }
                if rel == "license" { meta.license = meta.license ?? attribute(node, "href") }
            case "time":
                if (attribute(node, "itemprop") ?? "").lowercased() == "datepublished", let value = attribute(node, "datetime") {
                    meta.published.append((value, Int(xmlGetLineNo(node))))
                }
            default: break
            }
            stack.append(contentsOf: elementChildren(node).reversed())
        }
        if meta.title == nil || meta.title!.trimmingWhitespace().isEmpty { meta.title = meta.ogTitle }
    }

    /// Every element of that name outside skipped parts, not looking inside a match (an article's
    /// own nested articles are part of its text).
    private static func elements(named wanted: String, under root: xmlNodePtr) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        var stack = [root]
        while let node = stack.popLast() {
            if name(node) == wanted {
                found.append(node)
                continue
            }
            if skipped.contains(name(node)) { continue }
            stack.append(contentsOf: elementChildren(node).reversed())
        }
        return found
    }

    private static func firstElement(named wanted: String, under root: xmlNodePtr) -> xmlNodePtr? {
        var queue = [root]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            if name(node) == wanted { return node }
            if skipped.contains(name(node)) { continue }
            queue.append(contentsOf: elementChildren(node))
        }
        return nil
    }

    private static func extractText(_ node: xmlNodePtr, paragraphs: inout [String], current: inout String) {
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            switch c.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { current += String(cString: content) }
            case XML_ELEMENT_NODE:
                let tag = name(c)
                if skipped.contains(tag) { continue }
                if tag == "br" { current += "\n"; continue }
                let isBlock = blocks.contains(tag)
                if isBlock { flush(&current, into: &paragraphs) }
                extractText(c, paragraphs: &paragraphs, current: &current)
                if isBlock { flush(&current, into: &paragraphs) }
            default:
                continue
            }
        }
    }

    private static func flush(_ current: inout String, into paragraphs: inout [String]) {
        let text = collapseWhitespace(current)
        if !text.isEmpty { paragraphs.append(text) }
        current = ""
    }

    /// Runs of whitespace become one space; ends trimmed.
    static func collapseWhitespace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }
}
