import DBindFormats

extension LumenBuilder {
    /// #governance: proposal talk and votes. Returns the message the Proposal #12 thread starts from.
    @discardableResult
    func writeGovernance() -> Posted {
        let g = channel("governance")
        g.at("2025-12-04 18:20:41.330")
        g.say(
            "theo",
            """
            LIP-9 (grants committee renewal) is live on Snapshot. Short version: same 5 seats, $50k/quarter, \
            monthly reporting. I'm voting FOR ✅
            """)
        g.say("lukas", "Is $50k per quarter enough? Last quarter they paid out $146k according to the report")
        g.say(
            "sofia",
            """
            The $146k included the one-off Ethereum Foundation matching round. Baseline committee budget was $48k. \
            Anything above $50k needs a separate LIP.
            """)
        let m = g.say("amara", "Can we add a clause that unspent budget returns to the treasury instead of rolling over?")
        g.say("theo", "Good point. Not in this LIP, but I'd co-author a follow-up", reply: m)
        g.say("dave", "voted. also lol at the person who voted with 0.3 LUMEN", dt: 400)
        g.at("2025-12-11 18:30:05.250")
        g.say("mira", "LIP-9 passed with 88% FOR. Thanks to everyone who voted 🗳️", reactions: [("🎉", crowd(7, "lip9p"))])
        g.at("2025-12-12 14:02:29.884")
        g.say(
            "lukas",
            """
            Question on the Q4 report: why is 1,240 ETH still sitting in the main Safe \
            (0x4c6F1a3B8d2E9f0A7b5C3d1E8F6a4B2c0D9e7F51)? Feels like a lot of idle capital.
            """)
        g.say("sofia", "That's exactly what the diversification proposal will address. Draft coming in January.", dt: 240)
        g.say("omar", "will the draft include a risk framework? EIP-4824 style DAO URI docs would also help", dt: 180)
        g.say("sofia", "Yes on risk framework. EIP-4824 is on the list for later.", dt: 120)

        g.at("2026-01-09 17:32:44.118")
        let starter = g.say(
            "sofia",
            """
            **Proposal #12 — Treasury diversification (LIP-12 draft)**

            Summary:
            - Move **1.2M USDC** (of the 4.1M stable reserve) into: 600k stETH/rETH split, 400k tokenized T-bills, 200k kept as USDC on Arbitrum for grants
            - Execution by the treasury multisig `treasury.lumendao.eth` (4-of-7)
            - Max 10 ETH slippage budget across all swaps, TWAP over 5 days
            - Quarterly rebalancing report

            Full draft: https://forum.lumendao.org/t/lip-12-treasury-diversification/1204
            Please discuss in the thread 🧵
            """,
            pinned: true,
            embeds: [
                embed(
                    title: "LIP-12: Treasury diversification - Proposals - Lumen DAO Forum",
                    url: "https://forum.lumendao.org/t/lip-12-treasury-diversification/1204",
                    description: "Move 1.2M USDC of the stable reserve into ETH LSTs and tokenized T-bills, executed by the treasury multisig.",
                    color: "#0A84FF",
                    thumbnail: image("https://forum.lumendao.org/uploads/default/original/1X/lumen-logo.png", 512, 512))],
            reactions: [("🧵", crowd(5, "thr")), ("👀", crowd(9, "thr2"))])
        addThread("govthread", "Proposal #12 — treasury diversification", in: g, from: starter)
        g.say("theo", "Reading now. First reaction: 400k in T-bill tokens feels like a lot of counterparty risk", dt: 600)
        g.say("sofia", "Fair, let's keep the details in the thread so it stays in one place 🙏", dt: 90)

        g.at("2026-01-16 20:05:12.704")
        g.say("mira", "Temperature check for Proposal #12 closed: 64 👍 / 11 👎. Moving to Snapshot next Tuesday.")
        g.at("2026-01-20 18:00:31.007")
        g.say(
            "theo",
            "LIP-12 is on Snapshot. I'm voting FOR with the amendment (max 300k in T-bills). My 412,000 delegated LUMEN go FOR ✅")
        g.say(
            "amara",
            "Same, FOR. Rationale posted on the forum: https://forum.lumendao.org/t/lip-12-treasury-diversification/1204/47")
        g.say(
            "lukas",
            """
            AGAINST from me ❌ — not because of the idea but because stETH + rETH is 100% correlated ETH beta. \
            I'd rather keep more stables.
            """,
            dt: 300)
        g.say(
            "priya",
            "<@lukas> fair but you're also holding 1,240 ETH anyway, so the LSTs only add the staking yield on top?",
            dt: 140)
        g.say(
            "lukas",
            "No — the LST bucket is bought *with USDC*. That's new ETH exposure, not staking the ETH we already have.",
            dt: 95)
        g.say(
            "sofia",
            "Both correct, it's a judgement call. Current split = 600k LST. Lukas's position is a legit minority view.",
            dt: 160)
        g.say("newbie", "how do i vote?? i have like 40 LUMEN", dt: 1800)
        g.say("amara", "Snapshot link is pinned in <#announcements>. 40 LUMEN counts, every vote matters 🙂", dt: 120)
        g.say(
            "omar", "ABSTAIN from me, I work for a firm that issues T-bill tokens so I shouldn't vote on this one", dt: 900,
            reactions: [("🫡", crowd(6, "abst")), ("💯", ["sofia", "mira"])])
        g.at("2026-01-27 18:10:02.118")
        g.say("mira", "LIP-12 passed: 71.4% FOR, quorum reached. Execution starts next week, updates in the thread 🧵")
        g.say("dave", "ngl thought it would be closer <:wagmi:>", dt: 60)

        g.at("2026-02-06 13:22:50.519")
        let lip13 = g.say(
            "amara",
            """
            Drafting **LIP-13: delegate compensation v2**. Current idea:
            - $2,500/month base for delegates with >90% participation
            - +0.5 ETH per quarter for writing rationales on every vote
            - funded from the grants budget, not new emissions
            Feedback welcome before I post it on the forum.
            """)
        g.say(
            "theo",
            "As a delegate I'll recuse myself from voting on this, obviously. But +1 on rationales being paid work.",
            dt: 400, reply: lip13)
        g.say(
            "lukas", "$2,500/month × 12 delegates = $360k/year. That's more than the grants committee gets.", dt: 200,
            reply: lip13)
        g.say("amara", "<@lukas> good catch, I'll add a cap of $180k/year total and pro-rate", dt: 150, edited: 42)
        g.say(
            "natt", "Could there be a requirement to summarize calls for non-English speakers? 🙏 happy to help with Thai",
            dt: 700)
        g.say(
            "amara", "Love that <@natt>, adding a translation bounty section", dt: 120,
            reactions: [("❤️", ["natt", "yuki", "omar"])])
        g.at("2026-02-19 16:03:37.090")
        g.say(
            "sofia",
            """
            Compare with how ENS does steward comp (ens.eth working groups) — they publish an on-chain budget per term. \
            We could do the same from compensation.lumendao.eth.
            """)
        g.say("theo", "+1. Also EIP-1559 style: burn what isn't claimed each quarter? 😅", dt: 210)
        g.say("dave", "theo wants to burn delegate salaries, ser this is a DAO not a fee market <:ser:>", dt: 70)
        g.say("theo", "lmao ok maybe not burn. return to treasury.", dt: 55)
        g.say(
            "kenji",
            """
            FYI the indexer can track per-delegate participation now (v2), so the 90% rule is enforceable. \
            See lumen-dao/indexer#512
            """,
            dt: 1300)
        return starter
    }

