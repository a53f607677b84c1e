import EventGraphCore
import EventGraphCorpus
import EventGraphExtraction
import EventGraphSyntax
import Foundation

/// Makes a corpus that looks like real news, deterministically: real articles (the development
/// set and the seeds) are cut into paragraphs and recombined, and every name the pipeline finds in
/// them is replaced, article by article, by a name drawn from large pools (census first names and
/// surnames, GeoNames cities, organization and facility heads) with a Zipf law, so that a few
/// names are frequent and most appear in few articles, as in an archive. Outlets, titles, URLs and
/// publication dates vary too. The same inputs, seed and count always give the same articles.
struct CorpusGenerator {
    /// One base article with its names replaced by slots.
    struct Template {
        var paragraphs: [[Segment]]
        var entityTypes: [EntityType]
    }

    /// Literal text, or the generated name of the template's entity `entity` (`surnameOnly` where
    /// the article wrote a person's surname alone).
    enum Segment {
        case text(String)
        case name(entity: Int, surnameOnly: Bool)
    }

    private var random: SeededGenerator
    let templates: [Template]
    private let names: NamePools

    init(templates: [Template], names: NamePools, seed: UInt64) {
        self.templates = templates
        self.names = names
        random = SeededGenerator(seed: seed)
    }

    private mutating func next() -> UInt64 { random.next() }
    private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    private mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A rank in 0..<count with probability about proportional to 1 / (rank + 1).
    private mutating func zipfRank(_ count: Int) -> Int {
        min(count - 1, max(0, Int(exp(unit() * log(Double(count) + 1))) - 1))
    }

    mutating func article(index: Int) -> SourceDocument {
        let base = templates[below(templates.count)]
        var parts: [(template: Template, paragraphs: ArraySlice<[Segment]>)] = []
        // The base article, then most of the time a run of another article's paragraphs, so that
        // articles are about as long as real ones (the development articles are beginnings).
        parts.append((base, base.paragraphs[...]))
        while below(10) < 7, parts.count < 3 {
            let other = templates[below(templates.count)]
            let start = below(other.paragraphs.count)
            parts.append((other, other.paragraphs[start..<min(other.paragraphs.count, start + 2 + below(4))]))
        }
        var paragraphs: [String] = []
        for part in parts {
            let chosen = part.template.entityTypes.map { names.name(of: $0, rank: zipfRank(names.count(of: $0))) }
            for paragraph in part.paragraphs {
                paragraphs.append(paragraph.map { segment in
                    switch segment {
                    case .text(let text): return text
                    case .name(let entity, let surnameOnly): return surnameOnly ? chosen[entity].surname : chosen[entity].full
                    }
                }.joined())
            }
        }
        let text = paragraphs.joined(separator: "\n\n") + "\n"
        let day = CalendarDay(year: 2000, month: 1, day: 1)!.adding(days: below(9000))
        let outlet = names.outlet(rank: zipfRank(names.outletCount))
        let id = String(format: "%06d-article.txt", index)
        let document = Document(id: id, path: id, url: "https://\(Slug.make(outlet)).example/news/\(index)", title: Self.title(of: paragraphs[0]),
                                source: outlet, published: day, sha256: SHA256.hexDigest(of: text))
        return SourceDocument(document: document, text: text)
    }

    /// The first words of the first sentence, as a headline.
    static func title(of paragraph: String) -> String {
        let sentence = paragraph.prefix { $0 != "." && $0 != "\n" }
        let words = sentence.split(separator: " ")
        return words.prefix(10).joined(separator: " ") + (words.count > 10 ? "…" : "")
    }

