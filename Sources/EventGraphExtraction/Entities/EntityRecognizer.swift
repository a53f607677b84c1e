import EventGraphCore
import EventGraphSyntax

/// Finds people, organizations, places and facilities, and links the mentions of each within the
/// article: acronym definitions, "also called" aliases, short forms of names, and definite
/// descriptions ("the group", "the ministry", "the European nation").
///
/// Capitalization and context, with the word lists of `Resources/entities/` (places from GeoNames,
/// demonyms, organization and facility head words, titles, common English words, first names), and
/// the trained name tagger for the names those cannot type.
public struct EntityRecognizer: PipelineStage {
    public let name = "entities"
    public var requires: Set<PipelineLayer> { names == nil ? [.tokens, .sentences, .timexes] : [.tokens, .sentences, .timexes, .words] }
    public let provides: Set<PipelineLayer> = [.entities]
    let lexicon: EntityLexicon
    /// The trained name tagger, when there is one: it types the names of two or more words that the
    /// rules find but cannot type ("Donald Trump": no title, no gazetteer, and "trump" is a common
    /// word), which the rules alone would drop. (On single words its types were worse than the rules'
    /// default, organization, on both benchmarks.)
    let names: NameTagger?

    public init(lexicon: EntityLexicon? = nil, names: NameTagger? = nil) throws(ResourceError) {
        if let lexicon { self.lexicon = lexicon } else { self.lexicon = try EntityLexicon.standard() }
        self.names = names
    }

    public func process(_ document: inout AnalyzedDocument) {
        _ = document.lowercasedTokens()
        (document.articleEntities, document.entityMentions) = recognize(document)
    }

    /// One mention found in the text.
    struct Mention {
        var tokens: ClosedRange<Int>
        /// A span inside a token ("Iran" in "anti-Iran"), when the mention is not whole tokens.
        var innerSpan: TextSpan? = nil
        var type: EntityType?
        /// The name it gives the entity (gazetteer spelling for places); nil for descriptions.
        var name: String?
        var rule: RuleID
        var confidence: Double
    }

    /// A named person's gender and roles ("minister", "spokesperson"), as far as the text tells them.
    struct PersonCues {
        var gender: Gender?
        var roles: Set<String> = []
    }

    /// The recognizer's view of one document: token texts and flags, computed once.
    struct Context {
        let document: AnalyzedDocument
        let words: [String]
        let lowers: [String]
        let isNameToken: [Bool]
        let isAcronym: [Bool]
        var mentions: [Mention] = []
        /// Pairs of mentions known to corefer.
        var links: [(Int, Int)] = []
        /// What the text tells of each named person (by index into `mentions`): the gender and the
        /// roles of the titles before the name, the gender of the first name.
        var people: [Int: PersonCues] = [:]
        /// The last words of the full names of people found so far ("trump" after "Donald Trump").
        var surnames = Set<String>()
        /// The first words of companies named with their legal form ("tesla" after "Tesla, Inc.").
        var organizationShortNames = Set<String>()
        /// Mentions of unnamed institutions tied to a place (index into `mentions`) → head and place,
        /// so that "an appeals court in Lahore" and "the Lahore court" are one entity.
        var nominalKeys: [Int: String] = [:]

        func text(_ range: ClosedRange<Int>) -> String {
            document.text(of: document.tokens[range.lowerBound].span.union(document.tokens[range.upperBound].span))
        }
    }

    /// A company's name without its legal form ("tesla, inc." → "tesla"), so that "Tesla" and
    /// "Tesla, Inc." are one company.
    static func withoutLegalForm(_ lower: String) -> String {
        guard let comma = lower.lastIndex(of: ","), legalForms.contains(String(lower[lower.index(after: comma)...].drop { $0 == " " })) else { return lower }
        return String(lower[..<comma])
    }

    /// Words that modify a title before a name or after a comma ("former", "acting", "Foreign"):
    /// the entity stage reads appositive titles with them, the relation stage titles' roles.
    static let titleModifiers: Set<String> = ["former", "acting", "deputy", "senior", "top", "special", "vice", "assistant", "associate", "adjunct",
                                              "executive", "presidential", "military", "press", "chief", "interim", "then", "current", "new", "foreign",
                                              "interior", "defense", "defence", "finance", "justice", "trade", "health", "education", "staff", "general", "rear"]
    /// Words that modify a title inside a capitalized run ("Rear Adm.", "Press Secretary").
    static let titleWordModifiers: Set<String> = ["rear", "vice", "deputy", "acting", "press", "senior", "chief", "brigadier", "lieutenant", "major"]
    /// A company's legal form, written after its name and a comma ("Tesla, Inc.").
    static let legalForms: Set<String> = ["inc", "inc.", "ltd", "ltd.", "llc", "plc", "corp", "corp.", "co.", "gmbh", "ag", "s.a.", "n.v."]
    static let connectors: Set<String> = ["of", "and", "for", "de", "du", "des", "al", "bin", "ibn", "van", "von", "la", "le", "the", "against", "on"]
    static let possessives: Set<String> = ["'s", "’s", "'S", "’S"]
    /// Prepositions that open a sentence or a byline before a name ("By VOA News", "In Nairobi
    /// Police said") and are never its first word.
    static let leadingPrepositions: Set<String> = ["by", "in", "at", "from", "on", "with", "after", "before", "during", "under", "since", "to"]
    static let determiners: Set<String> = ["the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"]
    /// Whether the part after a hyphen makes the word a modifier: a listed participle, or any
    /// lowercase past participle ("United Nations-created", "Kremlin-appointed").
    static func isParticipleSuffix(_ part: Substring) -> Bool {
        let lower = part.lowercased()
        if participleSuffixes.contains(lower) { return true }
        return part.count >= 4 && part.hasSuffix("ed") && part.allSatisfy { $0.isLowercase }
    }

    /// The last part of a hyphenated modifier: "Paris-based", "Iranian-backed", "U.S.-led".
    static let participleSuffixes: Set<String> = ["based", "backed", "led", "born", "controlled", "run", "funded", "owned", "made", "sponsored", "supported", "allied", "held", "linked", "dominated", "bound"]
    /// Lowercase particles inside names (not English words: "at", "as" and "an" are not here).
    static let innerParticles: Set<String> = ["de", "da", "di", "du", "del", "der", "dos", "das", "van", "von", "bin", "ibn", "le", "la"]
    static let contractions: Set<String> = ["ll", "re", "ve", "d", "m"]
    static let months: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
    static let nameParticles: Set<String> = ["al", "el", "ad", "as", "at", "ash", "an", "bin", "ibn", "abu", "abd", "de", "van", "von", "da", "di", "du", "le", "la"]

