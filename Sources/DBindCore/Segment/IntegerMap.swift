/// An open-addressing hash map from 64-bit keys to small values for hot loops: the segmenter's,
/// and the question rules' lookup of short words packed in a `UInt64`.
///
/// Swift's `Dictionary` seeds SipHash for every lookup, which costs more than the rest of the
/// per-message work; keys here are ids, text hashes and packed words, so a multiplicative mix
/// and linear probing are enough and several times faster.
struct IntegerMap<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 17) & mask
    }

    subscript(key: UInt64) -> Value? {
        var i = slot(key)
        while let value = values[i] {
            if keys[i] == key { return value }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Inserts or replaces.
    mutating func set(_ key: UInt64, _ value: Value) {
        var i = slot(key)
        while values[i] != nil {
            if keys[i] == key {
                values[i] = value
                return
            }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = value
        count += 1
        if count * 2 > mask { grow() }
    }

    /// Removes `key`, shifting back the keys probed past it so every key stays reachable
    /// without tombstones.
    mutating func remove(_ key: UInt64) {
        var i = slot(key)
        while values[i] != nil, keys[i] != key { i = (i + 1) & mask }
        guard values[i] != nil else { return }
        values[i] = nil
        count -= 1
        var j = i
        while true {
            j = (j + 1) & mask
            guard let value = values[j] else { return }
            // The key at j may fill the hole at i unless its home slot lies cyclically in (i, j].
            let home = slot(keys[j])
            let reachable = i <= j ? (i < home && home <= j) : (i < home || home <= j)
            if !reachable {
                keys[i] = keys[j]
                values[i] = value
                values[j] = nil
                i = j
            }
        }
    }

    /// Removes the entries whose value `isRemoved` picks, in a table sized for the rest.
    mutating func removeAll(where isRemoved: (Value) -> Bool) {
        var kept = IntegerMap(capacity: count)
        for i in keys.indices {
            if let value = values[i], !isRemoved(value) { kept.set(keys[i], value) }
        }
        self = kept
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for i in oldKeys.indices {
            if let value = oldValues[i] { set(oldKeys[i], value) }
        }
    }
}

extension IntegerMap: Sendable where Value: Sendable {}

extension IntegerMap where Value == Bool {
    /// A fixed set of keys.
    init(keys: some Sequence<UInt64>) {
        let list = Array(keys)
        self.init(capacity: list.count)
        for key in list { set(key, true) }
    }

    func contains(_ key: UInt64) -> Bool { self[key] != nil }
}

/// Mixes two ids into one key (for per-pair maps); a collision needs a 64-bit coincidence.
@inline(__always)
func pairKey(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var x = a &* 0xBF58_476D_1CE4_E5B9 ^ (b &+ 0x9E37_79B9_7F4A_7C15)
    x = (x ^ (x >> 31)) &* 0x94D0_49BB_1331_11EB
    return x ^ (x >> 29)
}
