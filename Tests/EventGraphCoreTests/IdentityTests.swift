import EventGraphCore
import Testing

@Suite struct IdentityTests {
    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hexDigest(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(of: String(repeating: "a", count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        // 55 and 56 bytes straddle the padding boundary.
        #expect(SHA256.hexDigest(of: String(repeating: "b", count: 55)).count == 64)
        #expect(SHA256.hexDigest(of: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test(arguments: [
        ("MKO", "mko"),
        ("Mujahedin-e-Khalq Organization", "mujahedin-e-khalq-organization"),
        ("Manëz", "manez"),
        ("Durrës", "durres"),
        ("Ka'nani", "kanani"),
        ("Iran’s Foreign Ministry", "irans-foreign-ministry"),
        ("al-Maliki", "al-maliki"),
        ("Ashraf-3", "ashraf-3"),
        ("Ashraf 3", "ashraf-3"),
        ("U.S. forces", "u-s-forces"),
        ("  Straße  ", "strasse"),
        ("Łódź", "lodz"),
    ])
    func slugs(_ name: String, _ slug: String) {
        #expect(Slug.make(name) == slug)
    }

    @Test func slugOfNameWithoutLettersIsStillAToken() {
        let slug = Slug.make("—")
        #expect(slug.hasPrefix("x") && slug.count == 9)
        #expect(Slug.make("—") == slug)
    }

    @Test func entityIDsAreNMTokens() {
        let id = StableID.entity(type: .organization, canonicalName: "Albania’s Special Court Against Crime & Corruption")
        #expect(id == "organization:albanias-special-court-against-crime-corruption")
        #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ":") })
    }

    @Test func eventIDsIgnoreParticipantOrderButNotContent() throws {
        let date = try #require(TimeValue(timex: "2023-06-20"))
        let police = Participant(role: .agent, entity: "organization:albanian-police")
        let camp = Participant(role: .target, entity: "facility:ashraf-3")
        let a = StableID.event(type: "raid", date: date, participants: [police, camp])
        #expect(a == StableID.event(type: "raid", date: date, participants: [camp, police]))
        #expect(a.hasPrefix("event:raid-"))
        #expect(a != StableID.event(type: "raid", date: TimeValue(timex: "2023-06-29"), participants: [police, camp]))
        #expect(a != StableID.event(type: "raid", date: nil, participants: [police, camp]))
        #expect(a != StableID.event(type: "clash", date: date, participants: [police, camp]))
    }

    @Test func relationIDsSeparateModalityAndSpeaker() {
        func id(_ modality: Modality, by: String? = "person:nasser-kanaani") -> String {
            StableID.relation(type: "cited-as", source: "organization:mko", target: nil, label: "terrorist cult", by: by, time: nil, modality: modality)
        }
        #expect(id(.asserted) == id(.asserted))
        #expect(id(.asserted) != id(.negated))
        #expect(id(.asserted) != id(.asserted, by: nil))
        #expect(id(.asserted).hasPrefix("relation:cited-as-"))
    }
}
