import Foundation
import Testing

/// The timeline page and the graph page in headless Chromium, driven over the DevTools protocol by
/// `Tests/Support/browser_check.py` through their own controls (the filter box, the zoom buttons,
/// the mouse wheel, a drag, the type filters, the time slider, a click that opens the evidence
/// panel), at desktop and phone sizes. Screenshots go to `.build/artifacts/screenshots/` (CI keeps
/// them as artifacts). Runs wherever Chromium is installed, and always in CI.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") || ProcessInfo.processInfo.environment["CI"] != nil))
struct BrowserPageTests {
    static let screenshots = CommandRunner.repositoryRoot.appendingPathComponent(".build/artifacts/screenshots")

    struct Check {
        var status: Int32
        var output: String
        var viewports: [String: [String: Any]]
    }

    static func check(_ page: URL, kind: String, queries: [String] = [], select: String? = nil) throws -> Check {
        let arguments = ["python3", CommandRunner.repositoryRoot.appendingPathComponent("Tests/Support/browser_check.py").path, page.path,
                         "--kind", kind, "--shots", screenshots.path] + queries.flatMap { ["--query", $0] } + (select.map { ["--select", $0] } ?? [])
        let run = try CommandRunner.tool(arguments)
        let summary = (try? JSONSerialization.jsonObject(with: Data(run.output.utf8))) as? [String: Any]
        return Check(status: run.status, output: run.output, viewports: summary?["viewports"] as? [String: [String: Any]] ?? [:])
    }

    static func expectCleanDOM(_ report: [String: Any], _ where_: String) {
        let dom = report["dom"] as? [String: Any] ?? [:]
        // The page's own three scripts (data, shared code, page code), nothing embedded, no handlers.
        #expect(dom["scripts"] as? Int == 3, "\(where_)")
        #expect(dom["embeds"] as? Int == 0, "\(where_)")
        #expect(dom["handlers"] as? Int == 0, "\(where_)")
        #expect((dom["hrefs"] as? [String] ?? []).allSatisfy { $0.hasPrefix("https://") || $0.hasPrefix("http://") }, "\(where_)")
    }

    @Test func timelinePageFiltersZoomsAndShowsEvidence() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("seed-timeline.html")
        #expect(try CommandRunner.run(["timeline", "Exports/seed.graph.json", "--format", "html", "-o", page.path]).status == 0)
        let check = try Self.check(page, kind: "timeline", queries: ["mek", "2023-06", "mehr", "police mko", "nosuchword"])
        #expect(check.status == 0, "\(check.output.prefix(3000))")
        #expect(check.viewports.keys.sorted() == ["desktop", "phone"])
        for (viewport, report) in check.viewports {
            #expect((report["errors"] as? [String])?.isEmpty == true, "\(viewport): \(report["errors"] ?? "")")
            let total = try #require(report["total"] as? Int)
            #expect(total > 30)
            #expect(report["drawn"] as? Int == total)
            let filters = report["filters"] as? [String: [String: Any]] ?? [:]
            for query in ["mek", "2023-06", "mehr", "police mko"] {
                let shown = filters[query]?["shown"] as? Int ?? -1
                #expect(shown > 0, "\(viewport) '\(query)' finds nothing")
                #expect(filters[query]?["count"] as? String == "\(shown) of \(total) shown", "\(viewport) '\(query)'")
                #expect(filters[query]?["drawn"] as? Int == shown)
            }
            // An alias, two words and a date narrow the timeline; an unknown word empties it.
            for query in ["mek", "police mko", "2023-06"] { #expect((filters[query]?["shown"] as? Int ?? total) < total, "\(viewport) '\(query)'") }
            #expect(filters["nosuchword"]?["count"] as? String == "0 of \(total) shown")
            #expect(report["cleared"] as? String == "\(total) of \(total) shown")
            let view = report["view"] as? [String: [String: Any]] ?? [:]
            let start = view["start"]?["days"] as? Double ?? 0, buttons = view["buttons"]?["days"] as? Double ?? 0
            #expect(abs(buttons - start / 4) < 1, "two clicks on + halve the span twice")
            #expect((view["wheel"]?["days"] as? Double ?? .infinity) < buttons, "the wheel zooms in")
            #expect(view["dragged"]?["from"] as? String != view["wheel"]?["from"] as? String, "a drag pans")
            #expect(view["dragged"]?["days"] as? Double == view["wheel"]?["days"] as? Double, "a drag keeps the zoom")
            #expect(view["fit"]?["days"] as? Double == start)
            let panel = report["panel"] as? [String: Any] ?? [:]
            #expect((panel["marks"] as? Int ?? 0) > 0, "the panel marks the spans")
            #expect((panel["passages"] as? Int ?? 0) > 0 && panel["sources"] as? Int == panel["passages"] as? Int)
            #expect((report["blank"] as? [String: Bool])?.values.contains(true) == false)
            Self.expectCleanDOM(report, viewport)
        }
        #expect((check.viewports["phone"]?["width"] as? Int ?? 999) <= 390, "no sideways scrolling on a phone")
    }

