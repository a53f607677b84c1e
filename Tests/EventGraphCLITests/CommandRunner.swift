import Foundation

/// Runs the built `eventgraph` executable, as a user would.
enum CommandRunner {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable sits beside the test bundle in the build products folder.
    static var executable: URL {
        var candidates: [URL] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(argv0.deletingLastPathComponent().appendingPathComponent("eventgraph"))
        candidates.append(argv0.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("eventgraph"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("eventgraph"))
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("eventgraph"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the tool with extra environment variables; `stdoutPath` sends standard output to a
    /// file (`/dev/full`, to see a failing write) instead of a pipe.
    static func run(_ arguments: [String], in directory: URL = repositoryRoot, environment extra: [String: String] = [:],
                    stdoutPath: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        let file = try stdoutPath.map { path in try FileHandle(forWritingTo: URL(fileURLWithPath: path)) }
        process.standardOutput = file ?? out
        process.standardError = err
        try process.run()
        defer { try? file?.close() }
        // Read both pipes before waiting, so a chatty child cannot fill a pipe and block.
        let stdoutData = file == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Runs another program (python3, xmllint, ...) through `env`, with extra environment
    /// variables; standard output and error together.
    static func tool(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if let module = MissingPythonModule(output: output) { throw module }
        if process.terminationStatus == 127, let tool = arguments.first, output.contains("No such file or directory") { throw MissingSystemTool(tool: tool) }
        return (process.terminationStatus, output)
    }

    /// A system tool a test calls is not installed: one line naming the Debian package that has it.
    struct MissingSystemTool: Error, CustomStringConvertible {
        let tool: String

        static let packages = ["xmllint": "libxml2-utils", "cmark-gfm": "cmark-gfm", "chromium": "chromium", "python3": "python3"]

        var description: String {
            "\(tool) is not installed: run the tests with Scripts/test, which installs Debian's \(Self.packages[tool] ?? tool)"
        }
    }

    /// A Python reader a test calls is not installed: one line that names it, instead of the
    /// decoding error its traceback would cause.
    struct MissingPythonModule: Error, CustomStringConvertible {
        let module: String

        init?(output: String) {
            guard let range = output.range(of: "ModuleNotFoundError: No module named '") else { return nil }
            module = String(output[range.upperBound...].prefix { $0 != "'" })
        }

        var description: String {
            "python3 has no module '\(module)': run the tests with Scripts/test, which installs Tests/Support/requirements.txt"
        }
    }

    /// Validates JSON files against `Schemas/graph.schema.json` with Python's `jsonschema`.
    static func validateAgainstSchema(_ paths: [String]) throws -> Output {
        let result = try tool(["python3", repositoryRoot.appendingPathComponent("Tests/Support/validate_json_schema.py").path,
                               repositoryRoot.appendingPathComponent("Schemas/graph.schema.json").path] + paths)
        return Output(status: result.status, stdout: result.output, stderr: "")
    }

    static func temporaryFolder() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("eventgraph-cli-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
