import DBindCore
import DBindFormats
import DBindStore

/// Label Studio tasks (its JSON export, or one task per line): every annotation that was not
/// cancelled, by its `completed_by` (a user id, or an object with `email`). `labels` regions
/// become span verdicts (offsets in code points unless dbind's `meta` says otherwise);
/// `choices` become labels of the label set named by the control (`from_name`).
enum LabelStudioImport {
    static func plan(_ record: [String: Any], into plan: inout ImportPlan, context: inout ImportContext) throws {
        guard let data = record["data"] as? [String: Any], let text = data["text"] as? String else {
            throw ImportPlan.Invalid("a task without data.text")
        }
        let meta = data["meta"] as? [String: Any]
        let annotations = record["annotations"] as? [[String: Any]] ?? []
        guard !annotations.isEmpty else {
            plan.skipped += 1
            return
        }
        let task = try TaskText(text: text, meta: meta, defaultOffsets: .codepoint, context: &context)
        for annotation in annotations where annotation["was_cancelled"] as? Bool != true {
            let annotator = context.annotator(Self.annotator(annotation["completed_by"]))
            var spans: [AnnotatedSpan] = []
            var choices: [String: [String]] = [:]
            for result in annotation["result"] as? [[String: Any]] ?? [] {
                let value = result["value"] as? [String: Any] ?? [:]
                switch result["type"] as? String {
                case "labels":
                    guard let start = value["start"] as? Int, let end = value["end"] as? Int,
                          let label = (value["labels"] as? [String])?.first else {
                        throw ImportPlan.Invalid("a labels region without start, end and labels")
                    }
                    spans.append(AnnotatedSpan(start: start, end: end, label: label))
                case "choices":
                    guard let set = result["from_name"] as? String, let picked = value["choices"] as? [String] else {
                        throw ImportPlan.Invalid("a choices result without from_name and choices")
                    }
                    choices[set, default: []] += picked
                default:
                    plan.skipped += 1
                }
            }
            if !choices.isEmpty {
                let level = ImportContext.level(unit: meta?["unit"] as? String ?? (task.messages.count == 1 ? "message" : nil))
                let item = meta?["id"] as? String ?? task.messages.first?.id.description ?? ""
                if try context.store.itemExists(level: level, id: item) {
                    for (set, picked) in choices.sorted(by: { $0.key < $1.key }) {
                        plan.writes.append(LabelWrite(level: level, item: item, labelSet: set,
                                                      value: Array(Set(picked)).sorted().joined(separator: ","), annotator: annotator))
                    }
                } else {
                    plan.unmatched.append("\(level.rawValue) \(item) is not in the store")
                }
            }
            // An annotation with no `labels` regions (choices only, as dbind writes a person's labels)
            // says nothing about the entities.
            guard !spans.isEmpty else { continue }
            try SpanVerdicts.plan(spans, task: task, rejectUnmatched: true, annotator: annotator, into: &plan, store: context.store)
        }
    }

    /// `completed_by` as Label Studio writes it: a user id, or the user as an object.
    static func annotator(_ value: Any?) -> String? {
        if let user = value as? [String: Any] {
            return user["email"] as? String ?? (user["id"] as? Int).map { "label-studio-user-\($0)" }
        }
        return (value as? Int).map { "label-studio-user-\($0)" }
    }
}
