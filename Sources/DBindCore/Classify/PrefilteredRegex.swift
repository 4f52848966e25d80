import Foundation

/// A schema's `*_regex` pattern, compiled once, with the literal text every match begins with
/// when the pattern has one: a text without that literal cannot match and is not searched.
/// (`@(everyone|here)\b` is tried on every message; most have no `@`.)
struct PrefilteredRegex {
    let expression: NSRegularExpression
    /// Lowercase ASCII bytes every match begins with; empty when the pattern names none.
    let prefix: [UInt8]

    /// Nil when the pattern does not compile (schema validation reports it).
    init?(_ pattern: String) {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return nil }
        self.expression = expression
        prefix = Self.literalPrefix(pattern)
    }

    func matches(_ text: String) -> Bool {
        if !prefix.isEmpty, !Self.mayContain(text, prefix) { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The printable ASCII characters a pattern starts with before any operator, lowercased;
    /// the last is dropped when a `?`, `*` or `{` makes it optional. Empty when an alternation
    /// (`|`) outside parentheses and brackets means a match may start otherwise.
    static func literalPrefix(_ pattern: String) -> [UInt8] {
        let bytes = Array(pattern.utf8)
        var depth = 0, k = 0
        while k < bytes.count {
            switch bytes[k] {
            case UInt8(ascii: "\\"): k += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): depth -= 1
            case UInt8(ascii: "["):
                // A set ends at the first `]` not escaped and not first in it.
                k += 1
                if k < bytes.count, bytes[k] == UInt8(ascii: "^") { k += 1 }
                if k < bytes.count, bytes[k] == UInt8(ascii: "]") { k += 1 }
                while k < bytes.count, bytes[k] != UInt8(ascii: "]") { k += bytes[k] == UInt8(ascii: "\\") ? 2 : 1 }
            case UInt8(ascii: "|") where depth == 0: return []
            default: break
            }
            k += 1
        }
        var prefix: [UInt8] = []
        for byte in bytes {
            guard (0x20...0x7E).contains(byte), !operators.contains(byte) else {
                if [UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "{")].contains(byte), !prefix.isEmpty { prefix.removeLast() }
                break
            }
            prefix.append(ScalarClass.asciiLowerByte(byte))
        }
        return prefix
    }

    /// The bytes that end a pattern's literal start: operators, and `#` (a comment in extended mode).
    private static let operators = Set("\\^$.|?*+()[]{}#".utf8)

    /// Whether `text` contains `prefix`, ASCII letters in either case. True for any text with
    /// a non-ASCII byte: case-insensitive matching also takes `K` (Kelvin) for `k` and `ſ` for `s`.
    static func mayContain(_ text: String, _ prefix: [UInt8]) -> Bool {
        !text.utf8.allSatisfy { $0 < 0x80 } || prefix.withUnsafeBufferPointer { text.containsBytes($0, foldingASCIICase: true) }
    }
}
