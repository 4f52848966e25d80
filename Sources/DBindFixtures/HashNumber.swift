import Crypto
import DBindCore
import DBindFormats
import Foundation

/// The SHA-256 of fixed strings read as a 256-bit big-endian number: the only source of variety
/// in the fixture guild, so every run and platform writes the same bytes.
struct HashNumber: Comparable {
    let digest: [UInt8]

    /// The parts as text (`Int`s in decimal), joined with `|`.
    init(_ parts: [any CustomStringConvertible]) {
        digest = Array(SHA256.hash(data: Data(parts.map(\.description).joined(separator: "|").utf8)))
    }

    static func < (a: HashNumber, b: HashNumber) -> Bool { a.digest.lexicographicallyPrecedes(b.digest) }

    /// The number modulo `n`, computed digit by digit in base 256.
    static func % (h: HashNumber, n: Int) -> Int {
        var remainder: UInt64 = 0
        for byte in h.digest { remainder = (remainder << 8 | UInt64(byte)) % UInt64(n) }
        return Int(remainder)
    }

    /// The low 64 bits of the number, masked.
    static func & (h: HashNumber, mask: UInt64) -> UInt64 {
        h.digest.suffix(8).reduce(0) { $0 << 8 | UInt64($1) } & mask
    }

    /// The first `count` digits of the digest in lower-case hex.
    func hex(_ count: Int) -> String {
        String(digest.map { String(format: "%02x", $0) }.joined().prefix(count))
    }
}

func hnum(_ parts: any CustomStringConvertible...) -> HashNumber { HashNumber(parts) }

/// `count` hex digits of the hash of `parts`.
func hhex(_ count: Int, _ parts: any CustomStringConvertible...) -> String { HashNumber(parts).hex(count) }

/// URL-safe base64 of the SHA-256 of `text`, without padding: how Discord's media proxy names a URL.
func proxyToken(_ text: String) -> String {
    Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

/// Unix milliseconds of `2025-12-01 15:00:07.250` or `2025-12-01 15:00:07` (UTC).
func when(_ text: String) -> Int64 {
    guard let time = Timestamp(iso8601: text + "Z") else { preconditionFailure("bad fixture time \(text)") }
    return time.milliseconds
}

/// A snowflake for `milliseconds` whose low bits come from the hash of `salt`.
func snowflake(_ milliseconds: Int64, _ salt: any CustomStringConvertible...) -> UInt64 {
    Snowflake(milliseconds: milliseconds, low: HashNumber(["snowflake", milliseconds] + salt) & 0x3FFFFF).rawValue
}
