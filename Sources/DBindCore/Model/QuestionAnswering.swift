/// Who asks and who answers, for the answered and unanswered questions that `tag` stores with
/// each conversation and that the report counts: people ask and answer; bots and system
/// notices do neither (a bot's canned reply is not an answer). A question is answered once
/// someone other than its asker writes in its conversation after it, unless a person judged it
/// (`Verdict`): their judgement wins.
public enum QuestionAnswering {
    /// Whether a message that asks counts as a question.
    public static func asks(isBot: Bool, isSystem: Bool) -> Bool { !isBot && !isSystem }

    /// Whether a later message in the conversation answers a question `asker` asked.
    public static func answers(author: Snowflake, isBot: Bool, isSystem: Bool, asker: Snowflake) -> Bool {
        !isBot && !isSystem && author != asker
    }

    /// The label set in which people judge detected questions (`labels/question.yaml`).
    public static let labelSet = "question"

    /// What a person's judgement of a detected question means for the counts.
    public enum Verdict: Sendable, Equatable {
        /// Not a question (`not-a-question`, or no label of the set), or one that asks for no
        /// answer (`rhetorical`): not counted as asked.
        case notAsked
        /// `answered` or `partly-answered`: answered, whatever followed it.
        case answered
        /// `unanswered`: open, whatever followed it.
        case unanswered

        /// The verdict a label of the `question` set gives; nil for a value it does not know.
        public init?(label value: String) {
            switch value {
            case _ where QuestionAnswering.isRejection(value), "rhetorical": self = .notAsked
            case "answered", "partly-answered": self = .answered
            case "unanswered": self = .unanswered
            default: return nil
            }
        }
    }

    /// Whether a judgement says the detector was wrong (`not-a-question`, or no label of the
    /// set): the span is no question at all, and leaves exports as a rejected entity does.
    public static func isRejection(_ value: String) -> Bool { value.isEmpty || value == "not-a-question" }

    /// A message's verdict from those on its question spans (nil for a span nobody judged): it
    /// asks nothing once every span is judged so; else an open verdict keeps it open, else an
    /// answered one answers it; else (nil) its conversation decides.
    public static func verdict(ofSpans verdicts: [Verdict?]) -> Verdict? {
        if !verdicts.isEmpty, verdicts.allSatisfy({ $0 == .notAsked }) { return .notAsked }
        if verdicts.contains(.unanswered) { return .unanswered }
        if verdicts.contains(.answered) { return .answered }
        return nil
    }
}
