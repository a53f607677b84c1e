import EventGraphCore

/// One sentence of evidence as a reader sees it: the sentence once, however many rules or spans
/// read a fact in it, with the spans that produced the fact marked, and the article it is from.
/// The graph JSON keeps every piece of evidence; human-facing outputs show passages.
public struct Passage: Sendable, Hashable {
    /// A run of the sentence's text, marked when it is (part of) a span of the fact.
    public struct Segment: Sendable, Hashable {
        public var text: String
        public var marked: Bool
    }

    public var document: String
    public var sentence: Int
    public var segments: [Segment]
    public var rules: [String]

    /// The sentence's text, without marks.
    public var text: String { segments.map(\.text).joined() }

    /// Sentences longer than this are shown around their spans, cut at word breaks, with "…".
    static let longestShownSentence = 600
    static let context = 160

    /// The evidence of one fact as passages, in document and sentence order; argument evidence
    /// (where a participant was read) is left out, as everywhere a fact's evidence is shown.
    public static func of(_ evidence: [Evidence]) -> [Passage] {
        var groups: [String: [Evidence]] = [:]
        var order: [(document: String, sentence: Int, key: String)] = []
        for e in evidence where !e.isArgumentEvidence {
            let key = "\(e.document)\u{1F}\(e.sentence)"
            if groups[key] == nil { order.append((e.document, e.sentence, key)) }
            groups[key, default: []].append(e)
        }
        order.sort { ($0.document, $0.sentence) < ($1.document, $1.sentence) }
        return order.map { item in
            let group = groups[item.key] ?? []
            let sentence = group.first?.sentenceText ?? ""
            return Passage(document: item.document, sentence: item.sentence,
                           segments: segments(of: sentence, spans: spans(of: group, in: sentence)),
                           rules: Set(group.map(\.rule)).sorted())
        }
    }

    /// The spans, as scalar offsets into the sentence, merged where they overlap. Evidence offsets
    /// count from the start of the article: the sentence's own start is found from a span whose
    /// text occurs once in the sentence, and every span is checked against the text there.
    static func spans(of group: [Evidence], in sentence: String) -> [Range<Int>] {
        let scalars = Array(sentence.unicodeScalars)
        func occurrences(_ text: String) -> [Int] {
            let needle = Array(text.unicodeScalars)
            guard !needle.isEmpty, needle.count <= scalars.count else { return [] }
            return (0...(scalars.count - needle.count)).filter { i in scalars[i..<(i + needle.count)].elementsEqual(needle) }
        }
        // A search is linear in the sentence: in a huge one (a 1 MB line of "said"s), a few spans
        // find its start and the rest are only checked there.
        let searchable = scalars.count <= 20_000
        var starts: [Int: Int] = [:]
        for e in group.prefix(searchable ? group.count : 16) {
            let found = occurrences(e.text)
            if found.count == 1 { starts[e.start - found[0], default: 0] += 1 }
        }
        let sentenceStart = starts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        var ranges: [Range<Int>] = []
        for e in group {
            let length = e.text.unicodeScalars.count
            if let sentenceStart, case let begin = e.start - sentenceStart, begin >= 0, begin + length <= scalars.count,
               scalars[begin..<(begin + length)].elementsEqual(e.text.unicodeScalars) {
                ranges.append(begin..<(begin + length))
            } else if searchable, let first = occurrences(e.text).first {
                ranges.append(first..<(first + length))
            }
        }
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }) where !range.isEmpty {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The sentence cut into plain and marked runs; a very long sentence keeps only the context of
    /// its spans.
    static func segments(of sentence: String, spans: [Range<Int>]) -> [Segment] {
        let scalars = Array(sentence.unicodeScalars)
        func text(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view)
        }
        var shown: [Range<Int>] = [0..<scalars.count]
        if scalars.count > longestShownSentence {
            shown = []
            for span in (spans.isEmpty ? [0..<0] : spans) {
                let range = max(0, span.lowerBound - context)..<min(scalars.count, span.upperBound + context)
                if let last = shown.last, range.lowerBound <= last.upperBound { shown[shown.count - 1] = last.lowerBound..<range.upperBound } else { shown.append(range) }
            }
        }
        var segments: [Segment] = []
        func add(_ string: String, marked: Bool) {
            guard !string.isEmpty else { return }
            if let last = segments.last, last.marked == marked { segments[segments.count - 1].text += string } else { segments.append(Segment(text: string, marked: marked)) }
        }
        var previousEnd = 0
        for window in shown {
            if window.lowerBound > previousEnd || (window.lowerBound > 0 && previousEnd == 0) { add("…", marked: false) }
            previousEnd = window.upperBound
            var position = window.lowerBound
            for span in spans where span.upperBound > window.lowerBound && span.lowerBound < window.upperBound {
                let begin = max(span.lowerBound, window.lowerBound), end = min(span.upperBound, window.upperBound)
                add(text(position..<begin), marked: false)
                add(text(begin..<end), marked: true)
                position = end
            }
            add(text(position..<window.upperBound), marked: false)
        }
        if previousEnd < scalars.count { add("…", marked: false) }
        return segments
    }
}

/// Where a passage is from, as a reader names it: outlet, title, date and link.
public struct ArticleCitation: Sendable, Hashable {
    public var outlet: String?
    public var title: String?
    public var published: String?
    /// Only an http or https address: anything else is not offered as a link.
    public var url: String?
    public var document: String

    public init(_ document: Document) {
        outlet = document.source
        title = document.title
        published = document.published?.iso
        url = document.url.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }
        self.document = document.id
    }

    public init(unknown id: String) { document = id }

    /// "Mehr News Agency, “Albanian police re-enter MKO camp”, 2023-06-29, https://…", or the
    /// document id when the article names none of these.
    public var line: String {
        var parts: [String] = []
        if let outlet { parts.append(outlet) }
        if let title { parts.append("“\(title)”") }
        if let published { parts.append(published) }
        if let url { parts.append(url) }
        return parts.isEmpty ? document : parts.joined(separator: ", ")
    }
}
