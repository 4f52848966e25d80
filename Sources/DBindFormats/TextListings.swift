import DBindCore

/// A token as `dbind tokenize --json` lists it: its text, kind and code-point offsets.
public struct TokenListing: Encodable {
    public var text: String
    public var kind: String
    public var start: Int
    public var end: Int

    /// Every token of a tokenized text.
    public static func all(_ tokenized: TokenizedText) -> [TokenListing] {
        tokenized.tokens.indices.map { index in
            let token = tokenized.tokens[index]
            return TokenListing(text: tokenized.text(of: index), kind: token.kind.rawValue, start: token.start, end: token.end)
        }
    }

    /// A token as `[start, end, kind]`, the compact form for many texts at once.
    public struct Compact: Encodable {
        public var token: Token

        public init(_ token: Token) { self.token = token }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(token.start)
            try container.encode(token.end)
            try container.encode(token.kind.rawValue)
        }
    }
}

/// One EntityRuler match as `dbind match-patterns` lists it: the text's index, code-point
/// offsets, label and the pattern's id (spaCy's `ent_id_`).
public struct PatternMatch: Encodable {
    public var item: Int
    public var start: Int
    public var end: Int
    public var label: String
    public var id: String
    /// The matched text, for the plain listing.
    public var text: String

    private enum CodingKeys: String, CodingKey { case item, start, end, label, id }

    /// The ruler's matches in every text, in text order.
    public static func all(in texts: [String], ruler: EntityRuler, tokenizer: Tokenizer = .chat) -> [PatternMatch] {
        texts.enumerated().flatMap { index, text in
            let tokenized = tokenizer.tokenize(text)
            return ruler.matches(in: tokenized).map { span in
                PatternMatch(item: index, start: span.start, end: span.end, label: span.type.rawValue,
                             id: span.rule.hasPrefix("pattern:") ? String(span.rule.dropFirst(8)) : span.rule,
                             text: tokenized.buffer.slice(span.start, span.end))
            }
        }
    }
}

/// What `dbind extract-text --json` prints: the questions and entities the text stage found in
/// one text, each with its text and code-point offsets.
public struct AnalysisListing: Encodable {
    /// One span: questions carry `kind`, entities `type` and `value`.
    public struct Item: Encodable {
        public var text: String
        public var start: Int
        public var end: Int
        public var kind: String?
        public var type: String?
        public var rule: String
        public var confidence: Double
        public var value: String?
    }

    public var questions: [Item]
    public var entities: [Item]

    public init(_ analysis: TextAnalysis) {
        questions = zip(analysis.questions, analysis.questionTexts).map {
            Item(text: $1, start: $0.start, end: $0.end, kind: $0.kind.rawValue, rule: $0.rule, confidence: $0.confidence)
        }
        entities = zip(analysis.entities, analysis.entityTexts).map {
            Item(text: $1, start: $0.start, end: $0.end, type: $0.type.rawValue, rule: $0.rule, confidence: $0.confidence, value: $0.value)
        }
    }
}
