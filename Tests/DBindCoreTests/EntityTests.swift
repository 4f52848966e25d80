import DBindCore
import Foundation
import Synchronization
import Testing

/// Entities as (text, type, value) triples.
func entities(_ text: String, _ extractor: EntityExtractor = EntityExtractor()) -> [(String, String, String)] {
    let scalars = Array(text.unicodeScalars)
    return extractor.extract(text).map {
        (String(String.UnicodeScalarView(scalars[$0.start..<$0.end])), $0.type.rawValue, $0.value)
    }
}

func has(_ found: [(String, String, String)], _ text: String, _ type: String, _ value: String? = nil) -> Bool {
    found.contains { $0.0 == text && $0.1 == type && (value == nil || $0.2 == value) }
}

@Suite("Entities")
struct EntityTests {
    @Test("Discord mentions carry ids; emoji carry names")
    func mentions() {
        let found = entities("<@!123> <@&456> <#789> @everyone <a:party:42> 👍🏽 :fire: <t:1700000000:R>")
        #expect(has(found, "<@!123>", "USER", "123"))
        #expect(has(found, "<@&456>", "ROLE", "456"))
        #expect(has(found, "<#789>", "CHANNEL", "789"))
        #expect(has(found, "@everyone", "ROLE", "everyone"))
        #expect(has(found, "<a:party:42>", "EMOJI", "party:42"))
        #expect(has(found, "👍🏽", "EMOJI"))
        #expect(has(found, ":fire:", "EMOJI", "fire"))
        #expect(has(found, "<t:1700000000:R>", "DATE", "2023-11-14T22:13:20.000Z"))
    }

    @Test("The gazetteer resolves rendered mentions with spaces, channels and addressees")
    func gazetteer() {
        let gazetteer = Gazetteer(
            authors: [Author(id: Snowflake(11), name: "janedoe", nickname: "Jane Doe 🌸")],
            roles: [Role(id: Snowflake(22), name: "Core Team")],
            channels: [Channel(id: Snowflake(33), guildID: Snowflake(1), type: "GuildTextChat", name: "dev-chat")]
        )
        let extractor = EntityExtractor(gazetteer: gazetteer)
        let found = entities("@Jane Doe 🌸 ask @Core Team in #dev-chat", extractor)
        #expect(has(found, "@Jane Doe 🌸", "USER", "11"))
        #expect(has(found, "@Core Team", "ROLE", "22"))
        #expect(has(found, "#dev-chat", "CHANNEL", "33"))
        #expect(has(entities("janedoe: try again", extractor), "janedoe", "USER", "11"))
        #expect(!has(entities("try janedoe again", extractor), "janedoe", "USER"))
        #expect(has(entities("#random stuff", extractor), "#random", "HASHTAG", "random"))
    }

    @Test("Among many members sharing their first letters, the longest name that ends at a word boundary wins, case-folded")
    func gazetteerPrefixes() {
        let authors = (1...2000).map { Author(id: Snowflake(UInt64($0)), name: "user\($0)", nickname: "Member \($0)") }
        let extractor = EntityExtractor(gazetteer: Gazetteer(authors: authors))
        let found = entities("@user12 and @USER1999 ask @Member 204 and @user12x", extractor)
        #expect(has(found, "@user12", "USER", "12"))
        #expect(has(found, "@USER1999", "USER", "1999"))
        #expect(has(found, "@Member 204", "USER", "204"))
        let loose = entities("see @user12x now", extractor)
        #expect(!loose.contains { $0.1 == "USER" && ($0.2 == "12" || $0.2 == "1") }, "a name must not run into a letter: \(loose)")
        #expect(has(entities("user1500: try again", extractor), "user1500", "USER", "1500"))
    }

    @Test("URLs, domains and e-mail addresses")
    func web() {
        let found = entities("docs at https://Example.com/Path?x=1, mirror ubuntu.com and help@ubuntu.com.")
        #expect(has(found, "https://Example.com/Path?x=1", "URL", "https://example.com/Path?x=1"))
        #expect(has(found, "ubuntu.com", "DOMAIN", "ubuntu.com"))
        #expect(has(found, "help@ubuntu.com", "EMAIL"))
    }

