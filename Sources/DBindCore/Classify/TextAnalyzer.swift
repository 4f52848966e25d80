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
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return false }
        let withoutLinks = trimmed.replacingOccurrences(of: #"https?://\S+"#, with: "", options: .regularExpression)
        if withoutLinks.contains("?") || withoutLinks.contains("？") || withoutLinks.contains("¿") { return true }
        let words = TextNormalizer.normalize(withoutLinks).tokens
        guard words.count >= 3, let first = words.first else { return false }
        return HeuristicTextAnalyzer.questionOpeners.contains(first)
    }

    private static let patterns: [(String, NSRegularExpression)] = {
        let sources: [(String, String)] = [
            ("url", #"https?://[^\s<>]+"#),
            ("mention", #"(?<![\w@])@[\w.-]{2,32}"#),
            ("cashtag", #"(?<![\w$])\$[A-Za-z]{2,10}\b"#),
            ("address", #"\b0x[0-9a-fA-F]{40}\b"#),
            ("hashtag", #"(?<![\w#&])#[A-Za-z][\w-]{1,40}"#),
            ("time", #"\b\d{1,2}(:\d{2})?\s?(am|pm|AM|PM|UTC|utc|GMT|gmt)\b|\b\d{1,2}:\d{2}\b"#),
            ("percent", #"[-+]?\d+(\.\d+)?\s?%"#),
            ("money", #"[$€£]\s?\d[\d,]*(\.\d+)?[kKmMbB]?\b|\b\d[\d,]*(\.\d+)?\s?(usd|USD|usdc|USDC|eth|ETH|btc|BTC)\b"#),
        ]
        return sources.compactMap { kind, pattern in
            (try? NSRegularExpression(pattern: pattern)).map { (kind, $0) }
        }
    }()

    public func entities(in text: String) -> [DetectedEntity] {
        let range = NSRange(text.startIndex..., in: text)
        var found: [DetectedEntity] = []
        for (kind, expression) in HeuristicTextAnalyzer.patterns {
            for match in expression.matches(in: text, range: range) {
                if let span = Range(match.range, in: text) { found.append(DetectedEntity(kind: kind, text: String(text[span]))) }
            }
        }
        return found
    }
}
