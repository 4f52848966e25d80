import DBindCore
import Foundation

/// The shape of what DiscordChatExporter writes, for the generators that imitate it: timestamps,
/// file names and emoji objects (`Snowflake(milliseconds:low:)` makes ids, `DCEWriter` lays out
/// the JSON).
public enum DCEFormat {
    /// A message time: whole milliseconds.
    public static func timestamp(milliseconds: Int64) -> String { timestamp(milliseconds, perSecond: 1000, digits: 3) }
    /// An edit time: Discord keeps microseconds there.
    public static func timestamp(microseconds: Int64) -> String { timestamp(microseconds, perSecond: 1_000_000, digits: 6) }
    /// `exportedAt`: .NET ticks (100 ns) since the Unix epoch.
    public static func timestamp(ticks: Int64) -> String { timestamp(ticks, perSecond: 10_000_000, digits: 7) }

    /// ISO 8601 in UTC with `+00:00` and trailing fraction zeros trimmed, as `Utf8JsonWriter`
    /// writes a `DateTimeOffset` when DCE runs with `--utc`.
    private static func timestamp(_ units: Int64, perSecond: Int64, digits: Int) -> String {
        let seconds = units >= 0 ? units / perSecond : (units - perSecond + 1) / perSecond
        var fraction = String(units - seconds * perSecond)
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let base = Timestamp(milliseconds: seconds * 1000).iso8601UTC.prefix(19)  // YYYY-MM-DDTHH:MM:SS
        return base + (fraction.isEmpty ? "" : "." + fraction) + "+00:00"
    }

    /// DCE's default file name, `<Guild> - <Parent> - <Channel> [<id>].json` (no parent part
    /// without a parent), with the characters file systems refuse replaced by `_`.
    public static func fileName(guild: String, parent: String?, channel: String, id: UInt64) -> String {
        let name = ([guild] + (parent.map { [$0] } ?? []) + ["\(channel) [\(id)]"]).joined(separator: " - ")
        let refused = Set("\\/:*?\"<>|".unicodeScalars)
        let safe = String(String.UnicodeScalarView(name.unicodeScalars.map {
            refused.contains($0) || $0.value < 0x20 ? "_" : $0
        }))
        return safe + ".json"
    }
}

extension DCEFormat {
    /// A standard emoji as DCE writes it (in reactions and `inlineEmojis`): no id, Discord's short
    /// code, and Twemoji's image, named by the code points in hex without U+FE0F unless the
    /// sequence has a ZWJ.
    public static func standardEmoji(_ emoji: String, code: String) -> DCEValue {
        var points = emoji.unicodeScalars.map(\.value)
        if !points.contains(0x200D) { points.removeAll { $0 == 0xFE0F } }
        let image = "https://cdn.jsdelivr.net/gh/twitter/twemoji@latest/assets/svg/"
            + points.map { String($0, radix: 16) }.joined(separator: "-") + ".svg"
        return ["id": "", "name": .string(emoji), "code": .string(code), "isAnimated": false, "imageUrl": .string(image)]
    }

    /// A guild's own emoji.
    public static func customEmoji(name: String, id: UInt64, animated: Bool) -> DCEValue {
        ["id": .string(String(id)), "name": .string(name), "code": .string(name), "isAnimated": .bool(animated),
         "imageUrl": .string("https://cdn.discordapp.com/emojis/\(id).\(animated ? "gif" : "png")")]
    }
}

