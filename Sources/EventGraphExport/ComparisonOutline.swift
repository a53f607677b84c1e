import EventGraphCore

/// The comparison as a reader sees it, whatever the format: sections of blocks of indented
/// lines, each line with the sentences behind it. Text, Markdown and HTML are drawn from it, so
/// the three say the same thing in the same order; every string in it is plain text that each
/// format escapes.
struct ComparisonOutline {
    struct Line {
        var text: String
        var depth: Int
        var evidence: [Evidence] = []
    }

    struct Block {
        /// A fragment id for the HTML page (`entity-…`, `story-3`).
        var anchor: String
        var heading: String
        var lines: [Line]
    }

    struct Section {
        var anchor: String
        var title: String
        /// What the section shows, in a sentence.
        var about: String
        /// What it says when it has nothing.
        var empty: String
        var blocks: [Block]
    }

    var title: String
    var summary: String
    var sections: [Section]

    init(_ comparison: SourceComparison) {
        let c = comparison
        title = "How the sources tell it, by \(c.grouping.rawValue)"
        let outlets = c.outlets.count == 1 ? "1 outlet" : "\(c.outlets.count) outlets"
        summary = "\(c.articles) \(c.articles == 1 ? "article" : "articles") from \(outlets)" + (c.outlets.isEmpty ? "" : ": " + c.outlets.joined(separator: ", "))
        sections = [
            Section(anchor: "characterizations", title: "Characterizations",
                    about: "How each entity is called, by \(c.grouping.rawValue): each label with the times it is said (once per sentence), its articles and dates.",
                    empty: "No entity is characterized.", blocks: c.entities.map(Self.block)),
            Section(anchor: "coverage", title: "Coverage",
                    about: "What more than one \(c.grouping.rawValue) reports, or some leave out although their articles name every party, and how each tells it.",
                    empty: "Nothing here is told by more than one \(c.grouping.rawValue) or left out by one.",
                    blocks: c.coverage.enumerated().map { Self.block($1, index: $0) }),
            Section(anchor: "disagreements", title: "Disagreements",
                    about: "Facts some voices affirm and others deny, and claims told by a speaker who is a party to them.",
                    empty: "No fact is both affirmed and denied, and no speaker reports on a party of their own.",
                    blocks: c.disagreements.enumerated().map { Self.block($1, index: $0) }),
            Section(anchor: "attributions", title: "Attributions",
                    about: "Who cites whom for each claim a speaker makes or reports, from the \(c.grouping == .owner ? "owner" : "outlet") down.",
                    empty: "No claim is attributed to a speaker.", blocks: c.attributions.enumerated().map { Self.block($1, index: $0) }),
        ]
    }

    static func articles(_ documents: [String]) -> String { documents.count == 1 ? "1 article" : "\(documents.count) articles" }

    static func span(_ first: CalendarDay?, _ last: CalendarDay?) -> String {
        switch (first, last) {
        case let (a?, b?) where a == b: a.iso
        case let (a?, b?): "\(a.iso) to \(b.iso)"
        default: "undated"
        }
    }

    static func block(_ item: SourceComparison.EntityCharacterizations) -> Block {
        Block(anchor: "entity-" + item.entity.id, heading: "\(item.entity.name) (\(item.entity.id))", lines: item.characterizations.map { c in
            let via = c.via.map { " via \($0)" } ?? ""
            return Line(text: "“\(c.label)”  \(c.group) ×\(c.count)\(via)  (\(articles(c.documents)), \(span(c.first, c.last)))", depth: 0, evidence: c.evidence)
        })
    }

    static func versionLine(_ v: SourceComparison.Version, depth: Int) -> Line {
        let via = v.voice.via.map { " via \($0)" } ?? ""
        let figures = v.figures.isEmpty ? [] : ["figures: " + v.figures.joined(separator: ", ")]
        let facts = ([v.when ?? "undated"] + v.participants + figures).joined(separator: "; ")
        return Line(text: "\(v.voice.group)\(via): \(v.modality.rawValue) ×\(v.count): \(facts)  (\(articles(v.documents)), \(span(v.first, v.last)))",
                    depth: depth, evidence: v.evidence)
    }

