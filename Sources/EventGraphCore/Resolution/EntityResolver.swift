import Foundation
/// Makes one node per real-world entity across the corpus: entities of one type are merged when
/// they share a name (after folding case, diacritics, apostrophes, hyphens and spaces), an
/// acronym, or a full name spelled a little differently or romanized another way ("Naser Kanani" /
/// "Nasser Kanaani", "Muammar Gaddafi" / "Muammar Kadhafi",
/// "Mojahedin" / "Mujahedin"). A person's surname alone never merges two people. Every merge is
/// logged with its reason; user overrides come first.
///
/// The result depends only on the set of entities, not on their order, and resolving a resolved
/// graph changes nothing.
public enum EntityResolver {
    public static func resolve(_ graph: Graph, overrides: EntityOverrides = .none) -> (graph: Graph, log: [MergeRecord]) {
        let ignored = Set(overrides.ignore.map(key))
        var entities = graph.entities.filter { entity in !entity.allNames.contains { ignored.contains(key($0)) } }
        // What each override did goes into the merge log beside the merges, reason "override: ...".
        var effects: [MergeRecord] = []
        for entity in graph.entities {
            if let name = entity.allNames.first(where: { ignored.contains(key($0)) }) {
                effects.append(MergeRecord(into: "(ignored)", merged: entity.id, reason: "override: ignore \"\(key(name))\""))
            }
        }
        // Type fixes and aliases first, so that they take part in matching. Both are looked up by
        // folded name (a table each, built in name order so that two overrides that fold alike
        // resolve the same way every run): linear in entities plus overrides.
        var typeByKey: [String: EntityType] = [:]
        for (name, type) in overrides.types.sorted(by: { $0.key < $1.key }) where typeByKey[key(name)] == nil { typeByKey[key(name)] = type }
        var aliasesByTargetKey: [String: [String]] = [:]
        for (alias, target) in overrides.aliases.sorted(by: { $0.key < $1.key }) { aliasesByTargetKey[key(target), default: []].append(alias) }
        for i in entities.indices {
            let before = entities[i]
            for name in before.allNames {
                if let type = overrides.types[name] ?? typeByKey[key(name)] { entities[i].type = type }
            }
            if entities[i].type != before.type {
                effects.append(MergeRecord(into: before.id, merged: before.id, reason: "override: type \(before.type.rawValue) → \(entities[i].type.rawValue)"))
            }
            let extra = Set(before.allNames.flatMap { aliasesByTargetKey[key($0)] ?? [] }).subtracting(before.allNames)
            if !extra.isEmpty {
                entities[i].aliases = Array(Set(entities[i].aliases).union(extra)).sorted()
                effects.append(MergeRecord(into: before.id, merged: before.id, reason: "override: aliases + " + extra.sorted().joined(separator: ", ")))
            }
        }
        entities.sort()
        let splitGroups = overrides.splits.map { Set($0.map(key)) }

        var parent = Array(entities.indices)
        var reasons: [Int: String] = [:]
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        func keptApart(_ a: Int, _ b: Int) -> Bool {
            let (na, nb) = (Set(entities[a].allNames.map(key)), Set(entities[b].allNames.map(key)))
            return splitGroups.contains { group in !group.isDisjoint(with: na) && !group.isDisjoint(with: nb) && na.isDisjoint(with: nb) }
        }
        func union(_ a: Int, _ b: Int, _ reason: String) {
            let (ra, rb) = (find(a), find(b))
            guard ra != rb, entities[a].type == entities[b].type, !keptApart(a, b) else { return }
            let (low, high) = (min(ra, rb), max(ra, rb))
            parent[high] = low
            reasons[high] = reasons[high] ?? reason
        }

        // Forced merges.
        for group in overrides.merges {
            let keys = Set(group.map(key))
            let members = entities.indices.filter { i in entities[i].allNames.contains { keys.contains(key($0)) } }
            for m in members.dropFirst() { union(members[0], m, "override") }
        }
        // Same name, or same acronym.
        var byKey: [String: Int] = [:]
        for (i, entity) in entities.enumerated() {
            for name in entity.allNames.sorted() where entity.type != .person || wordCount(name) >= 2 {
                let k = "\(entity.type.rawValue)|\(key(name))"
                if let j = byKey[k] { union(j, i, "same-name \"\(key(name))\"") } else { byKey[k] = i }
            }
        }
        // Spelling variants of full names: same number of words, each word equal after folding
        // doubled letters, or (for words of five letters or more) one edit apart.
        let spelled = entities.map(SpelledNames.init)
        for (a, b) in spellingCandidates(entities, spelled) {
            if let pair = spellingMatch(spelled[a], spelled[b]) { union(a, b, "spelling \"\(pair.0)\" ~ \"\(pair.1)\"") }
        }

        let (merged, idMap, log) = clusteredEntities(entities, find: find, reasons: reasons)
        // Ids of ignored entities vanish with what points at them; all others are renamed.
        let removed = Set(graph.entities.map(\.id)).subtracting(entities.map(\.id))
        let result = Graph(canonicalDocuments: graph.documents, entities: joiningSameIDs(merged),
                           timexes: graph.timexes, events: remappedEvents(graph.events, idMap: idMap, removed: removed),
                           relations: remappedRelations(graph.relations, idMap: idMap, removed: removed))
        // An entity's id after resolution, for effects logged before it.
        let resolvedEffects = effects.map { MergeRecord(into: idMap[$0.into] ?? $0.into, merged: $0.merged, reason: $0.reason) }
        return (result, Array(Set(log + resolvedEffects)).sorted())
    }

