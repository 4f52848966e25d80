import DBindCore
import DequeModule
import HeapModule

/// Streams the messages of several DiscordChatExporter files as one sequence in snowflake order.
///
/// A guild's channels run over the same months, so files read one after another put each
/// file's messages between those of the files before it, all over a store keyed by message id.
/// Merged, they arrive in id order and the store appends. Each file's own order is kept; a file
/// whose messages are out of order is merged as it reads.
public final class DCEMergedReader {
    /// What reading the files yields; every file yields `opened` (unless it cannot be opened),
    /// then its messages, then `closed`, after its last message.
    public enum Item {
        case opened(file: Int, header: DCEExportHeader, fileSize: Int)
        case message(file: Int, Message)
        /// Nil when the file was read to its end, else the reading error (messages before it were yielded).
        case closed(file: Int, error: String?)
    }

    public let files: [String]
    private let chunkSize: Int
    private var readers: [DCEReader?]
    /// Each open file's next message, keyed by its id and then its file (ties in file order).
    private var heap = Heap<Head>()
    private var next: [Message?]
    /// Items waiting to be yielded: every file's `opened` or `closed` at start, a `closed` after a message.
    private var pending = Deque<Item>()
    private var started = false
    /// Bytes read from files already closed.
    private var finishedBytes = 0

    private struct Head: Comparable {
        var id: UInt64
        var file: Int
        static func < (a: Head, b: Head) -> Bool { (a.id, a.file) < (b.id, b.file) }
    }

    /// - Parameter chunkSize: bytes each file reads at a time; all files are open at once.
    public init(files: [String], chunkSize: Int = 1 << 16) {
        self.files = files
        self.chunkSize = chunkSize
        readers = Array(repeating: nil, count: files.count)
        next = Array(repeating: nil, count: files.count)
    }

    /// Bytes consumed so far over all files.
    public var bytesRead: Int {
        readers.reduce(finishedBytes) { $0 + ($1?.bytesRead ?? 0) }
    }

    /// The next item, or nil once every file is closed.
    public func nextItem() -> Item? {
        if !started { start() }
        if let item = pending.popFirst() { return item }
        guard let head = heap.popMin(), let message = next[head.file] else { return nil }
        next[head.file] = nil
        advance(head.file)
        return .message(file: head.file, message)
    }

    /// Opens every file and reads its first message.
    private func start() {
        started = true
        for (index, file) in files.enumerated() {
            do {
                let reader = try DCEReader(file: file, chunkSize: chunkSize)
                readers[index] = reader
                pending.append(.opened(file: index, header: reader.header, fileSize: reader.fileSize))
            } catch {
                pending.append(.closed(file: index, error: "\(error)"))
            }
        }
        for index in files.indices where readers[index] != nil { advance(index) }
    }

    /// Reads `file`'s next message into the heap, or queues its `closed` after the last one.
    private func advance(_ file: Int) {
        guard let reader = readers[file] else { return }
        do {
            if let message = try reader.next() {
                next[file] = message
                heap.insert(Head(id: message.id.rawValue, file: file))
                return
            }
            pending.append(.closed(file: file, error: nil))
        } catch {
            pending.append(.closed(file: file, error: "\(error)"))
        }
        // Keep the byte count of a finished file, free its buffers.
        finishedBytes += reader.bytesRead
        readers[file] = nil
    }
}
