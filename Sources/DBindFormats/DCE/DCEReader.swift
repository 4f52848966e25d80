#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DBindCore

/// What a DiscordChatExporter file says before its messages.
public struct DCEExportHeader: Sendable {
    public var guild: Guild
    public var channel: Channel
    public var dateRangeAfter: Timestamp?
    public var dateRangeBefore: Timestamp?
    public var exportedAt: Timestamp?
}

/// A failure to read an export: names the file, the byte offset and the JSON path.
public struct DCEReadError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var offset: Int
    public var path: String
    public var reason: String

    public var description: String {
        "\(file): byte \(offset)\(path.isEmpty ? "" : " at \(path)"): \(reason)"
    }
}

/// Streams the messages of one DiscordChatExporter JSON file.
///
/// The file is read in chunks; each message object is located by a structural scan and then
/// decoded on its own, so memory holds one chunk plus one message, whatever the file's size.
/// The header (guild, channel, date range) is read on open; `next()` yields messages in file
/// order and, after the last one, checks the rest of the document.
public final class DCEReader {
    public let file: String
    public private(set) var header: DCEExportHeader
    /// `messageCount` as the file declares it (known once all messages are read).
    public private(set) var declaredMessageCount: Int?
    /// Total size of the file in bytes.
    public let fileSize: Int

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// File offset of `buffer[0]`.
    private var bufferBase = 0
    private var position = 0
    private var endOfFile = false
    private var messageIndex = 0
    private var inMessages = false
    private var finished = false
    /// Each `read(2)` lands here before joining the unconsumed bytes in `buffer`.
    private let chunk: UnsafeMutableBufferPointer<UInt8>