    /// The article's entities and their mentions (in `AnalyzedDocument.entityMentions` order).
    public func recognize(_ document: AnalyzedDocument) -> ([ArticleEntity], [EntityMention]) {
        let count = document.tokens.count
        let words = (0..<count).map { document.text(of: $0) }
        let lowers = document.tokenLowers ?? words.map { $0.lowercased() }
        var inTimex = [Bool](repeating: false, count: count)
        var t = 0
        for timex in document.timexes.sorted(by: { $0.start < $1.start }) {
            while t < count && document.tokens[t].span.start < timex.start { t += 1 }
            var k = t
            while k < count && document.tokens[k].span.end <= timex.end { inTimex[k] = true; k += 1 }
        }
        var isAcronym = [Bool](repeating: false, count: count)
        var isNameToken = [Bool](repeating: false, count: count)
        for t in 0..<count where document.tokens[t].kind == .word && !inTimex[t] {
            let word = words[t]
            guard let first = word.unicodeScalars.first else { continue }
            // Most words start with a lowercase ASCII letter and need no further look.
            if first.value >= 0x61 && first.value <= 0x7A && !word.utf8.contains(UInt8(ascii: "-")) { continue }
            let letters = word.unicodeScalars.filter { $0.properties.isAlphabetic }
            isAcronym[t] = letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase }
            var capitalized = first.properties.isUppercase || (Tokenizer.isDigit(first) && letters.first?.properties.isUppercase == true)
            // "al-Maliki", "el-Sisi", "bin-Salman": a lowercase particle before a capitalized name.
            if !capitalized, let hyphen = word.firstIndex(of: "-"), Self.nameParticles.contains(String(word[..<hyphen])),
               word[word.index(after: hyphen)...].first?.isUppercase == true {
                capitalized = true
            }
            // Byline codes ("MNA/PR") are not names.
            if (t + 1 < count && words[t + 1] == "/") || (t > 0 && words[t - 1] == "/") { capitalized = false }
            // "Paris-based", "Iranian-backed": a compound modifier, not part of the name after it
            // (the place inside is found by `findPlacesInCompounds`).
            if capitalized, let hyphen = word.lastIndex(of: "-"), Self.isParticipleSuffix(word[word.index(after: hyphen)...]) {
                capitalized = false
            }
            // "F-16", "MQ-9", "S-400": a model's code, not a name.
            if capitalized, let hyphen = word.firstIndex(of: "-"), word[..<hyphen].count <= 3, word[..<hyphen].allSatisfy({ $0.isUppercase }),
               !word[word.index(after: hyphen)...].isEmpty, word[word.index(after: hyphen)...].allSatisfy({ $0.isNumber }) {
                capitalized = false
            }
            // "Russia-China", "Russia-U.S.": places joined by a hyphen modify what follows; the
            // places inside are found by `findPlacesInCompounds`.
            if capitalized, word.utf8.contains(UInt8(ascii: "-")), isPlaceCompound(word) { capitalized = false }
            // "I'll", "We're": a pronoun with its verb.
            if capitalized, let apostrophe = word.firstIndex(where: { $0 == "'" || $0 == "’" }),
               Self.contractions.contains(String(word[word.index(after: apostrophe)...]).lowercased()) {
                capitalized = false
            }
            // Adjectives such as "European" are name tokens ("European Union") but never a name alone.
            isNameToken[t] = capitalized && word != "I" && !Self.possessives.contains(word)
        }
        // "Russia-U.S.": the tokenizer leaves "S" of "U.S." behind the compound.
        for t in 0..<max(0, count - 2) where words[t].utf8.last == UInt8(ascii: "U") && words[t + 1] == "." && words[t].hasSuffix("-U") && !isNameToken[t] && words[t + 2].hasPrefix("S") {
            isNameToken[t + 2] = false
        }
        // Only a sentence with two capitalized words after its first can be caseless: most are
        // ruled out without a word-list lookup.
        for sentence in document.sentences where sentence.tokens.dropFirst().lazy.filter({ isNameToken[$0] }).prefix(2).count == 2
            && isCaseless(sentence.tokens, words: words, lowers: lowers) {
            // All capitals or a headline in Title Case: capitals say nothing here, so a word is a
            // name only if it is not a common word (or is a place), and nothing is an acronym.
            for t in sentence.tokens where isNameToken[t] || isAcronym[t] {
                isAcronym[t] = false
                isNameToken[t] = isNameToken[t] && (!lexicon.commonWords.contains(lowers[t]) || lexicon.places[lowers[t]] != nil)
            }
        }
        var context = Context(document: document, words: words, lowers: lowers, isNameToken: isNameToken, isAcronym: isAcronym)
        for sentence in document.sentences {
            // Licence lines name the publisher and little else worth a node.
            let bytes = document.utf8[sentence.span.byteStart..<sentence.span.byteEnd]
            let boilerplate = lexicon.boilerplate.contains { Self.containsIgnoringASCIICase(bytes, $0) }
            findNames(in: sentence.tokens, onlyOrganizations: boilerplate, &context)
        }
        findPlacesInCompounds(&context)
        resolveSingleWords(&context)
        findNominalEntities(&context)
        findLedOrganizations(&context)
        context.people = personCues(context)
        findDescriptions(&context)
        findPronouns(&context)
        findSpeakerPronouns(&context)
        return buildEntities(context)
    }

    // MARK: Names

    /// Whether a sentence is written in capitals or in Title Case: most of its common words (after
    /// the first) are capitalized, at least three of them. In ordinary text common words are lowercase
    /// but for the first word and a few names ("Police", "Court").
    private func isCaseless(_ range: Range<Int>, words: [String], lowers: [String]) -> Bool {
        var (common, capitalized) = (0, 0)
        for t in range.dropFirst() where lexicon.commonWords.contains(lowers[t]) && lowers[t].count > 1 {
            common += 1
            if words[t].unicodeScalars.first?.properties.isUppercase == true { capitalized += 1 }
        }
        if capitalized >= 3 && capitalized * 10 >= common * 7 { return true }
        // A short line in capitals ("FOR IMMEDIATE RELEASE") with a common word in it.
        let letters = range.filter { words[$0].unicodeScalars.contains { $0.properties.isAlphabetic } }
        return letters.count >= 2 && common >= 1 && letters.allSatisfy { t in !words[t].unicodeScalars.contains { $0.properties.isLowercase } }
    }

    /// The type the name tagger gives each token of `span` (that of the name over the token's first
    /// word: PER, ORG, LOC; nil outside names), tagging the words around it, three on each side
    /// within the sentence. A window, not the sentence: the tagger's features reach two words and
    /// two labels back, and most sentences need one look at most.
    private func nameTypes(of span: ClosedRange<Int>, _ c: Context) -> [EntityType?] {
        var types = [EntityType?](repeating: nil, count: span.count)
        let syntax = c.document.syntax
        guard let names, span.upperBound < syntax.firstWordOfToken.count, syntax.firstWordOfToken[span.lowerBound] >= 0,
              let sentence = c.document.sentenceIndex(containing: c.document.tokens[span.lowerBound].span.start),
              sentence < syntax.sentenceWords.count else { return types }
        let sentenceWords = syntax.sentenceWords[sentence]
        let firstWord = Int(syntax.firstWordOfToken[span.lowerBound])
        var lastWord = Int(syntax.firstWordOfToken[span.upperBound])
        while lastWord + 1 < sentenceWords.upperBound, syntax.tokenOfWord[lastWord + 1] == Int32(span.upperBound) { lastWord += 1 }
        let words = max(sentenceWords.lowerBound, firstWord - 3)..<min(sentenceWords.upperBound, lastWord + 4)
        guard !words.isEmpty else { return types }
        let labels = names.tag(words: Array(syntax.forms[words]), upos: Array(syntax.upos[words]))
        for found in NameTagger.spans(labels) {
            let type: EntityType? = found.type == "PER" ? .person : found.type == "ORG" ? .organization : found.type == "LOC" ? .place : nil
            for word in (words.lowerBound + found.words.lowerBound)..<(words.lowerBound + found.words.upperBound) {
                let token = Int(syntax.tokenOfWord[word])
                if span.contains(token), syntax.firstWordOfToken[token] == word { types[token - span.lowerBound] = type }
            }
        }
        return types
    }

    /// The name tagger's type for a span, when it gives one type to most of its tokens, and whether
    /// it gives that type to all of them.
    private func modelType(of span: ClosedRange<Int>, _ c: Context) -> (type: EntityType, whole: Bool)? {
        guard names != nil else { return nil }
        let types = nameTypes(of: span, c)
        var counts: [EntityType: Int] = [:]
        for type in types.compactMap({ $0 }) { counts[type, default: 0] += 1 }
        guard let best = counts.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }), 2 * best.value > span.count else { return nil }
        return (best.key, best.value == span.count)
    }

    private func isOrganizationHead(_ word: String) -> Bool { lexicon.organizationHeads.contains(word) }

    /// Whether a run of capitalized words starting at `start` reaches an organization head word
    /// before it ends ("Exchange Commission" after "Securities and"), and before any title (in
    /// "Krivoruchko and Interior Cabinet Secretary Kindiki" the head word is part of a title).
    private func headFollows(from start: Int, within range: Range<Int>, _ c: Context) -> Bool {
        var k = start
        while k < range.upperBound, c.isNameToken[k] {
            if lexicon.titles[[c.lowers[k]]] != nil || (k + 1 < range.upperBound && lexicon.titles[[c.lowers[k], c.lowers[k + 1]]] != nil) { return false }
            if isOrganizationHead(c.words[k]) { return true }
            k += 1
        }
        return false
    }

    /// Whether an organization's head word comes within the next eight tokens, over capitalized
    /// words and the connectors of names ("China Economic and Security Review Commission"), before
    /// any title.
    private func organizationHeadFollows(from start: Int, within range: Range<Int>, _ c: Context) -> Bool {
        var k = start
        while k < min(range.upperBound, start + 8), c.isNameToken[k] || (Self.connectors.contains(c.lowers[k]) && k > start) {
            if lexicon.titles[[c.lowers[k]]] != nil { return false }
            if isOrganizationHead(c.words[k]) { return true }
            k += 1
        }
        return false
    }

    /// Whether a capitalized word is the last word of a person's full name found earlier.
    private func isSurnameOfEarlierPerson(_ t: Int, _ c: Context) -> Bool {
        c.words[t].first?.isUppercase == true && c.surnames.contains(c.lowers[t])
    }

    /// "Peter Kamau said", "Grace Wanjiru told": a first name that is also a common word, before
    /// a capitalized word that is neither common nor a place, starts a person's name.
    private func isFirstNameBeforeSurname(_ k: Int, _ b: Int, _ c: Context) -> Bool {
        guard k < b, lexicon.firstNameGenders[c.lowers[k]] != nil, c.words[k].first?.isUppercase == true else { return false }
        return !isCommonWord(k + 1, c) && !isPlace((k + 1)...(k + 1), c) && !isOrganizationHead(c.words[k + 1])
    }

    /// Whether the words after a title read as a person's name: none is a common word, or the
    /// first is a first name, or the name tagger reads them as a person ("President Donald Trump",
    /// "Commissioner William Gross", where "trump" and "gross" are English words).
    private func looksLikePersonName(_ span: ClosedRange<Int>, _ c: Context) -> Bool {
        if span.allSatisfy({ !isCommonWord($0, c) }) { return true }
        if span.count >= 2, lexicon.firstNameGenders[c.lowers[span.lowerBound]] != nil { return true }
        return span.count >= 2 && modelType(of: span, c)?.type == .person
    }

    /// The tokens of a country's name (one or two words) that end right before a title and follow
    /// an organization's name of two words or more: the region the title is for.
    private func regionBeforeTitle(_ a: Int, _ titleStart: Int, _ c: Context) -> Range<Int>? {
        for length in [2, 1] where titleStart - length >= a + 2 {
            let name = c.words[(titleStart - length)..<titleStart].joined(separator: " ")
            if lexicon.countries.contains(name), c.lowers[titleStart - length - 1] != "of" { return (titleStart - length)..<titleStart }
        }
        return nil
    }

    /// Scans a sentence for runs of capitalized tokens and turns each into mentions.
    private func findNames(in range: Range<Int>, onlyOrganizations: Bool, _ c: inout Context) {
        var t = range.lowerBound
        while t < range.upperBound {
            guard c.isNameToken[t] else {
                t += 1
                continue
            }
            var end = t
            var hasHead = isOrganizationHead(c.words[t])
            // A title after the organization's head word starts a person's name ("Commission
            // Chairman Carolyn Bartholomew and ..."): a connector then ends the run.
            var titleAfterHead = false
            while end + 1 < range.upperBound {
                let next = end + 1
                if c.isNameToken[next] {
                    end = next
                    if isOrganizationHead(c.words[next]) {
                        hasHead = true
                        titleAfterHead = false
                    } else if hasHead, lexicon.titles[[c.lowers[next]]] != nil {
                        titleAfterHead = true
                    }
                    continue
                }
                // "Tesla, Inc.", "Acme Holdings, Ltd.": a company's legal form after a comma.
                if c.lowers[next] == ",", next + 1 < range.upperBound, Self.legalForms.contains(c.lowers[next + 1]) {
                    end = next + 1
                    if end + 1 < range.upperBound, c.lowers[end + 1] == ".", !c.document.tokens[end + 1].spaceBefore { end += 1 }
                    hasHead = true
                    continue
                }
                // "U.S.-China Economic and Security Review Commission": a hyphen inside an
                // organization's name, when its head word follows ("Israel-Hezbollah ceasefire" is two names).
                if c.lowers[next] == "-", next + 1 < range.upperBound, c.isNameToken[next + 1], c.document.tokens[next].spaceBefore == false,
                   c.document.tokens[next + 1].spaceBefore == false, organizationHeadFollows(from: next + 1, within: range, c) {
                    end = next + 1
                    continue
                }
                // "the Democratic Republic of Congo": a place the gazetteer knows, over a connector.
                let nameStart = Self.determiners.contains(c.lowers[t]) && t < end ? t + 1 : t
                if Self.connectors.contains(c.lowers[next]),
                   let placeEnd = (next + 1..<min(range.upperBound, next + 3)).first(where: { c.isNameToken[$0] && placeName(nameStart...$0, c) != nil }) {
                    end = placeEnd
                    continue
                }
                // "Committee to Protect Journalists": "to" and a capitalized verb's phrase inside an
                // organization's name, once its head word has been seen (not "the Council to Nairobi").
                if hasHead, !titleAfterHead, c.lowers[next] == "to", next + 2 < range.upperBound, c.isNameToken[next + 1], c.isNameToken[next + 2],
                   !isPlace((next + 1)...(next + 1), c), c.document.tokens[next + 1].kind == .word {
                    end = next + 2
                    continue
                }
                // "Democratic Forces for the Liberation of Rwanda": a connector and "the" inside an
                // organization's name, once its head word has been seen (not before another
                // organization: "Chief of Police for the Mendenhall Police Department").
                if hasHead, !titleAfterHead, ["of", "for"].contains(c.lowers[next]), next + 2 < range.upperBound, c.lowers[next + 1] == "the",
                   c.isNameToken[next + 2], !isPlace((next + 2)...(next + 2), c), !organizationHeadFollows(from: next + 2, within: range, c) {
                    end = next + 2
                    continue
                }
                // Connectors join parts of an organization's name once its head word has been seen
                // ("Court Against Crime and Corruption", "Bank of England"), but not two names
                // ("Krivoruchko and Interior Cabinet Secretary Kindiki").
                // ("and" joins a name's common words, "Crime and Corruption", not two names:
                // "Mombasa Republican Council and al-Shabaab".)
                if Self.connectors.contains(c.lowers[next]), next + 1 < range.upperBound, c.isNameToken[next + 1], hasHead, !titleAfterHead,
                   !["and", "&"].contains(c.lowers[next]) || isCommonWord(next + 1, c) {
                    end = next + 1
                    hasHead = hasHead || isOrganizationHead(c.words[end])
                    continue
                }
                // "Securities and Exchange Commission", "Narcotics and Money Laundering Unit": "and"
                // inside an organization's name whose head word is still to come.
                if c.lowers[next] == "and" || c.lowers[next] == "&", !hasHead, isOrganizationHead(c.words[end]) == false,
                   headFollows(from: next + 1, within: range, c) {
                    end = next + 1
                    continue
                }
                // "Alvaro de Soto", "Osama bin Laden": a lowercase particle between two parts of a name.
                if Self.innerParticles.contains(c.words[next]), next + 1 < range.upperBound, c.isNameToken[next + 1], !isPlace((next + 1)...(next + 1), c) {
                    end = next + 1
                    continue
                }
                // "Michael B. Mukasey": an initial and its period inside a person's name.
                if next + 1 < range.upperBound, c.lowers[next] == ".", c.isNameToken[next + 1], c.document.tokens[next].spaceBefore == false,
                   c.words[end].count == 1, c.words[end].first?.isUppercase == true, end > t {
                    end = next + 1
                    continue
                }
                // "Ashraf 3 camp": a number between a name and a facility word.
                if c.document.tokens[next].kind == .number, next + 1 < range.upperBound, lexicon.facilityHeads.contains(c.lowers[next + 1]) {
                    end = next
                    continue
                }
                break
            }
            if onlyOrganizations && !hasHead {
                t = end + 1
                continue
            }
            // "Foreign Affairs Committee Leonid Slutsky": an organization's head word followed by
            // two or more words that are neither common nor heads is the organization, then a person.
            if let head = (t..<end).last(where: { isOrganizationHead(c.words[$0]) }), end - head >= 2,
               ((head + 1)...end).allSatisfy({ !isCommonWord($0, c) && !isOrganizationHead(c.words[$0]) && !c.isAcronym[$0] && !isPlace($0...$0, c) }) {
                _ = classifyRun(t...head, sentence: range, &c)
                let after = classifyRun((head + 1)...end, sentence: range, &c)
                t = max(after, end + 1)
                continue
            }
            let after = classifyRun(t...end, sentence: range, &c)
            t = max(after, end + 1)
        }
    }

    /// The length of the longest word sequence (of up to three words) among `entries` that starts
    /// at token `t`, if any.
    private func sequence(at t: Int, in entries: some Collection<[String]>, range: Range<Int>, _ c: Context) -> Int? {
        // Most words start no title, demonym or collective noun: one set lookup, no arrays.
        guard t < range.upperBound, lexicon.sequenceStarts.contains(c.lowers[t]) else { return nil }
        for length in stride(from: 3, through: 1, by: -1) where t + length <= range.upperBound {
            if entries.contains(Array(c.lowers[t..<t + length])) { return length }
        }
        return nil
    }

    /// Whether `needle` (lowercase ASCII or UTF-8) occurs in `haystack`, ASCII letters compared
    /// without case.
    static func containsIgnoringASCIICase(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while i <= last {
            var b = haystack[i]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b == first {
                var j = 1
                while j < needle.count {
                    var h = haystack[i + j]
                    if h >= 0x41 && h <= 0x5A { h |= 0x20 }
                    if h != needle[j] { break }
                    j += 1
                }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Classifies a run of name tokens, adds its mentions, and returns the first token after
    /// everything it consumed.
    private func classifyRun(_ run: ClosedRange<Int>, sentence: Range<Int>, _ c: inout Context) -> Int {
        var a = run.lowerBound
        let b = run.upperBound
        var cueType: EntityType?
        var rule = RuleID.entityName
        // A capitalized determiner starting a sentence is not part of a name ("The Albanian officials").
        while a <= b, Self.determiners.contains(c.lowers[a]) || (a < b && Self.leadingPrepositions.contains(c.lowers[a])) { a += 1 }
        guard a <= b else { return b + 1 }
        // "the Pentagon", "the Senate": a capitalized word that names one institution.
        if a == b, let type = lexicon.institutions[c.lowers[a]], c.words[a].first?.isUppercase == true {
            addMention(a...a, type: type, name: c.words[a], rule: .entityInstitution, confidence: 0.8, &c)
            return b + 1
        }

        // "Israelis", "Americans": a people, not a name.
        if a == b, c.lowers[a].hasSuffix("s"), lexicon.demonyms[[String(c.lowers[a].dropLast())]] != nil, lexicon.places[c.lowers[a]] == nil { return b + 1 }
        // "Hutu", "Tutsis", "Korean": a people or group alone.
        if a == b, lexicon.isPeople(c.lowers[a]), lexicon.places[c.lowers[a]] == nil { return b + 1 }
        // Demonyms: "Albanian police" is an organization; "Iraqi Prime Minister ..." a nationality.
        if let length = sequence(at: a, in: lexicon.demonyms.keys, range: sentence, c), lexicon.demonyms[Array(c.lowers[a..<a + length])] != nil {
            if a + length > b {
                if let nounLength = sequence(at: b + 1, in: lexicon.collectiveOrganizations, range: sentence, c) {
                    let span = a...(b + nounLength)
                    addMention(span, type: .organization, name: c.text(span), rule: .entityDemonymCollective, confidence: 0.85, &c)
                    return span.upperBound + 1
                }
                // "Israeli warplanes": the country acts through them.
                if let nounLength = sequence(at: b + 1, in: lexicon.weaponNouns, range: sentence, c), let country = lexicon.demonyms[Array(c.lowers[a..<a + length])] {
                    let span = a...(b + nounLength)
                    addMention(span, type: .place, name: country, rule: .entityDemonymWeapon, confidence: 0.7, &c)
                    return span.upperBound + 1
                }
                return b + 1
            }
            // "Albanian Daily News" is a name with its demonym; "Iraqi Prime Minister Nouri al-Maliki"
            // is a person with a nationality.
            if !((a + length)...b).contains(where: { isOrganizationHead(c.words[$0]) }) { a += length }
        }
        // "Pentagon Press Secretary Rear Adm. John Kirby": a run that ends in a title (the name
        // follows its period) is the organization before the title.
        if b > a, lexicon.titles[[c.lowers[b]]] != nil, b + 2 < sentence.upperBound, c.lowers[b + 1] == ".", c.isNameToken[b + 2] {
            var titleStart = b
            while titleStart - 1 > a, lexicon.titles[[c.lowers[titleStart - 1]]] != nil || Self.titleWordModifiers.contains(c.lowers[titleStart - 1]) { titleStart -= 1 }
            return titleStart > a ? max(classifyRun(a...(titleStart - 1), sentence: sentence, &c), b + 1) : b + 1
        }
        // "Secretary of Defense Lloyd J. Austin": the title's "of" phrase ends at the person's name.
        if cueType == nil, a + 2 <= b, a >= sentence.lowerBound + 2, c.lowers[a - 1] == "of", lexicon.titles[[c.lowers[a - 2]]] != nil,
           isCommonWord(a, c), looksLikePersonName((a + 1)...b, c), !((a + 1)...b).contains(where: { isOrganizationHead(c.words[$0]) }) {
            a += 1
            cueType = .person
            rule = .entityTitle
        }
        // Titles: "Interior Minister Blendi Cuci", "President X".
        if let length = sequence(at: a, in: lexicon.titles.keys, range: sentence, c), a + length <= b {
            a += length
            if a < b || true { cueType = .person; rule = .entityTitle }
            // Dotted titles ("Gen.", "Dr.") leave a period token behind, outside the run.
        }
        // "Deputy Defence Minister Alexei Krivoruchko", "Interior Cabinet Secretary Kithure Kindiki":
        // the name after the last title word is a person.
        if cueType == nil, let lastTitle = (a...b).last(where: { lexicon.titles[[c.lowers[$0]]] != nil }), lastTitle < b,
           ((lastTitle + 1)...b).allSatisfy({ !isOrganizationHead(c.words[$0]) }), looksLikePersonName((lastTitle + 1)...b, c) {
            // What stands before the title is a name of its own: "Boston Police", "US", "Human
            // Rights Watch" in "Human Rights Watch Director Sophie Richardson".
            var titleStart = lastTitle
            while titleStart > a, lexicon.titles[[c.lowers[titleStart - 1]]] != nil || lexicon.titles[[c.lowers[titleStart - 1], c.lowers[titleStart]]] != nil {
                titleStart -= 1
            }
            // "Human Rights Watch China Director Sophie Richardson": a country right before the
            // title is the title's region, not the end of the organization's name.
            if let country = regionBeforeTitle(a, titleStart, c) {
                _ = classifyRun(a...(country.lowerBound - 1), sentence: sentence, &c)
                _ = classifyRun(country.lowerBound...(country.upperBound - 1), sentence: sentence, &c)
            } else if titleStart > a {
                _ = classifyRun(a...(titleStart - 1), sentence: sentence, &c)
            }
            a = lastTitle + 1
            cueType = .person
            rule = .entityTitle
        }
        // A run that ends in an organization word keeps its capitalized common words ("Special
        // Court"); otherwise leading common words are not part of a name ("Numerous MKO").
        let hasHead = (a...b).contains { isOrganizationHead(c.words[$0]) }
            || (b + 1 < sentence.upperBound && (lexicon.facilityHeads.contains(c.lowers[b + 1]) || lexicon.placeHeads.contains(c.lowers[b + 1])))
        // "the Paris-based Reporters Without Borders": what is based somewhere is an organization.
        if cueType == nil, b > a, a > sentence.lowerBound, c.lowers[a - 1].hasSuffix("-based") || c.lowers[a - 1] == "based", !isPlace(a...b, c) {
            cueType = .organization
        }
        // "Trump said": a common word that is the surname of a person the article has named.
        if a == b, !hasHead, cueType == nil, isCommonWord(a, c), isSurnameOfEarlierPerson(a, c) {
            cueType = .person
            rule = .corefShortName
        }
        if !hasHead && cueType == nil {
            // At the start of a sentence a capitalized common word is just a word ("Documents
            // showed"); inside one, only before an acronym or a place ("blocked Numerous MKO
            // accounts", where a sub-heading ran into the text), since "by Robin Emmott" is a name.
            // (A straight quote opens a quotation only when the word follows it closely: in
            // `," Trump said` it closes one.)
            let sentenceStart = a == sentence.lowerBound || c.words[a - 1] == "\u{201C}" || (c.words[a - 1] == "\"" && !c.document.tokens[a].spaceBefore)
            var k = a
            while k <= b, isCommonWord(k, c), !isPlace(k...b, c), !isFirstNameBeforeSurname(k, b, c) { k += 1 }
            if k > a, sentenceStart || k > b || (k...b).allSatisfy({ c.isAcronym[$0] }) || isPlace(k...b, c) {
                // Unless the name tagger reads the whole run as one name ("Human Rights Watch",
                // "Middle East": every word common, and no head word the lists know).
                if b > a, !sentenceStart, hasPersonCue(a...b, sentence: sentence, c) {
                    cueType = .person
                    rule = .entityPersonCue
                } else if b > a, !sentenceStart, let found = modelType(of: a...b, c), found.whole {
                    cueType = found.type
                    rule = .entityModel
                } else {
                    a = k
                }
            }
        }
        guard a <= b else { return b + 1 }
        // A lone common word is a generic noun even when capitalized ("Police left", "the Court"),
        // and adjectives alone name nothing ("the European nation").
        if a == b, isCommonWord(a, c) || lexicon.adjectives.contains(c.words[a]), cueType == nil, !isPlace(a...b, c) { return b + 1 }
        // A title or a month alone ("Maj", "CEO", "June") names nobody; nor does the plural of a
        // common noun opening a sentence ("Abductions", "Stirrings").
        if a == b, cueType == nil, lexicon.titles[[c.lowers[a]]] != nil || Self.months.contains(c.lowers[a]) { return b + 1 }
        // Nor does a title of several words ("the Iranian Foreign Minister").
        if cueType == nil, b > a, sequence(at: a, in: lexicon.titles.keys, range: sentence, c) == b - a + 1 { return b + 1 }
        if a == b, cueType == nil, a == sentence.lowerBound, c.lowers[a].count > 3, c.lowers[a].hasSuffix("s"), !c.isAcronym[a],
           lexicon.commonWords.contains(String(c.lowers[a].dropLast())), lexicon.places[c.lowers[a]] == nil { return b + 1 }
        if (a...b).allSatisfy({ lexicon.adjectives.contains(c.words[$0]) }) { return b + 1 }
        let span = a...b
        let text = c.text(span)

        // Possessive: "Albania's Interior Ministry" names an organization of a place.
        if b + 1 < sentence.upperBound, Self.possessives.contains(c.words[b + 1]) {
            var possessorType: EntityType? = isPlace(span, c) ? .place
                : (span.contains(where: { isOrganizationHead(c.words[$0]) }) || span.allSatisfy({ c.isAcronym[$0] })) ? .organization : cueType
            // "Anatoly Antonov's return": a name of two or more words that nothing else types.
            if possessorType == nil, b > a, let found = modelType(of: span, c) {
                possessorType = found.type
                rule = .entityModel
            }
            // "Mubarak's sons"
            if possessorType == nil, hasPersonCue(span, sentence: sentence, c) {
                possessorType = .person
                rule = .entityPersonCue
            }
            addMention(span, type: possessorType, name: placeName(span, c) ?? text, rule: rule, confidence: 0.8, &c)
            if possessorType == .place, let orgEnd = possessedOrganizationEnd(from: b + 2, sentence: sentence, c) {
                let orgSpan = a...orgEnd
                addMention(orgSpan, type: .organization, name: c.text(orgSpan), rule: .entityPossessiveOrganization, confidence: 0.85, &c)
                return orgEnd + 1
            }
            return b + 2
        }

        var type: EntityType? = cueType
        var mentionSpan = span
        var name = text
        let next = b + 1 < sentence.upperBound ? b + 1 : nil
        if type == nil, let placeName = placeName(span, c) {
            // "U.S. forces": a place followed by a collective noun is an organization.
            if let next, let nounLength = sequence(at: next, in: lexicon.collectiveOrganizations, range: sentence, c), c.isAcronym[b] {
                let orgSpan = a...(b + nounLength)
                addMention(orgSpan, type: .organization, name: c.text(orgSpan), rule: .entityPlaceCollective, confidence: 0.8, &c)
                return orgSpan.upperBound + 1
            }
            type = .place
            name = placeName
            rule = .entityGazetteer
        } else if type == nil, b > a, lexicon.facilityHeads.contains(c.lowers[b]) {
            // "Taksim Square", "Evin Prison": a capitalized facility word ends the name.
            type = .facility
            rule = .entityFacilityHead
        } else if type == nil, (a...b).contains(where: { isOrganizationHead(c.words[$0]) }) {
            type = .organization
            rule = .entityOrganizationHead
        } else if type == nil, let next, lexicon.facilityHeads.contains(c.lowers[next]), !(a...b).allSatisfy({ c.isAcronym[$0] }) {
            type = .facility
            mentionSpan = a...next
            name = c.text(mentionSpan)
            rule = .entityFacilityHead
        } else if type == nil, let next, lexicon.placeHeads.contains(c.lowers[next]) {
            type = .place
            rule = .entityPlaceHead
        } else if type == nil, a > sentence.lowerBound + 1, c.lowers[a - 1] == "of", lexicon.placeHeads.contains(c.lowers[a - 2]) {
            // "the Moyale area of Marsabit"
            type = .place
            rule = .entityPlaceOfArea
        } else if type == nil, a > sentence.lowerBound, c.lowers[a - 1] == "capital" {
            type = .place
            rule = .entityCapital
        } else if type == nil, (a...b).allSatisfy({ c.isAcronym[$0] }) {
            type = .organization
            rule = .entityAcronym
        } else if type == nil, a == b, c.organizationShortNames.contains(c.lowers[a]) {
            // "Tesla said" after "Tesla, Inc.": the company, though a person's verb follows.
            type = .organization
            rule = .corefShortName
        } else if type == nil, hasPersonCue(span, sentence: sentence, c) {
            type = .person
            rule = .entityPersonCue
        } else if type == nil, b > a, (a...b).allSatisfy({ !isCommonWord($0, c) || c.isAcronym[$0] }) {
            type = .person
            rule = .entityFullName
        } else if type == nil, b > a, lexicon.firstNameGenders[c.lowers[a]] != nil,
                  !isCommonWord(a, c) || !isCommonWord(b, c) || modelType(of: span, c)?.type == .person {
            // "Donald Trump", "William Gross": a first name before words that are also common words;
            // "Grace Wanjiru": a first name that is a common word before a surname that is none.
            type = .person
            rule = .entityFirstName
        } else if type == nil, b > a, let found = modelType(of: span, c) {
            type = found.type
            rule = .entityModel
        }
        let index = c.mentions.count
        addMention(mentionSpan, type: type, name: name, rule: rule, confidence: type == nil ? 0.5 : 0.8, &c)

        // "Mujahedin-e-Khalq Organization (MKO)": the acronym names the same entity.
        var after = mentionSpan.upperBound + 1
        if after + 2 < sentence.upperBound, c.words[after] == "(", c.isAcronym[after + 1], c.words[after + 2] == ")",
           c.words[after + 1].first == name.first {
            addMention((after + 1)...(after + 1), type: type ?? .organization, name: c.words[after + 1], rule: .entityAcronymDefinition, confidence: 0.9, &c)
            c.links.append((index, c.mentions.count - 1))
            after += 3
        }
        // "the MKO, also called MEK,": an alias.
        if after + 2 < sentence.upperBound, c.words[after] == "," {
            var k = after + 1
            if c.lowers[k] == "also" { k += 1 }
            let aliasCue: Int? = ["called", "dubbed", "aka"].contains(c.lowers[k]) ? 1 : (c.lowers[k] == "known" && k + 1 < sentence.upperBound && c.lowers[k + 1] == "as" ? 2 : nil)
            if let cue = aliasCue, k + cue < sentence.upperBound, c.isNameToken[k + cue] {
                var aliasEnd = k + cue
                while aliasEnd + 1 < sentence.upperBound, c.isNameToken[aliasEnd + 1] { aliasEnd += 1 }
                addMention((k + cue)...aliasEnd, type: type, name: c.text((k + cue)...aliasEnd), rule: .entityAlias, confidence: 0.85, &c)
                c.links.append((index, c.mentions.count - 1))
                return aliasEnd + 1
            }
        }
        return after
    }

    private func addMention(_ span: ClosedRange<Int>, type: EntityType?, name: String?, rule: RuleID, confidence: Double, _ c: inout Context) {
        c.mentions.append(Mention(tokens: span, type: type, name: name.map(normalizedName), rule: rule, confidence: confidence))
        if type == .person, span.count >= 2 { c.surnames.insert(c.lowers[span.upperBound]) }
        // "Tesla, Inc.", "Acme Holdings Ltd": the company's first word names it later.
        if type == .organization, span.count >= 3,
           Self.legalForms.contains(c.lowers[span.upperBound]) || (c.lowers[span.upperBound] == "." && Self.legalForms.contains(c.lowers[span.upperBound - 1])) {
            c.organizationShortNames.insert(c.lowers[span.lowerBound])
        }
    }

    /// Curly apostrophes made straight, so that "Albania’s" and "Albania's" are one name.
    private func normalizedName(_ name: String) -> String {
        name.straightApostrophes
    }

    private func isCommonWord(_ t: Int, _ c: Context) -> Bool {
        !c.isAcronym[t] && lexicon.commonWords.contains(c.lowers[t]) && lexicon.places[c.lowers[t]] == nil
    }

    private func isPlace(_ span: ClosedRange<Int>, _ c: Context) -> Bool { placeName(span, c) != nil }

    private func placeName(_ span: ClosedRange<Int>, _ c: Context) -> String? {
        lexicon.places[c.text(span).lowercased()]
    }

    /// After "Albania's": the end of an organization name ("Interior Ministry", "interior ministry",
    /// "Special Court Against Crime and Corruption"), or nil.
    private func possessedOrganizationEnd(from start: Int, sentence: Range<Int>, _ c: Context) -> Int? {
        var t = start
        var lastHead: Int?
        while t < sentence.upperBound, t < start + 8 {
            let word = c.words[t]
            if c.isNameToken[t] || (Self.connectors.contains(c.lowers[t]) && lastHead != nil) || (c.document.tokens[t].kind == .word && t < start + 3) {
                if isOrganizationHead(word) || lexicon.organizationHeads.contains(word.prefix(1).uppercased() + word.dropFirst()) && !c.isNameToken[t] && t < start + 3 {
                    lastHead = t
                }
                if !c.isNameToken[t] && lastHead != nil && !Self.connectors.contains(c.lowers[t]) { break }
                t += 1
                continue
            }
            break
        }
        guard var end = lastHead else { return nil }
        // Extend over the rest of a capitalized name after its head ("Court Against Crime and Corruption").
        while end + 1 < sentence.upperBound {
            if c.isNameToken[end + 1] { end += 1; continue }
            if Self.connectors.contains(c.lowers[end + 1]), end + 2 < sentence.upperBound, c.isNameToken[end + 2], c.isNameToken[end] { end += 2; continue }
            break
        }
        return end
    }

    /// Person cues around a name: a lowercase title before it ("spokesperson Nasser Kanaani"), a
    /// speech verb after it ("Kanaani said"), or an appositive with a title (", a former Iraqi
    /// dictator").
    private func hasPersonCue(_ span: ClosedRange<Int>, sentence: Range<Int>, _ c: Context) -> Bool {
        if span.lowerBound > sentence.lowerBound, lexicon.titles[[c.lowers[span.lowerBound - 1]]] != nil { return true }
        if isAfterKinshipNoun(span.lowerBound, sentence: sentence, c) { return true }
        let next = span.upperBound + 1
        if next < sentence.upperBound, lexicon.personVerbs.contains(c.lowers[next]) { return true }
        // "Mubarak's sons": whoever has kin is a person.
        if next + 1 < sentence.upperBound, ["'s", "’s"].contains(c.lowers[next]), Self.isKinshipNoun(c.lowers[next + 1]) { return true }
        // "X, who said": the relative pronoun of people ("whose" is also an organization's).
        // (Not after "of": in "members of X, who", the members are who.)
        if next + 1 < sentence.upperBound, c.words[next] == ",", ["who", "whom"].contains(c.lowers[next + 1]),
           !(span.lowerBound > sentence.lowerBound && c.lowers[span.lowerBound - 1] == "of") {
            return true
        }
        if next + 1 < sentence.upperBound, c.words[next] == "," {
            let window = (next + 1)..<min(sentence.upperBound, next + 7)
            if ["a", "an", "the"].contains(c.lowers[next + 1]), window.contains(where: { lexicon.titles[[c.lowers[$0]]] != nil }) { return true }
            // "Elon Musk, CEO and Chairman of", "X, 50, former Chief of Police": a title right
            // after the comma (past an age and the title's modifiers).
            var k = next + 1
            if k + 2 < sentence.upperBound, c.document.tokens[k].kind == .number, c.words[k + 1] == "," { k += 2 }
            while k < sentence.upperBound, k < next + 5, Self.titleModifiers.contains(c.lowers[k]) { k += 1 }
            if k < sentence.upperBound, lexicon.titles[[c.lowers[k]]] != nil { return true }
        }
        return false
    }

    /// "his sons Alaa and Gamal", "her husband Karim": a name right after a word of kinship (or
    /// coordinated with one that is).
    private func isAfterKinshipNoun(_ start: Int, sentence: Range<Int>, _ c: Context) -> Bool {
        func isKinship(_ k: Int) -> Bool {
            k >= sentence.lowerBound && c.words[k].first?.isLowercase == true && Self.isKinshipNoun(c.lowers[k])
        }
        if isKinship(start - 1) { return true }
        // "sons Alaa and Gamal": the second name of the pair.
        return start - 3 >= sentence.lowerBound && c.lowers[start - 1] == "and" && c.isNameToken[start - 2] && isKinship(start - 3)
    }

    /// A word of kinship, singular or plural ("son", "sons").
    static func isKinshipNoun(_ lower: String) -> Bool {
        kinshipNouns.contains(lower) || (lower.hasSuffix("s") && kinshipNouns.contains(String(lower.dropLast())))
    }

    static let kinshipNouns: Set<String> = ["son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "uncle", "aunt",
                                            "nephew", "niece", "cousin", "grandson", "granddaughter", "widow", "widower", "fiancé", "fiancée"]

    /// "anti-Iran", "pro-Kremlin": a place inside a hyphenated modifier.
    /// Whether a hyphenated word joins places ("Russia-China", "Iran-Iraq", "Russia-U" of
    /// "Russia-U.S.", "Russia-Sino"): its first part a known place, every other part a place, the
    /// "U" of "U.S." or "Sino".
    private func isPlaceCompound(_ word: String) -> Bool {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ $0.first?.isUppercase == true }), lexicon.places[parts[0].lowercased()] != nil else { return false }
        return parts.dropFirst().allSatisfy { lexicon.places[$0.lowercased()] != nil || $0 == "U" || $0 == "Sino" }
    }

    /// The places inside a place compound, as spans within its token.
    private func findPlacesInPlaceCompound(_ t: Int, _ c: inout Context) {
        let token = c.document.tokens[t].span
        var (offset, byteOffset) = (0, 0)
        for part in c.words[t].split(separator: "-", omittingEmptySubsequences: false) {
            if let place = lexicon.places[part.lowercased()] {
                let span = TextSpan(start: token.start + offset, end: token.start + offset + part.unicodeScalars.count,
                                    byteStart: token.byteStart + byteOffset, byteEnd: token.byteStart + byteOffset + part.utf8.count)
                c.mentions.append(Mention(tokens: t...t, innerSpan: span, type: .place, name: place, rule: .entityGazetteerInCompound, confidence: 0.7))
            }
            offset += part.unicodeScalars.count + 1
            byteOffset += part.utf8.count + 1
        }
    }

    private func findPlacesInCompounds(_ c: inout Context) {
        // Every compound has a hyphen; most words have none and need no further look.
        for t in c.words.indices where c.document.tokens[t].kind == .word && c.words[t].utf8.contains(UInt8(ascii: "-")) {
            if isPlaceCompound(c.words[t]) {
                findPlacesInPlaceCompound(t, &c)
                continue
            }
            let lower = c.lowers[t]
            if let hyphen = lower.lastIndex(of: "-"), Self.isParticipleSuffix(lower[lower.index(after: hyphen)...]) {
                let head = String(c.words[t][..<c.words[t].index(c.words[t].startIndex, offsetBy: lower.distance(from: lower.startIndex, to: hyphen))])
                // "New York-based": the capitalized word before may be the place's first word.
                if t > 0, c.isNameToken[t - 1], c.document.tokens[t].spaceBefore, let place = lexicon.places[(c.lowers[t - 1] + " " + head.lowercased())] {
                    let first = c.document.tokens[t - 1].span, token = c.document.tokens[t].span
                    let span = TextSpan(start: first.start, end: token.start + head.unicodeScalars.count, byteStart: first.byteStart, byteEnd: token.byteStart + head.utf8.count)
                    c.mentions.append(Mention(tokens: (t - 1)...t, innerSpan: span, type: .place, name: place, rule: .entityGazetteerInCompound, confidence: 0.7))
                } else if let place = lexicon.places[head.lowercased()], head.first?.isUppercase == true,
                          !(t > 0 && c.isNameToken[t - 1] && !Self.determiners.contains(c.lowers[t - 1]) && c.document.tokens[t].spaceBefore) {
                    // (After another capitalized word the head is only part of a name: "New York-based".)
                    let token = c.document.tokens[t].span
                    let span = TextSpan(start: token.start, end: token.start + head.unicodeScalars.count, byteStart: token.byteStart, byteEnd: token.byteStart + head.utf8.count)
                    c.mentions.append(Mention(tokens: t...t, innerSpan: span, type: .place, name: place, rule: .entityGazetteerInCompound, confidence: 0.7))
                }
            }
            for prefix in ["anti-", "pro-", "ex-", "post-", "pre-"] where lower.hasPrefix(prefix) {
                let rest = String(c.words[t].dropFirst(prefix.count))
                guard let place = lexicon.places[rest.lowercased()], rest.first?.isUppercase == true else { continue }
                let token = c.document.tokens[t].span
                let span = TextSpan(start: token.start + prefix.count, end: token.end, byteStart: token.byteStart + prefix.utf8.count, byteEnd: token.byteEnd)
                c.mentions.append(Mention(tokens: t...t, innerSpan: span, type: .place, name: place, rule: .entityGazetteerInCompound, confidence: 0.7))
            }
        }
    }

    // MARK: Coreference

    /// Single unknown words: a short form of a person named in full elsewhere in the article
    /// ("Kanaani", "Saddam"), an adjective when every use modifies a movement noun ("Takfiri
    /// groups"), else an organization.
    private func resolveSingleWords(_ c: inout Context) {
        // The first full name (in mention order) with each surname and each first name: looked up
        // per single word, so that an article of thousands of names stays linear.
        var bySurname: [String: Int] = [:]
        var byFirstName: [String: Int] = [:]
        for (i, m) in c.mentions.enumerated() where m.type == .person && m.tokens.count >= 2 {
            for key in Self.nameKeys(c.lowers[m.tokens.upperBound]) where bySurname[key] == nil { bySurname[key] = i }
            if byFirstName[c.lowers[m.tokens.lowerBound]] == nil { byFirstName[c.lowers[m.tokens.lowerBound]] = i }
        }
        var standaloneWords = Set<String>()
        var locativeWords = Set<String>()
        for m in c.mentions where m.tokens.count == 1 && m.innerSpan == nil {
            let next = m.tokens.upperBound + 1
            if next >= c.words.count || !lexicon.modifierNouns.contains(c.lowers[next]) { standaloneWords.insert(c.words[m.tokens.lowerBound]) }
            if m.type == nil, isLocative(m.tokens.lowerBound, c) { locativeWords.insert(c.words[m.tokens.lowerBound]) }
        }
        for i in c.mentions.indices {
            let m = c.mentions[i]
            guard m.tokens.count == 1, m.innerSpan == nil else { continue }
            let word = c.words[m.tokens.lowerBound]
            let lower = c.lowers[m.tokens.lowerBound]
            if let person = Self.nameKeys(lower).lazy.compactMap({ bySurname[$0] }).first ?? byFirstName[lower], person != i {
                c.mentions[i].type = .person
                c.mentions[i].rule = .corefShortName
                c.links.append((person, i))
                continue
            }
            guard m.type == nil else { continue }
            if !standaloneWords.contains(word) || lexicon.demonyms[[word.lowercased()]] != nil {
                c.mentions[i].type = nil
                c.mentions[i].name = nil
                continue
            }
            if locativeWords.contains(word) {
                c.mentions[i].type = .place
                c.mentions[i].rule = .entityLocative
                c.mentions[i].confidence = 0.6
                continue
            }
            c.mentions[i].type = .organization
            c.mentions[i].rule = .entitySingleWord
            c.mentions[i].confidence = 0.55
        }
    }

    static let locativePrepositions: Set<String> = ["in", "near", "across", "outside", "throughout", "inside", "around"]

    /// Whether a single capitalized word stands where places stand: after "in", "near", "across"
    /// ..., and not before a noun or a possessive it would modify ("in Chechnya,", "near Beslan
    /// on Friday", but not "in Hamas's stronghold", "in Twitter posts").
    private func isLocative(_ t: Int, _ c: Context) -> Bool {
        guard t > 0, Self.locativePrepositions.contains(c.lowers[t - 1]) else { return false }
        let syntax = c.document.syntax
        guard t + 1 < c.words.count, t + 1 < syntax.firstWordOfToken.count else { return true }
        if Self.possessives.contains(c.words[t + 1]) { return false }
        let word = Int(syntax.firstWordOfToken[t + 1])
        guard word >= 0, word < syntax.upos.count else { return c.document.tokens[t + 1].kind != .word }
        return !["NOUN", "PROPN", "ADJ", "PART", "NUM"].contains(syntax.upos[word]) || c.document.tokens[t + 1].kind != .word
    }

    /// The keys a surname is found by: itself, lowercased, and without a particle joined to it by a
    /// hyphen ("al-Adly" is also "adly", so that "Adly" alone finds "Habib al-Adly").
    static func nameKeys(_ lower: String) -> [String] {
        guard let hyphen = lower.firstIndex(of: "-"), nameParticles.contains(String(lower[..<hyphen])) else { return [lower] }
        let rest = String(lower[lower.index(after: hyphen)...])
        return rest.isEmpty ? [lower] : [lower, rest]
    }

    /// "the group", "the terror group", "the ministry", "the European nation", "police": the
    /// nearest earlier entity of a fitting type.
    private func findDescriptions(_ c: inout Context) {
        // "The UN refugee agency, UNHCR": the common noun right before a name and its comma
        // describes it, so that "the agency" names UNHCR later.
        func describedBefore(_ m: Mention) -> String? {
            let comma = m.tokens.lowerBound - 1
            guard comma >= 1, c.lowers[comma] == ",", c.document.tokens[comma - 1].kind == .word,
                  c.words[comma - 1].first?.isLowercase == true else { return nil }
            return c.lowers[comma - 1]
        }
        // In text order (compound mentions such as "anti-Iran" are found last but stand earlier,
        // and are never what a description refers to).
        let named = c.mentions.indices.filter { c.mentions[$0].type != nil && c.mentions[$0].name != nil && c.mentions[$0].innerSpan == nil }
            .sorted { c.mentions[$0].tokens.lowerBound < c.mentions[$1].tokens.lowerBound }
        func nearest(before token: Int, type: EntityType, nameWord: String?, head: String, modifier: String?) -> Int? {
            if type == .person { return nearestPerson(before: token, head: head, modifier: modifier, named, c) }
            return named.last { i in
                let m = c.mentions[i]
                guard m.tokens.upperBound < token, m.type == type, let name = m.name?.lowercased() else { return false }
                // "the group" is an organized group, not a country's police or army.
                if nameWord == nil, type == .organization, [.entityDemonymCollective, .entityPlaceCollective].contains(m.rule) { return false }
                if let nameWord { return name.contains(nameWord) || describedBefore(m) == head }
                if type == .place { return lexicon.countries.contains(m.name!) }
                return true
            }
        }
        let covered = Set(c.mentions.flatMap { Array($0.tokens) })
        for sentence in c.document.sentences {
            for t in sentence.tokens where ["the", "this"].contains(c.lowers[t]) || c.lowers[t] == "police" {
                var head = t
                if c.lowers[t] != "police" {
                    // Up to two modifiers between the determiner and the head: "the terror group".
                    var k = t + 1
                    while k < sentence.tokens.upperBound, k < t + 3, lexicon.descriptions[c.lowers[k]] == nil,
                          !["the", "a", "an", "this", "that", "its", "their", "of"].contains(c.lowers[k]) { k += 1 }
                    guard k < sentence.tokens.upperBound, lexicon.descriptions[c.lowers[k]] != nil else { continue }
                    guard (t + 1..<k).allSatisfy({ c.document.tokens[$0].kind == .word && !covered.contains($0) }) else { continue }
                    head = k
                }
                guard !covered.contains(head), let description = lexicon.descriptions[c.lowers[head]] else { continue }
                // "the authoritarian President Peter Mutua": a title before a name, not a description.
                if head + 1 < sentence.tokens.upperBound, covered.contains(head + 1), c.isNameToken[head + 1] { continue }
                // "the group's" is fine; "the group of experts" is something else ("the secretary
                // of defense" is still the secretary).
                if head + 1 < sentence.tokens.upperBound, c.lowers[head + 1] == "of", description.type != .person { continue }
                let modifier = head - 1 > t ? c.lowers[head - 1] : nil
                guard let target = nearest(before: t, type: description.type, nameWord: description.nameWord, head: c.lowers[head], modifier: modifier),
                      !contradictsModifier(of: (t + 1)..<max(t + 1, head), target: target, c) else { continue }
                let span = (c.lowers[t] == "police" ? t : t)...head
                c.mentions.append(Mention(tokens: span, type: description.type, name: nil, rule: .corefDescription, confidence: 0.6))
                c.links.append((target, c.mentions.count - 1))
            }
        }
    }

    /// "the Chechen militants" cannot be the Kremlin: a capitalized modifier of a description that
    /// is not in the entity's name names someone else. (A country's demonym or a region's adjective
    /// may stand for where it is, which its name need not say: "the Palestinian group", "the
    /// European nation".)
    private func contradictsModifier(of modifiers: Range<Int>, target: Int, _ c: Context) -> Bool {
        guard let name = c.mentions[target].name?.lowercased() else { return false }
        return modifiers.contains { k in
            c.words[k].first?.isUppercase == true && lexicon.demonyms[[c.lowers[k]]] == nil && !lexicon.adjectives.contains(c.words[k]) && !name.contains(c.lowers[k])
        }
    }

    // MARK: Entities

    private func buildEntities(_ c: Context) -> ([ArticleEntity], [EntityMention]) {
        let clusters = clusters(c)
        var entities: [ArticleEntity] = []
        var found: [(members: [Int], entity: Int)] = []
        for members in clusters {
            let typed = members.compactMap { c.mentions[$0].type }
            // Explicit cues outrank defaults: the type most mentions carry, ties by a fixed order.
            let counts = Dictionary(typed.map { ($0, 1) }, uniquingKeysWith: +)
            guard let type = counts.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) })?.key else { continue }
            let names = members.compactMap { c.mentions[$0].name }
            guard !names.isEmpty else { continue }
            entities.append(ArticleEntity(type: type, name: Entity.canonicalName(mentions: names, type: type), aliases: names))
            found.append((members, entities.count - 1))
        }
        var mentions: [(tokens: ClosedRange<Int>, innerSpan: TextSpan?, entity: Int, rule: RuleID, confidence: Double)] = []
        for (members, entity) in found {
            for i in members { mentions.append((c.mentions[i].tokens, c.mentions[i].innerSpan, entity, c.mentions[i].rule, c.mentions[i].confidence)) }
        }
        // At one start, the longest mention first: "Albania's Interior Ministry" before "Albania".
        mentions.sort { a, b in
            (a.tokens.lowerBound, -a.tokens.upperBound, entities[a.entity].id, a.innerSpan?.start ?? -1) < (b.tokens.lowerBound, -b.tokens.upperBound, entities[b.entity].id, b.innerSpan?.start ?? -1)
        }
        let tokens = c.document.tokens
        let built = mentions.enumerated().map { index, m in
            let first = m.innerSpan?.start ?? tokens[m.tokens.lowerBound].span.start
            let end = m.innerSpan?.end ?? tokens[m.tokens.upperBound].span.end
            let isName = first < end && (c.document.scalars[first].properties.isUppercase || Tokenizer.isDigit(c.document.scalars[first]))
            return EntityMention(tokens: m.tokens, innerSpan: m.innerSpan, entity: m.entity, type: entities[m.entity].type, entityID: entities[m.entity].id,
                                 rule: m.rule, confidence: m.confidence, isName: isName, index: index)
        }
        return (entities, built)
    }

    /// Mentions that corefer, as groups of indices into `c.mentions` (each group ascending, groups
    /// by their first member): union-find over explicit links, then same type and name, then
    /// acronyms of full names.
    private func clusters(_ c: Context) -> [[Int]] {
        var parent = Array(c.mentions.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        func union(_ a: Int, _ b: Int) {
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        for (a, b) in c.links { union(a, b) }
        var byName: [String: Int] = [:]
        var acronyms: [String: Int] = [:]
        for (i, m) in c.mentions.enumerated() {
            guard let type = m.type, let name = m.name else { continue }
            let key = "\(type.rawValue)|\(collectiveKey(m, c) ?? c.nominalKeys[i].map { "nominal:\($0)" } ?? Self.withoutLegalForm(name.lowercased()))"
            if let j = byName[key] { union(i, j) } else { byName[key] = i }
            if type == .organization, let initials = Self.initials(name) { acronyms[initials] = acronyms[initials] ?? i }
        }
        // An acronym that spells a full name's initials ("MKO" for "Mujahedin-e-Khalq Organization").
        for (i, m) in c.mentions.enumerated() where m.type == .organization && m.tokens.count == 1 && c.isAcronym[m.tokens.lowerBound] {
            if let j = acronyms[c.words[m.tokens.lowerBound]], j != i { union(i, j) }
        }
        var groups: [Int: [Int]] = [:]
        for i in c.mentions.indices where c.mentions[i].type != nil { groups[find(i), default: []].append(i) }
        return groups.keys.sorted().map { groups[$0]! }
    }

    static let personalPronouns: [String: Gender] = [
        "he": .masculine, "him": .masculine, "his": .masculine, "himself": .masculine,
        "she": .feminine, "her": .feminine, "hers": .feminine, "herself": .feminine,
    ]

    /// "he", "his", "she", "her": the most recent person named before it, in the same sentence or
    /// the two before, whose gender (from a title or the first name) does not contradict the
    /// pronoun's; a person of unknown gender fits either. "she" first looks for a woman known as
    /// one: most people named in news are men, so an unknown name is more likely a man's.
    private func findPronouns(_ c: inout Context) {
        let people = c.mentions.indices.filter { c.mentions[$0].type == .person && c.mentions[$0].name != nil && c.mentions[$0].innerSpan == nil }
            .sorted { c.mentions[$0].tokens.lowerBound < c.mentions[$1].tokens.lowerBound }
        let starts = people.map { c.mentions[$0].tokens.lowerBound }
        for sentence in c.document.sentences {
            let windowStart = c.document.sentences[max(0, sentence.index - 2)].tokens.lowerBound
            for t in sentence.tokens where c.document.tokens[t].kind == .word {
                guard let gender = Self.personalPronouns[c.lowers[t]] else { continue }
                let last = starts.firstIndex(atLeast: t) - 1
                func antecedent(_ fits: (Gender?) -> Bool) -> Int? {
                    var candidate = last
                    while candidate >= 0, c.mentions[people[candidate]].tokens.lowerBound >= windowStart {
                        let person = people[candidate]
                        if c.mentions[person].tokens.upperBound < t, fits(c.people[person]?.gender) { return person }
                        candidate -= 1
                    }
                    return nil
                }
                let known = gender == .feminine ? antecedent { $0 == .feminine } : nil
                guard let person = known ?? antecedent({ ($0 ?? gender) == gender }) else { continue }
                c.mentions.append(Mention(tokens: t...t, type: .person, name: nil, rule: .corefPronoun, confidence: 0.5))
                c.links.append((person, c.mentions.count - 1))
            }
        }
    }

    /// The person "the minister" or "the spokeswoman" refers to: the most recent person named
    /// before `token` with that title's role ("Foreign Minister X"), else the most recent whose
    /// gender fits the word's ("spokeswoman": not a man).
    private func nearestPerson(before token: Int, head: String, modifier: String?, _ named: [Int], _ c: Context) -> Int? {
        // "the press secretary" is the spokesperson, not the secretary of defense.
        let role = modifier.flatMap { lexicon.titles[[$0, head]] } ?? lexicon.titles[[head]]
        let gender = lexicon.genderWords[head]
        let earlier = named.filter { c.mentions[$0].type == .person && c.mentions[$0].tokens.upperBound < token }
        if let role, let found = earlier.last(where: { c.people[$0]?.roles.contains(role) == true }) { return found }
        return earlier.last { i in gender == nil || (c.people[i]?.gender ?? gender) == gender }
    }

    /// Gender and roles of every named person mention: from the title words just before it and
    /// its first name, then shared along coreference links and between mentions of the same name
    /// ("Mrs. Odhiambo" ... "Amina Odhiambo").
    private func personCues(_ c: Context) -> [Int: PersonCues] {
        var cues: [Int: PersonCues] = [:]
        var byName: [String: PersonCues] = [:]
        for (i, m) in c.mentions.enumerated() where m.type == .person && m.name != nil && m.innerSpan == nil {
            var found = titleCues(before: m.tokens.lowerBound, c)
            if found.gender == nil, m.tokens.count >= 2 { found.gender = lexicon.firstNameGenders[c.lowers[m.tokens.lowerBound]] }
            cues[i] = found
            let key = m.name!.lowercased()
            byName[key, default: PersonCues()].gender = byName[key]?.gender ?? found.gender
            byName[key]!.roles.formUnion(found.roles)
        }
        for i in cues.keys {
            let shared = byName[c.mentions[i].name!.lowercased()]!
            if cues[i]!.gender == nil { cues[i]!.gender = shared.gender }
            cues[i]!.roles.formUnion(shared.roles)
        }
        // A short name ("Odhiambo") takes what its full name has, and gives what it has.
        for (full, short) in c.links where cues[full] != nil && cues[short] != nil {
            let gender = cues[full]!.gender ?? cues[short]!.gender
            let roles = cues[full]!.roles.union(cues[short]!.roles)
            cues[full]!.gender = gender
            cues[short]!.gender = gender
            cues[full]!.roles = roles
            cues[short]!.roles = roles
        }
        return cues
    }

    /// The gender and roles told by the titles and capitalized words just before a name, up to
    /// four tokens back in its sentence ("Foreign Ministry spokeswoman Maria Zakharova", "Mrs.").
    private func titleCues(before start: Int, _ c: Context) -> PersonCues {
        var cues = PersonCues()
        guard let sentence = c.document.sentenceIndex(containing: c.document.tokens[start].span.start) else { return cues }
        let first = c.document.sentences[sentence].tokens.lowerBound
        var k = start - 1
        while k >= first, k >= start - 4 {
            let word = c.lowers[k].hasSuffix(".") && c.lowers[k].count > 1 ? String(c.lowers[k].dropLast()) : c.lowers[k]
            if word == "." { k -= 1; continue }
            // "Secretary of Defense Lloyd J. Austin": a title's "of" phrase stays inside the title.
            if word == "of", k - 1 >= first, lexicon.titles[[c.lowers[k - 1]]] != nil { k -= 1; continue }
            // "Press Secretary John F. Kirby" is a spokesperson: two title words before one.
            if k - 1 >= first, let pair = lexicon.titles[[c.lowers[k - 1], word]] {
                cues.roles.insert(pair)
                k -= 2
                continue
            }
            let role = lexicon.titles[[word]]
            let gender = lexicon.genderWords[word]
            guard role != nil || gender != nil || c.isNameToken[k] else { break }
            if let role { cues.roles.insert(role) }
            if cues.gender == nil { cues.gender = gender }
            k -= 1
        }
        return cues
    }

    /// Police and security forces of one country are one organization in news usage ("Albanian
    /// police", "Albanian security forces"); armies and governments stay apart.
    private func collectiveKey(_ m: Mention, _ c: Context) -> String? {
        guard m.rule == .entityDemonymCollective || m.rule == .entityPlaceCollective else { return nil }
        let words = c.lowers[m.tokens]
        guard words.contains("police") || words.last == "forces" && !words.contains("armed") else { return nil }
        let country = lexicon.demonyms[[words.first!]] ?? words.first!
        return "security:\(country.lowercased())"
    }

    /// "Mujahedin-e-Khalq Organization" → "MKO": the capitals of its capitalized parts.
    static func initials(_ name: String) -> String? {
        let parts = name.split(whereSeparator: { $0 == " " || $0 == "-" })
        let capitals = parts.compactMap { $0.first }.filter { $0.isUppercase }
        return capitals.count >= 2 && parts.count >= 2 ? String(capitals) : nil
    }
}
