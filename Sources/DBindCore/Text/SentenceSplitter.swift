/// A sentence: code-point span (trimmed to its tokens) and the range of its tokens.
public struct Sentence: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var tokens: Range<Int>
}

/// Splits tokenized chat text into sentences.
///
/// Base: ICU's UAX #29 sentence boundaries. Chat rules on top: every line break ends a
/// sentence (chat lines are units even without punctuation, so emoji-only lines stand alone),
/// a fenced code block is a sentence of its own, no boundary falls inside a token (URLs,
/// inline code), and a trailing fragment without words on the same line (`what? 🤔`, `thanks :)`)
/// stays with the sentence before it.
public enum SentenceSplitter {
    public static func split(_ text: TokenizedText) -> [Sentence] {
        let tokens = text.tokens
        guard !tokens.isEmpty else { return [] }
        let s = text.buffer.scalars
        let icu = UAX29.sentenceBoundaries(text.buffer)
        var boundaryIndex = 0
        var sentences: [Sentence] = []
        var current = 0
        var previousWasBlock = false
        for index in tokens.indices {
            let token = tokens[index]
            let isBlock = token.kind == .code && isFenced(s, token)
            if index > current {
                let gapStart = tokens[index - 1].end
                while boundaryIndex < icu.count && icu[boundaryIndex] < gapStart { boundaryIndex += 1 }
                let icuBreak = boundaryIndex < icu.count && icu[boundaryIndex] <= token.start
                let lineBreak = containsNewline(s, gapStart, token.start)
                if icuBreak || lineBreak || isBlock || previousWasBlock {
                    let fragmentOnly = !lineBreak && !isBlock && !previousWasBlock
                        && !hasWordsAhead(tokens, from: index, s: s)
                    if !fragmentOnly {
                        sentences.append(Sentence(start: tokens[current].start, end: gapStart, tokens: current..<index))
                        current = index
                    }
                }
            }
            previousWasBlock = isBlock
        }
        sentences.append(Sentence(start: tokens[current].start, end: tokens[tokens.count - 1].end, tokens: current..<tokens.count))
        return sentences
    }

    private static func isFenced(_ s: [UInt32], _ token: Token) -> Bool {
        token.length >= 6 && s[token.start] == 0x60 && s[token.start + 1] == 0x60 && s[token.start + 2] == 0x60
    }

    private static func containsNewline(_ s: [UInt32], _ start: Int, _ end: Int) -> Bool {
        for k in start..<end where s[k] == 0x0A || s[k] == 0x0D || s[k] == 0x2028 || s[k] == 0x2029 || s[k] == 0x85 { return true }
        return false
    }

    /// Whether tokens from `index` up to the end of the line include a word or number.
    private static func hasWordsAhead(_ tokens: [Token], from index: Int, s: [UInt32]) -> Bool {
        var k = index
        while k < tokens.count {
            if k > index && containsNewline(s, tokens[k - 1].end, tokens[k].start) { return false }
            switch tokens[k].kind {
            case .word, .number, .url, .email, .code, .hashtag, .cashtag, .atName, .userMention, .roleMention,
                 .channelMention, .everyone, .timestamp, .slashCommand:
                return true
            default:
                k += 1
            }
        }
        return false
    }
}
