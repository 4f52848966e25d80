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

    public var length: Int { end - start }
}

/// A text with its tokens; the input to sentence splitting and extraction.
public struct TokenizedText: Sendable {
    public let buffer: TextBuffer
    public let tokens: [Token]

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
            let scalars = buffer.scalars
            return String(unsafeUninitializedCapacity: token.length) { bytes in
                for (k, offset) in (token.start..<token.end).enumerated() {
                    bytes[k] = UInt8(truncatingIfNeeded: ScalarClass.asciiLower(scalars[offset]))
                }
                return token.length
            }
        }
        return text(of: index).lowercased()
    }
}
