import DBindCore
import Testing

@Suite struct TextNormalizerTests {
    @Test(arguments: [
        ("📢┃announcements", ["announcements"]),
        ("╭・general", ["general"]),
        ("💬｜雑談", ["雑談"]),
        ("│dev_chat│", ["dev", "chat"]),
        ("ｇｅｎｅｒａｌ－ｃｈａｔ", ["general", "chat"]),
        ("𝐮𝐩𝐝𝐚𝐭𝐞𝐬", ["updates"]),
        ("ᴀɴɴᴏᴜɴᴄᴇᴍᴇɴᴛs", ["announcements"]),
        ("🇬🇪🇳🇪🇷🇦🇱", ["general"]),
        ("Ankündigungen", ["ankundigungen"]),
        ("ОБЩИЙ-чат", ["общии", "чат"]),
        ("GeneralChat", ["general", "chat"]),
    ])
    func namesNormalise(_ name: String, _ expected: [String]) {
        #expect(TextNormalizer.normalize(name, splitCamelCase: true).tokens == expected)
    }

    @Test func runningTextKeepsCamelCaseWords() {
        #expect(TextNormalizer.normalize("JavaScript rocks").tokens == ["javascript", "rocks"])
    }

    @Test func stemsFoldPluralsOnly() {
        #expect(TextNormalizer.stem("announcements") == "announcement")
        #expect(TextNormalizer.stem("memories") == "memory")
        #expect(TextNormalizer.stem("patches") == "patch")
        #expect(TextNormalizer.stem("status") == "status")
        #expect(TextNormalizer.stem("class") == "class")
        #expect(TextNormalizer.stem("bot") == "bot")
        #expect(TextNormalizer.stem("анонсы") == "анонсы")
        #expect(TextNormalizer.stem("boxes") == "box" && TextNormalizer.stem("lies") == "lie" && TextNormalizer.stem("bus") == "bus")
        // Lengths count characters: CR LF is one, so `a\r\ns` is too short to lose its `s`.
        #expect(TextNormalizer.stem("a\r\ns") == "a\r\ns" && TextNormalizer.stem("ab\r\ns") == "ab\r\n")
        #expect(TextNormalizer.normalize("Memories of BOXES, patches").stems == ["memory", "of", "box", "patch"])
    }
}

@Suite struct TermSetTests {
    func name(_ text: String) -> NormalizedText { TextNormalizer.normalize(text, splitCamelCase: true) }

    @Test func pluralsAndPrefixesMatch() {
        let terms = TermSet(["rule", "announce*", "объявлени*"])
        #expect(terms.matches(name("📜-rules")))
        #expect(terms.matches(name("announcements")))
        #expect(terms.matches(name("объявления")))
        #expect(!terms.matches(name("general")))
    }

    @Test func phrasesMatchConsecutiveWordsOrTheirGluedForm() {
        let terms = TermSet(["off topic"])
        #expect(terms.matches(name("off-topic")))
        #expect(terms.matches(name("offtopic"), compounds: true))
        #expect(!terms.matches(name("offtopic")))
        #expect(!terms.matches(name("topic-off")))
    }

    @Test func gluedWordsNeedARealRemainder() {
        let terms = TermSet(["rule", "vent", "general"])
        #expect(terms.matches(name("serverrules"), compounds: true))
        #expect(terms.matches(name("generalchat"), compounds: true))
        #expect(!terms.matches(name("events"), compounds: true))
        #expect(!terms.matches(name("serverrules")))
    }

    @Test func scriptsWithoutSpacesMatchAsSubstrings() {
        let terms = TermSet(["公告", "お知らせ"])
        #expect(terms.matches(name("📢官方公告频道")))
        #expect(terms.matches(name("🔔お知らせ")))
        #expect(!terms.matches(name("雑談")))
    }

    @Test func gazetteerReferencesExpand() {
        let terms = TermSet(["@thanks", "cheers"], gazetteers: ["thanks": ["thank you", "thx"]])
        #expect(terms.matches(TextNormalizer.normalize("ok thank you so much")))
        #expect(terms.matches(TextNormalizer.normalize("Thx!")))
        #expect(terms.matches(TextNormalizer.normalize("cheers mate")))
        #expect(!terms.matches(TextNormalizer.normalize("thanksgiving dinner")))
    }

