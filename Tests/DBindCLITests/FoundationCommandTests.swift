import DBindTestSupport
import Foundation
import Testing

@Suite("ingest, stats, demo, fixtures commands")
struct FoundationCommandTests {
    @Test("demo ingests the fixture guild and prints its stats")
    func demo() throws {
        let result = try CLI.run(["demo", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let stats = try #require(try result.json() as? [String: Any])
        #expect(stats["guilds"] as? Int == 1)
        #expect(stats["channels"] as? Int == 11)
        #expect((stats["messages"] as? Int ?? 0) >= 300)
        #expect((stats["authors"] as? Int ?? 0) >= 10)
        let text = try CLI.run(["demo"])
        #expect(text.stdout.contains("Lumen DAO"))
        #expect(text.stdout.contains("announcements"))
        #expect(text.stderr.isEmpty, "no progress output when piped")
    }

    @Test("a command that only reads or labels a store does not create one at a mistyped path")
    func missingDatabase() throws {
        let db = try temporaryDirectory("dbind-cli") + "/typo.sqlite"
        for command in [["stats"], ["tags"], ["tag"], ["export"], ["report", "--out", db + ".html"], ["agreement"],
                        ["train", "segmenter", "--output", db + ".weights"]] {
            let run = try CLI.run(command + ["--db", db])
            #expect(run.status != 0, "\(command)")
            #expect(run.stderr.contains("\(db): no such database"), "\(command): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: db), "\(command) created the file")
        }
    }

    @Test("demo tags as `dbind tag` does: a tag run right after it finds every channel unchanged")
    func demoTagsAsTag() throws {
        let db = try temporaryDirectory("dbind-cli") + "/demo.sqlite"
        #expect(try CLI.run(["demo", "--db", db, "--json"]).status == 0)
        let run = try CLI.run(["tag", "--db", db, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let channels = try #require((try run.json() as? [String: Any])?["channels"] as? [[String: Any]])
        #expect(channels.count == 11 && channels.allSatisfy { $0["skipped"] as? Bool == true }, "\(channels)")
    }

    @Test("ingest then stats through --db and DBIND_DB; re-ingest adds nothing")
    func ingestAndStats() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let db = dir + "/guild.sqlite"
        let first = try CLI.run(["ingest", "--db", db, "fixtures/guild", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let report = try #require(try first.json() as? [String: Any])
        let total = try #require(report["messages"] as? Int)
        #expect(report["inserted"] as? Int == total)
        let again = try CLI.run(["ingest", "fixtures/guild", "--json"], environment: ["DBIND_DB": db])
        let second = try #require(try again.json() as? [String: Any])
        #expect(second["inserted"] as? Int == 0)
        let stats = try CLI.run(["stats", "--json"], environment: ["DBIND_DB": db])
        let parsed = try #require(try stats.json() as? [String: Any])
        #expect(parsed["messages"] as? Int == total)
        #expect(parsed["guilds"] as? Int == 1)
    }

    @Test("a bad file: one error line naming file and offset, non-zero exit, the rest stored")
    func badInput() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let bad = dir + "/broken.json"
        try Data("{\"guild\": {\"id\": \"1\", \"name\": \"g\"}, \"channel\": {\"id\": \"2\", \"name\": \"c\"}, \"messages\": [{\"id\": \"3\",".utf8)
            .write(to: URL(fileURLWithPath: bad))
        let db = dir + "/db.sqlite"
        for format in [[], ["--json"]] {
            let result = try CLI.run(["ingest", "--db", db, bad, "fixtures/dce/all-fields.json"] + format)
            #expect(result.status != 0)
            let errorLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
            #expect(errorLines.count == 1, "\(format): \(result.stderr)")
            #expect(errorLines.first?.contains("\(bad): byte ") == true)
            #expect(!result.stdout.contains("error:"), "errors go to standard error")
        }
        let stats = try #require(try CLI.run(["stats", "--db", db, "--json"]).json() as? [String: Any])
        #expect(stats["messages"] as? Int == 5)
    }

    @Test("a corrupt database: clear error, non-zero exit, file untouched")
    func corruptDatabase() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let db = dir + "/db.sqlite"
        let garbage = Data(repeating: 0x5A, count: 4096)
        try garbage.write(to: URL(fileURLWithPath: db))
        let result = try CLI.run(["stats", "--db", db])
        #expect(result.status != 0)
        #expect(result.stderr.contains(db) && result.stderr.contains("corrupt"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == garbage)
    }

    @Test("fixtures generate writes a reproducible guild that ingests")
    func generate() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let result = try CLI.run(["fixtures", "generate", "--messages", "3000", "--channels", "3", "--seed", "9", "--out", dir + "/g", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try #require((try result.json() as? [String: Any])?["files"] as? [String])
        #expect(files.count == 3)
        let ingest = try #require(try CLI.run(["ingest", "--db", dir + "/db.sqlite", dir + "/g", "--json"]).json() as? [String: Any])
        #expect(ingest["messages"] as? Int == 3000)
    }

    @Test("fixtures guild writes the fixture guild and lists its files")
    func fixtureGuild() throws {
        let dir = try temporaryDirectory("dbind-cli") + "/lumen"
        let result = try CLI.run(["fixtures", "guild", "--out", dir, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try result.json() as? [String: Any])
        #expect((report["files"] as? [String])?.count == 12)
        #expect(report["messages"] as? Int == 390)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 12)
    }

    @Test("every command has help with examples")
    func help() throws {
        for command in ["ingest", "stats", "demo", "fixtures generate", "fixtures guild", "bench pipeline"] {
            let result = try CLI.run(command.split(separator: " ").map(String.init) + ["--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Example"), "\(command) --help lacks examples")
        }
    }
}
