import EventGraphCore
@testable import EventGraphExtraction
import Testing

/// One test per relation pattern, on sentences written for the tests: active, passive, coordinated,
/// relative clause, negated, reported, characterizations, titles and places.
@Suite struct RelationPatternTests {
    static func relations(_ text: String, published: String = "2024-03-02") throws -> [String] {
        let document = Document(id: "t", path: "t", published: CalendarDay(iso: published), sha256: SHA256.hexDigest(of: text))
        let analyzed = try Pipeline.standard().analyze(SourceDocument(document: document, text: text))
        return Graph(entities: analyzed.entities, relations: analyzed.relations).relations.map { r in
            var line = "\(r.type) \(r.source) → \(r.target ?? "“\(r.label ?? "")”")"
            if r.modality != .asserted { line += " [\(r.modality.rawValue)\(r.by.map { " by \($0)" } ?? "")]" }
            if let time = r.time { line += " @\(time.normalizedText)" }
            return line
        }.sorted()
    }

    @Test func activeHostingReversesTheRoles() throws {
        let found = try Self.relations("Kenya has hosted the Oromo Liberation Front for ten years.")
        #expect(found.contains("hosted-by organization:oromo-liberation-front → place:kenya @2014/2024;P10Y"))
    }

    @Test func passiveWithAgent() throws {
        let found = try Self.relations("The Oromo Liberation Front was sheltered by Kenya.")
        #expect(found.contains("hosted-by organization:oromo-liberation-front → place:kenya"))
    }

    @Test func coordinatedVerbsShareSubjectAndObject() throws {
        let found = try Self.relations("Members of the Oromo Liberation Front lived in Sudan, where Omar al-Bashir harbored and armed them.")
        #expect(found.contains("hosted-by organization:oromo-liberation-front → place:sudan"))
        #expect(found.contains("hosted-by organization:oromo-liberation-front → person:omar-al-bashir"))
    }

    @Test func sinceOpensTheIntervalAndIsSaidToIsReported() throws {
        let found = try Self.relations("Since 2016, Kenya is said to have hosted the Oromo Liberation Front.")
        #expect(found.contains("hosted-by organization:oromo-liberation-front → place:kenya [reported] @2016/.."))
    }

    /// One verb, several patterns by preposition (`verbs.tsv`): "worked with" cooperates,
    /// "worked for" makes a member.
    @Test func oneVerbStatesRelationsByItsPreposition() throws {
        let found = try Self.relations("Wanjiru Kamau worked for the Kenya Farmers Union. Amina Odhiambo worked with the Kenya Farmers Union.")
        #expect(found.contains("member-of person:wanjiru-kamau → organization:kenya-farmers-union"), "\(found)")
        #expect(found.contains("cooperated-with person:amina-odhiambo → organization:kenya-farmers-union"), "\(found)")
        #expect(!found.contains("cooperated-with person:wanjiru-kamau → organization:kenya-farmers-union"), "\(found)")
    }

    @Test func negatedRelationsAreKeptAndMarked() throws {
        let found = try Self.relations("The Oromo Liberation Front never supported Ethiopia's government, the group said.")
        #expect(found.contains { $0.hasPrefix("supported organization:oromo-liberation-front") && $0.contains("[negated]") })
    }

    @Test func reportedCitationCarriesItsSpeaker() throws {
        let found = try Self.relations("The Oromo Liberation Front's attacks were cited as the cause of the curfew, Lydia Mwangi said.")
        #expect(found.contains("cited-as organization:oromo-liberation-front → “the cause of the curfew” [reported by person:lydia-mwangi]"))
        #expect(found.contains { $0.hasPrefix("said person:lydia-mwangi → “The Oromo Liberation Front") })
    }

    /// What is said follows the verb, or precedes the comma or quotation mark before the speaker;
    /// the speaker's own name is never what it said.
    @Test func saidLabelIsNeverTheSpeaker() throws {
        #expect(try Self.relations("Kenyan police denied it.").contains("said organization:kenyan-police → “it.”"))
        #expect(try Self.relations("The talks failed, Kenyan police said.").contains("said organization:kenyan-police → “The talks failed”"))
        #expect(try Self.relations("Kenyan police denied.").contains("said organization:kenyan-police → “Kenyan police denied.”"))
    }

