/// `+`: five more neighbouring messages on each side, until the item changes.
struct MoreContextCommand: ReviewCommand {
    func run(in session: ReviewSession) throws -> Bool {
        session.extraContext += 5
        return true
    }
}
