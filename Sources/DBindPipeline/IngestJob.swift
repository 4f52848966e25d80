import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// How one file's ingest ended.
public struct IngestFileResult: Sendable {
    public enum Status: String, Sendable {
        /// Every message of the file is stored.
        case complete
        /// The file broke part-way; the messages before the break are stored.
        case partial
        /// Nothing of the file is stored (unreadable, not an export, bad header).
        case failed
    }

    public var path: String
    public var channel: String?
    public var status: Status
    public var counts: IngestCounts
    public var bytes: Int
    /// One line: file, byte offset, JSON path and what is wrong.
    public var error: String?
}

/// Totals of an ingest run.
public struct IngestReport: Sendable {
    public var files: [IngestFileResult] = []
    public var seconds: Double = 0

    public var counts: IngestCounts {
        files.reduce(into: IngestCounts()) { $0 += $1.counts }
    }
    public var bytes: Int { files.reduce(0) { $0 + $1.bytes } }
    public var failures: [IngestFileResult] { files.filter { $0.status != .complete } }
}

/// Progress of a running ingest, for a terminal status line.
public struct IngestProgress: Sendable {
    public var file: String
    public var fileIndex: Int
    public var fileCount: Int
    public var messages: Int
    public var bytesRead: Int
    public var bytesTotal: Int
}

/// Ingests DiscordChatExporter JSON files and folders into a store.
///
/// Files are streamed and written in batches, one transaction each. A bad file is reported
/// (file, byte offset, JSON path) and the run goes on with the next one; what the store held
/// before is never touched by a failing batch.
public struct IngestJob {
    public var store: Store
    public var batchSize: Int
    public var progress: (@Sendable (IngestProgress) -> Void)?

    public init(store: Store, batchSize: Int = 5000, progress: (@Sendable (IngestProgress) -> Void)? = nil) {
        self.store = store
        self.batchSize = batchSize
        self.progress = progress
    }

    /// Expands folders (recursively, `.json` files, in path order) and ingests every file.
    public func run(paths: [String]) -> IngestReport {
        let start = Date()
        var report = IngestReport()
        var files: [String] = []
        for path in paths {
            switch ExportFiles.expand(path) {
            case .success(let found): files.append(contentsOf: found)
            case .failure(let error):
                report.files.append(IngestFileResult(path: path, status: .failed, counts: IngestCounts(), bytes: 0,
                                                     error: "\(path): \(error.reason)"))
            }
        }
        let writer = IngestWriter(store: store)
        for (index, file) in files.enumerated() {
            report.files.append(ingest(file: file, index: index, of: files.count, writer: writer))
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    private func ingest(file: String, index: Int, of count: Int, writer: IngestWriter) -> IngestFileResult {
        var result = IngestFileResult(path: file, status: .failed, counts: IngestCounts(), bytes: 0)
        let reader: DCEReader
        do {
            reader = try DCEReader(file: file)
        } catch {
            result.error = "\(error)"
            record(result, channelID: nil, writer: writer)
            return result
        }
        result.channel = reader.header.channel.name
        result.bytes = reader.fileSize
        var batch: [Message] = []
        batch.reserveCapacity(batchSize)
        func flush() throws {
            guard !batch.isEmpty else { return }
            result.counts += try writer.write(guild: reader.header.guild, channel: reader.header.channel,
                                              exportedAt: reader.header.exportedAt, messages: batch)
            batch.removeAll(keepingCapacity: true)
            progress?(IngestProgress(file: file, fileIndex: index, fileCount: count, messages: result.counts.total,
                                     bytesRead: reader.bytesRead, bytesTotal: reader.fileSize))
        }
        do {
            // A file with no messages still registers its guild and channel.
            if try reader.next().map({ batch.append($0) }) == nil {
                _ = try writer.write(guild: reader.header.guild, channel: reader.header.channel,
                                     exportedAt: reader.header.exportedAt, messages: [])
            }
            while let message = try reader.next() {
                batch.append(message)
                if batch.count >= batchSize { try flush() }
            }
            try flush()
            result.status = .complete
        } catch let error as DCEReadError {
            // Messages before the broken one are valid: keep them, and say the file is partial.
            do { try flush() } catch { result.error = "\(error)" }
            result.status = result.counts.total > 0 ? .partial : .failed
            result.error = result.error ?? "\(error)"
        } catch {
            result.status = result.counts.total > 0 ? .partial : .failed
            result.error = "\(file): \(error)"
        }
        record(result, channelID: reader.header.channel.id, writer: writer)
        return result
    }

    private func record(_ result: IngestFileResult, channelID: Snowflake?, writer: IngestWriter) {
        // Best effort: when the store itself is failing, the error is already in the result.
        try? writer.recordFile(path: result.path, channelID: channelID, sizeBytes: result.bytes,
                               status: result.status.rawValue, messages: result.counts.total, error: result.error)
    }
}
