import DBindCore
import DBindFormats
import DBindStore

/// The text of a span-format task and the messages it is made of, so a span labeled on the
/// text (in the tool's offset unit) finds its message and its code-point range there.
struct TaskText {
    let text: String
    let offsets: OffsetConverter
    /// Messages in text order: id and where each starts and ends, in code points.
    let messages: [(id: Snowflake, start: Int, end: Int)]

    /// Reads dbind's `meta` (message starts and their unit); without it the whole text must be
    /// exactly one stored message's text.
    init(text: String, meta: [String: Any]?, defaultOffsets: OffsetUnit, context: inout ImportContext) throws {
        self.text = text
        let unit = (meta?["offsets"] as? String).flatMap(OffsetUnit.init(rawValue:)) ?? defaultOffsets
        offsets = OffsetConverter(text: text, unit: unit)
        let count = text.unicodeScalars.count
        var starts: [(Snowflake, Int)] = []
        if let listed = meta?["messages"] as? [[String: Any]] {
            for m in listed {
                guard let id = (m["id"] as? String).flatMap(Snowflake.init), let start = m["start"] as? Int,
                      let codepoint = offsets.codepoint(of: start), codepoint <= count else {
                    throw ImportPlan.Invalid("meta.messages: an entry without a message id and a start inside the text")
                }
                starts.append((id, codepoint))
            }
        } else if let id = try context.matcher.message(withText: text) {
            starts = [(id, 0)]
        }
        // A message ends where the newline before the next one starts.
        messages = starts.enumerated().map { i, s in (s.0, s.1, i + 1 < starts.count ? starts[i + 1].1 - 1 : count) }
    }

    /// The message a task-level range (in the tool's unit) falls in, and the range inside it in code points.
    func locate(start: Int, end: Int) -> (message: Snowflake, start: Int, end: Int)? {
        guard let from = offsets.codepoint(of: start), let to = offsets.codepoint(of: end), from < to,
              let owner = messages.last(where: { $0.start <= from }), to <= owner.end else { return nil }
        return (owner.id, from - owner.start, to - owner.start)
    }
}

/// A span a person left on a task: task-level offsets in the tool's unit, and its label.
struct AnnotatedSpan {
    var start: Int
    var end: Int
    var label: String
}

/// Turns the spans a person left on a task into verdicts on dbind's entity spans.
///
/// A span at an entity's place keeps it (with the person's type); a span overlapping one
/// entity moves that entity's bounds; an entity with no span left on it is rejected, when the
/// record is a full annotation of the task. Entities are matched as the extractor found them,
/// rejected ones included, so a later file can put one back. `QUESTION` spans are matched to
/// dbind's questions and judged nowhere here (one left out counts as skipped). A span over no
/// entity or question is listed: dbind adds no spans.
enum SpanVerdicts {
    static func plan(_ spans: [AnnotatedSpan], task: TaskText, rejectUnmatched: Bool, annotator: String,
                     into plan: inout ImportPlan, store: Store) throws {
        guard !task.messages.isEmpty else {
            plan.unmatched.append("the task text matches no message (no dbind meta and no message with that text)")
            return
        }
        var byMessage: [Snowflake: [(start: Int, end: Int, label: String)]] = [:]
        for span in spans {
            guard let local = task.locate(start: span.start, end: span.end) else {
                throw ImportPlan.Invalid("span \(span.start)-\(span.end) (\(span.label)) is not inside one message of the text")
            }
            byMessage[local.message, default: []].append((local.start, local.end, span.label))
        }
        for message in task.messages {
            guard try store.itemExists(level: .message, id: message.id.description) else {
                plan.unmatched.append("message \(message.id) is not in the store")
                continue
            }
            // Matched against every span the extractor found, rejected ones included, so a
            // file can put back what an earlier one removed.
            let stored = try store.effectiveSpans(message: message.id, keepingRejected: true)
            var used = Set<SpanKey>()
            for span in byMessage[message.id, default: []] {
                let kind: SpanKind = span.label == "QUESTION" ? .question : .entity
                let candidates = stored.filter { $0.kind == kind && !used.contains($0.key) }
                let target = candidates.first { $0.start == span.start && $0.end == span.end }
                    ?? candidates.first { $0.start < span.end && span.start < $0.end }
                guard let target else {
                    plan.unmatched.append("span \(span.start)-\(span.end) (\(span.label)) of message \(message.id) is over no dbind \(kind.rawValue)")
                    continue
                }
                used.insert(target.key)
                // A question kept is no verdict on it (answered or not is not in the file).
                guard kind == .entity else { continue }
                plan.writes.append(LabelWrite(level: .span, item: target.key.description, labelSet: SpanCorrection.labelSet,
                                              value: SpanCorrection(type: span.label, start: span.start, end: span.end).value,
                                              annotator: annotator))
            }
            guard rejectUnmatched else { continue }
            // An entity the person removed is rejected. A question left out is counted as
            // skipped, not judged: the file cannot tell a question the person removed from one
            // the export filtered out (`--min-confidence`), and a wrong `not-a-question` would
            // hide the question everywhere; the questions queue judges them.
            for span in stored where !used.contains(span.key) {
                guard span.kind == .entity else {
                    plan.skipped += 1
                    continue
                }
                plan.writes.append(LabelWrite(level: .span, item: span.key.description, labelSet: SpanCorrection.labelSet,
                                              value: "", annotator: annotator))
            }
        }
    }
}
