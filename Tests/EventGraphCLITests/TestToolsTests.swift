import Foundation
import Testing

/// The tests' own tooling: a Python reader that is not installed fails the test with one line that
/// names it, never with the decoding error its traceback would cause.
@Suite struct TestToolsTests {
    @Test func aMissingPythonModuleIsNamedInOneLine() throws {
        let missing = "eventgraph_no_such_module_for_tests"
        do {
            _ = try CommandRunner.tool(["python3", "-c", "import \(missing)"])
            Issue.record("a missing module must throw")
        } catch let error as CommandRunner.MissingPythonModule {
            #expect(error.module == missing)
            #expect(error.description == "python3 has no module '\(missing)': run the tests with Scripts/test, which installs Tests/Support/requirements.txt")
            #expect(!error.description.contains("\n"))
        }
        // A module that is there changes nothing.
        #expect(try CommandRunner.tool(["python3", "-c", "import json; print('ok')"]).output == "ok\n")
    }

    @Test func aMissingSystemToolIsNamedWithItsPackage() throws {
        do {
            _ = try CommandRunner.tool(["eventgraph-no-such-tool", "--version"])
            Issue.record("a missing tool must throw")
        } catch let error as CommandRunner.MissingSystemTool {
            #expect(error.description == "eventgraph-no-such-tool is not installed: run the tests with Scripts/test, which installs Debian's eventgraph-no-such-tool")
        }
        #expect(CommandRunner.MissingSystemTool(tool: "xmllint").description == "xmllint is not installed: run the tests with Scripts/test, which installs Debian's libxml2-utils")
    }
}
