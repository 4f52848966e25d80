import DBindCore
import GRDB

/// Counts that summarise a store: per guild and per channel.
public struct StoreStats: Sendable, Equatable {
    /// One author's message count.
    public struct Poster: Sendable, Equatable {
        public var authorID: Snowflake
        public var name: String
        public var messages: Int
    }

    /// The numbers of one channel or thread.
    public struct ChannelStats: Sendable, Equatable {
        public var id: Snowflake
        public var name: String
        public var type: String
        public var parentName: String?
        public var messages: Int
        public var authors: Int
        public var botMessages: Int
        public var systemMessages: Int
        public var replies: Int
        public var first: Timestamp?
        public var last: Timestamp?
        public var topPosters: [Poster]
    }

    /// The numbers of one guild, with its channels.
    public struct GuildStats: Sendable, Equatable {
        public var id: Snowflake
        public var name: String
        public var messages: Int
        public var authors: Int
        public var bots: Int
        public var replies: Int
        public var first: Timestamp?
        public var last: Timestamp?
        public var topPosters: [Poster]
        public var channels: [ChannelStats]
    }

    public var guilds: [GuildStats]
    public var channels: Int
    public var authors: Int
    public var messages: Int
    /// Files whose last ingest stopped at an error, with the error.
    public var incompleteFiles: [(path: String, status: IngestFileStatus, error: String?)]

    public static func == (a: StoreStats, b: StoreStats) -> Bool {
        a.guilds == b.guilds && a.channels == b.channels && a.authors == b.authors && a.messages == b.messages
            && a.incompleteFiles.map(\.path) == b.incompleteFiles.map(\.path)
    }
}

extension Store {
    /// Summarises every guild and channel in the store; `topPosters` caps each poster list.
    public func stats(topPosters: Int = 3) throws -> StoreStats {
        try read { db in
            let perChannel = try Row.fetchAll(db, sql: """
                SELECT c.id, c.guild_id, c.name, c.type, c.parent_name,
                       count(m.id) AS messages, count(DISTINCT m.author_id) AS authors,
                       coalesce(sum(a.is_bot), 0) AS bot_messages, coalesce(sum(m.is_system), 0) AS system_messages,
                       count(m.reply_to) AS replies, min(m.timestamp) AS first, max(m.timestamp) AS last
                FROM channels c
                LEFT JOIN messages m ON m.channel_id = c.id
                LEFT JOIN authors a ON a.id = m.author_id
                GROUP BY c.id
                ORDER BY c.guild_id, coalesce(c.parent_name, ''), c.name, c.id
                """)
            var channelsByGuild: [Int64: [StoreStats.ChannelStats]] = [:]
            for row in perChannel {
                let channelID: Int64 = row["id"]
                let stats = StoreStats.ChannelStats(
                    id: Snowflake(int64: channelID), name: row["name"], type: row["type"], parentName: row["parent_name"],
                    messages: row["messages"], authors: row["authors"], botMessages: row["bot_messages"],
                    systemMessages: row["system_messages"], replies: row["replies"],
                    first: (row["first"] as Int64?).map { Timestamp(milliseconds: $0) },
                    last: (row["last"] as Int64?).map { Timestamp(milliseconds: $0) },
                    topPosters: try posters(db, filter: "m.channel_id = ?", argument: channelID, limit: topPosters))
                channelsByGuild[row["guild_id"], default: []].append(stats)
            }
            let guildRows = try Row.fetchAll(db, sql: """
                SELECT g.id, g.name,
                       (SELECT count(*) FROM messages m JOIN channels c ON c.id = m.channel_id WHERE c.guild_id = g.id) AS messages,
                       (SELECT count(DISTINCT m.author_id) FROM messages m JOIN channels c ON c.id = m.channel_id WHERE c.guild_id = g.id) AS authors,
                       (SELECT count(DISTINCT m.author_id) FROM messages m JOIN channels c ON c.id = m.channel_id
                            JOIN authors a ON a.id = m.author_id WHERE c.guild_id = g.id AND a.is_bot) AS bots
                FROM guilds g ORDER BY g.name, g.id
                """)
            let guilds = try guildRows.map { row -> StoreStats.GuildStats in
                let id: Int64 = row["id"]
                let channels = channelsByGuild[id] ?? []
                return StoreStats.GuildStats(
                    id: Snowflake(int64: id), name: row["name"], messages: row["messages"], authors: row["authors"],
                    bots: row["bots"], replies: channels.reduce(0) { $0 + $1.replies },
                    first: channels.compactMap(\.first).min(), last: channels.compactMap(\.last).max(),
                    topPosters: try posters(db, filter: "m.channel_id IN (SELECT id FROM channels WHERE guild_id = ?)",
                                            argument: id, limit: topPosters),
                    channels: channels)
            }
            let incomplete = try Row.fetchAll(db, sql: "SELECT path, status, error FROM ingest_files WHERE status != 'complete' ORDER BY path")
                .map { (path: $0["path"] as String, status: $0["status"] as IngestFileStatus, error: $0["error"] as String?) }
            return StoreStats(
                guilds: guilds,
                channels: try Int.fetchOne(db, sql: "SELECT count(*) FROM channels") ?? 0,
                authors: try Int.fetchOne(db, sql: "SELECT count(DISTINCT author_id) FROM messages") ?? 0,
                messages: try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") ?? 0,
                incompleteFiles: incomplete)
        }
    }

    private func posters(_ db: Database, filter: String, argument: Int64, limit: Int) throws -> [StoreStats.Poster] {
        try Row.fetchAll(db, sql: """
            SELECT m.author_id, coalesce(a.nickname, a.name) AS name, count(*) AS n
            FROM messages m JOIN authors a ON a.id = m.author_id
            WHERE \(filter) AND NOT m.is_system
            GROUP BY m.author_id ORDER BY n DESC, m.author_id LIMIT ?
            """, arguments: [argument, limit])
            .map { StoreStats.Poster(authorID: Snowflake(int64: $0["author_id"]), name: $0["name"], messages: $0["n"]) }
    }
}
