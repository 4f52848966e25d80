/// A named chat rule layered over the UAX #29 base segmentation.
///
/// Each rule claims spans of text as single tokens before ICU's word segments fill the gaps,
/// so a URL or a custom emoji never falls apart into words and punctuation.
public enum ChatRule: String, CaseIterable, Sendable, Hashable {
    /// ```` ```lang … ``` ```` as one `code` token.
    case codeBlock = "code-block"
    /// `` `code` `` (one or two backticks) as one `code` token.
    case inlineCode = "inline-code"
    /// `<@id>` `<@!id>` `<@&id>` `<#id>` `</command:id>`.
    case discordMention = "discord-mention"
    /// `<:name:id>` `<a:name:id>`.
    case customEmoji = "custom-emoji"
    /// `<t:unix>` `<t:unix:R>`.
    case discordTimestamp = "discord-timestamp"
    /// `@everyone` `@here`.
    case everyone = "everyone-here"
    /// `https://…`, `www.…` and bare domains with a known top-level domain, minus trailing punctuation.
    case url
    case email
    /// `@name`, including DiscordChatExporter's rendering of resolved mentions.
    case atName = "at-name"
    /// Unicode emoji: ZWJ sequences, skin tones, flags, tag sequences and keycaps as one token.
    case emoji
    /// `:shortcode:`.
    case shortcode
    /// `:)` `:-(` `<3` `xD` `^_^` and friends.
    case emoticon
    /// `**` `__` `~~` `||` `*` `_` emphasis, `>`/`>>>` quotes, `#` headings, `-#` subtext, list bullets.
    case markdown
    case hashtag
    /// `$ETH`: a dollar sign and two to six capital letters (shell variables excluded).
    case cashtag
    /// Numbers joined by colons as one number: times `10:30`, `10:30:15`, ratios `16:9`.
    case clockTime = "clock-time"
    /// English clitics (`do|n't`, `it|'s`) and French elision (`l'|homme`) split off.
    case contraction
    /// `...` as one punctuation token.
    case ellipsis

    /// The rule's bit in the tokenizer's mask (a switch: this runs once per scanned character).
    var bit: UInt32 {
        switch self {
        case .codeBlock: return 1 << 0
        case .inlineCode: return 1 << 1
        case .discordMention: return 1 << 2
        case .customEmoji: return 1 << 3
        case .discordTimestamp: return 1 << 4
        case .everyone: return 1 << 5
        case .url: return 1 << 6
        case .email: return 1 << 7
        case .atName: return 1 << 8
        case .emoji: return 1 << 9
        case .shortcode: return 1 << 10
        case .emoticon: return 1 << 11
        case .markdown: return 1 << 12
        case .hashtag: return 1 << 13
        case .cashtag: return 1 << 14
        case .clockTime: return 1 << 15
        case .contraction: return 1 << 16
        case .ellipsis: return 1 << 17
        }
    }
}

/// Splits text into tokens: ICU word boundaries, then chat rules on top.
///
/// Whitespace is not returned. Offsets are code points. The tokenizer allocates no strings;
/// it reads the text once into scalars and calls ICU once per text.
public struct Tokenizer: Sendable {
    public let rules: Set<ChatRule>
    private let mask: UInt32

    public init(rules: Set<ChatRule> = Set(ChatRule.allCases)) {
        self.rules = rules
        self.mask = rules.reduce(0) { $0 | $1.bit }
    }

    /// The plain UAX #29 tokenizer with no chat rules.
    public static let base = Tokenizer(rules: [])
    public static let chat = Tokenizer()

    public func tokenize(_ text: String) -> TokenizedText {
        tokenize(TextBuffer(text))
    }

    public func tokenize(_ buffer: TextBuffer) -> TokenizedText {
        let segments = UAX29.wordSegments(buffer)
        var builder = TokenBuilder(buffer: buffer, segments: segments, mask: mask)
        let scanner = ChatScanner(s: buffer.scalars, mask: mask)
        let n = buffer.count
        var i = 0
        var gapStart = 0
        if mask != 0 {
            while i < n {
                let (end, kind) = scanner.scan(at: i)
                if let kind {
                    builder.fillGap(from: gapStart, to: i)
                    builder.append(Token(start: i, end: end, kind: kind))
                    gapStart = end
                }
                i = max(end, i + 1)
            }
        }
        builder.fillGap(from: gapStart, to: n)
        return TokenizedText(buffer: buffer, tokens: builder.tokens)
    }
}

/// Turns ICU segments inside the gaps between chat tokens into tokens.
private struct TokenBuilder {
    let buffer: TextBuffer
    let segments: [WordSegment]
    let mask: UInt32
    var segmentIndex = 0
    var tokens: [Token] = []

