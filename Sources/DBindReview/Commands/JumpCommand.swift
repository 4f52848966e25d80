import DBindCore
import DBindStore

/// `jump <id>`: puts an item of the session's level under review ahead of the current one.
struct JumpCommand: ReviewCommand {
    var target: String

    func run(in session: ReviewSession) throws -> Bool {
        let level = session.labelSet.level
        guard let item = try resolve(in: session) else {
            if target.hasPrefix("#"), level != .channel {
                throw LabelError("#name goes to a channel, and this queue reviews \(level.rawValue)s: give a \(level.rawValue) id")
            }
            throw LabelError("no \(level.rawValue) '\(target)' in the store")
        }
        session.state.interpose(SessionState.Visit(level: session.labelSet.level, item: item))
        session.extraContext = 0
        try session.store.saveReviewPosition(try session.position())
        return true
    }

    /// What the reviewer typed as an item id of the session's level.
    private func resolve(in session: ReviewSession) throws -> String? {
        let store = session.store
        switch session.labelSet.level {
        case .message:
            guard let id = Snowflake(target), try !store.messages(ids: [id]).isEmpty else { return nil }
            return id.description
        case .channel:
            if let id = Snowflake(target), session.channels[id] != nil { return id.description }
            let name = target.hasPrefix("#") ? String(target.dropFirst()) : target
            return session.channels.values.filter { $0.name == name }.min { $0.id < $1.id }?.id.description
        case .conversation:
            guard let id = Int64(target), try store.conversation(id: id) != nil else { return nil }
            return String(id)
        case .span:
            let kind = session.spanKind ?? .question
            if let key = SpanKey(target) { return try store.spans(key: key, kind: kind).isEmpty ? nil : key.description }
            guard let message = Snowflake(target) else { return nil }
            return try store.spans(message: message).first { $0.kind == kind }?.key.description
        }
    }
}
