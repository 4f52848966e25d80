import DBindCore

/// `type <name>`: the entity span keeps its range and takes another type.
struct SpanTypeCommand: ReviewCommand {
    var type: String

    func run(in session: ReviewSession) throws -> Bool {
        guard let item = try session.loadCurrent(), let base = try session.spanBase(item) else { return session.noItem() }
        return try session.edit(item, SpanCorrection(type: type, start: base.start, end: base.end))
    }
}
