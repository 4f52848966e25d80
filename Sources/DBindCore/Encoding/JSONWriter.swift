/// Appends compact JSON to a byte buffer, with keys in the order they are written.
///
/// Exports write millions of objects; building `Encodable` values and running `JSONEncoder`
/// would cost more than reading the store. Output is deterministic: the same calls give the
/// same bytes. Strings are escaped per RFC 8259 (control characters, `"` and `\`); everything
/// else, including non-ASCII text, is written as UTF-8.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current container needs a comma before it.
    private var needsComma = false

    public init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    private mutating func separator() {
        if needsComma { bytes.append(0x2C) }
        needsComma = true
    }

    public mutating func object(_ body: (inout JSONWriter) -> Void) { container(0x7B, 0x7D, body) }

    public mutating func array(_ body: (inout JSONWriter) -> Void) { container(0x5B, 0x5D, body) }

    private mutating func container(_ open: UInt8, _ close: UInt8, _ body: (inout JSONWriter) -> Void) {
        separator()
        bytes.append(open)
        needsComma = false
        body(&self)
        bytes.append(close)
        needsComma = true
    }

    /// Writes `"name":` inside an object; the next call writes its value.
    public mutating func key(_ name: StaticString) {
        separator()
        bytes.append(0x22)
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        bytes.append(0x3A)
        needsComma = false
    }

    public mutating func string(_ value: String) {
        separator()
        bytes.append(0x22)
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                bytes.append(0x5C)
                switch b {
                case 0x22, 0x5C: bytes.append(b)
                case 0x0A: bytes.append(0x6E)
                case 0x0D: bytes.append(0x72)
                case 0x09: bytes.append(0x74)
                default:
                    bytes.append(0x75)
                    bytes.append(0x30)
                    bytes.append(0x30)
                    bytes.append(Self.hexDigit(b >> 4))
                    bytes.append(Self.hexDigit(b & 0xF))
                }
                runStart = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(0x22)
    }

    /// A non-negative integer as a JSON string (`"1213000000000000001"`): how ids are written.
    public mutating func idString(_ value: UInt64) {
        separator()
        bytes.append(0x22)
        appendDigits(value)
        bytes.append(0x22)
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

    /// Decimal digits of `value`, built backwards in a stack buffer (20 digits hold any UInt64).
    private mutating func appendDigits(_ value: UInt64) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var rest = value, start = 20
            repeat {
                start -= 1
                buffer[start] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// A UTC time as `"YYYY-MM-DDTHH:MM:SS.mmmZ"`, written without building a `String`.
    public mutating func timestamp(milliseconds: Int64) {
        separator()
        let t = CivilTime(milliseconds: milliseconds)
        func two(_ v: Int) -> (UInt8, UInt8) { (UInt8(v / 10) + 0x30, UInt8(v % 10) + 0x30) }
        let (h1, h2) = two(t.hour), (i1, i2) = two(t.minute), (s1, s2) = two(t.second)
        let (mo1, mo2) = two(t.month), (d1, d2) = two(t.day)
        let y = max(0, min(9999, t.year)), ms = t.millisecond
        bytes.append(contentsOf: [
            0x22, UInt8(y / 1000) + 0x30, UInt8(y / 100 % 10) + 0x30, UInt8(y / 10 % 10) + 0x30, UInt8(y % 10) + 0x30, 0x2D,
            mo1, mo2, 0x2D, d1, d2, 0x54, h1, h2, 0x3A, i1, i2, 0x3A, s1, s2, 0x2E,
            UInt8(ms / 100) + 0x30, UInt8(ms / 10 % 10) + 0x30, UInt8(ms % 10) + 0x30, 0x5A, 0x22,
        ])
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int(_ value: Int) {
        separator()
        appendInteger(value)
    }

    private mutating func appendInteger(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        appendDigits(UInt64(value.magnitude))
    }

    /// A number with up to 4 decimals, so output does not depend on float formatting quirks.
    public mutating func number(_ value: Double) {
        separator()
        guard value.isFinite else { bytes.append(contentsOf: "null".utf8); return }
        let scaled = (value * 10_000).rounded()
        if scaled == (scaled / 10_000).rounded(.towardZero) * 10_000 {
            appendInteger(Int(scaled / 10_000))
            return
        }
        let magnitude = UInt64(Int(abs(scaled)))
        if scaled < 0 { bytes.append(0x2D) }
        appendDigits(magnitude / 10_000)
        bytes.append(0x2E)
        // The fraction without its trailing zeros, left-padded with zeros to its width.
        var fraction = magnitude % 10_000, width = 4
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        var scale: UInt64 = 1
        for _ in 1..<width { scale *= 10 }
        while scale > fraction {
            bytes.append(0x30)
            scale /= 10
        }
        appendDigits(fraction)
    }

    public mutating func bool(_ value: Bool) {
        separator()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        separator()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Ends a JSON Lines record.
    public mutating func newline() {
        bytes.append(0x0A)
        needsComma = false
    }
}
