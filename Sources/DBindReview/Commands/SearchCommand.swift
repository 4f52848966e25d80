import Foundation

/// `/words`: searches forward in the queue for an item whose text contains the words, for at
/// most about 40 ms per command so the prompt stays responsive on big stores; `/` again continues.
struct SearchCommand: ReviewCommand {
    var query: String

    func run(in session: ReviewSession) throws -> Bool {
        var cursor = session.search?.query == query ? session.search?.cursor ?? session.state.cursor : session.state.cursor
        var everything = session.spec
        everything.filter.includeDone = true
        let started = Date()
        var looked = 0
        while Date().timeIntervalSince(started) < 0.04 {
            guard let entry = try session.store.nextInQueue(everything, after: cursor) else {
                session.search = nil
                session.write("? '\(query)' not found further in this queue\n")
                return false
            }
            cursor = entry.cursor
            looked += 1
            let text = try session.store.searchableText(level: entry.level, itemID: entry.itemID)
            if text.range(of: query, options: [.caseInsensitive, .diacriticInsensitive]) != nil {
                session.search = (query, cursor)
                session.state.interpose(SessionState.Visit(level: entry.level, item: entry.itemID))
                session.extraContext = 0
                try session.store.saveReviewPosition(try session.position())
                session.write("found '\(query)' (/ again for the next match)\n")
                return true
            }
        }
        session.search = (query, cursor)
        session.write("? no match in the next \(looked) items; / again to search further\n")
        return false
    }
}
