import DBindFormats

/// Lumi's embeds carry the bot's color.
private let lumiColor = "#F5C542"

extension LumenBuilder {
    /// #bot-commands: prefix commands answered with embeds, slash-command responses, level-ups.
    func writeBots() {
        let b = channel("bot-commands")
        let lumiIcon = Lumen.person("lumi").avatarURL
        b.at("2025-12-02 18:00:31.408")
        let r = b.say("priya", "!rank")
        b.say(
            "lumi", "", dt: 1.2, reply: r,
            embeds: [
                embed(
                    description: "**Rank #14** • Level 11\nXP: 3,412 / 4,000", color: lumiColor,
                    author: embedAuthor("Priya", nil, Lumen.person("priya").avatarURL),
                    footer: embedFooter("Lumi • !help for commands", lumiIcon),
                    fields: [("Messages", "1,208", true), ("Voice minutes", "95", true)])])
        b.say("dave", "!rank", dt: 20)
        b.say(
            "lumi", "", dt: 1.1, reply: b.messages.last!,
            embeds: [
                embed(
                    description: "**Rank #3** • Level 27\nXP: 18,930 / 19,500", color: lumiColor,
                    author: embedAuthor("dave 🦇🔊", nil, Lumen.person("dave").avatarURL),
                    footer: embedFooter("Lumi • !help for commands", lumiIcon),
                    fields: [("Messages", "9,871", true), ("Voice minutes", "1,402", true)])])
        b.say("priya", "how are you rank 3 😭", dt: 40)
        b.say("dave", "I say gm every day. consistency ser <:ser:>", dt: 30)
        b.at("2025-12-05 09:20:05.553")
        b.say(
            "lumi", "", kind: "20",
            embeds: [
                embed(
                    title: "LUMEN / USD", timestamp: "2025-12-05T09:20:04+00:00", color: lumiColor,
                    thumbnail: image("https://assets.coingecko.com/coins/images/99999/large/lumen.png", 250, 250),
                    footer: embedFooter("Data: CoinGecko • cached 60s"),
                    fields: [
                        ("Price", "$0.8421", true), ("24h", "▲ 3.2%", true), ("Market cap", "$84.2M", true),
                        ("Volume 24h", "$3.1M", true)])],
            interaction: ("price", "theo"))
        b.say("theo", "up only 📈", dt: 30)
        b.at("2025-12-09 14:12:48.070")
        let h = b.say("newbie", "!help")
        b.say(
            "lumi",
            """
            Commands:
            ```
            !rank            your level and XP
            !top             leaderboard
            /price [token]   token price (default LUMEN)
            /proposal <n>    Snapshot status of LIP-n
            ```
            """,
            dt: 0.9, reply: h)
        b.say("newbie", "!wen", dt: 15)
        b.say("lumi", "Unknown command `!wen`. Try `!help`.", dt: 0.7, reply: b.messages.last!)
        b.say("newbie", "worth a try 😂", dt: 20)
        b.at("2025-12-16 20:05:40.606")
        b.say("lumi", "🎉 GG <@priya>, you just reached **level 12**!", dt: 0)
        b.say("priya", "🥳", dt: 60)
        b.at("2026-01-21 11:02:13.330")
        b.say(
            "lumi", "", kind: "20",
            embeds: [
                embed(
                    title: "LIP-12: Treasury diversification",
                    url: "https://snapshot.org/#/lumendao.eth/proposal/0x3f7a0c2b9d8e1f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2",
                    description: "🟢 Active — ends Jan 27, 18:00 UTC", color: lumiColor,
                    footer: embedFooter("Snapshot • lumendao.eth"),
                    fields: [
                        ("For", "1,402,330 LUMEN (68.1%)", true), ("Against", "540,002 LUMEN (26.2%)", true),
                        ("Abstain", "117,400 LUMEN (5.7%)", true), ("Quorum", "2.06M / 2.5M", false)])],
            interaction: ("proposal", "amara"))
        b.say("amara", "quorum close, let's push turnout 🗳️", dt: 120)
        b.at("2026-01-28 16:30:58.905")
        b.say(
            "lumi", "", kind: "20",
            embeds: [
                embed(
                    title: "LUMEN / USD", timestamp: "2026-01-28T16:30:58+00:00", color: lumiColor,
                    thumbnail: image("https://assets.coingecko.com/coins/images/99999/large/lumen.png", 250, 250),
                    footer: embedFooter("Data: CoinGecko • cached 60s"),
                    fields: [
                        ("Price", "$0.7718", true), ("24h", "▼ 4.9%", true), ("Market cap", "$77.2M", true),
                        ("Volume 24h", "$5.8M", true)])],
            interaction: ("price", "dave"))
        b.say("dave", "<:sadge:>", dt: 25)
        b.say(
            "lumi", "", dt: 40, kind: "20",
            embeds: [
                embed(
                    title: "ETH / USD", timestamp: "2026-01-28T16:31:38+00:00", color: lumiColor,
                    footer: embedFooter("Data: CoinGecko • cached 60s"),
                    fields: [("Price", "$3,184.20", true), ("24h", "▼ 2.1%", true)])],
            interaction: ("price", "jules"))
        b.at("2026-02-02 19:40:44.402")
        let k = b.say("kenji", "!rank")
        b.say(
            "lumi", "", dt: 0.8, reply: k,
            embeds: [
                embed(
                    description: "**Rank #2** • Level 29\nXP: 21,877 / 22,500", color: lumiColor,
                    author: embedAuthor("Kenji 🛠️", nil, Lumen.person("kenji").avatarURL),
                    footer: embedFooter("Lumi • !help for commands", lumiIcon),
                    fields: [("Messages", "11,302", true), ("Voice minutes", "2,215", true)])])
        b.say("dave", "kenji farming XP in the dev channel 👀", dt: 35)
        b.say("kenji", "it's called working ser", dt: 25)

        b.at("2026-02-08 10:00:03.003")
        b.say("lumi", "🎉 GG <@jules>, you just reached **level 5**! New role unlocked: <@&Members>", dt: 0)
        b.say("jules", "lets gooo", dt: 45)
        b.at("2026-02-17 13:45:22.222")
        let t = b.say("carlos", "!top")
        b.say(
            "lumi", "", dt: 1.3, reply: t,
            embeds: [
                embed(
                    title: "Leaderboard — Lumen DAO",
                    description: "1️⃣ Mira | Mod — 24,102 XP\n2️⃣ Kenji 🛠️ — 21,877 XP\n3️⃣ dave 🦇🔊 — 19,405 XP\n4️⃣ Sofía Rodríguez — 15,220 XP\n5️⃣ theo.eth — 12,998 XP",
                    color: lumiColor, footer: embedFooter("Lumi • updated hourly", lumiIcon))])
        b.say("carlos", "one day 🫡", dt: 30)
        b.at("2026-02-27 22:10:18.181")
        b.say(
            "lumi", "", kind: "20",
            embeds: [
                embed(
                    title: "LUMEN / THB", timestamp: "2026-02-27T22:10:17+00:00", color: lumiColor,
                    footer: embedFooter("Data: CoinGecko • cached 60s"),
                    fields: [("ราคา", "฿28.41", true), ("24h", "▲ 1.3%", true)])],
            interaction: ("price", "natt"))
        b.say("natt", "ขอบคุณ Lumi 🤖", dt: 20)
    }
}
