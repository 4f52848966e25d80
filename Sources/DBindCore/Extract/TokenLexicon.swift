import Synchronization

/// The token texts a ruler has seen, keyed by their scalars, each with a row of what its
/// patterns decided about it (see `TokenVerdicts`). Every verdict is a function of the token's
/// text alone and chat repeats its words, so a word seen before costs one hash of its scalars
/// and one probe: no strings, no attribute tests, no regular expressions. Shared by the threads
/// that use the ruler; forgotten when full, so memory stays bounded.
final class TokenLexicon: Sendable {
    static let limit = 200_000
    /// Scalars kept for the rows' keys before the lexicon starts over, so long tokens cannot grow it unbounded.
    static let keyLimit = 8_000_000
    /// `UInt64` words in a row: verdicts known, their values, then the programs that may start at the token.
    let stride: Int
    private let table: Mutex<Table>

    init(stride: Int) {
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
        guard !learned.isEmpty else { return }
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
        /// Over twice the row limit, so probes stay short.
        static let slotCount = 1 << 19
        /// Per slot: the hash's high 32 bits, then row + 1 (0 is empty), so a probe reads one
        /// word before it compares keys.
        var slots = [UInt64](repeating: 0, count: slotCount)
        /// Row k's scalars are `keys[keyEnds[k - 1]..<keyEnds[k]]`.
        var keyEnds: [Int32] = []
        var keys: [UInt32] = []
        var bits: [UInt64] = []
        var phraseLists: [Int32] = []
        var rowCount: Int { keyEnds.count }

        func find(_ hash: UInt64, _ key: ArraySlice<UInt32>) -> Int? {
            let tag = hash & 0xFFFF_FFFF_0000_0000
            var slot = Int(truncatingIfNeeded: hash) & (Self.slotCount - 1)
            while slots[slot] != 0 {
                let entry = slots[slot]
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let row = Int(entry & 0xFFFF_FFFF) - 1
                    let start = row == 0 ? 0 : Int(keyEnds[row - 1]), end = Int(keyEnds[row])
                    if end - start == key.count && keys.withUnsafeBufferPointer({ stored in
                        key.withUnsafeBufferPointer { wanted in
                            (0..<wanted.count).allSatisfy { stored[start + $0] == wanted[$0] }
                        }
                    }) {
                        return row
                    }
                }
                slot = (slot + 1) & (Self.slotCount - 1)
            }
            return nil
        }

        mutating func insert(_ hash: UInt64, _ key: ArraySlice<UInt32>, words: Int, phraseList: Int32) -> Int {
            let row = rowCount
            var slot = Int(truncatingIfNeeded: hash) & (Self.slotCount - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (Self.slotCount - 1) }
            slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(row + 1)
            keys.append(contentsOf: key)
            keyEnds.append(Int32(keys.count))
            bits.append(contentsOf: repeatElement(0, count: words))
            phraseLists.append(phraseList)
            return row
        }
    }
}
