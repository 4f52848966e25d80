import DBindCore
import DBindFormats

/// A message as posted: its JSON, and what later messages (replies, forwards) need of it.
struct Posted {
    var milliseconds: Int64
    /// Key of the author in `Lumen.people`.
    var author: String
    /// Key of the channel it was posted in.
    var channel: String
    var id: String
    var value: DCEValue

    subscript(key: String) -> DCEValue? { value[key] }
}

/// A channel or thread being written: its messages and a clock that only moves forward.
final class LumenChannel {
    let key: String
    let name: String
    let kind: String
    /// The category, or the parent channel of a thread.
    let parent: (id: UInt64, name: String)
    let topic: String?
    let id: UInt64
    private(set) var messages: [Posted] = []
    /// The time of the last message, or the time set by `at`.
    var clock: Int64
    /// Whether `at` set the clock and the next message is posted exactly then.
    private var fresh = false
    private unowned let guild: LumenBuilder

    init(_ guild: LumenBuilder, _ key: String, _ name: String, _ kind: String, parent: (id: UInt64, name: String),
         topic: String?, created: String? = nil, id: UInt64? = nil) {
        (self.guild, self.key, self.name, self.kind, self.parent, self.topic) = (guild, key, name, kind, parent, topic)
        self.id = id ?? snowflake(when(created!), "channel", key)
        clock = Snowflake(self.id).createdAtMilliseconds
    }

    /// How DCE renders a mention of this channel in content.
    var mentionText: String {
        "#" + name + (kind == "GuildVoiceChat" || kind == "GuildStageVoice" ? " [voice]" : "")
    }

    var value: DCEValue {
        ["id": .string(String(id)), "type": .string(kind), "categoryId": .string(String(parent.id)),
         "category": .string(parent.name), "name": .string(name), "topic": DCEValue(topic)]
    }

    var fileName: String { DCEFormat.fileName(guild: Lumen.guildName, parent: parent.name, channel: name, id: id) }

    /// The next message is posted exactly at `text` (UTC).
    func at(_ text: String) {
        let time = when(text)
        precondition(time >= clock, "\(key): \(text) is before the channel clock")
        clock = time
        fresh = true
    }

    /// A time after the last message: `dt` seconds on (by default about typing time plus a
    /// pause), with a fraction that is sometimes 0, 1 or 2 digits long.
    private func nextMilliseconds(_ text: String, _ dt: Double?) -> Int64 {
        let n = guild.counter
        let base: Int64
        if fresh {
            fresh = false
            base = clock
        } else {
            let seconds = dt ?? (18 + Double(min(text.unicodeScalars.count, 500)) * 0.3 + Double(hnum("dt", key, n) % 45))
            base = clock + Int64(seconds * 1000)
        }
        var fraction = hnum("ms", key, n) % 1000
        if n % 53 == 7 {
            fraction = 0
        } else if n % 17 == 3 {
            fraction = fraction / 100 * 100 == 0 ? 500 : fraction / 100 * 100
        } else if n % 7 == 2 {
            fraction = fraction / 10 * 10 == 0 ? 250 : fraction / 10 * 10
        }
        var ms = base / 1000 * 1000 + Int64(fraction)
        let last = messages.last?.milliseconds ?? -1
        while ms <= last || ms < base { ms += 1000 }
        clock = ms
        return ms
    }

    static let systemText = ["GuildMemberJoin": "Joined the server.", "ChannelPinnedMessage": "Pinned a message.",
                             "ThreadCreated": "Started a thread."]