    @Test("Money, percentages and tickers", arguments: [
        ("$5k", "MONEY", "5000 USD"), ("10 ETH", "MONEY", "10 ETH"), ("1.2M USDC", "MONEY", "1200000 USDC"),
        ("€ 3,500.50", "MONEY", "3500.5 EUR"), ("5 bucks", "MONEY", "5 USD"), ("12.5%", "PERCENT", "12.5"),
        ("$ETH", "CASHTAG", "ETH"), ("BTC", "TICKER", "BTC"),
    ])
    func money(text: String, type: String, value: String) {
        #expect(has(entities("price: \(text) today?"), text, type, value))
    }

    @Test("Dates and times, absolute and relative", arguments: [
        ("2024-03-05", "DATE", "2024-03-05"), ("March 5th, 2024", "DATE", "2024-03-05"), ("5 March 2024", "DATE", "2024-03-05"),
        ("25/12/2023", "DATE", "2023-12-25"), ("tomorrow", "DATE", "+P1D"), ("next week", "DATE", "+week"),
        ("3 days ago", "DATE", "-P3D"), ("in 10 minutes", "TIME", "+PT10M"), ("10:30pm", "TIME", "22:30"),
        ("5 pm UTC", "TIME", "17:00 UTC"), ("Friday", "DATE", "friday"),
    ])
    func dates(text: String, type: String, value: String) {
        #expect(has(entities("see you \(text) then"), text, type, value), "\(entities("see you \(text) then"))")
    }

    @Test("Crypto identifiers, versions, proposals and GitHub references", arguments: [
        ("0x742d35Cc6634C0532925a3b844Bc454e4438f44e", "CRYPTO_ADDRESS", "0x742d35cc6634c0532925a3b844bc454e4438f44e"),
        ("0x" + String(repeating: "ab", count: 32), "TX_HASH", "0x" + String(repeating: "ab", count: 32)),
        ("my-dao.eth", "CRYPTO_ADDRESS", "my-dao.eth"),
        ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "CRYPTO_ADDRESS", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
        ("v2.0.1-rc.1", "VERSION", "2.0.1-rc.1"), ("1.14.2", "VERSION", "1.14.2"),
        ("EIP-1559", "PROPOSAL", "EIP-1559"), ("erc20", "PROPOSAL", "ERC-20"), ("Proposal #12", "PROPOSAL", "PROPOSAL-12"),
        ("rust-lang/cargo#4567", "GITHUB_REF", "rust-lang/cargo#4567"),
    ])
    func identifiers(text: String, type: String, value: String) {
        #expect(has(entities("check \(text) now"), text, type, value), "\(entities("check \(text) now"))")
    }

    @Test("Look-alikes are not entities", arguments: [
        "192.168.1.1", "version two", "setup.py", "$PATH", "ratio 16:9", "the OP said", "1.2 things", "may 5",
    ])
    func lookAlikes(text: String) {
        let found = entities(text)
        #expect(!found.contains { ["VERSION", "DOMAIN", "URL", "CASHTAG", "TIME", "TICKER", "DATE"].contains($0.1) }, "\(found)")
    }

    @Test("Code wins over what it contains; spans never overlap")
    func code() {
        let found = entities("run `curl https://x.io/$5k` now, ```\nprice = 10 ETH\n```")
        #expect(found.map(\.1) == ["CODE", "CODE"])
        #expect(found.first?.2 == "curl https://x.io/$5k")
    }
}

@Suite("EntityRuler")
struct EntityRulerTests {
    func spans(_ patterns: [EntityPattern], _ text: String) throws -> [String] {
        Self.spans(try EntityRuler(patterns: patterns), text)
    }

