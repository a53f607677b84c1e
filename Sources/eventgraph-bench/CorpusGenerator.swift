import EventGraphCore
import EventGraphSyntax

/// Makes a corpus of realistic articles, deterministically: sentences of the seed articles
/// recombined, with names, places and dates substituted, and publication dates spread over years.
/// The same seed and count always give the same articles, so benchmark runs compare.
struct CorpusGenerator {
    private var random: SeededGenerator
    private let sentences: [String]

    static let people = ["Nasser Kanaani", "Blendi Cuci", "Maria Keller", "Ahmed Rahimi", "John Carter", "Elena Petrova", "Li Wei", "Amina Diallo"]
    static let places = ["Albania", "Iraq", "Syria", "Tirana", "Durrës", "Kenya", "Jordan", "Paris", "Brussels", "Ankara"]
    static let organizations = ["the Interior Ministry", "the Foreign Ministry", "the United Nations", "the European Union", "the Special Court", "Reuters"]
    static let dates = ["on Tuesday", "last week", "on June 20", "in 2014", "since 2016", "for ten years", "a week ago", "in the 1980s",
                        "earlier this year", "on 20 June 2023", "two days ago", "next month", "this Thursday morning", "at 10 a.m."]

    init(seedTexts: [String], seed: UInt64) {
        random = SeededGenerator(seed: seed)
        sentences = seedTexts.flatMap { text in
            text.split(whereSeparator: { $0 == "\n" }).flatMap { $0.split(separator: ".", omittingEmptySubsequences: true) }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count > 30 }.map { $0 + "." }
        }
    }

    /// SplitMix64 (`SeededGenerator`): small, fast, and the same on every platform.
    private mutating func next() -> UInt64 { random.next() }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    mutating func article(index: Int) -> SourceDocument {
        let count = 12 + Int(next() % 24)
        var text = ""
        for i in 0..<count {
            var sentence = pick(sentences)
            if next() % 10 == 0 { sentence = "\(pick(Self.people)) said \(pick(Self.dates)) that \(pick(Self.organizations)) had acted in \(pick(Self.places))." }
            else if next() % 4 == 0 { sentence = sentence.replacingOccurrences(of: "Albania", with: pick(Self.places)) }
            text += sentence
            text += i % 5 == 4 ? "\n\n" : " "
        }
        let day = CalendarDay(year: 2015, month: 1, day: 1)!.adding(days: Int(next() % 3000))
        let id = "article-\(index).txt"
        let document = Document(id: id, path: id, source: "Generated", published: day, sha256: SHA256.hexDigest(of: text))
        return SourceDocument(document: document, text: text)
    }
}
