import DBindCore
import Foundation

/// Writes a large, realistic-looking guild in DiscordChatExporter's JSON shape, for benchmarks
/// and load tests: channels of interleaved chat with replies, mentions, questions, links, code,
/// emoji (written as surrogate-pair escapes, as DCE does), reactions, attachments, embeds,
/// system messages and some non-English text. The same seed gives the same bytes.
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
    /// Emoji as DCE writes them: outside the BMP as surrogate escapes, ZWJ sequences included.
    static let emoji = ["\\uD83D\\uDE42", "\\uD83D\\uDE80", "\\uD83D\\uDC4D\\uD83C\\uDFFD",
                        "\\uD83D\\uDC69\\u200D\\uD83D\\uDCBB", "\\uD83C\\uDDEF\\uD83C\\uDDF5", "\\u2764\\uFE0F", "\\uD83D\\uDD25"]

    struct Person {
        var id: UInt64
        var name: String
        var nickname: String
        var isBot: Bool
        var roles: [(id: UInt64, name: String, position: Int)]
    }

    /// Writes one file per channel into `directory` and returns their paths.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var random = Random(state: seed)
        let guildID: UInt64 = 900_000_000_000_000_000 + seed % 1000
        let roles: [(id: UInt64, name: String, position: Int)] = [
            (guildID + 1, "Admin", 5), (guildID + 2, "Moderators", 4), (guildID + 3, "Core Team", 3),
            (guildID + 4, "Delegates", 2), (guildID + 5, "Members", 1),
        ]
        let peopleCount = max(20, min(20_000, messages / 200))
        var people: [Person] = []
        for i in 0..<peopleCount {
            let isBot = i < 2
            var memberRoles = [roles[4]]
            if i >= 2 && i < 6 { memberRoles.insert(roles[1], at: 0) }
            if i >= 6 && i < 12 { memberRoles.insert(roles[2], at: 0) }
            if random.chance(0.1) { memberRoles.insert(roles[3], at: 0) }
            people.append(Person(id: 100_000_000_000_000_000 + UInt64(i) * 7919, name: isBot ? "helperbot\(i)" : "user\(i)",
                                 nickname: isBot ? "HelperBot \(i)" : "Member \(i)", isBot: isBot, roles: isBot ? [] : memberRoles))
        }
        var paths: [String] = []
        let epoch: Int64 = 1_640_995_200_000  // 2022-01-01T00:00:00Z
        var sequence: UInt64 = 0
        for c in 0..<channels {
            let count = messages / channels + (c < messages % channels ? 1 : 0)
            let name = c < Self.channelNames.count ? Self.channelNames[c] : "\(Self.channelNames[c % Self.channelNames.count])-\(c)"
            let channelID = guildID + 1000 + UInt64(c)
            let path = (directory as NSString).appendingPathComponent("Synthetic Guild - Text - \(name) [\(channelID)].json")
            let out = try LineSink(path: path)
            var buffer = ""
            buffer.reserveCapacity(1 << 21)
            func flush(force: Bool = false) throws {
                guard force || buffer.utf8.count > 1 << 20 else { return }
                try out.write(Array(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
            buffer += """
            {
              "guild": { "id": "\(guildID)", "name": "Synthetic Guild", "iconUrl": "https://cdn.discordapp.com/embed/avatars/0.png" },
              "channel": { "id": "\(channelID)", "type": "GuildTextChat", "categoryId": "\(guildID + 999)", "category": "Text", "name": "\(name)", "topic": null },
              "dateRange": { "after": null, "before": null },
              "exportedAt": "2026-01-01T00:00:00+00:00",
              "messages": [
            """
            var time = epoch + Int64(random.below(3_600_000))
            var recent: [(id: UInt64, author: Int)] = []
            for index in 0..<count {
                time += random.chance(0.05) ? Int64(3_600_000 + random.below(20_000_000)) : Int64(5_000 + random.below(240_000))
                sequence += 1
                let id = (UInt64(time - 1_420_070_400_000) << 22) | (sequence & 0x3FFFFF)
                let authorIndex = random.chance(0.03) ? random.below(2) : random.below(people.count)
                let author = people[authorIndex]
                var content = ""
                var kind = "Default"
                var reference = ""
                var mentions: [Person] = []
                if random.chance(0.01) {
                    kind = "GuildMemberJoin"
                    content = "Joined the server."
                } else {
                    if let target = recent.last, random.chance(0.2) {
                        kind = "Reply"
                        let parent = recent[max(0, recent.count - 1 - random.below(min(5, recent.count)))]
                        reference = "\"reference\": { \"type\": \"Default\", \"messageId\": \"\(parent.id)\", \"channelId\": \"\(channelID)\", \"guildId\": \"\(guildID)\" },"
                        if random.chance(0.5) { mentions.append(people[target.author]) }
                    }
                    if random.chance(0.1) {
                        let person = people[random.below(people.count)]
                        mentions.append(person)
                        content += "@\(person.nickname) "
                    }
                    if random.chance(0.2) { content += random.pick(Self.questions) + " " }
                    for _ in 0..<(3 + random.below(22)) { content += random.pick(Self.words) + " " }
                    if random.chance(0.08) { content += "https://example.org/docs/\(random.below(1000)) " }
                    if random.chance(0.04) { content += "`npm run build` " }
                    if random.chance(0.03) { content += "\\n```swift\\nlet x = \(random.below(100))\\n```\\n" }
                    if random.chance(0.05) { content += "\(random.below(100)) ETH " }
                    if random.chance(0.1) { content += random.pick(Self.emoji) }
                    if random.chance(0.04) { content = random.pick(Self.foreign) }
                    if random.chance(0.15) { content = content.trimmingCharacters(in: .whitespaces) + "?" }
                }
                var reactions = ""
                if random.chance(0.1) {
                    reactions = "{ \"emoji\": { \"id\": \"\", \"name\": \"\(random.pick(Self.emoji))\", \"code\": \"thumbsup\", \"isAnimated\": false, \"imageUrl\": \"https://twemoji.maxcdn.com/2/svg/1f44d.svg\" }, \"count\": \(1 + random.below(9)), \"users\": [] }"
                }
                var attachments = ""
                if random.chance(0.03) {
                    attachments = "{ \"id\": \"\(id + 1)\", \"url\": \"https://cdn.discordapp.com/attachments/\(channelID)/\(id + 1)/screenshot.png\", \"fileName\": \"screenshot.png\", \"fileSizeBytes\": \(10_000 + random.below(900_000)) }"
                }
                var embeds = ""
                if random.chance(0.03) {
                    embeds = "{ \"title\": \"Docs page \(random.below(100))\", \"url\": \"https://example.org/docs\", \"timestamp\": null, \"description\": \"Documentation for the project\", \"images\": [], \"fields\": [], \"inlineEmojis\": [] }"
                }
                buffer += index == 0 ? "\n" : ",\n"
                buffer += """
                    {
                      "id": "\(id)",
                      "type": "\(kind)",
                      "timestamp": "\(Timestamp(milliseconds: time).dceText)",
                      "timestampEdited": \(random.chance(0.03) ? "\"\(Timestamp(milliseconds: time + 60_000).dceText)\"" : "null"),
                      "callEndedTimestamp": null,
                      "isPinned": \(random.chance(0.005)),
                      "content": "\(content)",
                      "author": \(Self.user(author)),
                      "attachments": [\(attachments)],
                      "embeds": [\(embeds)],
                      "stickers": [],
                      "reactions": [\(reactions)],
                      "mentions": [\(mentions.map(Self.user).joined(separator: ", "))],
                      \(reference)
                      "inlineEmojis": []
                    }
                """
                recent.append((id, authorIndex))
                if recent.count > 20 { recent.removeFirst() }
                try flush()
            }
            buffer += "\n  ],\n  \"messageCount\": \(count)\n}\n"
            try flush(force: true)
            try out.finish()
            paths.append(path)
        }
        return paths
    }

    static func user(_ p: Person) -> String {
        let roles = p.roles.map { "{ \"id\": \"\($0.id)\", \"name\": \"\($0.name)\", \"color\": null, \"position\": \($0.position) }" }
        return "{ \"id\": \"\(p.id)\", \"name\": \"\(p.name)\", \"discriminator\": \"0000\", \"nickname\": \"\(p.nickname)\", \"color\": null, \"isBot\": \(p.isBot), \"roles\": [\(roles.joined(separator: ", "))], \"avatarUrl\": \"https://cdn.discordapp.com/embed/avatars/1.png\" }"
    }
}

extension Timestamp {
    /// The instant as DiscordChatExporter writes it with `--utc`: trailing fraction zeros trimmed.
    var dceText: String {
        let text = iso8601UTC.dropLast()  // drop "Z"
        guard let dot = text.lastIndex(of: ".") else { return text + "+00:00" }
        var fraction = text[text.index(after: dot)...]
        while fraction.hasSuffix("0") { fraction = fraction.dropLast() }
        return text[..<dot] + (fraction.isEmpty ? "" : "." + fraction) + "+00:00"
    }
}

extension SplitMix64 {
    /// One of `items`, uniformly.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
