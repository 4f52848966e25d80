import DBindStore

/// `merge <conversation>`: every message of the other conversation joins this one.
struct MergeCommand: ReviewCommand {
    var other: Int64

    func run(in session: ReviewSession) throws -> Bool {
        guard let item = try session.loadCurrent(), let conversation = item.conversation else {
            throw LabelError("merge works on a conversation (--queue conversations)")
        }
        guard other != conversation.id else { throw LabelError("a conversation cannot be merged with itself") }
        guard let source = try session.store.conversation(id: other) else { throw LabelError("conversation \(other) does not exist") }
        let result = try session.store.moveMessages(source.links.map(\.messageID), to: conversation.id, kind: .merge,
                                                    item: conversation.id, annotator: session.annotator, position: try session.position())
        session.decisions += 1
        session.write("saved #\(result.event.id): conversation \(other) (\(ReviewRenderer.counted(source.links.count, "message"))) merged into \(conversation.id)\n")
        return true
    }
}
