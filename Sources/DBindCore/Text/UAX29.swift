import ICUShim

/// ICU's rule status of a word segment, in the ranges ICU documents for `UBRK_WORD_*`.
public enum WordStatus: Sendable, Hashable {
    /// Spaces, punctuation, symbols, emoji: anything that is not a word.
    case none
    case number
    case letter
    case kana
    case ideograph

    init(icuStatus: Int32) {
        switch icuStatus {
        case 100..<200: self = .number
        case 200..<300: self = .letter
        case 300..<400: self = .kana
        case 400..<500: self = .ideograph
        default: self = .none
        }
    }
}

/// One UAX #29 word segment: code-point offsets and ICU's status.
public struct WordSegment: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var status: WordStatus
}

/// UAX #29 word and sentence boundaries from ICU, converted to code-point offsets.
///
/// This is the base segmentation without chat rules; ICU's dictionaries split Japanese,
/// Chinese, Thai, Khmer, Lao and Burmese text that has no spaces. One call per text. ASCII
/// text, where the rules are few, is segmented here as ICU would (tests compare the two).
public enum UAX29 {
    /// Word segments covering the whole text (spaces and punctuation included).
    public static func wordSegments(_ buffer: TextBuffer) -> [WordSegment] {
        asciiWordSegments(buffer.scalars) ?? icuWordSegments(buffer)
    }

    static func icuWordSegments(_ buffer: TextBuffer) -> [WordSegment] {
        let (boundaries, statuses) = breaks(kind: Int32(DBIND_BREAK_WORD), buffer)
        var segments = [WordSegment]()
        segments.reserveCapacity(boundaries.count)
        var previous = 0
        for (index, boundary) in boundaries.enumerated() {
            let end = buffer.scalarOffset(utf16: Int(boundary))
            if end > previous {
                segments.append(WordSegment(start: previous, end: end, status: WordStatus(icuStatus: statuses[index])))
            }
            previous = end
        }
        return segments
    }

    /// The word segments of ASCII text, by UAX #29's rules as ICU applies them, without asking
    /// ICU; nil for any other text. In ASCII the rules only join letters and digits (across a
    /// `.` or `'` between two letters, or a `.`, `'`, `,` or `;` between two digits), `_` to
    /// them, runs of spaces, and CR LF; ICU's tailoring keeps `:` from joining letters and
    /// counts `@` a letter. A segment is a number or a letter by its last digit or letter, as
    /// ICU reports it; the others have no status. A test holds this to ICU's answers.
    static func asciiWordSegments(_ s: [UInt32]) -> [WordSegment]? {
        for scalar in s where scalar >= 0x80 { return nil }
        guard !s.isEmpty else { return [] }
        var segments: [WordSegment] = []
        var start = 0
        var status = WordStatus.none
        for i in 0..<s.count {
            if i > 0, !asciiJoins(s, at: i) {
                segments.append(WordSegment(start: start, end: i, status: status))
                start = i
                status = .none
            }
            switch ASCIIWordClass(s[i]) {
            case .letter: status = .letter
            case .digit: status = .number
            // A second `_` in a row makes a letter; a lone `_` is nothing.
            case .extendNumLet where i > start && s[i - 1] == 0x5F: status = .letter
            default: break
            }
        }
        segments.append(WordSegment(start: start, end: s.count, status: status))
        return segments
    }

