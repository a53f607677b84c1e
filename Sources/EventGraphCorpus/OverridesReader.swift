import EventGraphCore
import Foundation
import Yams

/// Reads a user's entity overrides:
///
///     aliases:            # extra name: name of the entity it belongs to
///       PMOI: MKO
///     merge:              # groups of names that are one entity
///       - [Mujahedin-e-Khalq Organization, People's Mojahedin Organization of Iran]
///     split:              # groups of names that must stay apart
///       - [Ali Kanaani, Nasser Kanaani]
///     types:              # names whose entity has another type
///       Ashraf-3: facility
///     ignore:             # names that are not entities
///       - Creative Commons
public enum OverridesReader {
    /// The file `build` looks for in a corpus folder when `--overrides` is not given.
    public static let defaultFileName = "eventgraph.overrides.yaml"

    public static func read(path: String) throws(CorpusError) -> EntityOverrides {
        guard let data = FileManager.default.contents(atPath: path) else { throw .notFound(SourceLocation(path: path)) }
        let text = try TextDecoding.decode([UInt8](data), path: path)
        if let alias = YAMLAliasScanner.firstAlias(in: text) {
            throw .invalidYAML(SourceLocation(path: path, line: alias.line, column: alias.column), problem: FrontMatterTextReader.aliasProblem)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            if case .invalidFrontMatter(let location, let problem) = FrontMatterTextReader.yamlError(error, path: path, firstLine: 1) {
                throw .invalidYAML(location, problem: problem)
            }
            throw .invalidYAML(SourceLocation(path: path), problem: "\(error)")
        } catch {
            throw .invalidYAML(SourceLocation(path: path), problem: "\(error)")
        }
        guard let root else { return .none }
        guard let mapping = root.mapping else { throw .wrongFieldType(location(root, path), field: "overrides", expected: "a mapping") }
        var overrides = EntityOverrides()
        overrides.file = path
        for (keyNode, value) in mapping {
            let at = location(value, path)
            switch keyNode.string {
            case "aliases":
                guard let pairs = value.mapping else { throw .wrongFieldType(at, field: "aliases", expected: "a mapping of name: name") }
                for (alias, target) in pairs {
                    guard let a = alias.string, let t = target.string else { throw .wrongFieldType(location(target, path), field: "aliases", expected: "a name") }
                    overrides.aliases[a] = t
                    overrides.lines[EntityOverrides.entryKey("aliases", a)] = location(alias, path).line
                }
            case "merge", "split":
                guard let groups = value.sequence else { throw .wrongFieldType(at, field: keyNode.string!, expected: "a list of name lists") }
                for group in groups {
                    guard let names = group.sequence?.compactMap(\.string), names.count >= 2 else {
                        throw .wrongFieldType(location(group, path), field: keyNode.string!, expected: "a list of two names or more")
                    }
                    let kind = keyNode.string == "merge" ? "merge" : "split"
                    overrides.lines[EntityOverrides.entryKey(kind, String(kind == "merge" ? overrides.merges.count : overrides.splits.count))] = location(group, path).line
                    if kind == "merge" { overrides.merges.append(names) } else { overrides.splits.append(names) }
                }
            case "types":
                guard let pairs = value.mapping else { throw .wrongFieldType(at, field: "types", expected: "a mapping of name: type") }
                for (name, type) in pairs {
                    guard let n = name.string, let t = type.string.flatMap(EntityType.init(rawValue:)) else {
                        throw .wrongFieldType(location(type, path), field: "types", expected: "person, organization, place or facility")
                    }
                    overrides.types[n] = t
                    overrides.lines[EntityOverrides.entryKey("types", n)] = location(name, path).line
                }
            case "ignore":
                guard let items = value.sequence, case let names = items.compactMap(\.string), names.count == items.count else {
                    throw .wrongFieldType(at, field: "ignore", expected: "a list of names")
                }
                for item in items { overrides.lines[EntityOverrides.entryKey("ignore", item.string!)] = location(item, path).line }
                overrides.ignore += names
            default:
                throw .wrongFieldType(location(keyNode, path), field: keyNode.string ?? "?", expected: "one of aliases, merge, split, types, ignore")
            }
        }
        return overrides
    }

    private static func location(_ node: Node, _ path: String) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(path: path) }
        return SourceLocation(path: path, line: mark.line, column: mark.column)
    }
}
