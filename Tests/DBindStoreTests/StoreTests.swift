import DBindCore
import DBindFormats
@testable import DBindStore
import DBindTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

/// A fresh database file in its own temporary folder.
func temporaryDatabase() -> String {
    (try? temporaryDirectory("dbind-store")).map { $0 + "/test.sqlite" } ?? NSTemporaryDirectory() + "dbind-store.sqlite"
}

/// Reads a whole export file.
func readExport(_ path: String) throws -> (DCEExportHeader, [Message]) {
    let reader = try DCEReader(file: path)
    var messages: [Message] = []
    while let m = try reader.next() { messages.append(m) }
    return (reader.header, messages)
}

func ingest(_ path: String, into store: Store) throws -> IngestCounts {
    let (header, messages) = try readExport(path)
    return try IngestWriter(store: store).write(guild: header.guild, channel: header.channel,
                                                exportedAt: header.exportedAt, messages: messages)
}

@Suite("Store")
struct StoreTests {
    let allFields = RepoPaths.root + "/fixtures/dce/all-fields.json"

    @Test("migrations create every table on an empty file and are recorded")
    func migrations() throws {
        let path = temporaryDatabase()
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try Store(path: path)
        #expect(try store.appliedMigrations() == ["v1-guild", "v1-results", "v2-review", "v3-tag-state", "v4-drop-prefix-indexes"])
        let tables = try store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in ["guilds", "channels", "authors", "roles", "member_roles", "messages", "mentions", "reactions",
                      "attachments", "embeds", "stickers", "conversations", "conversation_links", "spans", "tags",
                      "labels", "label_events", "runs", "ingest_files"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let journal = try store.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
        let foreignKeys = try store.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
        // Opening again applies nothing twice.
        #expect(try Store(path: path).appliedMigrations() == ["v1-guild", "v1-results", "v2-review", "v3-tag-state", "v4-drop-prefix-indexes"])
    }

    /// Deleting a message or a conversation finds the rows that reference it through an index
    /// led by the referencing column (or the primary key), not by scanning the table.
    @Test("every foreign key's column leads an index")
    func foreignKeysAreIndexed() throws {
        let store = try Store(path: temporaryDatabase())
        try store.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            for table in tables {
                var leading = Set(try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk = 1",
                                                      arguments: [table]))
                for index in try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list(?)", arguments: [table]) {
                    if let first = try String.fetchOne(db, sql: "SELECT name FROM pragma_index_info(?) WHERE seqno = 0", arguments: [index]) {
                        leading.insert(first)
                    }
                }
                for column in try String.fetchAll(db, sql: """
                    SELECT "from" FROM pragma_foreign_key_list(?) WHERE seq = 0 AND "table" IN ('messages', 'conversations')
                    """, arguments: [table]) {
                    #expect(leading.contains(column), "\(table).\(column)")
                }
            }
        }
    }

    @Test("the shipped migration's literal indexes are the ones bulk ingest drops and rebuilds")
    func migrationIndexes() throws {
        let store = try Store(path: temporaryDatabase())
        let created = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
                .map { ($0[0] as String, $0[1] as String) }
        }
        for index in Schema.ingestIndexes {
            #expect(created.contains { $0.0 == index.name && $0.1 == "CREATE INDEX \(index.name) ON \(index.definition)" }, "\(index.name)")
        }
    }

    @Test("batched writes keep journals in memory only while they run, commit each batch, and roll back the open one on error or a failed unit")
    func batchedWrites() throws {
        struct Refused: Error {}
        let store = try Store(path: temporaryDatabase())
        _ = try ingest(allFields, into: store)
        let before = try store.messageCount()
        let deleteFirst = "DELETE FROM messages WHERE id = (SELECT min(id) FROM messages)"
        // 2 is MEMORY; 0 is the build's default, which keeps temporary files on disk.
        let inside = try store.writeInBatches { batch in
            var mode: Int?
            try batch.write { db in
                try db.execute(sql: deleteFirst)
                mode = try Int.fetchOne(db, sql: "PRAGMA temp_store")
            }
            return mode
        }
        #expect(inside == 2)
        #expect(try store.write { db in try Int.fetchOne(db, sql: "PRAGMA temp_store") } == 0)
        #expect(try store.messageCount() == before - 1)
        // The committed batch stays; the open one goes with the error.
        #expect(throws: (any Error).self) {
            try store.writeInBatches { batch in
                try batch.write { db in try db.execute(sql: deleteFirst) }
                try batch.commit()
                try batch.write { db in try db.execute(sql: "DELETE FROM messages") }
                throw Refused()
            }
        }
        #expect(try store.messageCount() == before - 2)
        // A unit that fails takes the open batch with it: a later commit keeps none of either.
        try store.writeInBatches { batch in
            try batch.write { db in try db.execute(sql: deleteFirst) }
            #expect(throws: Refused.self) {
                try batch.write { db in
                    try db.execute(sql: "DELETE FROM messages")
                    throw Refused()
                }
            }
            try batch.commit()
        }
        #expect(try store.messageCount() == before - 2)
        #expect(try store.write { db in try Int.fetchOne(db, sql: "PRAGMA temp_store") } == 0)
    }

    @Test("concurrent reads share the snapshot of their start: a commit made once they are open is seen by none")
    func concurrentReadsShareOneSnapshot() throws {
        let store = try Store(path: temporaryDatabase())
        _ = try ingest(allFields, into: store)
        let before = try store.messageCount()
        let go = DispatchSemaphore(value: 0), ended = DispatchGroup()
        let seen = Mutex<[Int]>([]), errors = Mutex<[String]>([])
        for _ in 0..<3 { ended.enter() }
        try store.concurrentReads(3, spawn: { body in Thread(block: body).start() }, { _, db in
            // Nothing is read before the commit below.
            go.wait()
            go.signal()
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") ?? -1
            seen.withLock { $0.append(count) }
        }, end: { _, error in
            if let error { errors.withLock { $0.append("\(error)") } }
            ended.leave()
        })
        try store.write { db in try db.execute(sql: "DELETE FROM messages") }
        go.signal()
        ended.wait()
        #expect(errors.withLock { $0 }.isEmpty)
        #expect(before > 0 && seen.withLock { $0 } == [before, before, before])
        #expect(try store.messageCount() == 0)
    }

    @Test("a checkpoint alongside copies the log into the file while another write transaction is open")
    func checkpointAlongside() throws {
        let path = temporaryDatabase()
        let store = try Store(path: path)
        _ = try ingest(allFields, into: store)
        let fileSize = { (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
        let before = try fileSize()
        let pages = try store.read { db in try Int.fetchOne(db, sql: "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size") ?? 0 }
        // The committed pages are in the log only until a checkpoint copies them.
        #expect(before < pages)
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "DELETE FROM mentions")
            // Another connection, while this one holds the write lock: it neither waits nor fails.
            try store.checkpointAlongside()
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try fileSize() == pages)
        #expect(try store.messageCount() == 5)
    }

    @Test("embed fields are stored with their keys in one order, and read back as written")
    func embedFieldsBytes() {
        let fields = [Embed.Field(name: "Step 1", value: "Open settings", isInline: true),
                      Embed.Field(name: "Step 2", value: "Reset", isInline: false)]
        let stored = EmbedFieldsCoding.encode(fields)
        #expect(stored == #"[{"inline":true,"name":"Step 1","value":"Open settings"},{"inline":false,"name":"Step 2","value":"Reset"}]"#)
        #expect(EmbedFieldsCoding.decode(stored) == fields)
    }

    @Test("round trip: export → store → messages equal what was read")
    func roundTrip() throws {
        let store = try Store(path: temporaryDatabase())
        let (header, original) = try readExport(allFields)
        let counts = try ingest(allFields, into: store)
        #expect(counts == IngestCounts(inserted: 5))
        let stored = try store.messages(channel: header.channel.id)
        let byID = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0) })
        #expect(stored.count == original.count)
        for message in original {
            var expected = message
            // The store keeps authors once, with roles per guild membership, not per message.
            expected.author.roles = nil
            expected.mentions = message.mentions.map { var a = $0; a.roles = nil; return a }
            if var interaction = expected.interaction {
                interaction.user.roles = nil
                expected.interaction = interaction
            }
            let got = try #require(byID[message.id])
            #expect(got == expected)
            #expect(got.timestamp.offsetMinutes == message.timestamp.offsetMinutes)
        }
        #expect(stored.map(\.timestamp) == stored.map(\.timestamp).sorted())
        #expect(try store.channels() == [header.channel])
        #expect(try store.guilds() == [header.guild])
        let members = try store.members(guild: header.guild.id)
        #expect(members.first { $0.name == "alice.eth" }?.roles?.map(\.name) == ["Moderators", "Members"])
        #expect(try store.roles(guild: header.guild.id).map(\.name) == ["Moderators", "Members"])
        #expect(try store.messages(ids: [original[1].id, Snowflake(42), original[0].id]).map(\.id) == [original[1].id, original[0].id])
    }

    @Test("re-ingesting the same export stores every message once")
    func idempotent() throws {
        let store = try Store(path: temporaryDatabase())
        _ = try ingest(allFields, into: store)
        let before = try store.stats()
        let again = try ingest(allFields, into: store)
        #expect(again == IngestCounts(updated: 5))
        #expect(try store.stats() == before)
        let reactions = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM reactions") }
        #expect(reactions == 2)
    }

    @Test("overlapping exports: union of messages, newer export wins, older cannot undo an edit")
    func overlapping() throws {
        let store = try Store(path: temporaryDatabase())
        let (header, messages) = try readExport(allFields)
        let writer = IngestWriter(store: store)
        let early = Timestamp(iso8601: "2024-03-05T00:00:00+00:00")
        let late = Timestamp(iso8601: "2024-03-20T00:00:00+00:00")
        var edited = messages[1]
        edited.content = "@Alice try resetting the account (edited)"
        edited.editedTimestamp = Timestamp(iso8601: "2024-03-15T00:00:00+00:00")
        edited.reactions = [Reaction(emoji: Emoji(name: "✅"), count: 2)]
        // First export: messages 0-2. Second, later export: 1-4 with message 1 edited.
        let first = try writer.write(guild: header.guild, channel: header.channel, exportedAt: early, messages: Array(messages[0...2]))
        #expect(first == IngestCounts(inserted: 3))
        let second = try writer.write(guild: header.guild, channel: header.channel, exportedAt: late,
                                      messages: [edited] + Array(messages[2...4]))
        #expect(second == IngestCounts(inserted: 2, updated: 2))
        // The first export again (older): it must not roll the edit back.
        let replay = try writer.write(guild: header.guild, channel: header.channel, exportedAt: early, messages: Array(messages[0...2]))
        #expect(replay == IngestCounts(updated: 1, kept: 2))
        let stored = try store.messages(channel: header.channel.id)
        #expect(stored.count == 5)
        let message1 = try #require(stored.first { $0.id == edited.id })
        #expect(message1.content == edited.content)
        #expect(message1.reactions.map(\.emoji.name) == ["✅"])
    }

    @Test("the later edit wins whatever the exports' dates, with and without exportedAt")
    func laterEditWins() throws {
        let (header, messages) = try readExport(allFields)
        let dated = Timestamp(iso8601: "2024-03-20T00:00:00+00:00")
        var edited = messages[1]
        edited.content = "@Alice try resetting the account (edited 00:10)"
        edited.editedTimestamp = Timestamp(iso8601: "2024-03-15T00:10:00+00:00")
        var reedited = edited
        reedited.content = "@Alice try resetting the account (edited 00:20)"
        reedited.editedTimestamp = Timestamp(iso8601: "2024-03-15T00:20:00+00:00")
        // (stored export date, stored copy, incoming export date, incoming copy, text that must remain)
        let cases: [(Timestamp?, Message, Timestamp?, Message, String)] = [
            (dated, messages[1], nil, edited, edited.content),     // old DCE re-export carries a later edit
            (nil, messages[1], nil, edited, edited.content),       // neither file is dated
            (nil, edited, dated, messages[1], edited.content),     // a newer export of the unedited copy
            (nil, reedited, dated, edited, reedited.content),      // a newer export of an earlier edit
            (dated, edited, nil, reedited, reedited.content),
        ]
        for (i, c) in cases.enumerated() {
            let store = try Store(path: temporaryDatabase())
            let writer = IngestWriter(store: store)
            _ = try writer.write(guild: header.guild, channel: header.channel, exportedAt: c.0, messages: [messages[0], c.1])
            _ = try writer.write(guild: header.guild, channel: header.channel, exportedAt: c.2, messages: [c.3])
            let stored = try #require(try store.messages(channel: header.channel.id).first { $0.id == edited.id })
            #expect(stored.content == c.4, "case \(i)")
        }
    }

    @Test("a failing batch rolls back and leaves earlier data intact")
    func failingBatch() throws {
        let store = try Store(path: temporaryDatabase())
        _ = try ingest(allFields, into: store)
        let before = try store.stats()
        let (header, messages) = try readExport(allFields)
        var fresh = messages[0]
        fresh.id = Snowflake(1_213_000_000_000_009_999)
        var broken = messages[1]
        broken.id = Snowflake(1_213_000_000_000_009_998)
        broken.channelID = Snowflake(999)  // no such channel: the foreign key fails
        #expect(throws: StoreError.self) {
            try IngestWriter(store: store).write(guild: header.guild, channel: header.channel, exportedAt: nil,
                                                 messages: [fresh, broken])
        }
        #expect(try store.stats() == before)
        #expect(try store.messages(ids: [fresh.id]).isEmpty, "the whole batch is one transaction")
    }

    /// A page of messages is read straight from SQLite's columns, other readers through GRDB:
    /// text holding a NUL (JSON allows `\u0000`) must read the same through both.
    @Test("message pages and single reads see the same text, NUL included")
    func textWithNUL() throws {
        let store = try Store(path: temporaryDatabase())
        let (header, messages) = try readExport(allFields)
        var odd = messages[0]
        odd.content = "before\u{0}after"
        odd.author.name = "nul\u{0}name"
        _ = try IngestWriter(store: store).write(guild: header.guild, channel: header.channel, exportedAt: nil, messages: [odd])
        let paged = try #require(try store.messages(channel: header.channel.id).first)
        let single = try store.read { db in
            try String.fetchOne(db, sql: "SELECT content FROM messages WHERE id = ?", arguments: [odd.id.int64])
        }
        #expect(paged.content == single)
        #expect(paged.content == "before")
        #expect(paged.author.name == "nul")
    }

    @Test("after a rolled-back batch, the same writer still stores the authors that batch named")
    func authorsAfterRollback() throws {
        let store = try Store(path: temporaryDatabase())
        let (header, messages) = try readExport(allFields)
        let writer = IngestWriter(store: store)
        let newcomer = Author(id: Snowflake(1_214_000_000_000_000_001), name: "newcomer")
        var first = messages[0]
        first.id = Snowflake(1_213_000_000_000_009_997)
        first.author = newcomer
        var broken = messages[1]
        broken.id = Snowflake(1_213_000_000_000_009_996)
        broken.channelID = Snowflake(999)  // no such channel: the batch rolls back, the newcomer with it
        #expect(throws: StoreError.self) {
            try writer.write(guild: header.guild, channel: header.channel, exportedAt: nil, messages: [first, broken])
        }
        // A later batch by the same author must write the author again, not fail on the foreign key.
        var later = messages[2]
        later.id = Snowflake(1_213_000_000_000_009_995)
        later.author = newcomer
        later.mentions = [newcomer]
        let counts = try writer.write(guild: header.guild, channel: header.channel, exportedAt: nil, messages: [later])
        #expect(counts.inserted == 1)
        #expect(try store.messages(ids: [later.id]).first?.author.name == "newcomer")
    }

    @Test("a corrupt database file gives one clear error and is left as it was")
    func corruptDatabase() throws {
        let path = temporaryDatabase()
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try Store(path: path)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(path) && text.contains("corrupt") && !text.contains("\n")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test("the label history is append-only")
    func appendOnlyHistory() throws {
        let store = try Store(path: temporaryDatabase())
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO label_events (at, annotator, level, item_id, label_set, action, new_value)
                VALUES (1, 'ann', 'message', '1', 'intent', 'set', 'question')
                """)
        }
        #expect(throws: StoreError.self) {
            try store.write { try $0.execute(sql: "UPDATE label_events SET new_value = 'x'") }
        }
        #expect(throws: StoreError.self) {
            try store.write { try $0.execute(sql: "DELETE FROM label_events") }
        }
    }

    @Test("stats per guild and channel")
    func stats() throws {
        let store = try Store(path: temporaryDatabase())
        _ = try ingest(allFields, into: store)
        let stats = try store.stats()
        #expect(stats.messages == 5)
        #expect(stats.channels == 1)
        #expect(stats.authors == 3)
        let guild = try #require(stats.guilds.first)
        #expect(guild.bots == 1)
        #expect(guild.replies == 1)
        let channel = try #require(guild.channels.first)
        #expect(channel.systemMessages == 1)
        #expect(channel.botMessages == 1)
        #expect(channel.first?.iso8601UTC == "2024-03-02T10:15:30.123Z")
        // System messages do not count as posts: Bob has 2 messages, Alice 1 (and a pin notice).
        #expect(channel.topPosters.map(\.name) == ["Bob", "Alice", "HelperBot"])
        #expect(channel.topPosters.map(\.messages) == [2, 1, 1])
    }
}
