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
    /// The file of the last message written.
    public var file: String
    public var filesDone: Int
    public var fileCount: Int
    /// Messages written and bytes read so far over all files, and the bytes of all files.
    public var messages: Int
    public var bytesRead: Int
    public var bytesTotal: Int

    /// The status line of the run.
    public var status: ProgressStatus {
        ProgressStatus(label: "ingest", done: messages, unit: "messages",
                       fraction: bytesTotal > 0 ? Double(bytesRead) / Double(bytesTotal) : nil,
                       name: (file as NSString).lastPathComponent, step: "\(filesDone)/\(fileCount)")
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
        report.files.append(contentsOf: store.withoutForeignKeyChecks { ingest(files: files, bytes: incoming) })
        if dropped {
            // The index builds leave the loaded pages as they are; meanwhile those go from the log
            // into the file on another thread. If a build fails the store is busy or full; opening
            // it next time builds what is missing.
            let copied = DispatchSemaphore(value: 0)
            startThread { [store] in
                try? store.checkpointAlongside()
                copied.signal()
            }
            try? store.restoreIngestIndexes()
            copied.wait()
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// A rough size of one exported message, to guess how many messages files hold.
    static let bytesPerMessage = 800
    /// Loads smaller than this many messages are not worth rebuilding indexes for.
    static let bulkMinimum = 50_000

    /// Files read at once and merged in time order; bounds open files and read buffers.
    static let mergeWidth = 256

    /// What the parsing thread hands to the writing thread. A file's `closed` follows the batch
    /// that holds its last message.
    private enum Event: Sendable {
        case opened(file: Int, DCEExportHeader, fileSize: Int)
        /// Messages in id order; `origins[i]` is the file of `messages[i]`.
        case batch([Message], origins: [Int], bytesRead: Int)
        /// The file ended: nil when it was read to the end, else the reading error.
        case closed(file: Int, String?)
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
            var start = 0, bytesBefore = 0
            while start < files.count {
                let end = min(start + Self.mergeWidth, files.count)
                guard let bytes = Self.parse(files: Array(files[start..<end]), first: start, bytesBefore: bytesBefore,
                                             batchSize: batchSize, into: queue, recycled: recycled) else { return }
                start = end
                bytesBefore += bytes
            }
        }
        let writer = IngestWriter(store: store)
        var results = files.map { IngestFileResult(path: $0, status: .failed, counts: IngestCounts(), bytes: 0) }
        var sources = Array(repeating: IngestSource(guild: Snowflake(0), exportedAt: nil), count: files.count)
        var channelIDs: [Snowflake?] = Array(repeating: nil, count: files.count)
        var writeErrors: [String?] = Array(repeating: nil, count: files.count)
        var isClosed = Array(repeating: false, count: files.count)
        var closedCount = 0, written = 0
        var lastFile = files.first ?? ""

        // Gives the error to each of `files` that has none yet; true if the store takes no more writes.
        func writeFailed(_ error: Error, files: some Sequence<Int>) -> Bool {
            for file in files where writeErrors[file] == nil { writeErrors[file] = "\(error)" }
            return (error as? StoreError)?.kind.stopsWriting ?? false
        }
        func close(_ file: Int, readError: String?) {
            var result = results[file]
            result.error = writeErrors[file] ?? readError
            if result.error == nil {
                result.status = .complete
            } else {
                // Messages before a broken one are valid and kept; the file is marked partial.
                result.status = result.counts.total > 0 ? .partial : .failed
            }
            try? writer.recordFile(path: result.path, channelID: channelIDs[file], sizeBytes: result.bytes,
                                   status: result.status, messages: result.counts.total, error: result.error)
            results[file] = result
            isClosed[file] = true
            closedCount += 1
        }

        var stopError: String?
        while closedCount < files.count, stopError == nil {
            switch queue.take() {
            case .opened(let file, let header, let size):
                results[file].channel = header.channel.name
                results[file].bytes = size
                channelIDs[file] = header.channel.id
                sources[file] = IngestSource(guild: header.guild.id, exportedAt: header.exportedAt)
                // A file with no messages still registers its guild and channel.
                do { try writer.register(guild: header.guild, channel: header.channel) }
                catch { if writeFailed(error, files: [file]) { stopError = "\(error)" } }
            case .batch(var messages, var origins, let bytesRead):
                if writeErrors.contains(where: { $0 != nil }) {
                    // A file that failed to write takes no more messages.
                    let keep = origins.indices.filter { writeErrors[origins[$0]] == nil }
                    messages = keep.map { messages[$0] }
                    origins = keep.map { origins[$0] }
                }
                do {
                    let counts = try writer.write(messages, origins: origins, sources: sources)
                    for file in Set(origins) { results[file].counts += counts[file] }
                } catch {
                    if writeFailed(error, files: Set(origins)) { stopError = "\(error)" }
                }
                written += messages.count
                lastFile = origins.last.map { files[$0] } ?? lastFile
                recycled.put(messages)
                progress?(IngestProgress(file: lastFile, filesDone: closedCount, fileCount: files.count,
                                         messages: written, bytesRead: bytesRead, bytesTotal: allBytes))
            case .closed(let file, let readError):
                close(file, readError: readError)
            }
        }
        if let stopError {
            // The store cannot take more: files not yet closed are reported as not (wholly) ingested.
            queue.close()
            for file in files.indices where !isClosed[file] {
                if writeErrors[file] == nil {
                    let what = results[file].counts.total == 0 ? "not ingested" : "stopped part-way"
                    writeErrors[file] = "\(files[file]): \(what): \(stopError)"
                }
                close(file, readError: nil)
            }
        }
        return results
    }

    /// Reads a group of files, merged in id order, into events, and returns the bytes read;
    /// nil once the writer has stopped listening. `first` is the index of the group's first file
    /// among all files, `bytesBefore` the bytes of the groups before it.
    private static func parse(files: [String], first: Int, bytesBefore: Int, batchSize: Int,
                              into queue: BoundedQueue<Event>, recycled: BoundedQueue<[Message]>) -> Int? {
        let reader = DCEMergedReader(files: files)
        var batch: [Message] = [], origins: [Int] = []
        var closed: [(Int, String?)] = []
        batch.reserveCapacity(batchSize)
        origins.reserveCapacity(batchSize)
        // Sends the batch, then the files that ended in it.
        func flush() -> Bool {
            if !batch.isEmpty {
                guard queue.put(.batch(batch, origins: origins, bytesRead: bytesBefore + reader.bytesRead)) else { return false }
                batch = []
                origins = []
                batch.reserveCapacity(batchSize)
                origins.reserveCapacity(batchSize)
                _ = recycled.drain()
            }
            for (file, error) in closed { guard queue.put(.closed(file: file, error)) else { return false } }
            closed.removeAll()
            return true
        }
        while let item = reader.nextItem() {
            switch item {
            case .opened(let file, let header, let size):
                guard queue.put(.opened(file: first + file, header, fileSize: size)) else { return nil }
            case .message(let file, let message):
                batch.append(message)
                origins.append(first + file)
                if batch.count >= batchSize { guard flush() else { return nil } }
            case .closed(let file, let error):
                closed.append((first + file, error))
            }
        }
        return flush() ? reader.bytesRead : nil
    }
}
