import DBindFormats
import DBindTestSupport
import Foundation
import Testing

@Suite("Export files")
struct LineSinkTests {
    /// Lines of varied length, a few megabytes in all: more than one buffer of compressed output.
    static func lines() -> [UInt8] {
        var bytes: [UInt8] = []
        for i in 0..<60_000 {
            bytes += Array("{\"id\":\"\(i)\",\"text\":\"\(String(repeating: "chat ", count: i % 17)) é 😀 \(i * 7919 % 10_007)\"}\n".utf8)
        }
        return bytes
    }

    @Test("a .gz file is gzip that gzip itself reads back to the same bytes")
    func gzip() throws {
        let dir = try temporaryDirectory("dbind-sink")
        let path = dir + "/out.jsonl.gz", lines = Self.lines()
        let sink = try LineSink(path: path)
        for start in stride(from: 0, to: lines.count, by: 1 << 20) {
            try sink.write(Array(lines[start..<min(start + (1 << 20), lines.count)]))
        }
        try sink.finish()
        #expect(sink.bytesWritten == lines.count)
        let gzip = try Program.run("gzip", ["-dc", path])
        #expect(gzip.status == 0, "\(gzip.errors)")
        let decompressed = gzip.stdout
        #expect(decompressed == Data(lines))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? .max < lines.count / 4)
    }

    @Test("a plain file holds exactly the bytes written, and only once finished")
    func plain() throws {
        let dir = try temporaryDirectory("dbind-sink")
        let path = dir + "/out.jsonl", lines = Self.lines()
        let sink = try LineSink(path: path)
        try lines.withUnsafeBytes { try sink.write($0) }
        #expect(!FileManager.default.fileExists(atPath: path))
        try sink.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(lines))
    }
}
