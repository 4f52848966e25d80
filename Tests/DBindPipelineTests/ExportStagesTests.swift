import DBindCore
import DBindFormats
@testable import DBindPipeline
import DBindStore
import Foundation
import GRDB
import Synchronization
import Testing

/// An export reads units on one thread and their messages' spans, tags and labels on another.
@Suite("An export's two reading stages")
struct ExportStagesTests {
    @Test("both stages read the snapshot of their start: a label committed meanwhile is in neither")
    func oneSnapshot() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let message = try #require(try guild.store.messages(channel: try guild.channel("support").id).first(where: \.hasUserText))
        let go = DispatchSemaphore(value: 0), firstEnded = DispatchSemaphore(value: 0), secondEnded = DispatchSemaphore(value: 0)
        let units = Mutex<[ExportUnit]>([]), completed = Mutex<[ExportUnit]>([]), errors = Mutex<[String]>([])
        try guild.store.forEachExportUnit(kind: .message, spawn: { startThread($0) }, { unit in
            go.wait()
            go.signal()
            units.withLock { $0.append(unit) }
        }, completing: { completion in
            // Completes every unit once the first stage has read them all.
            firstEnded.wait()
            var all = units.withLock { $0 }
            try completion.complete(&all)
            completed.withLock { $0 = all }
        }, end: { stage, error in
            if let error { errors.withLock { $0.append("\(error)") } }
            (stage == 0 ? firstEnded : secondEnded).signal()
        })
        // Both transactions are open: this label comes after their snapshot.
        try guild.store.setLabel(level: .message, itemID: message.id.description, labelSet: "message-intent",
                                 annotator: "ann", value: "question", action: .label)
        go.signal()
        secondEnded.wait()
        #expect(errors.withLock { $0 }.isEmpty)
        let exported = completed.withLock { $0 }.flatMap(\.messages)
        #expect(exported.count == units.withLock { $0 }.count && exported.count > 100)
        #expect(try #require(exported.first { $0.id == message.id }).labels.isEmpty)
        #expect(exported.contains { !$0.spans.isEmpty } && exported.contains { !$0.tags.isEmpty })
        // The next export sees the label.
        let later = try String(contentsOfFile: try guild.export(unit: .message, name: "later.jsonl"), encoding: .utf8)
        #expect(later.contains("\"annotator\":\"ann\""))
    }

    @Test("a conversation's own tags and labels come with its unit and no other, in SQLite's text order")
    func conversationTagsAndLabels() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let conversations = try guild.store.conversationIDs(channel: try guild.channel("support").id)
        let chosen = try #require(conversations.last)
        try guild.store.write { db in
            for (facet, tag) in [("conversation.topic", "conversation.topic/setup"), ("conversation.state", "conversation.state/open"),
                                 ("conversation.topic", "conversation.topic/billing")] {
                try db.execute(sql: """
                    INSERT INTO tags (level, item_id, facet, tag, confidence, rules, schema_name, schema_version, created_at)
                    VALUES ('conversation', ?, ?, ?, 0.7, '["topic.words"]', 'base', '1.0.0', 0)
                    """, arguments: [chosen, facet, tag])
            }
        }
        try guild.store.setLabel(level: .conversation, itemID: chosen, labelSet: "conversation-state", annotator: "ann",
                                 value: "resolved", action: .label)
        let lines = try String(contentsOfFile: try guild.export(name: "conversations.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let units = Dictionary(uniqueKeysWithValues: lines.map { ($0["id"] as? String ?? "", $0) })
        #expect(units.count == lines.count && units.keys.contains(chosen))
        for (id, unit) in units {
            let tags = (unit["tags"] as? [[String: Any]] ?? []).map { $0["tag"] as? String ?? "" }
            let labels = (unit["labels"] as? [[String: Any]] ?? []).map { $0["value"] as? String ?? "" }
            if id == chosen {
                #expect(tags == ["conversation.state/open", "conversation.topic/billing", "conversation.topic/setup"])
                #expect(labels == ["resolved"])
            } else {
                #expect(tags.isEmpty && labels.isEmpty)
            }
        }
    }

    @Test("while another connection holds the write lock past the busy timeout, export stops with 'locked' and writes nothing; after it, the export runs")
    func waitsForTheWriteLock() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let impatient = try Store(path: guild.dir + "/db.sqlite", busyTimeout: 0.2)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), released = DispatchSemaphore(value: 0)
        let other = guild.store
        Thread {
            try? other.write { _ in
                holding.signal()
                release.wait()
            }
            released.signal()
        }.start()
        holding.wait()
        let out = guild.dir + "/locked.jsonl"
        let error = #expect(throws: StoreError.self) {
            try ExportJob(store: impatient, format: .native, unit: .conversation).run(into: try LineSink(path: out))
        }
        #expect(error?.kind == .locked)
        #expect(!FileManager.default.fileExists(atPath: out))
        release.signal()
        released.wait()
        let report = try ExportJob(store: impatient, format: .native, unit: .conversation).run(into: try LineSink(path: out))
        #expect(report.units > 0 && FileManager.default.fileExists(atPath: out))
    }

    @Test("a store error in the second stage ends the export with it, naming the bad value")
    func secondStageFails() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        try guild.store.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE spans SET kind = 'bogus' WHERE id = (SELECT max(id) FROM spans)")
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        let error = #expect(throws: (any Error).self) { try guild.export(name: "broken.jsonl") }
        #expect("\(error.map { "\($0)" } ?? "")".contains("span kind \"bogus\""))
        #expect(!FileManager.default.fileExists(atPath: guild.dir + "/broken.jsonl"))
    }
}
