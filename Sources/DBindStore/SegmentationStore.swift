import DBindCore
import GRDB

/// A message placed in review: after `antecedent` (nil: it starts a conversation, or follows
/// the message before it in its conversation), in `conversation` as stored. `isKept` when an
/// edit placed it to keep a move (`ConversationEdit.keptRule`) rather than because the person chose it.
public struct ManualPlacement: Sendable, Equatable {
    public var antecedent: Snowflake?
    public var conversation: Snowflake
    public var isKept: Bool

    public init(antecedent: Snowflake?, conversation: Snowflake, isKept: Bool = false) {
        self.antecedent = antecedent
        self.conversation = conversation
        self.isKept = isKept
    }
}

/// A conversation as stored: its id is the snowflake of its root message, so re-running the
/// segmenter gives the same ids and labels attached to a conversation stay attached (one holding
/// messages placed in review keeps the id it had then: `ConversationNames`).
public struct ConversationRecord: Sendable, Equatable {
    public var id: Snowflake
    /// Its first message: the id's message unless the conversation kept an older name.
    public var firstMessageID: Snowflake
    public var channelID: Snowflake
    public var start: Int64
    public var end: Int64
    public var messageCount: Int
    public var participantCount: Int
    public var firstQuestionID: Snowflake?
    /// Whether every question in it got an answer from someone else; nil without questions.
    public var answered: Bool?

    public init(id: Snowflake, firstMessageID: Snowflake? = nil, channelID: Snowflake, start: Int64, end: Int64, messageCount: Int,
                participantCount: Int, firstQuestionID: Snowflake? = nil, answered: Bool? = nil) {
        self.id = id
        self.firstMessageID = firstMessageID ?? id
        self.channelID = channelID
        self.start = start
        self.end = end
        self.messageCount = messageCount
        self.participantCount = participantCount
        self.firstQuestionID = firstQuestionID
        self.answered = answered
    }
}

/// Why a message sits in its conversation: its antecedent and the rule that linked them.
public struct LinkRecord: Sendable, Equatable {
    public enum Origin: String, Sendable {
        case auto, manual
    }

    public var messageID: Snowflake
    public var conversationID: Snowflake
    /// nil when the message starts its conversation.
    public var antecedentID: Snowflake?
    public var rule: String
    public var score: Double
    public var origin: Origin

    public init(messageID: Snowflake, conversationID: Snowflake, antecedentID: Snowflake?, rule: String, score: Double,
                origin: Origin = .auto) {
        self.messageID = messageID
        self.conversationID = conversationID
        self.antecedentID = antecedentID
        self.rule = rule
        self.score = score
        self.origin = origin
    }
}

