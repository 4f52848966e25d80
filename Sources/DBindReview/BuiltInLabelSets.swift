import DBindCore
import DBindStore

/// Label sets the review queues need whatever `labels/` holds: verdicts on entity spans and on
/// conversation grouping.
public enum BuiltInLabelSets {
    /// Entity spans: `y` keeps the span, `n` says it is not an entity, `type` and `span` correct it.
    /// Values are `type@start-end` (see `SpanCorrection`).
    public static let entitySpan = LabelSet(
        name: SpanCorrection.labelSet, level: .span,
        description: "Is the extracted entity right? Keep it, reject it, or correct its type or bounds.",
        labels: [])

    /// Conversations: whether the segmenter grouped the messages right (after any moves, splits, merges).
    public static let conversation = LabelSet(
        name: ConversationEdit.labelSet, level: .conversation,
        description: "Are these messages one conversation, and all of it? Fix with move, split and merge, then confirm.",
        labels: [
            LabelSet.Label(name: "correct", key: "c", description: "The messages form one conversation, nothing missing or extra."),
            LabelSet.Label(name: "incorrect", key: "x", description: "The grouping is wrong and was not (or could not be) fixed."),
        ],
        acceptLabel: "correct", rejectLabel: "incorrect")

    public static let all = [entitySpan, conversation]

    /// The label set a queue uses when none is named.
    public static func defaultSetName(for queue: ReviewQueueKind) -> String {
        switch queue {
        case .tags, .unlabeled, .disagreements: "message-intent"
        case .channels: "channel-kind"
        case .questions: "question"
        case .entities: entitySpan.name
        case .conversations: conversation.name
        }
    }
}
