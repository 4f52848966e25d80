import DBindFormats

// The README written beside the files: what each channel exercises, the authors, and the ids of
// the edge cases. Long lines: the notes are table cells.

extension Posted {
    var content: String { self["content"]?.stringValue ?? "" }
    var type: String { self["type"]?.stringValue ?? "" }
    var authorName: String? { self["author"]?["name"]?.stringValue }
    var firstEmbed: DCEValue? { self["embeds"]?[0] }
    /// The array member `key` (empty when absent).
    func list(_ key: String) -> [DCEValue] { self[key]?.arrayValue ?? [] }
    /// Digits in the fraction of `timestampEdited`, nil when not edited.
    var editedFractionDigits: Int? {
        guard let text = self["timestampEdited"]?.stringValue else { return nil }
        return text.split(separator: ".").dropFirst().first.map { $0.prefix { $0 != "+" }.count } ?? 0
    }
}

private func has(_ text: String) -> @Sendable (Posted) -> Bool { { $0.content.contains(text) } }

enum LumenReadme {
    static let channelNotes: [String: String] = [
        "announcements": "News channel: mod/core posts, `@everyone`, pinned posts + pin notices, Snapshot webhook embeds with fields, a PDF, a GitHub link embed, a Twitter embed with image, an edited post, role mentions (`@Moderators`, `@日本語`), a voice-channel mention (`#Community Call [voice]`).",
        "welcome": "Rules (keycap emoji 1️⃣-5️⃣, pinned, edited), `GuildMemberJoin` messages, sticker-only \"wave\" replies to join messages (Lottie sticker), greetings in Japanese and Vietnamese.",
        "general": "Chit-chat with two pairs of interleaved conversations, replies with and without ping, a forwarded announcement, a boost message (type `\"8\"`), a Deleted User, a YouTube embed with `video`, gm in Arabic/Thai/Japanese/Spanish, German, ZWJ flag emoji, two image attachments.",
        "support": "Question/answer threads built from replies, an image and a PDF attachment, Arabic, German and Vietnamese questions, a reply whose parent was deleted (dangling `reference.messageId`), a mention of a user who is not a guild member, 0x addresses and tx hashes.",
        "international": "Japanese, Thai, Arabic, German, Spanish text; a role mention in Japanese; a NBSP (written `\\u00A0`); flags.",
        "off-topic": "Memes and emoji: ZWJ sequences, skin tones, a `SPOILER_` attachment, spoiler markup, Png/Apng/Gif stickers, sticker-only and attachment-only messages (empty content), a Twitter embed with three `images`, animated custom emoji.",
        "governance": "Proposal talk: LIP/Proposal numbers, EIP-1559/EIP-4824, $50k / 10 ETH / 1.2M USDC, 0x addresses, ENS names, FOR/AGAINST/ABSTAIN votes; the message the Proposal #12 thread was started from (its id is the thread's id).",
        "govthread": "Public thread started from a #governance message: first message is type `\"21\"` (thread starter) referencing that message; Thai text, an attachment, a pinned amendment, edits.",
        "dev": "Code: fenced blocks (bash, ts, go with tab characters, solidity, diff, regex, json with escaped quotes, a Windows path with backslashes), inline code, owner/repo#123 refs, versions, GitHub link embeds, a pinned setup post + pin notice, a `ThreadCreated` system message.",
        "devthread": "Public thread created without a starter message (see the `ThreadCreated` message in #dev); rollout checklist, a .txt attachment, a GitHub embed.",
        "bot-commands": "Prefix commands (`!rank`, `!help`, `!top`, `!wen`) answered by the bot as replies with embeds (author/fields/footer), slash-command responses (type `\"20\"` with `interaction`), level-up messages, an embed with Thai field names.",
    ]

    static let personNotes: [String: String] = [
        "mira": "moderator", "rook": "moderator, animated avatar", "kenji": "emoji in display name",
        "sofia": "guild-specific avatar URL", "omar": "Arabic display name; color from a lower role",
        "natt": "Thai display name", "yuki": "Japanese display name; highest role has no color",
        "dave": "emoji in display name, animated avatar", "newbie": "legacy username with discriminator",
        "marco": "left the guild (roles [])", "ivy": "member without roles", "bao": "Vietnamese display name",
        "hannah": "new account, default avatar", "ghost": "deleted account",
        "scam": "only appears in a mention; not a member", "lumi": "bot with a legacy discriminator",
        "snapshot": "webhook (isBot, not a member)",
    ]

