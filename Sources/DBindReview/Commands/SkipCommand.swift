/// `.`: on to the next item without deciding this one.
struct SkipCommand: ReviewCommand {
    func run(in session: ReviewSession) throws -> Bool {
        guard try session.ensureCurrent() != nil else { return session.noItem() }
        session.state.index += 1
        session.extraContext = 0
        try session.store.saveReviewPosition(try session.position())
        return true
    }
}
