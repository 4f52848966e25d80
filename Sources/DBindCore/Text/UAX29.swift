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
/// Chinese, Thai, Khmer, Lao and Burmese text that has no spaces. One call per text.
public enum UAX29 {
    /// Word segments covering the whole text (spaces and punctuation included).
    public static func wordSegments(_ buffer: TextBuffer) -> [WordSegment] {
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

    /// Sentence boundaries as code-point offsets (excluding 0, including the text's end).
    public static func sentenceBoundaries(_ buffer: TextBuffer) -> [Int] {
        isOneASCIISentence(buffer.scalars) ? (buffer.count > 0 ? [buffer.count] : []) : icuSentenceBoundaries(buffer)
    }

    static func icuSentenceBoundaries(_ buffer: TextBuffer) -> [Int] {
        breaks(kind: Int32(DBIND_BREAK_SENTENCE), buffer).0.map { buffer.scalarOffset(utf16: Int($0)) }
    }

    /// Whether the text is ASCII without `.`, `!`, `?`, CR or LF. UAX #29 ends a sentence only
    /// after a terminator (ASCII's are those three) or a line or paragraph separator, so such a
    /// text is one sentence, without asking ICU (half the lines of Ubuntu's IRC channel are).
    static func isOneASCIISentence(_ scalars: [UInt32]) -> Bool {
        for scalar in scalars {
            switch scalar {
            case 0x0A, 0x0D, 0x21, 0x2E, 0x3F, 0x80...: return false
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
