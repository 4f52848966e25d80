import DBindFormats

extension LumenBuilder {
    /// #off-topic: memes, emoji sequences, stickers, spoilers.
    func writeOfftopic() {
        let o = channel("off-topic")
        o.at("2025-12-03 20:10:09.227")
        o.say("dave", "the market today 📉📉📉", files: [("SPOILER_chart.png", 120_458)])
        o.say("natt", "don't look at the chart, touch grass 🌍", dt: 60)
        o.say("dave", "grass is also red today 😭", dt: 40)
        o.say("carlos", "🤣🤣🤣", dt: 30)
        o.at("2025-12-08 12:30:44.806")
        o.say(
            "priya", "lunch: homemade ramen 🍜", files: [("IMG_20251208_123012.jpg", 2_455_091)],
            reactions: [("🍜", ["yuki", "kenji", "natt"]), ("😎", ["dave"])])
        o.say("yuki", "美味しそう！ 🍣 looks great", dt: 120)
        o.say("carlos", "tacos > ramen, fight me 🌮🌶️", dt: 90)
        o.say("priya", "both, obviously", dt: 45)
        o.at("2025-12-14 22:04:59.019")
        o.say("lukas", "what's everyone's setup? 👩‍💻🧑🏽‍💻 post your desks")
        o.say("kenji", "", dt: 200, files: [("desk.jpg", 1_803_442)])
        o.say("dave", "kenji's desk is cleaner than my codebase", dt: 60)
        o.say("priya", "mine is a kitchen table and a cat 🐸 wait that's a frog emoji", dt: 150)
        o.say("priya", "🙃", dt: 10)
        o.at("2025-12-24 18:00:00.000")
        o.say("mira", "Merry Christmas to those who celebrate 🎄✨ and happy holidays to everyone else!")
        o.say("amara", "Merry Christmas from Lagos 🎄🇳🇬", dt: 600)
        o.say("natt", "สุขสันต์วันคริสต์มาสครับ 🎄", dt: 900)
        o.at("2026-01-01 00:00:01.002")
        o.say("dave", "HAPPY NEW YEAR 🥳🥳🥳 wagmi <:wagmi:>", stickers: ["hype"])
        o.say("theo", "happy 2026 🎉", dt: 5)
        o.say("carlos", "feliz año nuevo 🥳", dt: 40)
        o.at("2026-01-15 14:20:17.880")
        let tw = "https://twitter.com/ethereum/status/1879565532901183790"
        o.say(
            "theo", tw,
            embeds: [
                embed(
                    title: "", url: tw, timestamp: "2026-01-15T14:02:11+00:00",
                    description: "Ten years of Ethereum mainnet, in photos 🧵", color: "#1DA1F2",
                    author: embedAuthor(
                        "Ethereum (@ethereum)", "https://twitter.com/ethereum",
                        "https://pbs.twimg.com/profile_images/1500000000000000000/eth_normal.jpg"),
                    image: image("https://pbs.twimg.com/media/GhAaaaaXoAA1.jpg", 1200, 800),
                    footer: embedFooter("Twitter", "https://abs.twimg.com/icons/apple-touch-icon-192x192.png"),
                    images: [
                        image("https://pbs.twimg.com/media/GhAaaaaXoAA1.jpg", 1200, 800),
                        image("https://pbs.twimg.com/media/GhAaaaaXoAA2.jpg", 1200, 800),
                        image("https://pbs.twimg.com/media/GhAaaaaXoAA3.jpg", 800, 1200)])])
        o.say("natt", "the 2015 photos 🥲", dt: 200)
        o.at("2026-01-24 16:44:08.110")
        o.say(
            "jules", "Pride month is in June but I'm already designing our booth banner 🏳️‍🌈 thoughts?",
            files: [("booth-banner-draft.png", 744_210)],
            reactions: [("🏳️‍🌈", crowd(6, "pride")), ("❤️‍🔥", ["amara", "priya"])])
        o.say("amara", "love the colors! maybe bigger logo?", dt: 300)
        o.say("jules", "on it ✨", dt: 60)
        o.at("2026-02-01 21:30:12.655")
        o.say("dave", "", stickers: ["catdance"])
        o.say("dave", "me after the LIP-12 execution report <:catjam:>", dt: 20)
        o.say("lukas", "👍🏿 👍🏻 👍🏽 skin tone gang", dt: 120)
        o.say("theo", "<:catjam:> <:catjam:> <:catjam:>", dt: 60)
        o.at("2026-02-09 11:11:11.111")
        o.say("hannah", "family trip this weekend 👨‍👩‍👧 no governance for me")
        o.say("mira", "enjoy! the DAO will survive 2 days 😂", dt: 300)
        o.at("2026-02-14 19:20:30.400")
        o.say("dave", "||I actually voted AGAINST LIP-12|| 🙈")
        o.say("theo", "the spoiler tag doesn't hide it from Snapshot ser 💀", dt: 60)
        o.say("dave", "", dt: 30, stickers: ["serpls"])
        o.at("2026-02-22 13:00:09.906")
        o.say("newbie", "which hardware wallet do you guys use?")
        o.say("rook", "any well-known one bought directly from the manufacturer. never second hand 🔒", dt: 240)
        o.say("kenji", "+1. and write the seed on paper/metal, never a photo 🧠", dt: 120)
        o.say("newbie", "👍🏽 ordering one today", dt: 300)
        o.at("2026-02-28 20:00:40.707")
        o.say("priya", "it's my birthday 🎂")
        o.say("natt", "HBD 🥳🎉", dt: 30)
        o.say("yuki", "お誕生日おめでとう！🎂", dt: 60)
        o.say("omar", "كل عام وأنت بخير 🎉", dt: 90)
        o.say("lukas", "Alles Gute! 🥨", dt: 45)
        o.say("priya", "you all are the best 🫶", dt: 200, reactions: [("❤️", crowd(7, "bday"))])
    }
}
