import Foundation

/// Something found in message text that rules can test for: a URL, a mention, a ticker, a date…
public struct DetectedEntity: Sendable, Hashable {
    /// Kind name as rules write it (`url`, `mention`, `cashtag`, `address`, …).
    public var kind: String
    public var text: String

    public init(kind: String, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// The text understanding classification relies on: question and entity detection.
///
/// Injected so the classifier can run with the project's full detectors, or with the
/// lightweight `HeuristicTextAnalyzer` where those are not wired in.
public protocol TextAnalyzer: Sendable {
    func isQuestion(_ text: String) -> Bool
    func entities(in text: String) -> [DetectedEntity]
}

/// A small, dependency-free analyzer: questions by punctuation and opening words, entities by
/// surface patterns (URLs, mentions, cashtags, hex addresses, hashtags, times, percentages).
public struct HeuristicTextAnalyzer: TextAnalyzer {
    public init() {}

    /// Opening words that make a question even without a question mark (English and a few others).
    static let questionOpeners: Set<String> = [
        "how", "what", "why", "when", "where", "which", "who", "whose", "can", "could", "does", "did", "should",
        "would", "is", "are", "anyone", "anybody", "como", "cuando", "donde", "warum", "wann", "wie", "comment",
        "pourquoi", "quand", "как", "почему", "где", "когда", "зачем",
    ]

    public func isQuestion(_ text: String) -> Bool {
        var prose = text
        if text.containsBytes("://") {
            prose = text.replacingOccurrences(of: #"https?://\S+"#, with: "", options: .regularExpression)
        }
        if prose.unicodeScalars.contains(where: { $0 == "?" || $0 == "？" || $0 == "¿" }) { return true }
        let words = TextNormalizer.normalize(prose).tokens
        guard words.count >= 3, let first = words.first else { return false }
        return HeuristicTextAnalyzer.questionOpeners.contains(first)
    }

    /// Entity patterns, each with a cheap test that the text could hold one (most messages hold none).
    private static let patterns: [(kind: String, mayContain: @Sendable (String) -> Bool, expression: NSRegularExpression)] = {
        let digits: @Sendable (String) -> Bool = { $0.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } }
        let sources: [(String, @Sendable (String) -> Bool, String)] = [
            ("url", { $0.containsBytes("://") }, #"https?://[^\s<>]+"#),
            ("mention", { $0.containsBytes("@") }, #"(?<![\w@])@[\w.-]{2,32}"#),
            ("cashtag", { $0.containsBytes("$") }, #"(?<![\w$])\$[A-Za-z]{2,10}\b"#),
            ("address", { $0.containsBytes("0x") }, #"\b0x[0-9a-fA-F]{40}\b"#),
            ("hashtag", { $0.containsBytes("#") }, #"(?<![\w#&])#[A-Za-z][\w-]{1,40}"#),
            ("time", digits, #"\b\d{1,2}(:\d{2})?\s?(am|pm|AM|PM|UTC|utc|GMT|gmt)\b|\b\d{1,2}:\d{2}\b"#),
            ("percent", { $0.containsBytes("%") }, #"[-+]?\d+(\.\d+)?\s?%"#),
            ("money", digits, #"[$€£]\s?\d[\d,]*(\.\d+)?[kKmMbB]?\b|\b\d[\d,]*(\.\d+)?\s?(usd|USD|usdc|USDC|eth|ETH|btc|BTC)\b"#),
        ]
        return sources.compactMap { kind, mayContain, pattern in
            (try? NSRegularExpression(pattern: pattern)).map { (kind, mayContain, $0) }
        }
    }()

    public func entities(in text: String) -> [DetectedEntity] {
        let range = NSRange(text.startIndex..., in: text)
        var found: [DetectedEntity] = []
        for (kind, mayContain, expression) in HeuristicTextAnalyzer.patterns where mayContain(text) {
            for match in expression.matches(in: text, range: range) {
                if let span = Range(match.range, in: text) { found.append(DetectedEntity(kind: kind, text: String(text[span]))) }
            }
        }
        return found
    }
}
