import DBindFormats

extension LumenBuilder {
    /// #welcome: the rules, join messages and sticker greetings.
    func writeWelcome() {
        let w = channel("welcome")
        w.at("2025-12-01 14:30:12.118")
        let rules = w.say(
            "mira",
            """
            # Welcome to Lumen DAO
            1️⃣ Be kind. Disagree with ideas, not people.
            2️⃣ No shilling, no price talk outside <#off-topic>.
            3️⃣ Mods and core team will **never** DM you first. Anyone who does is a scammer.
            4️⃣ Governance talk goes to <#governance>, questions to <#support>.
            5️⃣ English in the main channels please — other languages are welcome in threads.

            Grab the <@&Members> role by reacting with ✅ below.
            """,
            pinned: true, edited: 3600 * 20, reactions: [("✅", crowd(15, "rules"))])
        w.pinNotice("mira", rules, dt: 9)
        w.say("rook", "Rules are up, please read them before posting 🙏 Role reactions are live too.", dt: 120)
        w.at("2025-12-01 15:20:44.000")
        let jCarlos = w.join("carlos")
        w.say("mira", "", dt: 40, reply: jCarlos, stickers: ["wave"])
        w.at("2025-12-02 02:11:09.093")
        w.join("omar")
        w.say("omar", "Hello from Amman 🇯🇴 found you via the forum", dt: 75)
        w.at("2025-12-03 09:02:17.500")
        w.join("ivy")
        w.at("2025-12-05 03:14:15.926")
        w.join("yuki")
        w.say("yuki", "はじめまして！よろしくお願いします 🙏", dt: 42)
        w.say("kenji", "ようこそ <@yuki> さん！日本語の質問もいつでもどうぞ 🙂", dt: 310)
        w.at("2025-12-07 21:45:03.303")
        let jNew = w.join("newbie")
        w.say("dave", "", dt: 65, reply: jNew, stickers: ["wave"])
        w.say("newbie", "hi all!! excited to be here 🚀", dt: 50)
        w.at("2025-12-20 11:48:29.770")
        w.join("hannah")
        w.say("mira", "welcome <@hannah>! 👋 If you have questions about delegating, <#support> is the place.", dt: 300)
        w.say("hannah", "thanks! will do 🙂", dt: 90)
        w.at("2026-01-05 17:30:00.008")
        let jJules = w.join("jules")
        w.say("amara", "", dt: 200, reply: jJules, stickers: ["wave"])
        w.at("2026-01-12 06:12:51.246")
        let jMarco = w.join("marco")
        w.say("natt", "welcome <@marco> 👋🏼", dt: 600, reply: jMarco, ping: false)
        w.at("2026-02-24 22:02:38.612")
        w.join("bao")
        w.say("bao", "Xin chào from Hà Nội 🇻🇳 found you via the ETHDenver post", dt: 75)
        w.say("rook", "welcome <@bao>! Check out the new <#international> channel, it opens tomorrow 😎", dt: 140)
    }
}
