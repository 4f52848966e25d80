import DBindCore
import DBindStore

/// dbind's own lines: labels per unit and per message, with their annotators.
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
            guard !messageLabels.isEmpty else { continue }
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
