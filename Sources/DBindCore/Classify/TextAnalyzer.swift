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
/// The product's is `ExtractionAnalyzer` (the text stage's question detector and entity
/// extractor); tests inject their own to isolate a rule.
public protocol TextAnalyzer: Sendable {
    func isQuestion(_ text: String) -> Bool
    func entities(in text: String) -> [DetectedEntity]
}
