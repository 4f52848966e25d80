import DBindFormats

/// Writes the guild's conversations channel by channel. Message times and ids depend on a
/// counter that runs across channels, so the channels are written in a fixed order.
final class LumenBuilder {
    /// Messages posted so far in the whole guild.
    var counter = 0
    private var channels: [String: LumenChannel] = [:]
    /// Messages the scripts name, by `channel/name`.
    var names: [String: Posted] = [:]

    init() {
        let info = Lumen.category("info"), community = Lumen.category("community")
        let category = { (c: Lumen.Category) in (id: c.id, name: c.name) }
        add("announcements", "announcements", "GuildNews", category(info),
            "Official updates from the Lumen DAO team. Follow this channel to get them in your server.",
            "2021-11-18 16:22:40.118")
        add("welcome", "welcome", "GuildTextChat", category(info),
            "Start here: rules, roles and a hello. Mods will never DM you first.", "2021-11-18 16:22:02.597")
        add("general", "general", "GuildTextChat", category(community),
            "General chat about Lumen DAO. Keep it friendly.", "2021-11-18 16:23:11.904")
        add("support", "support", "GuildTextChat", category(community),
            "Wallets, delegation, voting, claims. Ask here, not in DMs.", "2021-11-18 16:23:30.280")
        add("international", "international", "GuildTextChat", category(community),
            "日本語 / ไทย / العربية / Deutsch / Español — chat in your language", "2026-02-24 09:31:07.552")
        add("off-topic", "off-topic", "GuildTextChat", category(community), nil, "2021-11-19 20:02:45.013")
        add("governance", "governance", "GuildTextChat", category(Lumen.category("gov")),
            "Discussion of Lumen Improvement Proposals (LIPs). Formal votes happen on Snapshot.", "2022-01-30 18:41:15.725")
        add("dev", "dev", "GuildTextChat", category(Lumen.category("dev")),
            "Engineering: indexer, contracts, frontend. Code lives at https://github.com/lumen-dao", "2021-11-18 16:24:01.339")
        add("bot-commands", "bot-commands", "GuildTextChat", category(Lumen.category("bots")),
            "Bot commands go here: !rank, !help, /price, /proposal", "2021-11-19 09:21:38.861")
        // Mentioned, not exported.
        add("stage", "Community Call", "GuildStageVoice", category(community), nil, "2023-01-05 17:00:41.275")
        let dev = channel("dev")
        add("devthread", "indexer v2 rollout", "GuildPublicThread", (dev.id, dev.name), nil, "2026-02-03 16:12:05.206")
        // The governance thread is started from a message, so `writeGovernance` adds it.
    }

    private func add(_ key: String, _ name: String, _ kind: String, _ parent: (id: UInt64, name: String), _ topic: String?,
                     _ created: String) {
        channels[key] = LumenChannel(self, key, name, kind, parent: parent, topic: topic, created: created)
    }

    /// A thread started from `starter`: it takes the message's id.
    func addThread(_ key: String, _ name: String, in parent: LumenChannel, from starter: Posted) {
        channels[key] = LumenChannel(self, key, name, "GuildPublicThread", parent: (parent.id, parent.name), topic: nil,
                                     id: UInt64(starter.id)!)
    }

    func channel(_ key: String) -> LumenChannel {
        guard let c = channels[key] else { preconditionFailure("unknown channel \(key)") }
        return c
    }

    /// The files, in the order they are exported.
    static let exportOrder = ["announcements", "welcome", "general", "support", "international", "off-topic",
                              "governance", "govthread", "dev", "devthread", "bot-commands"]
    /// When the first file was exported, in .NET ticks (100 ns) since the Unix epoch.
    static let exportStartTicks = when("2026-03-05 10:41:07") * 10_000 + 4_170_931

    /// The order the scripts are played in (a thread after the message it starts from).
    static let scriptOrder = ["announcements", "welcome", "governance", "govthread", "dev", "devthread", "general",
                              "support", "international", "off-topic", "bot-commands"]

