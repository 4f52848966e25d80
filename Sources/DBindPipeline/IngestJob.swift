import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// How one file's ingest ended.
public struct IngestFileResult: Sendable {
    public var path: String
    public var channel: String?
    public var status: IngestFileStatus
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
    /// Messages written and bytes read so far over all files, and the bytes of all files.
    public var allMessages: Int
    public var allBytesRead: Int
    public var allBytes: Int

    /// The status line of the run.
    public var status: ProgressStatus {
        ProgressStatus(label: "ingest", done: allMessages, unit: "messages",
                       fraction: allBytes > 0 ? Double(allBytesRead) / Double(allBytes) : nil,
                       name: (file as NSString).lastPathComponent, step: "\(fileIndex + 1)/\(fileCount)")
    }
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
        // A load bigger than what is stored goes faster with the secondary indexes built afterwards.
        let incoming = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        let bulk = incoming / Self.bytesPerMessage > max(Self.bulkMinimum, (try? store.messageCount()) ?? 0)
        let dropped = bulk && (try? store.dropIngestIndexes()) != nil
        report.files.append(contentsOf: ingest(files: files, bytes: incoming))
        // If this fails the store is busy or full; opening it next time builds what is missing.
        if dropped { try? store.restoreIngestIndexes() }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// A rough size of one exported message, to guess how many messages files hold.
    static let bytesPerMessage = 800
    /// Loads smaller than this many messages are not worth rebuilding indexes for.
    static let bulkMinimum = 50_000

    /// What the parsing thread hands to the writing thread, in file order.
    private enum Event: Sendable {
        case opened(DCEExportHeader, fileSize: Int)
        case batch([Message], bytesRead: Int)
        /// The file ended: nil when it was read to the end, else the reading error.
        case closed(String?)
    }

    /// Parses on a background thread while this one writes, so both cores work.
    private func ingest(files: [String], bytes allBytes: Int) -> [IngestFileResult] {
        let queue = BoundedQueue<Event>(capacity: 4)
        // Written batches travel back to the parsing thread to be freed there: releasing
        // millions of strings and arrays is a large share of the work, and the writer is the
        // busier thread.
        let recycled = BoundedQueue<[Message]>(capacity: .max)
        let batchSize = self.batchSize
        startThread {
            for file in files {
                guard Self.parse(file: file, batchSize: batchSize, into: queue, recycled: recycled) else { return }
            }
        }
        let writer = IngestWriter(store: store)
        var results: [IngestFileResult] = []
        var earlierBytes = 0, earlierMessages = 0
        for (index, file) in files.enumerated() {
            var result = IngestFileResult(path: file, status: .failed, counts: IngestCounts(), bytes: 0)
            var header: DCEExportHeader?
            var writeError: String?
            var stopsWriting = false
            reading: while true {
                switch queue.take() {
                case .opened(let h, let size):
                    header = h
                    result.channel = h.channel.name
                    result.bytes = size
                    // A file with no messages still registers its guild and channel.
                    do { _ = try writer.write(guild: h.guild, channel: h.channel, exportedAt: h.exportedAt, messages: []) }
                    catch {
                        writeError = "\(error)"
                        stopsWriting = (error as? StoreError)?.kind.stopsWriting ?? false
                    }
                case .batch(let messages, let bytesRead):
                    guard let h = header, writeError == nil else { continue }
                    do {
                        result.counts += try writer.write(guild: h.guild, channel: h.channel, exportedAt: h.exportedAt, messages: messages)
                    } catch {
                        writeError = "\(error)"
                        stopsWriting = (error as? StoreError)?.kind.stopsWriting ?? false
                    }
                    recycled.put(messages)
                    progress?(IngestProgress(file: file, fileIndex: index, fileCount: files.count,
                                             messages: result.counts.total, bytesRead: bytesRead, bytesTotal: result.bytes,
                                             allMessages: earlierMessages + result.counts.total,
                                             allBytesRead: earlierBytes + bytesRead, allBytes: allBytes))
                case .closed(let readError):
                    result.error = writeError ?? readError
                    if result.error == nil {
                        result.status = .complete
                    } else {
                        // Messages before a broken one are valid and kept; the file is marked partial.
                        result.status = result.counts.total > 0 ? .partial : .failed
                    }
                    break reading
                }
            }
            try? writer.recordFile(path: file, channelID: header?.channel.id, sizeBytes: result.bytes,
                                   status: result.status, messages: result.counts.total, error: result.error)
            results.append(result)
            earlierBytes += result.bytes
            earlierMessages += result.counts.total
            if let writeError, stopsWriting {
                // The store cannot take more: report the remaining files as not ingested.
                queue.close()
                for rest in files[(index + 1)...] {
                    results.append(IngestFileResult(path: rest, status: .failed, counts: IngestCounts(), bytes: 0,
                                                    error: "\(rest): not ingested: \(writeError)"))
                }
                break
            }
        }
        return results
    }

    /// Reads one file into events; false once the writer has stopped listening.
    private static func parse(file: String, batchSize: Int, into queue: BoundedQueue<Event>,
                              recycled: BoundedQueue<[Message]>) -> Bool {
        let reader: DCEReader
        do {
            reader = try DCEReader(file: file)
        } catch {
            return queue.put(.closed("\(error)"))
        }
        guard queue.put(.opened(reader.header, fileSize: reader.fileSize)) else { return false }
        _ = recycled.drain()
        var batch: [Message] = []
        batch.reserveCapacity(batchSize)
        do {
            while let message = try reader.next() {
                batch.append(message)
                if batch.count >= batchSize {
                    guard queue.put(.batch(batch, bytesRead: reader.bytesRead)) else { return false }
                    batch = []
                    batch.reserveCapacity(batchSize)
                    _ = recycled.drain()
                }
            }
            if !batch.isEmpty { guard queue.put(.batch(batch, bytesRead: reader.bytesRead)) else { return false } }
            return queue.put(.closed(nil))
        } catch {
            if !batch.isEmpty { guard queue.put(.batch(batch, bytesRead: reader.bytesRead)) else { return false } }
            return queue.put(.closed("\(error)"))
        }
    }
}