    /// `TYPE:text` for each match of `ruler` in `text`.
    static func spans(_ ruler: EntityRuler, _ text: String) -> [String] {
        let tokenized = Tokenizer.chat.tokenize(text)
        return ruler.matches(in: tokenized).map { "\($0.type.rawValue):\(tokenized.buffer.slice($0.start, $0.end))" }
    }

    @Test("Phrase patterns match token sequences exactly")
    func phrases() throws {
        let patterns = [EntityPattern(label: "OS", body: .phrase("Ubuntu Linux")), EntityPattern(label: "OS", body: .phrase("Ubuntu"))]
        #expect(try spans(patterns, "I run Ubuntu Linux and ubuntu and Ubuntu.") == ["OS:Ubuntu Linux", "OS:Ubuntu"])
    }

    /// Token patterns with every operator, a negated step, a comparison and a REGEX with NOT_IN.
    static let operatorPatterns: [EntityPattern] = {
        let lower = { (text: String) in TokenPattern.Constraint(attribute: .lower, predicate: .equals(.string(text))) }
        let digit = TokenPattern.Constraint(attribute: .isDigit, predicate: .equals(.bool(true)))
        return [
            EntityPattern(label: "VER", body: .tokens([TokenPattern(constraints: [lower("python")]),
                                                      TokenPattern(constraints: [digit], quantifier: .oneOrMore)])),
            EntityPattern(label: "LANG", body: .tokens([TokenPattern(constraints: [lower("python")])])),
            EntityPattern(label: "NOTX", body: .tokens([
                TokenPattern(constraints: [lower("no")]),
                TokenPattern(constraints: [lower("x")], quantifier: .not),
                TokenPattern(constraints: [TokenPattern.Constraint(attribute: .length, predicate: .compare(.greaterOrEqual, 4))],
                             quantifier: .optional),
            ])),
            EntityPattern(label: "RX", body: .tokens([TokenPattern(constraints: [
                TokenPattern.Constraint(attribute: .text, predicate: .regex("^[A-Z]{2}\\d$")),
                TokenPattern.Constraint(attribute: .text, predicate: .notIn([.string("AB1")])),
            ])])),
        ]
    }()

