/// Trivial segmentations that any real segmenter must beat; scored by the same evaluation code.
public enum SegmentBaseline: String, Sendable, CaseIterable, Codable {
    /// Every message continues the previous one: one conversation per channel.
    case one
    /// One conversation per time block (the segmenter's adaptive or fixed gap).
    case gap
    /// System messages stand alone, every other message links to the previous non-system one
    /// (the "previous" baseline of Kummerfeld et al. 2019).
    case previous
    /// Every message is its own conversation.
    case new

    /// The antecedent of each input message (nil: starts a conversation), input order.
    public func antecedents(_ messages: [SegmentMessage], options: SegmenterOptions = SegmenterOptions()) -> [Snowflake?] {
        var result = [Snowflake?](repeating: nil, count: messages.count)
        let segmenter = Segmenter(options: options)
        for group in SegmentOrdering.channelGroups(messages) {
            let gap = self == .gap ? segmenter.blockGap(times: group.map { messages[$0].time }) : 0
            var previous: Int?
            var previousUser: Int?
            for index in group {
                let message = messages[index]
                switch self {
                case .one:
                    result[index] = previous.map { messages[$0].id }
                case .gap:
                    if let previous, message.time - messages[previous].time <= gap { result[index] = messages[previous].id }
                case .previous:
                    if !message.isSystem {
                        result[index] = previousUser.map { messages[$0].id }
                        previousUser = index
                    }
                case .new:
                    break
                }
                previous = index
            }
        }
        return result
    }
}
