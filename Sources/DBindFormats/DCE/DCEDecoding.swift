import DBindCore

/// Maps DiscordChatExporter JSON objects onto dbind's model, tolerating the format's drift
/// across versions: every key is optional except the few that identify a record.
enum DCEDecoding {
    static func snowflake(_ c: inout JSONCursor) throws -> Snowflake {
        try c.snowflake()
    }

    /// Custom emoji have an id; standard ones have `""` (current) or null (older exports).
    static func optionalSnowflake(_ c: inout JSONCursor) throws -> Snowflake? {
        guard let text = try c.optionalString(), !text.isEmpty else { return nil }
        guard let id = Snowflake(text) else { throw c.error("not a snowflake id: \"\(text.prefix(40))\"") }
        return id
    }

    static func timestamp(_ c: inout JSONCursor) throws -> Timestamp {
        let text = try c.string()
        guard let time = Timestamp(iso8601: text) else { throw c.error("not an ISO 8601 timestamp: \"\(text.prefix(40))\"") }
        return time
    }

    static func optionalTimestamp(_ c: inout JSONCursor) throws -> Timestamp? {
        if c.consumeNull() { return nil }
        return try timestamp(&c)
    }

    static func missing(_ c: JSONCursor, _ key: String) -> JSONSyntaxError {
        c.error("missing required field \"\(key)\"")
    }

    static func guild(_ c: inout JSONCursor) throws -> Guild {
        var id: Snowflake?, name: String?, icon: String?
        try c.object { c, key in
            switch key {
            case "id": id = try snowflake(&c)
            case "name": name = try c.string()
            case "iconUrl": icon = try c.optionalString()
            default: try c.skipValue()
            }
        }
        guard let id else { throw missing(c, "id") }
        return Guild(id: id, name: name ?? "", iconURL: icon)
    }

    static func channel(_ c: inout JSONCursor, guildID: Snowflake) throws -> Channel {
        var id: Snowflake?, type = "GuildTextChat", name: String?, topic: String?
        var parentID: Snowflake?, parentName: String?
        try c.object { c, key in
            switch key {
            case "id": id = try snowflake(&c)
            case "type": type = try c.string()
            case "categoryId": parentID = try optionalSnowflake(&c)
            case "category": parentName = try c.optionalString()
            case "name": name = try c.string()
            case "topic": topic = try c.optionalString()
            default: try c.skipValue()
            }
        }
        guard let id else { throw missing(c, "id") }
        guard let name else { throw missing(c, "name") }
        // Older DM exports used categoryId "0" and category "Private"/"Group" for "no parent".
        if parentID?.rawValue == 0 { parentID = nil; parentName = nil }
        return Channel(id: id, guildID: guildID, type: type, name: name, topic: topic,
                       parentID: parentID, parentName: parentName)
    }

    static func role(_ c: inout JSONCursor) throws -> Role {
        var id: Snowflake?, name = "", color: String?, position = 0
        try c.object { c, key in
            switch key {
            case "id": id = try snowflake(&c)
            case "name": name = try c.string()
            case "color": color = try c.optionalString()
            case "position": position = Int(try c.int())
            default: try c.skipValue()
            }
        }
        guard let id else { throw missing(c, "id") }
        return Role(id: id, name: name, color: color, position: position)
    }

    static func author(_ c: inout JSONCursor) throws -> Author {
        var id: Snowflake?, name: String?, discriminator = "0000", nickname: String?
        var color: String?, isBot = false, roles: [Role]?, avatar: String?
        try c.object { c, key in
            switch key {
            case "id": id = try snowflake(&c)
            case "name": name = try c.string()
            case "discriminator": discriminator = try c.optionalString() ?? "0000"
            case "nickname": nickname = try c.optionalString()
            case "color": color = try c.optionalString()
            case "isBot": isBot = try c.bool()
            case "roles": roles = try c.list(role)
            case "avatarUrl": avatar = try c.optionalString()
            default: try c.skipValue()
            }
        }
        guard let id else { throw missing(c, "id") }
        guard let name else { throw missing(c, "name") }
        return Author(id: id, name: name, discriminator: discriminator, nickname: nickname,
                      color: color, isBot: isBot, roles: roles, avatarURL: avatar)
    }

    static func attachment(_ c: inout JSONCursor) throws -> Attachment {
        var id: Snowflake?, url = "", fileName = "", size: Int64 = 0
        try c.object { c, key in
            switch key {
            case "id": id = try snowflake(&c)
            case "url": url = try c.string()
            case "fileName": fileName = try c.string()
            case "fileSizeBytes": size = try c.int()
            default: try c.skipValue()
            }
        }
        guard let id else { throw missing(c, "id") }
        return Attachment(id: id, url: url, fileName: fileName, fileSizeBytes: size)
    }

    /// Reads one key of a small nested object (embed author, footer, image).
    static func member(_ c: inout JSONCursor, _ wanted: String) throws -> String? {
        var value: String?
        if c.consumeNull() { return nil }
        try c.object { c, key in
            if key.text == wanted { value = try c.optionalString() } else { try c.skipValue() }
        }
        return value
    }

