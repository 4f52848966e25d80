/// What a token is, as decided by ICU's word status or by the chat rule that produced it.
public enum TokenKind: String, Sendable, Hashable, CaseIterable, Codable {
    case word
    case number
    case punctuation = "punct"
    case symbol
    case emoji
    case emoticon
    case shortcode
    case customEmoji = "custom_emoji"
    case url
    case email
    case userMention = "user_mention"
    case roleMention = "role_mention"
    case channelMention = "channel_mention"
    case slashCommand = "slash_command"
    /// `@everyone` and `@here`.
    case everyone
    /// `@name` as typed, or as DiscordChatExporter renders a resolved mention.
    case atName = "at_name"
    case timestamp
    case hashtag
    case cashtag
    /// Inline code or a fenced code block, backticks included.
    case code
    case markdown

    /// Tokens that carry words a reader would read as language (not markup or pictures).
    public var isLexical: Bool { self == .word || self == .number }
}

/// A token: code-point offsets into its text and a kind. The text itself is read through the
/// `TokenizedText` that owns the token, so tokenizing allocates no strings.
public struct Token: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var kind: TokenKind

    public init(start: Int, end: Int, kind: TokenKind) {
        self.start = start
        self.end = end
        self.kind = kind
    }

    public var length: Int { end - start }
}

/// A text with its tokens; the input to sentence splitting and extraction.
public struct TokenizedText: Sendable {
    public let buffer: TextBuffer
    public let tokens: [Token]

    public init(buffer: TextBuffer, tokens: [Token]) {
        self.buffer = buffer
        self.tokens = tokens
    }

    public var text: String { buffer.text }

    /// The text of token `index`.
    public func text(of index: Int) -> String {
        buffer.slice(tokens[index].start, tokens[index].end)
    }

    /// The text of a token, ASCII letters lowercased and other scalars lowercased by Unicode rules.
    public func lowercased(_ index: Int) -> String {
        let token = tokens[index]
        var ascii = true
        for offset in token.start..<token.end where buffer.scalars[offset] >= 128 { ascii = false; break }
        if ascii {
            var bytes = [UInt8]()
            bytes.reserveCapacity(token.length)
            for offset in token.start..<token.end {
                bytes.append(UInt8(truncatingIfNeeded: ScalarClass.asciiLower(buffer.scalars[offset])))
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return text(of: index).lowercased()
    }

    /// Whether token `index` is exactly `ascii` (case-sensitive, ASCII only).
    public func tokenEquals(_ index: Int, _ ascii: StaticString) -> Bool {
        matches(index, ascii, foldCase: false)
    }

    /// Whether token `index` equals `ascii` ignoring ASCII case.
    public func tokenEqualsIgnoringCase(_ index: Int, _ ascii: StaticString) -> Bool {
        matches(index, ascii, foldCase: true)
    }

    private func matches(_ index: Int, _ ascii: StaticString, foldCase: Bool) -> Bool {
        let token = tokens[index]
        guard token.length == ascii.utf8CodeUnitCount else { return false }
        return ascii.withUTF8Buffer { bytes in
            for (i, byte) in bytes.enumerated() {
                let c = buffer.scalars[token.start + i]
                if (foldCase ? ScalarClass.asciiLower(c) : c) != UInt32(byte) { return false }
            }
            return true
        }
    }
}
