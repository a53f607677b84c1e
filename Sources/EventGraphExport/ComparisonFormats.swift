import EventGraphCore

/// The formats of `eventgraph compare`.
public enum ComparisonFormat: String, Sendable, CaseIterable {
    case text, markdown, json, html
}

extension SourceComparison {
    /// The comparison in a format; `evidence` adds the sentences to text and Markdown (JSON and
    /// HTML always carry them).
    public func rendered(_ format: ComparisonFormat, evidence: Bool = false) -> [UInt8] {
        switch format {
        case .text: Array(ComparisonOutline(self).text(evidence: evidence).utf8)
        case .markdown: Array(ComparisonOutline(self).markdown(evidence: evidence).utf8)
        case .json: json()
        case .html: Array(ComparisonPage.html(ComparisonOutline(self)).utf8)
        }
    }

    // MARK: JSON

    /// JSON: sorted keys, every list in the comparison's order.
    public func json() -> [UInt8] {
        var json = JSONBytes(pretty: true)
        json.beginObject()
        json.key("articles"); json.int(articles)
        json.key("attributions"); json.beginArray()
        for claim in attributions { Self.write(claim, to: &json) }
        json.endArray()
        json.key("by"); json.string(grouping.rawValue)
        json.key("characterizations"); json.beginArray()
        for item in entities {
            json.beginObject()
            json.key("id"); json.string(item.entity.id)
            json.key("labels"); json.beginArray()
            for c in item.characterizations { Self.write(c, to: &json) }
            json.endArray()
            json.key("name"); json.string(item.entity.name)
            json.endObject()
        }
        json.endArray()
        json.key("coverage"); json.beginArray()
        for story in coverage { Self.write(story, to: &json) }
        json.endArray()
        json.key("disagreements"); json.beginArray()
        for d in disagreements { Self.write(d, to: &json) }
        json.endArray()
        json.key("outlets"); json.strings(outlets)
        json.endObject()
        return json.out + [0x0A]
    }

    private static func write(_ evidence: [Evidence], to json: inout JSONBytes) {
        json.key("evidence"); json.beginArray()
        for e in evidence {
            json.beginObject(inline: true)
            json.key("document"); json.string(e.document)
            json.key("sentence"); json.int(e.sentence)
            json.key("text"); json.string(e.sentenceText)
            json.endObject()
        }
        json.endArray()
    }

    private static func write(_ c: Characterization, to json: inout JSONBytes) {
        json.beginObject()
        json.key("count"); json.int(c.count)
        json.key("documents"); json.strings(c.documents)
        write(c.evidence, to: &json)
        json.key("first"); json.string(c.first?.iso)
        json.key("group"); json.string(c.group)
        json.key("label"); json.string(c.label)
        json.key("last"); json.string(c.last?.iso)
        json.key("via"); json.string(c.via)
        json.endObject()
    }

    private static func write(_ v: Version, to json: inout JSONBytes) {
        json.beginObject()
        json.key("count"); json.int(v.count)
        json.key("documents"); json.strings(v.documents)
        write(v.evidence, to: &json)
        json.key("fact"); json.string(v.fact)
        json.key("figures"); json.strings(v.figures)
        json.key("first"); json.string(v.first?.iso)
        json.key("group"); json.string(v.voice.group)
        json.key("last"); json.string(v.last?.iso)
        json.key("modality"); json.string(v.modality.rawValue)
        json.key("participants"); json.strings(v.participants)
        json.key("via"); json.string(v.voice.via)
        json.key("when"); json.string(v.when)
        json.endObject()
    }

    private static func write(_ story: Story, to json: inout JSONBytes) {
        json.beginObject()
        json.key("headline"); json.string(story.headline)
        json.key("kind"); json.string(story.kind.rawValue)
        json.key("parties"); json.strings(story.parties)
        json.key("reportedBy"); json.strings(story.reportedBy)
        json.key("silent"); json.strings(story.silent)
        json.key("type"); json.string(story.type)
        json.key("versions"); json.beginArray()
        for v in story.versions { write(v, to: &json) }
        json.endArray()
        json.endObject()
    }