    /// Writes every channel; returns the exported channels with their export times.
    func build() -> [(channel: LumenChannel, ticks: Int64)] {
        for key in Self.scriptOrder { play(key) }
        var ticks = Self.exportStartTicks
        return Self.exportOrder.map { key in
            let c = channel(key)
            defer { ticks += 10_000_000 * Int64(2 + c.messages.count / 40) + Int64(hnum("tick", key) % 10_000_000) }
            return (c, ticks)
        }
    }

    // MARK: Placeholders

    /// The placeholders of `text` (`<@user>`, `<@&Role>`, `<#channel>`, `<:emoji:>`) with
    /// `replace(token)` put in their place; `token` is what stands between `<` and `>`.
    private func substituteTokens(_ text: String, _ replace: (String) -> String) -> String {
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "<", let end = tokenEnd(s, i + 1) {
                out.append(contentsOf: replace(String(String.UnicodeScalarView(s[(i + 1)..<end]))).unicodeScalars)
                i = end + 1
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Where the `>` of a placeholder starting at `start` is: `@&` and a role name, `@` and a
    /// user key, `#` and a channel key, or `:name:` (optionally `a:name:`).
    private func tokenEnd(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        func run(from: Int, _ allowed: (Unicode.Scalar) -> Bool) -> Int? {
            var j = from
            while j < s.count, allowed(s[j]) { j += 1 }
            return j > from ? j : nil
        }
        func closes(_ j: Int?) -> Int? { j.flatMap { $0 < s.count && s[$0] == ">" ? $0 : nil } }
        let lower = { (c: Unicode.Scalar) in ("a"..."z").contains(c) || c == "_" }
        let word = { (c: Unicode.Scalar) in lower(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) }
        guard start < s.count else { return nil }
        if s[start] == "@", start + 1 < s.count, s[start + 1] == "&",
           let end = closes(run(from: start + 2) { $0 != "<" && $0 != ">" && $0 != "\n" }) { return end }
        if s[start] == "@", let end = closes(run(from: start + 1, lower)) { return end }
        if s[start] == "#", let end = closes(run(from: start + 1) { lower($0) || ("0"..."9").contains($0) || $0 == "-" }) { return end }
        let colon = s[start] == "a" ? start + 1 : start
        guard colon < s.count, s[colon] == ":", let nameEnd = run(from: colon + 1, word), nameEnd < s.count, s[nameEnd] == ":"
        else { return nil }
        return closes(nameEnd + 1)
    }

    /// DCE's plain text for `text`, and the keys of the people it mentions.
    func render(_ text: String) -> (String, [String]) {
        var mentioned: [String] = []
        let content = substituteTokens(text) { token in
            if token.hasPrefix("@&") {
                let name = String(token.dropFirst(2))
                guard let role = Lumen.roles.first(where: { $0.name == name }) else { preconditionFailure("unknown role \(name)") }
                return "@" + role.name
            }
            if token.hasPrefix("@") {
                let person = Lumen.person(String(token.dropFirst()))
                if !mentioned.contains(person.key) { mentioned.append(person.key) }
                return "@" + person.display
            }
            if token.hasPrefix("#") { return channel(String(token.dropFirst())).mentionText }
            let name = Self.emojiName(token)
            precondition(LumenEmoji.isCustom(name), "unknown guild emoji \(name)")
            return ":" + name + ":"
        }
        return (content, mentioned)
    }

    /// `text` as the markdown DCE reads emoji from: guild emoji as `:name:`, mentions as `<>`.
    func rawForEmoji(_ text: String) -> String {
        substituteTokens(text) { $0.contains(":") ? ":" + Self.emojiName($0) + ":" : "<>" }
    }

    /// `name` of `:name:` or `a:name:`.
    private static func emojiName(_ token: String) -> String {
        String(token.split(separator: ":", omittingEmptySubsequences: false)[1])
    }
}
