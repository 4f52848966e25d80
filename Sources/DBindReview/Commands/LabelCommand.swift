import DBindCore

/// Label names or keys (`qt`): these labels, chosen by hand.
struct LabelCommand: ReviewCommand {
    var names: [String]

    func run(in session: ReviewSession) throws -> Bool {
        guard let item = try session.loadCurrent() else { return session.noItem() }
        return try session.decide(item, value: LabelSet.value(of: names), action: .label)
    }
}
