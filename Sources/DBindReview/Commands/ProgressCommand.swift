import Foundation

/// `%`: where the session is and how much of the queue is done.
struct ProgressCommand: ReviewCommand {
    func run(in session: ReviewSession) throws -> Bool {
        var text = "item \(session.state.index + 1) of this session's history · \(session.decisions) decisions this session"
        if let done = session.queueDone {
            let percent = done.total > 0 ? Double(done.done) * 100 / Double(done.total) : 100
            text += String(format: " · %d of %d items done (%.0f%%)", done.done, done.total, percent)
        } else {
            text += " · still counting the queue"
        }
        session.write(text + "\n")
        return false
    }
}
