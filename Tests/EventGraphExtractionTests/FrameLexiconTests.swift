@testable import EventGraphExtraction
import Foundation
import Testing

/// The frame lexicon (`Resources/events/frames.tsv`) against its sources, one test per derivation
/// step of `Scripts/build-frames.py`: every row says where it comes from, and that source says so.
@Suite struct FrameLexiconTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Row { var lemma: String; var pos: String; var type: String; var relation: String; var source: String }

    static func frames() throws -> [Row] {
        try ExtractionResources.table("events/frames.tsv", columns: ["lemma", "pos", "type", "relation", "object", "cameo", "source"]).map {
            // A reviewed row's source ends in " review": the review is checked on its own.
            Row(lemma: $0.fields["lemma"]!, pos: $0.fields["pos"]!, type: $0.fields["type"]!, relation: $0.fields["relation"]!,
                source: $0.fields["source"]!.replacingOccurrences(of: " review", with: ""))
        }
    }

    /// A training table's rows (tab-separated, '#' comments, a header).
    static func training(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let header = lines[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))) }
    }

    /// The review decides last: a reviewed lemma has the reviewed type, whatever its source.
    static func reviewed() throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try training("Training/frames/review.tsv") { out[row["lemma"]! + "/" + row["pos"]!] = row["type"]! }
        return out
    }

    @Test func theLexiconIsLargeAndEverySourceContributes() throws {
        let rows = try Self.frames()
        #expect(rows.count >= 550)
        for prefix in ["cameo:", "propbank:", "wordnet:", "review"] {
            #expect(rows.contains { $0.source.hasPrefix(prefix) }, "no row from \(prefix)")
        }
    }

    /// Step 1: a CAMEO row's verb is listed in that block of PETRARCH2's dictionary, and the block
    /// maps to the row's type.
    @Test func cameoRowsAreInTheirBlock() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Training/petrarch2/CAMEO.verbpatterns.150430.txt"), encoding: .isoLatin1)
        var blockOf: [String: Set<String>] = [:]
        var block: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("--- ") {
                block = line.dropFirst(4).split(separator: " ").first.map(String.init)
                continue
            }
            guard let block, let first = line.split(separator: "#").first?.split(separator: " ").first, !first.hasPrefix("-") else { continue }
            let lemma = first.trimmingCharacters(in: CharacterSet(charactersIn: "+_")).lowercased().replacingOccurrences(of: "_", with: " ")
            blockOf[lemma, default: []].insert(block)
        }
        let blocks = Dictionary(uniqueKeysWithValues: try Self.training("Training/frames/cameo-blocks.tsv").map { ($0["block"]!, $0["type"]!) })
        let reviewed = try Self.reviewed()
        let rows = try Self.frames().filter { $0.source.hasPrefix("cameo:") }
        #expect(rows.count >= 150)
        for row in rows {
            let block = String(row.source.dropFirst("cameo:".count).prefix { $0 != " " })
            #expect(blockOf[row.lemma]?.contains(block) == true, "\(row.lemma) is not in CAMEO block \(block)")
            #expect((reviewed[row.lemma + "/verb"] ?? blocks[block]) == row.type, "\(row.lemma): block \(block) gives \(blocks[block] ?? "-")")
        }
    }

    /// Steps 2 and 3: a PropBank row's lemma is an alias of that roleset with that part of speech;
    /// a FrameNet row's roleset links to the frame, which maps to the row's type; a nominalization's
    /// verb is a row of the same type.
    @Test func propBankRowsAreAliasesOfTheirRoleset() throws {
        var aliases: [String: Set<String>] = [:]
        var frames: [String: Set<String>] = [:]
        for row in try Self.training("Training/propbank/rolesets.tsv") {
            aliases[row["roleset"]!] = Set(row["aliases"]!.split(separator: " ").map { $0.replacingOccurrences(of: "_", with: " ").lowercased() })
            frames[row["roleset"]!] = Set(row["framenet"]!.split(separator: " ").map(String.init))
        }
        let frameTypes = Dictionary(uniqueKeysWithValues: try Self.training("Training/frames/framenet-frames.tsv").map { ($0["frame"]!, $0["type"]!) })
        let reviewed = try Self.reviewed()
        let all = try Self.frames()
        let verbs = Dictionary(all.filter { $0.pos == "verb" }.map { ($0.lemma, $0.type) }, uniquingKeysWith: { a, _ in a })
        let rows = all.filter { $0.source.hasPrefix("propbank:") }
        #expect(rows.count >= 150)
        for row in rows {
            let parts = row.source.split(separator: " ").map(String.init)
            let roleset = String(parts[0].dropFirst("propbank:".count))
            let pos = row.pos == "verb" ? "v" : "n"
            #expect(aliases[roleset]?.contains("\(row.lemma)/\(pos)") == true, "\(row.lemma)/\(pos) is no alias of \(roleset)")
            let type = reviewed[row.lemma + "/" + row.pos]
            if parts.count > 1, parts[1].hasPrefix("framenet:") {
                let frame = String(parts[1].dropFirst("framenet:".count))
                #expect(frames[roleset]?.contains(frame) == true, "\(roleset) links to no \(frame)")
                #expect((type ?? frameTypes[frame]) == row.type, "\(row.lemma): frame \(frame)")
            } else if let of = parts.firstIndex(of: "of"), of + 1 < parts.count {
                let verb = parts[(of + 1)...].joined(separator: " ")
                #expect((type ?? verbs[verb]) == row.type, "\(row.lemma) is a nominalization of \(verb), typed \(verbs[verb] ?? "-")")
            }
        }
    }

    /// Step 4: every reviewed rejection is absent, every reviewed type present.
    @Test func reviewDecisionsHold() throws {
        let rows = try Self.frames()
        let present = Dictionary(rows.map { ($0.lemma + "/" + $0.pos, $0.type) }, uniquingKeysWith: { a, _ in a })
        var last: [String: String] = [:]
        for row in try Self.training("Training/frames/review.tsv") { last[row["lemma"]! + "/" + row["pos"]!] = row["type"]! }
        for (key, type) in last.sorted(by: { $0.key < $1.key }) {
            if type == "reject" { #expect(present[key] == nil, "\(key) was rejected") } else { #expect(present[key] == type, "\(key) should be \(type)") }
        }
    }

    /// Step 5: a WordNet row comes from a reviewed seed of the same type.
    @Test func wordNetRowsComeFromReviewedSeeds() throws {
        let seeds = Set(try Self.training("Training/frames/wordnet-seeds.tsv").map { $0["lemma"]! + "/" + $0["pos"]! })
        let all = try Self.frames()
        let types = Dictionary(all.map { ($0.lemma + "/" + $0.pos, $0.type) }, uniquingKeysWith: { a, _ in a })
        let rows = all.filter { $0.source.hasPrefix("wordnet:") }
        #expect(rows.count >= 80)
        for row in rows {
            // "wordnet:noun.07411456 hyponym of earthquake": the seed's part of speech is the synset's.
            let parts = row.source.split(separator: " ").map(String.init)
            let pos = parts[0].dropFirst("wordnet:".count).prefix { $0 != "." }
            let seed = parts.drop { !["of", "from"].contains($0) }.dropFirst().joined(separator: " ")
            #expect(seeds.contains("\(seed)/\(pos)"), "\(row.lemma) comes from \(seed)/\(pos), which is no seed")
            #expect(types["\(seed)/\(pos)"] == row.type, "\(row.lemma): seed \(seed) is typed \(types["\(seed)/\(pos)"] ?? "-")")
        }
    }

    /// The whole derivation, rerun: the committed table is what the script gives from the committed
    /// sources (and Debian's WordNet, which `.ci/run` installs).
    @Test func theTableIsWhatTheScriptGives() throws {
        let result = try Self.python(["Scripts/build-frames.py", "--check"])
        #expect(result.status == 0, "\(result.output)")
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