    /// Cuts an article into paragraphs and replaces each entity mention the pipeline found by a slot.
    static func template(of document: SourceDocument, fragment: Graph) -> Template? {
        let scalars = Array(document.text.unicodeScalars)
        var spans: [(start: Int, end: Int, entity: Int, surnameOnly: Bool)] = []
        var types: [EntityType] = []
        for entity in fragment.entities.sorted(by: { $0.id < $1.id }) {
            let index = types.count
            types.append(entity.type)
            let fullWords = entity.name.split(separator: " ").count
            // Pronouns and other lowercase mentions ("it", "the ministry") stay as they are.
            for mention in entity.mentions where mention.end <= scalars.count && mention.start < mention.end
                && mention.text.first?.isUppercase == true {
                let surnameOnly = entity.type == .person && fullWords > 1 && !mention.text.contains(" ")
                spans.append((mention.start, mention.end, index, surnameOnly))
            }
        }
        spans.sort { ($0.start, $1.end) < ($1.start, $0.end) }
        var paragraphs: [[Segment]] = [[]]
        var literal = String.UnicodeScalarView()
        func flushLiteral() {
            if !literal.isEmpty { paragraphs[paragraphs.count - 1].append(.text(String(literal))) }
            literal = String.UnicodeScalarView()
        }
        var position = 0, spanIndex = 0
        while position < scalars.count {
            while spanIndex < spans.count, spans[spanIndex].start < position { spanIndex += 1 }
            if spanIndex < spans.count, spans[spanIndex].start == position {
                let span = spans[spanIndex]
                flushLiteral()
                paragraphs[paragraphs.count - 1].append(.name(entity: span.entity, surnameOnly: span.surnameOnly))
                position = span.end
                continue
            }
            if scalars[position] == "\n", position + 1 < scalars.count, scalars[position + 1] == "\n" {
                flushLiteral()
                paragraphs.append([])
                while position < scalars.count, scalars[position] == "\n" { position += 1 }
                continue
            }
            literal.append(scalars[position])
            position += 1
        }
        flushLiteral()
        paragraphs = paragraphs.filter { !$0.isEmpty }
        return paragraphs.isEmpty ? nil : Template(paragraphs: paragraphs, entityTypes: types)
    }
}

/// The names generated articles use, by entity type, indexed by rank so that Zipf draws pick them.
struct NamePools {
    let firstNames: [String]
    let surnames: [String]
    let places: [String]
    let organizationHeads: [String]
    let facilityHeads: [String]
    static let outletWords = ["Times", "Herald", "News", "Post", "Observer", "Daily", "Tribune", "Gazette", "Radio", "Press", "Courier", "Chronicle"]

    /// Persons are first name × surname combinations; organizations and facilities a surname or
    /// place before a head word; places are the cities and countries themselves.
    func count(of type: EntityType) -> Int {
        switch type {
        case .person: firstNames.count * surnames.count
        case .place: places.count
        case .organization: (surnames.count + places.count) * organizationHeads.count
        case .facility: (surnames.count + places.count) * facilityHeads.count
        }
    }

    var outletCount: Int { places.count * Self.outletWords.count }

    /// Ranks are spread over the pools by multiplying with a large odd number, so that frequent
    /// ranks do not all share a first name or a head word.
    func name(of type: EntityType, rank: Int) -> (full: String, surname: String) {
        let mixed = (rank &* 2_654_435_761) % count(of: type)
        switch type {
        case .person:
            let surname = surnames[mixed / firstNames.count]
            return (firstNames[mixed % firstNames.count] + " " + surname, surname)
        case .place: return (places[mixed], places[mixed])
        case .organization, .facility:
            let heads = type == .organization ? organizationHeads : facilityHeads
            let stems = surnames.count + places.count
            let stem = mixed % stems < surnames.count ? surnames[mixed % stems] : places[mixed % stems - surnames.count]
            let name = stem + " " + heads[mixed / stems]
            return (name, name)
        }
    }

    func outlet(rank: Int) -> String {
        let mixed = (rank &* 40_503) % outletCount
        return places[mixed / Self.outletWords.count] + " " + Self.outletWords[mixed % Self.outletWords.count]
    }

    /// Reads the census files and the pipeline's lexicons (first column of each TSV).
    static func load(repository: String) throws -> NamePools {
        func column(_ path: String, separator: Character) throws -> [String] {
            try String(contentsOfFile: repository + "/" + path, encoding: .utf8).split(separator: "\n")
                .filter { !$0.hasPrefix("#") }.dropFirst(separator == "\t" ? 1 : 0)
                .compactMap { $0.split(separator: separator).first.map(String.init) }
        }
        func capitalized(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst().lowercased() }
        let entities = "Sources/EventGraphExtraction/Resources/entities/"
        let first = try column("Training/census-1990/dist.male.first", separator: " ") + column("Training/census-1990/dist.female.first", separator: " ")
        let places = try column(entities + "cities.tsv", separator: "\t") + column(entities + "countries.tsv", separator: "\t")
        return NamePools(
            firstNames: Array(Set(first.map(capitalized))).sorted(),
            surnames: try column("Training/census-1990/dist.all.last", separator: " ").map(capitalized),
            places: Array(Set(places.filter { !$0.contains("'") })).sorted(),
            organizationHeads: try column(entities + "organization-heads.tsv", separator: "\t").filter { $0.first?.isUppercase == true },
            facilityHeads: try column(entities + "facility-heads.tsv", separator: "\t").map(capitalized))
    }
}