    init(buffer: TextBuffer, segments: [WordSegment], mask: UInt32) {
        self.buffer = buffer
        self.segments = segments
        self.mask = mask
        tokens.reserveCapacity(segments.count / 2 + 4)
    }

    func on(_ rule: ChatRule) -> Bool { mask & rule.bit != 0 }

    mutating func append(_ token: Token) { tokens.append(token) }

    mutating func fillGap(from start: Int, to end: Int) {
        guard start < end else { return }
        while segmentIndex < segments.count && segments[segmentIndex].end <= start { segmentIndex += 1 }
        var index = segmentIndex
        while index < segments.count && segments[index].start < end {
            let segment = segments[index]
            addPiece(max(segment.start, start), min(segment.end, end), segment.status)
            if segment.end > end { break }
            index += 1
        }
        segmentIndex = index
    }

    private mutating func addPiece(_ start: Int, _ end: Int, _ status: WordStatus) {
        let s = buffer.scalars
        let first = s[start]
        if ScalarClass.isWhitespace(first) { return }
        switch status {
        case .number, .letter, .kana, .ideograph:
            if ScalarClass.isASCIIDigit(first) {
                tokens.append(Token(start: start, end: end, kind: .number))
            } else if on(.contraction), status == .letter, end - start > 1 {
                splitContraction(start, end)
            } else {
                tokens.append(Token(start: start, end: end, kind: .word))
            }
        case .none:
            let kind: TokenKind
            if ScalarClass.isPunctuation(first) {
                kind = .punctuation
            } else if ScalarClass.isEmojiBase(first) || ScalarClass.isRegionalIndicator(first)
                        || (end - start > 1 && s[start + 1] == ScalarClass.variationSelector16) {
                kind = .emoji
            } else {
                kind = .symbol
            }
            if kind == .punctuation, first == 0x2E, on(.ellipsis), let last = tokens.last,
               last.kind == .punctuation, last.end == start, s[last.start] == 0x2E {
                tokens[tokens.count - 1].end = end
                return
            }
            tokens.append(Token(start: start, end: end, kind: kind))
        }
    }

    /// `don't` → `do` `n't`, `it's` → `it` `'s`, `l'homme` → `l'` `homme`.
    private mutating func splitContraction(_ start: Int, _ end: Int) {
        let s = buffer.scalars
        var apostrophe = -1
        for k in start..<end where s[k] == 0x27 || s[k] == 0x2019 {
            if apostrophe >= 0 { apostrophe = -1; break }  // two apostrophes: rock'n'roll, leave whole
            apostrophe = k
        }
        guard apostrophe > start, apostrophe < end - 1 else {
            tokens.append(Token(start: start, end: end, kind: .word))
            return
        }
        let suffixLength = end - apostrophe - 1
        let lower = { (k: Int) in ScalarClass.asciiLower(s[k]) }
        var split = -1
        // n't: the apostrophe sits after an n that is not the whole base (can't → ca n't).
        if suffixLength == 1, lower(end - 1) == 0x74, apostrophe - start >= 2, lower(apostrophe - 1) == 0x6E {
            split = apostrophe - 1
        } else if isEnglishClitic(apostrophe + 1, end) {
            split = apostrophe
        } else if isFrenchElision(start, apostrophe) {
            split = apostrophe + 1
        }
        if split > start && split < end {
            tokens.append(Token(start: start, end: split, kind: .word))
            tokens.append(Token(start: split, end: end, kind: .word))
        } else {
            tokens.append(Token(start: start, end: end, kind: .word))
        }
    }

    private func isEnglishClitic(_ start: Int, _ end: Int) -> Bool {
        let s = buffer.scalars
        let lower = { (k: Int) in ScalarClass.asciiLower(s[k]) }
        switch end - start {
        case 1: return [0x73, 0x6D, 0x64].contains(lower(start))  // s m d
        case 2:
            let a = lower(start), b = lower(start + 1)
            return (a == 0x72 && b == 0x65) || (a == 0x76 && b == 0x65) || (a == 0x6C && b == 0x6C)  // re ve ll
        default: return false
        }
    }

    private static let elisions: [[UInt32]] = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"]
        .map { $0.unicodeScalars.map(\.value) }

    private func isFrenchElision(_ start: Int, _ apostrophe: Int) -> Bool {
        let s = buffer.scalars
        let length = apostrophe - start
        return TokenBuilder.elisions.contains { prefix in
            prefix.count == length && prefix.indices.allSatisfy { ScalarClass.asciiLower(s[start + $0]) == prefix[$0] }
        }
    }
}
