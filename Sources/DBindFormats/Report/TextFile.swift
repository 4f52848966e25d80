import DBindCore

/// Text written to a file through a byte buffer: graph files run to hundreds of megabytes, and
/// appending bytes is several times faster than building one String.
struct TextFile: ~Copyable {
    private let sink: LineSink
    private var buffer: [UInt8] = []
    /// Formats timestamps with `JSONWriter`'s date code, so there is one copy of it.
    private var scratch = JSONWriter(capacity: 32)

    init(path: String) throws {
        sink = try LineSink(path: path)
        buffer.reserveCapacity(1 << 20)
    }

    mutating func put(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    mutating func put(_ number: Int) {
        if number < 0 { buffer.append(UInt8(ascii: "-")) }
        put(digits: number.magnitude)
    }

    mutating func put(_ id: Snowflake) { put(digits: id.rawValue) }

    /// ISO 8601 in UTC with milliseconds (`2024-03-01T10:00:00.000Z`), or its first `prefix`
    /// characters (10: the date).
    mutating func put(_ time: Timestamp, prefix: Int = .max) {
        scratch.reset()
        scratch.timestamp(milliseconds: time.milliseconds)
        scratch.withBytes { quoted in
            buffer.append(contentsOf: quoted[1..<(1 + min(quoted.count - 2, prefix))])
        }
    }

    private mutating func put(digits value: some UnsignedInteger) {
        var v = UInt64(value)
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let written = withUnsafeMutableBytes(of: &scratch) { raw -> Int in
            var i = raw.count
            repeat {
                i -= 1
                raw[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            } while v > 0
            buffer.append(contentsOf: raw[i...])
            return raw.count - i
        }
        _ = written
    }

    /// Flushes when the buffer is large; call after each record.
    mutating func endRecord() throws {
        if buffer.count >= 1 << 20 {
            try sink.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    mutating func finish() throws {
        try sink.write(buffer)
        buffer.removeAll()
        try sink.finish()
    }
}
