@testable import DBindCore
import Testing

/// Token texts and kinds, for compact expectations.
func tokens(_ text: String, _ tokenizer: Tokenizer = .chat) -> [String] {
    let tokenized = tokenizer.tokenize(text)
    return tokenized.tokens.indices.map { tokenized.text(of: $0) }
}

func kinds(_ text: String) -> [String: TokenKind] {
    let tokenized = Tokenizer.chat.tokenize(text)
    var result: [String: TokenKind] = [:]
    for index in tokenized.tokens.indices { result[tokenized.text(of: index)] = tokenized.tokens[index].kind }
    return result
}

@Suite("Tokenizer")
struct TokenizerTests {
    @Test("Offsets are code points, also after astral characters")
    func codePointOffsets() {
        let tokenized = Tokenizer.chat.tokenize("👍🏽 ok 𝒳y")
        #expect(tokenized.tokens.map(\.start) == [0, 3, 6])
        #expect(tokenized.tokens.map(\.end) == [2, 5, 8])
        #expect(tokenized.tokens.map(\.kind) == [.emoji, .word, .word])
        #expect(tokenized.buffer.utf16Offset(scalar: 6) == 8)
        #expect(tokenized.buffer.scalarOffset(utf16: 10) == 7)
        #expect(TextOffsets.utf16Offset(of: 6, in: "👍🏽 ok 𝒳y") == 8)
        #expect(TextOffsets.scalarOffset(of: 10, in: "👍🏽 ok 𝒳y") == 7)
        #expect(TextOffsets.scalarOffset(of: 9, in: "👍🏽 ok 𝒳y") == nil)
    }

    @Test("Base segmentation splits Japanese, Chinese and Thai without spaces")
    func dictionaryScripts() {
        #expect(tokens("日本語のテキストです", .base) == ["日本語", "の", "テキスト", "です"])
        #expect(tokens("ภาษาไทยง่ายนิดเดียว", .base).count >= 4)
        #expect(tokens("我喜欢学习中文", .base).count >= 3)
        #expect(tokens("don't stop", .base) == ["don't", "stop"])
    }

    @Test("URLs keep paths, drop trailing punctuation and unbalanced brackets")
    func urls() {
        #expect(tokens("see https://en.wikipedia.org/wiki/Foo_(bar)).") == ["see", "https://en.wikipedia.org/wiki/Foo_(bar)", ")", "."])
        #expect(tokens("(https://example.com/a?b=1&c=2)") == ["(", "https://example.com/a?b=1&c=2", ")"])
        #expect(tokens("go to ubuntu.com/download, or www.kernel.org!") == ["go", "to", "ubuntu.com/download", ",", "or", "www.kernel.org", "!"])
        #expect(tokens("<https://discord.gg/abc>") == ["<", "https://discord.gg/abc", ">"])
        let files = kinds("setup.py and node.js and e.g. this")
        #expect(files["setup.py"] == .word && files["node.js"] == .word)
        #expect(kinds("packages.ubuntu.com")["packages.ubuntu.com"] == .url)
        #expect(kinds("mail john.doe+x@mail.example.org.")["john.doe+x@mail.example.org"] == .email)
    }

    @Test("Discord markup: mentions, custom emoji, timestamps, slash commands")
    func discordMarkup() {
        let k = kinds("<@123> <@!456> <@&789> <#1011> <:pepe:1213> <a:dance:1415> <t:1700000000:R> </ban user:99> @everyone @here @Some_one")
        #expect(k["<@123>"] == .userMention)
        #expect(k["<@!456>"] == .userMention)
        #expect(k["<@&789>"] == .roleMention)
        #expect(k["<#1011>"] == .channelMention)
        #expect(k["<:pepe:1213>"] == .customEmoji)
        #expect(k["<a:dance:1415>"] == .customEmoji)
        #expect(k["<t:1700000000:R>"] == .timestamp)
        #expect(k["</ban user:99>"] == .slashCommand)
        #expect(k["@everyone"] == .everyone)
        #expect(k["@here"] == .everyone)
        #expect(k["@Some_one"] == .atName)
    }

    @Test("Emoji sequences are one token each")
    func emoji() {
        #expect(tokens("👨‍👩‍👧‍👦👍🏿🇯🇵#️⃣❤️🏴󠁧󠁢󠁳󠁣󠁴󠁿ok") == ["👨‍👩‍👧‍👦", "👍🏿", "🇯🇵", "#️⃣", "❤️", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "ok"])
        #expect(kinds("I ❤ it")["❤"] == .emoji)
        #expect(kinds(":thumbsup: :skin-tone-2:")[":skin-tone-2:"] == .shortcode)
    }

    @Test("Code spans and fenced blocks are single code tokens")
    func code() {
        let text = "run `apt-get update?` then\n```bash\nsudo rm -rf /tmp/x?\n```\ndone"
        #expect(tokens(text) == ["run", "`apt-get update?`", "then", "```bash\nsudo rm -rf /tmp/x?\n```", "done"])
        #expect(tokens("a ` lone backtick") == ["a", "`", "lone", "backtick"])
    }

