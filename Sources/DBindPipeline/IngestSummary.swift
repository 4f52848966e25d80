import DBindStore
import Foundation

/// The report printed after an ingest run.
public struct IngestSummary: Encodable {
    struct FileEntry: Encodable {
        var path: String
        var channel: String?
        var status: IngestFileStatus
        var messages: Int
        var error: String?
    }

    var files: Int
    var failed_files: Int
    var messages: Int
    var inserted: Int
    var updated: Int
    var kept: Int
    var bytes: Int
    var seconds: Double
    var messages_per_second: Double
    var file_results: [FileEntry]

    public init(_ report: IngestReport) {
        let counts = report.counts
        files = report.files.count
        failed_files = report.failures.count
        messages = counts.total
        inserted = counts.inserted
        updated = counts.updated
        kept = counts.kept
        bytes = report.bytes
        seconds = (report.seconds * 1000).rounded() / 1000
        messages_per_second = report.seconds > 0 ? (Double(counts.total) / report.seconds).rounded() : 0
        file_results = report.files.map {
            FileEntry(path: $0.path, channel: $0.channel, status: $0.status, messages: $0.counts.total, error: $0.error)
        }
    }

    /// One line per file that failed, for standard error: the file, where and why.
    public var errorLines: [String] {
        file_results.filter { $0.status != .complete }.map {
            "error: \($0.error ?? $0.path)\($0.status == .partial ? " (\($0.messages) messages before the error were stored)" : "")"
        }
    }

    public var text: String {
        var out = "Ingested \(files - failed_files) of \(files) file(s): \(messages) messages (\(inserted) new, \(updated) updated, \(kept) kept) in \(String(format: "%.2f", seconds)) s"
        if seconds > 0 { out += String(format: " (%.0f messages/s, %.1f MB/s)", messages_per_second, Double(bytes) / 1e6 / seconds) }
        return out + "\n"
    }
}
