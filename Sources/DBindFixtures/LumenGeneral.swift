import DBindFormats

extension LumenBuilder {
    /// #general: chit-chat with interleaved conversations; forwards `holiday` from #announcements.
    func writeGeneral(_ holiday: Posted) {
        let g = channel("general")
        g.at("2025-12-02 07:58:13.442")
        g.say("dave", "gm <:gm:>")
        g.say("natt", "gm gm ☕", dt: 40)
        g.say("priya", "gm! did anyone else see the indexer release notes? delegate pages load instantly now", dt: 75)
        g.say("dave", "not released yet ser, that's next week", dt: 30)
        g.say("priya", "oh wait you're right, I was on staging 😅", dt: 25)
        g.say("theo", "gm. coffee first, governance later ☕", dt: 400)
        g.say("carlos", "gm from Mexico City 🇲🇽", dt: 200)

        // Two conversations interleaved: delegate turnout (theo/amara/sofia) and merch (lukas/dave/natt)
        g.at("2025-12-05 16:02:39.517")
        let t1 = g.say("theo", "Turnout on the last 5 votes was 9-12% of circulating supply. We need more active delegates.")
        let m1 = g.say("lukas", "random q: is the hoodie from the Lisbon meetup ever coming back? 👀", dt: 35)
        let t2 = g.say("amara", "Agree. Half the top-20 delegates haven't voted since September.", dt: 40, reply: t1)
        let m2 = g.say("dave", "<@lukas> I'd pay 0.05 ETH for that hoodie no questions asked", dt: 20)
        g.say(
            "sofia",
            "That's why cohort 3 will have a participation requirement. Inactive delegates get a nudge, then removal from the list.",
            dt: 60, reply: t2)
        g.say("natt", "+1 for hoodie. size M please 🙏", dt: 30, reply: m1, ping: false)
        g.say("theo", "removal from the list is good. can't force anyone to undelegate though", dt: 45)
        g.say("lukas", "<@dave> 0.05 ETH lol, it's a hoodie not an NFT", dt: 35)
        g.say("dave", "everything is an NFT if you believe 🦄", dt: 25, reply: m2)
        g.say("amara", "We could show 'last voted' on the delegate page. Social pressure works 😅", dt: 55)
        g.say("mira", "Merch: yes, we're doing a small run in January. I'll post a form in <#announcements>.", dt: 150)
        g.say("lukas", "🎉", dt: 20)

        g.at("2025-12-12 21:33:04.001")
        let w = g.say("newbie", "wen token price go up")
        g.say(
            "dave", "wen you read the rules 💀", dt: 30, reply: w,
            reactions: [("💀", crowd(5, "wen")), ("😂", ["natt", "carlos"])])
        g.say("rook", "<@newbie> price talk is for <#off-topic> please. Rule 2 🙂", dt: 90)
        g.say("newbie", "oops sorry, new here", dt: 40)
        g.say("rook", "no worries! welcome 👋", dt: 25)

        g.at("2025-12-22 12:08:59.330")
        g.say("carlos", "happy holidays everyone 🎄")
        g.say("theo", "", dt: 600, forward: holiday)
        g.say("theo", "^ reminder: no calls for two weeks", dt: 12)
        g.say("natt", "enjoy the break team 🙌", dt: 300)

        g.at("2025-12-27 15:40:12.330")
        g.say(
            "amara",
            "Year-in-review time: 14 LIPs in 2025, 11 passed, 2 failed, 1 withdrawn. Dashboard: https://dune.com/lumendao/governance-2025",
            embeds: [
                embed(
                    title: "Lumen DAO Governance 2025", url: "https://dune.com/lumendao/governance-2025",
                    description: "Proposals, turnout and delegate participation for Lumen DAO in 2025.",
                    thumbnail: image("https://dune.com/api/og/dashboard/lumendao/governance-2025.png", 1200, 630))])
        g.say("theo", "average turnout 11.3% 😬 we can do better", dt: 240)
        g.say("lukas", "which one was withdrawn?", dt: 120)
        g.say("amara", "LIP-7, the LUMEN buyback. Author pulled it after the forum discussion", dt: 90)
        g.say("dave", "rip buyback, gone but not forgotten 🫡", dt: 30)

        g.at("2026-01-08 18:25:40.555")
        g.say("amara", "Great call today! Recording is up:")
        let yt = "https://www.youtube.com/watch?v=Lm3nD4oC4ll"
        g.say(
            "amara", yt, dt: 8,
            embeds: [
                embed(
                    title: "Lumen DAO Community Call — January 8, 2026", url: yt,
                    description: "Agenda: Proposal #12 treasury diversification, indexer v2 timeline, delegate cohort 3.",
                    color: "#FF0000", author: embedAuthor("Lumen DAO", "https://www.youtube.com/@lumendao"),
                    thumbnail: image("https://i.ytimg.com/vi/Lm3nD4oC4ll/maxresdefault.jpg", 1280, 720),
                    video: image("https://www.youtube.com/embed/Lm3nD4oC4ll", 1280, 720, proxy: false))])
        g.say("lukas", "thanks! missed the first 20 min", dt: 120)
        g.say("priya", "timestamps for the treasury part would be nice 🙏", dt: 60)
        g.say("amara", "12:40 Proposal #12, 31:05 indexer v2, 48:30 cohort 3", dt: 200, edited: 20)

        // Interleaved again: Proposal #12 opinions vs a hackathon question
        g.at("2026-01-14 14:01:12.086")
        let p = g.say("lukas", "Honest question: why diversify into LSTs at all? ETH is already most of the treasury.")
        let h = g.say("priya", "is the DAO sponsoring any hackathons this year? ETHGlobal maybe?", dt: 25)
        g.say(
            "theo", "The LST bucket is bought with USDC, it's not restaking existing ETH. Different risk.", dt: 50,
            reply: p)
        g.say(
            "kenji", "<@priya> yes! ETHGlobal Taipei + a smaller one in Lagos 🇳🇬 budget is in LIP-9", dt: 40, reply: h,
            ping: false)
        g.say("lukas", "<@theo> that's my point, it *adds* ETH exposure", dt: 45)
        g.say("priya", "nice, I'd love to mentor in Lagos", dt: 30)
        g.say(
            "sofia", "Both views are in the thread under <#governance>, let's continue there so it doesn't get lost 🧵",
            dt: 90)
        g.say("kenji", "<@priya> I'll put you in touch with <@amara>, she's running the Lagos side", dt: 60)
        g.say(
            "amara", "🙌 DM me <@priya>... just kidding, ping me here, we don't do DMs 😅", dt: 80,
            reactions: [("😂", crowd(4, "dm"))])

        g.at("2026-01-22 06:02:33.771")
        g.say("omar", "صباح الخير (that's gm in Arabic) <:gm:>")
        g.say("natt", "อรุณสวัสดิ์ครับ (gm in Thai) ☕", dt: 60)
        g.say("yuki", "おはようございます！(gm in Japanese) 🌍", dt: 45)
        g.say("sofia", "¡Buenos días! this is the best gm thread so far", dt: 200)
        g.say("dave", "gm is the universal language <:gm:> <:wagmi:>", dt: 30)

        g.at("2026-01-30 20:14:51.901")
        g.say("dave", "", dt: 0, kind: "8")
        g.say("mira", "thank you for the boost <@dave>! 💎", dt: 70)
        g.say("dave", "we're level 2 now, custom stickers unlocked <:catjam:>", dt: 45)

        // Interleaved: follow-up on the scam wave vs. Lagos hackathon planning
        g.at("2026-02-05 19:30:10.250")
        let s1 = g.say("hannah", "got a DM from \"Lumen Support\" again today, different account this time")
        let l1 = g.say("amara", "Lagos hackathon update: venue confirmed, 120 hackers registered 🇳🇬", dt: 20)
        g.say(
            "rook", "<@hannah> thanks, send me the username and I'll report it to Discord trust & safety", dt: 50,
            reply: s1)
        g.say("priya", "120! do we have enough mentors? I can do smart contracts + indexer", dt: 35, reply: l1)
        g.say("hannah", "it's lumen_support_desk2. they even copied Mira's avatar", dt: 40)
        g.say("amara", "<@priya> we have 6, need ~10. adding you 🙌", dt: 30)
        g.say("rook", "banned from here as well. thanks for reporting 🙏", dt: 110)
        g.say("kenji", "I can mentor remotely for the indexer track", dt: 45)
        g.say("mira", "also turned on DM-spam filtering for new members, should help a bit", dt: 90)
        g.say("amara", "<@kenji> perfect, Saturday 10:00 WAT works?", dt: 60)
        g.say("kenji", "works 👍", dt: 20)

        g.at("2026-02-12 10:40:03.114")
        let gh1 = g.say("ghost", "does anyone know if the indexer API has rate limits? getting 429s", edited: 600)
        g.say("kenji", "60 req/min per IP on the public endpoint. Use an API key for more", dt: 300, reply: gh1)
        let gh2 = g.say("ghost", "where do I get a key", dt: 120)
        g.say("kenji", "https://docs.lumendao.org/api/keys — it's free", dt: 90, reply: gh2)
        g.at("2026-02-14 09:00:29.662")
        g.say("natt", "happy valentine's to everyone, even the AGAINST voters ❤️")
        g.say("lukas", "❤️ right back", dt: 300)
        g.say("dave", "my valentine is the 72h shadow-run diff", dt: 200)

        g.at("2026-02-20 18:30:07.773")
        g.say("lukas", "Bin nächste Woche in Berlin — jemand beim ETHBerlin-Meetup am Donnerstag? 🥨")
        g.say("mira", "<@lukas> english in the main channels please 🙂 <#international> opens next week!", dt: 240)
        g.say("lukas", "sorry! anyone in Berlin next Thursday for the meetup? 🇩🇪", dt: 60)
        g.say("theo", "I'll be there! 🍻", dt: 180)
        g.say("jules", "can't make Berlin but see you all at ETHDenver 🏳️‍🌈", dt: 400)
        g.say("hannah", "first time going to a crypto event, any tips?", dt: 120)
        g.say("theo", "bring a power bank and don't sign anything on public wifi 😎", dt: 50)
        g.say("dave", "and don't scan random QR codes on stickers 💀", dt: 40)
        g.say("hannah", "noted 📝", dt: 30)

        g.at("2026-02-27 13:12:14.003")
        g.say(
            "amara", "Denver recap: 42 people at the delegate meetup, 9 new delegate applications 🔥",
            files: [("denver-meetup.jpg", 2_904_118), ("denver-meetup-2.jpg", 3_117_590)],
            reactions: [("🔥", crowd(10, "denver")), ("🦄", ["dave", "jules"])])
        g.say("jules", "that was so much fun. also met <@kenji> IRL, he does exist", dt: 300)
        g.say("kenji", "unconfirmed", dt: 90)
    }
}
