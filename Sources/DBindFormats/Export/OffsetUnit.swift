/// What a span offset counts. Python (spaCy, Prodigy) and Label Studio count code points; doccano's
/// editor counts UTF-16 code units (JavaScript string indices); a few tools count user-perceived
/// characters (grapheme clusters).
public enum OffsetUnit: String, Sendable, CaseIterable {
    case codepoint, utf16, grapheme
}

/// Turns code-point offsets into one text into another unit.
///
/// Built once per text: a table from each code-point index (0...count) to the offset in the
/// target unit. An offset inside a grapheme cluster maps to the end of that cluster.
public struct OffsetConverter: Sendable {
    public let unit: OffsetUnit
    private let table: [Int]

    public init(text: String, unit: OffsetUnit) {
        self.unit = unit
        switch unit {
        case .codepoint:
            table = []
        case .utf16:
            var table = [0]
            table.reserveCapacity(text.unicodeScalars.count + 1)
            for scalar in text.unicodeScalars { table.append(table[table.count - 1] + scalar.utf16.count) }
            self.table = table
        case .grapheme:
            var table = [0]
            var clusters = 0
            for character in text {
                clusters += 1
                let scalars = character.unicodeScalars.count
                // Inside a cluster, an offset rounds up to the cluster's end.
                table.append(contentsOf: repeatElement(clusters, count: scalars))
            }
            self.table = table
        }
    }

    public func callAsFunction(_ codepoint: Int) -> Int {
        unit == .codepoint ? codepoint : table[max(0, min(codepoint, table.count - 1))]
    }

    /// The code-point offset that maps to `offset`, when one does exactly. Several code points
    /// map to one grapheme offset (a cluster's inside rounds up to its end); the last of them is
    /// the cluster boundary.
    public func codepoint(of offset: Int) -> Int? {
        guard unit != .codepoint else { return offset }
        // The table is non-decreasing: find the first index past `offset`, and step back one.
        var low = 0, high = table.count
        while low < high {
            let mid = (low + high) / 2
            if table[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low > 0 && table[low - 1] == offset ? low - 1 : nil
    }
}