    /// Channel key, which message, what it shows.
    static let edgeCases: [(channel: String, matches: @Sendable (Posted) -> Bool, what: String)] = [
        ("announcements", has("Welcome to Lumen DAO season 3"), "`@everyone`, pinned, custom emoji `:lumen:` in content + inlineEmojis, 3 reactions incl. a custom one"),
        ("announcements", { $0.authorName == "Snapshot" && ($0.firstEmbed?["title"]?.stringValue ?? "").contains("LIP-9") }, "webhook author (isBot, no roles), empty content, embed with author/footer/3 fields and an emoji in the description (embed inlineEmojis)"),
        ("announcements", has("Q4 2025 treasury report"), "PDF attachment"),
        ("announcements", has("Community call **today"), "edited; keycaps 1️⃣2️⃣3️⃣; voice-channel mention rendered `#Community Call [voice]`"),
        ("announcements", has("Scam alert"), "pinned + edited; role mention `@Moderators`; `\"` quotes in content"),
        ("announcements", has("New channel:"), "role mention `@日本語`; Japanese/Thai/Arabic in one line; flag reactions"),
        ("welcome", has("# Welcome to Lumen DAO"), "rules: pinned, edited (~20 h later), keycaps 1️⃣-5️⃣, ✅ reaction with 15 users"),
        ("welcome", { $0.type == "Reply" && $0.authorName == "miraonchain" && !$0.list("stickers").isEmpty }, "sticker-only reply (Lottie `.json` sticker) to a GuildMemberJoin message; content \"\""),
        ("general", { $0["forwardedMessage"] != nil }, "forward: content \"\", `reference.type` \"Forward\" pointing into #announcements, `forwardedMessage` present"),
        ("general", { $0.type == "8" }, "boost message, unknown numeric type \"8\", content \"\""),
        ("general", has("does anyone know if the indexer API has rate limits"), "Deleted User author (roles [], default avatar), edited"),
        ("general", has("Turnout on the last 5 votes"), "start of interleaved conversations (turnout vs hoodie), untangled by replies"),
        ("general", has("Honest question: why diversify"), "second interleaving (Proposal #12 vs hackathon), includes a reply with ping off"),
        ("general", has("Bin nächste Woche in Berlin"), "German in #general, followed by a mod asking for English"),
        ("general", has("see you all at ETHDenver"), "ZWJ flag 🏳️‍🌈 (surrogates + raw ZWJ/VS16 in the file)"),
        ("general", { $0.content.hasPrefix("https://www.youtube.com/") }, "content is only a URL; YouTube embed with `video` (url == canonicalUrl)"),
        ("support", has("verify my wallet"), "reply to a deleted message: `reference.messageId` not in the export; mentions a non-member (\"Lumen Support\", roles [])"),
        ("support", has("هل التصويت مجاني"), "English + Arabic in one message"),
        ("support", has("Làm sao để nhận role"), "Vietnamese question; the answer is a reply without ping"),
        ("international", has("Community-Topf"), "NBSP U+00A0, written as `\\u00A0`"),
        ("international", has("来週の木曜日"), "role mention `@日本語` inside Japanese text"),
        ("governance", { $0["isPinned"]?.boolValue == true && $0.content.contains("LIP-12 draft") }, "thread starter: its id is the id of the Proposal #12 thread; pinned; forum link embed"),
        ("govthread", { $0.type == "21" }, "type \"21\" (thread starter) with content \"\" and a reference to the #governance message"),
        ("dev", { $0.type == "ThreadCreated" }, "\"Started a thread.\"; `reference.messageId` null, `reference.channelId` = the indexer v2 rollout thread"),
        ("dev", has("Wrote a tiny Go client"), "code block with tab characters (`\\t`), GitHub embed, 2 reactions"),
        ("dev", has("Windows contributor here"), "backslashes (`\\\\`) and quotes inside a code block"),
        ("dev", has("error body would look like this"), "JSON code block: escaped quotes, an escaped backslash-quote"),
        ("dev", has("Dev setup for new contributors"), "pinned + edited 3 days later (pin notice follows), user mention"),
        ("bot-commands", { $0.type == "20" && $0["interaction"]?["name"]?.stringValue == "proposal" }, "slash-command response (type \"20\"), `interaction` {name \"proposal\", user with roles}"),
        ("bot-commands", { $0.type == "Reply" && $0.authorName == "Lumi" && $0.firstEmbed?["author"]?["name"]?.stringValue == "Priya" }, "bot reply to `!rank` with embed author/fields/footer; legacy-discriminator bot (#8162)"),
        ("off-topic", { $0.list("attachments").contains { $0["fileName"]?.stringValue?.hasPrefix("SPOILER_") == true } }, "spoiler attachment `SPOILER_chart.png`"),
        ("off-topic", { $0.firstEmbed?["images"]?.arrayValue.count == 3 }, "Twitter embed with 3 merged `images`"),
        ("off-topic", has("skin tone gang"), "skin-tone modifiers 👍🏿 👍🏻 👍🏽"),
        ("off-topic", has("family trip"), "multi-ZWJ family emoji 👨‍👩‍👧"),
    ]

    /// The one message of `channel` that `matches`.
    private static func find(_ channel: LumenChannel, _ matches: (Posted) -> Bool) -> Posted {
        let hits = channel.messages.filter(matches)
        precondition(hits.count == 1, "edge-case lookup in \(channel.key) matched \(hits.count) messages")
        return hits[0]
    }

