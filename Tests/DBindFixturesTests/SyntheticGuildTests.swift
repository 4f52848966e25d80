import DBindCore
import DBindFixtures
import DBindFormats
import DBindTestSupport
import Foundation
import Testing

@Suite("Synthetic guild")
struct SyntheticGuildTests {
    @Test("messages stream across buffer refills of a large file, and a seed gives the same bytes")
    func largeFile() throws {
        let dir = try temporaryDirectory("dbind-synthetic")
        let paths = try SyntheticGuild(messages: 6000, channels: 1, seed: 7).write(to: dir)
        let reader = try DCEReader(file: paths[0])
        var messages: [Message] = []
        while let m = try reader.next() { messages.append(m) }
        #expect(reader.fileSize > 3 << 20, "the file spans several read chunks")
        #expect(messages.count == 6000)
        #expect(reader.declaredMessageCount == 6000)
        #expect(Set(messages.map(\.id)).count == 6000)
        #expect(zip(messages, messages.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
        #expect(messages.allSatisfy { $0.id.createdAtMilliseconds == $0.timestamp.milliseconds })
        #expect(messages.contains { $0.kind == .reply && $0.reference?.messageID != nil })
        let again = try SyntheticGuild(messages: 6000, channels: 1, seed: 7).write(to: dir + "-again")
        #expect(FileManager.default.contentsEqual(atPath: paths[0], andPath: again[0]))
    }

    @Test("emoji outside the BMP are written as surrogate-pair escapes and read back")
    func emoji() throws {
        let dir = try temporaryDirectory("dbind-synthetic")
        let paths = try SyntheticGuild(messages: 2000, channels: 2, seed: 3).write(to: dir)
        #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent }
            == ["Synthetic Guild - Text - announcements [900000000000001003].json", "Synthetic Guild - Text - general [900000000000001004].json"])
        var text = ""
        var contents: [String] = []
        for path in paths {
            let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(!raw.contains { (0xF0...0xF4).contains($0) }, "no raw non-BMP bytes")
            text += String(decoding: raw, as: UTF8.self)
            let reader = try DCEReader(file: path)
            while let m = try reader.next() { contents.append(m.content) }
        }
        #expect(text.contains("\\uD83D\\uDE80"), "🚀 as an escaped surrogate pair")
        #expect(contents.contains { $0.contains("🚀") })
    }
}
