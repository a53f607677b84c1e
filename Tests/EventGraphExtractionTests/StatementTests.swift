import EventGraphCore
@testable import EventGraphExtraction
import Foundation
import Testing

/// Reported speech from the tree: one test per pattern (subject, inverted subject, pronoun
/// speaker, "quoted as saying", coordination, "according to", date of the reporting clause, no
/// speaker named), and every example of `Resources/events/speech-predicates.tsv`, run exactly.
@Suite struct StatementTests {
    static func analyze(_ text: String, published: String = "2024-03-04") throws -> AnalyzedDocument {
        let document = Document(id: "t", path: "t", published: CalendarDay(iso: published), sha256: SHA256.hexDigest(of: text))
        return try Pipeline.standard().analyze(SourceDocument(document: document, text: text))
    }

    /// Each statement as "speaker @date", in text order ("-" for none).
    static func statements(_ text: String) throws -> [String] {
        let analyzed = try analyze(text)
        return analyzed.eventMentions.filter { $0.type == "statement" }.map { event in
            let agent = event.participants.first { $0.role == .agent }.map { analyzed.entityMentions[$0.mention].entityID } ?? "-"
            return "\(agent) @\(event.date?.value ?? "-")"
        }
    }

    @Test func everyLexiconExampleIsAStatementOfItsSpeaker() throws {
        let rows = try ExtractionResources.table("events/speech-predicates.tsv", columns: ["lemma", "example"])
        #expect(rows.count >= 40)
        for row in rows {
            let found = try Self.statements(row.fields["example"]!)
            #expect(found.contains("person:amina-odhiambo @-"), "\(row.fields["lemma"]!): \(found)")
        }
    }

    @Test func subjectAndInvertedSubject() throws {
        #expect(try Self.statements("Amina Odhiambo said the talks failed.") == ["person:amina-odhiambo @-"])
        #expect(try Self.statements("\"The talks failed,\" said Amina Odhiambo.") == ["person:amina-odhiambo @-"])
    }

    /// "he said" names whom the pronoun refers to (the entity stage's coreference).
    @Test func pronounSpeakers() throws {
        let found = try Self.statements("Kithure Kindiki arrived in Nairobi. He said the talks failed.")
        #expect(found == ["person:kithure-kindiki @-"])
    }

    /// "was quoted as saying" and "... and added" take the subject of the verb they depend on.
    @Test func quotedAsSayingAndCoordinatedVerbs() throws {
        #expect(try Self.statements("Kithure Kindiki was quoted as saying the talks failed.") == ["person:kithure-kindiki @-"])
        let found = try Self.statements("Kithure Kindiki denied the claims and added that more talks would follow.")
        #expect(found == ["person:kithure-kindiki @-", "person:kithure-kindiki @-"])
    }

    /// "is said to" hedges; nobody speaks. A dateline before the subject is not the speaker.
    @Test func hedgesAndDatelines() throws {
        #expect(try Self.statements("Since 2016, Kenya is said to have hosted the Oromo Liberation Front.") == [])
        #expect(try Self.statements("NAIROBI- Kenya's foreign minister Amina Odhiambo has stressed that the talks failed.") == ["person:amina-odhiambo @-"])
    }

    /// An organization, its acronym and a title before a person: the person speaks, whatever
    /// tree the parser made of "Acting Administrator".
    @Test func thePersonAfterAnOrganizationsTitleSpeaks() throws {
        #expect(try Self.statements("\"We are ready,\" said Drug Enforcement Administration (DEA) Acting Administrator Michele M. Leonhart.") == ["person:michele-m-leonhart @-"])
    }

    /// A verb of saying the tagger takes for a plural noun after a name ("Kindiki insists he was
    /// falsely accused") is still a statement of the name.
    @Test func aMistaggedVerbOfSayingAfterAName() throws {
        // (Also after the common nouns that describe the name: "The Tass news agency reports that".)
        #expect(try Self.statements("The Tass news agency reports that the body was found by a neighbour.") == ["organization:tass @-"])
        let found = try Self.statements("Kithure Kindiki lost the vote. Kindiki insists he was falsely accused.")
        #expect(found.contains("person:kithure-kindiki @-"), "\(found)")
    }