    static func embed(_ c: inout JSONCursor) throws -> Embed {
        var embed = Embed()
        try c.object { c, key in
            switch key {
            case "title": embed.title = try c.optionalString() ?? ""
            case "url": embed.url = try c.optionalString()
            case "timestamp": embed.timestamp = try optionalTimestamp(&c)
            case "description": embed.description = try c.optionalString() ?? ""
            case "color": embed.color = try c.optionalString()
            case "author": embed.authorName = try member(&c, "name")
            case "footer": embed.footerText = try member(&c, "text")
            case "image": embed.imageURL = try member(&c, "url") ?? embed.imageURL
            case "thumbnail":
                let url = try member(&c, "url")
                if embed.imageURL == nil { embed.imageURL = url }
            case "fields":
                embed.fields = try c.list { c in
                    var field = Embed.Field(name: "", value: "")
                    try c.object { c, key in
                        switch key {
                        case "name": field.name = try c.optionalString() ?? ""
                        case "value": field.value = try c.optionalString() ?? ""
                        case "isInline": field.isInline = try c.bool()
                        default: try c.skipValue()
                        }
                    }
                    return field
                }
            default: try c.skipValue()
            }
        }
        return embed
    }

    static func sticker(_ c: inout JSONCursor) throws -> Sticker {
        var id: Snowflake?, name = "", format = "", source = ""
        try c.object { c, key in
            switch key {
            case "id": id = try snowflake(&c)
            case "name": name = try c.string()
            case "format": format = try c.string()
            case "sourceUrl": source = try c.string()
            default: try c.skipValue()
            }
        }
        guard let id else { throw missing(c, "id") }
        return Sticker(id: id, name: name, format: format, sourceURL: source)
    }

    static func emoji(_ c: inout JSONCursor) throws -> Emoji {
        var id: Snowflake?, name = "", code: String?, animated = false, image: String?
        try c.object { c, key in
            switch key {
            case "id": id = try optionalSnowflake(&c)
            case "name": name = try c.optionalString() ?? ""
            case "code": code = try c.optionalString()
            case "isAnimated": animated = try c.bool()
            case "imageUrl": image = try c.optionalString()
            default: try c.skipValue()
            }
        }
        return Emoji(id: id, name: name, code: code, isAnimated: animated, imageURL: image)
    }

    static func reaction(_ c: inout JSONCursor) throws -> Reaction {
        var emojiValue: Emoji?, count: Int64 = 0, users: [Author] = []
        try c.object { c, key in
            switch key {
            case "emoji": emojiValue = try emoji(&c)
            case "count": count = try c.int()
            case "users": users = try c.list(author)
            default: try c.skipValue()
            }
        }
        guard let emojiValue else { throw missing(c, "emoji") }
        return Reaction(emoji: emojiValue, count: Int(count), users: users)
    }

    static func reference(_ c: inout JSONCursor) throws -> MessageReference? {
        if c.consumeNull() { return nil }
        var ref = MessageReference()
        try c.object { c, key in
            switch key {
            case "type": ref.kind = try c.optionalString() ?? "Default"
            case "messageId": ref.messageID = try optionalSnowflake(&c)
            case "channelId": ref.channelID = try optionalSnowflake(&c)
            case "guildId": ref.guildID = try optionalSnowflake(&c)
            default: try c.skipValue()
            }
        }
        return ref
    }

    static func interaction(_ c: inout JSONCursor) throws -> Interaction? {
        if c.consumeNull() { return nil }
        var id: Snowflake?, name = "", user: Author?
        try c.object { c, key in
            switch key {
            case "id": id = try snowflake(&c)
            case "name": name = try c.optionalString() ?? ""
            case "user": user = try author(&c)
            default: try c.skipValue()
            }
        }
        guard let id, let user else { return nil }
        return Interaction(id: id, name: name, user: user)
    }

    static func forwardedContent(_ c: inout JSONCursor) throws -> String? {
        try member(&c, "content")
    }

    static func message(_ c: inout JSONCursor, channelID: Snowflake) throws -> Message {
        var id: Snowflake?, kind = MessageKind.default, time: Timestamp?, edited: Timestamp?
        var callEnded: Timestamp?, pinned = false, content = "", author: Author?
        var attachments: [Attachment] = [], embeds: [Embed] = [], stickers: [Sticker] = []
        var reactions: [Reaction] = [], mentions: [Author] = [], ref: MessageReference?
        var interactionValue: Interaction?, forwarded: String?
        try c.object { c, key in
            switch key {
            case "id": id = try snowflake(&c)
            case "type": kind = MessageKind(rawValue: try c.string())
            case "timestamp": time = try timestamp(&c)
            case "timestampEdited": edited = try optionalTimestamp(&c)
            case "callEndedTimestamp": callEnded = try optionalTimestamp(&c)
            case "isPinned": pinned = try c.bool()
            case "content": content = try c.optionalString() ?? ""
            case "author": author = try DCEDecoding.author(&c)
            case "attachments": attachments = try c.list(attachment)
            case "embeds": embeds = try c.list(embed)
            case "stickers": stickers = try c.list(sticker)
            case "reactions": reactions = try c.list(reaction)
            case "mentions": mentions = try c.list(DCEDecoding.author)
            case "reference": ref = try reference(&c)
            case "interaction": interactionValue = try interaction(&c)
            case "forwardedMessage": forwarded = try forwardedContent(&c)
            default: try c.skipValue()
            }
        }
        guard let id else { throw missing(c, "id") }
        guard let time else { throw missing(c, "timestamp") }
        guard let author else { throw missing(c, "author") }
        return Message(id: id, channelID: channelID, kind: kind, timestamp: time, editedTimestamp: edited,
                       callEndedTimestamp: callEnded, isPinned: pinned, content: content, author: author,
                       attachments: attachments, embeds: embeds, stickers: stickers, reactions: reactions,
                       mentions: mentions, reference: ref, interaction: interactionValue,
                       forwardedContent: forwarded)
    }
}