/// Lays out `DCEValue`s as DCE's files do: two-space indentation, `"key": value`, `[]` and `{}`
/// when empty, `\n` line breaks. `JSONWriter` writes compact RFC 8259 text for dbind's own
/// outputs; the escaping rules here differ in every case it escapes, so they are kept apart.
public struct DCEWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// `value` as it stands `indent` levels deep: nested lines are indented one level more.
    public mutating func write(_ value: DCEValue, indent: Int = 0) {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let b): bytes.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let n): bytes.append(contentsOf: String(n).utf8)
        case .string(let s): string(s)
        case .array(let items):
            guard !items.isEmpty else { raw("[]"); return }
            bytes.append(0x5B)
            for (i, item) in items.enumerated() {
                startElement(i, indent: indent + 1)
                write(item, indent: indent + 1)
            }
            endContainer(0x5D, indent: indent)
        case .object(let members):
            guard !members.isEmpty else { raw("{}"); return }
            bytes.append(0x7B)
            for (i, (key, item)) in members.enumerated() {
                startElement(i, indent: indent + 1)
                member(key, item, indent: indent + 1)
            }
            endContainer(0x7D, indent: indent)
        }
    }

    /// `"key": value`, the value `indent` levels deep.
    public mutating func member(_ key: String, _ value: DCEValue, indent: Int) {
        string(key)
        bytes.append(contentsOf: [0x3A, 0x20])
        write(value, indent: indent)
    }

    /// The comma after the previous element, the line break and the indentation of element `index`.
    mutating func startElement(_ index: Int, indent: Int) {
        if index > 0 { bytes.append(0x2C) }
        bytes.append(0x0A)
        pad(indent)
    }

    mutating func endContainer(_ close: UInt8, indent: Int) {
        bytes.append(0x0A)
        pad(indent)
        bytes.append(close)
    }

    private mutating func pad(_ indent: Int) {
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * indent))
    }

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    /// A quoted string escaped as `UnsafeRelaxedJsonEscaping` does: `"` `\` and the control
    /// characters with short forms get them; characters outside the BMP become upper-case
    /// surrogate-pair escapes; other characters are raw unless their category is blocked
    /// (separators other than the space, controls, private use, unassigned) or they are U+FEFF.
    public mutating func string(_ value: String) {
        bytes.append(0x22)
        for scalar in value.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
            case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
            case 0x20..<0x7F: bytes.append(UInt8(v))
            case 0x10000...:
                let offset = v - 0x10000
                escape(0xD800 + (offset >> 10))
                escape(0xDC00 + (offset & 0x3FF))
            default:
                if v != 0xFEFF && Self.isRaw(scalar.properties.generalCategory) {
                    bytes.append(contentsOf: String(scalar).utf8)
                } else {
                    escape(v)
                }
            }
        }
        bytes.append(0x22)
    }

    private mutating func escape(_ unit: UInt32) {
        bytes.append(contentsOf: [0x5C, 0x75, Self.hex[Int(unit >> 12 & 0xF)], Self.hex[Int(unit >> 8 & 0xF)],
                                  Self.hex[Int(unit >> 4 & 0xF)], Self.hex[Int(unit & 0xF)]])
    }

    private static func isRaw(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .privateUse, .surrogate, .unassigned:
            return false
        default:
            return true
        }
    }
}

/// One DCE export file, written as it goes (messages one at a time) under a temporary name and
/// put in place by `finish()`: `guild`, `channel`, `dateRange`, `exportedAt`, `messages`,
/// `messageCount`, no trailing newline.
public final class DCEFileWriter {
    private let sink: LineSink
    private var writer = DCEWriter(capacity: 1 << 20)
    public private(set) var messageCount = 0

    /// Starts `path` with the export's header; `dateRange` is that of an export without
    /// `--after`/`--before`.
    public init(path: String, guild: DCEValue, channel: DCEValue, exportedAt: String) throws {
        sink = try LineSink(path: path)
        writer.raw("{")
        let header: [(String, DCEValue)] = [("guild", guild), ("channel", channel), ("dateRange", ["after": nil, "before": nil]),
                                            ("exportedAt", .string(exportedAt))]
        for (i, (key, value)) in header.enumerated() {
            writer.startElement(i, indent: 1)
            writer.member(key, value, indent: 1)
        }
        writer.startElement(header.count, indent: 1)
        writer.string("messages")
        writer.raw(": [")
    }

    public func append(message: DCEValue) throws {
        writer.startElement(messageCount, indent: 2)
        writer.write(message, indent: 2)
        messageCount += 1
        if writer.bytes.count > 1 << 20 { try flush() }
    }

    /// Closes the document and renames the file into place.
    public func finish() throws {
        if messageCount > 0 { writer.endContainer(0x5D, indent: 1) } else { writer.raw("]") }
        writer.startElement(1, indent: 1)
        writer.member("messageCount", .int(messageCount), indent: 1)
        writer.endContainer(0x7D, indent: 0)
        try flush()
        try sink.finish()
    }

    private func flush() throws {
        try sink.write(writer.bytes)
        writer.removeAll()
    }
}
