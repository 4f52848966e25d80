import DBindFormats

/// The emoji the guild's text uses, and how DCE lists them in `inlineEmojis` and reactions.
enum LumenEmoji {
    /// Every standard emoji the guild's text uses, with its short code (DCE's EmojiIndex names).
    static let codes = ChatData.decode([String: String].self, "emoji")

    /// The standard emoji as code-point sequences, longest first, so a ZWJ sequence or a skin
    /// tone wins over its first emoji.
    static let sequences: [[Unicode.Scalar]] = codes.keys.map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }

    /// Guild emoji: name → (id, animated).
    static let custom: [(name: String, id: UInt64, animated: Bool)] = [
        ("gm", snowflake(when("2021-11-20 10:02:11.304"), "emoji", "gm"), false),
        ("lumen", snowflake(when("2021-11-20 10:03:40.918"), "emoji", "lumen"), false),
        ("wagmi", snowflake(when("2022-01-07 21:44:02.051"), "emoji", "wagmi"), false),
        ("ser", snowflake(when("2022-03-15 08:12:59.660"), "emoji", "ser"), false),
        ("sadge", snowflake(when("2022-06-30 19:20:05.113"), "emoji", "sadge"), false),
        ("catjam", snowflake(when("2023-02-11 13:37:00.420"), "emoji", "catjam"), true),
    ]

    static func isCustom(_ name: String) -> Bool { custom.contains { $0.name == name } }

    /// `token`: a standard emoji, or `:name:` for a guild emoji.
    static func value(_ token: String) -> DCEValue {
        if token.count > 2, token.hasPrefix(":"), token.hasSuffix(":") {
            let name = String(token.dropFirst().dropLast())
            guard let emoji = custom.first(where: { $0.name == name }) else { preconditionFailure("unknown guild emoji \(token)") }
            return DCEFormat.customEmoji(name: name, id: emoji.id, animated: emoji.animated)
        }
        guard let code = codes[token] else { preconditionFailure("unregistered emoji \(token)") }
        return DCEFormat.standardEmoji(token, code: code)
    }

    /// Distinct emoji of `text` in order of appearance: guild emoji by their rendered `:name:`,
    /// standard ones by sequence. Code spans and blocks hold no markdown nodes, so DCE lists none
    /// of theirs.
    static func extract(_ text: String) -> [DCEValue] {
        let scalars = blankingCode(Array(text.unicodeScalars))
        var found: [String] = []
        var i = 0
        scan: while i < scalars.count {
            if let (name, end) = customToken(scalars, at: i), isCustom(name) {
                found.append(":" + name + ":")
                i = end
                continue
            }
            for sequence in sequences where scalars[i...].starts(with: sequence) {
                found.append(String(String.UnicodeScalarView(sequence)))
                i += sequence.count
                continue scan
            }
            let v = scalars[i].value
            precondition(!(v > 0xFFFF || (0x2300...0x23FF).contains(v) || (0x2600...0x27BF).contains(v) || (0x2B00...0x2BFF).contains(v)),
                         "unregistered emoji-like character U+\(String(v, radix: 16, uppercase: true)) in \(text.prefix(60))")
            i += 1
        }
        var distinct: [String] = []
        for token in found where !distinct.contains(token) { distinct.append(token) }
        return distinct.map(value)
    }

    /// `:name:` at `i` (name of ASCII letters, digits and `_`): the name and the index after it.
    private static func customToken(_ s: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        guard s[i] == ":" else { return nil }
        var j = i + 1
        while j < s.count, s[j].isASCII, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || s[j] == "_" { j += 1 }
        guard j > i + 1, j < s.count, s[j] == ":" else { return nil }
        return (String(String.UnicodeScalarView(s[(i + 1)..<j])), j + 1)
    }

    /// Replaces ```` ```blocks``` ```` and then `` `spans` `` (not across lines) with spaces.
    private static func blankingCode(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var s = text
        let fence: [Unicode.Scalar] = ["`", "`", "`"]
        var i = 0
        while i + 3 <= s.count {
            guard s[i...].starts(with: fence),
                  let close = (i + 3..<max(i + 3, s.count - 2)).first(where: { s[$0...].starts(with: fence) })
            else { i += 1; continue }
            for k in i..<(close + 3) { s[k] = " " }
            i = close + 3
        }
        i = 0
        while i < s.count {
            guard s[i] == "`", let end = s[(i + 1)...].firstIndex(where: { $0 == "`" || $0 == "\n" }), s[end] == "`" else { i += 1; continue }
            for k in i...end { s[k] = " " }
            i = end + 1
        }
        return s
    }
}
