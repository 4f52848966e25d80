import DBindCore
import DBindFormats
import Foundation

/// Writes a large, realistic-looking guild in DiscordChatExporter's JSON shape, for benchmarks
/// and load tests: channels of interleaved chat with replies, mentions, questions, links, code,
/// emoji, reactions, attachments, embeds, system messages and some non-English text, laid out
/// by the same `DCEFormat` rules as the fixture guild. The same seed gives the same bytes.
public struct SyntheticGuild {
    public var messages: Int
    public var channels: Int
    public var seed: UInt64

    public init(messages: Int, channels: Int, seed: UInt64) {
        self.messages = messages
        self.channels = max(1, channels)
        self.seed = seed
    }

    /// The same seed yields the same guild.
    typealias Random = SplitMix64

    static let guildName = "Synthetic Guild"
    static let channelNames = ["announcements", "general", "support", "governance", "dev", "bot-commands", "off-topic",
                               "trading", "introductions", "feedback", "events", "memes", "help-desk", "proposals"]
    static let words = """
        the a to and of is in it you that for on this with be are we have just can not but was so what
        if do my all at your will get they about one like from out up there when time how now think
        know would people good make new go see really want need any because more some work still
        wallet token vote proposal treasury bridge gas fee node deploy contract build release bug fix
        test docs update server role mod channel thread link price chart market stake reward pool
        delegate snapshot quorum grant budget audit frontend backend api sdk error log version
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    static let questions = ["how do I", "does anyone know", "is there a way to", "why does", "what is the best way to",
                            "can someone explain", "any idea why", "where can I find", "when is the next"]
    static let foreign = ["これはテストです、よろしくお願いします", "ขอบคุณมากครับ ใช้งานได้แล้ว", "شكرا جزيلا على المساعدة",
                          "Danke, das hat funktioniert!", "¿Alguien sabe cómo votar?", "这个提案什么时候投票呢"]
    /// Emoji with their short codes: outside the BMP (written as surrogate escapes), ZWJ sequences included.
    static let emoji = [("🙂", "slight_smile"), ("🚀", "rocket"), ("👍🏽", "thumbsup_tone3"), ("👩‍💻", "woman_technologist"),
                        ("🇯🇵", "flag_jp"), ("❤️", "heart"), ("🔥", "fire")]

    /// Writes one file per channel into `directory` and returns their paths.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var random = Random(state: seed)
        let guildID: UInt64 = 900_000_000_000_000_000 + seed % 1000
        let guild: DCEValue = ["id": .string(String(guildID)), "name": .string(Self.guildName),
                               "iconUrl": "https://cdn.discordapp.com/embed/avatars/0.png"]
        let roles: [(id: UInt64, name: String, position: Int)] = [
            (guildID + 1, "Admin", 5), (guildID + 2, "Moderators", 4), (guildID + 3, "Core Team", 3),
            (guildID + 4, "Delegates", 2), (guildID + 5, "Members", 1),
        ]
        // Author objects are built once per person: a message repeats its author's.
        var people: [(nickname: String, value: DCEValue)] = []
        for i in 0..<max(20, min(20_000, messages / 200)) {
            let isBot = i < 2
            var memberRoles = [roles[4]]
            if i >= 2 && i < 6 { memberRoles.insert(roles[1], at: 0) }
            if i >= 6 && i < 12 { memberRoles.insert(roles[2], at: 0) }
            if random.chance(0.1) { memberRoles.insert(roles[3], at: 0) }
            let nickname = isBot ? "HelperBot \(i)" : "Member \(i)"
            let roleValues: [DCEValue] = isBot ? [] : memberRoles.map {
                ["id": .string(String($0.id)), "name": .string($0.name), "color": nil, "position": .int($0.position)]
            }
            people.append((nickname, [
                "id": .string(String(100_000_000_000_000_000 + UInt64(i) * 7919)), "name": .string(isBot ? "helperbot\(i)" : "user\(i)"),
                "discriminator": "0000", "nickname": .string(nickname), "color": nil, "isBot": .bool(isBot),
                "roles": .array(roleValues), "avatarUrl": "https://cdn.discordapp.com/embed/avatars/1.png",
            ]))
        }
        var paths: [String] = []
        let epoch: Int64 = 1_640_995_200_000  // 2022-01-01T00:00:00Z
        let exportedAt = DCEFormat.timestamp(ticks: 1_767_225_600 * 10_000_000)  // 2026-01-01T00:00:00Z
        var sequence: UInt64 = 0
        for c in 0..<channels {
            let count = messages / channels + (c < messages % channels ? 1 : 0)
            let name = c < Self.channelNames.count ? Self.channelNames[c] : "\(Self.channelNames[c % Self.channelNames.count])-\(c)"
            let channelID = guildID + 1000 + UInt64(c)
            let channel: DCEValue = ["id": .string(String(channelID)), "type": "GuildTextChat",
                                     "categoryId": .string(String(guildID + 999)), "category": "Text", "name": .string(name),
                                     "topic": nil]
            let path = directory + "/" + DCEFormat.fileName(guild: Self.guildName, parent: "Text", channel: name, id: channelID)
            let file = try DCEFileWriter(path: path, guild: guild, channel: channel, exportedAt: exportedAt)
            var time = epoch + Int64(random.below(3_600_000))
            var recent: [(id: UInt64, author: Int)] = []
            for _ in 0..<count {
                time += random.chance(0.05) ? Int64(3_600_000 + random.below(20_000_000)) : Int64(5_000 + random.below(240_000))
                sequence += 1
                let id = Snowflake(milliseconds: time, low: sequence).rawValue
                let authorIndex = random.chance(0.03) ? random.below(2) : random.below(people.count)
                var content = ""
                var kind = "Default"
                var reference: DCEValue?
                var mentions: [DCEValue] = []
                if random.chance(0.01) {
                    kind = "GuildMemberJoin"
                    content = "Joined the server."
                } else {
                    if let target = recent.last, random.chance(0.2) {
                        kind = "Reply"
                        let parent = recent[max(0, recent.count - 1 - random.below(min(5, recent.count)))]
                        reference = ["type": "Default", "messageId": .string(String(parent.id)),
                                     "channelId": .string(String(channelID)), "guildId": .string(String(guildID))]
                        if random.chance(0.5) { mentions.append(people[target.author].value) }
                    }
                    if random.chance(0.1) {
                        let person = people[random.below(people.count)]
                        mentions.append(person.value)
                        content += "@\(person.nickname) "
                    }
                    if random.chance(0.2) { content += random.pick(Self.questions) + " " }
                    for _ in 0..<(3 + random.below(22)) { content += random.pick(Self.words) + " " }
                    if random.chance(0.08) { content += "https://example.org/docs/\(random.below(1000)) " }
                    if random.chance(0.04) { content += "`npm run build` " }
                    if random.chance(0.03) { content += "\n```swift\nlet x = \(random.below(100))\n```\n" }
                    if random.chance(0.05) { content += "\(random.below(100)) ETH " }
                    if random.chance(0.1) { content += random.pick(Self.emoji).0 }
                    if random.chance(0.04) { content = random.pick(Self.foreign) }
                    if random.chance(0.15) { content = content.trimmingCharacters(in: .whitespaces) + "?" }
                }
                var reactions: [DCEValue] = []
                if random.chance(0.1) {
                    let (emoji, code) = random.pick(Self.emoji)
                    reactions.append(["emoji": DCEFormat.standardEmoji(emoji, code: code), "count": .int(1 + random.below(9)),
                                      "users": []])
                }
                var attachments: [DCEValue] = []
                if random.chance(0.03) {
                    attachments.append(["id": .string(String(id + 1)),
                                        "url": .string("https://cdn.discordapp.com/attachments/\(channelID)/\(id + 1)/screenshot.png"),
                                        "fileName": "screenshot.png", "fileSizeBytes": .int(10_000 + random.below(900_000))])
                }
                var embeds: [DCEValue] = []
                if random.chance(0.03) {
                    embeds.append(["title": .string("Docs page \(random.below(100))"), "url": "https://example.org/docs",
                                   "timestamp": nil, "description": "Documentation for the project", "images": [], "fields": [],
                                   "inlineEmojis": []])
                }
                let edited: DCEValue = random.chance(0.03) ? .string(DCEFormat.timestamp(milliseconds: time + 60_000)) : nil
                var members: [(String, DCEValue)] = [
                    ("id", .string(String(id))), ("type", .string(kind)), ("timestamp", .string(DCEFormat.timestamp(milliseconds: time))),
                    ("timestampEdited", edited), ("callEndedTimestamp", nil), ("isPinned", .bool(random.chance(0.005))),
                    ("content", .string(content)), ("author", people[authorIndex].value), ("attachments", .array(attachments)),
                    ("embeds", .array(embeds)), ("stickers", []), ("reactions", .array(reactions)), ("mentions", .array(mentions)),
                ]
                if let reference { members.append(("reference", reference)) }
                members.append(("inlineEmojis", []))
                try file.append(message: .object(members))
                recent.append((id, authorIndex))
                if recent.count > 20 { recent.removeFirst() }
            }
            try file.finish()
            paths.append(path)
        }
        return paths
    }
}

extension SplitMix64 {
    /// One of `items`, uniformly.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