    /// Whether UAX #29 keeps `s[i - 1]` and `s[i]` in one segment.
    private static func asciiJoins(_ s: [UInt32], at i: Int) -> Bool {
        let a = ASCIIWordClass(s[i - 1]), b = ASCIIWordClass(s[i])
        let before = i >= 2 ? ASCIIWordClass(s[i - 2]) : .other, after = i + 1 < s.count ? ASCIIWordClass(s[i + 1]) : .other
        switch (a, b) {
        case (.cr, .lf): return true                                        // WB3
        case (.cr, _), (.lf, _), (.newline, _), (_, .cr), (_, .lf), (_, .newline): return false  // WB3a, WB3b
        case (.space, .space): return true                                  // WB3d
        case (.letter, .letter), (.letter, .digit), (.digit, .letter), (.digit, .digit): return true  // WB5, WB8-10
        case (.letter, .midNumLet) where after == .letter: return true      // WB6
        case (.midNumLet, .letter) where before == .letter: return true     // WB7
        case (.midNum, .digit) where before == .digit, (.midNumLet, .digit) where before == .digit: return true  // WB11
        case (.digit, .midNum) where after == .digit, (.digit, .midNumLet) where after == .digit: return true    // WB12
        case (.letter, .extendNumLet), (.digit, .extendNumLet), (.extendNumLet, .extendNumLet),
             (.extendNumLet, .letter), (.extendNumLet, .digit): return true  // WB13a, WB13b
        default: return false                                               // WB999
        }
    }

    /// Sentence boundaries as code-point offsets (excluding 0, including the text's end).
    public static func sentenceBoundaries(_ buffer: TextBuffer) -> [Int] {
        isOneASCIISentence(buffer.scalars) ? (buffer.count > 0 ? [buffer.count] : []) : icuSentenceBoundaries(buffer)
    }

    static func icuSentenceBoundaries(_ buffer: TextBuffer) -> [Int] {
        breaks(kind: Int32(DBIND_BREAK_SENTENCE), buffer).0.map { buffer.scalarOffset(utf16: Int($0)) }
    }

    /// Whether the text is printable ASCII (tabs allowed) without `.`, `!` or `?`. UAX #29 ends
    /// a sentence only after a terminator (ASCII's are those three) or a line or paragraph
    /// separator, so such a text is one sentence, without asking ICU (half the lines of
    /// Ubuntu's IRC channel are). Other control characters are left to ICU.
    static func isOneASCIISentence(_ scalars: [UInt32]) -> Bool {
        for scalar in scalars {
            switch scalar {
            case 0x00...0x08, 0x0A...0x1F, 0x21, 0x2E, 0x3F, 0x7F...: return false
            default: continue
            }
        }
        return true
    }

    private static func breaks(kind: Int32, _ buffer: TextBuffer) -> ([Int32], [Int32]) {
        let length = buffer.utf16.count
        guard length > 0 else { return ([], []) }
        var capacity = max(16, length / 3 + 8)
        while true {
            var boundaries = [Int32](repeating: 0, count: capacity)
            var statuses = [Int32](repeating: 0, count: capacity)
            let found = buffer.utf16.withUnsafeBufferPointer { text in
                boundaries.withUnsafeMutableBufferPointer { b in
                    statuses.withUnsafeMutableBufferPointer { s in
                        dbind_breaks(kind, text.baseAddress, Int32(length), b.baseAddress, s.baseAddress, Int32(capacity))
                    }
                }
            }
            // ICU failing on valid UTF-16 is not expected; fall back to one segment.
            if found < 0 { return ([Int32(length)], [0]) }
            if Int(found) <= capacity {
                boundaries.removeSubrange(Int(found)...)
                statuses.removeSubrange(Int(found)...)
                return (boundaries, statuses)
            }
            capacity = Int(found)
        }
    }
}

/// The UAX #29 word-break class of an ASCII scalar, with ICU's tailoring (`:` is no MidLetter).
private enum ASCIIWordClass {
    case cr, lf, newline, space, letter, digit, midNumLet, midNum, extendNumLet, other

    init(_ c: UInt32) {
        switch c {
        case 0x0D: self = .cr
        case 0x0A: self = .lf
        case 0x0B, 0x0C: self = .newline
        case 0x20: self = .space
        case 0x41...0x5A, 0x61...0x7A, 0x40: self = .letter  // ICU counts `@` a letter
        case 0x30...0x39: self = .digit
        case 0x2E, 0x27: self = .midNumLet  // `.` (MidNumLet) and `'` (Single_Quote) join alike
        case 0x2C, 0x3B: self = .midNum
        case 0x5F: self = .extendNumLet
        default: self = .other
        }
    }
}
