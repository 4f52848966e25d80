import DBindStore
import Foundation

/// `/words`: searches forward in the queue, from the item on screen, for an item whose text
/// contains the words, reading at most `step` items per command so the prompt stays responsive
/// on big stores; `/` alone continues the last search.
struct SearchCommand: ReviewCommand {
    var query: String

    /// Items read per search command: a bounded step keeps it quick on a large store, and a
    /// count (not a time) gives a script the same result however busy the machine is.
    static let step = 500

    func run(in session: ReviewSession) throws -> Bool {
        guard let query = query.isEmpty ? session.search?.query : query else {
            throw LabelError("search needs text: /words (then / alone for the next match)")
        }
        var cursor = session.search?.query == query ? session.search?.cursor ?? session.state.searchStart : session.state.searchStart
        var everything = session.spec
        everything.filter.includeDone = true
        var looked = 0
        while looked < Self.step {
            guard let entry = try session.store.nextInQueue(everything, after: cursor) else {
                // Kept at the end, so `/` again says so rather than asking for words.
                session.search = (query, cursor)
                session.write("? '\(query)' not found further in this queue\n")
                return false
            }
            cursor = entry.cursor
            looked += 1
            let text = try session.store.searchableText(level: entry.level, itemID: entry.itemID)
            if text.range(of: query, options: [.caseInsensitive, .diacriticInsensitive]) != nil {
                session.search = (query, cursor)
                session.state.interpose(SessionState.Visit(level: entry.level, item: entry.itemID, cursor: cursor))
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
