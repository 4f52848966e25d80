/// The kinds of thing that carry auto-tags and human labels, coarsest first.
///
/// Tags and labels name their item by level plus an item id string: a channel or message
/// snowflake, a conversation number, or a span key (`SpanKey`).
public enum ItemLevel: String, Sendable, Hashable, CaseIterable, Codable {
    case channel
    case conversation
    case message
    case span
}

/// The stable id of a text span: message id plus code point range, `"<message>:<start>-<end>"`.
///
/// Extractor re-runs renumber span rows, so labels name spans by where they are instead.
public struct SpanKey: Hashable, Sendable, CustomStringConvertible {
    public var messageID: Snowflake
    public var start: Int
    public var end: Int

    public init(messageID: Snowflake, start: Int, end: Int) {
        self.messageID = messageID
        self.start = start
        self.end = end
    }

    /// Parses `"<message>:<start>-<end>"`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let message = Snowflake(parts[0]) else { return nil }
        let range = parts[1].split(separator: "-", omittingEmptySubsequences: false)
        guard range.count == 2, let start = Int(range[0]), let end = Int(range[1]), start >= 0, end >= start else { return nil }
        self.init(messageID: message, start: start, end: end)
    }

    public var description: String { "\(messageID):\(start)-\(end)" }
}