extension Store {
    /// Records the start of a computing stage's run and returns its id.
    public func beginRun(stage: String, version: String, schemaName: String? = nil, schemaVersion: String? = nil) throws -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO runs (stage, version, schema_name, schema_version, started_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [stage, version, schemaName, schemaVersion, Store.now()])
            return db.lastInsertedRowID
        }
    }

    public func finishRun(_ id: Int64) throws {
        try write { db in
            try db.execute(sql: "UPDATE runs SET finished_at = ? WHERE id = ?", arguments: [Store.now(), id])
        }
    }

    /// A channel's manual placements, by message: the segmenter honours every one, training
    /// skips the kept ones.
    public func manualLinks(channel: Snowflake) throws -> [Snowflake: ManualPlacement] {
        try read { db in
            var result: [Snowflake: ManualPlacement] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT l.message_id, l.antecedent_id, l.conversation_id, l.rule = ?
                FROM conversation_links l JOIN messages m ON m.id = l.message_id
                WHERE m.channel_id = ? AND l.origin = 'manual'
                """, arguments: [ConversationEdit.keptRule, channel.int64]) {
                result[Snowflake(int64: row[0])] = ManualPlacement(antecedent: (row[1] as Int64?).map(Snowflake.init(int64:)),
                                                                  conversation: Snowflake(int64: row[2]), isKept: row[3])
            }
            return result
        }
    }

    /// Replaces a channel's automatic segmentation in one transaction. Links made by hand are
    /// kept as they are; the caller passes them to the segmenter as constraints, so the new
    /// conversations agree with them.
    /// With `recount`, every conversation's counts and bounds are derived from its links instead
    /// of taken from the records.
    public func replaceSegmentation(channel: Snowflake, conversations: [ConversationRecord], links: [LinkRecord], runID: Int64?,
                                    recount: Bool = false) throws {
        try write { db in try Self.replaceSegmentation(channel: channel, conversations: conversations, links: links, runID: runID, recount: recount, in: db) }
    }

    /// The same inside the caller's transaction, so a job can write several kinds at once.
    public static func replaceSegmentation(channel: Snowflake, conversations: [ConversationRecord], links: some Sequence<LinkRecord>, runID: Int64?,
                                    recount: Bool = false, in db: Database) throws {
        try clearSegmentation(channel: channel, in: db)
        try insertSegmentation(conversations: conversations, links: links, runID: runID, in: db)
        try finishSegmentation(channel: channel, recount: recount, in: db)
    }

    /// The first step of `replaceSegmentation`, for a job that writes a channel's segmentation
    /// in parts: removes its automatic links and the conversations no manual link holds.
    public static func clearSegmentation(channel: Snowflake, in db: Database) throws {
        try forEachChunk(of: "messages", channel: channel, orderedBy: "timestamp, id", in: db) { rows, arguments in
            try db.execute(sql: "DELETE FROM conversation_links WHERE origin = 'auto' AND message_id IN (SELECT id FROM messages WHERE \(rows))",
                           arguments: arguments)
        }
        // Conversations are rebuilt whole; those still holding manual links stay until the
        // links are re-pointed at the new conversations.
        try db.execute(sql: "DELETE FROM conversations WHERE channel_id = ? AND id NOT IN (SELECT conversation_id FROM conversation_links)",
                       arguments: [channel.int64])
    }

    /// The second step, once or per part: a conversation is inserted before the links into it.
    /// A message linked by hand keeps its link and follows it into its new conversation.
    public static func insertSegmentation(conversations: [ConversationRecord], links: some Sequence<LinkRecord>, runID: Int64?,
                                          in db: Database) throws {
        let insertConversation = try db.cachedStatement(sql: """
            INSERT INTO conversations (id, channel_id, first_message_id, start_at, end_at, message_count, participant_count,
                                       first_question_id, answered, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET channel_id = excluded.channel_id, first_message_id = excluded.first_message_id,
                start_at = excluded.start_at, end_at = excluded.end_at, message_count = excluded.message_count,
                participant_count = excluded.participant_count, first_question_id = excluded.first_question_id,
                answered = excluded.answered, run_id = excluded.run_id
            """)
        for c in conversations {
            try FastStatement.run(insertConversation, in: db, c.id.int64, c.channelID.int64, c.firstMessageID.int64, c.start, c.end, c.messageCount,
                                  c.participantCount, c.firstQuestionID?.int64, c.answered, runID)
        }
        // After `clearSegmentation` the channel's only links left are manual ones; any other
        // link already there is an error, as a plain insert would make it.
        let insertLink = try db.cachedStatement(sql: """
            INSERT INTO conversation_links (message_id, conversation_id, antecedent_id, rule, score, origin)
            VALUES (?, ?, ?, ?, ?, 'auto')
            ON CONFLICT(message_id) DO UPDATE SET conversation_id = excluded.conversation_id
            WHERE conversation_links.origin = 'manual'
            """)
        for link in links {
            try FastStatement.run(insertLink, in: db, link.messageID.int64, link.conversationID.int64, link.antecedentID?.int64,
                                  link.rule, link.score)
            guard db.changesCount > 0 else {
                throw DatabaseError(resultCode: .SQLITE_CONSTRAINT,
                                    message: "UNIQUE constraint failed: conversation_links.message_id (\(link.messageID))")
            }
        }
    }

    /// The last step: removes the conversations left empty and recounts those holding manual
    /// placements from their links as stored (with `recount`, every conversation of the channel).
    public static func finishSegmentation(channel: Snowflake, recount: Bool = false, in db: Database) throws {
        try db.execute(sql: """
            DELETE FROM conversations WHERE channel_id = ? AND id NOT IN (SELECT conversation_id FROM conversation_links)
            """, arguments: [channel.int64])
        let recounted = recount ? try Int64.fetchAll(db, sql: "SELECT id FROM conversations WHERE channel_id = ?",
                                                     arguments: [channel.int64])
            : try Int64.fetchAll(db, sql: """
                SELECT DISTINCT l.conversation_id FROM conversation_links l JOIN messages m ON m.id = l.message_id
                WHERE m.channel_id = ? AND l.origin = 'manual'
                """, arguments: [channel.int64])
        try Self.refreshConversations(db, Set(recounted))
    }

    /// Calls `body` with the condition and arguments that pick each chunk of a channel's rows
    /// of `table` in turn, in the order of `key` (two columns an index holds after
    /// `channel_id`): a statement taking `IN (SELECT … WHERE condition)` then gathers a chunk
    /// at a time instead of a whole channel, which can hold millions of rows.
    static func forEachChunk(of table: String, channel: Snowflake, orderedBy key: String, chunk: Int = 20_000, in db: Database,
                             _ body: (_ condition: String, _ arguments: StatementArguments) throws -> Void) throws {
        var after: Row?
        while true {
            let from = after == nil ? "" : " AND (\(key)) > (?, ?)"
            let fromArguments: StatementArguments = after.map { [channel.int64, $0[0] as DatabaseValue, $0[1] as DatabaseValue] } ?? [channel.int64]
            let last = try Row.fetchOne(db, sql: "SELECT \(key) FROM \(table) WHERE channel_id = ?\(from) ORDER BY \(key) LIMIT 1 OFFSET \(chunk - 1)",
                                        arguments: fromArguments)
            if let last {
                try body("channel_id = ?\(from) AND (\(key)) <= (?, ?)", fromArguments + [last[0] as DatabaseValue, last[1] as DatabaseValue])
            } else {
                try body("channel_id = ?\(from)", fromArguments)
                return
            }
            after = last
        }
    }

    /// A channel's conversations in time order.
    public func conversations(channel: Snowflake) throws -> [ConversationRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM conversations WHERE channel_id = ? ORDER BY start_at, id",
                             arguments: [channel.int64]).map(Self.conversation)
        }
    }

    /// How each message of a channel is linked, in message time order.
    public func links(channel: Snowflake) throws -> [LinkRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.* FROM conversation_links l JOIN messages m ON m.id = l.message_id
                WHERE m.channel_id = ? ORDER BY m.timestamp, m.id
                """, arguments: [channel.int64]).map(Self.link)
        }
    }

    static func conversation(_ row: Row) -> ConversationRecord {
        ConversationRecord(id: Snowflake(int64: row["id"]), firstMessageID: Snowflake(int64: row["first_message_id"]),
                           channelID: Snowflake(int64: row["channel_id"]),
                           start: row["start_at"], end: row["end_at"], messageCount: row["message_count"],
                           participantCount: row["participant_count"],
                           firstQuestionID: (row["first_question_id"] as Int64?).map(Snowflake.init(int64:)),
                           answered: row["answered"])
    }

    static func link(_ row: Row) -> LinkRecord {
        LinkRecord(messageID: Snowflake(int64: row["message_id"]), conversationID: Snowflake(int64: row["conversation_id"]),
                   antecedentID: (row["antecedent_id"] as Int64?).map(Snowflake.init(int64:)), rule: row["rule"],
                   score: row["score"], origin: LinkRecord.Origin(rawValue: row["origin"]) ?? .auto)
    }
}

extension Store {
    /// Each linked message of a channel with its conversation.
    public func conversationMembers(channel: Snowflake) throws -> [Snowflake: Int64] {
        try read { db in
            var result: [Snowflake: Int64] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT l.message_id, l.conversation_id FROM conversation_links l JOIN messages m ON m.id = l.message_id
                WHERE m.channel_id = ?
                """, arguments: [channel.int64]) {
                result[Snowflake(int64: row[0])] = row[1]
            }
            return result
        }
    }
}
