import ICUShim

/// Facts about the Unicode implementation behind segmentation.
public enum UnicodeInfo {
    /// The Unicode version of the ICU library in use (e.g. "15.0").
    public static var icuUnicodeVersion: String {
        var buffer = [CChar](repeating: 0, count: 16)
        dbind_unicode_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