    /// Posts a message. `text` uses placeholders for mentions (`<@user>`, `<@&Role>`, `<#channel>`)
    /// and guild emoji (`<:name:>`); a reply pings its parent's author (mentions them) unless `ping`
    /// is false; `edited` is seconds after posting; `replyToMissing` replies to a deleted message.
    @discardableResult
    func say(_ who: String, _ text: String = "", dt: Double? = nil, kind: String? = nil, reply: Posted? = nil,
             replyToMissing: UInt64? = nil, ping: Bool = true, pinned: Bool = false, edited: Double? = nil,
             files: [(String, Int)] = [], embeds: [DCEValue] = [], stickers: [String] = [],
             reactions: [(String, [String])] = [], ref: DCEValue? = nil, forward: Posted? = nil,
             interaction: (name: String, user: String)? = nil, mentions: [String] = []) -> Posted {
        let ms = nextMilliseconds(text, dt)
        guild.counter += 1
        let count = guild.counter
        let id = snowflake(ms, "msg", key, count)
        var (content, mentioned) = guild.render(text)
        for extra in mentions where !mentioned.contains(extra) { mentioned.append(extra) }
        let kind = kind ?? (reply != nil || replyToMissing != nil ? "Reply" : "Default")
        if let reply, ping, reply.author != who, !mentioned.contains(reply.author) { mentioned.append(reply.author) }
        if let system = Self.systemText[kind] { content = system }
        var m: [(String, DCEValue)] = [
            ("id", .string(String(id))), ("type", .string(kind)), ("timestamp", .string(DCEFormat.timestamp(milliseconds: ms))),
        ]
        if let edited {
            // Discord keeps microseconds in edit times; a third of them end in a zero DCE trims.
            var us = ms * 1000 + Int64(edited * 1_000_000) + Int64(hnum("edit-us", id) % 1_000_000)
            if count % 3 == 0 { us = us / 1000 * 1000 + 310 }
            m.append(("timestampEdited", .string(DCEFormat.timestamp(microseconds: us))))
        } else {
            m.append(("timestampEdited", nil))
        }
        m += [
            ("callEndedTimestamp", nil), ("isPinned", .bool(pinned)), ("content", .string(content)),
            ("author", Lumen.person(who).value()),
            ("attachments", .array(files.map { attachment(self, ms, $0.0, $0.1) })),
            ("embeds", .array(embeds)),
            ("stickers", .array(stickers.map { Lumen.stickers[$0]! })),
            ("reactions", .array(reactions.map { reaction($0.0, $0.1) })),
            ("mentions", .array(mentioned.map { Lumen.person($0).value() })),
        ]
        if let target = reply?.id ?? replyToMissing.map({ String($0) }) {
            m.append(("reference", reference(to: .string(target))))
        } else if let ref {
            m.append(("reference", ref))
        }
        if let forward {
            m.append(("reference", reference(to: .string(forward.id), in: guild.channel(forward.channel).id, type: "Forward")))
            m.append(("forwardedMessage", .object(["timestamp", "timestampEdited", "content", "attachments", "embeds", "stickers"]
                .map { ($0, forward[$0]!) })))
        }
        if let interaction {
            let interactionID = snowflake(ms - 180 - Int64(hnum("ia", id) % 400), "interaction", id)
            m.append(("interaction", ["id": .string(String(interactionID)), "name": .string(interaction.name),
                                      "user": Lumen.person(interaction.user).value()]))
        }
        // DCE takes emoji from the raw markdown, where mentions are still `<@id>` tokens: emoji
        // in a mentioned member's display name are not listed.
        m.append(("inlineEmojis", .array(Self.systemText[kind] != nil ? [] : LumenEmoji.extract(guild.rawForEmoji(text)))))
        let posted = Posted(milliseconds: ms, author: who, channel: key, id: String(id), value: .object(m))
        messages.append(posted)
        return posted
    }

    /// A `reference` to `message` (an id or null) in `channel` (this one by default).
    func reference(to message: DCEValue, in channel: UInt64? = nil, type: String = "Default") -> DCEValue {
        ["type": .string(type), "messageId": message, "channelId": .string(String(channel ?? id)),
         "guildId": .string(String(Lumen.guildID))]
    }

    @discardableResult
    func join(_ who: String, dt: Double? = nil) -> Posted {
        say(who, dt: dt, kind: "GuildMemberJoin")
    }

    @discardableResult
    func pinNotice(_ who: String, _ target: Posted, dt: Double? = nil) -> Posted {
        say(who, dt: dt, kind: "ChannelPinnedMessage", ref: reference(to: .string(target.id)))
    }

    /// Writes the channel's export file into `directory`; returns its path.
    func write(to directory: String, exportedTicks: Int64) throws -> String {
        let path = directory + "/" + fileName
        let file = try DCEFileWriter(path: path, guild: Lumen.guild, channel: value,
                                     exportedAt: DCEFormat.timestamp(ticks: exportedTicks))
        for message in messages { try file.append(message: message.value) }
        try file.finish()
        return path
    }
}
