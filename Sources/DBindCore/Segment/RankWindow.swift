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
        set { values[rank - start] = newValue }
    }

    mutating func append(_ value: Element) { values.append(value) }

    mutating func append(contentsOf more: some Sequence<Element>) { values.append(contentsOf: more) }

    /// Forgets the ranks before `rank`, once they are at least half of what is kept: each value
    /// is then moved at most once on average.
    mutating func forget(before rank: Int) {
        let count = min(rank, end) - start
        guard count > 0, 2 * count >= values.count else { return }
        values.removeFirst(count)
        start = rank
    }
}