    /// Opens `file` and reads its header. Throws `DCEReadError` if it is not a readable export.
    /// - Parameter chunkSize: bytes per `read(2)`; smaller when many files are open at once.
    public init(file: String, chunkSize: Int = 1 << 20) throws {
        self.file = file
        descriptor = open(file, O_RDONLY)
        guard descriptor >= 0 else {
            throw DCEReadError(file: file, offset: 0, path: "", reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        chunk = .allocate(capacity: chunkSize)
        var info = stat()
        fileSize = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        header = DCEExportHeader(guild: Guild(id: Snowflake(0), name: ""),
                                 channel: Channel(id: Snowflake(0), guildID: Snowflake(0), type: "", name: ""))
        // On failure the fully initialised reader is released and `deinit` closes the file.
        try readHeader()
    }

    deinit {
        close(descriptor)
        chunk.deallocate()
    }

    /// Bytes of the file consumed so far, for progress reports.
    public var bytesRead: Int { bufferBase + position }

    /// The next message, or nil after the last one.
    public func next() throws -> Message? {
        guard inMessages else { return nil }
        do {
            guard let first = try peekByte() else { throw syntax("unexpected end of file inside \"messages\" (truncated export?)") }
            if first == 0x5D {
                position += 1
                inMessages = false
                try readMembers()
                return nil
            }
            if messageIndex > 0 {
                guard first == 0x2C else { throw syntax("expected ',' or ']' after message \(messageIndex - 1)") }
                position += 1
            }
            let channelID = header.channel.id
            let message = try at("messages[\(messageIndex)]") {
                try decodeValue { try DCEDecoding.message(&$0, channelID: channelID) }
            }
            messageIndex += 1
            return message
        } catch let error as JSONSyntaxError {
            throw DCEReadError(file: file, offset: error.offset, path: error.path, reason: error.reason)
        }
    }

    // MARK: Document structure

    private func readHeader() throws {
        do {
            if try peekByte() == 0xEF {  // a UTF-8 byte order mark, or garbage
                while buffer.count - position < 3, try fill() {}
                guard buffer.count - position >= 3, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF else {
                    throw syntax("not a DiscordChatExporter JSON export: expected a JSON object")
                }
                position += 3
            }
            guard try peekByte() == 0x7B else {
                throw syntax("not a DiscordChatExporter JSON export: expected a JSON object")
            }
            position += 1
            try readMembers()
        } catch let error as JSONSyntaxError {
            throw DCEReadError(file: file, offset: error.offset, path: error.path, reason: error.reason)
        }
    }

    private var sawGuild = false
    private var sawChannel = false

    /// Reads top-level members until the `messages` array opens or the object closes.
    private func readMembers() throws {
        var first = !sawGuild && !sawChannel && messageIndex == 0 && !finished
        while true {
            guard let b = try peekByte() else { throw syntax("unexpected end of file (truncated export?)") }
            if b == 0x7D {
                position += 1
                try expectEndOfFile()
                finished = true
                guard sawGuild, sawChannel else { throw notAnExport(missing: sawGuild ? "channel" : "guild") }
                if messageIndex == 0 && !inMessages && !sawMessages { throw notAnExport(missing: "messages") }
                return
            }
            if !first {
                guard b == 0x2C else { throw syntax("expected ',' or '}' between top-level members") }
                position += 1
            }
            first = false
            let key = try decodeValue { try $0.string() }
            guard try peekByte() == 0x3A else { throw syntax("expected ':' after \"\(key)\"") }
            position += 1
            switch key {
            case "messages":
                guard sawGuild, sawChannel else { throw notAnExport(missing: sawGuild ? "channel" : "guild") }
                guard try peekByte() == 0x5B else { throw syntax("expected an array").inside("messages") }
                position += 1
                inMessages = true
                sawMessages = true
                return
            case "guild":
                header.guild = try at("guild") { try decodeValue(DCEDecoding.guild) }
                header.channel.guildID = header.guild.id
                sawGuild = true
            case "channel":
                let guildID = header.guild.id
                header.channel = try at("channel") { try decodeValue { try DCEDecoding.channel(&$0, guildID: guildID) } }
                sawChannel = true
            case "dateRange":
                try at("dateRange") {
                    try decodeValue { c in
                        if c.consumeNull() { return }
                        try c.object { c, key in
                            switch key {
                            case "after": self.header.dateRangeAfter = try DCEDecoding.optionalTimestamp(&c)
                            case "before": self.header.dateRangeBefore = try DCEDecoding.optionalTimestamp(&c)
                            default: try c.skipValue()
                            }
                        }
                    }
                }
            case "exportedAt":
                header.exportedAt = try at("exportedAt") { try decodeValue(DCEDecoding.optionalTimestamp) }
            case "messageCount":
                declaredMessageCount = try at("messageCount") { try decodeValue { Int(try $0.int()) } }
            default:
                try decodeValue { try $0.skipValue() }
            }
        }
    }

    private var sawMessages = false

    private func notAnExport(missing key: String) -> JSONSyntaxError {
        syntax("not a DiscordChatExporter export: no \"\(key)\" \(key == "messages" ? "array" : "object") at the top level")
    }

    private func expectEndOfFile() throws {
        while let b = try peekByte() {
            throw syntax("unexpected data after the end of the export (byte 0x\(String(b, radix: 16)))")
        }
    }

    private func syntax(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: bytesRead, reason: reason)
    }

    // MARK: Buffering

    /// Decodes the complete JSON value that starts at the current position.
    ///
    /// Most values lie wholly in the buffer, so they are decoded in one pass over what is read.
    /// A value the buffer's end may cut off (one that fails, or ends at the end, or is not
    /// followed by `,` `]` `}` `:`) is decoded again by `decodeWholeValue`, which reads until
    /// the value is complete: that pass alone decides what is an error, and what its message is.
    private func decodeValue<T>(_ decode: (inout JSONCursor) throws -> T) throws -> T {
        guard try peekByte() != nil else { return try decodeWholeValue(decode) }
        let base = bufferBase
        let start = position
        let decoded: (value: T, end: Int)? = buffer.withUnsafeBufferPointer { pointer in
            var cursor = JSONCursor(bytes: pointer, start: start, end: pointer.count, baseOffset: base)
            guard let value = try? decode(&cursor) else { return nil }
            let end = cursor.position
            switch cursor.peek() {
            case 0x2C, 0x5D, 0x7D, 0x3A: return (value, end)
            default: return nil
            }
        }
        guard let decoded else { return try decodeWholeValue(decode) }
        position = decoded.end
        return decoded.value
    }

    /// Decodes the value at the current position after finding where it ends, reading more of
    /// the file until it is whole.
    private func decodeWholeValue<T>(_ decode: (inout JSONCursor) throws -> T) throws -> T {
        _ = try peekByte()
        let end = try extentOfValue()
        let base = bufferBase
        let start = position
        let value = try buffer.withUnsafeBufferPointer { pointer in
            var cursor = JSONCursor(bytes: pointer, start: start, end: end, baseOffset: base)
            let value = try decode(&cursor)
            cursor.skipWhitespace()
            guard cursor.position == end else { throw cursor.error("unexpected data after value") }
            return value
        }
        position = end
        return value
    }

    /// Skips whitespace (reading more as needed) and returns the next byte without consuming it.
    private func peekByte() throws -> UInt8? {
        while true {
            while position < buffer.count {
                let b = buffer[position]
                if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 } else { return b }
            }
            if try !fill() { return nil }
        }
    }

