/// `u`: reverses the annotator's newest decision (any session) by appending to the history, and
/// brings its item back under review.
struct UndoCommand: ReviewCommand {
    func run(in session: ReviewSession) throws -> Bool {
        guard let event = try session.store.undoLast(annotator: session.annotator) else {
            session.write("? nothing left to undo\n")
            return false
        }
        session.decisions += 1
        if event.labelSet == session.labelSet.name, event.action != .note {
            if event.oldValue == nil, event.newValue != nil { session.undone -= 1 }
            if event.oldValue != nil, event.newValue == nil { session.undone += 1 }
        }
        let what: String
        let display = session.renderer.display
        switch event.action {
        case .note: what = "note on \(event.level.rawValue) \(event.itemID)"
        case .move, .split, .merge: what = "\(event.action.rawValue) in conversation \(event.itemID)"
        default: what = "\(event.labelSet) = \(display(event.newValue ?? "")) on \(event.level.rawValue) \(event.itemID) (back to \(event.oldValue.map(display) ?? "unlabeled"))"
        }
        session.write("undone #\(event.id): \(what)\n")
        if event.level == session.labelSet.level {
            let visit = SessionState.Visit(level: event.level, item: event.itemID)
            if let index = session.state.visited.lastIndex(where: { $0.isSameItem(as: visit) }) { session.state.index = index } else { session.state.interpose(visit) }
            try session.store.saveReviewPosition(try session.position())
        }
        session.extraContext = 0
        return true
    }
}