    static func block(_ story: SourceComparison.Story, index: Int) -> Block {
        var lines = [Line(text: "reported by: " + story.reportedBy.joined(separator: ", "), depth: 0)]
        if !story.silent.isEmpty { lines.append(Line(text: "left out by: " + story.silent.joined(separator: ", ") + " (their articles name every party)", depth: 0)) }
        lines += story.versions.map { versionLine($0, depth: 0) }
        return Block(anchor: "story-\(index + 1)", heading: "\(story.headline) [\(story.kind.rawValue): \(story.type)]", lines: lines)
    }

    static func block(_ d: SourceComparison.Disagreement, index: Int) -> Block {
        var lines: [Line] = []
        switch d.kind {
        case .denial:
            lines.append(Line(text: "affirmed by:", depth: 0))
            lines += d.affirming.map { versionLine($0, depth: 1) }
            lines.append(Line(text: "denied by:", depth: 0))
            lines += d.denying.map { versionLine($0, depth: 1) }
        case .interestedSpeaker:
            lines.append(Line(text: "the speaker is a party: " + (d.party ?? ""), depth: 0))
            lines += d.affirming.map { versionLine($0, depth: 0) }
        }
        let what = d.kind == .denial ? "affirmed and denied" : "told by a party"
        return Block(anchor: "disagreement-\(index + 1)", heading: "\(d.headline) [\(d.type): \(what)]", lines: lines)
    }

    /// A claim's chains as a tree: a shared start is written once, each speaker one level down.
    static func block(_ claim: SourceComparison.Claim, index: Int) -> Block {
        var lines: [Line] = []
        var previous: [String] = []
        for chain in claim.chains {
            let shared = zip(previous, chain.path).prefix { $0 == $1 }.count
            for depth in shared..<chain.path.count {
                let last = depth == chain.path.count - 1
                lines.append(Line(text: chain.path[depth] + (last ? " ×\(chain.count)  (\(articles(chain.documents)))" : ""), depth: depth,
                                  evidence: last ? chain.evidence : []))
            }
            previous = chain.path
        }
        return Block(anchor: "claim-\(index + 1)", heading: "\(shortened(claim.headline)) [\(claim.kind.rawValue)]", lines: lines)
    }

    /// A headline cut at a word after about 100 characters: a statement's headline holds its words.
    static func shortened(_ headline: String) -> String {
        guard headline.count > 100 else { return headline }
        let cut = headline.prefix(100)
        return String(cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut) + "…"
    }
}

// MARK: Text and Markdown

extension ComparisonOutline {
    /// Plain text, every untrusted string made visible; with `evidence`, each line's sentences.
    func text(evidence: Bool) -> String {
        var out = [DisplayText.visible(title), DisplayText.visible(summary), ""]
        for section in sections {
            out.append("== \(section.title) ==")
            out.append(DisplayText.visible(section.about))
            out.append("")
            if section.blocks.isEmpty { out += [DisplayText.visible(section.empty), ""] }
            for block in section.blocks {
                out.append(DisplayText.visible(block.heading))
                for line in block.lines {
                    let indent = String(repeating: "  ", count: line.depth + 1)
                    out.append(indent + DisplayText.visible(line.text))
                    guard evidence else { continue }
                    for e in line.evidence { out.append(indent + "    " + DisplayText.visible("\(e.document) §\(e.sentence): \(e.sentenceText)")) }
                }
                out.append("")
            }
        }
        return out.joined(separator: "\n")
    }

    /// Markdown: a heading per section and block, a nested list per block, the sentences as
    /// quotes under their line; every string escaped, so none becomes markup.
    func markdown(evidence: Bool) -> String {
        let md = DisplayText.markdown
        var out = ["# " + md(title), "", md(summary), ""]
        for section in sections {
            out += ["## " + md(section.title), "", md(section.about), ""]
            if section.blocks.isEmpty { out += ["_" + md(section.empty) + "_", ""] }
            for block in section.blocks {
                out += ["### " + md(block.heading), ""]
                for line in block.lines {
                    let indent = String(repeating: "  ", count: line.depth)
                    out.append(indent + "- " + md(line.text))
                    guard evidence else { continue }
                    for e in line.evidence { out.append(indent + "  > " + md("\(e.document) §\(e.sentence): \(e.sentenceText)")) }
                }
                out.append("")
            }
        }
        return out.joined(separator: "\n")
    }
}
