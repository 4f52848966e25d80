/// The kind of a message, as DiscordChatExporter names it (`Default`, `Reply`, `GuildMemberJoin`,
/// or Discord's number for types it does not name, e.g. `"20"` for slash-command responses).
public struct MessageKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let `default` = MessageKind(rawValue: "Default")
    public static let reply = MessageKind(rawValue: "Reply")

    private static let namedSystemKinds: Set<String> = [
        "RecipientAdd", "RecipientRemove", "Call", "ChannelNameChange", "ChannelIconChange",
        "ChannelPinnedMessage", "GuildMemberJoin", "ThreadCreated",
    ]
    /// Discord type numbers whose content is written by people or bots rather than generated:
    /// default, reply, slash-command response, thread starter, context-menu command.
    private static let userContentNumbers: Set<Int> = [0, 19, 20, 21, 23]

    /// System messages carry generated text ("Joined the server.") and are kept out of NLP.
    public var isSystem: Bool {
        if self == .default || self == .reply { return false }
        if MessageKind.namedSystemKinds.contains(rawValue) { return true }
        if let number = Int(rawValue) { return !MessageKind.userContentNumbers.contains(number) }
        return false
    }

    public var description: String { rawValue }
}

/// A file attached to a message.
public struct Attachment: Hashable, Sendable {
    public var id: Snowflake
    public var url: String
    public var fileName: String
    public var fileSizeBytes: Int64

    public init(id: Snowflake, url: String, fileName: String, fileSizeBytes: Int64) {
        self.id = id
        self.url = url
        self.fileName = fileName
        self.fileSizeBytes = fileSizeBytes
    }
}

/// A rich embed: link preview, bot card or quote. Only the textual parts are kept.
public struct Embed: Hashable, Sendable {
    /// One `name: value` row of an embed.
    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: String
        public var isInline: Bool
        public init(name: String, value: String, isInline: Bool = false) {
            self.name = name
            self.value = value
            self.isInline = isInline
        }
    }

    public var title: String
    public var url: String?
    public var timestamp: Timestamp?
    public var description: String
    public var color: String?
    public var authorName: String?
    public var footerText: String?
    public var imageURL: String?
    public var fields: [Field]

    public init(title: String = "", url: String? = nil, timestamp: Timestamp? = nil, description: String = "",
                color: String? = nil, authorName: String? = nil, footerText: String? = nil,
                imageURL: String? = nil, fields: [Field] = []) {
        self.title = title
        self.url = url
        self.timestamp = timestamp
        self.description = description
        self.color = color
        self.authorName = authorName
        self.footerText = footerText
        self.imageURL = imageURL
        self.fields = fields
    }
}

/// A sticker sent with a message.
public struct Sticker: Hashable, Sendable {
    public var id: Snowflake
    public var name: String
    public var format: String
    public var sourceURL: String

    public init(id: Snowflake, name: String, format: String, sourceURL: String) {
        self.id = id
        self.name = name
        self.format = format
        self.sourceURL = sourceURL
    }
}

/// A standard Unicode emoji (no id) or a guild's custom emoji.
public struct Emoji: Hashable, Sendable {
    public var id: Snowflake?
    public var name: String
    public var code: String
    public var isAnimated: Bool
    public var imageURL: String?

    public init(id: Snowflake? = nil, name: String, code: String? = nil, isAnimated: Bool = false, imageURL: String? = nil) {
        self.id = id
        self.name = name
        self.code = code ?? name
        self.isAnimated = isAnimated
        self.imageURL = imageURL
    }

    /// Stable key within a message: the custom id, or the Unicode emoji itself.
    public var key: String { id.map { $0.description } ?? name }
}

/// Reactions of one emoji on a message.
public struct Reaction: Hashable, Sendable {
    public var emoji: Emoji
    public var count: Int
    /// Who reacted, when the export lists them (DCE lists at most the first 100 per emoji).
    public var users: [Author]

    public init(emoji: Emoji, count: Int, users: [Author] = []) {
        self.emoji = emoji
        self.count = count
        self.users = users
    }
}

/// A link from a message to another one: a reply, forward, pin notice, crosspost or thread start.
public struct MessageReference: Hashable, Sendable {
    /// `Default` or `Forward`.
    public var kind: String
    public var messageID: Snowflake?
    public var channelID: Snowflake?
    public var guildID: Snowflake?

    public init(kind: String = "Default", messageID: Snowflake? = nil, channelID: Snowflake? = nil, guildID: Snowflake? = nil) {
        self.kind = kind
        self.messageID = messageID
        self.channelID = channelID
        self.guildID = guildID
    }
}

/// The slash command (application interaction) a bot message answers.
public struct Interaction: Hashable, Sendable {
    public var id: Snowflake
    public var name: String
    public var user: Author

    public init(id: Snowflake, name: String, user: Author) {
        self.id = id
        self.name = name
        self.user = user
    }
}

/// One message of a channel, with everything the export says about it.
public struct Message: Hashable, Sendable {
    public var id: Snowflake
    public var channelID: Snowflake
    public var kind: MessageKind
    public var timestamp: Timestamp
    public var editedTimestamp: Timestamp?
    public var callEndedTimestamp: Timestamp?
    public var isPinned: Bool
    /// Text as exported (DiscordChatExporter renders mentions as `@name` by default).
    public var content: String
    public var author: Author
    public var attachments: [Attachment]
    public var embeds: [Embed]
    public var stickers: [Sticker]
    public var reactions: [Reaction]
    public var mentions: [Author]
    public var reference: MessageReference?
    public var interaction: Interaction?
    /// Text of a forwarded message (forwards have no author of their own).
    public var forwardedContent: String?

    public init(id: Snowflake, channelID: Snowflake, kind: MessageKind = .default, timestamp: Timestamp,
                editedTimestamp: Timestamp? = nil, callEndedTimestamp: Timestamp? = nil, isPinned: Bool = false,
                content: String, author: Author, attachments: [Attachment] = [], embeds: [Embed] = [],
                stickers: [Sticker] = [], reactions: [Reaction] = [], mentions: [Author] = [],
                reference: MessageReference? = nil, interaction: Interaction? = nil, forwardedContent: String? = nil) {
        self.id = id
        self.channelID = channelID
        self.kind = kind
        self.timestamp = timestamp
        self.editedTimestamp = editedTimestamp
        self.callEndedTimestamp = callEndedTimestamp
        self.isPinned = isPinned
        self.content = content
        self.author = author
        self.attachments = attachments
        self.embeds = embeds
        self.stickers = stickers
        self.reactions = reactions
        self.mentions = mentions
        self.reference = reference
        self.interaction = interaction
        self.forwardedContent = forwardedContent
    }

    /// The message this one replies to; only `Reply` messages count (pins and crossposts
    /// carry references too).
    public var replyToID: Snowflake? {
        kind == .reply || kind.rawValue == "19" ? reference?.messageID : nil
    }

    /// Whether the text is the author's own words, fit for NLP.
    public var hasUserText: Bool { !kind.isSystem && !content.isEmpty }
}