    @Test func characterizationsFromNatureDescriptionsAndModifiers() throws {
        let found = try Self.relations("Ethiopia's Foreign Ministry stressed the terrorist nature of the Oromo Liberation Front. The terror group denied it. Police arrested three OLF militants.")
        #expect(found.contains("cited-as organization:oromo-liberation-front → “terrorist” [reported by organization:ethiopias-foreign-ministry]"))
        #expect(found.contains("cited-as organization:oromo-liberation-front → “terror group”"))
        #expect(found.contains("cited-as organization:oromo-liberation-front → “militants”"))
    }

    /// A characterization before a title ("the authoritarian President X") and an occupation in
    /// an apposition ("A Kenyan journalist, X", even when the parser hangs it on the comma) cite
    /// the person; a title before a name is no description of somebody else.
    @Test func characterizationsOfPeople() throws {
        let found = try Self.relations("Grace Wanjiru met the press. The authoritarian President Peter Mutua denied it.")
        #expect(found.contains("cited-as person:peter-mutua → “authoritarian President”"), "\(found)")
        #expect(!found.contains { $0.hasPrefix("cited-as person:grace-wanjiru") }, "\(found)")
        let appositive = try Self.relations("A Kenyan journalist, Amina Odhiambo, was found dead in Nairobi on Saturday.")
        #expect(appositive.contains("cited-as person:amina-odhiambo → “Kenyan journalist”"), "\(appositive)")
        // A noun before a title word is part of the title, not a characterization.
        let title = try Self.relations("The most senior of those sanctioned is former commerce secretary Peter Mutua.")
        #expect(!title.contains { $0.hasPrefix("cited-as person:peter-mutua") }, "\(title)")
    }

    /// Titles past an acronym ("X Administration (XA) Acting Administrator Y"), coordinated
    /// ("CEO and Chairman of"), of three words ("Chief of Police for"), after an age, and an
    /// organization after an "X-based" modifier with its legal form ("Acme Holdings, Inc.").
    @Test func titlesAroundAcronymsAgesAndModifiers() throws {
        let found = try Self.relations("""
            "We are ready," said Drug Enforcement Administration (DEA) Acting Administrator Michele M. Leonhart.
            Peter Mutua, CEO and Chairman of Nairobi-based Acme Holdings, Inc., has agreed to settle the charge.
            Bruce Kamau, 50, former Chief of Police for the Nyeri Police Department, pleaded guilty.
            """)
        #expect(found.contains("leader-of person:michele-m-leonhart → organization:drug-enforcement-administration"), "\(found)")
        #expect(found.contains("leader-of person:peter-mutua → organization:acme-holdings-inc"), "\(found)")
        #expect(found.contains("located-in organization:acme-holdings-inc → place:nairobi"), "\(found)")
        #expect(found.contains("leader-of person:bruce-kamau → organization:nyeri-police-department"), "\(found)")
    }

    /// An office outranks the military rank after it ("Press Secretary Rear Adm. X"); a name
    /// that spells out an acronym the article uses is part of it ("U.N." and "United Nations
    /// Security Council").
    @Test func officesOverRanksAndSpelledOutAcronyms() throws {
        let office = try Self.relations("Pentagon Press Secretary Rear Adm. Grace Wanjiru said the talks failed.")
        #expect(office.contains("spokesperson-of person:grace-wanjiru → organization:pentagon"), "\(office)")
        let council = try Self.relations("The U.N. sent envoys. The United Nations Security Council met on Monday.")
        #expect(council.contains { $0.hasPrefix("part-of organization:united-nations-security-council → organization:u") }, "\(council)")
    }

    /// A chairman leads what he chairs: one relation, not leader-of and member-of too.
    @Test func aRoleOutranksMembership() throws {
        let found = try Self.relations("Kenya named Kenya Trade and Security Review Commission Chairman Amina Odhiambo on Monday.")
        #expect(found.contains { $0.hasPrefix("leader-of person:amina-odhiambo") }, "\(found)")
        #expect(!found.contains { $0.hasPrefix("member-of person:amina-odhiambo") }, "\(found)")
    }

    /// Names given as examples ("militant groups including X and Y") are of the kind named.
    @Test func examplesOfAKind() throws {
        let found = try Self.relations("The strikes hit a post used by armed militant groups including the Mombasa Republican Council and al-Shabaab.")
        #expect(found.contains("cited-as organization:mombasa-republican-council → “armed militant groups”"), "\(found)")
        #expect(found.contains("cited-as organization:al-shabaab → “armed militant groups”"), "\(found)")
    }

