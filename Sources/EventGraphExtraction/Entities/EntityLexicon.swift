import Foundation
import EventGraphCore

/// A person's grammatical gender, as "he" and "she" tell it.
enum Gender: String, Sendable {
    case masculine = "m"
    case feminine = "f"
}

/// The word lists entity recognition uses, loaded from `Resources/entities/`.
/// A class, not a struct: the stages hold it and their closures capture them, and a copy of a
/// struct of two dozen tables retains each of them (2 % of a build's time went to such copies).
/// `@unchecked Sendable` because the tables are filled once, in `load()`, before the lexicon is
/// shared, and never changed after (their setters are private to this file).
public final class EntityLexicon: @unchecked Sendable {
    fileprivate(set) var commonWords: Set<String> = []
    /// Lowercased place name or alias → the place's name in the graph.
    fileprivate(set) var places: [String: String] = [:]
    /// Which places are countries (by graph name).
    fileprivate(set) var countries: Set<String> = []
    /// Capital → its country.
    fileprivate(set) var capitalOf: [String: String] = [:]
    /// First-level divisions of countries (regions.tsv: "Mississippi"), by graph name.
    fileprivate(set) var regions: Set<String> = []
    /// Lowercased city, capital or region (and its spelling without diacritics) → the countries
    /// that have a place of that name, by graph name (GeoNames: "van" → Turkey, "jackson" → United
    /// States). Sorted, so that a rule reading them does not depend on hashing.
    fileprivate(set) var countriesOfPlace: [String: [String]] = [:]
    /// Demonym word sequences (lowercased) → country.
    fileprivate(set) var demonyms: [[String]: String] = [:]
    /// Lowercased singular names of peoples and groups that are never a name alone ("hutu").
    fileprivate(set) var peoples: Set<String> = []
    fileprivate(set) var organizationHeads: Set<String> = []
    fileprivate(set) var facilityHeads: Set<String> = []
    fileprivate(set) var placeHeads: Set<String> = []
    /// Title word sequences (lowercased) → role.
    fileprivate(set) var titles: [[String]: String] = [:]
    fileprivate(set) var collectiveOrganizations: Set<[String]> = []
    /// Weapons and military craft that act for their country after a demonym ("Israeli warplanes").
    fileprivate(set) var weaponNouns: Set<[String]> = []
    fileprivate(set) var personVerbs: Set<String> = []
    fileprivate(set) var modifierNouns: Set<String> = []
    /// Lowercased phrases as UTF-8, searched in each sentence's bytes.
    fileprivate(set) var boilerplate: [[UInt8]] = []
    fileprivate(set) var adjectives: Set<String> = []
    /// Lowercased first name → the gender most of its bearers have (names borne by both are absent).
    fileprivate(set) var firstNameGenders: [String: Gender] = [:]
    /// Lowercased titles and nouns that tell a person's gender ("mrs", "spokeswoman").
    fileprivate(set) var genderWords: [String: Gender] = [:]
    struct Description: Sendable { var type: EntityType; var nameWord: String? }
    fileprivate(set) var descriptions: [String: Description] = [:]
    /// The first words of every title, demonym and collective noun of several words' tables, so
    /// that a word that starts none is ruled out by one lookup.
    fileprivate(set) var sequenceStarts: Set<String> = []
    /// Lowercased single words that name an institution when capitalized ("Pentagon", "Senate").
    fileprivate(set) var institutions: [String: EntityType] = [:]
    /// Lowercased common nouns that name one institution or facility when tied to a place ("a press
    /// club in Peshawar") → its type.
    fileprivate(set) var nominalHeads: [String: EntityType] = [:]

    /// The shipped lexicon, loaded once per process (it holds some 50,000 words).
    public static func standard() throws(ResourceError) -> EntityLexicon {
        try cached.get()
    }

    private static let cached = Result { () throws(ResourceError) in try load() }