    @Test func graphPageSearchesFiltersSlidesAndShowsEvidence() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("seed-graph.html")
        #expect(try CommandRunner.run(["export", "Exports/seed.graph.json", "--format", "html", "-o", page.path]).status == 0)
        let check = try Self.check(page, kind: "graph", queries: ["mek", "albanian police"], select: "organization:mko")
        #expect(check.status == 0, "\(check.output.prefix(3000))")
        for (viewport, report) in check.viewports {
            #expect((report["errors"] as? [String])?.isEmpty == true, "\(viewport): \(report["errors"] ?? "")")
            let nodes = try #require(report["nodes"] as? Int)
            #expect(report["visible"] as? Int == nodes)
            let filters = report["filters"] as? [String: [String: Any]] ?? [:]
            #expect(filters["mek"]?["hits"] as? Int == 1, "the alias finds the MKO")
            #expect((filters["albanian police"]?["hits"] as? Int ?? 0) >= 1)
            let types = report["type_filter"] as? [String: Int] ?? [:]
            #expect((types["without_people"] ?? nodes) < nodes && types["again"] == nodes)
            let slider = report["slider"] as? [String: Any] ?? [:]
            #expect((slider["narrowed"] as? Int ?? nodes) < nodes && slider["restored"] as? Int == nodes)
            #expect((slider["label"] as? String)?.contains(" – ") == true)
            let zoom = report["zoom"] as? [String: Double] ?? [:]
            #expect((zoom["buttons"] ?? 0) > (zoom["start"] ?? 0) && (zoom["wheel"] ?? .infinity) < (zoom["buttons"] ?? 0))
            let panel = report["panel"] as? [String: Any] ?? [:]
            #expect((panel["marks"] as? Int ?? 0) > 0 && (panel["passages"] as? Int ?? 0) > 0)
            // The MKO's panel says how each outlet and speaker calls it, as `compare` does.
            let calledAs = (report["selected"] as? [String: Any])?["calledAs"] as? [String] ?? []
            #expect(calledAs.contains("terrorist cult Mehr News Agency ×1"), "\(viewport): \(calledAs)")
            #expect(calledAs.contains("the cause of the raid Mehr News Agency ×1 via Nasser Kanaani"), "\(viewport): \(calledAs)")
            #expect((report["blank"] as? [String: Bool])?.values.contains(true) == false)
            Self.expectCleanDOM(report, viewport)
        }
    }

    /// The comparison page of the mixed-outlet corpus: four sections, contents links that jump,
    /// evidence that opens, no script at all, nothing sideways on a phone.
    @Test func comparisonPageShowsItsSectionsAndOpensEvidence() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("mixed-compare.html")
        let run = try CommandRunner.run(["compare", "seeds", "Tests/Gold/dev/corpus", "Tests/Fixtures/compare", "--format", "html", "-o", page.path])
        #expect(run.status == 0, "\(run.stderr)")
        let check = try Self.check(page, kind: "compare")
        #expect(check.status == 0, "\(check.output.prefix(3000))")
        #expect(check.viewports.keys.sorted() == ["desktop", "phone"])
        for (viewport, report) in check.viewports {
            #expect((report["errors"] as? [String])?.isEmpty == true, "\(viewport): \(report["errors"] ?? "")")
            #expect(report["sections"] as? [String] == ["characterizations", "coverage", "disagreements", "attributions"])
            let blocks = report["blocks"] as? [String: Int] ?? [:]
            for section in ["characterizations", "coverage", "disagreements", "attributions"] { #expect((blocks[section] ?? 0) > 0, "\(viewport): \(section)") }
            #expect(report["contents"] as? Int == 4)
            #expect(abs(report["jumped"] as? Int ?? 999) <= 2, "\(viewport): the contents link scrolls to its section")
            let opened = report["opened"] as? [String: Any] ?? [:]
            #expect(opened["open"] as? Bool == true && (opened["sentences"] as? Int ?? 0) > 0, "\(viewport): \(opened)")
            let dom = report["dom"] as? [String: Any] ?? [:]
            #expect(dom["scripts"] as? Int == 0 && dom["embeds"] as? Int == 0 && dom["handlers"] as? Int == 0)
            #expect((report["blank"] as? [String: Bool])?.values.contains(true) == false)
        }
        #expect((check.viewports["phone"]?["width"] as? Int ?? 999) <= 390, "no sideways scrolling on a phone")
    }

    /// The checks can fail: a page that throws, our page with broken data, and our page with an
    /// injected fetch (blocked by its Content-Security-Policy, and reported) are all caught.
    @Test func brokenPagesAreCaught() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let throwing = folder.appendingPathComponent("broken-throws.html")
        try Data("<!DOCTYPE html><html><body><p>text</p><script>throw new Error('deliberate')</script></body></html>".utf8).write(to: throwing)
        let thrown = try Self.check(throwing, kind: "timeline")
        #expect(thrown.status == 1)
        #expect((thrown.viewports["desktop"]?["errors"] as? [String])?.contains { $0.contains("deliberate") } == true, "\(thrown.output.prefix(2000))")
        #expect(thrown.viewports["desktop"]?["api"] as? Bool == false)

        let page = folder.appendingPathComponent("good.html")
        #expect(try CommandRunner.run(["timeline", "Exports/seed.graph.json", "--format", "html", "-o", page.path]).status == 0)
        let html = try String(contentsOf: page, encoding: .utf8)
        let corrupted = folder.appendingPathComponent("broken-data.html")
        try Data(html.replacingOccurrences(of: "id=\"eventgraph-data\">{", with: "id=\"eventgraph-data\">{,").utf8).write(to: corrupted)
        let bad = try Self.check(corrupted, kind: "timeline")
        #expect(bad.status == 1)
        #expect((bad.viewports["desktop"]?["errors"] as? [String])?.isEmpty == false)

        let fetching = folder.appendingPathComponent("broken-fetch.html")
        try Data(html.replacingOccurrences(of: "<body>", with: "<body><img src=\"https://evil.example/pixel.png\">").utf8).write(to: fetching)
        let fetched = try Self.check(fetching, kind: "timeline")
        #expect(fetched.status == 1)
        #expect((fetched.viewports["desktop"]?["errors"] as? [String])?.contains { $0.contains("Content Security Policy") } == true, "\(fetched.output.prefix(2000))")
    }

    /// Hostile article text (markup, scripts, links, controls) stays text on both pages.
    @Test func hostileTextStaysTextOnBothPages() throws {
        let (_, new, _) = try OutputSafetyTests.corpora.get()
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appendingPathComponent("hostile").path
        #expect(try CommandRunner.run(["build", new, "-o", prefix, "--formats", "html"]).status == 0)
        let timeline = folder.appendingPathComponent("hostile-timeline.html")
        #expect(try CommandRunner.run(["timeline", prefix + ".graph.json", "--format", "html", "-o", timeline.path]).status == 0)
        for (page, kind) in [(timeline, "timeline"), (URL(fileURLWithPath: prefix + ".html"), "graph")] {
            let check = try Self.check(page, kind: kind, queries: ["police"])
            #expect(check.status == 0, "\(kind): \(check.output.prefix(2000))")
            for (viewport, report) in check.viewports {
                #expect((report["errors"] as? [String])?.isEmpty == true, "\(kind) \(viewport)")
                Self.expectCleanDOM(report, "\(kind) \(viewport)")
            }
        }
    }
}
