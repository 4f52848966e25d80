import DBindCore
import DBindStore

/// `span <text>`: the entity span becomes the occurrence of the text nearest to where it was.
struct SpanTextCommand: ReviewCommand {
    var text: String

    func run(in session: ReviewSession) throws -> Bool {
        guard let item = try session.loadCurrent(), let base = try session.spanBase(item) else { return session.noItem() }
        guard let range = Self.find(text, in: item.focusMessage?.content ?? "", near: base.start) else {
            throw LabelError("'\(text)' does not occur in the message")
        }
        return try session.edit(item, SpanCorrection(type: base.type, start: range.start, end: range.end))
    }

    /// The code point range of `text` in `content` nearest to `near`.
    static func find(_ text: String, in content: String, near: Int) -> (start: Int, end: Int)? {
        let haystack = Array(content.unicodeScalars)
        let needle = Array(text.unicodeScalars)
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var best: Int?
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            if best.map({ abs(start - near) < abs($0 - near) }) ?? true { best = start }
        }
        return best.map { ($0, $0 + needle.count) }
    }
}
