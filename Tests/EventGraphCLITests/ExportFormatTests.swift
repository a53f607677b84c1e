import EventGraphCore
import EventGraphExport
import Foundation
import Testing

/// Every export goes through one enum and one exporter signature: the commands' help, validation
/// and file names follow from `ExportFormat.allCases`.
@Suite struct ExportFormatTests {
    @Test func everyFormatIsOfferedByExportBuildAndMerge() throws {
        let export = try CommandRunner.run(["export", "--help"]).stdout
        for format in ExportFormat.allCases { #expect(export.contains("\(format.rawValue)") && export.contains(format.summary), "export --help: \(format)") }
        for command in ["build", "merge"] {
            let help = try CommandRunner.run([command, "--help"]).stdout
            for format in ExportFormat.besideGraphJSON { #expect(help.contains(format.summary), "\(command) --help: \(format)") }
            #expect(help.contains("--base <IRI>"), "\(command) --help")
        }
        #expect(Set(ExportFormat.allCases.map(\.fileSuffix)).count == ExportFormat.allCases.count)
    }

    /// `export --format F` writes exactly what `build --formats F` writes beside the graph JSON.
    @Test(arguments: ExportFormat.besideGraphJSON)
    func exportAndBuildWriteTheSameBytes(_ format: ExportFormat) throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appendingPathComponent("seed").path
        let build = try CommandRunner.run(["build", "seeds", "-o", prefix, "--formats", format.rawValue])
        #expect(build.status == 0, "\(build.stderr)")
        let exported = folder.appendingPathComponent("exported").path
        #expect(try CommandRunner.run(["export", prefix + ".graph.json", "--format", format.rawValue, "-o", exported]).status == 0)
        let built = try Data(contentsOf: URL(fileURLWithPath: prefix + format.fileSuffix))
        if format == .html {
            // The page's title differs (`export --title`); the rest is the same.
            #expect(String(decoding: built, as: UTF8.self).contains("<title>EventGraph network</title>"))
        }
        #expect(built == (try Data(contentsOf: URL(fileURLWithPath: exported))))
        let others = ExportFormat.besideGraphJSON.filter { $0 != format }.map { prefix + $0.fileSuffix }
        #expect(others.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
    }
}
