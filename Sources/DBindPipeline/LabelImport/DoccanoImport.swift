import DBindCore
import DBindFormats
import DBindStore

/// doccano exports: sequence labeling (`label` as `[start, end, label]`, or `entities` with
/// `start_offset` / `end_offset` when relations are on) in UTF-16 code units unless dbind's
/// `meta` says otherwise; text classification (`label` as names) into `--label-set`.
/// doccano writes no annotator: labels are recorded for `--annotator`.
enum DoccanoImport {
    static func plan(_ record: [String: Any], into plan: inout ImportPlan, context: inout ImportContext) throws {
        guard let text = record["text"] as? String else { throw ImportPlan.Invalid("a record without text") }
        // doccano writes `label` (or `entities`) on every record, an empty list for no span: a
        // record with neither is another tool's, and reading it as "no span kept" would reject
        // every span of its text.
        guard record["label"] != nil || record["entities"] != nil else {
            throw ImportPlan.Invalid("not a doccano record: no label or entities (is --format right?)")
        }
        let meta = record["meta"] as? [String: Any]
        var spans: [AnnotatedSpan] = []
        var names: [String] = []
        for entry in record["label"] as? [Any] ?? [] {
            if let name = entry as? String {
                names.append(name)
            } else if let triple = entry as? [Any], triple.count == 3, let start = triple[0] as? Int, let end = triple[1] as? Int,
                      let label = triple[2] as? String {
                spans.append(AnnotatedSpan(start: start, end: end, label: label))
            } else {
                throw ImportPlan.Invalid("label: an entry that is neither [start, end, label] nor a label name")
            }
        }
        for entity in record["entities"] as? [[String: Any]] ?? [] {
            guard let start = entity["start_offset"] as? Int, let end = entity["end_offset"] as? Int,
                  let label = entity["label"] as? String else {
                throw ImportPlan.Invalid("entities: an entry without start_offset, end_offset and label")
            }
            spans.append(AnnotatedSpan(start: start, end: end, label: label))
        }
        let task = try TaskText(text: text, meta: meta, defaultOffsets: .utf16, context: &context)
        if !names.isEmpty {
            try classification(names, task: task, meta: meta, into: &plan, context: context)
        }
        if !spans.isEmpty || names.isEmpty {
            try SpanVerdicts.plan(spans, task: task, rejectUnmatched: true, annotator: context.annotator, into: &plan,
                                  store: context.store)
        }
    }

    private static func classification(_ names: [String], task: TaskText, meta: [String: Any]?, into plan: inout ImportPlan,
                                       context: ImportContext) throws {
        guard let labelSet = context.labelSet else {
            plan.unmatched.append("text-classification labels \(names) need --label-set to say which label set they are")
            return
        }
        let level = ImportContext.level(unit: meta?["unit"] as? String ?? (task.messages.count == 1 ? "message" : nil))
        guard let item = meta?["id"] as? String ?? (task.messages.count == 1 ? task.messages[0].id.description : nil),
              try context.store.itemExists(level: level, id: item) else {
            plan.unmatched.append("the record's \(level.rawValue) is not in the store")
            return
        }
        plan.writes.append(LabelWrite(level: level, item: item, labelSet: labelSet, value: names.sorted().joined(separator: ","),
                                      annotator: context.annotator))
    }
}
