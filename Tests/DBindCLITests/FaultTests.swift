import DBindFormats
import DBindTestSupport
import Foundation
import Testing

/// Faults from outside: a killed process, a locked, read-only, full or corrupt database, and
/// inputs that change under the ingest.
@Suite("Faults", .serialized)
struct FaultTests {
    /// A generated guild shared by the tests of this suite.
    static let guild: String = {
        let dir = NSTemporaryDirectory() + "dbind-fault-guild"
        if !FileManager.default.fileExists(atPath: dir + "/done") {
            _ = try? CLI.run(["fixtures", "generate", "--messages", "40000", "--channels", "4", "--seed", "5", "--out", dir])
            _ = FileManager.default.createFile(atPath: dir + "/done", contents: Data())
        }
        return dir
    }()

    func sqlite(_ db: String, _ sql: String) throws -> String {
        try Program.run("python3", ["-c", """
            import sqlite3, sys
            con = sqlite3.connect(sys.argv[1])
            print("|".join(str(r[0]) for r in con.execute(sys.argv[2]).fetchall()))
            """, db, sql]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("ingest killed with SIGKILL at random points: the store stays consistent and a re-run completes",
          arguments: [0.15, 0.4, 0.9])
    func killedIngest(after seconds: Double) throws {
        let dir = try temporaryDirectory("dbind-cli")
        let db = dir + "/db.sqlite"
        _ = try CLI.killed(["ingest", "--db", db, "--batch-size", "500", Self.guild], after: seconds)
        // Killed before the first migration committed, the file holds no tables yet: nothing to check.
        if FileManager.default.fileExists(atPath: db),
           try sqlite(db, "SELECT count(*) FROM sqlite_master WHERE name = 'messages'") == "1" {
            #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
            #expect(try sqlite(db, "PRAGMA foreign_key_check") == "")
            // Batches are whole: every stored message has all its mentions' authors and its channel.
            #expect(try sqlite(db, "SELECT count(*) FROM messages WHERE channel_id NOT IN (SELECT id FROM channels)") == "0")
        }
        let rerun = try CLI.run(["ingest", "--db", db, Self.guild, "--json"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let stats = try #require(try CLI.run(["stats", "--db", db, "--json"]).json() as? [String: Any])
        #expect(stats["messages"] as? Int == 40000)
    }

    /// The generated guild ingested and tagged once, for the export tests.
    static let taggedStore: String = {
        let db = NSTemporaryDirectory() + "dbind-fault-guild-tagged.sqlite"
        if !FileManager.default.fileExists(atPath: db + ".done") {
            try? FileManager.default.removeItem(atPath: db)
            _ = try? CLI.run(["ingest", "--db", db, guild])
            _ = try? CLI.run(["tag", "--db", db])
            _ = FileManager.default.createFile(atPath: db + ".done", contents: Data())
        }
        return db
    }()

    @Test("export killed with SIGKILL part-way: the destination is never a partial file",
          arguments: [0.05, 0.2, 0.5, 1.0, 2.0])
    func killedExport(after seconds: Double) throws {
        let dir = try temporaryDirectory("dbind-cli")
        let out = dir + "/tasks.jsonl"
        // A finished export is in place first; a killed run must leave it as it was.
        let first = try CLI.run(["export", "--db", Self.taggedStore, "--format", "prodigy", "--unit", "message", "--out", out])
        #expect(first.status == 0, "\(first.stderr)")
        let finished = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(finished.count > 1_000_000 && finished.last == 0x0A)
        for target in [out, dir + "/fresh.jsonl.gz"] {
            let process = try CLI.killed(["export", "--db", Self.taggedStore, "--format", "prodigy", "--unit", "message", "--tokens",
                                          "--out", target], after: seconds)
            if process.terminationReason == .uncaughtSignal {
                if target == out {
                    #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == finished, "a killed export changed the finished file")
                } else {
                    #expect(!FileManager.default.fileExists(atPath: target), "a killed export left a file at the destination")
                }
            }
        }
    }

    @Test("export stopped by Ctrl-C, kill or a closed terminal: it removes its unfinished file or folder and ends by the signal",
          arguments: [SIGINT, SIGTERM, SIGHUP])
    func interruptedExport(signal: Int32) throws {
        let dir = try temporaryDirectory("dbind-cli")
        for target in [["--out", dir + "/tasks.jsonl.gz"], ["--partition-by", "channel", "--out", dir + "/parts"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.executable)
            process.arguments = ["export", "--db", Self.taggedStore, "--unit", "message", "--tokens"] + target
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: 0.4)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            // The export of this store takes seconds: the signal lands while it writes.
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal,
                    "\(target): ended by \(process.terminationReason), status \(process.terminationStatus)")
            #expect(!FileManager.default.fileExists(atPath: target.last!), "a stopped export left its destination")
            let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }
            #expect(left.isEmpty, "temporary files left: \(left)")
        }
    }

    @Test("a database locked by another writer: clear error, non-zero exit, nothing lost")
    func lockedDatabase() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let db = dir + "/db.sqlite"
        #expect(try CLI.run(["ingest", "--db", db, "fixtures/dce/all-fields.json"]).status == 0)
        // Another process holds the write lock for longer than dbind waits.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys
            con = sqlite3.connect(sys.argv[1], isolation_level=None)
            con.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            sys.stdin.read()
            """, db]
        let out = Pipe(), input = Pipe()
        holder.standardOutput = out
        holder.standardInput = input
        try holder.run()
        _ = out.fileHandleForReading.readRetryingInterrupts(untilEndOfFile: false)
        let result = try CLI.run(["ingest", "--db", db, "fixtures/guild"], environment: ["DBIND_BUSY_TIMEOUT": "0.5"])
        #expect(result.status != 0)
        #expect((result.stdout + result.stderr).contains("locked"))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        let stats = try #require(try CLI.run(["stats", "--db", db, "--json"]).json() as? [String: Any])
        #expect(stats["messages"] as? Int == 5)
    }

    @Test("a read-only database: clear error, file unchanged",
          .enabled(if: getuid() != 0, "file permissions do not stop root"))
    func readOnlyDatabase() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let db = dir + "/db.sqlite"
        #expect(try CLI.run(["ingest", "--db", db, "fixtures/dce/all-fields.json"]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        let result = try CLI.run(["ingest", "--db", db, "fixtures/guild"])
        #expect(result.status != 0)
        #expect((result.stdout + result.stderr).contains("read-only"))
    }

    @Test("a full disk: the failing batch is rolled back, the error says so, earlier data stays")
    func fullDisk() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let db = dir + "/db.sqlite"
        #expect(try CLI.run(["ingest", "--db", db, "fixtures/dce/all-fields.json"]).status == 0)
        let pages = try #require(Int(try sqlite(db, "PRAGMA page_count")))
        // Let the database grow by a few pages only, as a nearly full disk would.
        let result = try CLI.run(["ingest", "--db", db, Self.guild], environment: ["DBIND_MAX_PAGES": String(pages + 20)])
        #expect(result.status != 0)
        #expect((result.stdout + result.stderr).contains("disk is full"))
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
        #expect(try sqlite(db, "SELECT count(*) FROM messages WHERE id = 1213000000000000001") == "1")
    }

    @Test("a full disk during tag: the run stops with the error instead of waiting forever; the store keeps what it had")
    func fullDiskDuringTag() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let db = dir + "/db.sqlite"
        #expect(try CLI.run(["ingest", "--db", db, "fixtures/guild"]).status == 0)
        let pages = try #require(Int(try sqlite(db, "PRAGMA page_count")))
        let messages = try sqlite(db, "SELECT count(*) FROM messages")
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DBIND_DB")
        environment["DBIND_MAX_PAGES"] = String(pages + 20)
        // `timeout` ends a hung run (status 124) so that the test reports it rather than hanging.
        let run = try Program.run("timeout", ["120", CLI.executable, "tag", "--db", db], directory: CLI.root, environment: environment)
        #expect(run.status != 0 && run.status != 124, "status \(run.status)")
        #expect(run.errors.contains("disk is full"), "\(run.errors)")
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
        #expect(try sqlite(db, "SELECT count(*) FROM messages") == messages)
    }

    @Test("another program's SQLite database: every command refuses it and leaves the file byte for byte as it was")
    func foreignDatabase() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let db = dir + "/theirs.sqlite"
        #expect(try Program.run("python3", ["-c", """
            import sqlite3, sys
            con = sqlite3.connect(sys.argv[1])
            con.executescript("CREATE TABLE foo (x); INSERT INTO foo VALUES (1);")
            con.close()
            """, db]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for command in [["stats"], ["export", "--out", dir + "/out.jsonl"], ["tag"], ["ingest", "fixtures/guild"]] {
            let run = try CLI.run(command + ["--db", db])
            #expect(run.status != 0 && run.stderr.contains("not a dbind database"), "\(command[0]): \(run.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
    }

    @Test("files removed while the ingest runs are reported; the others are stored")
    func changingInput() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let input = dir + "/input"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.guild).filter { $0.hasSuffix(".json") }.sorted()
        for f in files { try FileManager.default.copyItem(atPath: Self.guild + "/" + f, toPath: input + "/" + f) }
        let db = dir + "/db.sqlite"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["ingest", "--db", db, "--json", input]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The last file goes away while the first ones are being read.
        try FileManager.default.removeItem(atPath: input + "/" + files.last!)
        let data = out.fileHandleForReading.readRetryingInterrupts()
        process.waitUntilExit()
        let report = try #require(try ProgramRun.lastLineJSON(String(decoding: data, as: UTF8.self)) as? [String: Any])
        let results = try #require(report["file_results"] as? [[String: Any]])
        for r in results where r["status"] as? String != "complete" {
            #expect((r["error"] as? String)?.contains("no such file") == true || (r["error"] as? String)?.contains("cannot open") == true)
        }
        #expect(results.filter { $0["status"] as? String == "complete" }.count >= files.count - 1)
    }
}
