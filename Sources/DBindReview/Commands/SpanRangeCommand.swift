import DBindCore
import DBindStore

/// `span <start> <end>`: the entity span moves to these code points of its message.
struct SpanRangeCommand: ReviewCommand {
    var start: Int
    var end: Int

    func run(in session: ReviewSession) throws -> Bool {
        guard let item = try session.loadCurrent(), let base = try session.spanBase(item) else { return session.noItem() }
        let length = item.focusMessage?.content.unicodeScalars.count ?? 0
        guard end <= length else { throw LabelError("the message has \(length) code points; \(start)-\(end) is outside it") }
        return try session.edit(item, SpanCorrection(type: base.type, start: start, end: end))
    }
}