    @Test func startsOnlyAtTheBeginning() {
        let terms = TermSet(["good morning", "hi"])
        #expect(terms.matchesAtStart(TextNormalizer.normalize("Good morning everyone!")))
        #expect(terms.matchesAtStart(TextNormalizer.normalize("hi")))
        #expect(!terms.matchesAtStart(TextNormalizer.normalize("I said hi")))
    }

    @Test func globs() {
        #expect(Glob.matches("*-chat", "dev-chat"))
        #expect(Glob.matches("ann*", "announcements"))
        #expect(Glob.matches("gen?ral", "general"))
        #expect(!Glob.matches("*-chat", "chat-dev"))
        #expect(Glob.matches("*", ""))
    }
}

@Suite struct ThresholdTests {
    @Test func boundsAndInclusivity() {
        let between = Threshold(lower: 0.2, lowerInclusive: false, upper: 0.8)
        #expect(!between.accepts(0.2))
        #expect(between.accepts(0.21))
        #expect(between.accepts(0.8))
        #expect(!between.accepts(0.81))
        #expect(between.description == "> 0.2 and <= 0.8")
        #expect(Threshold(lower: 5, upper: 5).description == "== 5")
        #expect(Threshold(upper: 3, upperInclusive: false).description == "< 3")
    }

    @Test("a range is decided only when every value in it gets the same answer")
    func rangesDecideEarly() {
        let between = Threshold(lower: 0.2, lowerInclusive: false, upper: 0.8)
        #expect(between.decides(0.3...0.7) == true)
        #expect(between.decides(0.81...0.9) == false)
        #expect(between.decides(0.0...0.2) == false, "0.2 itself is excluded")
        #expect(between.decides(0.1...0.5) == nil)
        #expect(between.decides(0.5...0.9) == nil)
        #expect(between.decides(0.1...0.9) == nil, "both ends rejected, the middle accepted")
        let atLeast = Threshold(lower: 0.35)
        #expect(atLeast.decides(0.35...1) == true && atLeast.decides(0...0.34) == false && atLeast.decides(0.3...0.4) == nil)
    }

    @Test func confidenceCombinesEvidence() {
        #expect(TagEvaluation.confidence(weights: [0.8]) == 0.8)
        #expect(abs(TagEvaluation.confidence(weights: [0.8, 0.5]) - 0.9) < 1e-9)
        #expect(abs(TagEvaluation.confidence(weights: [0.8, -0.5]) - 0.4) < 1e-9)
        #expect(TagEvaluation.confidence(weights: [-0.5]) == 0)
    }
}

@Suite struct ExtractionAnalyzerTests {
    /// The classifier's default: the text stage's detectors.
    let analyzer = Classifier(schema: TagSchema(name: "empty", version: "0")).analyzer

    @Test(arguments: [
        ("how do I stake", true), ("is the bridge down?", true), ("¿Cómo cambio mi correo?", true),
        ("ログインできません、どうすればいいですか？", true), ("anyone know a good wallet", true),
        ("thanks, that worked", false), ("check https://x.io/?a=1", false), ("is", false),
    ])
    func questions(_ text: String, _ expected: Bool) {
        #expect(analyzer.isQuestion(text) == expected)
        #expect(analyzer.isQuestion(text) == !QuestionDetector().detect(text).isEmpty, "one detector")
    }

    @Test func entities() {
        let found = analyzer.entities(in: "<@123456789012345678> $ETH hit 3k, +12% today, see https://x.io at 17:00 UTC 0x52908400098527886E0F7030069857D2E4169EE7")
        let kinds = Set(found.map(\.kind))
        #expect(kinds.isSuperset(of: ["mention", "cashtag", "percent", "url", "time", "address"]), "\(found)")
        #expect(found.first { $0.kind == "cashtag" }?.text == "$ETH")
    }
}
