import DBindFormats

extension LumenBuilder {
    /// #announcements: team posts, Snapshot webhook cards, pins and their notices. Returns the
    /// holiday post, which #general forwards.
    @discardableResult
    func writeAnnouncements() -> Posted {
        let a = channel("announcements")
        a.at("2025-12-01 15:00:00.000")
        let launch = a.say(
            "mira",
            """
            @everyone Welcome to Lumen DAO season 3! 🎉 We cleaned up the channels and the roles.

            Quick links:
            • Docs: https://docs.lumendao.org
            • Forum: https://forum.lumendao.org
            • Snapshot space: https://snapshot.org/#/lumendao.eth

            Please read the rules in <#welcome> first. Questions go to <#support>. \
            Reminder: the team will **never** DM you first. <:lumen:>
            """,
            pinned: true,
            reactions: [("🎉", crowd(14, "launch")), (":lumen:", crowd(9, "launch2")), ("❤️", crowd(6, "launch3"))])
        a.pinNotice("mira", launch, dt: 4)
        a.at("2025-12-04 18:00:02.731")
        a.say(
            "snapshot", "",
            embeds: [
                embed(
                    title: "LIP-9: Renew the grants committee for Q1 2026",
                    url: "https://snapshot.org/#/lumendao.eth/proposal/0x9c1e5e0f4a4b7d2e8f3b6a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e",
                    description: "🗳️ Voting is open until Dec 11, 18:00 UTC.\n\nRenews the 5-member grants committee with a budget of $50k per quarter, paid in USDC from the community treasury.",
                    color: "#F3B04E",
                    author: embedAuthor(
                        "lumendao.eth", "https://snapshot.org/#/lumendao.eth",
                        "https://cdn.stamp.fyi/space/lumendao.eth?s=160"),
                    footer: embedFooter("Snapshot"),
                    fields: [
                        ("Start", "Dec 4, 2025 18:00 UTC", true), ("End", "Dec 11, 2025 18:00 UTC", true),
                        ("Choices", "For / Against / Abstain", false)])],
            reactions: [("🗳️", crowd(7, "lip9"))])
        a.at("2025-12-10 16:30:41.006")
        a.say(
            "sofia",
            """
            📊 The Q4 2025 treasury report is out. Highlights:
            - Treasury: 4.1M USDC, 1,240 ETH, 38.5M LUMEN
            - Runway: ~31 months at current burn
            - Grants paid this quarter: $146k across 19 projects

            Full report attached, discussion in <#governance>.
            """,
            files: [("lumen-treasury-report-2025-Q4.pdf", 2_318_604)],
            reactions: [("👀", crowd(8, "q4")), ("🙏", crowd(3, "q4b"))])
        a.at("2025-12-15 13:05:19.480")
        a.say(
            "kenji",
            """
            Indexer **v1.8.0** is live 🚀 Delegate profiles now load ~4x faster and ENS avatars finally show up.
            Release notes:\u{20}
            """ + rel("v1.8.0"),
            embeds: [
                githubEmbed(
                    "lumen-dao/indexer/releases/tag/v1.8.0", "Release v1.8.0 · lumen-dao/indexer",
                    "Faster delegate profile queries, ENS avatar support, Postgres 16 support.")],
            reactions: [("🚀", crowd(10, "v180")), ("🛠️", ["priya", "omar"])])
        a.at("2025-12-22 10:00:00.900")
        let holiday = a.say(
            "mira",
            """
            Holiday schedule 🎄 No community calls on Dec 25 and Jan 1. We are back on **Thursday Jan 8, 17:00 UTC**. \
            Support stays open, mods rotate shifts. Happy holidays everyone!
            """,
            reactions: [("❤️", crowd(9, "hol"))])
        a.at("2026-01-08 09:12:33.017")
        a.say(
            "mira",
            """
            @everyone Community call **today 17:00 UTC** in <#stage>!
            Agenda:
            1️⃣ Proposal #12 (treasury diversification)
            2️⃣ Indexer v2 timeline
            3️⃣ Delegate cohort 3
            Bring questions <:gm:>
            """,
            edited: 95, reactions: [("🎙️", crowd(6, "call")), (":gm:", crowd(5, "call2"))])
        a.at("2026-01-09 17:40:10.000")
        let p12 = a.say(
            "sofia",
            """
            **Proposal #12 — Treasury diversification** is up for discussion in <#governance>.
            TL;DR: move 1.2M USDC of the 4.1M stable reserve into a mix of ETH LSTs and short-dated T-bill tokens, \
            executed by the treasury multisig (treasury.lumendao.eth). Temperature check runs for one week, then Snapshot.
            """,
            pinned: true, reactions: [("🗳️", crowd(8, "p12")), ("🤔", crowd(3, "p12b"))])
        a.pinNotice("rook", p12, dt: 31)
        a.at("2026-01-20 19:02:48.551")
        let tw = "https://twitter.com/lumendao/status/1881412760029184103"
        a.say(
            "mira", "We're on the ETHDenver side-event list this year 🦄 " + tw,
            embeds: [
                embed(
                    title: "", url: tw, timestamp: "2026-01-20T18:55:31+00:00",
                    description: "Lumen DAO will host a delegate meetup at ETHDenver 🦄 Feb 26, 6pm MT. Come say gm!",
                    color: "#1DA1F2",
                    author: embedAuthor(
                        "Lumen DAO (@lumendao)", "https://twitter.com/lumendao",
                        "https://pbs.twimg.com/profile_images/1700000000000000000/lumen_normal.jpg"),
                    image: image("https://pbs.twimg.com/media/GhLmnOpXkAAd1Yz.jpg", 1600, 900),
                    footer: embedFooter("Twitter", "https://abs.twimg.com/icons/apple-touch-icon-192x192.png"))],
            reactions: [("🦄", crowd(5, "den"))])
        a.at("2026-01-27 18:00:04.114")
        a.say(
            "snapshot", "",
            embeds: [
                embed(
                    title: "LIP-12: Treasury diversification — passed",
                    url: "https://snapshot.org/#/lumendao.eth/proposal/0x3f7a0c2b9d8e1f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2",
                    description: "✅ For 71.4% · Against 22.9% · Abstain 5.7%\nQuorum reached (3.2M LUMEN of 2.5M required).",
                    color: "#21B66F", author: embedAuthor("lumendao.eth", "https://snapshot.org/#/lumendao.eth"),
                    footer: embedFooter("Snapshot"),
                    fields: [
                        ("For", "2,284,910 LUMEN", true), ("Against", "732,115 LUMEN", true),
                        ("Abstain", "182,400 LUMEN", true)])],
            reactions: [("✅", crowd(9, "passed")), ("📉", ["dave"])])
        a.at("2026-02-03 16:40:27.608")
        a.say(
            "kenji",
            """
            Indexer **v2.0.0-rc.1** is out for testing. Rollout plan and known issues are in the \
            <#devthread> thread under <#dev>. Please report bugs there, not in <#general> 🙏
            """)
        a.at("2026-02-10 08:15:00.062")
        let scam = a.say(
            "mira",
            """
            ⚠️ **Scam alert** ⚠️
            A fake "Lumen airdrop" site is going around (lumen-dao-claim[.]xyz) and an account called \
            "Lumen Support" is DMing people. We will NEVER DM you first and there is NO airdrop. \
            If you get a DM, report it to <@&Moderators> and block.
            """,
            pinned: true, edited: 240, reactions: [("⚠️", crowd(7, "scam")), ("🙏", crowd(4, "scam2"))])
        a.pinNotice("mira", scam, dt: 6)
        a.at("2026-02-18 15:00:55.300")
        a.say(
            "sofia",
            """
            Delegate program **cohort 3** applications are open until March 6 🗳️ Stipend is $2,500/month for 6 months. \
            Apply: https://forms.gle/LumenDelegateCohort3 — questions to <@amara> or <@theo>.
            """,
            reactions: [("🔥", crowd(6, "coh3"))])
        a.at("2026-02-25 12:00:08.004")
        a.say(
            "mira",
            """
            New channel: <#international> 🌍 日本語 / ไทย / العربية / Deutsch / Español welcome. \
            <@&日本語> folks, you asked for it 🙂
            """,
            reactions: [("🌍", crowd(8, "intl")), ("🇯🇵", ["yuki", "kenji"]), ("🇹🇭", ["natt"])])
        return holiday
    }
}
