/// `<`: back to the previous item of this session.
struct BackCommand: ReviewCommand {
    func run(in session: ReviewSession) throws -> Bool {
        guard session.state.index > 0 else {
            session.write("? already at the first item of this session\n")
            return false
        }
        session.state.index -= 1
        session.extraContext = 0
        try session.store.saveReviewPosition(try session.position())
        return true
    }
}
