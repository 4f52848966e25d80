/// The conversations a segmenter is building, by index. Without an archive every one stays
/// here; with one, a conversation whose latest message has left every window is archived (only
/// a reply or a pin can reach it) and put back when one does.
struct ConversationTable {
    /// Conversations from `window.start` on; nil for one archived.
    private var window = RankWindow<ConversationState?>()
    /// Conversations before `window.start` still held: later messages joined them.
    private var lingering: [Int: ConversationState] = [:]

    /// Conversations opened so far.
    var count: Int { window.end }

    subscript(c: Int) -> ConversationState {
        get { c >= window.start ? window[c]! : lingering[c]! }
        _modify {
            if c >= window.start { yield &window[c]! } else { yield &lingering[c]! }
        }
    }

    func contains(_ c: Int) -> Bool { c >= window.start ? window[c] != nil : lingering[c] != nil }

    mutating func open(_ state: ConversationState) -> Int {
        window.append(state)
        return window.end - 1
    }

    /// Takes out a conversation held here, to archive it.
    mutating func remove(_ c: Int) -> ConversationState {
        if c >= window.start {
            defer { window[c] = nil }
            return window[c]!
        }
        return lingering.removeValue(forKey: c)!
    }

    /// Puts back a conversation taken out by `remove`.
    mutating func restore(_ state: ConversationState, at c: Int) {
        if c >= window.start { window[c] = state } else { lingering[c] = state }
    }

    /// Stops keeping the window's place for the conversations before `index`, setting aside
    /// those still held.
    mutating func forget(before index: Int) {
        for c in window.forgettable(before: index) { if let state = window[c] { lingering[c] = state } }
        window.forget(before: index)
    }

    /// Every conversation's summary, in index order, when none is archived.
    func summaries() -> ChunkedList<ConversationSummary> {
        var list = ChunkedList<ConversationSummary>()
        for c in 0..<count { list.append(self[c].summary) }
        return list
    }

    /// Takes out every conversation still held, in index order.
    mutating func removeAll(_ body: (Int, ConversationState) -> Void) {
        for c in lingering.keys.sorted() { body(c, lingering[c]!) }
        lingering = [:]
        for c in window.indices { if let state = window[c] { body(c, state) } }
        window.forget(before: window.end)
    }
}
