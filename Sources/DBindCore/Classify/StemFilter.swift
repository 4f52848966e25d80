/// A 1,024-bit Bloom filter over stem keys: a term set answers "no such word here" for most of a
/// message's words with two bit tests, and hashes the word's text only when the filter passes.
///
/// The classifier checks every message against dozens of term sets; hashing each word's
/// `String` once per set was most of the classifier's time on real chat.
struct StemFilter: Sendable {
    private var bits = [UInt64](repeating: 0, count: 16)

    /// A 64-bit FNV-1a hash of the stem's UTF-8 bytes, computed once per word of a text.
    static func key(_ stem: String) -> UInt64 { FNV1a.hash(stem.utf8) }

    /// A key of the first three UTF-8 bytes of `word`, which a `prefix*` term of three or more
    /// bytes shares with every word it matches; nil for shorter words.
    static func headKey(_ word: String) -> UInt64? {
        var packed: UInt64 = 0, count = 0
        for byte in word.utf8.prefix(3) {
            packed = packed << 8 | UInt64(byte)
            count += 1
        }
        return count == 3 ? packed &* 0x9E37_79B9_7F4A_7C15 : nil
    }

    mutating func insert(_ key: UInt64) {
        let (a, b) = Self.bits(key)
        bits[a >> 6] |= 1 << UInt64(a & 63)
        bits[b >> 6] |= 1 << UInt64(b & 63)
    }

    /// False when `key` was certainly never inserted.
    func mayContain(_ key: UInt64) -> Bool {
        let (a, b) = Self.bits(key)
        return bits[a >> 6] & (1 << UInt64(a & 63)) != 0 && bits[b >> 6] & (1 << UInt64(b & 63)) != 0
    }

    private static func bits(_ key: UInt64) -> (Int, Int) { (Int(key & 1023), Int((key >> 32) & 1023)) }
}
