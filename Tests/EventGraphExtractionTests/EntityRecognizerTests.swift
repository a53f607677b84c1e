import EventGraphCore
import EventGraphExtraction
import Testing

/// One test per lexicon and rule of entity recognition, on sentences written for the tests (not
/// taken from the seed), and one per kind of thing that must not become an entity.
@Suite struct EntityRecognizerTests {
    static func entities(_ text: String, published: String = "2024-03-02") throws -> [Entity] {
        let document = Document(id: "t", path: "t", published: CalendarDay(iso: published), sha256: SHA256.hexDigest(of: text))
        return try Pipeline.standard().analyze(SourceDocument(document: document, text: text)).entities.sorted()
    }

    static func summary(_ text: String) throws -> [String] {
        try entities(text).map { "\($0.type.rawValue):\($0.name)" }
    }

    static func mentions(_ text: String, _ id: String) throws -> [String] {
        try entities(text).first { $0.id == id }?.mentions.map(\.text) ?? []
    }

    @Test func gazetteerPlaces() throws {
        #expect(try Self.summary("Talks in Nairobi ended. Kenya and Ethiopia signed nothing.") == ["place:Ethiopia", "place:Kenya", "place:Nairobi"])
        // Continents and world regions are places too, even when a verb of saying follows.
        #expect(try Self.summary("Officials in East Africa said talks in the Middle East failed.") == ["place:East Africa", "place:Middle East"])
        // US states are places; a place is found without its diacritics and named as GeoNames
        // spells it; an institution's word is never a place's folded spelling ("Duma", "Dūmā").
        #expect(try Self.summary("Floods hit Mississippi and Muzaffarabad.") == ["place:Mississippi", "place:Muzaffarābād"])
        #expect(try Self.summary("The Duma voted on Friday.") == ["organization:Duma"])
    }

    /// An unnamed institution or facility that the text ties to a named place is an entity of its
    /// own, named with the place; later definite mentions of its head refer to it. Unanchored and
    /// generic ones (plurals) are not entities.
    @Test func nominalsTiedToAPlace() throws {
        let text = "A bomb exploded outside a press club in the northern city of Mombasa. The press club was closed. The club reopened on Monday."
        #expect(try Self.summary(text) == ["facility:press club in Mombasa", "place:Mombasa"])
        #expect(try Self.mentions(text, "facility:press-club-in-mombasa") == ["press club", "press club", "club"])
        // "an appeals court in Nakuru" and "the Nakuru court" are one court.
        let court = "An appeals court in Nakuru freed him. The Nakuru court gave no reason."
        let courts = try Self.summary(court).filter { $0.hasPrefix("organization:") }
        #expect(courts.count == 1, "\(courts)")
        #expect(try Self.mentions(court, "organization:appeals-court-in-nakuru") == ["appeals court", "Nakuru court"])
        #expect(try Self.summary("The Mombasa theatre closed.") == ["facility:Mombasa theatre", "place:Mombasa"])
        // No place, or a generic plural: nothing.
        #expect(try Self.summary("A press club closed. Prisons in Kenya are full.") == ["place:Kenya"])
        // A later plural is not the singular named before.
        #expect(try Self.mentions("A school in Mombasa closed. The schools reopened.", "facility:school-in-mombasa") == ["school"])
    }

    /// Kinship and the relative pronoun of people type a single name as a person; former states
    /// and well-known regions are places.
    @Test func kinshipAndWhoMakePeople() throws {
        #expect(try Self.summary("Kamau's sons Otieno and Baraka were acquitted.") == ["person:Baraka", "person:Kamau", "person:Otieno"])
        #expect(try Self.summary("Prosecutors charged Nyokabi, who denied it.") == ["person:Nyokabi"])
        // In "members of X, who", the members are who.
        #expect(try Self.summary("He met members of Ubuntu, who helped him.").contains("organization:Ubuntu"))
        #expect(try Self.summary("The Soviet Union sent troops to Kashmir.") == ["place:Kashmir", "place:Soviet Union"])
    }

