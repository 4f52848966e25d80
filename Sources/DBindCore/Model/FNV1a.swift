/// The 64-bit FNV-1a hash of a byte sequence: stable across runs and machines, and cheap for
/// the short keys it serves (words, names, a column's repeated text).
public enum FNV1a {
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