    private static func write(_ d: Disagreement, to json: inout JSONBytes) {
        json.beginObject()
        json.key("affirming"); json.beginArray()
        for v in d.affirming { write(v, to: &json) }
        json.endArray()
        json.key("denying"); json.beginArray()
        for v in d.denying { write(v, to: &json) }
        json.endArray()
        json.key("headline"); json.string(d.headline)
        json.key("kind"); json.string(d.kind.rawValue)
        json.key("party"); json.string(d.party)
        json.key("type"); json.string(d.type)
        json.endObject()
    }

    private static func write(_ claim: Claim, to json: inout JSONBytes) {
        json.beginObject()
        json.key("chains"); json.beginArray()
        for chain in claim.chains {
            json.beginObject()
            json.key("count"); json.int(chain.count)
            json.key("documents"); json.strings(chain.documents)
            write(chain.evidence, to: &json)
            json.key("path"); json.strings(chain.path)
            json.endObject()
        }
        json.endArray()
        json.key("fact"); json.string(claim.fact)
        json.key("headline"); json.string(claim.headline)
        json.key("kind"); json.string(claim.kind.rawValue)
        json.endObject()
    }
}

/// The comparison as one static HTML page: no script at all (a Content-Security-Policy allows
/// none, nor any fetch), every string escaped, a section per part with a contents list, an
/// article per entity, story, disagreement and claim, the sentences behind each line in a
/// `<details>` under it.
enum ComparisonPage {
    static func html(_ outline: ComparisonOutline) -> String {
        var body = "<header><h1>\(HTMLPage.escape(outline.title))</h1><p class=\"summary\">\(HTMLPage.escape(outline.summary))</p>\n<nav><ul>"
        for section in outline.sections {
            body += "<li><a href=\"#\(section.anchor)\">\(HTMLPage.escape(section.title))</a> (\(section.blocks.count))</li>"
        }
        body += "</ul></nav></header>\n<main>\n"
        for section in outline.sections { body += self.section(section) }
        body += "</main>\n"
        return HTMLPage.head(title: outline.title, policy: "default-src 'none'; style-src 'unsafe-inline'", style: style) + "\n" + body + "</body>\n</html>\n"
    }

    static func section(_ section: ComparisonOutline.Section) -> String {
        var out = "<section id=\"\(section.anchor)\"><h2>\(HTMLPage.escape(section.title))</h2><p class=\"about\">\(HTMLPage.escape(section.about))</p>\n"
        if section.blocks.isEmpty { out += "<p class=\"empty\">\(HTMLPage.escape(section.empty))</p>\n" }
        for block in section.blocks {
            out += "<article id=\"\(HTMLPage.escape(block.anchor))\"><h3>\(HTMLPage.escape(block.heading))</h3><ul>"
            for line in block.lines {
                out += "<li class=\"depth-\(min(line.depth, 5))\">\(HTMLPage.escape(line.text))"
                if !line.evidence.isEmpty {
                    out += "<details><summary>\(line.evidence.count == 1 ? "1 sentence" : "\(line.evidence.count) sentences")</summary><ul class=\"evidence\">"
                    for e in line.evidence {
                        out += "<li><cite>\(HTMLPage.escape(e.document)) §\(e.sentence)</cite> \(HTMLPage.escape(e.sentenceText))</li>"
                    }
                    out += "</ul></details>"
                }
                out += "</li>"
            }
            out += "</ul></article>\n"
        }
        return out + "</section>\n"
    }

    static let style = """
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 60rem; padding: 0 1rem 3rem; color: #1d2330; }
        h1 { font-size: 1.35rem; margin: 1rem 0 .2rem; } h2 { font-size: 1.15rem; margin: 1.6rem 0 .2rem; border-bottom: 1px solid #d9dde5; }
        h3 { font-size: 1rem; margin: 1rem 0 .2rem; overflow-wrap: anywhere; }
        .summary, .about, .empty { color: #5d6575; margin: .2rem 0; } .empty { font-style: italic; }
        nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; }
        article ul { list-style: none; padding-left: 0; margin: .2rem 0; } article li { overflow-wrap: anywhere; padding: .1rem 0; }
        li.depth-1 { padding-left: 1.5rem; } li.depth-2 { padding-left: 3rem; } li.depth-3 { padding-left: 4.5rem; } li.depth-4, li.depth-5 { padding-left: 6rem; }
        details { margin: .1rem 0 .3rem 1rem; font-size: .9rem; } summary { cursor: pointer; color: #2f5fb3; }
        ul.evidence li { color: #3b4252; } cite { font-style: normal; color: #5d6575; margin-right: .3rem; }
        """
}