    @Test func titlesGiveMinisterAndLeaderRelations() throws {
        let found = try Self.relations("Kenya's Interior Ministry confirmed it. Interior Minister Kithure Kindiki and Ethiopian Prime Minister Abiy Ahmed met in Kenya and Ethiopia.")
        #expect(found.contains("minister-of person:kithure-kindiki → organization:kenyas-interior-ministry"))
        #expect(found.contains("leader-of person:abiy-ahmed → place:ethiopia"))
    }

    /// Every example of `relations/roles.tsv`, run exactly: the title's role gives its relation
    /// from the person to the organization named with the title.
    @Test func everyRoleExampleGivesItsRelation() throws {
        let rows = try ExtractionResources.table("relations/roles.tsv", columns: ["role", "relation", "example"])
        #expect(rows.count >= 40)
        for row in rows {
            let found = try Self.relations(row.fields["example"]!)
            #expect(found.contains("\(row.fields["relation"]!) person:wanjiru-kamau → organization:kenya-farmers-union"), "\(row.fields["role"]!): \(found)")
        }
    }

    /// Every example of `relations/membership-nouns.tsv`, run exactly: the noun makes the person
    /// a member of the organization named with it (apposition, copula or compound).
    @Test func everyMembershipNounExampleGivesMemberOf() throws {
        try Self.expectEveryExample(of: "relations/membership-nouns.tsv", keyedBy: "word", atLeast: 10,
                                    gives: "member-of person:wanjiru-kamau → organization:kenya-farmers-union")
    }

    /// Runs every example of a word table (columns `key` and `example`) and expects `relation` in each.
    static func expectEveryExample(of table: String, keyedBy key: String, atLeast count: Int, gives relation: String) throws {
        let rows = try ExtractionResources.table(table, columns: [key, "example"])
        #expect(rows.count >= count)
        for row in rows {
            let found = try relations(row.fields["example"]!)
            #expect(found.contains(relation), "\(row.fields[key]!): \(found)")
        }
    }

    /// Every example of `relations/locating-verbs.tsv`, run exactly: the participle places the
    /// organization it modifies, or the subject of its passive, in its "in" object; a locating verb
    /// with an object places the object, not its subject.
    @Test func everyLocatingVerbExampleGivesLocatedIn() throws {
        try Self.expectEveryExample(of: "relations/locating-verbs.tsv", keyedBy: "lemma", atLeast: 5, gives: "located-in organization:kenya-farmers-union → place:nairobi")
        let active = try Self.relations("The Kenya Farmers Union stationed guards in Nairobi.")
        #expect(!active.contains("located-in organization:kenya-farmers-union → place:nairobi"), "\(active)")
    }

    /// Every example of `relations/part-nouns.tsv`, run exactly: an apposition or a copula with
    /// the noun and an "of" phrase makes one organization part of the other.
    @Test func everyPartNounExampleGivesPartOf() throws {
        try Self.expectEveryExample(of: "relations/part-nouns.tsv", keyedBy: "word", atLeast: 8,
                                    gives: "part-of organization:kenya-farmers-union → organization:kenya-cooperative-alliance")
        // Another noun's "of" phrase says nothing of the kind ("a critic of").
        let critic = try Self.relations("The Kenya Farmers Union, a critic of the Kenya Cooperative Alliance, refused.")
        #expect(!critic.contains { $0.hasPrefix("part-of") }, "\(critic)")
    }

