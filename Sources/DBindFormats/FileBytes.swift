import CZlib
import Foundation

/// A file's bytes, inflated when they are gzip (as `export --out NAME.gz` writes them), so the
/// commands that read exported files take both.
public enum FileBytes {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Nil when the file cannot be read.
    public static func read(_ path: String) throws -> Data? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else { return data }
        return try inflate(data)
    }

    /// Inflates every gzip member of `data` in turn; errors name the byte of the file.
    static func inflate(_ data: Data) throws -> Data {
        // zlib keeps the stream's address: it lives on the heap, as in `LineSink`.
        let z = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        z.initialize(to: z_stream())
        defer { z.deallocate() }
        guard inflateInit2_(z, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "cannot start gzip decompression")
        }
        defer { inflateEnd(z) }
        var out = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < input.count {
                let slice = min(input.count - offset, Int(UInt32.max))
                z.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.advanced(by: offset).assumingMemoryBound(to: UInt8.self))
                z.pointee.avail_in = UInt32(slice)
                var status: Int32 = Z_OK
                repeat {
                    status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                        z.pointee.next_out = buffer.baseAddress
                        z.pointee.avail_out = UInt32(buffer.count)
                        let status = CZlib.inflate(z, Z_NO_FLUSH)
                        out.append(buffer.baseAddress!, count: buffer.count - Int(z.pointee.avail_out))
                        return status
                    }
                    guard status == Z_OK || status == Z_STREAM_END || (status == Z_BUF_ERROR && z.pointee.avail_in == 0) else {
                        throw Failure(description: "byte \(offset + slice - Int(z.pointee.avail_in)) of the gzip data: not valid gzip data")
                    }
                    if status == Z_STREAM_END, z.pointee.avail_in > 0 { inflateReset(z) }
                } while z.pointee.avail_in > 0 || (status == Z_OK && z.pointee.avail_out == 0)
                offset += slice
                if offset == input.count, status != Z_STREAM_END {
                    throw Failure(description: "the gzip data ends early, at byte \(input.count) (truncated file?)")
                }
            }
        }
        return out
    }
}
