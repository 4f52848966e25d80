import DBindCore
@testable import DBindStore
import DBindTestSupport
import Foundation
import GRDB
import Testing

@Suite("Conversations and spans in the store")
struct ResultStoreTests {
    let allFields = RepoPaths.root + "/fixtures/dce/all-fields.json"

    func seeded() throws -> (Store, [Message]) {
        let store = try Store(path: temporaryDatabase())
        _ = try ingest(allFields, into: store)
        let (header, _) = try readExport(allFields)
        return (store, try store.messages(channel: header.channel.id))
    }

    func segmentation(_ messages: [Message], roots: Set<Int>) -> ([ConversationRecord], [LinkRecord]) {
        var links: [LinkRecord] = []
        var root = messages[0].id
        var conversations: [Snowflake: [Message]] = [:]
        for (i, m) in messages.enumerated() {
            if roots.contains(i) { root = m.id }
            links.append(LinkRecord(messageID: m.id, conversationID: root, antecedentID: roots.contains(i) ? nil : messages[i - 1].id,
                                    rule: roots.contains(i) ? "start" : "time", score: 0.5))
            conversations[root, default: []].append(m)
        }
        let records = conversations.map { id, ms in
            ConversationRecord(id: id, channelID: ms[0].channelID, start: ms[0].timestamp.milliseconds,
                               end: ms.last!.timestamp.milliseconds, messageCount: ms.count,
                               participantCount: Set(ms.map(\.author.id)).count)
        }
        return (records, links)
    }

    @Test("a channel's rows taken in chunks: every row once, in order, whatever the chunk size")
    func chunksCoverTheChannel() throws {
        let (store, messages) = try seeded()
        let channel = messages[0].channelID
        let all = try store.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM messages WHERE channel_id = ? ORDER BY timestamp, id", arguments: [channel.int64])
        }
        #expect(all.count == messages.count && all.count > 3)
        for chunk in [1, 2, 3, all.count - 1, all.count, all.count + 1] {
            var seen: [Int64] = [], chunks = 0
            try store.read { db in
                try Store.forEachChunk(of: "messages", channel: channel, orderedBy: "timestamp, id", chunk: chunk, in: db) { rows, arguments in
                    chunks += 1
                    seen += try Int64.fetchAll(db, sql: "SELECT id FROM messages WHERE \(rows) ORDER BY timestamp, id", arguments: arguments)
                }
            }
            #expect(seen == all, "chunks of \(chunk)")
            #expect(chunks == all.count / chunk + 1, "chunks of \(chunk)")
        }
    }

    @Test("inserting a link for a message linked automatically already fails, as a plain insert would; a manual link follows it")
    func insertedLinkConflicts() throws {
        let (store, messages) = try seeded()
        let channel = messages[0].channelID
        let (conversations, links) = segmentation(messages, roots: [0])
        try store.replaceSegmentation(channel: channel, conversations: conversations, links: links, runID: nil)
        let error = #expect(throws: StoreError.self) {
            try store.write { db in try Store.insertSegmentation(conversations: [], links: [links[1]], runID: nil, in: db) }
        }
        #expect(error?.reason.contains("UNIQUE constraint failed: conversation_links.message_id") == true)
        #expect(try store.links(channel: channel).map(\.conversationID) == links.map(\.conversationID))
    }

    @Test("re-segmenting replaces automatic links and keeps manual ones")
    func manualLinksSurvive() throws {
        let (store, messages) = try seeded()
        let channel = messages[0].channelID
        let (c1, l1) = segmentation(messages, roots: [0, 3])
        try store.replaceSegmentation(channel: channel, conversations: c1, links: l1, runID: nil)
        #expect(try store.conversations(channel: channel).map(\.id) == [messages[0].id, messages[3].id])
        // A person splits message 2 off into its own conversation.
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO conversations (id, channel_id, first_message_id, start_at, end_at, message_count, participant_count)
                VALUES (?1, ?2, ?1, 0, 0, 1, 1)
                """, arguments: [messages[2].id.int64, channel.int64])
            try db.execute(sql: """
                UPDATE conversation_links SET conversation_id = ?1, antecedent_id = NULL, rule = 'manual-split', origin = 'manual'
                WHERE message_id = ?1
                """, arguments: [messages[2].id.int64])
        }
        let manualLinks = try store.manualLinks(channel: channel)
        #expect(manualLinks.count == 1)
        #expect(manualLinks[messages[2].id]?.antecedent == .some(nil) && manualLinks[messages[2].id]?.isKept == false)
        // The segmenter runs again (honouring the constraint) with a different automatic result.
        let (c2, l2) = segmentation(messages, roots: [0, 2, 4])
        try store.replaceSegmentation(channel: channel, conversations: c2, links: l2, runID: nil)
        let links = try store.links(channel: channel)
        #expect(links.count == messages.count)
        let manual = try #require(links.first { $0.messageID == messages[2].id })
        #expect(manual.origin == .manual)
        #expect(manual.rule == "manual-split")
        #expect(manual.conversationID == messages[2].id)
        #expect(Set(try store.conversations(channel: channel).map(\.id)) == [messages[0].id, messages[2].id, messages[4].id])
        #expect(links.filter { $0.origin == .auto }.allSatisfy { $0.rule != "manual-split" })
    }
}
