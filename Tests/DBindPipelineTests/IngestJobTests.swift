import DBindCore
import DBindFormats
@testable import DBindPipeline
import DBindStore
import DBindTestSupport
import Foundation
import GRDB
import Testing

@Suite("Ingest job")
struct IngestJobTests {
    let guildFolder = RepoPaths.root + "/fixtures/guild"
    let allFields = RepoPaths.root + "/fixtures/dce/all-fields.json"

    @Test("the fixture guild ingests completely, and again without duplicates")
    func fixtureGuild() throws {
        let store = try Store(path: try temporaryDirectory() + "/db.sqlite")
        let first = IngestJob(store: store).run(paths: [guildFolder])
        #expect(first.failures.isEmpty)
        #expect(first.files.count == 11)
        let stats = try store.stats()
        #expect(stats.messages == first.counts.inserted)
        #expect(stats.messages >= 300)
        #expect(stats.channels == 11)
        let second = IngestJob(store: store, batchSize: 7).run(paths: [guildFolder])
        #expect(second.counts.inserted == 0)
        #expect(second.counts.total == first.counts.total)
        #expect(try store.stats() == stats)
        let threads = try store.channels().filter(\.isThread)
        #expect(threads.count == 2)
        #expect(threads.allSatisfy { $0.parentID != nil })
        // Ingest loads without the writer's foreign-key checks: every row it wrote names rows
        // that exist, and the checks are on again.
        let (violations, enforced) = try store.write { db in
            (try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(violations == 0 && enforced == 1)
    }

    @Test("channels read merged in time order: batches mix files, each file keeps its own counts")
    func mergedChannels() throws {
        let dir = try temporaryDirectory()
        let paths = try Bench.guild(messages: 1200, channels: 4, seed: 11, directory: dir + "/source")
        let store = try Store(path: dir + "/db.sqlite")
        let first = IngestJob(store: store, batchSize: 50).run(paths: paths)
        #expect(first.failures.isEmpty)
        #expect(first.files.map(\.path) == paths)
        for (path, result) in zip(paths, first.files) {
            let reader = try DCEReader(file: path)
            var count = 0
            while try reader.next() != nil { count += 1 }
            #expect(result.counts.inserted == count, "\(path)")
        }
        #expect(first.counts.inserted == 1200)
        #expect(try store.stats().messages == 1200)
        #expect(try store.stats().channels == 4)

        // Again, with one file listed twice: its second copy is kept, nothing is duplicated.
        let again = IngestJob(store: store, batchSize: 7).run(paths: paths + [paths[0]])
        #expect(again.files.count == 5)
        #expect(again.counts.inserted == 0)
        #expect(again.files[4].counts.total == first.files[0].counts.total)
        #expect(try store.stats().messages == 1200)
    }

    @Test("bad files are reported one line each, good files in the same run are stored")
    func badFiles() throws {
        let dir = try temporaryDirectory()
        let good = try Data(contentsOf: URL(fileURLWithPath: allFields))
        try good.write(to: URL(fileURLWithPath: dir + "/a-good.json"))
        try Data("{\"guild\": {\"id\": \"1\", \"name\": \"g\"}, \"channel\": ".utf8).write(to: URL(fileURLWithPath: dir + "/b-truncated.json"))
        try Data("[\"not\", \"an\", \"export\"]".utf8).write(to: URL(fileURLWithPath: dir + "/c-other.json"))
        try Data("not json at all".utf8).write(to: URL(fileURLWithPath: dir + "/d-text.json"))
        try Data("ignored".utf8).write(to: URL(fileURLWithPath: dir + "/notes.txt"))
        let store = try Store(path: dir + "/db.sqlite")
        let report = IngestJob(store: store).run(paths: [dir, dir + "/missing.json"])
        #expect(report.files.count == 5)
        let byName = Dictionary(uniqueKeysWithValues: report.files.map { (($0.path as NSString).lastPathComponent, $0) })
        #expect(byName["a-good.json"]?.status == .complete)
        #expect(byName["a-good.json"]?.counts.inserted == 5)
        for name in ["b-truncated.json", "c-other.json", "d-text.json", "missing.json"] {
            let result = try #require(byName[name])
            #expect(result.status == .failed, "\(name)")
            let error = try #require(result.error)
            #expect(error.contains(name) && !error.contains("\n"), "\(error)")
        }
        #expect(byName["b-truncated.json"]?.error?.contains("truncated") == true)
        #expect(byName["missing.json"]?.error?.contains("no such file") == true)
        #expect(try store.stats().messages == 5)
        #expect(try store.stats().incompleteFiles.count == 3)
        let summary = IngestSummary(report)
        #expect(summary.text.contains("Ingested 1 of 5 file(s)"))
        #expect(summary.errorLines.count == 4 && summary.errorLines.allSatisfy { $0.hasPrefix("error: ") })
    }

    @Test("a file broken part-way keeps earlier batches, says so, and completes when fixed")
    func partialFile() throws {
        let dir = try temporaryDirectory()
        let paths = try Bench.guild(messages: 500, channels: 1, seed: 3, directory: dir + "/source")
        let original = try Data(contentsOf: URL(fileURLWithPath: paths[0]))
        let broken = dir + "/channel.json"
        // Cut the file at 80%: the first messages are whole, the rest is missing.
        try original.prefix(original.count * 4 / 5).write(to: URL(fileURLWithPath: broken))
        let store = try Store(path: dir + "/db.sqlite")
        let report = IngestJob(store: store, batchSize: 50).run(paths: [broken])
        let result = try #require(report.files.first)
        #expect(result.status == .partial)
        #expect(result.counts.total >= 350 && result.counts.total < 500)
        #expect(result.error?.contains("truncated") == true)
        #expect(try store.stats().messages == result.counts.total, "all whole messages before the break are kept")
        #expect(try store.stats().incompleteFiles.map(\.status) == [.partial])
        #expect(IngestSummary(report).errorLines.first?.contains("messages before the error were stored") == true)

        try original.write(to: URL(fileURLWithPath: broken))
        let fixed = IngestJob(store: store, batchSize: 50).run(paths: [broken])
        #expect(fixed.files.first?.status == .complete)
        #expect(fixed.counts.inserted == 500 - result.counts.total)
        #expect(try store.stats().messages == 500)
        #expect(try store.stats().incompleteFiles.isEmpty)
    }
}
