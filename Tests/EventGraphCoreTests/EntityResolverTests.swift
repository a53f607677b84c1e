import EventGraphCore
import Testing

@Suite struct EntityResolverTests {
    static func entity(_ type: EntityType, _ names: [String], doc: String) -> Entity {
        let mentions = names.enumerated().map { i, n in Fixtures.evidence(doc, i * 50, n) }
        return Entity(type: type, name: Entity.canonicalName(mentions: names, type: type), aliases: names, mentions: mentions)
    }

    static func resolve(_ entities: [Entity], _ overrides: EntityOverrides = .none) -> (names: [String], log: [MergeRecord]) {
        let (graph, log) = EntityResolver.resolve(Graph(entities: entities), overrides: overrides)
        return (graph.entities.map { "\($0.id)=\($0.allNames.sorted().joined(separator: "|"))" }, log)
    }

    @Test func spellingVariantsOfFullNamesMerge() {
        let (names, log) = Self.resolve([
            Self.entity(.person, ["Nasser Kanaani", "Kanaani"], doc: "a"),
            Self.entity(.person, ["Naser Kanani"], doc: "b"),
            Self.entity(.organization, ["Mujahedin-e-Khalq Organization", "MKO"], doc: "a"),
            Self.entity(.organization, ["Mojahedin-e-Khalq Organization"], doc: "b"),
            Self.entity(.person, ["Blendi Cuci"], doc: "a"),
            Self.entity(.person, ["Bledi Cuci"], doc: "b"),
        ])
        #expect(names == [
            "organization:mojahedin-e-khalq-organization=MKO|Mojahedin-e-Khalq Organization|Mujahedin-e-Khalq Organization",
            "person:blendi-cuci=Bledi Cuci|Blendi Cuci",
            "person:nasser-kanaani=Kanaani|Naser Kanani|Nasser Kanaani",
        ])
        #expect(log.map(\.reason).contains("spelling \"naser-kanani\" ~ \"nasser-kanaani\""))
        #expect(Set(log.map(\.into)).count == 3)
    }

    @Test func peopleSharingASurnameStayApart() {
        let (names, _) = Self.resolve([
            Self.entity(.person, ["Nasser Kanaani", "Kanaani"], doc: "a"),
            Self.entity(.person, ["Ali Kanaani", "Kanaani"], doc: "b"),
            Self.entity(.person, ["Ali Hassan"], doc: "c"),
            Self.entity(.person, ["Ali Hussein"], doc: "d"),
        ])
        #expect(names.count == 4)
    }

    @Test func sharedNamesAndAcronymsMergeOnlyWithinAType() {
        let (names, log) = Self.resolve([
            Self.entity(.organization, ["People's Mojahedin Organization of Iran", "MEK"], doc: "a"),
            Self.entity(.organization, ["MEK", "MKO"], doc: "b"),
            Self.entity(.place, ["Georgia"], doc: "a"),
            Self.entity(.person, ["Georgia"], doc: "b"),
        ])
        #expect(names.count == 3)
        #expect(log.first?.reason == "same-name \"mek\"")
    }

    @Test func overridesApplyAndAreLogged() {
        let overrides = EntityOverrides(
            aliases: ["PMOI": "MKO"], merges: [["Ashraf 3", "Camp Ashraf"]], splits: [["Nasser Kanaani", "Naser Kanani"]],
            types: ["Ashraf 3": .facility], ignore: ["Creative Commons"])
        let (names, log) = Self.resolve([
            Self.entity(.organization, ["MKO"], doc: "a"),
            Self.entity(.organization, ["PMOI"], doc: "b"),
            Self.entity(.place, ["Ashraf 3"], doc: "a"),
            Self.entity(.facility, ["Camp Ashraf"], doc: "b"),
            Self.entity(.person, ["Nasser Kanaani"], doc: "a"),
            Self.entity(.person, ["Naser Kanani"], doc: "b"),
            Self.entity(.organization, ["Creative Commons"], doc: "a"),
        ], overrides)
        #expect(names == [
            "facility:camp-ashraf=Ashraf 3|Camp Ashraf",
            "organization:pmoi=MKO|PMOI",
            "person:nasser-kanaani=Nasser Kanaani",
            "person:naser-kanani=Naser Kanani",
        ].sorted())
        #expect(log.contains { $0.reason == "override" })
    }

    @Test func resolutionIsOrderFreeAndIdempotent() {
        let entities = [
            Self.entity(.person, ["Nasser Kanaani"], doc: "a"),
            Self.entity(.person, ["Naser Kanani"], doc: "b"),
            Self.entity(.organization, ["MKO", "MEK"], doc: "a"),
            Self.entity(.organization, ["MEK"], doc: "c"),
        ]
        let once = EntityResolver.resolve(Graph(entities: entities)).graph
        let reversed = EntityResolver.resolve(Graph(entities: entities.reversed())).graph
        #expect(once == reversed)
        #expect(EntityResolver.resolve(once).graph == once)
    }
}
