import DBindCore
import Foundation
import GRDB

/// A person's change to how messages are grouped into conversations.
public enum ConversationEdit {
    public enum Kind: String, Sendable {
        /// Some messages go to another (or a new) conversation.
        case move
        /// A message and everything after it in its conversation start a new conversation.
        case split
        /// All messages of another conversation join this one.
        case merge

        /// How the label history records it.
        public var action: LabelAction {
            switch self {
            case .move: .move
            case .split: .split
            case .merge: .merge
            }
        }
    }

    /// The label set name under which grouping edits and segmentation verdicts are recorded.
    public static let labelSet = "conversation"
    /// The rule of a link an edit placed by hand without the person choosing it (a message of a
    /// conversation the edit touched, kept where it was): the segmenter honours it, training
    /// does not learn from it.
    public static let keptRule = "kept"

    /// What a message's link was before an edit, kept in the event so undo can restore it.
    struct SavedLink: Codable {
        var m: String
        var c: Int64?
        var a: String?
        var r: String?
        var s: Double?
        var o: String?
        /// True for a message the edit kept in its conversation and placed by hand (`keptRule`):
        /// any other message of a conversation it touched.
        var k: Bool?
    }

    struct Change: Codable {
        var conversation: Int64
        var messages: [String]
    }
}

/// One message's place in a conversation: what it answers and which rule put it there.
public struct ConversationLink: Sendable, Hashable {
    public var messageID: Snowflake
    public var antecedentID: Snowflake?
    public var rule: String
    public var score: Double
    /// `auto` or `manual`.
    public var origin: String
}

/// A conversation with its links in time order.
public struct ConversationInfo: Sendable, Hashable {
    public var id: Int64
    public var channelID: Snowflake
    public var messageCount: Int
    public var participantCount: Int
    public var links: [ConversationLink]
}

extension Store {
    /// A conversation and its links in message time order; nil when it does not exist.
    public func conversation(id: Int64) throws -> ConversationInfo? {
        try read { db in try Self.conversation(db, id: id) }
    }