    @Test("Emoticons, markdown, hashtags, cashtags, numbers, contractions")
    func chatRules() {
        #expect(tokens("thanks :) <3 xD ^_^ :-(") == ["thanks", ":)", "<3", "xD", "^_^", ":-("])
        #expect(kinds("works:)")[":)"] == .emoticon)
        #expect(kinds("ratio 1:3 and C:/x")[":3"] == nil)
        #expect(tokens("**bold** and ~~gone~~ ||secret||") == ["**", "bold", "**", "and", "~~", "gone", "~~", "||", "secret", "||"])
        #expect(tokens("> quoted\n# Title") == [">", "quoted", "#", "Title"])
        #expect(kinds("snake_case_name")["snake_case_name"] == .word)
        #expect(kinds("#ubuntu-offtopic and #1")["#ubuntu-offtopic"] == .hashtag)
        #expect(kinds("#ubuntu-offtopic and #1")["#1"] == nil)
        #expect(kinds("buy $ETH not $PATH")["$ETH"] == .cashtag)
        #expect(kinds("buy $ETH not $PATH")["$PATH"] == nil)
        #expect(tokens("at 10:30, 1,000.50 or 10km...") == ["at", "10:30", ",", "1,000.50", "or", "10km", "..."])
        #expect(tokens("I can't, it's John's") == ["I", "ca", "n't", ",", "it", "'s", "John", "'s"])
        #expect(tokens("l'homme qu'il") == ["l'", "homme", "qu'", "il"])
    }

    @Test("Every token has a kind and no token overlaps another")
    func wellFormed() {
        let text = "hey @Bob check https://x.io/?q=1 :) ```\ncode\n``` 👍 #tag $ETH 5% — ok?"
        let tokenized = Tokenizer.chat.tokenize(text)
        for (a, b) in zip(tokenized.tokens, tokenized.tokens.dropFirst()) {
            #expect(a.end <= b.start)
            #expect(a.start < a.end)
        }
    }
}

@Suite("Sentence boundaries")
struct SentenceBoundaryTests {
    @Test("ASCII text without a terminator or a line break is one sentence without asking ICU, as ICU would say")
    func oneASCIISentence() {
        // Every printable ASCII character but `.`, `!` and `?`, with tabs: quotes, brackets,
        // commas, colons and dashes only matter to UAX #29 after a terminator.
        let alphabet = Array((0x20...0x7E).map { Character(UnicodeScalar(UInt8($0))) }.filter { !".!?".contains($0) }) + ["\t"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0..<400 {
            let text = String((0..<length % 80).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return alphabet[Int(state >> 33) % alphabet.count]
            })
            let buffer = TextBuffer(text)
            #expect(UAX29.isOneASCIISentence(buffer.scalars))
            #expect(UAX29.sentenceBoundaries(buffer) == UAX29.icuSentenceBoundaries(buffer), "\(text)")
        }
        for text in ["done. next", "why? ok", "yes! no", "one\ntwo", "one\r\ntwo", "caf\u{E9} ok", "page\u{0C}break"] {
            #expect(!UAX29.isOneASCIISentence(TextBuffer(text).scalars), "\(text)")
        }
        #expect(UAX29.sentenceBoundaries(TextBuffer("Done. Next")) == [6, 10])
    }
}

@Suite("ASCII word segments")
struct ASCIIWordSegmentTests {
    @Test("ASCII text is cut into words as ICU cuts it, with ICU's statuses, without asking ICU")
    func sameAsICU() throws {
        // Every ASCII character, those the rules treat specially twice as often.
        let alphabet = Array("aZk9 0 .',;:_\r\n\u{0B}\u{0C}\t@") + (0x00..<0x80).map { Character(UnicodeScalar(UInt8($0))) }
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var texts = ["don't", "it's John's", "e.g. 10.04, 1,000;2 a.b.c", "a:b", "snake_case __x 1_a", "a12 1a2 a.1 1.a",
                     "line\r\nnext\rx\ny", "  two  spaces\t", "rock'n'roll", "''", "a''b", "1..2", "x_"]
        for length in 1..<20_000 {
            texts.append(String((0..<(length % 32 + 1)).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return alphabet[Int(state >> 33) % alphabet.count]
            }))
        }
        for text in texts {
            let buffer = TextBuffer(text)
            let fast = try #require(UAX29.asciiWordSegments(buffer.scalars))
            #expect(fast == UAX29.icuWordSegments(buffer), "\(text.debugDescription)")
        }
        #expect(UAX29.asciiWordSegments(TextBuffer("café").scalars) == nil)
    }
}

@Suite("URL endings")
struct URLEndingTests {
    @Test("a question mark after a bare domain ends the sentence, not the domain", arguments: [
        ("is it on lido.fi?", "lido.fi"),
        ("see lido.fi/stake?x=1", "lido.fi/stake?x=1"),
        ("docs at example.com/a.", "example.com/a"),
        ("try https://example.org/q?", "https://example.org/q"),
    ])
    func trailingPunctuation(text: String, url: String) throws {
        let tokenized = Tokenizer.chat.tokenize(text)
        let texts = tokenized.tokens.map { tokenized.buffer.slice($0.start, $0.end) }
        #expect(texts.contains(url), "\(texts)")
    }
}
