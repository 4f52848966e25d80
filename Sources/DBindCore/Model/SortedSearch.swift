extension RandomAccessCollection where Element: Comparable, Index == Int {
    /// The index of `value` in this collection, sorted ascending, found by binary search; nil
    /// when it is absent.
    public func sortedIndex(of value: Element) -> Int? {
        var low = startIndex, high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < endIndex && self[low] == value ? low : nil
    }
}