    /// A leader's title under "associate", "assistant" or "staff" makes a member, before the
    /// name or in an apposition; "deputy leader" stays a leader's.
    @Test func subordinateTitlesMakeMembers() throws {
        let before = try Self.relations("The Kenya Farmers Union met. Kenya Farmers Union associate director Wanjiru Kamau arrived on Monday.")
        #expect(before.contains("member-of person:wanjiru-kamau → organization:kenya-farmers-union"))
        #expect(!before.contains("leader-of person:wanjiru-kamau → organization:kenya-farmers-union"))
        // An organization's title in a description before the name and its comma.
        let described = try Self.relations("The U.N. special envoy to the Horn of Africa, Wanjiru Kamau, says the truce will hold.")
        #expect(described.contains("member-of person:wanjiru-kamau → organization:u-n"), "\(described)")
        // An organization's officer for a country is its member, not the country's leader.
        let regional = try Self.relations("Kenya Farmers Union Uganda Director Wanjiru Kamau said so.")
        #expect(regional.contains("member-of person:wanjiru-kamau → organization:kenya-farmers-union"), "\(regional)")
        #expect(!regional.contains { $0.hasPrefix("leader-of person:wanjiru-kamau") }, "\(regional)")
        let fellow = try Self.relations("According to a Brookings Institution senior fellow, Wanjiru Kamau, it is rare.")
        #expect(fellow.contains("member-of person:wanjiru-kamau → organization:brookings-institution"), "\(fellow)")
        let apposition = try Self.relations("Wanjiru Kamau, an assistant director of the Kenya Farmers Union, arrived on Monday.")
        #expect(apposition.contains("member-of person:wanjiru-kamau → organization:kenya-farmers-union"))
        let deputy = try Self.relations("Wanjiru Kamau is deputy leader of the Kenya Farmers Union.")
        #expect(deputy.contains("leader-of person:wanjiru-kamau → organization:kenya-farmers-union"))
    }

    /// A place in a place from the tree ("the village of X in the Y Valley"), and "City, State"
    /// as "City, Country".
    @Test func placesInPlaces() throws {
        let tree = try Self.relations("Fighting reached the village of Kafr Dunin in the Litani Valley on Monday.")
        #expect(tree.contains("located-in place:kafr-dunin → place:litani-valley"), "\(tree)")
        let state = try Self.relations("Officials in Tupelo, Mississippi, denied it on Monday.")
        #expect(state.contains("located-in place:tupelo → place:mississippi"), "\(state)")
        // An unnamed institution is where the text puts it, after it or before it.
        let nominal = try Self.relations("A bomb exploded outside a press club in the northern city of Mombasa. The Nakuru court freed him.")
        #expect(nominal.contains("located-in facility:press-club-in-mombasa → place:mombasa"), "\(nominal)")
        #expect(nominal.contains("located-in organization:nakuru-court → place:nakuru"), "\(nominal)")
        // A facility named in an event noun's phrase is where the phrase puts the event.
        let facility = try Self.relations("The group claimed the 2015 Nakuru Museum attack in Nakuru, Kenya.")
        #expect(facility.contains("located-in facility:nakuru-museum → place:nakuru"), "\(facility)")
        // A country is in no place a phrase names.
        let country = try Self.relations("Peace returned to Lebanon in the summer.")
        #expect(!country.contains { $0.hasPrefix("located-in place:lebanon") })
    }

    /// Titles with a demonym (its country, when the article names it), possessives, and
    /// appositions ("X, spokesman for Y", "X, the union's chairman").
    @Test func titlesPossessivesAndAppositions() throws {
        let demonym = try Self.relations("Kenyan Foreign Minister Wanjiru Kamau arrived in Kenya.")
        #expect(demonym.contains("minister-of person:wanjiru-kamau → place:kenya"))
        let possessive = try Self.relations("The Kenya Farmers Union's spokesman Wanjiru Kamau spoke.")
        #expect(possessive.contains("spokesperson-of person:wanjiru-kamau → organization:kenya-farmers-union"))
        let apposition = try Self.relations("Wanjiru Kamau, a spokeswoman for the Kenya Farmers Union, spoke.")
        #expect(apposition.contains("spokesperson-of person:wanjiru-kamau → organization:kenya-farmers-union"))
        let ownerApposition = try Self.relations("Wanjiru Kamau, the Kenya Farmers Union's chairwoman, spoke.")
        #expect(ownerApposition.contains("leader-of person:wanjiru-kamau → organization:kenya-farmers-union"))
        // A courtesy title says nothing.
        #expect(try Self.relations("Kenya Farmers Union guest Mr. Wanjiru Kamau spoke.").allSatisfy { !$0.contains("person:wanjiru-kamau →") })
    }