    /// Finds where the value at `position` ends, reading more of the file until it is whole.
    private func extentOfValue() throws -> Int {
        var scan = position
        var depth = 0
        var inString = false
        while true {
            let count = buffer.count
            let found: Int? = buffer.withUnsafeBufferPointer { p in
                var i = scan
                while i < count {
                    if inString {
                        i = Self.nextQuoteOrBackslash(p, from: i, count: count)
                        guard i < count else { break }
                    }
                    let b = p[i]
                    if inString {
                        if b == 0x5C { i += 2; continue }
                        if b == 0x22 {
                            inString = false
                            if depth == 0 { return i + 1 }
                        }
                    } else {
                        switch b {
                        case 0x22: inString = true
                        case 0x7B, 0x5B: depth += 1
                        case 0x7D, 0x5D:
                            depth -= 1
                            if depth <= 0 { return depth == 0 ? i + 1 : i }
                        case 0x2C, 0x3A, 0x20, 0x0A, 0x0D, 0x09:
                            if depth == 0 { return i }
                            if b == 0x20 {
                                i = indexAfterSpaces(p, from: i + 1, end: count)
                                continue
                            }
                        default: break
                        }
                    }
                    i += 1
                }
                scan = i
                return nil
            }
            if let found { return found }
            let shift = position
            guard try fill() else {
                if depth == 0 && !inString && scan > position { return buffer.count }
                throw JSONSyntaxError(offset: bufferBase + buffer.count,
                                      reason: "unexpected end of file inside a value (truncated export?)")
            }
            scan -= shift - position
        }
    }

    /// The first quote or backslash at or after `start`, or `count`. Most of an export's bytes are inside
    /// strings (message text, URLs, names), so they are skipped eight at a time.
    @inline(__always)
    private static func nextQuoteOrBackslash(_ p: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = start
        let raw = UnsafeRawPointer(p.baseAddress!)
        while i + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let quotes = word ^ (ones &* 0x22), slashes = word ^ (ones &* 0x5C)
            // A byte's high bit is set where a byte of `quotes` or `slashes` is zero; the lowest is exact.
            let hits = ((quotes &- ones) & ~quotes | (slashes &- ones) & ~slashes) & highs
            if hits != 0 { return i + hits.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < count, p[i] != 0x22, p[i] != 0x5C { i += 1 }
        return i
    }

    /// Drops consumed bytes and appends the next chunk; false at end of file.
    private func fill() throws -> Bool {
        if endOfFile { return false }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            bufferBase += position
            position = 0
        }
        var got: Int
        repeat { got = read(descriptor, chunk.baseAddress!, chunk.count) } while got < 0 && errno == EINTR
        guard got >= 0 else {
            throw JSONSyntaxError(offset: bufferBase + buffer.count, reason: "read failed: \(String(cString: strerror(errno)))")
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<got]))
        if got == 0 { endOfFile = true; return false }
        return true
    }
}
