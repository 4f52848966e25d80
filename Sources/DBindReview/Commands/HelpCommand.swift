/// `?`: the commands and the label keys of the session's set.
struct HelpCommand: ReviewCommand {
    func run(in session: ReviewSession) throws -> Bool {
        session.write(session.renderer.help())
        return false
    }
}
