import DBindCore
import DBindStore

/// dbind's own lines: labels per unit, per message and per span, with their annotators. A span
/// label goes to the span the target store's extractor found at the same place.
enum NativeImport {
    static func plan(_ record: [String: Any], into plan: inout ImportPlan, context: inout ImportContext) throws {
        let level = ImportContext.level(unit: record["unit"] as? String)
        let unitID = record["id"] as? String ?? ""
        let unitLabels = try labels(record["labels"])
        if !unitLabels.isEmpty {
            if try context.store.itemExists(level: level, id: unitID) {
                for l in unitLabels {
                    plan.writes.append(LabelWrite(level: level, item: unitID, labelSet: l.set, value: l.value,
                                                  annotator: context.annotator(l.annotator)))
                }
            } else {
                plan.unmatched.append("\(level.rawValue) \(unitID) is not in the store")
            }
        }
        for message in record["messages"] as? [[String: Any]] ?? [] {
            let messageLabels = try labels(message["labels"])
            let spanLabels = try self.spanLabels(message["span_labels"])
            guard !messageLabels.isEmpty || !spanLabels.isEmpty else { continue }
            let id = message["id"] as? String ?? ""
            var target: String? = try context.store.itemExists(level: .message, id: id) ? id : nil
            if target == nil, let text = message["text"] as? String { target = try context.matcher.message(withText: text)?.description }
            guard let target else {
                plan.unmatched.append("message \(id) matches no message by id or text")
                continue
            }
            for l in messageLabels {
                plan.writes.append(LabelWrite(level: .message, item: target, labelSet: l.set, value: l.value,
                                              annotator: context.annotator(l.annotator)))
            }
            guard !spanLabels.isEmpty, let messageID = Snowflake(target) else { continue }
            let found = Set(try context.store.spans(message: messageID).map(\.key))
            for l in spanLabels {
                let key = SpanKey(messageID: messageID, start: l.start, end: l.end)
                guard found.contains(key) else {
                    plan.unmatched.append("span \(l.start)-\(l.end) of message \(target): the extractor found no span there")
                    continue
                }
                plan.writes.append(LabelWrite(level: .span, item: key.description, labelSet: l.set, value: l.value,
                                              annotator: context.annotator(l.annotator)))
            }
        }
    }

    private static func spanLabels(_ value: Any?) throws -> [(start: Int, end: Int, set: String, value: String, annotator: String?)] {
        guard let value else { return [] }
        guard let list = value as? [[String: Any]] else { throw ImportPlan.Invalid("span_labels: not a list of objects") }
        return try list.map { l in
            guard let start = l["start"] as? Int, let end = l["end"] as? Int, let set = l["label_set"] as? String,
                  let value = l["value"] as? String else {
                throw ImportPlan.Invalid("a span label without start, end, label_set and value")
            }
            return (start, end, set, value, l["annotator"] as? String)
        }
    }

    private static func labels(_ value: Any?) throws -> [(set: String, value: String, annotator: String?)] {
        guard let value else { return [] }
        guard let list = value as? [[String: Any]] else { throw ImportPlan.Invalid("labels: not a list of objects") }
        return try list.map { l in
            guard let set = l["label_set"] as? String, let value = l["value"] as? String else {
                throw ImportPlan.Invalid("a label without label_set and value")
            }
            return (set, value, l["annotator"] as? String)
        }
    }
}