    @Test("Token patterns with operators; the longest match wins")
    func tokens() throws {
        #expect(try spans(Self.operatorPatterns, "Python 3 and python, no way here, XY1 AB1")
                == ["VER:Python 3", "LANG:python", "NOTX:no way here", "RX:XY1"])
    }

    /// Patterns whose first step is optional, repeated or negated, and a phrase: where they may
    /// start is remembered per token, like the verdicts.
    static let openingPatterns: [EntityPattern] = {
        let lower = { (text: String) in TokenPattern.Constraint(attribute: .lower, predicate: .equals(.string(text))) }
        let digit = TokenPattern.Constraint(attribute: .isDigit, predicate: .equals(.bool(true)))
        return [
            EntityPattern(label: "OPT", body: .tokens([TokenPattern(constraints: [lower("the")], quantifier: .optional),
                                                      TokenPattern(constraints: [lower("kernel")])])),
            EntityPattern(label: "STAR", body: .tokens([TokenPattern(constraints: [digit], quantifier: .zeroOrMore),
                                                       TokenPattern(constraints: [lower("mb")])])),
            EntityPattern(label: "NOT", body: .tokens([TokenPattern(constraints: [lower("no")], quantifier: .not),
                                                      TokenPattern(constraints: [lower("problem")])])),
            EntityPattern(label: "OS", body: .phrase("Ubuntu Linux")),
        ]
    }()

    @Test("Patterns opening with an optional, repeated or negated step, and phrases, match the same cold and warm")
    func openingSteps() throws {
        let text = "the kernel and kernel, 512 MB 1 2 mb, big problem no problem, Ubuntu Linux"
        let expected = ["OPT:the kernel", "OPT:kernel", "STAR:512 MB", "STAR:1 2 mb", "NOT:big problem", "OS:Ubuntu Linux"]
        let ruler = try EntityRuler(patterns: Self.openingPatterns)
        #expect(Self.spans(ruler, text) == expected)
        #expect(Self.spans(ruler, text) == expected)
        #expect(Self.spans(ruler, "ubuntu linux no kernel") == ["OPT:kernel"])
    }

    @Test("A text of more distinct tokens than the lexicon's first table holds matches the same cold and warm")
    func lexiconGrows() throws {
        let text = (0..<15_000).map { "w\($0)" }.joined(separator: " ") + " python 3 XY1"
        let shared = try EntityRuler(patterns: Self.operatorPatterns)
        let cold = Self.spans(shared, text)
        #expect(cold == ["VER:python 3", "RX:XY1"])
        #expect(Self.spans(shared, text) == cold)
    }

    @Test("Verdicts remembered by token change no match: one ruler over many texts, cold, warm and on several threads, finds what a fresh ruler finds in each")
    func rememberedVerdicts() throws {
        let texts = ["Python 3 and python, no way here, XY1 AB1", "no python 3 3 here", "XY1 no x way", "way here no AB1 XY1 python",
                     "PYTHON 33 no WAY", "here no here XY1XY1 AB1 3"]
        let fresh = try texts.map { try spans(Self.operatorPatterns, $0) }
        let shared = try EntityRuler(patterns: Self.operatorPatterns)
        let run = { @Sendable (text: String) -> [String] in Self.spans(shared, text) }
        #expect(texts.map(run) == fresh)
        #expect(texts.reversed().map(run) == fresh.reversed())
        let results = Mutex<[Int: [String]]>([:])
        DispatchQueue.concurrentPerform(iterations: 60) { i in
            let found = run(texts[i % texts.count])
            results.withLock { $0[i] = found }
        }
        #expect(results.withLock { $0 }.allSatisfy { $0.value == fresh[$0.key % texts.count] })
    }

    @Test("Verdicts are remembered by a token's scalars: a decomposed spelling is not taken for the composed one it equals as a Swift string")
    func rememberedByScalars() throws {
        let fourLong = EntityPattern(label: "FOUR", body: .tokens([TokenPattern(constraints: [
            TokenPattern.Constraint(attribute: .length, predicate: .compare(.equal, 4)),
        ])]))
        let ruler = try EntityRuler(patterns: [fourLong])
        let found: (String) -> Int = { ruler.matches(in: Tokenizer.chat.tokenize($0)).count }
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        let counts = [found(composed), found(decomposed), found(composed)]
        #expect(counts == [1, 0, 1])
    }

    @Test("Lexical attributes follow spaCy", arguments: [
        (TokenPattern.Attribute.likeNum, "1,000", true), (.likeNum, "twenty", true), (.likeNum, "3rd", true), (.likeNum, "x1", false),
        (.likeURL, "www.x.org", true), (.likeURL, "example.com", true), (.likeURL, "mkfs.vfat", true),
        (.likeURL, "x.Txt", false), (.likeURL, "192.168.0.1", false), (.likeURL, "8.8.8.8", true),
        (.likeEmail, "a.b@c.io", true), (.likeEmail, "a@b", false), (.isAlpha, "héllo", true), (.isAlpha, "a1", false),
        (.isPunct, "...", true), (.isTitle, "Hello", true), (.isUpper, "ABC", true), (.isLower, "abc", true),
    ])
    func attributes(attribute: TokenPattern.Attribute, text: String, expected: Bool) throws {
        let pattern = EntityPattern(label: "X", body: .tokens([TokenPattern(constraints: [
            TokenPattern.Constraint(attribute: attribute, predicate: .equals(.bool(true))),
        ])]))
        let found = try spans([pattern], text)
        #expect(found.contains("X:\(text)") == expected, "\(attribute) \(text) → \(found)")
    }

    @Test("A bad regular expression is rejected when compiling")
    func badRegex() {
        #expect(throws: PatternError.self) {
            try EntityRuler(patterns: [EntityPattern(label: "X", body: .tokens([TokenPattern(constraints: [
                TokenPattern.Constraint(attribute: .text, predicate: .regex("([a-z")),
            ])]))])
        }
    }
}
