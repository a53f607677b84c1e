/// One article of the corpus: where it came from and what it says about itself. The text is not
/// part of the graph; `sha256` pins which text the evidence offsets refer to.
public struct Document: Hashable, Sendable, Codable, Comparable {
    /// The path relative to the corpus root given on the command line, with `/` separators; a JSONL
    /// record adds `:LINE` (`feeds/june.jsonl:17`). Unique within a corpus.
    public var id: String
    /// The file's path below the corpus root given on the command line (a file given alone: its
    /// name), so that a corpus gives the same graph wherever it lives; never absolute.
    public var path: String
    public var url: String?
    public var title: String?
    /// The outlet, e.g. "Mehr News Agency".
    public var source: String?
    /// The publication day, the anchor for relative dates ("on Tuesday"); nil when unknown.
    public var published: CalendarDay?
    public var license: String?
    /// SHA-256 of the UTF-8 text that extraction read (hex).
    public var sha256: String

    public init(
        id: String, path: String, url: String? = nil, title: String? = nil, source: String? = nil,
        published: CalendarDay? = nil, license: String? = nil, sha256: String
    ) {
        self.id = id
        self.path = path
        self.url = url
        self.title = title
        self.source = source
        self.published = published
        self.license = license
        self.sha256 = sha256
    }

    public static func < (lhs: Document, rhs: Document) -> Bool {
        (lhs.id, lhs.sha256) < (rhs.id, rhs.sha256)
    }

    private enum CodingKeys: String, CodingKey { case id, path, url, title, source, published, license, sha256 }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(path, forKey: .path)
        try c.encode(url, forKey: .url)
        try c.encode(title, forKey: .title)
        try c.encode(source, forKey: .source)
        try c.encode(published, forKey: .published)
        try c.encode(license, forKey: .license)
        try c.encode(sha256, forKey: .sha256)
    }
}

/// A document together with its text: what corpus readers produce and extraction consumes.
public struct SourceDocument: Sendable, Hashable {
    public var document: Document
    /// The article body, valid Unicode; evidence offsets index into it.
    public var text: String

    public init(document: Document, text: String) {
        self.document = document
        self.text = text
    }
}