    /// Places of places and organizations: "in the southern city of X", "X, Country", "Y's
    /// Ministry", "Kenyan police", "the Nairobi-based union".
    @Test func placesOfPlacesAndOrganizations() throws {
        let placeOf = try Self.relations("Talks were held in Kenya at Uhuru Park in the southern city of Mombasa.")
        #expect(placeOf.contains { $0.hasPrefix("located-in") && $0.hasSuffix("→ place:mombasa") }, "\(placeOf)")
        #expect(try Self.relations("The tribunal sits in Arusha, Tanzania.").contains("located-in place:arusha → place:tanzania"))
        #expect(try Self.relations("Kenya's Interior Ministry said so.").contains("belongs-to organization:kenyas-interior-ministry → place:kenya"))
        #expect(try Self.relations("Kenyan police arrested two men in Kenya.").contains("belongs-to organization:kenyan-police → place:kenya"))
        // A demonym starting an organization's name, with the country named only in a compound.
        let compound = try Self.relations("The Russian Foreign Ministry stated that Russia-U.S. relations were poor.")
        #expect(compound.contains("belongs-to organization:russian-foreign-ministry → place:russia"), "\(compound)")
        #expect(try Self.relations("The Nairobi-based Kenya Farmers Union spoke.").contains("located-in organization:kenya-farmers-union → place:nairobi"))
        // An organization named by its members: "Shabaab militants in Somalia".
        #expect(try Self.relations("Hamas fighters in Gaza freed the men.").contains { $0.hasPrefix("located-in organization:hamas → place:gaza") })
        // A facility word and the name it is the facility of: "the Kakuma refugee camp complex in Kenya".
        #expect(try Self.relations("The Kakuma refugee camp complex in remote northwestern Kenya is full.").contains { $0.hasPrefix("located-in") && $0.hasSuffix("→ place:kenya") })
    }

    @Test func placesAndPossession() throws {
        let found = try Self.relations("Police entered the Kakuma 2 camp, northwest of the capital Nairobi in Kenya. The raid on an OLF camp followed. Fighters massed in the Moyale area of Marsabit.")
        #expect(found.contains("located-in facility:kakuma-2-camp → place:nairobi"))
        #expect(found.contains("located-in place:nairobi → place:kenya"))
        #expect(found.contains("located-in place:moyale → place:marsabit"))
    }

    /// "Russian President Vladimir Putin" leads Russia when the article names it, even only inside a
    /// compound ("Russia-U.S. relations").
    @Test func aDemonymTitleLeadsTheCountryNamedInACompound() throws {
        let found = try Self.relations("Russia-U.S. relations are poor, and Russian President Vladimir Putin is angry.")
        #expect(found.contains("leader-of person:vladimir-putin → place:russia"), "\(found)")
    }

    /// "designated X, Y, and Z as Specially Designated Global Terrorists": every one designated,
    /// the designation's capitalized name its label, the designator who says so.
    @Test func aDesignationOfSeveralNamesEach() throws {
        let found = try Self.relations("The Department of State has designated Omar Hassan Farah, Ali Abdi Yusuf, and Ahmed al-Nuri as Specially Designated Global Terrorists.")
        for name in ["omar-hassan-farah", "ali-abdi-yusuf", "ahmed-al-nuri"] {
            #expect(found.contains { $0.hasPrefix("cited-as person:\(name) → “Specially Designated Global Terrorists”") }, "\(name): \(found)")
        }
    }

    /// A city the text names is in the country the gazetteer puts it in, when the text names the
    /// country; a dateline ("MOMBASA –") is where the story was filed, not a place it is about.
    @Test func aDatelineIsNoPlaceOfTheStory() throws {
        let told = try Self.relations("Police in Mombasa arrested two men, Kenya's interior ministry said.")
        #expect(told.contains("located-in place:mombasa → place:kenya"), "\(told)")
        let filed = try Self.relations("MOMBASA – Kenya's interior ministry said two men were arrested.")
        #expect(!filed.contains { $0.hasPrefix("located-in place:mombasa") }, "\(filed)")
    }

    @Test func cooperationAndSupport() throws {
        let found = try Self.relations("The Oromo Liberation Front worked with Al-Shabaab. They supported Eritrea during the war.")
        #expect(found.contains("cooperated-with organization:oromo-liberation-front → organization:al-shabaab"))
        #expect(found.contains("supported organization:oromo-liberation-front → place:eritrea"))
    }

    @Test func eventsImplyRaidsAndExpulsions() throws {
        let found = try Self.relations("Kenyan police raided the Kakuma 2 camp on Tuesday. The group had been expelled from Ethiopia.")
        #expect(found.contains("raided organization:kenyan-police → facility:kakuma-2-camp @2024-02-27"))
    }
}
