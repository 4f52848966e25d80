#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib
import Foundation

/// Where exported lines go: standard output, a file, or a gzip file (by `.gz` extension).
///
/// A file is written under a temporary name in its destination folder and renamed over the
/// destination by `finish()`, so a killed or failed run never leaves a file that looks finished;
/// an unfinished sink removes its temporary file, and so does a run stopped by a signal
/// (`TemporaryPaths`).
public final class LineSink {
    public let path: String?
    /// The temporary file being written until `finish()` renames it to `path`.
    private let temporaryPath: String?
    private var finished = false
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var stream: UnsafeMutablePointer<z_stream>?
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    /// Bytes handed to `write`, before compression.
    public private(set) var bytesWritten = 0

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes to standard output.
    public init() {
        path = nil
        temporaryPath = nil
        descriptor = STDOUT_FILENO
        ownsDescriptor = false
    }

    /// Writes `path` (replacing it once finished); a `.gz` name writes gzip.
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp").path
        temporaryPath = temporary
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "\(path): cannot create: \(String(cString: strerror(errno)))") }
        TemporaryPaths.register(temporary)
        ownsDescriptor = true
        if path.hasSuffix(".gz") {
            // zlib keeps the stream's address and refuses a moved copy, so it lives on the heap.
            let z = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            z.initialize(to: z_stream())
            // windowBits 15 + 16 selects the gzip wrapper; its header carries no time stamp,
            // so the same export gives the same bytes.
            guard deflateInit2_(z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                                Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                z.deallocate()
                close(descriptor)
                unlink(temporary)
                TemporaryPaths.unregister(temporary)
                finished = true  // cleaned up here: deinit must not close or unlink again
                throw Failure(description: "\(path): cannot start gzip compression")
            }
            stream = z
        }
    }

    deinit {
        if let stream {
            deflateEnd(stream)
            stream.deallocate()
        }
        if ownsDescriptor && !finished { close(descriptor) }
        if let temporaryPath, !finished {
            unlink(temporaryPath)
            TemporaryPaths.unregister(temporaryPath)
        }
    }

    /// Writes a whole file under a temporary name and puts it in place: for files made in one go
    /// (a report, a config, a context).
    public static func write(_ text: String, toFile path: String) throws {
        let sink = try LineSink(path: path)
        try sink.write(Array(text.utf8))
        try sink.finish()
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        bytesWritten += bytes.count
        if let stream {
            // zlib counts its input in 32 bits: a larger buffer goes in slices.
            for start in stride(from: 0, to: bytes.count, by: 1 << 30) {
                try deflate(UnsafeRawBufferPointer(rebasing: bytes[start..<min(bytes.count, start + (1 << 30))]), into: stream,
                            flush: Z_NO_FLUSH)
            }
        } else {
            try raw(bytes)
        }
    }

    /// Flushes compression, makes sure everything reached the disk, and puts the file in place.
    public func finish() throws {
        if let stream { try deflate(UnsafeRawBufferPointer(start: nil, count: 0), into: stream, flush: Z_FINISH) }
        guard let path, let temporaryPath else { return }
        let name = path
        guard fsync(descriptor) == 0 else { throw Failure(description: "\(name): cannot sync: \(String(cString: strerror(errno)))") }
        close(descriptor)
        finished = true
        defer { TemporaryPaths.unregister(temporaryPath) }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw Failure(description: "\(name): cannot rename the finished file into place: \(reason)")
        }
    }

    private func deflate(_ bytes: UnsafeRawBufferPointer, into stream: UnsafeMutablePointer<z_stream>, flush: Int32) throws {
        // zlib's `next_in` is not const, but deflate only reads through it.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = UInt32(bytes.count)
        repeat {
            let produced: Int = try output.withUnsafeMutableBufferPointer { out in
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = UInt32(out.count)
                guard CZlib.deflate(stream, flush) != Z_STREAM_ERROR else { throw Failure(description: "\(path ?? "output"): gzip failed") }
                return out.count - Int(stream.pointee.avail_out)
            }
            try output.withUnsafeBytes { try raw(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) }
        } while stream.pointee.avail_out == 0
    }

    private func raw(_ buffer: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count {
            let n = writeToDescriptor(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "\(path ?? "standard output"): write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}

/// `write(2)`, named apart from `LineSink.write`.
private func writeToDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
