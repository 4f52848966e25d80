import DBindCore
import Foundation

/// A syntax or shape error inside a JSON document, at a byte offset of the whole file.
public struct JSONSyntaxError: Error, Sendable {
    public var offset: Int
    public var reason: String
    /// JSON path of the value that failed, e.g. `messages[12].author.id`; filled in while the
    /// error travels up through the decoders.
    public var path: String

    public init(offset: Int, reason: String, path: String = "") {
        self.offset = offset
        self.reason = reason
        self.path = path
    }

    /// Prefixes a path component (`.key` or `[index]`) as the error leaves a container.
    func inside(_ component: String) -> JSONSyntaxError {
        var copy = self
        copy.path = path.isEmpty ? component : component + (path.hasPrefix("[") ? "" : ".") + path
        return copy
    }
}

/// Runs `body`, attributing any `JSONSyntaxError` to the given key or index.
@inline(__always)
func at<T>(_ component: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as JSONSyntaxError { throw error.inside(component()) }
}

/// An object key as it appears in the document, compared without building a `String`:
/// decoders `switch` over keys once per field of every message.
struct JSONKey {
    /// The key's bytes when it has no escapes (always, in DiscordChatExporter files).
    let raw: UnsafeBufferPointer<UInt8>
    /// The decoded key when it had escapes.
    let decoded: String?

    var text: String { decoded ?? String(decoding: raw, as: UTF8.self) }

    /// Inlined into each `switch` over keys, so the patterns' lengths are constants: a key is
    /// compared byte by byte only with the patterns of its own length.
    @inline(__always)
    static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        guard let decoded = key.decoded else {
            let count = pattern.utf8CodeUnitCount
            return key.raw.count == count && (count == 0 || memcmp(key.raw.baseAddress!, pattern.utf8Start, count) == 0)
        }
        return decoded == pattern.description
    }
}

/// The first byte at or after `start` that is not a space, or `end`. DiscordChatExporter
/// indents every line of its files, so runs of spaces are skipped eight bytes at a time.
@inline(__always)
func indexAfterSpaces(_ p: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
    var i = start
    guard let base = p.baseAddress else { return i }
    let raw = UnsafeRawPointer(base)
    while i + 8 <= end, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) == 0x2020_2020_2020_2020 { i += 8 }
    while i < end, p[i] == 0x20 { i += 1 }
    return i
}

