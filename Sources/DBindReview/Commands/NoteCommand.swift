/// `note <text>`: a comment on the item that changes no label.
struct NoteCommand: ReviewCommand {
    var text: String

    func run(in session: ReviewSession) throws -> Bool {
        guard let item = try session.loadCurrent() else { return session.noItem() }
        let event = try session.store.addNote(level: item.level, itemID: item.itemID, labelSet: session.labelSet.name,
                                              annotator: session.annotator, note: text, position: try session.position())
        session.decisions += 1
        session.write("saved #\(event.id): note on \(session.describe(item))\n")
        return false
    }
}
