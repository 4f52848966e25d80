import DBindCore
import DBindFormats
import DBindStore

/// Prodigy tasks: `accept` keeps the task's spans (with the person's types and bounds) and
/// rejects the entities the person removed; `reject` rejects the task's spans; `ignore` is skipped,
/// and so is a task without an answer (one nobody has judged, such as dbind's own export).
enum ProdigyImport {
    static func plan(_ record: [String: Any], into plan: inout ImportPlan, context: inout ImportContext) throws {
        guard let answer = record["answer"] as? String, answer == "accept" || answer == "reject" else {
            plan.skipped += 1
            return
        }
        guard let text = record["text"] as? String else { throw ImportPlan.Invalid("a task without text") }
        let task = try TaskText(text: text, meta: record["meta"] as? [String: Any], defaultOffsets: .codepoint, context: &context)
        let spans = try (record["spans"] as? [[String: Any]] ?? []).map { span in
            guard let start = span["start"] as? Int, let end = span["end"] as? Int, let label = span["label"] as? String else {
                throw ImportPlan.Invalid("a span without start, end and label")
            }
            return AnnotatedSpan(start: start, end: end, label: label)
        }
        let annotator = context.annotator(record["_annotator_id"] as? String)
        var verdicts = ImportPlan(line: plan.line)
        try SpanVerdicts.plan(spans, task: task, rejectUnmatched: answer == "accept", annotator: annotator,
                              into: &verdicts, store: context.store)
        if answer == "reject" {
            for i in verdicts.writes.indices { verdicts.writes[i].value = "" }
        }
        plan.writes += verdicts.writes
        plan.unmatched += verdicts.unmatched
        plan.skipped += verdicts.skipped
    }
}
