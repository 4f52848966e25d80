/// Fast character classes over scalar values, used by the hot scanning loops.
///
/// ASCII classes are range checks the compiler inlines (a lookup table would be a lazily
/// initialized global, checked on every access); other scalars fall back to the standard
/// library's Unicode properties, which are slower but rare in the mostly-ASCII chat text.
enum ScalarClass {
    @inline(__always) static func isASCIILetter(_ c: UInt32) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isASCIIDigit(_ c: UInt32) -> Bool { c &- 48 < 10 }
    @inline(__always) static func isASCIIAlnum(_ c: UInt32) -> Bool { isASCIILetter(c) || isASCIIDigit(c) }
    @inline(__always) static func isHex(_ c: UInt32) -> Bool { isASCIIDigit(c) || (c | 0x20) &- 0x61 < 6 }
    @inline(__always) static func isUpper(_ c: UInt32) -> Bool { c &- 0x41 < 26 }
    /// Tab, line feed, vertical tab, form feed, carriage return and space.
    @inline(__always) static func isASCIISpace(_ c: UInt32) -> Bool { c == 0x20 || c &- 9 < 5 }

    static func properties(_ c: UInt32) -> Unicode.Scalar.Properties? { Unicode.Scalar(c)?.properties }

    /// Letters and digits of any script (what a word is made of).
    static func isAlnum(_ c: UInt32) -> Bool {
        if c < 128 { return isASCIIAlnum(c) }
        guard let p = properties(c) else { return false }
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark: return true
        default: return false
        }
    }

    static func isLetter(_ c: UInt32) -> Bool {
        if c < 128 { return isASCIILetter(c) }
        return properties(c)?.isAlphabetic ?? false
    }

    static func isWhitespace(_ c: UInt32) -> Bool {
        if c < 128 { return isASCIISpace(c) }
        return properties(c)?.isWhitespace ?? false
    }

    /// Unicode general category P* (what spaCy and Python call punctuation).
    static func isPunctuation(_ c: UInt32) -> Bool {
        guard let p = properties(c) else { return false }
        switch p.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    static func isRegionalIndicator(_ c: UInt32) -> Bool { c >= 0x1F1E6 && c <= 0x1F1FF }
    static func isEmojiModifier(_ c: UInt32) -> Bool { c >= 0x1F3FB && c <= 0x1F3FF }
    static func isTag(_ c: UInt32) -> Bool { c >= 0xE0020 && c <= 0xE007F }
    static let variationSelector16: UInt32 = 0xFE0F
    static let zeroWidthJoiner: UInt32 = 0x200D
    static let combiningKeycap: UInt32 = 0x20E3

    /// A scalar that starts an emoji on its own: default emoji presentation, or a pictograph
    /// from the symbol blocks people type without a variation selector (❤ ☺ ✔ ☀).
    static func isEmojiBase(_ c: UInt32) -> Bool {
        guard c >= 0xA9, let p = properties(c), p.isEmoji else { return false }
        if p.isEmojiPresentation { return true }
        return (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF) || c >= 0x1F000
    }

    /// A scalar with the Emoji property that becomes an emoji when followed by U+FE0F (© ™ ↔).
    static func isEmojiWithSelector(_ c: UInt32) -> Bool {
        guard c >= 0xA9 else { return false }
        return properties(c)?.isEmoji ?? false
    }

    /// Greek and Coptic or Greek Extended letters.
    static func isGreek(_ c: UInt32) -> Bool { (c >= 0x370 && c <= 0x3FF) || (c >= 0x1F00 && c <= 0x1FFF) }

    /// Lowercases ASCII letters and leaves everything else alone.
    @inline(__always) static func asciiLower(_ c: UInt32) -> UInt32 { isUpper(c) ? c + 32 : c }

    /// The same for one UTF-8 byte.
    @inline(__always) static func asciiLowerByte(_ b: UInt8) -> UInt8 { UInt8(truncatingIfNeeded: asciiLower(UInt32(b))) }
}
