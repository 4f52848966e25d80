import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Fixed-size plain values kept in a file instead of memory, by index: appended (buffered) or
/// written at any index, read back one at a time or in order. The file is unlinked as soon as
/// it is open, so nothing is left behind however the process ends. Used by one thread.
final class SpillFile<Element> {
    private let descriptor: Int32
    /// Where the file was made, for errors.
    private let directory: String
    /// Appended values not yet in the file, which holds `written` values before them.
    private var buffer: [Element] = []
    private var written = 0
    /// Values appended or written so far: one past the highest index.
    private(set) var count = 0

    /// Values a buffer holds: 1 MiB.
    private static var bufferCount: Int { Swift.max(1, (1 << 20) / MemoryLayout<Element>.stride) }

    init(directory: URL) throws {
        precondition(_isPOD(Element.self), "a spill file holds plain values")
        self.directory = directory.path
        var template = Array(directory.appendingPathComponent(".dbind-spill-XXXXXX").path.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw SpillError(directory: directory.path, code: errno) }
        descriptor = fd
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }

    deinit { close(descriptor) }

    func append(_ value: Element) throws {
        if buffer.capacity == 0 { buffer.reserveCapacity(Self.bufferCount) }
        buffer.append(value)
        count += 1
        if buffer.count >= Self.bufferCount { try flush() }
    }

    func append(contentsOf values: some Sequence<Element>) throws {
        for value in values { try append(value) }
    }

    /// Writes the buffered values to the file.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try write($0, at: written) }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `value` at `index`, past the end or over an earlier value.
    func write(_ value: Element, at index: Int) throws {
        try flush()
        // A whole stride, as reads take one.
        try [value].withUnsafeBytes { try write($0, at: index) }
        written = Swift.max(written, index + 1)
        count = Swift.max(count, written)
    }

    func read(_ index: Int) throws -> Element {
        precondition(index >= 0 && index < count, "spill index out of range")
        if index >= written { return buffer[index - written] }
        var values = [Element]()
        try read(index..<(index + 1), into: &values)
        return values[0]
    }

    /// Replaces `values` with the values at `range`, in the file or still buffered.
    func read(_ range: Range<Int>, into values: inout [Element]) throws {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "spill range out of range")
        values.removeAll(keepingCapacity: true)
        let fromFile = range.lowerBound..<Swift.max(range.lowerBound, Swift.min(range.upperBound, written))
        if !fromFile.isEmpty {
            let stride = MemoryLayout<Element>.stride
            values = try [Element](unsafeUninitializedCapacity: fromFile.count) { buffer, initialized in
                let bytes = UnsafeMutableRawBufferPointer(buffer)
                var done = 0
                while done < bytes.count {
                    let n = pread(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(fromFile.lowerBound * stride + done))
                    if n < 0, errno == EINTR { continue }
                    guard n > 0 else { throw SpillError(directory: directory, code: n == 0 ? EIO : errno) }
                    done += n
                }
                initialized = fromFile.count
            }
        }
        if range.upperBound > written {
            values += buffer[(Swift.max(range.lowerBound, written) - written)..<(range.upperBound - written)]
        }
    }

    /// The values from `start` on, read a buffer at a time.
    func reader(from start: Int = 0) -> Reader { Reader(file: self, next: start) }

    struct Reader {
        let file: SpillFile
        var next: Int
        private var chunk: [Element] = []
        private var chunkStart = 0

        init(file: SpillFile, next: Int) {
            self.file = file
            self.next = next
            chunkStart = next
        }

        /// The next value, or nil after the last.
        mutating func read() throws -> Element? {
            guard next < file.count else { return nil }
            if next - chunkStart >= chunk.count {
                chunkStart = next
                try file.read(next..<Swift.min(file.count, next + SpillFile.bufferCount), into: &chunk)
            }
            defer { next += 1 }
            return chunk[next - chunkStart]
        }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, at index: Int) throws {
        var done = 0
        let offset = index * MemoryLayout<Element>.stride
        while done < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw SpillError(directory: directory, code: n == 0 ? EIO : errno) }
            done += n
        }
    }
}

/// A temporary file of a job could not be made, written or read (a full disk, most often).
struct SpillError: Error, CustomStringConvertible {
    var directory: String
    var code: Int32

    var description: String { "cannot use a temporary file in \(directory): \(String(cString: strerror(code)))" }
}
