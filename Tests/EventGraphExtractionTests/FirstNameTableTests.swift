import Foundation
import Testing

/// `Resources/entities/first-names.tsv` is generated (Scripts/first-names.py); its census rows must
/// be exactly what the rule gives from the committed census files, so that the table cannot drift
/// from its source by hand edits.
@Suite struct FirstNameTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Name (title case) → share of the population of one sex, from a census file.
    static func shares(_ file: String) throws -> [String: Double] {
        let text = try String(contentsOf: root.appendingPathComponent("Training/census-1990/\(file)"), encoding: .ascii)
        var shares: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 4, let share = Double(fields[1]) else { continue }
            shares[fields[0].prefix(1) + fields[0].dropFirst().lowercased()] = share
        }
        return shares
    }

    @Test func censusRowsFollowTheFourToOneRule() throws {
        let male = try Self.shares("dist.male.first"), female = try Self.shares("dist.female.first")
        #expect(male.count == 1219 && female.count == 4275)
        var expected: [String] = []
        for name in Set(male.keys).union(female.keys).sorted() where name.count >= 2 {
            let (m, f) = (male[name] ?? 0, female[name] ?? 0)
            if m >= 4 * f { expected.append("\(name)\tm") } else if f >= 4 * m { expected.append("\(name)\tf") }
        }
        let table = try String(contentsOf: Self.root.appendingPathComponent("Sources/EventGraphExtraction/Resources/entities/first-names.tsv"), encoding: .utf8)
        let census = table.split(separator: "\n").filter { $0.hasSuffix("\tcensus-1990") }.map { String($0.dropLast("\tcensus-1990".count)) }
        #expect(census == expected)
        // Names borne by both sexes are absent.
        #expect(!census.contains { $0.hasPrefix("Terry\t") || $0.hasPrefix("Leslie\t") })
    }
}
