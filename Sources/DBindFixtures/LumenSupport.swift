import DBindFormats

extension LumenBuilder {
    /// #support: questions answered by replies, one of them to a deleted message.
    func writeSupport() {
        let s = channel("support")
        s.at("2025-12-20 12:05:44.310")
        let q = s.say("hannah", "Hi! How do I delegate my LUMEN? I don't want to vote myself every time")
        let a = s.say(
            "mira",
            """
            Hi <@hannah>! Two ways:
            1. Go to https://app.lumendao.org/delegates, pick a delegate, click **Delegate**
            2. Or delegate to yourself if you want to vote directly
            It's one on-chain tx (a few cents on Arbitrum). Your tokens never leave your wallet.
            """,
            dt: 200, reply: q)
        let q2 = s.say("hannah", "can I change the delegate later?", dt: 150, reply: a)
        s.say("mira", "yes, anytime, same button. the new delegation replaces the old one", dt: 60, reply: q2)
        s.say("hannah", "perfect, done! delegated to <@amara> 🙌", dt: 400)
        s.say("amara", "thank you <@hannah>, I'll do my best 🫡", dt: 600)

        s.at("2025-12-22 19:31:02.008")
        let tx = s.say("newbie", "my transaction has been pending for 2 hours??", files: [("image.png", 96_211)])
        s.say(
            "kenji",
            """
            that's a stuck nonce. gas price was set too low. in MetaMask: Settings → Advanced → enable \
            `Customize transaction nonce`, then send a 0 ETH tx to yourself with the same nonce (`41` in your screenshot) and higher gas
            """,
            dt: 420, reply: tx)
        s.say("newbie", "it worked!!! thank you so much", dt: 900)
        s.say("newbie", "sorry one more, why did it get stuck? it was the same wallet as always", dt: 60)
        s.say(
            "kenji", "gas spiked during the NFT mint that afternoon and the wallet estimate was stale. happens 🤷‍♂️",
            dt: 300)

        s.at("2026-01-13 13:31:44.404")
        let vp = s.say("priya", "Snapshot shows 0 voting power on LIP-11 but I hold 500 LUMEN?")
        s.say(
            "sofia",
            "Voting power is taken at the proposal's snapshot block. Did you delegate (or self-delegate) before it was created?",
            dt: 300, reply: vp)
        s.say("priya", "...I self-delegated yesterday. the proposal is from last week 🥲", dt: 120)
        s.say(
            "sofia",
            "Then you'll have full power from the next proposal on. Undelegated tokens never count, that's the ERC-20Votes design.",
            dt: 90)
        s.say("priya", "TIL. thanks!", dt: 30)

        s.at("2026-01-21 08:44:30.772")
        let o = s.say("omar", "Hi, how do I vote on Snapshot? sorry my English is not great — هل التصويت مجاني؟")
        s.say(
            "amara",
            """
            Hi <@omar>! Go to https://snapshot.org/#/lumendao.eth, connect your wallet, pick the proposal, choose For/Against/Abstain and sign. \
            Yes, voting is free (gasless) — التصويت مجاني ✅
            """,
            dt: 500, reply: o)
        s.say("omar", "شكرا! now I understand 🙏", dt: 120)

        s.at("2026-01-28 07:10:18.009")
        // Reply to a scam message that the mods deleted before the export: the parent id does not exist.
        let deletedParent = snowflake(when("2026-01-28 07:04:55.310"), "deleted-scam-message")
        let j = s.say(
            "jules", "is this legit? they said I need to verify my wallet on their site to keep my delegation",
            replyToMissing: deletedParent, mentions: ["scam"])
        s.say(
            "rook",
            """
            <@jules> NO. That account is a scammer impersonating support. Banned and message deleted. \
            Never connect your wallet to links from DMs or random replies.
            """,
            dt: 120, reply: j, reactions: [("🙏", ["jules", "hannah", "mira"])])
        s.say("jules", "phew, thanks. didn't click anything", dt: 60)
        s.say("mira", "good instinct to ask 👍 <@&Moderators> please keep an eye out for more of these today", dt: 240)

        s.at("2026-02-02 15:55:12.913")
        let y = s.say("yuki", "My ENS name (yuki.eth) doesn't show on my delegate profile, it shows 0x7a3B…c91E instead")
        s.say("kenji", "is the primary name (reverse record) set? the forward record alone isn't enough", dt: 300, reply: y)
        s.say("yuki", "I set it yesterday", dt: 200)
        s.say("kenji", "then it's our cache, 24h TTL. v1.8.1 lowers it to 1h. should show up by tonight", dt: 150)
        s.say("yuki", "it's there now, thank you! 🙏", dt: 3600 * 5)

        s.at("2026-02-05 11:20:09.050")
        let b = s.say("marco", "which bridge should I use to move LUMEN to Arbitrum?")
        s.say(
            "rook",
            """
            The official one: https://bridge.arbitrum.io. LUMEN on Arbitrum is \
            `0x3a9F2b7C1e4D8a6B0c5E2f9A7d3B1c8E6f4A2d0B`. Double-check the address on \
            https://docs.lumendao.org/contracts — scammers deploy lookalike tokens.
            """,
            dt: 400, reply: b)
        s.say("marco", "thanks, done. took ~12 minutes", dt: 1800)

        s.at("2026-02-11 18:40:51.408")
        s.say("lukas", "Kurze Frage: kostet die Delegation Gas? (sorry, does delegating cost gas?)")
        s.say(
            "sofia",
            """
            Ja, einmalig eine kleine Transaktion — auf Arbitrum meist unter 0,05 €. Danach ist alles off-chain über Snapshot. \
            (yes, one small tx, then everything is gasless)
            """,
            dt: 300)
        s.say("lukas", "Danke! 👍", dt: 60)

        s.at("2026-02-16 22:03:27.337")
        let iv = s.say("ivy", "the claim page says 'not eligible' for the contributor rewards but I did 3 PRs??")
        s.say(
            "mira",
            """
            Eligibility is in the attached doc: PRs need to be merged before the snapshot block (Feb 1). \
            If yours were merged after, they count for the next round.
            """,
            dt: 700, reply: iv, files: [("contributor-rewards-eligibility-2026.pdf", 412_876)])
        s.say("ivy", "ah they were merged Feb 3 😢 ok next round then", dt: 300)
        s.say("mira", "sorry! next round is in May 🙏", dt: 90)

        s.at("2026-02-23 09:14:40.188")
        s.say("carlos", "Wallet shows 0 LUMEN after I bridged, but the tx is confirmed")
        s.say(
            "carlos",
            "Etherscan: https://arbiscan.io/tx/0x5b1e7d9c3a2f4e6b8d0c1a3e5f7b9d2c4e6a8f0b1d3e5c7a9b2d4f6e8a0c1b3d5", dt: 25)
        s.say(
            "rook",
            """
            you probably need to import the token in your wallet. Address is in the pinned docs link, \
            MetaMask → Import tokens → paste address
            """,
            dt: 300)
        s.say("carlos", "that was it 🤦 thanks", dt: 200)
        s.say("natt", "same thing happened to me last month 😂", dt: 120)

        s.at("2026-02-25 01:20:15.611")
        let bq = s.say("bao", "Làm sao để nhận role Members? (how do I get the Members role?)")
        s.say("rook", "<@bao> react with ✅ on the rules message in <#welcome> 🙂", dt: 600, reply: bq, ping: false)
        s.say("bao", "xong rồi, cảm ơn! got it", dt: 120)
    }
}
