import DBindCore
import DBindFormats
import DBindStore
import Foundation
import OrderedCollections

/// What an import did: labels written, labels already there, records that matched nothing,
/// and lines that could not be read.
public struct LabelImportReport: Encodable, Sendable {
    public var lines = 0
    public var format = ""
    public var written = 0
    public var unchanged = 0
    public var skipped = 0
    /// One entry per record or label that could not be matched to an item in the store.
    public var unmatched: [String] = []
    /// One `file:line: reason` per line that was not imported.
    public var errors: [String] = []

    public var text: String {
        var out = "Read \(lines) \(format) record(s): \(written) label(s) written, \(unchanged) already there, \(skipped) skipped"
        out += unmatched.isEmpty ? "\n" : ", \(unmatched.count) unmatched:\n" + unmatched.prefix(50).map { "  \($0)\n" }.joined()
        out += errors.isEmpty ? "" : "\(errors.count) line(s) not imported:\n" + errors.prefix(50).map { "  \($0)\n" }.joined()
        return out
    }
}

/// A file, or a line of it, that cannot be read.
public struct LabelImportError: Error, CustomStringConvertible {
    public var file: String
    /// 1-based line (JSON Lines) or task (a JSON array); 0 for the whole file.
    public var line: Int
    public var reason: String
    public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}

/// The files `import-labels` reads: each tool's own export shape.
public enum LabelImportFormat: String, Sendable, CaseIterable {
    case native, prodigy, doccano
    case labelStudio = "label-studio"

    /// The format of one record, by the keys only its format has.
    static func detect(_ record: [String: Any]) -> LabelImportFormat? {
        if record["format"] as? String == "dbind" { return .native }
        if record["data"] is [String: Any] { return .labelStudio }
        guard record["text"] is String else { return nil }
        if record["label"] is [Any] || record["entities"] is [Any] { return .doccano }
        if record["spans"] is [Any] || record["answer"] is String { return .prodigy }
        return nil
    }
}

/// One label an import record asks for.
struct LabelWrite {
    var level: ItemLevel
    var item: String
    var labelSet: String
    var value: String
    var annotator: String

    /// What the write decides: a later record of the same file deciding it again wins.
    var key: [String] { [level.rawValue, item, labelSet, annotator] }
}

/// Reads labels made elsewhere back into the store as manual labels.
///
/// Every record is first turned into the labels it means (reading the store only), then those
/// are written; a record that cannot be read is reported with its line and stores nothing,
/// while the other records are imported. A label equal to the stored one is left alone, so
/// importing a file twice changes nothing.
public struct LabelImportJob {
    public var store: Store
    /// Who the labels are recorded for when a record does not say.
    public var annotator: String
    /// Whether `annotator` replaces the annotators records name (`completed_by`, native labels).
    public var overridesRecords: Bool
    /// The format, when not detected from each record.
    public var format: LabelImportFormat?
    /// The label set of doccano text-classification labels, which name none.
    public var labelSet: String?
    /// The label sets the labels may belong to, registered before any is imported (as a review
    /// session registers its own), so that each set's labels decide its facet in every query
    /// and export of the store.
    public var labelSets: [LabelSetRecord]

    public init(store: Store, annotator: String, overridesRecords: Bool = false, format: LabelImportFormat? = nil,
                labelSet: String? = nil, labelSets: [LabelSetRecord] = []) {
        self.store = store
        self.annotator = annotator
        self.overridesRecords = overridesRecords
        self.format = format
        self.labelSet = labelSet
        self.labelSets = labelSets
    }