    static func load() throws(ResourceError) -> EntityLexicon {
        let x = EntityLexicon()
        func column(_ file: String, _ name: String) throws(ResourceError) -> [String] {
            try ExtractionResources.table("entities/\(file)", columns: [name]).map { $0.fields[name]! }
        }
        x.commonWords = Set(try column("common-words.tsv", "word"))
        var countryOfCode: [String: String] = [:]
        var within: [String: Set<String>] = [:]
        for row in try ExtractionResources.table("entities/countries.tsv", columns: ["name", "iso", "capital", "continent"]) {
            let name = row.fields["name"]!
            countryOfCode[row.fields["iso"]!] = name
            x.places[name.lowercased()] = name
            x.countries.insert(name)
            if let capital = row.fields["capital"], !capital.isEmpty {
                within[capital.lowercased(), default: []].insert(name)
                x.places[capital.lowercased()] = capital
                x.capitalOf[capital] = name
            }
        }
        for file in ["cities.tsv", "regions.tsv"] {
            for row in try ExtractionResources.table("entities/\(file)", columns: ["name", "country"]) {
                let name = row.fields["name"]!
                if x.places[name.lowercased()] == nil { x.places[name.lowercased()] = name }
                if file == "regions.tsv" { x.regions.insert(name) }
                if let country = countryOfCode[row.fields["country"]!] { within[name.lowercased(), default: []].insert(country) }
            }
        }
        for row in try ExtractionResources.table("entities/institutions.tsv", columns: ["word", "type"]) {
            guard let type = EntityType(rawValue: row.fields["type"]!) else {
                throw .malformed(file: "Resources/entities/institutions.tsv", line: row.line, column: 2, problem: "unknown entity type")
            }
            x.institutions[row.fields["word"]!.lowercased()] = type
        }
        for row in try ExtractionResources.table("entities/nominal-heads.tsv", columns: ["head", "type"]) {
            guard let type = EntityType(rawValue: row.fields["type"]!) else {
                throw .malformed(file: "Resources/entities/nominal-heads.tsv", line: row.line, column: 2, problem: "unknown entity type")
            }
            x.nominalHeads[row.fields["head"]!.lowercased()] = type
        }
        // Texts often drop diacritics ("Muzaffarabad", "Ercis" for GeoNames' "Muzaffarābād",
        // "Erciş"): each place is also found without them, unless that spelling is taken. In key
        // order, so that which place wins a shared spelling does not depend on hashing.
        for key in x.places.keys.sorted() {
            let folded = foldingDiacritics(key)
            // (Nor does a folded spelling take an institution's word: "Duma" is not "Dūmā".)
            if folded != key, x.places[folded] == nil, x.institutions[folded] == nil { x.places[folded] = x.places[key] }
        }
        // In key order, and a folded spelling never replaces one already there: which place
        // keeps a shared spelling must not depend on hashing.
        for place in within.keys.sorted() { x.countriesOfPlace[place] = within[place]!.sorted() }
        for place in within.keys.sorted() {
            let folded = foldingDiacritics(place)
            if folded != place, x.countriesOfPlace[folded] == nil { x.countriesOfPlace[folded] = within[place]!.sorted() }
        }
        for row in try ExtractionResources.table("entities/place-aliases.tsv", columns: ["alias", "place"]) {
            x.places[row.fields["alias"]!.lowercased()] = row.fields["place"]!
            if x.countries.contains(row.fields["place"]!) == false, ["United States", "United Kingdom"].contains(row.fields["place"]!) {
                x.countries.insert(row.fields["place"]!)
            }
        }
        for row in try ExtractionResources.table("entities/demonyms.tsv", columns: ["demonym", "country"]) {
            x.demonyms[words(row.fields["demonym"]!)] = row.fields["country"]!
        }
        x.peoples = Set(try column("peoples.tsv", "word"))
        x.organizationHeads = Set(try column("organization-heads.tsv", "word"))
        x.facilityHeads = Set(try column("facility-heads.tsv", "word").map { $0.lowercased() })
        x.placeHeads = Set(try column("place-heads.tsv", "word").map { $0.lowercased() })
        for row in try ExtractionResources.table("entities/titles.tsv", columns: ["title", "role"]) {
            x.titles[words(row.fields["title"]!)] = row.fields["role"]!
        }
        x.collectiveOrganizations = Set(try column("collective-organizations.tsv", "noun").map(words))
        x.weaponNouns = Set(try column("weapon-nouns.tsv", "noun").map(words))
        x.personVerbs = Set(try column("person-verbs.tsv", "verb"))
        x.modifierNouns = Set(try column("modifier-nouns.tsv", "noun"))
        x.boilerplate = try column("boilerplate.tsv", "phrase").map { Array($0.lowercased().utf8) }
        x.adjectives = Set(try column("adjectives.tsv", "word"))
        x.sequenceStarts = Set(x.titles.keys.compactMap(\.first)).union(x.demonyms.keys.compactMap(\.first))
            .union(x.collectiveOrganizations.compactMap(\.first)).union(x.weaponNouns.compactMap(\.first))
        x.firstNameGenders = try genders("first-names.tsv", key: "name", extra: ["source"])
        x.genderWords = try genders("gender-words.tsv", key: "word")
        for row in try ExtractionResources.table("entities/descriptions.tsv", columns: ["head", "type", "name-word"]) {
            guard let type = EntityType(rawValue: row.fields["type"]!) else {
                throw .malformed(file: "Resources/entities/descriptions.tsv", line: row.line, column: 1, problem: "unknown entity type")
            }
            let word = row.fields["name-word"]!
            x.descriptions[row.fields["head"]!.lowercased()] = Description(type: type, nameWord: word == "*" ? nil : word.lowercased())
        }
        return x
    }

    /// A two-column gender table (`key`, `gender`, then `extra` columns), keyed lowercase.
    private static func genders(_ file: String, key: String, extra: [String] = []) throws(ResourceError) -> [String: Gender] {
        var result: [String: Gender] = [:]
        for row in try ExtractionResources.table("entities/\(file)", columns: [key, "gender"] + extra) {
            guard let gender = Gender(rawValue: row.fields["gender"]!) else {
                throw .malformed(file: "Resources/entities/\(file)", line: row.line, column: 2, problem: "gender must be m or f")
            }
            result[row.fields[key]!.lowercased()] = gender
        }
        return result
    }

    /// A lowercase key without combining marks ("erciş" → "ercis"); letters such as "ø" or "ł"
    /// that are not a base letter with a mark stay as they are.
    static func foldingDiacritics(_ key: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in key.decomposedStringWithCanonicalMapping.unicodeScalars where scalar.properties.canonicalCombiningClass == .notReordered || !scalar.properties.isDiacritic {
            scalars.append(scalar)
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// Whether a lowercased word names a people or group in the singular or the plural ("tutsis").
    func isPeople(_ lower: String) -> Bool {
        peoples.contains(lower) || (lower.hasSuffix("s") && peoples.contains(String(lower.dropLast())))
    }

    static func words(_ phrase: String) -> [String] {
        phrase.lowercased().split(separator: " ").map(String.init)
    }
}
