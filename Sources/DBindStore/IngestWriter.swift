import DBindCore
import Foundation
import GRDB

/// What one ingest batch did.
public struct IngestCounts: Sendable, Equatable {
    /// Messages new to the store.
    public var inserted = 0
    /// Messages already stored, refreshed from an export at least as recent.
    public var updated = 0
    /// Messages already stored from a more recent export, left as they were.
    public var kept = 0

    public init(inserted: Int = 0, updated: Int = 0, kept: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.kept = kept
    }

    public var total: Int { inserted + updated + kept }

    public static func += (a: inout IngestCounts, b: IngestCounts) {
        a.inserted += b.inserted
        a.updated += b.updated
        a.kept += b.kept
    }
}

/// The export a message was read from: its guild, and its date, which orders copies of the
/// same message from different exports.
public struct IngestSource: Sendable {
    public var guild: Snowflake
    public var exportedAt: Timestamp?

    public init(guild: Snowflake, exportedAt: Timestamp?) {
        self.guild = guild
        self.exportedAt = exportedAt
    }
}

/// Writes exported messages into the store, idempotently.
///
/// Each message is keyed by its snowflake: a message seen again (a re-ingest, or two exports of
/// the same channel with overlapping date ranges) is updated in place, never duplicated, and
/// only when the new copy comes from an export at least as recent as the stored one, so an
/// older export cannot undo an edit. Every `write` call is one transaction.
public final class IngestWriter {
    public let store: Store
    /// Authors and guild memberships already written by this writer, to skip repeated upserts.
    private var knownAuthors: Set<Snowflake> = []
    private var knownMembers: Set<MemberKey> = []

    private struct MemberKey: Hashable {
        var guild: Snowflake
        var author: Snowflake
    }

    public init(store: Store) {
        self.store = store
    }

    /// Stores a batch of messages of one channel, with the guild and channel they belong to.
    /// `exportedAt` orders copies of the same message from different exports.
    public func write(guild: Guild, channel: Channel, exportedAt: Timestamp?, messages: [Message]) throws -> IngestCounts {
        try write(messages, origins: nil, sources: [IngestSource(guild: guild.id, exportedAt: exportedAt)],
                  registering: (guild, channel))[0]
    }

    /// Stores the guild and channel an export names, before any of its messages.
    public func register(guild: Guild, channel: Channel) throws {
        try store.write { db in try upsert(guild: guild, channel: channel, db: db) }
    }

    /// Stores messages of registered channels, from any number of exports, in one transaction:
    /// `messages[i]` was read from `sources[origins[i]]`. Returns the counts of each source.
    public func write(_ messages: [Message], origins: [Int], sources: [IngestSource]) throws -> [IngestCounts] {
        try write(messages, origins: origins, sources: sources, registering: nil)
    }

    private func write(_ messages: [Message], origins: [Int]?, sources: [IngestSource],
                       registering: (Guild, Channel)?) throws -> [IngestCounts] {
        var newAuthors: Set<Snowflake> = []
        var newMembers: Set<MemberKey> = []
        let counts = try store.write { db in
            if let (guild, channel) = registering { try upsert(guild: guild, channel: channel, db: db) }
            let statements = try Statements(db)
            var counts = Array(repeating: IngestCounts(), count: sources.count)
            let exported = sources.map { $0.exportedAt?.milliseconds ?? 0 }
            for (index, message) in messages.enumerated() {
                let origin = origins?[index] ?? 0
                let guild = sources[origin].guild
                try upsertAuthor(message.author, guild: guild, db: db, statements: statements,
                                 newAuthors: &newAuthors, newMembers: &newMembers)
                for mentioned in message.mentions {
                    try upsertAuthor(mentioned, guild: guild, db: db, statements: statements,
                                     newAuthors: &newAuthors, newMembers: &newMembers)
                }
                for reaction in message.reactions {
                    for user in reaction.users {
                        try upsertAuthor(user, guild: guild, db: db, statements: statements,
                                         newAuthors: &newAuthors, newMembers: &newMembers)
                    }
                }
                if let user = message.interaction?.user {
                    try upsertAuthor(user, guild: guild, db: db, statements: statements,
                                     newAuthors: &newAuthors, newMembers: &newMembers)
                }
                try insert(message, exported: exported[origin], db: db, statements: statements, counts: &counts[origin])
            }
            return counts
        }
        // Only after the commit: a rolled-back batch must not leave authors marked as written.
        knownAuthors.formUnion(newAuthors)
        knownMembers.formUnion(newMembers)
        return counts
    }

