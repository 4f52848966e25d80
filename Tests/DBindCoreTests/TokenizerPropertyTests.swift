import DBindCore
import Testing

/// Invariants of the tokenizer checked on many generated texts: whatever the input, tokens are
/// non-empty, in order, inside the text, and offsets convert to UTF-16 and back unchanged.
@Suite("Tokenizer properties")
struct TokenizerPropertyTests {
    /// A seeded generator, so a failure names a reproducible case.
    typealias Generator = SplitMix64

    /// Pieces chat text is made of, mixed at random: scripts without spaces, combining marks,
    /// emoji sequences, Discord markup, code, URLs, numbers, punctuation and odd whitespace.
    static let pieces: [String] = [
        "hello", "world", "can't", "l'ami", "東京タワー", "ภาษาไทยง่ายนิดเดียว", "مرحبا", "Grüße", "e\u{301}", "\u{301}",
        "👩‍💻", "👍🏽", "🇯🇵", "1️⃣", "🏳️‍🌈", "<@123456789012345678>", "<#42>", "<@&7>", "<:pepe:1234>", "<a:x:9>",
        "<t:1700000000:R>", "@everyone", "@Mira | Mod", "#general", "$ETH", "`code`", "```swift\nlet x = 1\n```",
        "https://example.org/a?b=c)", "www.test.io.", "a@b.co", "10,000.5", "3.2.1", "v1.0.0-beta", "16:9", ":)", "<3",
        ":thumbsup:", "**bold**", "||spoiler||", "?", "!?", "…", " ", "  ", "\n", "\t", "\r\n", "\u{200B}", "\u{FEFF}",
        "\u{1F}", "0x52908400098527886E0F7030069857D2E4169EE7", "EIP-1559", "owner/repo#12", "¿qué?", ";", "—", "-", "_",
    ]

    static func text(seed: UInt64) -> String {
        var g = Generator(state: seed)
        var text = ""
        for _ in 0..<(1 + g.below(24)) {
            if g.below(10) == 0 {
                // A random scalar anywhere in Unicode (not a surrogate).
                let value = UInt32(g.below(0x10FFFF))
                text.unicodeScalars.append(Unicode.Scalar(value) ?? "x")
            } else {
                text += pieces[g.below(pieces.count)]
            }
        }
        return text
    }

    @Test("tokens are non-empty, ordered, inside the text, and their offsets round-trip", arguments: 0..<40)
    func invariants(batch: Int) {
        for seed in UInt64(batch * 50)..<UInt64(batch * 50 + 50) {
            let text = Self.text(seed: seed)
            let tokenized = Tokenizer.chat.tokenize(text)
            let length = text.unicodeScalars.count
            let buffer = TextBuffer(text)
            var previousEnd = 0
            for token in tokenized.tokens {
                #expect(token.end > token.start, "empty token, seed \(seed)")
                #expect(token.start >= previousEnd, "overlap or disorder, seed \(seed)")
                #expect(token.end <= length, "token past the end, seed \(seed)")
                previousEnd = token.end
                for offset in [token.start, token.end] {
                    #expect(buffer.scalarOffset(utf16: buffer.utf16Offset(scalar: offset)) == offset, "seed \(seed)")
                }
                #expect(!tokenized.buffer.slice(token.start, token.end).isEmpty, "seed \(seed)")
            }
            // What the tokens leave out is whitespace, with any marks that UAX #29 attaches to it.
            var covered = Array(repeating: false, count: length)
            for token in tokenized.tokens { for i in token.start..<token.end { covered[i] = true } }
            let scalars = Array(text.unicodeScalars)
            for (i, isCovered) in covered.enumerated() where !isCovered {
                let category = scalars[i].properties.generalCategory
                let attachedMark = [.nonspacingMark, .spacingMark, .enclosingMark].contains(category) && (i == 0 || !covered[i - 1])
                #expect(scalars[i].properties.isWhitespace || scalars[i].properties.isDefaultIgnorableCodePoint
                        || category == .control || category == .format || attachedMark,
                        "uncovered U+\(String(scalars[i].value, radix: 16)) at \(i), seed \(seed)")
            }
        }
    }

    @Test("the base tokenizer (UAX #29 only) keeps the same invariants", arguments: 0..<10)
    func baseInvariants(batch: Int) {
        for seed in UInt64(10_000 + batch * 50)..<UInt64(10_000 + batch * 50 + 50) {
            let text = Self.text(seed: seed)
            var previousEnd = 0
            for token in Tokenizer.base.tokenize(text).tokens {
                #expect(token.end > token.start && token.start >= previousEnd && token.end <= text.unicodeScalars.count, "seed \(seed)")
                previousEnd = token.end
            }
        }
    }
}
