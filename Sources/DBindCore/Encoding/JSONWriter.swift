/// Appends compact JSON to a byte buffer, with keys in the order they are written.
///
/// Exports write millions of objects; building `Encodable` values and running `JSONEncoder`
/// would cost more than reading the store. Output is deterministic: the same calls give the
/// same bytes. Strings are escaped per RFC 8259 (control characters, `"` and `\`); everything
/// else, including non-ASCII text, is written as UTF-8.
///
/// The buffer is its own memory rather than an `Array`: an array checks that it is not shared
/// on every append, a call per byte written, and a writer is never shared (it cannot be copied).
public struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written so far.
    public private(set) var count = 0
    /// Whether the next value in the current container needs a comma before it.
    private var needsComma = false

    public init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Lends the bytes written so far, without copying them.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    public mutating func reset() {
        count = 0
        needsComma = false
    }

    /// Room for `extra` more bytes; the buffer at least doubles when it grows.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if _slowPath(count + extra > capacity) { grow(to: count + extra) }
    }

    private mutating func grow(to minimum: Int) {
        let larger = max(minimum, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func put(_ run: UnsafeBufferPointer<UInt8>) {
        guard let start = run.baseAddress, !run.isEmpty else { return }
        reserve(run.count)
        (base + count).initialize(from: start, count: run.count)
        count += run.count
    }

    private mutating func separator() {
        if needsComma { put(0x2C) }
        needsComma = true
    }

    public mutating func object(_ body: (inout JSONWriter) -> Void) { container(0x7B, 0x7D, body) }

    public mutating func array(_ body: (inout JSONWriter) -> Void) { container(0x5B, 0x5D, body) }

    private mutating func container(_ open: UInt8, _ close: UInt8, _ body: (inout JSONWriter) -> Void) {
        separator()
        put(open)
        needsComma = false
        body(&self)
        put(close)
        needsComma = true
    }

    /// Writes `"name":` inside an object; the next call writes its value.
    public mutating func key(_ name: StaticString) {
        let length = name.utf8CodeUnitCount
        reserve(length + 4)
        if needsComma {
            base[count] = 0x2C
            count += 1
        }
        base[count] = 0x22
        (base + count + 1).initialize(from: name.utf8Start, count: length)
        base[count + 1 + length] = 0x22
        base[count + 2 + length] = 0x3A
        count += length + 3
        needsComma = false
    }

    public mutating func string(_ value: String) {
        separator()
        put(0x22)
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            while let i = Self.firstEscape(in: utf8, from: runStart) {
                put(UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                escape(utf8[i])
                runStart = i + 1
            }
            put(UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        put(0x22)
    }

    /// `\"`, `\\`, `\n`, `\r`, `\t`, or `\u00XX` for another control character.
    private mutating func escape(_ b: UInt8) {
        reserve(6)
        base[count] = 0x5C
        switch b {
        case 0x22, 0x5C: base[count + 1] = b
        case 0x0A: base[count + 1] = 0x6E
        case 0x0D: base[count + 1] = 0x72
        case 0x09: base[count + 1] = 0x74
        default:
            base[count + 1] = 0x75
            base[count + 2] = 0x30
            base[count + 3] = 0x30
            base[count + 4] = Self.hexDigit(b >> 4)
            base[count + 5] = Self.hexDigit(b & 0xF)
            count += 4
        }
        count += 2
    }

    /// The index of the first byte at or after `start` that JSON must escape: a control
    /// character, `"` or `\`. Tests eight bytes at a time, as most text has none.
    private static func firstEscape(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        if let base = utf8.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= utf8.count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if hasEscape(word) { break }
                i += 8
            }
        }
        while i < utf8.count {
            let b = utf8[i]
            if b < 0x20 || b == 0x22 || b == 0x5C { return i }
            i += 1
        }
        return nil
    }

    /// Whether any byte of `word` is below 0x20, `"` (0x22) or `\` (0x5C): the classic
    /// "has a byte less than n" and "has a zero byte" bit tests, which may report a byte that
    /// needs nothing (never miss one); the byte loop then decides.
    @inline(__always)
    private static func hasEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let below = (word &- ones &* 0x20) & ~word & highs
        return (below | zeroByte(word ^ (ones &* 0x22)) | zeroByte(word ^ (ones &* 0x5C))) != 0
    }

    /// A non-negative integer as a JSON string (`"1213000000000000001"`): how ids are written.
    public mutating func idString(_ value: UInt64) {
        separator()
        put(0x22)
        appendDigits(value)
        put(0x22)
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

    /// Decimal digits of `value`, written from the last (20 digits hold any UInt64).
    private mutating func appendDigits(_ value: UInt64) {
        var digits = 1, rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        reserve(digits)
        rest = value
        for k in stride(from: count + digits - 1, through: count, by: -1) {
            base[k] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
            rest /= 10
        }
        count += digits
    }

    /// A UTC time as `"YYYY-MM-DDTHH:MM:SS.mmmZ"`, written without building a `String`.
    public mutating func timestamp(milliseconds: Int64) {
        separator()
        let t = CivilTime(milliseconds: milliseconds)
        reserve(26)
        let out = base + count
        func two(_ v: Int, at k: Int) {
            out[k] = UInt8(v / 10) + 0x30
            out[k + 1] = UInt8(v % 10) + 0x30
        }
        let y = max(0, min(9999, t.year)), ms = t.millisecond
        out[0] = 0x22
        two(y / 100, at: 1)
        two(y % 100, at: 3)
        out[5] = 0x2D
        two(t.month, at: 6)
        out[8] = 0x2D
        two(t.day, at: 9)
        out[11] = 0x54
        two(t.hour, at: 12)
        out[14] = 0x3A
        two(t.minute, at: 15)
        out[17] = 0x3A
        two(t.second, at: 18)
        out[20] = 0x2E
        out[21] = UInt8(ms / 100) + 0x30
        two(ms % 100, at: 22)
        out[24] = 0x5A
        out[25] = 0x22
        count += 26
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int(_ value: Int) {
        separator()
        appendInteger(value)
    }

    private mutating func appendInteger(_ value: Int) {
        if value < 0 { put(0x2D) }
        appendDigits(UInt64(value.magnitude))
    }

    /// A number with up to 4 decimals, so output does not depend on float formatting quirks.
    public mutating func number(_ value: Double) {
        separator()
        guard value.isFinite else { return literal("null") }
        let scaled = (value * 10_000).rounded()
        if scaled == (scaled / 10_000).rounded(.towardZero) * 10_000 {
            appendInteger(Int(scaled / 10_000))
            return
        }
        let magnitude = UInt64(Int(abs(scaled)))
        if scaled < 0 { put(0x2D) }
        appendDigits(magnitude / 10_000)
        put(0x2E)
        // The fraction without its trailing zeros, left-padded with zeros to its width.
        var fraction = magnitude % 10_000, width = 4
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        var scale: UInt64 = 1
        for _ in 1..<width { scale *= 10 }
        while scale > fraction {
            put(0x30)
            scale /= 10
        }
        appendDigits(fraction)
    }

    public mutating func bool(_ value: Bool) {
        separator()
        literal(value ? "true" : "false")
    }

    public mutating func null() {
        separator()
        literal("null")
    }

    private mutating func literal(_ text: StaticString) {
        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Ends a JSON Lines record.
    public mutating func newline() {
        put(0x0A)
        needsComma = false
    }
}
