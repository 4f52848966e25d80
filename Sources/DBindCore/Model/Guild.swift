/// A Discord server (or the pseudo-guild `0` that holds direct messages).
public struct Guild: Hashable, Sendable {
    public var id: Snowflake
    public var name: String
    public var iconURL: String?

    public init(id: Snowflake, name: String, iconURL: String? = nil) {
        self.id = id
        self.name = name
        self.iconURL = iconURL
    }
}

/// A role in a guild; `position` orders roles, highest first in exports.
public struct Role: Hashable, Sendable {
    public var id: Snowflake
    public var name: String
    public var color: String?
    public var position: Int

    public init(id: Snowflake, name: String, color: String? = nil, position: Int = 0) {
        self.id = id
        self.name = name
        self.color = color
        self.position = position
    }
}

/// A text channel, thread, forum or DM as exported; threads name their parent channel.
public struct Channel: Hashable, Sendable {
    public var id: Snowflake
    public var guildID: Snowflake
    /// DiscordChatExporter's channel type name (`GuildTextChat`, `GuildPublicThread`, or a number).
    public var type: String
    public var name: String
    public var topic: String?
    /// The parent: the category of a channel, or the channel a thread belongs to.
    public var parentID: Snowflake?
    public var parentName: String?

    public init(id: Snowflake, guildID: Snowflake, type: String, name: String, topic: String? = nil,
                parentID: Snowflake? = nil, parentName: String? = nil) {
        self.id = id
        self.guildID = guildID
        self.type = type
        self.name = name
        self.topic = topic
        self.parentID = parentID
        self.parentName = parentName
    }

    /// Threads are conversations of their own, hanging off a parent channel.
    public var isThread: Bool { type.hasSuffix("Thread") || type == "10" || type == "11" || type == "12" }
}

/// A message author, mentioned user, or reacting user.
public struct Author: Hashable, Sendable {
    public var id: Snowflake
    /// Unique username (or legacy name).
    public var name: String
    /// `0000` for new-style usernames.
    public var discriminator: String
    /// Display name in the guild; nil when the export did not carry it.
    public var nickname: String?
    public var color: String?
    public var isBot: Bool
    /// Roles, highest first; nil when the export did not list them (older exports, reactions).
    public var roles: [Role]?
    public var avatarURL: String?

    public init(id: Snowflake, name: String, discriminator: String = "0000", nickname: String? = nil,
                color: String? = nil, isBot: Bool = false, roles: [Role]? = nil, avatarURL: String? = nil) {
        self.id = id
        self.name = name
        self.discriminator = discriminator
        self.nickname = nickname
        self.color = color
        self.isBot = isBot
        self.roles = roles
        self.avatarURL = avatarURL
    }

    /// The name people see: nickname when present, else the username.
    public var displayName: String { nickname ?? name }
}
