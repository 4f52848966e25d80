/// A 32-bit FNV-1a hash of UTF-8 text as a signed integer: stable across runs and machines,
/// used for Prodigy's `_input_hash` / `_task_hash` and to match imported labels by text.
public enum StableHash {
    public static func int32(_ text: String) -> Int32 {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int32(bitPattern: hash)
    }
}
