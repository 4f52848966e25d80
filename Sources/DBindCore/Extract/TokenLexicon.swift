import Synchronization

/// The token texts a ruler has seen, keyed by their scalars, each with a row of what its
/// patterns decided about it (see `TokenVerdicts`). Every verdict is a function of the token's
/// text alone and chat repeats its words, so a word seen before costs one hash of its scalars
/// and one probe: no strings, no attribute tests, no regular expressions. Shared by the threads
/// that use the ruler; forgotten when full, so memory stays bounded.
final class TokenLexicon: Sendable {
    /// Rows kept before the lexicon starts over; a slot packs a row number in 24 bits.
    static let limit = 200_000
    /// Scalars kept for the rows' keys before the lexicon starts over, so long tokens cannot grow it unbounded.
    static let keyLimit = 8_000_000
    /// `UInt64` words in a row: verdicts known, their values, then the programs that may start at the token.
    let stride: Int
    private let table: Mutex<Table>

    init(stride: Int) {
        assert(Self.limit < 1 << 24, "a slot holds a row number in 24 bits")
        self.stride = stride
        table = Mutex(Table())
    }

    /// A row's words and the phrase list (−1 for none) of each token of `verdicts` the lexicon
    /// holds, copied into `verdicts`; the positions it does not hold are returned.
    func recall(_ verdicts: inout TokenVerdicts) -> [Int] {
        let stride = stride
        return table.withLock { table in
            var unseen: [Int] = []
            for position in 0..<verdicts.count {
                guard let row = table.find(verdicts.hashes[position], verdicts.keys(position)) else {
                    unseen.append(position)
                    continue
                }
                for w in 0..<stride { verdicts.bits[position * stride + w] = table.bits[row * stride + w] }
                verdicts.phraseLists[position] = table.phraseLists[row]
            }
            return unseen
        }
    }

    /// Keeps what a text decided that the lexicon did not hold: new tokens, and verdicts on
    /// known tokens that a later pattern step needed.
    func remember(_ verdicts: TokenVerdicts) {
        let learned = verdicts.learned
        guard !learned.isEmpty, learned.count <= Self.limit else { return }
        let stride = stride
        table.withLock { table in
            if table.rowCount + learned.count > Self.limit || table.keys.count > Self.keyLimit { table = Table() }
            for position in learned {
                let keys = verdicts.keys(position)
                let row = table.find(verdicts.hashes[position], keys)
                    ?? table.insert(verdicts.hashes[position], keys, words: stride, phraseList: verdicts.phraseLists[position])
                for w in 0..<stride { table.bits[row * stride + w] |= verdicts.bits[position * stride + w] }
            }
        }
    }

    /// FNV-1a over the scalars, then a 64-bit finalizer so the low bits that pick a slot depend on every scalar.
    static func hash(_ keys: ArraySlice<UInt32>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for scalar in keys { h = (h ^ UInt64(scalar)) &* 0x0000_0100_0000_01B3 }
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }

    /// Open addressing with linear probing over rows kept in flat arrays.
    private struct Table {
        /// Per slot: 8 bits of the hash, then row + 1 (0 is empty) in 24 bits, so a probe reads
        /// four bytes before it compares keys. Grows to stay under 70% full, small enough to
        /// stay in cache for a chat's vocabulary.
        var slots = [UInt32](repeating: 0, count: 1 << 14)
        /// Row k's scalars are `keys[keyEnds[k - 1]..<keyEnds[k]]`.
        var keyEnds: [Int32] = []
        var keys: [UInt32] = []
        var bits: [UInt64] = []
        var phraseLists: [Int32] = []
        var rowCount: Int { keyEnds.count }

        func keyRange(_ row: Int) -> Range<Int> { (row == 0 ? 0 : Int(keyEnds[row - 1]))..<Int(keyEnds[row]) }

        private static func tag(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash >> 56) << 24 }

        func find(_ hash: UInt64, _ key: ArraySlice<UInt32>) -> Int? {
            let tag = Self.tag(hash), mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 {
                let entry = slots[slot]
                if entry & 0xFF00_0000 == tag {
                    let row = Int(entry & 0x00FF_FFFF) - 1
                    let range = keyRange(row), start = range.lowerBound
                    if range.count == key.count && keys.withUnsafeBufferPointer({ stored in
                        key.withUnsafeBufferPointer { wanted in
                            (0..<wanted.count).allSatisfy { stored[start + $0] == wanted[$0] }
                        }
                    }) {
                        return row
                    }
                }
                slot = (slot + 1) & mask
            }
            return nil
        }

        mutating func insert(_ hash: UInt64, _ key: ArraySlice<UInt32>, words: Int, phraseList: Int32) -> Int {
            let row = rowCount
            keys.append(contentsOf: key)
            keyEnds.append(Int32(keys.count))
            bits.append(contentsOf: repeatElement(0, count: words))
            phraseLists.append(phraseList)
            if rowCount * 10 > slots.count * 7 {
                slots = [UInt32](repeating: 0, count: slots.count * 2)
                for k in 0..<rowCount { place(k, hash: TokenLexicon.hash(keys[keyRange(k)])) }
            } else {
                place(row, hash: hash)
            }
            return row
        }

        private mutating func place(_ row: Int, hash: UInt64) {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Self.tag(hash) | UInt32(row + 1)
        }
    }
}