    /// The administration a named leader heads is an organization of its own, one however worded.
    @Test func administrationsOfNamedLeaders() throws {
        let text = "The administration of Kenyan President William Ruto denied it. The Ruto administration said nothing."
        #expect(try Self.mentions(text, "organization:ruto-administration") == ["administration of Kenyan President William Ruto", "Ruto administration"])
        let found = try RelationPatternTests.relations(text)
        #expect(found.contains("leader-of person:william-ruto → organization:ruto-administration"), "\(found)")
        // The title inside the administration's name still names the leader's country.
        let inside = try RelationPatternTests.relations("The administration of Kenya's President William Ruto denied it.")
        #expect(inside.contains("leader-of person:william-ruto → place:kenya"), "\(inside)")
    }

    @Test func demonymWithCollectiveNounIsAnOrganization() throws {
        // Police and security forces of one country are one organization; the name used most
        // often (then the longest) names it.
        #expect(try Self.summary("Kenyan police arrested two men after Kenyan security forces sealed the road.") == ["organization:Kenyan security forces"])
        #expect(try Self.mentions("Kenyan police arrested two men after Kenyan security forces sealed the road.", "organization:kenyan-security-forces")
            == ["Kenyan police", "Kenyan security forces"])
        #expect(try Self.summary("Kenyan police came. Kenyan police left. Kenyan security forces stayed.") == ["organization:Kenyan police"])
        // Troops and authorities are their country's too ("Congolese": the Democratic Republic of the Congo).
        #expect(try Self.summary("Congolese authorities said Lebanese troops moved south.") == ["organization:Congolese authorities", "organization:Lebanese troops"])
    }

    @Test func demonymAloneIsNoEntity() throws {
        #expect(try Self.summary("The Kenyan officials declined to comment.") == [])
        // A people in the plural is not a name either; a place that ends like one still is.
        #expect(try Self.summary("Kenyans and Ethiopians marched in Nairobi.") == ["place:Nairobi"])
        #expect(try Self.summary("Talks in the Philippines ended.") == ["place:Philippines"])
    }

    /// "Paris-based", "Kenyan-backed": a compound modifier is not part of the name after it, and
    /// a gazetteer place inside it is a place.
    @Test func participleCompoundsAreModifiers() throws {
        #expect(try Self.summary("The Nairobi-based Oromo Liberation Front denied it.") == ["organization:Oromo Liberation Front", "place:Nairobi"])
        #expect(try Self.mentions("The Nairobi-based Oromo Liberation Front denied it.", "place:nairobi") == ["Nairobi"])
        #expect(try Self.summary("A Kenyan-backed Shabaab Council met.").allSatisfy { !$0.contains("Kenyan-backed") })
    }

    /// A pronoun with its verb ("I'll", "We're") is never a name, even at the start of a sentence.
    @Test func contractionsAreNotNames() throws {
        #expect(try Self.summary("\"I'll go,\" Kithure Kindiki said. \"We're ready.\"") == ["person:Kithure Kindiki"])
    }

    /// A name of common words with no title, gazetteer entry or head word ("trump", "frost") is
    /// typed by the shipped name tagger instead of being dropped; single words keep the rules'
    /// default.
    @Test func theNameTaggerTypesWhatTheRulesCannot() throws {
        let entities = try Self.entities("Reporters asked Obiora Frost about it.")
        #expect(entities.map { "\($0.type.rawValue):\($0.name)" } == ["person:Obiora Frost"])
        #expect(entities.first?.mentions.map(\.rule) == ["entity.model"])
        // With a known first name ("Tom"), the first-name rule types it before the tagger is asked.
        #expect(try Self.entities("Reporters asked Tom Frost about it.").first?.mentions.map(\.rule) == ["entity.first-name"])
    }

    /// Capitals say nothing in text written in capitals or in a Title Case headline: only words
    /// that are not common words (or are places) can be names, and nothing there is an acronym.
    @Test func allCapsAndTitleCaseAreNotOneLongName() throws {
        #expect(try Self.summary("POLICE RAIDED THE CAMP IN NAIROBI ON TUESDAY, OFFICIALS SAID. THE GROUP DENIED IT.") == ["place:Nairobi"])
        #expect(try Self.summary("Kenyan Police Raid The Camp In Nairobi After Talks\n\nPolice raided the camp, officials said.")
            == ["organization:Kenyan Police", "place:Nairobi"])
        // Text without any capitals names nothing; names with diacritics, apostrophes and particles are whole.
        #expect(try Self.summary("police raided the camp in nairobi on tuesday, officials said.") == [])
        #expect(try Self.summary("Officials said Seán O'Brien met Håkan Lindqvist and Abdel Fattah al-Sisi in Nairobi.")
            == ["person:Abdel Fattah al-Sisi", "person:Håkan Lindqvist", "person:Seán O'Brien", "place:Nairobi"])
    }

    /// "he", "his", "she", "her" name the nearest person before them (same sentence or the two
    /// before), as evidence of their own rule; with nobody named, a pronoun names nobody.
    @Test func pronounsNameTheNearestPersonBefore() throws {
        let text = "Kithure Kindiki visited Nairobi. He said his ministry would act."
        #expect(try Self.mentions(text, "person:kithure-kindiki") == ["Kithure Kindiki", "He", "his"])
        let rules = try Self.entities(text).first { $0.id == "person:kithure-kindiki" }?.mentions.map(\.rule)
        #expect(rules == ["entity.full-name", "coref.pronoun", "coref.pronoun"])
        #expect(try Self.summary("He said the talks in Nairobi failed.") == ["place:Nairobi"])
        // Three sentences on, the person is too far back.
        #expect(try Self.mentions("Kithure Kindiki came. It rained. It snowed. Then he left.", "person:kithure-kindiki") == ["Kithure Kindiki"])
    }

    /// A known first name makes a person of a name whose other words are English words ("gross",
    /// "sand"), also after a title; a short form drops a particle joined by a hyphen ("Adly" is
    /// "Habib al-Adly").
    @Test func firstNamesMakePeopleOfCommonWords() throws {
        #expect(try Self.summary("Police Commissioner William Gross spoke on Monday.") == ["person:William Gross"])
        #expect(try Self.summary("Reporters said William Sand arrived.") == ["person:William Sand"])
        #expect(try Self.mentions("Habib al-Adly was tried. Adly denied it.", "person:habib-al-adly") == ["Habib al-Adly", "Adly"])
    }

    /// What stands before a title inside a run of capitals is a name of its own ("Boston Police
    /// Commissioner William Gross": the police and the commissioner).
    @Test func theNameBeforeATitleIsKept() throws {
        #expect(try Self.summary("Officials said Nairobi Police Commissioner Wanjiru Kamau spoke.")
            == ["organization:Nairobi Police", "person:Wanjiru Kamau"])
        #expect(try Self.summary("The statement of Kenya President Kithure Kindiki came late.") == ["person:Kithure Kindiki", "place:Kenya"])
    }

    /// A capitalized word that names an institution ("the Pentagon", "the Senate") is an
    /// organization; lowercase, or another capitalized common word alone, names nothing.
    @Test func institutionsAreOrganizations() throws {
        #expect(try Self.summary("The Senate voted and the Kremlin said so, Pentagon officials added.")
            == ["organization:Kremlin", "organization:Pentagon", "organization:Senate"])
        #expect(try Self.summary("The senate of the club voted. Police left.") == [])
    }

    /// A single unknown word after "in", "near", "across" ... that modifies nothing is a place;
    /// elsewhere, an organization ("in Kwale on Friday", but "talks with Kwale", "in Kwale's camp").
    @Test func singleWordsWherePlacesStandArePlaces() throws {
        #expect(try Self.summary("Fighting broke out in Kwale on Friday.") == ["place:Kwale"])
        #expect(try Self.summary("Officials held talks with Kwale on Friday.") == ["organization:Kwale"])
        #expect(try Self.summary("Officials in Kwale's camp said so.") == ["organization:Kwale"])
    }

    /// Peoples and groups alone are no names, in the singular or the plural (`peoples.tsv`).
    @Test func peoplesAloneAreNotNames() throws {
        #expect(try Self.summary("Hutu and Tutsis fled to Nairobi, where Korean aid arrived.") == ["place:Nairobi"])
    }

    /// A preposition opening a byline or sentence is not a name's first word ("By VOA News"); "and"
    /// joins an organization's name when its head word is still to come ("Securities and
    /// Exchange Commission").
    @Test func bylinesAndOrganizationsWithAnd() throws {
        #expect(try Self.summary("By Kenya Daily News\n\nTalks ended.") == ["organization:Kenya Daily News"])
        #expect(try Self.summary("The Securities and Exchange Commission said so.") == ["organization:Securities and Exchange Commission"])
        #expect(try Self.summary("Officials said Kenya and Ethiopia agreed.") == ["place:Ethiopia", "place:Kenya"])
        // "and" after a head word joins a common word ("Crime and Corruption"), not a second name.
        #expect(try Self.summary("Groups including the Mombasa Republican Council and al-Shabaab met.")
            == ["organization:al-Shabaab", "organization:Mombasa Republican Council"])
    }

    /// Places joined by a hyphen ("Russia-China ties", "Russia-U.S. relations") are the places,
    /// not one organization.
    @Test func placeCompoundsArePlaces() throws {
        #expect(try Self.summary("Officials praised Kenya-Ethiopia ties and Kenya-U.S. trade.") == ["place:Ethiopia", "place:Kenya"])
    }

    /// "she" skips a man named in between for the woman before him: gender from the first name
    /// (census and GUM first-name table) or from a title ("Mrs.", "spokeswoman", "King"); a
    /// person of unknown gender fits either pronoun.
    @Test func pronounsSkipPeopleOfTheOtherGender() throws {
        let text = "Amina Odhiambo met Tom Frost in Nairobi. She said the talks failed."
        #expect(try Self.mentions(text, "person:amina-odhiambo") == ["Amina Odhiambo", "She"])
        #expect(try Self.mentions(text, "person:tom-frost") == ["Tom Frost"])
        let titled = "Mrs. Wanjiru Kamau met Kithure Kindiki. She thanked him."
        #expect(try Self.mentions(titled, "person:wanjiru-kamau") == ["Wanjiru Kamau", "She"])
        #expect(try Self.mentions(titled, "person:kithure-kindiki") == ["Kithure Kindiki", "him"])
        let spokeswoman = "Spokeswoman Wanjiru Kamau spoke after Kithure Kindiki left. Her statement was short."
        #expect(try Self.mentions(spokeswoman, "person:wanjiru-kamau") == ["Wanjiru Kamau", "Her"])
        // Nobody's gender is known: the nearest person, as before.
        #expect(try Self.mentions("Wanjiru Kamau met Kithure Kindiki. She left.", "person:kithure-kindiki") == ["Kithure Kindiki", "She"])
        // A short name shares its full name's gender: "Frost" is a man because "Tom Frost" is.
        let short = "Tom Frost and Amina Odhiambo spoke. Frost left early. She stayed."
        #expect(try Self.mentions(short, "person:amina-odhiambo") == ["Amina Odhiambo", "She"])
    }

    /// "the minister" names the last person titled minister before it, not merely the last
    /// person; "the spokeswoman" is not a man.
    @Test func personDescriptionsFollowRoleAndGender() throws {
        let text = "Interior Minister Kithure Kindiki met Tom Frost. The minister said it."
        #expect(try Self.mentions(text, "person:kithure-kindiki") == ["Kithure Kindiki", "The minister"])
        let gendered = "Amina Odhiambo met Tom Frost. The spokeswoman said it."
        #expect(try Self.mentions(gendered, "person:amina-odhiambo") == ["Amina Odhiambo", "The spokeswoman"])
    }

    /// "the minister", "the spokesman", "the company": a description names the nearest earlier
    /// entity of its type.
    @Test func descriptionsOfPeopleAndCompaniesCorefer() throws {
        #expect(try Self.mentions("Interior Minister Kithure Kindiki spoke. The minister said it.", "person:kithure-kindiki") == ["Kithure Kindiki", "The minister"])
        #expect(try Self.mentions("Safaricom Limited Company shares fell. The company said it.", "organization:safaricom-limited-company")
            == ["Safaricom Limited Company", "The company"])
    }

    /// Titles of news usage before a name make it a person and are not part of it.
    @Test func newsTitlesMakePeople() throws {
        #expect(try Self.summary("Kenyan Trade Representative Abiy Ahmed spoke.") == ["person:Abiy Ahmed"])
        #expect(try Self.summary("The ban stands, said Commissioner Kithure Kindiki. Press Secretary Amina Odhiambo agreed.")
            == ["person:Amina Odhiambo", "person:Kithure Kindiki"])
    }

    /// A title or a month alone, and the plural of a common noun opening a sentence, are not names.
    @Test func titlesMonthsAndPluralsAloneAreNotNames() throws {
        #expect(try Self.summary("The CEO resigned in June, the Kenyan Maj told reporters.") == [])
        #expect(try Self.summary("Beatings rose. Shellings spread to Nairobi.") == ["place:Nairobi"])
    }

    /// An organization's head word followed by a full name is two entities.
    @Test func anOrganizationFollowedByAPersonIsSplit() throws {
        #expect(try Self.summary("Head of the Senate Foreign Affairs Committee Kithure Kindiki said it.")
            == ["organization:Senate Foreign Affairs Committee", "person:Kithure Kindiki"])
    }

    /// Model codes ("F-16"), a short line in capitals ("FOR IMMEDIATE RELEASE") and the second
    /// word of a two-word place before "-based" ("York" in "New York-based") are not names.
    @Test func codesBoilerplateAndCutPlacesAreNotNames() throws {
        #expect(try Self.summary("Kenyan F-16 jets struck the camp.") == [])
        #expect(try Self.summary("FOR IMMEDIATE RELEASE\n\nPolice raided the camp.") == [])
        #expect(try Self.summary("The New York-based Oromo Liberation Front said it.") == ["organization:Oromo Liberation Front", "place:New York"])
    }

    /// Lowercase particles inside a name keep it whole; English words between names do not.
    @Test func particlesStayInsideNames() throws {
        #expect(try Self.summary("Officials said Alvaro de Soto met Kithure Kindiki.") == ["person:Alvaro de Soto", "person:Kithure Kindiki"])
        #expect(try Self.summary("Officials said Kithure Kindiki at Nairobi agreed.").contains("place:Nairobi"))
    }

    /// A middle initial and its period stay inside a person's name.
    @Test func initialsStayInsideNames() throws {
        #expect(try Self.summary("The ban stands, said Interior Minister Kithure K. Kindiki.") == ["person:Kithure K. Kindiki"])
        #expect(try Self.summary("Abiy T. Ahmed met Kithure Kindiki.") == ["person:Abiy T. Ahmed", "person:Kithure Kindiki"])
    }

    @Test func possessiveOrganization() throws {
        #expect(try Self.summary("Kenya's Interior Ministry said the ban stands.") == ["organization:Kenya's Interior Ministry", "place:Kenya"])
    }

    @Test func acronymDefinitionAndLaterUse() throws {
        let text = "The Independent Policing Oversight Authority (IPOA) opened an inquiry. IPOA said it would report."
        #expect(try Self.summary(text) == ["organization:IPOA"])
        #expect(try Self.entities(text).first?.aliases == ["Independent Policing Oversight Authority"])
    }

    @Test func aliasAfterAlsoKnownAs() throws {
        let text = "The movement, also known as Jamaat Nusrat, claimed the attack."
        let found = try Self.entities(text)
        #expect(found.count == 1)
        #expect(found.first?.allNames.contains("Jamaat Nusrat") == true)
    }

    @Test func titlesMakePeople() throws {
        #expect(try Self.summary("Interior Minister Kithure Kindiki visited the site.") == ["person:Kithure Kindiki"])
        #expect(try Self.summary("The ruling was read by judge Amina Farah on Monday.") == ["person:Amina Farah"])
    }

    @Test func speechVerbsAndAppositivesMakePeople() throws {
        #expect(try Self.summary("Odhiambo said the vote was fair.") == ["person:Odhiambo"])
        #expect(try Self.summary("Idi Amin, a former Ugandan dictator, died in exile.") == ["person:Idi Amin"])
    }

    @Test func shortFormsJoinTheFullName() throws {
        let text = "Prosecutor Lydia Mwangi filed charges. Mwangi said more would follow."
        #expect(try Self.summary(text) == ["person:Lydia Mwangi"])
        #expect(try Self.mentions(text, "person:lydia-mwangi") == ["Lydia Mwangi", "Mwangi"])
    }

    @Test func facilityAndPlaceHeads() throws {
        #expect(try Self.summary("Inmates rioted at Kamiti prison near the Kiambu area.") == ["facility:Kamiti prison", "place:Kiambu"])
        #expect(try Self.summary("Troops entered the Kakuma 2 camp.") == ["facility:Kakuma 2 camp"])
    }

    @Test func capitalMakesAPlace() throws {
        #expect(try Self.summary("Protests spread to the capital Juba overnight.") == ["place:Juba"])
    }

    @Test func organizationHeadsWithConnectors() throws {
        #expect(try Self.summary("The High Court of Justice and Appeals ruled against the Bank of Kigali.")
            == ["organization:Bank of Kigali", "organization:High Court of Justice and Appeals"])
    }

    /// A hyphen joins two parts of an organization's name when its head word follows; a title
    /// after the head word starts a person, whom "and" does not join to what follows.
    @Test func hyphensInsideOrganizationsAndTitlesAfterTheirHeads() throws {
        #expect(try Self.summary("Kenya would target U.S.-Kenya Trade and Security Review Commission Chairman Amina Odhiambo and Oxfam Director Grace Wanjiru.")
            == ["organization:Oxfam", "organization:U.S.-Kenya Trade and Security Review Commission", "person:Amina Odhiambo", "person:Grace Wanjiru", "place:Kenya"])
        #expect(try Self.summary("The African Union-created Special Tribunal for Darfur met.") == ["organization:Special Tribunal for Darfur"])
    }

    /// A title right after the comma makes a person of a name the tagger reads otherwise
    /// ("Elon Musk, CEO and Chairman of"); a company named with its legal form keeps its short
    /// name, even before a person's verb ("Tesla said").
    @Test func appositiveTitlesAndCompaniesWithTheirLegalForm() throws {
        let found = try Self.entities("The commission announced today that Elon Musk, CEO and Chairman of Nairobi-based Tesla, Inc., has agreed to settle. Tesla said it agreed.")
        #expect(found.contains { $0.id == "person:elon-musk" }, "\(found.map(\.id))")
        let company = found.first { $0.type == .organization && $0.mentions.contains { $0.text == "Tesla, Inc." } }
        // ("it" after "Tesla said" is the company too.)
        #expect(company?.mentions.map(\.text).sorted() == ["Tesla", "Tesla, Inc.", "it"], "\(found.map(\.id))")
    }

    /// A gazetteer place over a connector ("the Democratic Republic of Congo"), and "of the" /
    /// "for the" inside an organization's name, not before another organization.
    @Test func connectorsInsidePlacesAndOrganizations() throws {
        #expect(try Self.summary("Rebels left the Democratic Republic of Congo on Monday.") == ["place:Democratic Republic of the Congo"])
        #expect(try Self.summary("The rebel Democratic Forces for the Liberation of Kivu fled.") == ["organization:Democratic Forces for the Liberation of Kivu"])
        #expect(try Self.summary("Peter Kamau, former Chief of Police for the Nyeri Police Department, pleaded guilty.")
            == ["organization:Nyeri Police Department", "person:Peter Kamau"])
    }

    /// What is based somewhere is an organization ("the Paris-based Reporters Without Borders"),
    /// and "to" with a capitalized phrase stays inside an organization's name.
    @Test func basedOrganizationsAndToInsideNames() throws {
        #expect(try Self.summary("The Paris-based Reporters Without Borders condemned the attack.") == ["organization:Reporters Without Borders", "place:Paris"])
        #expect(try Self.summary("The Nairobi-based Committee to Protect Farmers has ranked the county last.")
            == ["organization:Committee to Protect Farmers", "place:Nairobi"])
    }

    /// A common noun right before a name and its comma describes it ("The UN refugee agency,
    /// UNHCR"): the definite description names it later ("The agency says").
    @Test func anAppositiveDescriptionBeforeANameNamesItLater() throws {
        #expect(try Self.mentions("The UN refugee agency, UNHCR, is asking for money. The agency says the camp is full.", "organization:unhcr")
            == ["UNHCR", "The agency"])
    }

    /// A run that ends in a title before a name ("Pentagon Press Secretary Rear Adm. X") is the
    /// organization before the title.
    @Test func aRunEndingInATitleIsTheOrganizationBeforeIt() throws {
        #expect(try Self.summary("Pentagon Press Secretary Rear Adm. Grace Wanjiru said the talks had failed and that the army would stay in its barracks.")
            == ["organization:Pentagon", "person:Grace Wanjiru"])
    }

    /// A first name that is also a common word starts a name at the head of a sentence.
    @Test func commonWordFirstNamesStartSentences() throws {
        #expect(try Self.summary("Grace Wanjiru told reporters the talks failed.") == ["person:Grace Wanjiru"])
        #expect(try Self.summary("Will Kenya respond to the attack?") == ["place:Kenya"])
        #expect(try Self.summary("On Monday, Grace Wanjiru spoke.") == ["person:Grace Wanjiru"])
    }

    @Test func namesWithParticlesHyphensAndDiacritics() throws {
        #expect(try Self.summary("Prime Minister Haider al-Abadi met José Ramos-Horta.") == ["person:Haider al-Abadi", "person:José Ramos-Horta"])
    }

    @Test func placeInsideACompound() throws {
        #expect(try Self.summary("An anti-Kenya slogan was painted.") == ["place:Kenya"])
    }

    @Test func definiteDescriptionsCorefer() throws {
        let text = "The Oromo Liberation Front (OLF) rejected the deal. The group said the ministry lied. Ethiopia denied it; the country said nothing more."
        #expect(try Self.mentions(text, "organization:oromo-liberation-front") == ["Oromo Liberation Front", "OLF", "The group"])
        #expect(try Self.mentions(text, "place:ethiopia") == ["Ethiopia", "the country"])
        // A capitalized modifier that is not in the name (nor a country's demonym) names someone
        // else: "the Oromo militants" are not the ministry.
        let other = "The Interior Ministry denied it. The Oromo militants left. The Kenyan group stayed."
        #expect(try Self.mentions(other, "organization:interior-ministry") == ["Interior Ministry", "The Kenyan group"])
        // (A region's adjective may say where a country is: "the European nation".)
        #expect(try Self.mentions("Albania denied it. The European nation said nothing.", "place:albania") == ["Albania", "The European nation"])
    }

    @Test func adjectivesInsideNames() throws {
        #expect(try Self.summary("The European Union fined them. The EU said the European nation agreed.") == ["organization:European Union"])
        #expect(try Self.mentions("The European Union fined them. The EU said the European nation agreed.", "organization:european-union")
            == ["European Union", "EU"])
    }

    @Test func titleWordsInsideARunLeaveThePerson() throws {
        #expect(try Self.summary("Deputy Defence Minister Alexei Krivoruchko and Interior Cabinet Secretary Kithure Kindiki met.")
            == ["person:Alexei Krivoruchko", "person:Kithure Kindiki"])
    }

    @Test func parenthesizedAcronymMustFitTheName() throws {
        #expect(try Self.summary("NAIROBI (AP) - Kenyan police left.") == ["organization:AP", "organization:Kenyan police", "place:Nairobi"])
    }

    @Test func capitalizedFacilityWordEndsAName() throws {
        #expect(try Self.summary("Police cleared Taksim Square at dawn.") == ["facility:Taksim Square"])
    }

    // MARK: Not entities

    @Test func sentenceInitialCommonWordsAreNotNames() throws {
        #expect(try Self.summary("Unfortunately, nobody came. Documents showed little. Numerous reports followed.") == [])
    }

    @Test func weekdaysAndMonthsAreNotNames() throws {
        #expect(try Self.summary("On Tuesday the court sat. In March it adjourned until Friday.") == [])
        #expect(try Self.summary("Police left the area. The Court adjourned.") == [])
    }

    @Test func runInSubheadingKeepsOnlyTheName() throws {
        #expect(try Self.summary("OLF offices closed Numerous OLF members fled.") == ["organization:OLF"])
    }

    @Test func licenceBoilerplateGivesOnlyThePublisher() throws {
        #expect(try Self.summary("All Content by Nation Media Group is licensed under a Creative Commons Attribution 4.0 International License.")
            == ["organization:Nation Media Group"])
    }

    @Test func bylineCodesAreNotNames() throws {
        #expect(try Self.summary("Police left the area.\n\nKNA/AB") == [])
    }

    @Test func ideologyAdjectivesAreNotNames() throws {
        #expect(try Self.summary("The report named Salafi groups and European donors.") == [])
    }
}
