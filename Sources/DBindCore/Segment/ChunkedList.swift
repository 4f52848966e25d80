/// A list that grows in fixed-size chunks. Appending never moves what is stored, so a list of
/// millions of values (a long channel's conversations) never holds two copies of itself while
/// it grows, as an array growing by doubling does.
///
/// A chunk takes 1–2 MiB, over the allocator's mapping threshold (`Allocator`): it is mapped
/// on its own, so the pages a short list leaves untouched cost nothing and a freed chunk goes
/// back to the system instead of staying in the heap between smaller blocks.
public struct ChunkedList<Element> {
    /// Elements per chunk, as a power of two: the fewest whose bytes reach 1 MiB.
    private static var shift: Int {
        let stride = Swift.max(1, MemoryLayout<Element>.stride)
        return Swift.max(0, 20 - (Int.bitWidth - 1 - stride.leadingZeroBitCount))
    }
    private static var mask: Int { (1 << shift) - 1 }

    private var chunks: [[Element]] = []
    public private(set) var count = 0

    public init() {}

    public mutating func append(_ element: Element) {
        if count & Self.mask == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(1 << Self.shift)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Maps every element in order and empties the list, freeing each chunk once it is mapped,
    /// so the list and what it is turned into are never both whole.
    public mutating func drain<T>(_ transform: (Element) throws -> T) rethrows -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for k in chunks.indices {
            for element in chunks[k] { result.append(try transform(element)) }
            chunks[k] = []
        }
        self = []
        return result
    }
}

extension ChunkedList: RandomAccessCollection, MutableCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Element {
        get { chunks[position >> Self.shift][position & Self.mask] }
        _modify { yield &chunks[position >> Self.shift][position & Self.mask] }
    }
}

extension ChunkedList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) {
        for element in elements { append(element) }
    }
}

extension ChunkedList: Equatable where Element: Equatable {
    public static func == (a: ChunkedList, b: ChunkedList) -> Bool { a.elementsEqual(b) }
}

extension ChunkedList: Sendable where Element: Sendable {}
