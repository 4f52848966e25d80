/// A Discord snowflake id, kept exactly as the unsigned 64-bit integer Discord issues.
///
/// Ids travel as decimal strings in exports and JSON output (JavaScript and many JSON tools
/// lose precision above 2^53), and as the same bits in a signed 64-bit SQLite integer.
public struct Snowflake: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }
    public init(_ value: UInt64) { self.rawValue = value }

    /// Parses a decimal snowflake; nil for empty, signed, non-digit or overflowing text.
    public init?(_ text: some StringProtocol) {
        guard !text.isEmpty, text.utf8.count <= 20, let value = UInt64(text) else { return nil }
        rawValue = value
    }

    /// The same bits as a signed integer, the form SQLite stores.
    public var int64: Int64 { Int64(bitPattern: rawValue) }
    public init(int64: Int64) { rawValue = UInt64(bitPattern: int64) }

    /// Discord's epoch, 2015-01-01T00:00:00Z, in milliseconds since the Unix epoch.
    public static let epochMilliseconds: Int64 = 1_420_070_400_000

    /// The id made at `milliseconds`; `low` fills the worker, process and increment bits (22).
    public init(milliseconds: Int64, low: UInt64) {
        rawValue = UInt64(milliseconds - Snowflake.epochMilliseconds) << 22 | (low & 0x3FFFFF)
    }

    /// Creation time encoded in the id, in milliseconds since the Unix epoch.
    public var createdAtMilliseconds: Int64 { Int64(rawValue >> 22) + Snowflake.epochMilliseconds }

    public var description: String { String(rawValue) }
    public static func < (a: Snowflake, b: Snowflake) -> Bool { a.rawValue < b.rawValue }
}
