import DBindStore

/// `split <n>`: message n of the conversation and the ones after it start a new conversation.
struct SplitCommand: ReviewCommand {
    var number: Int

    func run(in session: ReviewSession) throws -> Bool {
        guard let item = try session.loadCurrent(), let conversation = item.conversation else {
            throw LabelError("split works on a conversation (--queue conversations)")
        }
        guard number >= 2, number <= conversation.links.count else {
            throw LabelError("split <n> needs 2 ≤ n ≤ \(conversation.links.count)")
        }
        let moving = conversation.links[(number - 1)...].map(\.messageID)
        let result = try session.store.moveMessages(Array(moving), to: nil, kind: .split, item: conversation.id,
                                                    annotator: session.annotator, position: try session.position())
        session.decisions += 1
        session.write("saved #\(result.event.id): messages \(number)-\(conversation.links.count) split off into conversation \(result.conversation)\n")
        return true
    }
}
