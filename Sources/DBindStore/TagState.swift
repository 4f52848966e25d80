import DBindCore
import GRDB

/// What a channel looked like when it was last tagged, so `dbind tag` can skip channels that
/// have not changed since (same schema, same messages, no edits or refreshed exports).
public struct ChannelFingerprint: Sendable, Equatable {
    public var messages: Int
    public var lastMessage: Int64
    public var edits: Int64
    public var exported: Int64
    public var manualLinks: Int
}

extension Store {
    public func fingerprint(channel: Snowflake) throws -> ChannelFingerprint {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*), coalesce(max(id), 0), coalesce(sum(edited_at), 0), coalesce(max(exported_at), 0)
                FROM messages WHERE channel_id = ?
                """, arguments: [channel.int64])
            let manual = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM conversation_links l JOIN messages m ON m.id = l.message_id
                WHERE m.channel_id = ? AND l.origin = 'manual'
                """, arguments: [channel.int64]) ?? 0
            return ChannelFingerprint(messages: row?[0] ?? 0, lastMessage: row?[1] ?? 0, edits: row?[2] ?? 0,
                                      exported: row?[3] ?? 0, manualLinks: manual)
        }
    }

    /// Whether the channel was tagged with this schema version when it had this fingerprint.
    public func isTagged(channel: Snowflake, schema: String, version: String, fingerprint: ChannelFingerprint) throws -> Bool {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM tag_state WHERE channel_id = ?", arguments: [channel.int64]) else {
                return false
            }
            return row["schema_name"] == schema && row["schema_version"] == version
                && ChannelFingerprint(messages: row["messages"], lastMessage: row["last_message"], edits: row["edits"],
                                      exported: row["exported"], manualLinks: row["manual_links"]) == fingerprint
        }
    }

    public func recordTagged(channel: Snowflake, schema: String, version: String, fingerprint: ChannelFingerprint) throws {
        try write { db in try Self.recordTagged(channel: channel, schema: schema, version: version, fingerprint: fingerprint, in: db) }
    }

    /// The same inside the caller's transaction, so a job can write several kinds at once.
    public static func recordTagged(channel: Snowflake, schema: String, version: String, fingerprint: ChannelFingerprint, in db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO tag_state (channel_id, schema_name, schema_version, messages, last_message, edits, exported,
                                              manual_links, tagged_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [channel.int64, schema, version, fingerprint.messages, fingerprint.lastMessage, fingerprint.edits,
                             fingerprint.exported, fingerprint.manualLinks, Store.now()])
    }

    /// Removes the auto-tags of a channel's conversations as stored now, inside the caller's
    /// transaction: a job writing the channel's new conversations in parts does this first.
    public static func removeConversationTags(channel: Snowflake, in db: Database) throws {
        try forEachChunk(of: "conversations", channel: channel, orderedBy: "start_at, id", in: db) { rows, arguments in
            try db.execute(sql: """
                DELETE FROM tags WHERE level = '\(ItemLevel.conversation.rawValue)'
                AND item_id IN (SELECT CAST(id AS TEXT) FROM conversations WHERE \(rows))
                """, arguments: arguments)
        }
    }

    /// Ids of a channel's conversations as stored now.
    public func conversationIDs(channel: Snowflake) throws -> [String] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM conversations WHERE channel_id = ?", arguments: [channel.int64]).map(String.init)
        }
    }
}
