@testable import DBindCore
import Testing

@Suite struct ChunkedListTests {
    @Test("holds values in append order across chunk boundaries, mutates them in place, and compares by elements")
    func appendsAcrossChunks() {
        // 2^17 Ints fill one chunk: three chunks, the last one partly. Values are read into
        // locals first, so the checks never describe the whole list.
        var list = ChunkedList<Int>()
        let count = (1 << 17) * 2 + 5
        for k in 0..<count { list.append(k * 3) }
        let chunk = 1 << 17
        let edges = [list[0], list[chunk - 1], list[chunk], list[count - 1]]
        #expect(list.count == count)
        #expect(edges == [0, (chunk - 1) * 3, chunk * 3, (count - 1) * 3])
        list[chunk] += 1
        let changed = list[chunk]
        #expect(changed == chunk * 3 + 1)
        let sum = list.reduce(0, +)
        let expectedSum: Int = (0..<count).reduce(0) { $0 + $1 * 3 } + 1
        #expect(sum == expectedSum)
        var copy = list
        let equal = copy == list
        copy[count - 1] = -1
        let stillEqual = copy == list
        let original = list[count - 1]
        #expect(equal && !stillEqual && original == (count - 1) * 3, "a copy changes apart from the original")
        let literal: ChunkedList<String> = ["a", "b"]
        #expect(Array(literal) == ["a", "b"])
    }

    @Test("drain maps every value in order and leaves the list empty")
    func drainMapsAndEmpties() {
        var list = ChunkedList<Int32>()
        for k in 0..<300_000 { list.append(Int32(k)) }
        let mapped = list.drain { Int($0) * 2 }
        let inOrder = mapped.indices.allSatisfy { mapped[$0] == $0 * 2 }
        let (mappedCount, left) = (mapped.count, list.count)
        #expect(mappedCount == 300_000 && inOrder && left == 0)
        list.append(7)
        #expect(Array(list) == [7])
    }
}
