/// Values by rank (a message's place in its channel) for the ranks the segmenter may still look
/// back at. Ranks before `start` are forgotten, so what is kept follows the look-back windows
/// rather than the channel's length.
struct RankWindow<Element> {
    /// The oldest rank kept.
    private(set) var start = 0
    private var values: [Element] = []

    /// The rank the next value takes.
    var end: Int { start + values.count }

    subscript(rank: Int) -> Element {
        get { values[rank - start] }
        _modify { yield &values[rank - start] }
    }

    mutating func append(_ value: Element) { values.append(value) }

    mutating func append(contentsOf more: some Sequence<Element>) { values.append(contentsOf: more) }

    mutating func reserveCapacity(_ capacity: Int) { values.reserveCapacity(capacity) }

    /// The ranks `forget(before: rank)` would forget now: none until they are at least half of
    /// what is kept, so each value is moved at most once on average.
    func forgettable(before rank: Int) -> Range<Int> {
        let count = Swift.min(rank, end) - start
        guard count > 0, 2 * count >= values.count else { return start..<start }
        return start..<(start + count)
    }

    /// Forgets the ranks `forgettable(before: rank)` names.
    mutating func forget(before rank: Int) {
        let dropped = forgettable(before: rank)
        guard !dropped.isEmpty else { return }
        values.removeFirst(dropped.count)
        start = dropped.upperBound
    }
}

extension RankWindow: RandomAccessCollection {
    var startIndex: Int { start }
    var endIndex: Int { end }
}