/// A pull decoder over one complete JSON value held in memory.
///
/// Decoding code asks for the shape it expects (`object`, `string`, `int`…) and skips what it
/// does not know, so no intermediate tree is built: this is what lets ingest run far faster than
/// `JSONDecoder`. Strings are validated as UTF-8; `\u` escapes, surrogate pairs included, are
/// decoded.
public struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int
    /// File offset of `bytes[0]`, for error messages.
    let baseOffset: Int

    public init(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, baseOffset: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
        self.baseOffset = baseOffset
    }

    var fileOffset: Int { baseOffset + position }

    func error(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: fileOffset, reason: reason)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < end {
            let b = bytes[position]
            if b == 0x20 {
                position = indexAfterSpaces(bytes, from: position + 1, end: end)
            } else if b == 0x0A || b == 0x0D || b == 0x09 {
                position += 1
            } else {
                return
            }
        }
    }

    @inline(__always)
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < end ? bytes[position] : nil
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard peek() == byte else { throw error(describeUnexpected(expected: what)) }
        position += 1
    }

    func describeUnexpected(expected: String) -> String {
        guard position < end else { return "unexpected end of data, expected \(expected)" }
        let b = bytes[position]
        let shown = b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
        return "unexpected \(shown), expected \(expected)"
    }

    /// True when the next value is `null` (and consumes it).
    mutating func consumeNull() -> Bool {
        guard matches("null") else { return false }
        position += 4
        return true
    }

    /// Iterates the members of an object; `body` must consume each value.
    mutating func object(_ body: (inout JSONCursor, JSONKey) throws -> Void) throws {
        try expect(0x7B, "'{'")
        if peek() == 0x7D { position += 1; return }
        while true {
            guard peek() == 0x22 else { throw error(describeUnexpected(expected: "an object key")) }
            let key = try self.key()
            try expect(0x3A, "':'")
            try at(key.text) { try body(&self, key) }
            guard let next = peek() else { throw error("unexpected end of data inside an object") }
            position += 1
            if next == 0x7D { return }
            guard next == 0x2C else {
                position -= 1
                throw error(describeUnexpected(expected: "',' or '}'"))
            }
        }
    }

    /// Iterates the elements of an array; `body` must consume each element.
    mutating func array(_ body: (inout JSONCursor, Int) throws -> Void) throws {
        try expect(0x5B, "'['")
        if peek() == 0x5D { position += 1; return }
        var index = 0
        while true {
            try at("[\(index)]") { try body(&self, index) }
            index += 1
            guard let next = peek() else { throw error("unexpected end of data inside an array") }
            position += 1
            if next == 0x5D { return }
            guard next == 0x2C else {
                position -= 1
                throw error(describeUnexpected(expected: "',' or ']'"))
            }
        }
    }

    /// An array of values decoded by `element`, `[]` for null.
    mutating func list<T>(_ element: (inout JSONCursor) throws -> T) throws -> [T] {
        if consumeNull() { return [] }
        var result: [T] = []
        try array { cursor, _ in result.append(try element(&cursor)) }
        return result
    }

    /// Reads an object key, as raw bytes unless it contains escapes.
    private mutating func key() throws -> JSONKey {
        let start = position + 1
        var i = start
        while i < end {
            let b = bytes[i]
            if b == 0x22 {
                position = i + 1
                return JSONKey(raw: UnsafeBufferPointer(rebasing: bytes[start..<i]), decoded: nil)
            }
            if b == 0x5C || b >= 0x80 || b < 0x20 { break }
            i += 1
        }
        return JSONKey(raw: UnsafeBufferPointer(start: nil, count: 0), decoded: try string())
    }

    /// A snowflake written as a decimal string, read without building a `String`.
    mutating func snowflake() throws -> Snowflake {
        guard peek() == 0x22 else { throw error(describeUnexpected(expected: "a snowflake id string")) }
        let start = position
        var i = position + 1
        var value: UInt64 = 0
        while i < end, bytes[i] >= 0x30, bytes[i] <= 0x39, i - start <= 20 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(bytes[i] - 0x30))
            if o1 || o2 { break }
            value = a
            i += 1
        }
        if i > start + 1, i < end, bytes[i] == 0x22 {
            position = i + 1
            return Snowflake(value)
        }
        let text = try string()
        position = start
        throw error("not a snowflake id: \"\(text.prefix(40))\"")
    }

    mutating func string() throws -> String {
        guard peek() == 0x22 else { throw error(describeUnexpected(expected: "a string")) }
        let start = position + 1
        var i = start
        var ascii = true
        while i < end {
            let b = bytes[i]
            if b == 0x22 {
                position = i + 1
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if ascii { return String(decoding: slice, as: UTF8.self) }
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw JSONSyntaxError(offset: baseOffset + start + firstInvalidUTF8(slice), reason: "invalid UTF-8 in string")
                }
                return text
            }
            if b == 0x5C { return try escapedString(from: start) }
            if b < 0x20 { position = i; throw error("control character in string") }
            if b >= 0x80 { ascii = false }
            i += 1
        }
        position = start - 1
        throw error("unterminated string")
    }

    private mutating func escapedString(from start: Int) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        var i = start
        while i < end {
            let b = bytes[i]
            if b == 0x22 {
                position = i + 1
                guard let text = String(validating: out, as: UTF8.self) else {
                    // Escapes decode to valid UTF-8, so the culprit is a raw byte of the source.
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<i])
                    throw JSONSyntaxError(offset: baseOffset + start + firstInvalidUTF8(raw), reason: "invalid UTF-8 in string")
                }
                return text
            }
            if b < 0x20 { position = i; throw error("control character in string") }
            if b != 0x5C { out.append(b); i += 1; continue }
            guard i + 1 < end else { break }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var unit = try hex4(at: i)
                i += 4
                if (0xD800...0xDBFF).contains(unit) {
                    if i + 6 <= end, bytes[i] == 0x5C, bytes[i + 1] == 0x75,
                       case let low = try hex4(at: i + 2), (0xDC00...0xDFFF).contains(low) {
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    } else {
                        unit = 0xFFFD  // a lone surrogate cannot be represented; keep a marker
                    }
                } else if (0xDC00...0xDFFF).contains(unit) || unit == 0 {
                    // A NUL would end the text early wherever it is read as a C string
                    // (SQLite's text, GRDB's decoding): it is marked too, one code point for one.
                    unit = 0xFFFD
                }
                let scalar = Unicode.Scalar(unit) ?? "\u{FFFD}"
                out.append(contentsOf: UTF8.encode(scalar)!)
            default:
                position = i - 2
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        position = start - 1
        throw error("unterminated string")
    }

    private func hex4(at index: Int) throws -> UInt32 {
        guard index + 4 <= end else { throw JSONSyntaxError(offset: baseOffset + index, reason: "truncated \\u escape") }
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = bytes[index + k]
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x41...0x46: digit = c - 0x37
            case 0x61...0x66: digit = c - 0x57
            default: throw JSONSyntaxError(offset: baseOffset + index + k, reason: "invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func firstInvalidUTF8(_ slice: UnsafeBufferPointer<UInt8>) -> Int {
        var iterator = slice.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            let before = offset
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return offset
            case .error: return before
            }
        }
    }

    mutating func optionalString() throws -> String? {
        consumeNull() ? nil : try string()
    }

    mutating func bool() throws -> Bool {
        if matches("true") { position += 4; return true }
        if matches("false") { position += 5; return false }
        throw error(describeUnexpected(expected: "true or false"))
    }

    /// Whether the bytes at the (whitespace-skipped) position spell `literal`.
    private mutating func matches(_ literal: StaticString) -> Bool {
        skipWhitespace()
        let count = literal.utf8CodeUnitCount
        guard position + count <= end else { return false }
        let pointer = literal.utf8Start
        for k in 0..<count where bytes[position + k] != pointer[k] { return false }
        return true
    }

    /// An integer; a fractional or exponent part is accepted and truncated.
    mutating func int() throws -> Int64 {
        guard let first = peek() else { throw error("unexpected end of data, expected a number") }
        var negative = false
        if first == 0x2D { negative = true; position += 1 }
        var value: Int64 = 0
        var digits = 0
        while position < end, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(bytes[position] - 0x30))
            guard !o1, !o2 else { throw error("number out of range") }
            value = s
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw error(describeUnexpected(expected: "a number")) }
        while position < end, let b = Optional(bytes[position]),
              b == 0x2E || b == 0x65 || b == 0x45 || b == 0x2B || b == 0x2D || (b >= 0x30 && b <= 0x39) {
            position += 1
        }
        return negative ? -value : value
    }

    mutating func optionalInt() throws -> Int64? {
        consumeNull() ? nil : try int()
    }

    /// Skips any value, checking only its structure.
    mutating func skipValue() throws {
        switch peek() {
        case 0x7B: try object { cursor, _ in try cursor.skipValue() }
        case 0x5B: try array { cursor, _ in try cursor.skipValue() }
        case 0x22: _ = try string()
        case 0x74, 0x66: _ = try bool()
        case 0x6E:
            guard consumeNull() else { throw error(describeUnexpected(expected: "a value")) }
        case .some(let b) where b == 0x2D || (b >= 0x30 && b <= 0x39): _ = try int()
        default: throw error(describeUnexpected(expected: "a value"))
        }
    }
}