    static func text(_ builder: LumenBuilder, _ exports: [LumenChannel]) -> String {
        var lines: [String] = []
        func add(_ line: String) { lines.append(line) }
        let messages = exports.flatMap(\.messages)
        add("# Fixture guild: Lumen DAO (synthetic)")
        add("")
        add("A made-up DAO community server exported the way DiscordChatExporter does it (JSON, `--utc`, default")
        add("markdown rendering), written for dbind's tests. Every user, id, address, link and message here is")
        add("fictional; nothing was exported from a real server. The files are generated by the `DBindFixtures`")
        add("library (deterministic), which also wrote this README. Do not edit the JSON by hand: change the")
        add("chat scripts in `Sources/DBindFixtures/Chat/` (one YAML file per channel) or the cast and rules in")
        add("`Sources/DBindFixtures/`, then run `swift run dbind fixtures guild` in the repository root.")
        add("")
        add("Format reference: `../shared/data/dce-json-format.md`. Highlights of what the files reproduce:")
        add("2-space indentation, DCE key order, `null` for absent values, conditional keys only when set,")
        add("non-BMP characters as upper-case surrogate-pair escapes while other non-ASCII text and `<>&'` are")
        add("raw, NBSP escaped, ids as strings, snowflake ids whose time equals the message timestamp,")
        add("timestamps with `+00:00` and 0-3 fraction digits (edited timestamps up to 6, `exportedAt` 7),")
        add("`messageCount` = messages in the file, no trailing newline.")
        add("")
        add("Guild: **\(Lumen.guildName)**, id `\(Lumen.guildID)`. Total: **\(messages.count) messages** in \(exports.count) files, "
            + "\(messages.filter { $0.type == "Reply" }.count) Reply messages.")
        add("")
        add("| channel | id | type | parent (categoryId) | messages | exercises |")
        add("|---|---|---|---|---|---|")
        for c in exports {
            add("| \(c.name) | `\(c.id)` | \(c.kind) | \(c.parent.name) (`\(c.parent.id)`) | \(c.messages.count) | \(channelNotes[c.key]!) |")
        }
        add("")
        add("File names follow DCE's default `<Guild> - <Parent> - <Channel> [<id>].json`; for threads the")
        add("parent is the parent channel (`channel.categoryId`/`category` hold the parent channel, not a")
        add("category). The Governance category name contains an emoji, so one file name does too.")
        add("")
        add("## Authors")
        add("")
        add("| username | display name (`nickname`) | discriminator | roles (highest first) | color | notes |")
        add("|---|---|---|---|---|---|")
        for p in Lumen.people {
            let roles = p.roles.isEmpty ? "(none)" : p.roles.map(\.name).joined(separator: ", ")
            add("| \(p.name) | \(p.display.replacingOccurrences(of: "|", with: "\\|")) | \(p.discriminator) | \(roles) | "
                + "\(p.color ?? "null") | \(personNotes[p.key] ?? "") |")
        }
        add("")
        add("## Edge cases, by message id")
        add("")
        add("| channel | message id | what |")
        add("|---|---|---|")
        for edge in edgeCases {
            let channel = builder.channel(edge.channel)
            add("| \(channel.name) | `\(find(channel, edge.matches).id)` | \(edge.what) |")
        }
        func ids(_ selected: [Posted]) -> String { selected.map { "`\($0.id)`" }.joined(separator: ", ") }
        add("")
        add("Timestamps without a fraction (`...:SS+00:00`): \(ids(messages.filter { !($0["timestamp"]?.stringValue ?? "").contains(".") })).")
        add("Edited timestamps with 6 fraction digits: \(ids(messages.filter { $0.editedFractionDigits == 6 })).")
        add("Edited timestamps with 5 fraction digits (trailing zero trimmed): \(ids(messages.filter { $0.editedFractionDigits == 5 })).")
        add("")
        add("Deliberate irregularities: exactly one Reply whose parent is missing (see the table); pinned")
        add("messages without a pin notice (the Proposal #12 starter and the pinned posts in both threads); reaction users")
        add("carry no `roles`; `mentions` of a reply include the replied-to author unless the reply was sent")
        add("without ping, and that author's name is not in `content`. Emoji inside a mentioned user's display")
        add("name (e.g. `@Kenji 🛠️`) are not listed in `inlineEmojis`, as DCE extracts emoji from the raw markdown.")
        add("")
        add("A test (`Tests/DBindFixturesTests`) regenerates these files, compares them byte for byte with the")
        add("ones here, and checks: every file parses, top-level keys and order, `messageCount`, no raw non-BMP")
        add("bytes, unique ids, snowflake time == `timestamp`, chronological order, edits after posts, reply")
        add("targets present in the same channel (except the one deliberate dangling reply), and pin notices")
        add("pointing at pinned messages.")
        return lines.joined(separator: "\n") + "\n"
    }
}
