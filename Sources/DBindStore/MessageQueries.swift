import DBindCore
import GRDB

extension Store {
    /// Every guild in the store.
    public func guilds() throws -> [Guild] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, icon_url FROM guilds ORDER BY name, id").map {
                Guild(id: Snowflake(int64: $0["id"]), name: $0["name"], iconURL: $0["icon_url"])
            }
        }
    }

    /// Every channel (threads included), optionally of one guild, ordered by parent and name.
    public func channels(guild: Snowflake? = nil) throws -> [Channel] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM channels WHERE ?1 IS NULL OR guild_id = ?1
                ORDER BY coalesce(parent_name, ''), name, id
                """, arguments: [guild?.int64]).map(Self.channel)
        }
    }

    /// The roles of a guild, highest first.
    public func roles(guild: Snowflake) throws -> [Role] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM roles WHERE guild_id = ? ORDER BY position DESC, id",
                             arguments: [guild.int64]).map(Self.role)
        }
    }

    /// Authors who posted or were mentioned in a guild, with their roles there.
    public func members(guild: Snowflake) throws -> [Author] {
        try read { db in
            let rolesByAuthor = try rolesByAuthor(db, guild: guild.int64)
            var statement = try FastStatement(db, """
                SELECT \(Self.authorColumns) FROM authors a WHERE a.id IN (
                    SELECT m.author_id FROM messages m JOIN channels c ON c.id = m.channel_id WHERE c.guild_id = ?1
                    UNION SELECT author_id FROM member_roles WHERE guild_id = ?1)
                ORDER BY a.name, a.id
                """)
            statement.bind(guild.int64)
            var found: [Author] = []
            try statement.forEachRow(db) { row in
                var author = Self.author(row, from: 0)
                author.roles = rolesByAuthor[author.id.int64]
                found.append(author)
            }
            return found
        }
    }

    /// A channel's messages in time order, with authors, mentions, reactions, attachments,
    /// embeds and stickers, read in pages so memory stays bounded for big channels.
    /// - Parameter mentionsOnly: leaves out reactions, attachments, embeds and stickers, for a
    ///   caller that needs only each message's text, author and whom it names.
    public func forEachMessage(channel: Snowflake, pageSize: Int = 5000, mentionsOnly: Bool = false,
                               _ body: ([Message]) throws -> Void) throws {
        var after: (time: Int64, id: Int64) = (Int64.min, Int64.min)
        while true {
            let page: [Message] = try read { db in
                try Self.messages(db, mentionsOnly: mentionsOnly,
                                  where: "m.channel_id = ? AND (m.timestamp, m.id) > (?, ?) ORDER BY m.timestamp, m.id LIMIT ?",
                                  channel.int64, after.time, after.id, pageSize)
            }
            if page.isEmpty { return }
            try body(page)
            if let last = page.last { after = (last.timestamp.milliseconds, last.id.int64) }
            if page.count < pageSize { return }
        }
    }

    /// A channel's message ids and times (UTC milliseconds), in the order `forEachMessage`
    /// reads them.
    public func forEachMessageOrder(channel: Snowflake, _ body: (Snowflake, Int64) throws -> Void) throws {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, timestamp FROM messages WHERE channel_id = ? ORDER BY timestamp, id",
                                           arguments: [channel.int64])
            while let row = try rows.next() { try body(Snowflake(int64: row[0]), row[1]) }
        }
    }

    /// All messages of a channel in time order (see `forEachMessage` for big channels).
    public func messages(channel: Snowflake) throws -> [Message] {
        var all: [Message] = []
        // Sized once: growing by doubling would hold up to twice the channel while copying.
        all.reserveCapacity(try read { db in try Self.messageCount(db, channel: channel) })
        try forEachMessage(channel: channel) { all.append(contentsOf: $0) }
        return all
    }

    /// Messages by id, in the order asked; ids not in the store are left out.
    public func messages(ids: [Snowflake]) throws -> [Message] {
        guard !ids.isEmpty else { return [] }
        return try read { db in try Self.messages(db, ids: ids) }
    }

    /// The same inside the caller's transaction.
    public static func messages(_ db: Database, ids: [Snowflake]) throws -> [Message] {
        guard !ids.isEmpty else { return [] }
        let found = try messages(db, where: "m.id IN (SELECT value FROM json_each(?))", Store.jsonIDs(ids.map(\.int64)))
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { byID[$0] }
    }

    // MARK: Assembly

    /// The messages of `messages m JOIN authors a` that `clause` selects (a condition, then any
    /// ORDER BY and LIMIT), with their mentions, reactions, attachments, embeds and stickers
    /// (mentions alone when `mentionsOnly`). Pages of thousands of messages are read straight
    /// from SQLite's columns (`FastRow`).
    private static func messages<each V: FastBindable>(_ db: Database, mentionsOnly: Bool = false, where clause: String,
                                                       _ values: repeat each V) throws -> [Message] {
        var statement = try FastStatement(db, """
            SELECT m.id, m.channel_id, m.type, m.timestamp, m.utc_offset, m.edited_at, m.call_ended_at, m.is_pinned, m.content,
                   m.forwarded_content, m.reference_type, m.reference_message_id, m.reference_channel_id, m.reference_guild_id,
                   m.interaction_id, m.interaction_name, m.interaction_user_id,
                   \(authorColumns)
            FROM messages m JOIN authors a ON a.id = m.author_id
            WHERE \(clause)
            """)
        repeat statement.bind(each values)
        var messages: [Message] = []
        var interactionUsers: Set<Int64> = []
        // Each author is built once per read, so a page's messages share their author's strings.
        var authors: [Int64: Author] = [:]
        try statement.forEachRow(db) { row in
            let author = Self.author(row, from: 17, known: &authors)
            var message = Message(
                id: Snowflake(int64: row.int64(0)), channelID: Snowflake(int64: row.int64(1)), kind: MessageKind(rawValue: row.string(2)),
                timestamp: Timestamp(milliseconds: row.int64(3), offsetMinutes: Int16(row.int64(4))),
                editedTimestamp: row.optionalInt64(5).map { Timestamp(milliseconds: $0) },
                callEndedTimestamp: row.optionalInt64(6).map { Timestamp(milliseconds: $0) },
                isPinned: row.bool(7), content: row.string(8), author: author, forwardedContent: row.optionalString(9))
            if let kind = row.optionalString(10) {
                message.reference = MessageReference(kind: kind, messageID: row.optionalInt64(11).map(Snowflake.init(int64:)),
                                                     channelID: row.optionalInt64(12).map(Snowflake.init(int64:)),
                                                     guildID: row.optionalInt64(13).map(Snowflake.init(int64:)))
            }
            if let interactionID = row.optionalInt64(14), let userID = row.optionalInt64(16) {
                // The user is filled in below, once all of them are read.
                message.interaction = Interaction(id: Snowflake(int64: interactionID), name: row.optionalString(15) ?? "",
                                                  user: Author(id: Snowflake(int64: userID), name: ""))
                interactionUsers.insert(userID)
            }
            messages.append(message)
        }
        guard !messages.isEmpty else { return [] }
        if !interactionUsers.isEmpty {
            let users = try Self.authors(db, ids: interactionUsers)
            for k in messages.indices {
                if let user = messages[k].interaction?.user, let known = users[user.id.int64] { messages[k].interaction?.user = known }
            }
        }
        try attachParts(db, to: &messages, mentionsOnly: mentionsOnly, authors: &authors)
        return messages
    }

    /// The author columns every author read selects, in the order `author(_:from:)` reads them
    /// (`a` is the authors table).
    static let authorColumns = "a.id, a.name, a.discriminator, a.nickname, a.color, a.is_bot, a.avatar_url"

    /// The author in the row's `authorColumns`, from `first` on.
    static func author(_ row: FastRow, from first: Int32) -> Author {
        Author(id: Snowflake(int64: row.int64(first)), name: row.string(first + 1), discriminator: row.string(first + 2),
               nickname: row.optionalString(first + 3), color: row.optionalString(first + 4), isBot: row.bool(first + 5),
               avatarURL: row.optionalString(first + 6))
    }

    /// The same, built once per id and then taken from `known`.
    private static func author(_ row: FastRow, from first: Int32, known: inout [Int64: Author]) -> Author {
        let id = row.int64(first)
        if let author = known[id] { return author }
        let author = Self.author(row, from: first)
        known[id] = author
        return author
    }

    /// Adds each message's mentions, reactions, attachments, embeds and stickers (mentions alone
    /// when `mentionsOnly`), each kind read for the whole page in one query and appended in that
    /// query's order. Mentioned authors come from `authors` when the page already built them.
    private static func attachParts(_ db: Database, to messages: inout [Message], mentionsOnly: Bool,
                                    authors: inout [Int64: Author]) throws {
        let idList = Store.jsonIDs(messages.map(\.id.int64))
        let inPage = "message_id IN (SELECT value FROM json_each(?))"
        let positions = Dictionary(messages.indices.map { (messages[$0].id.int64, $0) }, uniquingKeysWith: { first, _ in first })
        func position(_ row: Row) -> Int { positions[row["message_id"]]! }
        // A kind the store holds none of (IRC has no reactions, many guilds no stickers) is not
        // looked up message by message.
        func holdsAny(_ table: String) throws -> Bool {
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") ?? false
        }
        func rows(_ table: String, orderedBy order: String) throws -> [Row] {
            guard try holdsAny(table) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE \(inPage) ORDER BY \(order)", arguments: [idList])
        }
        // Chat names people often (IRC's `nick:` addressing is a mention), so mentions are read by
        // column position, like the messages.
        if try holdsAny("mentions") {
            var mentions = try FastStatement(db, """
                SELECT x.message_id, \(authorColumns)
                FROM mentions x JOIN authors a ON a.id = x.author_id WHERE x.\(inPage) ORDER BY a.id
                """)
            mentions.bind(idList)
            try mentions.forEachRow(db) { row in
                messages[positions[row.int64(0)]!].mentions.append(Self.author(row, from: 1, known: &authors))
            }
        }
        if mentionsOnly { return }
        let reactionRows = try rows("reactions", orderedBy: "position")
        let reactors = try Self.authors(db, ids: Set(reactionRows.flatMap { Self.reactorIDs($0) }))
        for row in reactionRows {
            let emoji = Emoji(id: (row["emoji_id"] as Int64?).map(Snowflake.init(int64:)), name: row["emoji_name"],
                              code: row["emoji_code"], isAnimated: row["is_animated"], imageURL: row["emoji_image_url"])
            // Stores written before reactors were kept as authors know only their ids.
            let users = Self.reactorIDs(row).map { reactors[$0] ?? Author(id: Snowflake(int64: $0), name: String($0)) }
            messages[position(row)].reactions.append(Reaction(emoji: emoji, count: row["count"], users: users))
        }
        for row in try rows("attachments", orderedBy: "id") {
            messages[position(row)].attachments.append(Attachment(
                id: Snowflake(int64: row["id"]), url: row["url"], fileName: row["file_name"], fileSizeBytes: row["size_bytes"]))
        }
        for row in try rows("embeds", orderedBy: "position") {
            messages[position(row)].embeds.append(Embed(
                title: row["title"], url: row["url"], timestamp: (row["timestamp"] as Int64?).map { Timestamp(milliseconds: $0) },
                description: row["description"], color: row["color"], authorName: row["author_name"],
                footerText: row["footer_text"], imageURL: row["image_url"], fields: EmbedFieldsCoding.decode(row["fields"])))
        }
        for row in try rows("stickers", orderedBy: "id") {
            messages[position(row)].stickers.append(Sticker(
                id: Snowflake(int64: row["id"]), name: row["name"], format: row["format"], sourceURL: row["source_url"]))
        }
    }

    private func rolesByAuthor(_ db: Database, guild: Int64) throws -> [Int64: [Role]] {
        var result: [Int64: [Role]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT mr.author_id, r.* FROM member_roles mr JOIN roles r ON r.id = mr.role_id
            WHERE mr.guild_id = ? ORDER BY r.position DESC, r.id
            """, arguments: [guild]) {
            result[row["author_id"], default: []].append(Self.role(row))
        }
        return result
    }

    static func channel(_ row: Row) -> Channel {
        Channel(id: Snowflake(int64: row["id"]), guildID: Snowflake(int64: row["guild_id"]), type: row["type"],
                name: row["name"], topic: row["topic"], parentID: (row["parent_id"] as Int64?).map(Snowflake.init(int64:)),
                parentName: row["parent_name"])
    }

    static func role(_ row: Row) -> Role {
        Role(id: Snowflake(int64: row["id"]), name: row["name"], color: row["color"], position: row["position"])
    }

    /// Authors by id; ids not in the store are left out.
    static func authors(_ db: Database, ids: Set<Int64>) throws -> [Int64: Author] {
        guard !ids.isEmpty else { return [:] }
        var statement = try FastStatement(db, "SELECT \(authorColumns) FROM authors a WHERE a.id IN (SELECT value FROM json_each(?))")
        statement.bind(Store.jsonIDs(ids))
        var found: [Int64: Author] = [:]
        try statement.forEachRow(db) { row in
            let author = Self.author(row, from: 0)
            found[author.id.int64] = author
        }
        return found
    }

    /// The ids in a reactions row's comma-separated `user_ids`.
    static func reactorIDs(_ row: Row) -> [Int64] {
        (row["user_ids"] as String?)?.split(separator: ",").compactMap { Int64($0) } ?? []
    }
}

extension Store {
    /// Whether an item of a level exists (a span key counts when its message does).
    public func itemExists(level: ItemLevel, id: String) throws -> Bool {
        let table: String
        var key = id
        switch level {
        case .channel: table = "channels"
        case .conversation: table = "conversations"
        case .message: table = "messages"
        case .span:
            table = "messages"
            key = SpanKey(id)?.messageID.description ?? ""
        }
        guard let number = Int64(key) ?? Snowflake(key).map(\.int64) else { return false }
        return try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)", arguments: [number]) ?? false }
    }

    /// Every message's id and text, for matching imported text.
    public func forEachMessageText(_ body: (Snowflake, String) throws -> Void) throws {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, content FROM messages WHERE NOT is_system")
            while let row = try rows.next() { try body(Snowflake(int64: row[0]), row[1]) }
        }
    }
}