    /// One entity per cluster (named by its mentions), the id each member goes by now, and why
    /// members were merged. A cluster of one whose entity comes out the same is that entity, kept
    /// as it is, so that its mentions are not copied.
    private static func clusteredEntities(_ entities: [Entity], find: (Int) -> Int, reasons: [Int: String]) -> (entities: [Entity], idMap: [String: String], log: [MergeRecord]) {
        var clusters: [Int: [Int]] = [:]
        for i in entities.indices { clusters[find(i), default: []].append(i) }
        var idMap: [String: String] = [:]
        var merged: [Entity] = []
        var log: [MergeRecord] = []
        for (_, members) in clusters.sorted(by: { $0.key < $1.key }) {
            let type = entities[members[0]].type
            let names = Set(members.flatMap { entities[$0].allNames })
            let mentions = members.count == 1 ? entities[members[0]].mentions : members.flatMap { entities[$0].mentions }
            let used = mentions.map(\.text.straightApostrophes).filter { names.contains($0) }
            let name = used.isEmpty ? (Entity.canonicalName(among: names) ?? "") : Entity.canonicalName(mentions: used, type: type)
            let existing = entities[members[0]]
            let reused = members.count == 1 && existing.name == name && existing.id == StableID.entity(type: type, canonicalName: name)
                && existing.aliases == Array(names.subtracting([name])).sorted() && existing.mentions.isCanonical
            let entity = reused ? existing : Entity(type: type, name: name, aliases: Array(names), mentions: mentions)
            for m in members {
                idMap[entities[m].id] = entity.id
                if members.count > 1, m != members[0] || entities[m].id != entity.id {
                    log.append(MergeRecord(into: entity.id, merged: entities[m].id, reason: reasons[m] ?? reasons[find(m)] ?? "same cluster"))
                }
            }
            merged.append(entity)
        }
        return (merged, idMap, log)
    }

    /// Events with their participants renamed and those of ignored entities dropped; an event
    /// whose identity comes out the same is kept as it is.
    private static func remappedEvents(_ events: [Event], idMap: [String: String], removed: Set<String>) -> [Event] {
        let remap = { (id: String) in idMap[id] ?? id }
        let renamed = events.map { event -> Event in
            let participants = event.participants.filter { !removed.contains($0.entity) }.map { Participant(role: $0.role, entity: remap($0.entity)) }
            let by = event.by.flatMap { removed.contains($0) ? nil : remap($0) }
            let sortedParticipants = Array(Set(participants)).sorted()
            let id = StableID.event(type: event.type, date: event.date, participants: sortedParticipants, modality: event.modality, by: by, label: event.label)
            if id == event.id, sortedParticipants == event.participants, by == event.by, event.evidence.isCanonical { return event }
            return Event(id: id, type: event.type, date: event.date, participants: sortedParticipants, modality: event.modality, by: by, label: event.label, evidence: event.evidence)
        }
        return joiningSameIDs(renamed)
    }

