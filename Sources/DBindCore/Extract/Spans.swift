/// The kind of question a sentence asks.
public enum QuestionKind: String, Sendable, Hashable, CaseIterable, Codable {
    case wh
    case yesNo = "yes-no"
    case choice
    case requestForHelp = "request-for-help"
}

/// A detected question: a sentence span in code points, with the rule that fired.
///
/// Flat and self-describing so it stores as one row (message id, start, end, kind, rule, confidence).
public struct QuestionSpan: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public var kind: QuestionKind
    public var rule: String
    public var confidence: Double
}

/// An entity type: the built-in ones, or any label a pattern file brings.
public struct EntityType: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let user = EntityType("USER")
    public static let role = EntityType("ROLE")
    public static let channel = EntityType("CHANNEL")
    public static let emoji = EntityType("EMOJI")
    public static let url = EntityType("URL")
    public static let domain = EntityType("DOMAIN")
    public static let email = EntityType("EMAIL")
    public static let hashtag = EntityType("HASHTAG")
    public static let cashtag = EntityType("CASHTAG")
    public static let ticker = EntityType("TICKER")
    public static let money = EntityType("MONEY")
    public static let percent = EntityType("PERCENT")
    public static let date = EntityType("DATE")
    public static let time = EntityType("TIME")
    public static let cryptoAddress = EntityType("CRYPTO_ADDRESS")
    public static let transactionHash = EntityType("TX_HASH")
    public static let version = EntityType("VERSION")
    public static let proposal = EntityType("PROPOSAL")
    public static let githubReference = EntityType("GITHUB_REF")
    public static let code = EntityType("CODE")

    /// Types found by fixed patterns (as opposed to gazetteers and user rules).
    public static let patternDefined: [EntityType] = [
        .emoji, .url, .domain, .email, .hashtag, .cashtag, .money, .percent, .date, .time,
        .cryptoAddress, .transactionHash, .version, .proposal, .githubReference, .code,
    ]

    public var description: String { rawValue }
    public static func < (a: EntityType, b: EntityType) -> Bool { a.rawValue < b.rawValue }
}

/// A detected entity: code-point span, type, the rule that found it, a confidence, and a
/// normalised value (an id for mentions, a lowercased address, an ISO date, an amount and currency).
public struct EntitySpan: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public var type: EntityType
    public var rule: String
    public var confidence: Double
    public var value: String

    public var length: Int { end - start }
}
