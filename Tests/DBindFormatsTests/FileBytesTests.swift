import DBindFormats
import DBindTestSupport
import Foundation
import Testing

@Suite("Reading exported files, plain or gzip")
struct FileBytesTests {
    @Test("gzip from gzip itself (two members) and from our own sink reads back; a plain file as it is; a cut file is an error")
    func gzip() throws {
        let dir = try temporaryDirectory("dbind-bytes")
        let lines = LineSinkTests.lines()
        let plain = dir + "/a.jsonl"
        try Data(lines).write(to: URL(fileURLWithPath: plain))
        #expect(try FileBytes.read(plain) == Data(lines))
        // gzip of each half, concatenated: a valid file of two members.
        let half = lines.count / 2
        try Data(lines[..<half]).write(to: URL(fileURLWithPath: dir + "/1"))
        try Data(lines[half...]).write(to: URL(fileURLWithPath: dir + "/2"))
        #expect(try Program.run("sh", ["-c", "gzip -c 1 > two.gz && gzip -c 2 >> two.gz"], directory: dir).status == 0)
        #expect(try FileBytes.read(dir + "/two.gz") == Data(lines))
        let sink = try LineSink(path: dir + "/ours.jsonl.gz")
        try sink.write(lines)
        try sink.finish()
        let ours = try #require(try FileBytes.read(dir + "/ours.jsonl.gz"))
        #expect(ours == Data(lines))
        let whole = try Data(contentsOf: URL(fileURLWithPath: dir + "/ours.jsonl.gz"))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: dir + "/cut.gz"))
        #expect(throws: FileBytes.Failure.self) { try FileBytes.read(dir + "/cut.gz") }
        #expect(try FileBytes.read(dir + "/missing.gz") == nil)
    }
}
