import DBindCore
import DBindFixtures
import DBindFormats
import DBindTestSupport
import Foundation
import Testing

@Suite("Fixture guild Lumen DAO")
struct LumenGuildTests {
    static let committed = RepoPaths.fixture("guild")

    /// The guild written into a fresh temporary folder.
    static func generate() throws -> (directory: String, written: LumenGuild.Written) {
        let directory = try temporaryDirectory("dbind-lumen")
        return (directory, try LumenGuild.write(to: directory))
    }

    static func exportFiles(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
            .map { directory + "/" + $0 }
    }

    @Test("regenerates fixtures/guild byte for byte: the same files with the same bytes")
    func byteIdentical() throws {
        let (directory, written) = try Self.generate()
        let generated = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let committed = try FileManager.default.contentsOfDirectory(atPath: Self.committed).sorted()
        #expect(generated == committed)
        #expect(generated.count == 12 && written.files.count == 12)
        for name in committed {
            let expected = try Data(contentsOf: URL(fileURLWithPath: Self.committed + "/" + name))
            let actual = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            let firstDifference = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            #expect(actual == expected, "\(name): \(actual.count) bytes, committed \(expected.count), first difference at byte \(firstDifference ?? min(actual.count, expected.count))")
        }
        #expect(written.messages == 390)
    }

    @Test("writing again over an earlier run leaves the same files and no temporary ones")
    func rewrite() throws {
        let (directory, _) = try Self.generate()
        try Data("{}".utf8).write(to: URL(fileURLWithPath: directory + "/Lumen DAO - Old - gone [1].json"))
        _ = try LumenGuild.write(to: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: Self.committed).sorted()))
    }

    @Test("the files read back as a consistent export")
    func consistent() throws {
        let (directory, _) = try Self.generate()
        var channelOf: [Snowflake: Snowflake] = [:]
        var messages: [Message] = []
        for path in try Self.exportFiles(directory) {
            let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(!raw.starts(with: [0xEF, 0xBB, 0xBF]), "\(path): BOM")
            #expect(!raw.contains { (0xF0...0xF4).contains($0) }, "\(path): a raw non-BMP character instead of a surrogate escape")
            #expect(raw.last == 0x7D, "\(path): ends with a newline or is cut")
            let topKeys = String(decoding: raw, as: UTF8.self).split(separator: "\n")
                .filter { $0.hasPrefix("  \"") }.map { $0.dropFirst(3).prefix { $0 != "\"" } }
            #expect(topKeys == ["guild", "channel", "dateRange", "exportedAt", "messages", "messageCount"], "\(path)")
            #expect(!String(decoding: raw, as: UTF8.self).contains("\"content\": null"), "\(path): null content")

            let reader = try DCEReader(file: path)
            var count = 0
            var previous: Message?
            while let m = try reader.next() {
                count += 1
                #expect(channelOf[m.id] == nil, "duplicate message id \(m.id)")
                channelOf[m.id] = reader.header.channel.id
                #expect(m.id.createdAtMilliseconds == m.timestamp.milliseconds,
                        "\(m.id): timestamp does not match the snowflake")
                if let previous { #expect(previous.timestamp < m.timestamp, "\(m.id): not chronological") }
                if let edited = m.editedTimestamp { #expect(edited > m.timestamp, "\(m.id): edited before posted") }
                messages.append(m)
                previous = m
            }
            #expect(reader.declaredMessageCount == count, "\(path): messageCount")
        }
        #expect(messages.count == 390)
        let byID = Dictionary(uniqueKeysWithValues: messages.map { ($0.id, $0) })
        var dangling: [Message] = []
        for m in messages {
            if m.kind == .reply, let target = m.reference?.messageID {
                if byID[target] == nil {
                    dangling.append(m)
                } else {
                    #expect(channelOf[target] == m.reference?.channelID, "\(m.id): reply target in another channel")
                }
            }
            if m.kind.rawValue == "ChannelPinnedMessage" {
                #expect(m.reference?.messageID.flatMap { byID[$0] }?.isPinned == true, "\(m.id): pin notice target missing or not pinned")
            }
        }
        #expect(dangling.count == 1 && dangling.first?.content.contains("verify my wallet") == true,
                "exactly one deliberate dangling reply")
    }
}
