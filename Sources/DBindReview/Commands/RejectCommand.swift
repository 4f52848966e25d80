/// `n`: none of the set's labels applies (its reject label where it has one).
struct RejectCommand: ReviewCommand {
    func run(in session: ReviewSession) throws -> Bool {
        guard let item = try session.loadCurrent() else { return session.noItem() }
        return try session.decide(item, value: session.labelSet.rejectLabel ?? "", action: .reject)
    }
}
