import DBindCore
import DBindStore

/// `move [<n>] <conversation|new>`: a message (the item's own, or number n of the conversation)
/// goes to another conversation or a new one.
struct MoveCommand: ReviewCommand {
    var number: Int?
    var target: Int64?

    func run(in session: ReviewSession) throws -> Bool {
        guard let item = try session.loadCurrent() else { return session.noItem() }
        let message: Snowflake
        if let number {
            message = try Self.member(number, of: item)
        } else if let focus = item.focusMessage, item.level == .message || item.level == .span {
            message = focus.id
        } else {
            throw LabelError("move <message number> <conversation|new>: which message of the conversation?")
        }
        let from = try session.store.conversationID(message: message)
        let result = try session.store.moveMessages([message], to: target, kind: .move, item: from ?? target,
                                                    annotator: session.annotator, position: try session.position())
        session.decisions += 1
        session.write("saved #\(result.event.id): message \(message) moved to conversation \(result.conversation)\n")
        return true
    }

    /// Message number `number` (1-based, as shown) of the item's conversation.
    static func member(_ number: Int, of item: ReviewItem) throws -> Snowflake {
        guard let conversation = item.conversation else {
            throw LabelError("message numbers refer to a conversation's messages (--queue conversations); here use move <conversation>")
        }
        guard number >= 1, number <= conversation.links.count else {
            throw LabelError("no message \(number): the conversation has \(conversation.links.count)")
        }
        return conversation.links[number - 1].messageID
    }
}