    /// "the statement added": the speaker of the statement reported just before.
    @Test func theStatementSpeaksForWhoIssuedIt() throws {
        let found = try Self.statements("\"Talks failed,\" a statement from Kenya's Foreign Ministry said. \"We will act,\" the statement added.")
        #expect(found.count == 2 && Set(found).count == 1 && found[0].hasPrefix("organization:"), "\(found)")
    }

    /// A passive verb of saying with its agent named reports what the agent said.
    @Test func aPassiveWithItsAgentSpeaks() throws {
        #expect(try Self.statements("The deaths were confirmed by Kithure Kindiki on Tuesday.") == ["person:kithure-kindiki @2024-02-27"])
    }

    /// A definite description speaks for the person it names: the title's "of" phrase and a
    /// two-word title ("Press Secretary") tell which one.
    @Test func descriptionsNameTheirHolder() throws {
        let text = "Press Secretary Grace Wanjiru spoke beside Secretary of Defense Peter Kamau. \"We are confident,\" the secretary of defense said."
        #expect(try Self.statements(text) == ["person:peter-kamau @-"])
        #expect(try Self.statements("Vice President Amina Odhiambo arrived in Nairobi. The official added that the army was ready.") == ["person:amina-odhiambo @-"])
    }

    /// A surname that is also a common word still names the person after a quotation closes.
    @Test func aCommonWordSurnameAfterAQuotation() throws {
        let text = "Kenya's President Samuel Gross spoke on Monday. \"The talks failed,\" Gross said."
        #expect(try Self.statements(text) == ["person:samuel-gross @-"])
    }

    /// "I have to say", "Let me say": a speaker's own words, not statements.
    @Test func theSpeakersOwnWordsAreNoStatement() throws {
        #expect(try Self.statements("\"I have to say it is noise,\" Amina Odhiambo said.") == ["person:amina-odhiambo @-"])
    }

    /// A title that names both the organization and the person speaks for the person.
    @Test func thePersonInATitleSpeaksNotItsOrganization() throws {
        #expect(try Self.statements("A spokesman for the Interior Ministry, Ali Rezai, said the talks had failed.") == ["person:ali-rezai @-"])
        #expect(try Self.statements("A spokesman for the Interior Ministry said the talks had failed.") == ["organization:interior-ministry @-"])
    }

    @Test func everyLightVerbExampleIsAStatementOfItsSpeaker() throws {
        let rows = try ExtractionResources.table("events/speech-light-verbs.tsv", columns: ["verb", "noun", "example"])
        #expect(rows.count >= 8)
        for row in rows {
            let found = try Self.statements(row.fields["example"]!)
            #expect(found.contains("person:amina-odhiambo @-"), "\(row.fields["verb"]!) \(row.fields["noun"]!): \(found)")
        }
        // The noun alone, or with another verb, is no statement.
        #expect(try Self.statements("Amina Odhiambo read the announcement.") == [])
    }

    /// "X and Y said": each of them speaks.
    @Test func coordinatedSpeakersEachSpeak() throws {
        let found = try Self.statements("Amina Odhiambo and Kithure Kindiki said the talks had failed.")
        #expect(found.sorted() == ["person:amina-odhiambo @-", "person:kithure-kindiki @-"])
    }

    /// After the verb too, and when the name's head word lies inside the organization's name.
    @Test func aPersonAfterTheVerbOutranksTheOrganizationInTheTitle() throws {
        #expect(try Self.statements("\"The talks failed,\" said Interior Ministry spokesman Ali Rezai.") == ["person:ali-rezai @-"])
    }

    /// "U.S. officials said": with no person named, the country or body speaks through its
    /// officials; a place in another kind of subject ("Kenya's lawyers") does not.
    @Test func officialsSpeakForTheirCountry() throws {
        #expect(try Self.statements("U.S. officials said the talks had failed.") == ["place:united-states @-"])
        #expect(try Self.statements("Israeli military officials said the talks had failed.") == ["organization:israeli-military @-"])
        #expect(try Self.statements("Kenya's lawyers said the talks had failed.") == ["- @-"])
    }

    /// A quotation over several sentences ends on "she says" far from the name: the person who
    /// spoke last goes on speaking.
    @Test func aLongQuotationKeepsItsSpeaker() throws {
        let found = try Self.statements("Amina Odhiambo said the camps were full. “We need land. We need water. We need schools. It is not enough,” she says.")
        #expect(found == ["person:amina-odhiambo @-", "person:amina-odhiambo @-"])
    }