    /// The Proposal #12 thread, started from `starter` in #governance.
    func writeGovThread(_ starter: Posted) {
        let t = channel("govthread")
        // The thread id is the starter message's id, so the thread clock starts at that message.
        // Its first message (type 21, "thread starter") refers back to the message in #governance.
        t.say(
            "sofia", "", dt: 41, kind: "21",
            ref: t.reference(to: .string(starter.id), in: channel("governance").id))
        t.at("2026-01-09 17:50:19.660")
        let q = t.say(
            "theo",
            "Counterparty risk on T-bill tokens: who is the issuer, what happens on a depeg, can we redeem on-chain?")
        t.say(
            "sofia",
            "Shortlist is two issuers, both with on-chain redemption and daily attestations. Comparison table in the forum post, section 4.",
            reply: q)
        t.say(
            "omar",
            "Disclosure: I work at one of the two issuers. I'll stay out of the vote but happy to answer factual questions.")
        t.say("lukas", "Why 600k in LSTs and not, say, 300k? The treasury already has 1,240 ETH.")
        t.say(
            "sofia", "The model targets ~35% ETH exposure overall. Chart attached.", dt: 260,
            files: [("lip12-allocation-model.png", 184_233)])
        t.say("priya", "the chart is super clear, thanks 🙏🏾")
        t.say("amara", "What's the unwind plan if we need the USDC back for grants in a hurry?", dt: 400)
        t.say(
            "sofia",
            """
            T-bills redeem T+1, LSTs via the withdrawal queue (days) or DEX (instant, with slippage). \
            The 200k USDC on Arbitrum is the buffer for exactly that.
            """,
            dt: 210)
        t.at("2026-01-10 08:41:03.002")
        t.say(
            "natt",
            "คำถามครับ: ถ้า stETH depeg เหมือนปี 2022 เราจะทำยังไง? (sorry — asking what happens if stETH depegs like in 2022)")
        t.say(
            "sofia",
            """
            Good question. We would not sell at a depeg; the 10 ETH slippage cap blocks forced selling. \
            We'd wait or use the withdrawal queue.
            """,
            dt: 500)
        t.say("natt", "ขอบคุณครับ 👍 makes sense", dt: 90)
        t.at("2026-01-11 19:20:47.366")
        let amend = t.say(
            "theo",
            """
            Proposed amendment: cap T-bill tokens at **300k**, move the extra 100k to the Arbitrum USDC buffer. \
            Seems like the main objection in this thread.
            """,
            pinned: true, reactions: [("👍", crowd(8, "amend")), ("👍🏽", ["amara", "omar"]), ("❌", ["lukas"])])
        t.say("sofia", "I'm fine with that. Will update the draft to v2 tonight.", dt: 300, reply: amend)
        t.say("lukas", "Still against the LST part but the amendment is an improvement 🤝", dt: 400)
        t.at("2026-01-12 09:05:11.590")
        t.say("sofia", "Draft v2 is up: https://forum.lumendao.org/t/lip-12-treasury-diversification/1204/31", edited: 1800)
        t.say("mira", "Temperature check starts now, ends Friday. React 👍 / 👎 on the forum post, not here please.", dt: 600)
        t.at("2026-01-28 10:14:09.998")
        t.say(
            "sofia",
            "Execution update 1: first USDC → T-bill tranche (100k) done. Tx: https://etherscan.io/tx/0x8f2d0c7e5b3a19d4c6e8f0a2b4d6e8f0a1c3e5f7a9b1d3f5e7c9a1b3d5f7e9a1")
        t.say("dave", "ser that's a lot of hex", dt: 80)
        t.at("2026-02-04 15:30:44.270")
        t.say(
            "sofia",
            "Execution update 2: LST swaps done via TWAP over 5 days. Total slippage 1.84 ETH of the 10 ETH budget ✅",
            reactions: [("🔥", crowd(6, "exec2")), ("💯", ["theo"])])
        t.say("theo", "1.84 ETH on 600k is great execution 👏", dt: 200)
        t.at("2026-02-21 11:00:21.005")
        t.say("sofia", "Final report posted. Closing this thread — thanks all, this was a model discussion 🫡", edited: 30)
    }
}
