import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// What an import did: labels written, labels already there, and records that matched nothing.
public struct LabelImportReport: Encodable, Sendable {
    public var lines = 0
    public var format = ""
    public var written = 0
    public var unchanged = 0
    public var skipped = 0
    /// One entry per record or label that could not be matched to an item in the store.
    public var unmatched: [String] = []

    public var text: String {
        var out = "Read \(lines) \(format) line(s): \(written) label(s) written, \(unchanged) already there, \(skipped) skipped"
        out += unmatched.isEmpty ? "\n" : ", \(unmatched.count) unmatched:\n" + unmatched.prefix(50).map { "  \($0)\n" }.joined()
        return out
    }
}

/// A line of an import file that cannot be read.
public struct LabelImportError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { "\(file):\(line): \(reason)" }
}

/// Reads labels made elsewhere back into the store as manual labels.
///
/// Native lines carry labels per unit and per message (with their annotators); Prodigy tasks
/// carry spans with an `accept` / `reject` answer, which become verdicts of the `entity-span`
/// label set. Items are matched by id, else by the text's hash. A label equal to the stored one
/// is left alone, so importing a file twice changes nothing.
public struct LabelImportJob {
    public var store: Store
    /// Who the labels are recorded for when a record does not say.
    public var annotator: String

    public init(store: Store, annotator: String) {
        self.store = store
        self.annotator = annotator
    }

    public func run(file: String) throws -> LabelImportReport {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw LabelImportError(file: file, line: 0, reason: "cannot read the file")
        }
        var report = LabelImportReport()
        var matcher = TextMatcher(store: store)
        for (index, raw) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            guard !raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) else { continue }
            guard let record = (try? JSONSerialization.jsonObject(with: Data(raw))) as? [String: Any] else {
                throw LabelImportError(file: file, line: line, reason: "not a JSON object")
            }
            report.lines += 1
            if record["format"] as? String == "dbind" {
                report.format = "native"
                try importNative(record, line: line, report: &report, matcher: &matcher)
            } else if record["text"] is String {
                report.format = "prodigy"
                try importProdigy(record, line: line, report: &report, matcher: &matcher)
            } else {
                throw LabelImportError(file: file, line: line, reason: "neither a dbind export line nor a Prodigy task")
            }
        }
        return report
    }

    private func set(level: ItemLevel, item: String, labelSet: String, value: String, annotator: String,
                     report: inout LabelImportReport) throws {
        let current = try store.labels(level: level, itemID: item).first { $0.labelSet == labelSet && $0.annotator == annotator }
        if current?.value == value {
            report.unchanged += 1
            return
        }
        try store.setLabel(level: level, itemID: item, labelSet: labelSet, annotator: annotator, value: value, action: "import")
        report.written += 1
    }

    private func labels(_ value: Any?) -> [(set: String, value: String, annotator: String?)] {
        (value as? [[String: Any]] ?? []).compactMap { l in
            guard let set = l["label_set"] as? String, let value = l["value"] as? String else { return nil }
            return (set, value, l["annotator"] as? String)
        }
    }

    private func importNative(_ record: [String: Any], line: Int, report: inout LabelImportReport, matcher: inout TextMatcher) throws {
        let unitKind = (record["unit"] as? String).flatMap(ExportUnit.Kind.init(rawValue:)) ?? .conversation
        let unitID = record["id"] as? String ?? ""
        let unitLabels = labels(record["labels"])
        if !unitLabels.isEmpty {
            let level: ItemLevel = unitKind == .channel ? .channel : unitKind == .message ? .message : .conversation
            if try store.itemExists(level: level, id: unitID) {
                for l in unitLabels {
                    try set(level: level, item: unitID, labelSet: l.set, value: l.value, annotator: l.annotator ?? annotator, report: &report)
                }
            } else {
                report.unmatched.append("line \(line): \(level.rawValue) \(unitID) is not in the store")
            }
        }
        for message in record["messages"] as? [[String: Any]] ?? [] {
            let messageLabels = labels(message["labels"])
            guard !messageLabels.isEmpty else { continue }
            let id = message["id"] as? String ?? ""
            var target: String? = try store.itemExists(level: .message, id: id) ? id : nil
            if target == nil, let text = message["text"] as? String { target = try matcher.message(withText: text)?.description }
            guard let target else {
                report.unmatched.append("line \(line): message \(id) matches no message by id or text")
                continue
            }
            for l in messageLabels {
                try set(level: .message, item: target, labelSet: l.set, value: l.value, annotator: l.annotator ?? annotator, report: &report)
            }
        }
    }

    private func importProdigy(_ record: [String: Any], line: Int, report: inout LabelImportReport, matcher: inout TextMatcher) throws {
        let answer = record["answer"] as? String ?? "accept"
        guard answer == "accept" || answer == "reject" else {
            report.skipped += 1
            return
        }
        let text = record["text"] as? String ?? ""
        // Where each message starts in the task text: from dbind's own meta, else the whole
        // text is one message found by its hash.
        var starts: [(id: String, start: Int)] = []
        if let meta = record["meta"] as? [String: Any], let messages = meta["messages"] as? [[String: Any]] {
            starts = messages.compactMap { m in (m["id"] as? String).map { ($0, m["start"] as? Int ?? 0) } }
        } else if let id = try matcher.message(withText: text) {
            starts = [(id.description, 0)]
        }
        guard !starts.isEmpty else {
            report.unmatched.append("line \(line): task text matches no message")
            return
        }
        let scalarCount = text.unicodeScalars.count
        for span in record["spans"] as? [[String: Any]] ?? [] {
            guard let start = span["start"] as? Int, let end = span["end"] as? Int, let label = span["label"] as? String,
                  start >= 0, end > start, end <= scalarCount else {
                report.unmatched.append("line \(line): a span without valid start, end and label")
                continue
            }
            guard label != "QUESTION" else {
                report.skipped += 1
                continue
            }
            guard let owner = starts.last(where: { $0.start <= start }), try store.itemExists(level: .message, id: owner.id),
                  let messageID = Snowflake(owner.id) else {
                report.unmatched.append("line \(line): span \(start)-\(end) falls in no stored message")
                continue
            }
            let local = SpanCorrection(type: label, start: start - owner.start, end: end - owner.start)
            let key = SpanKey(messageID: messageID, start: local.start, end: local.end)
            try set(level: .span, item: key.description, labelSet: SpanCorrection.labelSet,
                    value: answer == "accept" ? local.value : "", annotator: annotator, report: &report)
        }
    }
}

/// Finds a message by its exact text, through a hash index built on first use.
struct TextMatcher {
    let store: Store
    private var index: [Int32: [Snowflake]]?

    init(store: Store) {
        self.store = store
    }

    /// The message whose text is exactly `text`, when exactly one has it.
    mutating func message(withText text: String) throws -> Snowflake? {
        if index == nil {
            var built: [Int32: [Snowflake]] = [:]
            try store.forEachMessageText { id, content in built[StableHash.int32(content), default: []].append(id) }
            index = built
        }
        let candidates = try store.messages(ids: index?[StableHash.int32(text)] ?? []).filter { $0.content == text }
        return candidates.count == 1 ? candidates[0].id : nil
    }
}