    /// "the secretary", "the Chinese leader": a title word alone names the last person who holds it.
    @Test func aTitleAloneNamesItsHolder() throws {
        #expect(try Self.statements("Defense Secretary Lloyd Austin visited Baghdad. The secretary said the talks had failed.")
            == ["person:lloyd-austin @-"])
    }

    @Test func accordingTo() throws {
        #expect(try Self.statements("According to Kithure Kindiki, the talks failed.") == ["person:kithure-kindiki @-"])
        // An organization that only describes the person who speaks is not the speaker.
        #expect(try Self.statements("According to a Brookings Institution senior fellow, Mary Okafor, \"It is rare.\"") == ["person:mary-okafor @-"])
        // What the phrase attributes is reported by its source, before or after it.
        let after = try Self.analyze("Kenyan police raided the camp on Monday, according to Amnesty International.")
        let raid = try #require(after.eventMentions.first { $0.type == "raid" })
        #expect(raid.modality == .reported)
        #expect(raid.by.map { after.entityMentions[$0].entityID } == "organization:amnesty-international")
        let before = try Self.analyze("According to Amnesty International, Kenyan police raided the camp on Monday.")
        #expect(before.eventMentions.first { $0.type == "raid" }?.modality == .reported)
    }

    /// A statement is dated by its reporting clause ("said Friday"), never by a date in what is
    /// said ("the 2014 agreement"); "in a statement" is the same statement, not a second one.
    @Test func theReportingClauseDatesTheStatement() throws {
        #expect(try Self.statements("Kithure Kindiki said Friday that the talks failed.") == ["person:kithure-kindiki @2024-03-01"])
        #expect(try Self.statements("Kithure Kindiki said the 2014 agreement had failed.") == ["person:kithure-kindiki @-"])
        #expect(try Self.statements("The Oromo Liberation Front said in a statement on Friday that the talks failed.")
            == ["organization:oromo-liberation-front @2024-03-01"])
    }

    /// A participle clause before the reporting verb tells when its subject spoke ("Speaking to
    /// journalists on Friday, X said").
    @Test func aParticipleClauseDatesTheStatement() throws {
        #expect(try Self.statements("Speaking to journalists on Friday, Kithure Kindiki said the talks failed.") == ["person:kithure-kindiki @2024-03-01"])
        #expect(try Self.statements("Appearing on television on Friday, Kithure Kindiki said the talks failed.") == ["person:kithure-kindiki @2024-03-01"])
    }

    /// Every example of `events/unattributed-sources.tsv`, run exactly: "reports say" is no statement.
    @Test func unattributedSourcesMakeNoStatement() throws {
        let rows = try ExtractionResources.table("events/unattributed-sources.tsv", columns: ["lemma", "example"])
        #expect(rows.count >= 3)
        for row in rows {
            #expect(try Self.statements(row.fields["example"]!) == [], "\(row.fields["lemma"]!)")
        }
        // A named speaker's verb stays a statement.
        #expect(try Self.statements("Kithure Kindiki revealed that the talks had failed.") == ["person:kithure-kindiki @-"])
    }

    /// "Officials said ...": a statement by nobody named is kept, told apart from the others by
    /// what it says (its label is part of its identity).
    @Test func statementsWithoutANamedSpeaker() throws {
        #expect(try Self.statements("Officials said the talks failed.") == ["- @-"])
        #expect(try Self.statements("Officials said on Friday that the talks failed.") == ["- @2024-03-01"])
        let graph = try Self.analyze("Officials said the talks failed. Residents said the roads were closed.").fragment()
        let statements = graph.events.filter { $0.type == "statement" }
        #expect(statements.compactMap(\.label).sorted() == ["the roads were closed", "the talks failed"])
    }

    /// The said relation carries the words said.
    @Test func saidRelationsCarryTheWords() throws {
        let analyzed = try Self.analyze("Kithure Kindiki said the talks had failed.")
        let said = analyzed.relations.filter { $0.type == "said" }
        #expect(said.map(\.source) == ["person:kithure-kindiki"])
        #expect(said.first?.label == "the talks had failed")
    }
}
