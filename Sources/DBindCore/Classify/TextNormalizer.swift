import Foundation

/// A name or text reduced to comparable words: decorations dropped, case, width and accents
/// folded, styled letters (𝐛𝐨𝐥𝐝, ｆｕｌｌｗｉｄｔｈ, ꜱᴍᴀʟʟ ᴄᴀᴘꜱ) mapped to plain ones.
public struct NormalizedText: Sendable, Hashable {
    /// Folded words in order.
    public let tokens: [String]
    /// Light English/Romance plural stems of the tokens (`announcements` → `announcement`).
    public let stems: [String]

    /// Words joined without separator, for scripts written without spaces and for compounds.
    public let compact: String
    /// `StemFilter` keys of the stems, so term sets test words without hashing their text.
    let stemKeys: [UInt64]
    /// `StemFilter.headKey` of the tokens, for `prefix*` terms.
    let headKeys: [UInt64?]

    public init(tokens: [String], stems: [String]) {
        self.tokens = tokens
        self.stems = stems
        compact = tokens.joined()
        stemKeys = stems.map(StemFilter.key)
        headKeys = tokens.map(StemFilter.headKey)
    }

    /// Words joined with `-`: the form globs and name regexes see (`📢┃Announcements` → `announcements`).
    public var joined: String { tokens.joined(separator: "-") }
    public var isEmpty: Bool { tokens.isEmpty }
}

/// Turns channel names, categories and message text into `NormalizedText`.
///
/// Real channel names mix emoji prefixes (`📢┃announcements`, `╭・general`), box-drawing and
/// fullwidth separators, styled Unicode letters and camelCase; all of that is layout, not meaning.
public enum TextNormalizer {
    /// Normalises `text`; `splitCamelCase` also breaks `GeneralChat` into two words (for names).
    public static func normalize(_ text: String, splitCamelCase: Bool = false) -> NormalizedText {
        var bytes = text
        if let ascii = bytes.withUTF8({ $0.allSatisfy { $0 < 0x80 } ? normalizeASCII($0, splitCamelCase: splitCamelCase) : nil }) {
            return ascii
        }
        var prepared = String.UnicodeScalarView()
        var previousWasLower = false
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
            let mapped = plainLetter(scalar) ?? scalar
            if splitCamelCase, previousWasLower, mapped.properties.isUppercase { prepared.append(" ") }
            previousWasLower = mapped.properties.isLowercase
            prepared.append(mapped)
        }
        let folded = String(prepared).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return NormalizedText(tokens: tokens, stems: tokens.map(stem))
    }

    /// The common case, plain ASCII, without Unicode normalisation and folding.
    private static func normalizeASCII(_ text: UnsafeBufferPointer<UInt8>, splitCamelCase: Bool) -> NormalizedText {
        var tokens: [String] = [], stems: [String] = []
        var current: [UInt8] = []
        var previousWasLower = false
        func flush() {
            guard !current.isEmpty else { return }
            let token = String(decoding: current, as: UTF8.self)
            tokens.append(token)
            stems.append(current.withUnsafeBufferPointer(asciiStem) ?? token)
            current.removeAll(keepingCapacity: true)
        }
        for byte in text {
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isLower = byte >= 0x61 && byte <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            if isUpper || isLower || isDigit {
                if splitCamelCase, previousWasLower, isUpper { flush() }
                current.append(isUpper ? byte + 0x20 : byte)
            } else {
                flush()
            }
            previousWasLower = isLower
        }
        flush()
        return NormalizedText(tokens: tokens, stems: stems)
    }

    /// Strips common plural endings of Latin-script words; other scripts pass through.
    public static func stem(_ token: String) -> String {
        var bytes = token
        return bytes.withUTF8(asciiStem) ?? token
    }

    /// The stem of a word given as UTF-8, when it is ASCII and ends in a plural ending; nil when
    /// the word is its own stem. Words are short, so their bytes are compared directly.
    private static func asciiStem(_ word: UnsafeBufferPointer<UInt8>) -> String? {
        guard word.count >= 4, word.allSatisfy({ $0 < 0x80 }) else { return nil }
        // Characters, as `String.count` has them: an ASCII CR LF is one.
        var characters = word.count
        for i in word.indices.dropLast() where word[i] == 0x0D && word[i + 1] == 0x0A { characters -= 1 }
        guard characters >= 4 else { return nil }
        func ends(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            return word.count >= n && memcmp(word.baseAddress! + (word.count - n), suffix.utf8Start, n) == 0
        }
        func dropping(_ n: Int, adding tail: String = "") -> String {
            String(decoding: UnsafeBufferPointer(rebasing: word.dropLast(n)), as: UTF8.self) + tail
        }
        if characters >= 5, ends("ies") { return dropping(3, adding: "y") }
        if ends("sses") || ends("ches") || ends("shes") || ends("xes") { return dropping(2) }
        if ends("s"), !ends("ss"), !ends("us"), !ends("is") { return dropping(1) }
        return nil
    }

    /// Letters, digits and combining marks make words; everything else separates them.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether the scalar belongs to a script written without spaces between words.
    static func isUnspacedScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, // kana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F, // Han
             0x0E00...0x0E7F, 0x0E80...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF: // Thai, Lao, Myanmar, Khmer
            return true
        default:
            return false
        }
    }

    /// Small capitals and regional-indicator letters that compatibility mapping leaves alone.
    static func plainLetter(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if (0x1F1E6...0x1F1FF).contains(scalar.value) { return Unicode.Scalar(scalar.value - 0x1F1E6 + 0x61) }
        return smallCapitals[scalar]
    }

    private static let smallCapitals: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(UInt32, Character)] = [
            (0x1D00, "a"), (0x0299, "b"), (0x1D04, "c"), (0x1D05, "d"), (0x1D07, "e"), (0xA730, "f"), (0x0262, "g"),
            (0x029C, "h"), (0x026A, "i"), (0x1D0A, "j"), (0x1D0B, "k"), (0x029F, "l"), (0x1D0D, "m"), (0x0274, "n"),
            (0x1D0F, "o"), (0x1D18, "p"), (0x0280, "r"), (0xA731, "s"), (0x1D1B, "t"), (0x1D1C, "u"),
            (0x1D20, "v"), (0x1D21, "w"), (0x028F, "y"), (0x1D22, "z"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (code, letter) in pairs {
            if let scalar = Unicode.Scalar(code), let plain = letter.unicodeScalars.first { table[scalar] = plain }
        }
        return table
    }()
}