    public static func conversation(_ db: Database, id: Int64) throws -> ConversationInfo? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM conversations WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let links = try Row.fetchAll(db, sql: """
            SELECT l.* FROM conversation_links l JOIN messages m ON m.id = l.message_id
            WHERE l.conversation_id = ? ORDER BY m.timestamp, m.id
            """, arguments: [id]).map { row in
            ConversationLink(messageID: Snowflake(int64: row["message_id"]),
                             antecedentID: (row["antecedent_id"] as Int64?).map(Snowflake.init(int64:)),
                             rule: row["rule"], score: row["score"], origin: row["origin"])
        }
        return ConversationInfo(id: id, channelID: Snowflake(int64: row["channel_id"]), messageCount: row["message_count"],
                                participantCount: row["participant_count"], links: links)
    }

    /// The conversation a message belongs to, if it was segmented.
    public func conversationID(message: Snowflake) throws -> Int64? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT conversation_id FROM conversation_links WHERE message_id = ?",
                               arguments: [message.int64])
        }
    }

    /// Moves `messages` into conversation `target` (a new conversation in their channel when nil),
    /// marking their links manual, and records the edit under conversation `item` (the destination
    /// when nil) so it can be undone.
    /// Returns the event and the conversation the messages are now in.
    @discardableResult
    public func moveMessages(_ messages: [Snowflake], to target: Int64?, kind: ConversationEdit.Kind, item: Int64?,
                             annotator: String, position: ReviewPosition? = nil) throws -> (event: LabelEvent, conversation: Int64) {
        guard !messages.isEmpty else { throw LabelError("no messages to move") }
        return try write { db in
            var saved: [ConversationEdit.SavedLink] = []
            var channels = Set<Int64>()
            var touched = Set<Int64>()
            for message in messages {
                guard let channel = try Int64.fetchOne(db, sql: "SELECT channel_id FROM messages WHERE id = ?",
                                                       arguments: [message.int64]) else {
                    throw LabelError("message \(message) is not in the store")
                }
                channels.insert(channel)
                let link = try Row.fetchOne(db, sql: "SELECT * FROM conversation_links WHERE message_id = ?", arguments: [message.int64])
                let conversation: Int64? = link?["conversation_id"]
                if let conversation { touched.insert(conversation) }
                saved.append(ConversationEdit.SavedLink(
                    m: message.description, c: conversation, a: (link?["antecedent_id"] as Int64?).map { Snowflake(int64: $0).description },
                    r: link?["rule"], s: link?["score"], o: link?["origin"]))
            }
            guard channels.count == 1, let channel = channels.first else {
                throw LabelError("messages from different channels cannot share a conversation")
            }
            let destination: Int64
            if let target {
                guard let targetChannel = try Int64.fetchOne(db, sql: "SELECT channel_id FROM conversations WHERE id = ?", arguments: [target]) else {
                    throw LabelError("conversation \(target) does not exist")
                }
                guard targetChannel == channel else {
                    throw LabelError("conversation \(target) and the messages to join it are in different channels; conversations stay within one channel")
                }
                destination = target
            } else {
                // Named after its first message, like the segmenter's conversations, unless that
                // id is taken (the message already roots the conversation it leaves).
                try db.execute(sql: """
                    INSERT INTO conversations (id, channel_id, first_message_id, start_at, end_at, message_count, participant_count)
                    VALUES (CASE WHEN EXISTS (SELECT 1 FROM conversations WHERE id = ?2) THEN NULL ELSE ?2 END, ?1, ?2, 0, 0, 0, 0)
                    """, arguments: [channel, messages[0].int64])
                destination = db.lastInsertedRowID
            }
            touched.insert(destination)
            let ids = Store.jsonIDs(messages.map(\.int64))
            for message in messages {
                try db.execute(sql: """
                    INSERT INTO conversation_links (message_id, conversation_id, antecedent_id, rule, score, origin)
                    VALUES (?1, ?2, NULL, 'manual', 1, 'manual')
                    ON CONFLICT (message_id) DO UPDATE SET conversation_id = ?2, rule = 'manual', score = 1, origin = 'manual',
                        antecedent_id = CASE WHEN antecedent_id IN (SELECT value FROM json_each(?3))
                                              OR antecedent_id IN (SELECT message_id FROM conversation_links WHERE conversation_id = ?2)
                                             THEN antecedent_id END
                    """, arguments: [message.int64, destination, ids])
            }
            // The conversations the edit touched stay as the person left them: every other message
            // of theirs is placed by hand too (`keptRule`), after its antecedent when that is still
            // in its conversation, else after the message before it there, as the segmenter reads
            // such a placement. Left as the segmenter's, the next tag run could regroup them: a
            // message that answered a moved one would follow it again, a conversation's messages
            // would drift to others once the grouping around them changed.
            for row in try Row.fetchAll(db, sql: """
                SELECT * FROM conversation_links
                WHERE conversation_id IN (SELECT value FROM json_each(?2)) AND origin = 'auto'
                  AND message_id NOT IN (SELECT value FROM json_each(?1))
                """, arguments: [ids, Store.jsonIDs(touched)]) {
                let message: Int64 = row["message_id"]
                saved.append(ConversationEdit.SavedLink(
                    m: Snowflake(int64: message).description, c: row["conversation_id"],
                    a: (row["antecedent_id"] as Int64?).map { Snowflake(int64: $0).description },
                    r: row["rule"], s: row["score"], o: row["origin"], k: true))
                try db.execute(sql: """
                    UPDATE conversation_links SET rule = '\(ConversationEdit.keptRule)', score = 1, origin = 'manual',
                        antecedent_id = CASE WHEN antecedent_id IN (SELECT message_id FROM conversation_links WHERE conversation_id = ?2)
                                             THEN antecedent_id END
                    WHERE message_id = ?1
                    """, arguments: [message, row["conversation_id"] as Int64])
            }
            try Self.refreshConversations(db, touched)
            let event = try Self.appendEvent(
                db, annotator: annotator, level: .conversation, itemID: String(item ?? destination), labelSet: ConversationEdit.labelSet,
                action: kind.action, oldValue: try Self.json(saved),
                newValue: try Self.json(ConversationEdit.Change(conversation: destination, messages: messages.map(\.description))),
                note: nil, undoes: nil)
            if let position { try Self.save(db, position: position) }
            return (event, destination)
        }
    }

    /// Puts every message of a grouping edit back where it was, if nobody changed them since.
    static func revertConversationEdit(_ db: Database, event: LabelEvent) throws {
        guard let oldData = event.oldValue?.data(using: .utf8), let newData = event.newValue?.data(using: .utf8),
              let saved = try? JSONDecoder().decode([ConversationEdit.SavedLink].self, from: oldData),
              let change = try? JSONDecoder().decode(ConversationEdit.Change.self, from: newData) else {
            throw LabelError("event \(event.id) cannot be undone: its recorded values are unreadable")
        }
        var touched: Set<Int64> = [change.conversation]
        for link in saved {
            guard let message = Snowflake(link.m) else { continue }
            let now = try Int64.fetchOne(db, sql: "SELECT conversation_id FROM conversation_links WHERE message_id = ?",
                                         arguments: [message.int64])
            // A moved message is where the edit put it; one it unlinked, where it was.
            guard now == (link.k == true ? link.c : change.conversation) else {
                throw LabelError("cannot undo the \(event.action.rawValue) of conversation \(event.itemID): message \(message) was regrouped since")
            }
        }
        for link in saved {
            guard let message = Snowflake(link.m) else { continue }
            guard let conversation = link.c else {
                try db.execute(sql: "DELETE FROM conversation_links WHERE message_id = ?", arguments: [message.int64])
                continue
            }
            if try Int64.fetchOne(db, sql: "SELECT id FROM conversations WHERE id = ?", arguments: [conversation]) == nil {
                try db.execute(sql: """
                    INSERT INTO conversations (id, channel_id, first_message_id, start_at, end_at, message_count, participant_count)
                    SELECT ?, channel_id, id, timestamp, timestamp, 0, 0 FROM messages WHERE id = ?
                    """, arguments: [conversation, message.int64])
            }
            touched.insert(conversation)
            try db.execute(sql: """
                UPDATE conversation_links SET conversation_id = ?, antecedent_id = ?, rule = ?, score = ?, origin = ? WHERE message_id = ?
                """, arguments: [conversation, link.a.flatMap { Snowflake($0)?.int64 }, link.r ?? "manual", link.s ?? 1,
                                 link.o ?? "manual", message.int64])
        }
        try refreshConversations(db, touched)
        _ = try appendEvent(db, annotator: event.annotator, level: event.level, itemID: event.itemID, labelSet: event.labelSet,
                            action: .undo, oldValue: event.newValue, newValue: event.oldValue, note: nil, undoes: event.id)
    }

    /// Recomputes counts and bounds of conversations after their messages changed; empty ones go.
    static func refreshConversations(_ db: Database, _ ids: Set<Int64>) throws {
        for id in ids {
            try db.execute(sql: """
                UPDATE conversations SET
                    message_count = (SELECT count(*) FROM conversation_links WHERE conversation_id = ?1),
                    participant_count = (SELECT count(DISTINCT m.author_id) FROM conversation_links l
                                         JOIN messages m ON m.id = l.message_id WHERE l.conversation_id = ?1),
                    start_at = coalesce((SELECT min(m.timestamp) FROM conversation_links l JOIN messages m ON m.id = l.message_id
                                         WHERE l.conversation_id = ?1), start_at),
                    end_at = coalesce((SELECT max(m.timestamp) FROM conversation_links l JOIN messages m ON m.id = l.message_id
                                       WHERE l.conversation_id = ?1), end_at),
                    first_message_id = coalesce((SELECT l.message_id FROM conversation_links l JOIN messages m ON m.id = l.message_id
                                                 WHERE l.conversation_id = ?1 ORDER BY m.timestamp, m.id LIMIT 1), first_message_id),
                    first_question_id = CASE WHEN first_question_id IN
                        (SELECT message_id FROM conversation_links WHERE conversation_id = ?1) THEN first_question_id END
                WHERE id = ?1
                """, arguments: [id])
            try db.execute(sql: "DELETE FROM conversations WHERE id = ? AND message_count = 0", arguments: [id])
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// One conversation as the segmenter found it, in message order.
public struct AutoConversation: Sendable, Hashable {
    /// A message of the conversation: what it answers, the rule that linked it and how sure it was.
    public struct Member: Sendable, Hashable {
        public var messageID: Snowflake
        public var antecedentID: Snowflake?
        public var rule: String
        public var score: Double

        public init(messageID: Snowflake, antecedentID: Snowflake? = nil, rule: String, score: Double) {
            self.messageID = messageID
            self.antecedentID = antecedentID
            self.rule = rule
            self.score = score
        }
    }

    public var members: [Member]
    public var firstQuestionID: Snowflake?
    public var answered: Bool?

    public init(members: [Member], firstQuestionID: Snowflake? = nil, answered: Bool? = nil) {
        self.members = members
        self.firstQuestionID = firstQuestionID
        self.answered = answered
    }
}

extension Store {
    /// Replaces the segmenter's conversations of one channel, in one transaction (see
    /// `replaceSegmentation`). A conversation's id is its first message's snowflake. Returns the
    /// ids in input order (nil for a conversation all of whose messages were placed by hand).
    @discardableResult
    public func replaceAutoConversations(channel: Snowflake, _ conversations: [AutoConversation], runID: Int64? = nil) throws -> [Int64?] {
        let manual = Set(try manualLinks(channel: channel).keys)
        var records: [ConversationRecord] = []
        var links: [LinkRecord] = []
        var ids: [Int64?] = []
        let times = Dictionary(uniqueKeysWithValues: try read { db in
            try Row.fetchAll(db, sql: "SELECT id, timestamp FROM messages WHERE channel_id = ?", arguments: [channel.int64])
                .map { (Snowflake(int64: $0[0]), $0[1] as Int64) }
        })
        for conversation in conversations {
            guard let root = conversation.members.first(where: { !manual.contains($0.messageID) }) else {
                ids.append(nil)
                continue
            }
            let memberTimes = conversation.members.compactMap { times[$0.messageID] }
            records.append(ConversationRecord(id: root.messageID, channelID: channel, start: memberTimes.min() ?? 0,
                                              end: memberTimes.max() ?? 0, messageCount: conversation.members.count,
                                              participantCount: 0, firstQuestionID: conversation.firstQuestionID,
                                              answered: conversation.answered))
            links += conversation.members.map {
                LinkRecord(messageID: $0.messageID, conversationID: root.messageID, antecedentID: $0.antecedentID,
                           rule: $0.rule, score: $0.score)
            }
            ids.append(root.messageID.int64)
        }
        try replaceSegmentation(channel: channel, conversations: records, links: links, runID: runID, recount: true)
        return ids
    }
}
