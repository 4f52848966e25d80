/// A person's verdict on an entity span, stored as a label value of the `entity-span` set:
/// `type@start-end` for a kept (possibly corrected) span, empty for "not an entity".
public struct SpanCorrection: Sendable, Hashable {
    public static let labelSet = "entity-span"

    public var type: String
    public var start: Int
    public var end: Int

    public init(type: String, start: Int, end: Int) {
        self.type = type
        self.start = start
        self.end = end
    }

    /// Parses `type@start-end`; nil for the empty "rejected" value or malformed text.
    public init?(value: String) {
        guard let at = value.lastIndex(of: "@") else { return nil }
        let type = String(value[..<at])
        let range = value[value.index(after: at)...].split(separator: "-", omittingEmptySubsequences: false)
        guard !type.isEmpty, range.count == 2, let start = Int(range[0]), let end = Int(range[1]), start >= 0, end > start else {
            return nil
        }
        self.init(type: type, start: start, end: end)
    }

    public var value: String { "\(type)@\(start)-\(end)" }

    /// Where the corrected span lies in a message's text (code points) and what it covers. A
    /// correction reaching past the text is cut at its end; one that covers nothing then gives
    /// nil, and the extractor's bounds stay (with the person's type). Review, export and import
    /// all place corrections through this one rule.
    public func placed(in scalars: [Unicode.Scalar]) -> (start: Int, end: Int, text: String)? {
        let end = min(self.end, scalars.count)
        guard start < end else { return nil }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<end])
        return (start, end, String(text))
    }

    /// The span a person's verdict leaves in force: nil when they rejected it, else their type
    /// and bounds (placed by `placed(in:)`), credited to them with full confidence. The
    /// extractor's normalised value stays only on a span kept as it was: it describes its text
    /// as its type reads it ("May" as a month is `--05`, not a project).
    public static func resolve(_ span: ExportSpan, verdict: String, annotator: String, in scalars: [Unicode.Scalar]) -> ExportSpan? {
        guard let correction = SpanCorrection(value: verdict) else { return nil }
        var result = span
        if let placed = correction.placed(in: scalars) { (result.start, result.end, result.text) = placed }
        result.type = correction.type
        if (result.type, result.start, result.end) != (span.type, span.start, span.end) { result.value = nil }
        result.rule = "manual:\(annotator)"
        result.confidence = 1
        return result
    }
}