    /// Relations with their ends renamed and those touching ignored entities dropped; a relation
    /// whose identity comes out the same is kept as it is.
    private static func remappedRelations(_ relations: [Relation], idMap: [String: String], removed: Set<String>) -> [Relation] {
        let remap = { (id: String) in idMap[id] ?? id }
        let renamed = relations.compactMap { r -> Relation? in
            guard !removed.contains(r.source), !(r.target.map(removed.contains) ?? false) else { return nil }
            let (source, target) = (remap(r.source), r.target.map(remap))
            let by = r.by.flatMap { removed.contains($0) ? nil : remap($0) }
            let id = StableID.relation(type: r.type, source: source, target: target, label: r.label, by: by, time: r.time, modality: r.modality)
            if id == r.id, source == r.source, target == r.target, by == r.by, r.evidence.isCanonical { return r }
            return Relation(id: id, type: r.type, source: source, target: target, label: r.label, by: by, time: r.time, modality: r.modality, evidence: r.evidence)
        }
        return joiningSameIDs(renamed)
    }

    /// Items sorted by id, those that came out with one id joined by the merger's rules (two
    /// clusters whose names slug alike are one node; two events that became one are one).
    private static func joiningSameIDs<Item: Identified>(_ items: [Item]) -> [Item] {
        let sorted = items.sorted { $0.id < $1.id }
        guard zip(sorted, sorted.dropFirst()).contains(where: { $0.id == $1.id }) else { return sorted }
        var out: [Item] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end].id == sorted[start].id { end += 1 }
            out.append(end - start == 1 ? sorted[start] : Item.joined(sorted[start..<end]))
            start = end
        }
        return out
    }

    /// Case, diacritics, apostrophes, hyphens and spaces folded; a leading "the" dropped.
    static func key(_ name: String) -> String {
        let slug = Slug.make(name)
        return slug.hasPrefix("the-") ? String(slug.dropFirst(4)) : slug
    }

    static func wordCount(_ name: String) -> Int { name.split(separator: " ").count }

    /// The words of a name, folded, with doubled letters collapsed and "al-"/"el-" prefixes unified.
    static func skeleton(_ name: String) -> [String] {
        name.split(separator: " ").map { word in
            var folded = Slug.make(String(word)).replacingOccurrences(of: "-", with: "")
            if folded.hasPrefix("el") && word.lowercased().hasPrefix("el-") { folded = "al" + folded.dropFirst(2) }
            var out = ""
            for ch in folded where out.last != ch { out.append(ch) }
            return out
        }
    }

    /// An entity's names of two words or more, sorted, with their skeletons computed once.
    struct SpelledNames {
        var type: EntityType
        var names: [(name: String, skeleton: [String])]

        init(_ entity: Entity) {
            type = entity.type
            names = entity.allNames.sorted().filter { wordCount($0) >= 2 }.map { ($0, skeleton($0)) }
        }
    }

    /// The pairs of entities (lower index first, sorted) that could be spelling variants: those of
    /// one type whose names share a blocking key. A name's keys combine its word count with, for
    /// its first and its last word, the word or one of its one-letter deletions (words of five
    /// letters or more; shorter words must be equal). Two words one edit apart always share a
    /// deletion (or one is a deletion of the other), so no variant is missed, and since every
    /// word must match, names of different first words never meet: the work grows with the
    /// number of names, not with its square.
    static func spellingCandidates(_ entities: [Entity], _ spelled: [SpelledNames]) -> [(Int, Int)] {
        // (key, entity) rows sorted by key: runs of one key are the blocks. A key is a 64-bit
        // hash of type, word count and the two words' forms; two different keys that hash alike
        // only add a pair that `spellingMatch` then rejects.
        var rows: [(key: UInt64, entity: Int)] = []
        for (i, entity) in spelled.enumerated() {
            let typeHash = fnv1a(entity.type.rawValue)
            for (_, words) in entity.names {
                for blockKey in blockingKeys(words) { rows.append((typeHash ^ (UInt64(words.count) &* 0x9E37_79B9_7F4A_7C15) ^ blockKey, i)) }
            }
        }
        rows.sort { ($0.key, $0.entity) < ($1.key, $1.entity) }
        var pairs = Set<Int64>()
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count && rows[end].key == rows[start].key { end += 1 }
            for x in start..<end {
                for y in (x + 1)..<end where rows[x].entity != rows[y].entity { pairs.insert(Int64(rows[x].entity) << 32 | Int64(rows[y].entity)) }
            }
            start = end
        }
        return pairs.sorted().map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
    }

    /// The keys of a name's first and last word forms (`variants` of each), combined.
    static func blockingKeys(_ words: [String]) -> [UInt64] {
        func variants(_ word: String) -> [UInt64] {
            let letters = Array(word.utf8)
            guard letters.count >= 5 else { return [fnv1a(letters[...])] }
            // The hash of the word with letter i left out: the same for the same resulting string
            // whichever word it came from, which is what makes the keys meet.
            return [fnv1a(letters[...])] + letters.indices.map { i in fnv1a(letters[(i + 1)...], from: fnv1a(letters[..<i])) }
        }
        // The words as written and their transliteration keys: "Gaddafi" and "Kadhafi" are two
        // edits apart but their keys one, and `spellingMatch` accepts either.
        func forms(_ word: String) -> [UInt64] {
            let key = transliterationKey(word)
            return key == word ? variants(word) : variants(word) + variants(key).map { $0 ^ 0x5555_5555_5555_5555 }
        }
        let first = forms(words[0])
        guard words.count >= 2 else { return first }
        let last = forms(words[words.count - 1])
        return first.flatMap { f in last.map { f &* 0x9E37_79B9_7F4A_7C15 ^ $0 } }
    }

    static func fnv1a(_ text: String) -> UInt64 { fnv1a(Array(text.utf8)[...]) }

    /// FNV-1a, going on from `start` (the hash of what came before) so that the hash of a
    /// concatenation is the hash of its second part from the hash of its first.
    static func fnv1a(_ bytes: ArraySlice<UInt8>, from start: UInt64 = 0xCBF2_9CE4_8422_2325) -> UInt64 {
        var hash = start
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    private static func spellingMatch(_ a: SpelledNames, _ b: SpelledNames) -> (String, String)? {
        for (x, sx) in a.names {
            for (y, sy) in b.names where sx.count == sy.count {
                let close = zip(sx, sy).allSatisfy { p, q in
                    p == q || (min(p.count, q.count) >= 5 && (editDistance(p, q) <= 1 || editDistance(transliterationKey(p), transliterationKey(q)) <= 1))
                }
                if close { return (key(x), key(y)) }
            }
        }
        return nil
    }

    /// A word with the differences between romanizations of one Arabic, Persian or Russian name
    /// folded away ("Gaddafi", "Qaddafi", "Kadhafi" → "gadafi", "kadafi", "kadafi"): digraphs for one
    /// sound (dh, th, kh, gh, ph, ou, oo, ee) become one letter, q becomes k, and doubled letters
    /// one. Compared within one edit, like the words themselves.
    static func transliterationKey(_ word: String) -> String {
        var text = word
        for (digraph, letter) in [("dh", "d"), ("th", "t"), ("kh", "k"), ("gh", "g"), ("ph", "f"), ("ou", "u"), ("oo", "u"), ("ee", "i")] {
            text = text.replacingOccurrences(of: digraph, with: letter)
        }
        text = text.replacingOccurrences(of: "q", with: "k")
        var out = ""
        for character in text where character != out.last { out.append(character) }
        return out
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        var previous = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...max(1, y.count) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return x.isEmpty ? y.count : previous[y.count]
    }
}

