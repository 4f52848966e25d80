import DBindCore
import GRDB

extension Store {
    /// A message with up to `before` earlier and `after` later messages of its channel, in time
    /// order; empty when the message is not in the store.
    public func messageContext(around id: Snowflake, before: Int, after: Int) throws -> [Message] {
        try read { db in try Self.messageContext(db, around: id, before: before, after: after) }
    }

    public static func messageContext(_ db: Database, around id: Snowflake, before: Int, after: Int) throws -> [Message] {
        guard let row = try Row.fetchOne(db, sql: "SELECT channel_id, timestamp FROM messages WHERE id = ?", arguments: [id.int64]) else {
            return []
        }
        let channel: Int64 = row["channel_id"]
        let time: Int64 = row["timestamp"]
        let earlier = try Int64.fetchAll(db, sql: """
            SELECT id FROM messages WHERE channel_id = ?1 AND timestamp <= ?2 AND (timestamp < ?2 OR id < ?3)
            ORDER BY timestamp DESC, id DESC LIMIT ?4
            """, arguments: [channel, time, id.int64, before])
        let later = try Int64.fetchAll(db, sql: """
            SELECT id FROM messages WHERE channel_id = ?1 AND timestamp >= ?2 AND (timestamp > ?2 OR id > ?3)
            ORDER BY timestamp, id LIMIT ?4
            """, arguments: [channel, time, id.int64, after])
        return try messages(db, ids: (earlier.reversed() + [id.int64] + later).map(Snowflake.init(int64:)))
    }

    /// The newest `count` messages of a channel, in time order.
    public func latestMessages(channel: Snowflake, count: Int) throws -> [Message] {
        try read { db in try Self.latestMessages(db, channel: channel, count: count) }
    }

    public static func latestMessages(_ db: Database, channel: Snowflake, count: Int) throws -> [Message] {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM messages WHERE channel_id = ? ORDER BY timestamp DESC, id DESC LIMIT ?",
                                     arguments: [channel.int64, count])
        return try messages(db, ids: ids.reversed().map(Snowflake.init(int64:)))
    }

    /// How many messages a channel holds.
    public static func messageCount(_ db: Database, channel: Snowflake) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM messages WHERE channel_id = ?", arguments: [channel.int64]) ?? 0
    }

    /// The text a reviewer would search in for an item: message content, channel name and
    /// topic, or the contents of a conversation's messages.
    public func searchableText(level: ItemLevel, itemID: String) throws -> String {
        try read { db in
            switch level {
            case .message:
                guard let id = Snowflake(itemID) else { return "" }
                return try String.fetchOne(db, sql: "SELECT content FROM messages WHERE id = ?", arguments: [id.int64]) ?? ""
            case .span:
                guard let key = SpanKey(itemID) else { return "" }
                return try String.fetchOne(db, sql: "SELECT content FROM messages WHERE id = ?", arguments: [key.messageID.int64]) ?? ""
            case .channel:
                guard let id = Snowflake(itemID) else { return "" }
                return try String.fetchOne(db, sql: "SELECT name || ' ' || coalesce(topic, '') FROM channels WHERE id = ?",
                                           arguments: [id.int64]) ?? ""
            case .conversation:
                guard let id = Int64(itemID) else { return "" }
                return try String.fetchAll(db, sql: """
                    SELECT m.content FROM conversation_links l JOIN messages m ON m.id = l.message_id WHERE l.conversation_id = ?
                    ORDER BY m.timestamp, m.id
                    """, arguments: [id]).joined(separator: "\n")
            }
        }
    }
}
