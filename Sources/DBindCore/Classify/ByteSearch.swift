extension String {
    /// Substring test on UTF-8 bytes: exact, no locale or Unicode equivalence, and far cheaper
    /// than Foundation's `contains` for the short literal markers classification looks for.
    func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { containsBytes($0, foldingASCIICase: false) }
    }

    /// The same with the text's ASCII letters lowercased as they are compared, so a lowercase
    /// `pattern` is found in either case; when `foldingASCIICase` is false, exactly.
    @inline(__always)
    func containsBytes(_ pattern: UnsafeBufferPointer<UInt8>, foldingASCIICase fold: Bool) -> Bool {
        guard let first = pattern.first else { return true }
        var haystack = self
        return haystack.withUTF8 { bytes in
            guard bytes.count >= pattern.count else { return false }
            let byte = { (k: Int) in fold ? ScalarClass.asciiLowerByte(bytes[k]) : bytes[k] }
            var index = 0
            let last = bytes.count - pattern.count
            while index <= last {
                if byte(index) == first {
                    var offset = 1
                    while offset < pattern.count, byte(index + offset) == pattern[offset] { offset += 1 }
                    if offset == pattern.count { return true }
                }
                index += 1
            }
            return false
        }
    }
}
