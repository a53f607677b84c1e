extension EntityResolver {
    /// The overrides that would change nothing in this graph (they name no entity), and merge and
    /// split groups that name the same pair (the split wins): each a warning at its line, in
    /// file order. Names are compared folded, as resolution compares them.
    public static func overrideWarnings(_ overrides: EntityOverrides, entities: [Entity]) -> [OverrideWarning] {
        var named: [String: Set<String>] = [:]
        for entity in entities { for name in entity.allNames { named[key(name), default: []].insert(entity.id) } }
        func entitiesNamed(_ names: [String]) -> Set<String> { names.reduce(into: Set<String>()) { $0.formUnion(named[key($1)] ?? []) } }
        var warnings: [OverrideWarning] = []
        func warn(_ kind: String, _ item: String, _ message: String) {
            warnings.append(OverrideWarning(file: overrides.file, line: overrides.lines[EntityOverrides.entryKey(kind, item)] ?? 1, message: message))
        }
        for (alias, target) in overrides.aliases.sorted(by: { $0.key < $1.key }) where named[key(target)] == nil {
            warn("aliases", alias, "alias '\(alias)': no entity is named '\(target)'; nothing added")
        }
        for (name, type) in overrides.types.sorted(by: { $0.key < $1.key }) where named[key(name)] == nil {
            warn("types", name, "type \(type.rawValue) for '\(name)': no entity has that name; nothing changed")
        }
        for name in overrides.ignore where named[key(name)] == nil {
            warn("ignore", name, "ignore '\(name)': no entity has that name; nothing removed")
        }
        for (index, group) in overrides.merges.enumerated() where entitiesNamed(group).count < 2 {
            warn("merge", String(index), "merge [\(group.joined(separator: ", "))]: these names are \(entitiesNamed(group).count) entities, not two or more; nothing merged")
        }
        for (index, group) in overrides.splits.enumerated() where entitiesNamed(group).count < 2 {
            warn("split", String(index), "split [\(group.joined(separator: ", "))]: these names are \(entitiesNamed(group).count) entities; nothing to keep apart")
        }
        for (m, merge) in overrides.merges.enumerated() {
            let mergeKeys = Set(merge.map(key))
            for split in overrides.splits where mergeKeys.intersection(split.map(key)).count >= 2 {
                warn("merge", String(m), "merge [\(merge.joined(separator: ", "))] names a pair that split [\(split.joined(separator: ", "))] keeps apart; the split wins")
            }
        }
        return warnings.sorted { ($0.line, $0.message) < ($1.line, $1.message) }
    }
}
