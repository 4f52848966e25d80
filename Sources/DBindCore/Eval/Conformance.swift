/// Result of checking a segmenter against Unicode's boundary conformance cases.
public struct ConformanceResult: Sendable {
    public var total: Int
    public var passed: Int
    /// 1-based line numbers of failing cases with expected and actual boundaries.
    public var failures: [(line: Int, expected: [Int], actual: [Int])]
}

/// Compares UAX #29 boundaries from ICU with conformance cases (pure: the caller reads the file).
public enum BreakConformance {
    public enum Kind: Sendable { case word, sentence }

    /// `cases`: (line number, text, expected inner boundaries as code-point offsets).
    public static func check(kind: Kind, cases: [(line: Int, text: String, boundaries: [Int])]) -> ConformanceResult {
        var result = ConformanceResult(total: 0, passed: 0, failures: [])
        for testCase in cases {
            let buffer = TextBuffer(testCase.text)
            let actual: [Int]
            switch kind {
            case .word: actual = UAX29.wordSegments(buffer).map(\.end).filter { $0 < buffer.count }
            case .sentence: actual = UAX29.sentenceBoundaries(buffer).filter { $0 < buffer.count }
            }
            result.total += 1
            if actual == testCase.boundaries {
                result.passed += 1
            } else {
                result.failures.append((testCase.line, testCase.boundaries, actual))
            }
        }
        return result
    }
}

/// Where ICU's root word-break rules knowingly differ from UAX #29's conformance file.
public enum UAX29Tailoring: String, Sendable {
    /// CLDR's root tailoring drops U+003A COLON (and U+FE55, U+FF1A) from MidLetter, so
    /// `a:b` breaks around the colon (keeps `http:`, `note:foo` and Swedish-style forms apart).
    case colonNotMidLetter = "colon-not-midletter"
    /// ICU 72 treats the prepended concatenation marks U+06DD ARABIC END OF AYAH and U+070F
    /// SYRIAC ABBREVIATION MARK as Format, where Unicode's data makes them Numeric / ALetter.
    case prependedConcatenationMark = "prepended-concatenation-mark"

    /// The tailoring that explains a failing case, if any.
    public static func explaining(_ scalars: [UInt32]) -> UAX29Tailoring? {
        if scalars.contains(where: { $0 == 0x3A || $0 == 0xFE55 || $0 == 0xFF1A }) { return .colonNotMidLetter }
        if scalars.contains(where: { $0 == 0x6DD || $0 == 0x70F }) { return .prependedConcatenationMark }
        return nil
    }
}