    public func run(file: String) throws -> LabelImportReport {
        let read: Data?
        do { read = try FileBytes.read(file) } catch { throw LabelImportError(file: file, line: 0, reason: "\(error)") }
        guard let data = read else { throw LabelImportError(file: file, line: 0, reason: "cannot read the file") }
        if !labelSets.isEmpty { try store.registerLabelSets(labelSets) }
        var report = LabelImportReport()
        var context = ImportContext(store: store, annotator: annotator, overridesRecords: overridesRecords, labelSet: labelSet)
        var formats = Set<LabelImportFormat>()
        // Each label the file decides, as its last record decides it, in order of first
        // appearance: a file that decides one label twice imports the same way every time.
        var decided: OrderedDictionary<[String], (line: Int, write: LabelWrite)> = [:]
        for (line, record) in try Self.records(data, file: file) {
            do {
                guard case .success(let object) = record else {
                    if case .failure(let failure) = record { throw LabelImportError(file: file, line: line, reason: failure.reason) }
                    continue
                }
                guard let format = format ?? LabelImportFormat.detect(object) else {
                    throw LabelImportError(file: file, line: line,
                                           reason: "not a record of a known format (dbind, Prodigy, doccano, Label Studio)")
                }
                formats.insert(format)
                report.lines += 1
                var plan = ImportPlan(line: line)
                switch format {
                case .native: try NativeImport.plan(object, into: &plan, context: &context)
                case .prodigy: try ProdigyImport.plan(object, into: &plan, context: &context)
                case .doccano: try DoccanoImport.plan(object, into: &plan, context: &context)
                case .labelStudio: try LabelStudioImport.plan(object, into: &plan, context: &context)
                }
                report.unmatched += plan.unmatched.map { "line \(line): \($0)" }
                report.skipped += plan.skipped
                for write in plan.writes { decided[write.key] = (line, write) }
            } catch let error as ImportPlan.Invalid {
                report.errors.append(LabelImportError(file: file, line: line, reason: error.reason).description)
            } catch let error as LabelImportError {
                report.errors.append(error.description)
            }
        }
        for (line, write) in decided.values {
            do {
                try apply(write, report: &report)
            } catch let error as LabelError {
                // A value the store refuses (not in its label set): that record's error, the others go on.
                report.errors.append(LabelImportError(file: file, line: line, reason: error.description).description)
            }
        }
        report.format = formats.map(\.rawValue).sorted().joined(separator: "+")
        return report
    }

    /// The records of a file: a JSON array (Label Studio's JSON export), numbered by position,
    /// or JSON Lines, numbered by line; blank lines are left out.
    static func records(_ data: Data, file: String) throws -> [(Int, Result<[String: Any], ReasonError>)] {
        let firstByte = data.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        if firstByte == UInt8(ascii: "[") {
            let array: Any
            do {
                array = try JSONSerialization.jsonObject(with: data)
            } catch {
                throw LabelImportError(file: file, line: 0, reason: "not a JSON array: \(Self.reason(error))")
            }
            return ((array as? [Any]) ?? []).enumerated().map { index, element in
                (index + 1, (element as? [String: Any]).map { .success($0) } ?? .failure(ReasonError("task \(index + 1) is not a JSON object")))
            }
        }
        var out: [(Int, Result<[String: Any], ReasonError>)] = []
        for (index, raw) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard !raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) else { continue }
            do {
                guard let object = try JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any] else {
                    out.append((index + 1, .failure(ReasonError("not a JSON object"))))
                    continue
                }
                out.append((index + 1, .success(object)))
            } catch {
                out.append((index + 1, .failure(ReasonError("not JSON: \(Self.reason(error))"))))
            }
        }
        return out
    }

    /// Foundation's parse error in one line, without its boilerplate.
    static func reason(_ error: Error) -> String {
        let info = (error as NSError).userInfo
        return (info[NSDebugDescriptionErrorKey] as? String) ?? "malformed JSON"
    }

    private func apply(_ write: LabelWrite, report: inout LabelImportReport) throws {
        let current = try store.labels(level: write.level, itemID: write.item)
            .first { $0.labelSet == write.labelSet && $0.annotator == write.annotator }
        if current?.value == write.value {
            report.unchanged += 1
            return
        }
        try store.setLabel(level: write.level, itemID: write.item, labelSet: write.labelSet, annotator: write.annotator,
                           value: write.value, action: .import)
        report.written += 1
    }
}

/// A reason a record cannot be read.
struct ReasonError: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
