/// Who asks and who answers, for the answered and unanswered questions that `tag` stores with
/// each conversation and that the report counts: people ask and answer; bots and system
/// notices do neither (a bot's canned reply is not an answer). A question is answered once
/// someone other than its asker writes in its conversation after it.
public enum QuestionAnswering {
    /// Whether a message that asks counts as a question.
    public static func asks(isBot: Bool, isSystem: Bool) -> Bool { !isBot && !isSystem }

    /// Whether a later message in the conversation answers a question `asker` asked.
    public static func answers(author: Snowflake, isBot: Bool, isSystem: Bool, asker: Snowflake) -> Bool {
        !isBot && !isSystem && author != asker
    }
}
