/// A text decoded once into Unicode scalars and UTF-16, with offset conversion between them.
///
/// Spans in dbind are measured in Unicode scalars (code points): that is what Python strings,
/// spaCy, JSONL gold sets and most export formats count, and it does not depend on how a
/// runtime stores text. ICU and Foundation count UTF-16 units, so the buffer keeps both views
/// and converts at the edges. Texts without characters outside the Basic Multilingual Plane
/// (the common case) carry no conversion tables: the two offsets are equal.
public struct TextBuffer: Sendable {
    public let text: String
    /// The scalar values, indexed by code-point offset.
    public let scalars: [UInt32]
    /// The UTF-16 code units handed to ICU.
    public let utf16: [UInt16]
    /// UTF-16 offset → scalar offset (count utf16.count + 1); empty when offsets coincide.
    private let scalarOffsetOfUTF16: [Int32]
    /// Scalar offset → UTF-16 offset (count scalars.count + 1); empty when offsets coincide.
    private let utf16OffsetOfScalar: [Int32]

    public init(_ text: String) {
        self.text = text
        var scalars = [UInt32]()
        var utf16 = [UInt16]()
        scalars.reserveCapacity(text.utf8.count)
        utf16.reserveCapacity(text.utf8.count)
        var hasSupplementary = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            scalars.append(value)
            if value < 0x10000 {
                utf16.append(UInt16(truncatingIfNeeded: value))
            } else {
                hasSupplementary = true
                let offset = value - 0x10000
                utf16.append(UInt16(truncatingIfNeeded: 0xD800 + (offset >> 10)))
                utf16.append(UInt16(truncatingIfNeeded: 0xDC00 + (offset & 0x3FF)))
            }
        }
        self.scalars = scalars
        self.utf16 = utf16
        if hasSupplementary {
            var toScalar = [Int32](repeating: 0, count: utf16.count + 1)
            var toUTF16 = [Int32](repeating: 0, count: scalars.count + 1)
            var unit = 0
            for (index, value) in scalars.enumerated() {
                toUTF16[index] = Int32(unit)
                toScalar[unit] = Int32(index)
                if value >= 0x10000 {
                    toScalar[unit + 1] = Int32(index)
                    unit += 2
                } else {
                    unit += 1
                }
            }
            toUTF16[scalars.count] = Int32(unit)
            toScalar[unit] = Int32(scalars.count)
            scalarOffsetOfUTF16 = toScalar
            utf16OffsetOfScalar = toUTF16
        } else {
            scalarOffsetOfUTF16 = []
            utf16OffsetOfScalar = []
        }
    }

    public var count: Int { scalars.count }

    /// The code-point offset of a UTF-16 offset (an offset inside a surrogate pair maps to its scalar).
    public func scalarOffset(utf16 offset: Int) -> Int {
        scalarOffsetOfUTF16.isEmpty ? offset : Int(scalarOffsetOfUTF16[offset])
    }

    /// The UTF-16 offset of a code-point offset.
    public func utf16Offset(scalar offset: Int) -> Int {
        utf16OffsetOfScalar.isEmpty ? offset : Int(utf16OffsetOfScalar[offset])
    }

    /// The text between two code-point offsets.
    public func slice(_ start: Int, _ end: Int) -> String {
        var result = String.UnicodeScalarView()
        for index in start..<end {
            if let scalar = Unicode.Scalar(scalars[index]) { result.append(scalar) }
        }
        return String(result)
    }

    /// The scalar at an offset, or 0 outside the text (0 never occurs in chat text rules).
    public subscript(offset: Int) -> UInt32 {
        offset >= 0 && offset < scalars.count ? scalars[offset] : 0
    }
}

/// Offset conversion for callers that hold a `String` and a UTF-16 span (Foundation, NSRange).
public enum TextOffsets {
    /// Converts a code-point offset in `text` to a UTF-16 offset; nil when out of range.
    public static func utf16Offset(of scalarOffset: Int, in text: String) -> Int? {
        let scalars = text.unicodeScalars
        guard scalarOffset >= 0,
              let index = scalars.index(scalars.startIndex, offsetBy: scalarOffset, limitedBy: scalars.endIndex)
        else { return nil }
        return text.utf16.distance(from: text.utf16.startIndex, to: index)
    }

    /// Converts a UTF-16 offset in `text` to a code-point offset; nil when out of range or
    /// inside a surrogate pair.
    public static func scalarOffset(of utf16Offset: Int, in text: String) -> Int? {
        let units = text.utf16
        guard utf16Offset >= 0,
              let index = units.index(units.startIndex, offsetBy: utf16Offset, limitedBy: units.endIndex),
              let scalarIndex = index.samePosition(in: text.unicodeScalars)
        else { return nil }
        return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: scalarIndex)
    }
}
