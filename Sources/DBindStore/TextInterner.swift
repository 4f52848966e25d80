import DBindCore
import Foundation
import GRDBSQLite

/// The values of a text column that repeats a few values over many rows (tag names, rules,
/// schema names), each made once: a row's bytes are hashed and compared with the ones seen
/// before, so a value met again costs no allocation and no decoding.
///
/// Holds at most 1,024 values; past that, values are made afresh every time.
struct TextInterner<Value> {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    /// Each value's bytes, end to end in `pool`, ending at `ends[k]`.
    private var pool: [UInt8] = []
    private var ends: [Int] = []
    private var values: [Value] = []
    private let limit = 1024
    /// Makes a value from the column's text, decoded as `FastRow.string` decodes it.
    private let make: (String) -> Value

    init(_ make: @escaping (String) -> Value) {
        self.make = make
        var size = 16
        while size < 2 * limit { size <<= 1 }
        slots = Array(repeating: -1, count: size)
    }

    /// The value of `column` in `row`; a NULL reads as the empty text.
    mutating func value(_ row: FastRow, _ column: Int32) -> Value {
        guard let text = row.text(column) else { return make("") }
        // Up to the first NUL, as `String(cString:)` reads it.
        let count = strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self))
        let bytes = UnsafeRawBufferPointer(start: text, count: count)
        let hash = FNV1a.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let k = Int(slots[slot])
            if hashes[k] == hash {
                let start = k == 0 ? 0 : ends[k - 1]
                if ends[k] - start == count, count == 0 || pool.withUnsafeBytes({ memcmp($0.baseAddress! + start, text, count) == 0 }) {
                    return values[k]
                }
            }
            slot = (slot + 1) & mask
        }
        let value = make(String(cString: text))
        guard values.count < limit else { return value }
        slots[slot] = Int32(values.count)
        hashes.append(hash)
        pool.append(contentsOf: bytes)
        ends.append(pool.count)
        values.append(value)
        return value
    }
}
