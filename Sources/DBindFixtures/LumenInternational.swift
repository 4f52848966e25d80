import DBindFormats

extension LumenBuilder {
    /// #international: Japanese, Thai, Arabic, German and Spanish.
    func writeInternational() {
        let i = channel("international")
        i.at("2026-02-25 12:03:10.006")
        i.say("mira", "Welcome to <#international> 🌍 Same rules as everywhere else. Have fun!")
        i.at("2026-02-26 03:40:22.919")
        let y1 = i.say("yuki", "こんにちは！日本のメンバーいますか？🇯🇵")
        i.say("kenji", "いますよ〜 大阪在住です 🍜", dt: 400, reply: y1)
        i.say("yuki", "よかった！提案#12の日本語まとめを作ってみました。間違いがあったら教えてください。", dt: 600, files: [("LIP-12_summary_ja.pdf", 233_190)])
        i.say("kenji", "ありがとうございます！とても分かりやすいです。一点だけ：T-billの上限は修正案で30万ドルになりました。", dt: 1200, edited: 65)
        i.say("yuki", "あ、本当だ！直しておきます 🙏", dt: 300)
        i.at("2026-02-26 10:15:02.600")
        i.say("natt", "สวัสดีครับ มีคนไทยอยู่ในนี้ไหมครับ 🇹🇭")
        i.say("natt", "ผมอยู่กรุงเทพครับ ทำงานเป็น developer", dt: 120)
        i.say("sofia", "<@natt> no Thai speakers yet I think, but welcome! 🙂", dt: 1500)
        i.say(
            "natt", "ขอบคุณครับ 🙏 I'll translate the delegate guide to Thai then", dt: 300,
            reactions: [("❤️", ["sofia", "amara", "mira"])])
        i.at("2026-02-26 17:02:45.511")
        let o1 = i.say("omar", "مرحبا بالجميع! هل يوجد أعضاء من الأردن أو مصر أو المغرب؟")
        i.say("omar", "أنا من عمّان 🇯🇴 وأعمل في مجال التمويل اللامركزي", dt: 90)
        i.say("amara", "<@omar> I don't speak Arabic, but 👋 from Lagos!", dt: 700)
        i.say("omar", "Lagos! I'll be at the hackathon there 🔥 — شكرا على الترحيب", dt: 240)
        i.say("omar", "سأترجم ملخص المقترح رقم 12 إلى العربية هذا الأسبوع إن شاء الله", dt: 600, reply: o1, ping: false)
        i.at("2026-02-27 08:30:19.044")
        let l1 = i.say("lukas", "Servus zusammen! Gibt's hier noch andere aus dem DACH-Raum? 🇩🇪🇦🇹")
        i.say(
            "lukas",
            "Wir organisieren am 12. März ein kleines Treffen in Wien. Budget aus dem Community-Topf: 500\u{00A0}€", dt: 60)
        i.say("sofia", "Ich bin zwar aus Madrid, aber ich lese mit 😄 Viel Spaß in Wien!", dt: 800, reply: l1)
        i.say("lukas", "Danke Sofía! Falls du in der Nähe bist: Schnitzel geht auf die DAO 😎", dt: 200)
        i.at("2026-02-27 19:45:33.381")
        let c1 = i.say("carlos", "¡Hola a todos! ¿Alguien más de Latinoamérica? 🇲🇽")
        i.say(
            "sofia", "¡Hola Carlos! Yo soy de España 🇪🇸 pero tenemos varios miembros en Argentina y Brasil 🇦🇷🇧🇷", dt: 300,
            reply: c1)
        i.say("carlos", "¡Genial! ¿Habrá alguna llamada comunitaria en español?", dt: 200)
        i.say(
            "sofia",
            """
            Buena idea. Lo propongo en la próxima llamada. Mientras tanto, el resumen del Proposal #12 en español está aquí: \
            https://forum.lumendao.org/t/lip-12-resumen-en-espanol/1288
            """,
            dt: 400)
        i.say("carlos", "¡Mil gracias! 🙌", dt: 60)
        i.at("2026-02-28 05:05:05.505")
        i.say("yuki", "<@&日本語> の皆さん、来週の木曜日に日本語でボイスチャットしませんか？🗓️")
        i.say("kenji", "いいですね！参加します", dt: 900)
        i.say("natt", "ฟังไม่เข้าใจแต่ขอเชียร์ครับ 😂 (can't understand but cheering)", dt: 600)
    }
}