    /// Records how reading a file ended, so a partial ingest is never silent.
    public func recordFile(path: String, channelID: Snowflake?, sizeBytes: Int, status: IngestFileStatus,
                           messages: Int, error: String?) throws {
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO ingest_files (path, channel_id, size_bytes, status, messages, error, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET channel_id = excluded.channel_id, size_bytes = excluded.size_bytes,
                    status = excluded.status, messages = excluded.messages, error = excluded.error,
                    finished_at = excluded.finished_at
                """, arguments: [path, channelID?.int64, sizeBytes, status, messages, error, Store.now()])
        }
    }

    private func upsert(guild: Guild, channel: Channel, db: Database) throws {
        try db.execute(sql: """
            INSERT INTO guilds (id, name, icon_url) VALUES (?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, icon_url = excluded.icon_url
            """, arguments: [guild.id.int64, guild.name, guild.iconURL])
        try db.execute(sql: """
            INSERT INTO channels (id, guild_id, type, name, topic, parent_id, parent_name, is_thread)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET guild_id = excluded.guild_id, type = excluded.type, name = excluded.name,
                topic = excluded.topic, parent_id = excluded.parent_id, parent_name = excluded.parent_name,
                is_thread = excluded.is_thread
            """, arguments: [channel.id.int64, guild.id.int64, channel.type, channel.name, channel.topic,
                             channel.parentID?.int64, channel.parentName, channel.isThread])
    }

    private func upsertAuthor(_ author: Author, guild: Snowflake, db: Database, statements: Statements,
                              newAuthors: inout Set<Snowflake>, newMembers: inout Set<MemberKey>) throws {
        // Written in this transaction only: `knownAuthors` takes them after the commit.
        if !knownAuthors.contains(author.id), newAuthors.insert(author.id).inserted {
            try FastStatement.run(statements.author, in: db, author.id.int64, author.name, author.discriminator, author.nickname,
                                  author.color, author.isBot, author.avatarURL)
        }
        // Roles are listed only on authors and mentions of recent exports; absent means unknown.
        guard let roles = author.roles else { return }
        let key = MemberKey(guild: guild, author: author.id)
        guard !knownMembers.contains(key), newMembers.insert(key).inserted else { return }
        try FastStatement.run(statements.clearRoles, in: db, guild.int64, author.id.int64)
        for role in roles {
            try FastStatement.run(statements.role, in: db, role.id.int64, guild.int64, role.name, role.color, role.position)
            try FastStatement.run(statements.memberRole, in: db, guild.int64, author.id.int64, role.id.int64)
        }
    }

    private static let messageColumns = """
        id, channel_id, author_id, type, is_system, timestamp, utc_offset, edited_at, call_ended_at, is_pinned,
        content, reply_to, reference_type, reference_message_id, reference_channel_id, reference_guild_id,
        interaction_id, interaction_name, interaction_user_id, forwarded_content, exported_at
        """
    private static let insertSQL = "INSERT OR IGNORE INTO messages (\(messageColumns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"

    /// Refreshes a stored message from a newer copy: the later `timestampEdited` wins whatever the
    /// exports' dates (DCE before 2.40 writes no `exportedAt`); equal edits fall back to the export
    /// at least as recent. So an older copy never rolls an edit back. (`?8` is `edited_at`, the
    /// last parameter `exported_at`.)
    private static let updateSQL: String = {
        let columns = messageColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let assignments = columns.enumerated().dropFirst().map { "\($1) = ?\($0 + 1)" }.joined(separator: ", ")
        let newer = "COALESCE(?8, -1) > COALESCE(edited_at, -1)"
        let sameEdit = "COALESCE(?8, -1) = COALESCE(edited_at, -1) AND exported_at <= ?\(columns.count)"
        return "UPDATE messages SET \(assignments) WHERE id = ?1 AND (\(newer) OR (\(sameEdit)))"
    }()

    /// Binds the message row's values in `messageColumns` order.
    private func bindMessage(_ m: Message, exported: Int64, to s: inout FastStatement) {
        s.bind(m.id.int64)
        s.bind(m.channelID.int64)
        s.bind(m.author.id.int64)
        s.bind(m.kind.rawValue)
        s.bind(m.kind.isSystem)
        s.bind(m.timestamp.milliseconds)
        s.bind(Int64(m.timestamp.offsetMinutes))
        s.bind(m.editedTimestamp?.milliseconds)
        s.bind(m.callEndedTimestamp?.milliseconds)
        s.bind(m.isPinned)
        s.bind(m.content)
        s.bind(m.replyToID?.int64)
        s.bind(m.reference?.kind)
        s.bind(m.reference?.messageID?.int64)
        s.bind(m.reference?.channelID?.int64)
        s.bind(m.reference?.guildID?.int64)
        s.bind(m.interaction?.id.int64)
        s.bind(m.interaction?.name)
        s.bind(m.interaction?.user.id.int64)
        s.bind(m.forwardedContent)
        s.bind(exported)
    }

    private func insert(_ message: Message, exported: Int64, db: Database, statements: Statements,
                        counts: inout IngestCounts) throws {
        var insert = try FastStatement(statements.message)
        bindMessage(message, exported: exported, to: &insert)
        if try insert.run(db) == 0 {
            var update = try FastStatement(db, Self.updateSQL)
            bindMessage(message, exported: exported, to: &update)
            guard try update.run(db) > 0 else {
                counts.kept += 1
                return
            }
            // Children are rewritten from the newer export; the row itself keeps its identity,
            // so conversations, spans and labels that point at it are untouched.
            for table in ["mentions", "reactions", "attachments", "embeds", "stickers"] {
                try FastStatement.run("DELETE FROM \(table) WHERE message_id = ?", in: db, message.id.int64)
            }
            counts.updated += 1
        } else {
            counts.inserted += 1
        }
        try insertChildren(of: message, db: db, statements: statements)
    }

    private func insertChildren(of m: Message, db: Database, statements: Statements) throws {
        let id = m.id.int64
        for mentioned in m.mentions {
            try FastStatement.run(statements.mention, in: db, id, mentioned.id.int64)
        }
        for (position, r) in m.reactions.enumerated() {
            try FastStatement.run(statements.reaction, in: db, id, r.emoji.key, position, r.emoji.id?.int64, r.emoji.name,
                                  r.emoji.code, r.emoji.isAnimated, r.emoji.imageURL, r.count,
                                  r.users.isEmpty ? nil : r.users.map(\.id.description).joined(separator: ","))
        }
        for a in m.attachments {
            try FastStatement.run(statements.attachment, in: db, id, a.id.int64, a.url, a.fileName, a.fileSizeBytes)
        }
        for (position, e) in m.embeds.enumerated() {
            try FastStatement.run(statements.embed, in: db, id, position, e.title, e.url, e.timestamp?.milliseconds, e.description,
                                  e.color, e.authorName, e.footerText, e.imageURL,
                                  e.fields.isEmpty ? nil : EmbedFieldsCoding.encode(e.fields))
        }
        for st in m.stickers {
            try FastStatement.run(statements.sticker, in: db, id, st.id.int64, st.name, st.format, st.sourceURL)
        }
    }

    /// The statements of the bulk path, prepared once per batch.
    private struct Statements {
        let author, clearRoles, role, memberRole, message, mention, reaction, attachment, embed, sticker: Statement

        init(_ db: Database) throws {
            author = try db.cachedStatement(sql: """
                INSERT INTO authors (id, name, discriminator, nickname, color, is_bot, avatar_url)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, discriminator = excluded.discriminator,
                    nickname = coalesce(excluded.nickname, nickname), color = excluded.color,
                    is_bot = excluded.is_bot, avatar_url = excluded.avatar_url
                """)
            // Every new member of a guild clears and writes its roles (most have none): prepared
            // once, not parsed again for each of them.
            clearRoles = try db.cachedStatement(sql: "DELETE FROM member_roles WHERE guild_id = ? AND author_id = ?")
            role = try db.cachedStatement(sql: """
                INSERT INTO roles (id, guild_id, name, color, position) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, color = excluded.color, position = excluded.position
                """)
            memberRole = try db.cachedStatement(sql: "INSERT OR IGNORE INTO member_roles (guild_id, author_id, role_id) VALUES (?, ?, ?)")
            message = try db.cachedStatement(sql: IngestWriter.insertSQL)
            mention = try db.cachedStatement(sql: "INSERT OR IGNORE INTO mentions (message_id, author_id) VALUES (?, ?)")
            reaction = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO reactions (message_id, emoji_key, position, emoji_id, emoji_name, emoji_code, is_animated, emoji_image_url, count, user_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            attachment = try db.cachedStatement(sql: "INSERT OR REPLACE INTO attachments (message_id, id, url, file_name, size_bytes) VALUES (?, ?, ?, ?, ?)")
            embed = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO embeds (message_id, position, title, url, timestamp, description, color, author_name, footer_text, image_url, fields)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            sticker = try db.cachedStatement(sql: "INSERT OR REPLACE INTO stickers (message_id, id, name, format, source_url) VALUES (?, ?, ?, ?, ?)")
        }
    }
}
