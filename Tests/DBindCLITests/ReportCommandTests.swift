import DBindFormats
import DBindTestSupport
import Foundation
import Testing

let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// The fixture guild, and the all-fields export whose reactions list their users, ingested and
/// tagged once for this file's tests.
let reportStore: String = {
    let db = (try? temporaryDirectory("dbind-report")).map { $0 + "/report.sqlite" } ?? NSTemporaryDirectory() + "dbind-report.sqlite"
    _ = try? CLI.run(["ingest", "--db", db, "fixtures/guild", "fixtures/dce/all-fields.json"])
    _ = try? CLI.run(["tag", "--db", db])
    return db
}()

@Suite("dbind report and the graph files, in the tools that read them", .serialized)
struct ReportCommandTests {
    @Test("headless Chromium renders the report with no console errors and a non-blank screenshot, and prints a PDF",
          .enabled(if: chromium != nil, "needs Chromium (apt-get install chromium)"))
    func chromiumRenders() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let html = dir + "/report.html", pdf = dir + "/report.pdf", png = dir + "/shot.png"
        let run = try CLI.run(["report", "--db", reportStore, "--out", html, "--pdf", pdf, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try run.json() as? [String: Any])
        for key in ["messages", "channels", "questions", "members", "activity", "entities", "labeling"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let pdfData = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(pdfData.prefix(5) == Data("%PDF-".utf8) && pdfData.count > 20_000)

        let browser = try Program.run(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                   "--enable-logging=stderr", "--v=0", "--window-size=1100,2400",
                                                   "--screenshot=\(png)", URL(fileURLWithPath: html).absoluteString])
        let log = browser.errors
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console output: \(console)")
        // Non-blank: many distinct colours, not a flat page.
        let colours = try Python.json(["-c", """
            import json, sys
            from PIL import Image
            image = Image.open(sys.argv[1]).convert('RGB')
            print(json.dumps({"colours": len(image.getcolors(1 << 24)), "width": image.width}))
            """, png])
        #expect((colours.json?["colours"] as? Int ?? 0) > 50, "\(colours.stderr)")
    }

    @Test("without Chromium, --pdf fails with what to install and the HTML is still written")
    func noChromium() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let run = try CLI.run(["report", "--db", reportStore, "--out", dir + "/r.html", "--pdf", dir + "/r.pdf"],
                              environment: ["PATH": "/nonexistent"])
        #expect(run.status != 0 && run.stderr.contains("apt-get install chromium"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/r.html") && !FileManager.default.fileExists(atPath: dir + "/r.pdf"))
    }

    @Test("networkx reads the GraphML and GEXF; reply and reaction counts equal the store's between members; Neo4j ends are nodes",
          .enabled(if: Python.hasModule("networkx"), "needs networkx (pip install networkx)"))
    func graphFiles() throws {
        let dir = try temporaryDirectory("dbind-cli") + "/graph"
        let run = try CLI.run(["export", "--db", reportStore, "--format", "graph", "--out", dir, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let onAFile = try CLI.run(["export", "--db", reportStore, "--format", "graph", "--out", dir + "/members.csv"])
        #expect(onAFile.status != 0 && onAFile.stderr.contains("is a file; the graph is a folder"), "\(onAFile.stderr)")
        let check = try #require(try Python.json(["scripts/check_graph.py", dir, reportStore]).json)
        let pairs = try #require(check["store_reply_pairs"] as? Int)
        #expect(pairs > 10)
        let reactionPairs = try #require(check["store_reaction_pairs"] as? Int)
        #expect(reactionPairs >= 1)
        for format in ["graphml", "gexf"] {
            #expect(check["\(format)_reply_pairs_equal"] as? Int == pairs, "\(check)")
            #expect(check["\(format)_reply_pairs_extra"] as? Int == 0)
            #expect(check["\(format)_reaction_pairs_equal"] as? Int == reactionPairs, "\(check)")
            #expect(check["\(format)_reaction_pairs_extra"] as? Int == 0)
            #expect(check["\(format)_directed"] as? Bool == true)
        }
        #expect(check["graphml_edges"] as? Int == check["gexf_edges"] as? Int)
        #expect(check["neo4j_dangling_ends"] as? Int == 0 && (check["neo4j_relationships"] as? Int ?? 0) > pairs)
        let header = try String(contentsOfFile: dir + "/replied_to.csv", encoding: .utf8).split(separator: "\n")[0]
        #expect(header == ":START_ID(Member),:END_ID(Member),count:int,first:datetime,last:datetime,:TYPE")
    }
}
