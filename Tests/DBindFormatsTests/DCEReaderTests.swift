import DBindCore
@testable import DBindFormats
import DBindTestSupport
import Foundation
import Testing

@Suite("DiscordChatExporter reader")
struct DCEReaderTests {
    static let allFields = RepoPaths.fixture("dce/all-fields.json")

    func readAll(_ path: String) throws -> (DCEReader, [Message]) {
        let reader = try DCEReader(file: path)
        var messages: [Message] = []
        while let m = try reader.next() { messages.append(m) }
        return (reader, messages)
    }

    @Test("header: guild, channel with parent, date range, export time")
    func header() throws {
        let (reader, _) = try readAll(Self.allFields)
        let h = reader.header
        #expect(h.guild == Guild(id: Snowflake(1_100_000_000_000_000_001), name: "Field Test Guild",
                                 iconURL: "https://cdn.discordapp.com/icons/1100000000000000001/abc.png"))
        #expect(h.channel.id == Snowflake(1_100_000_000_000_000_100))
        #expect(h.channel.guildID == h.guild.id)
        #expect(h.channel.type == "GuildPublicThread")
        #expect(h.channel.isThread)
        #expect(h.channel.name == "wallet won't connect")
        #expect(h.channel.topic == "Threads for wallet issues")
        #expect(h.channel.parentID == Snowflake(1_100_000_000_000_000_050))
        #expect(h.channel.parentName == "support")
        #expect(h.dateRangeAfter == Timestamp(iso8601: "2024-03-01T00:00:00+00:00"))
        #expect(h.dateRangeBefore == nil)
        #expect(h.exportedAt?.milliseconds == Timestamp(iso8601: "2024-03-10T11:00:00.5Z")?.milliseconds)
        #expect(reader.declaredMessageCount == 5)
    }

    @Test("every mapped message field")
    func messageFields() throws {
        let (_, messages) = try readAll(Self.allFields)
        #expect(messages.count == 5)
        let m = messages[0]
        #expect(m.id == Snowflake(1_213_000_000_000_000_001))
        #expect(m.kind == .default)
        #expect(m.timestamp.iso8601UTC == "2024-03-02T10:15:30.123Z")
        #expect(m.editedTimestamp?.iso8601UTC == "2024-03-02T10:17:00.000Z")
        #expect(m.callEndedTimestamp == nil)
        #expect(m.isPinned)
        // Escapes: \u2014, \u00e9, surrogate pairs joined into a ZWJ emoji, \\, \/, \n; raw <, >, &, '.
        #expect(m.content == "Wallet says \"nonce too low\" — any idea? <tag> & 'quotes' café 👩‍💻 \\ / \n second line")
        #expect(m.author.name == "alice.eth")
        #expect(m.author.nickname == "Alice")
        #expect(m.author.discriminator == "0000")
        #expect(m.author.color == "#1ABC9C")
        #expect(!m.author.isBot)
        #expect(m.author.roles?.map(\.name) == ["Moderators", "Members"])
        #expect(m.author.roles?.first?.position == 4)
        #expect(m.attachments == [Attachment(id: Snowflake(1_213_000_000_000_000_901),
                                             url: "https://cdn.discordapp.com/attachments/1/2/SPOILER_log.txt",
                                             fileName: "SPOILER_log.txt", fileSizeBytes: 2048)])
        let e = try #require(m.embeds.first)
        #expect(e.title == "Troubleshooting guide")
        #expect(e.url == "https://docs.example.org/wallet")
        #expect(e.timestamp?.iso8601UTC == "2024-03-01T08:00:00.000Z")
        #expect(e.description == "Steps to reset a stuck nonce")
        #expect(e.color == "#FF0000")
        #expect(e.authorName == "Example Docs")
        #expect(e.footerText == "docs.example.org")
        #expect(e.imageURL == "https://docs.example.org/thumb.png")
        #expect(e.fields == [Embed.Field(name: "Step 1", value: "Open settings", isInline: true),
                             Embed.Field(name: "Step 2", value: "Reset account", isInline: false)])
        #expect(m.stickers == [Sticker(id: Snowflake(1_213_000_000_000_000_801), name: "wave", format: "Apng",
                                       sourceURL: "https://media.discordapp.net/stickers/1213000000000000801.png")])
        #expect(m.reactions.count == 2)
        #expect(m.reactions[0].emoji.id == nil)
        #expect(m.reactions[0].emoji.name == "👍🏽")
        #expect(m.reactions[0].emoji.code == "thumbsup_tone3")
        #expect(m.reactions[0].count == 3)
        #expect(m.reactions[0].users.map(\.id) == [Snowflake(1_000_000_000_000_000_012)])
        #expect(m.reactions[0].users.map(\.displayName) == ["Bob"])
        #expect(m.reactions[1].emoji.id == Snowflake(1_100_000_000_000_000_777))
        #expect(m.reactions[1].emoji.isAnimated)
        #expect(m.mentions.map(\.displayName) == ["Bob"])
        #expect(m.reference == nil)
        #expect(m.replyToID == nil)

        let reply = messages[1]
        #expect(reply.kind == .reply)
        #expect(reply.timestamp.iso8601UTC == "2024-03-02T10:20:00.123Z")
        #expect(reply.timestamp.offsetMinutes == -240)
        #expect(reply.replyToID == m.id)
        #expect(reply.reference?.channelID == Snowflake(1_100_000_000_000_000_100))
        #expect(reply.reference?.guildID == Snowflake(1_100_000_000_000_000_001))

        let command = messages[2]
        #expect(command.kind.rawValue == "20")
        #expect(!command.kind.isSystem)
        #expect(command.author.isBot)
        #expect(command.interaction?.name == "faq")
        #expect(command.interaction?.user.name == "bob")

        let pin = messages[3]
        #expect(pin.kind.isSystem)
        #expect(!pin.hasUserText)
        #expect(pin.reference?.messageID == m.id)
        #expect(pin.replyToID == nil, "a pin notice references a message but is not a reply")

        let forward = messages[4]
        #expect(forward.reference?.kind == "Forward")
        #expect(forward.forwardedContent == "Mainnet upgrade is scheduled for Friday")
    }

    @Test("escapes at every offset of a long string, read in chunks of every small size")
    func escapesAcrossChunks() throws {
        // Quotes and backslashes after 0 to 16 plain bytes, so each lands at every position of a word.
        let pieces = (0...16).map { String(repeating: "x", count: $0) + "\\\"q\\\\" }
        let content = pieces.joined()
        let expected = pieces.map { String(repeating: "x", count: $0.count - 5) + "\"q\\" }.joined()
        let text = try String(contentsOfFile: Self.allFields, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.contains("\"content\": \"@Alice") })
        let path = try temporaryFile(Array(text.replacingOccurrences(
            of: String(line), with: "      \"content\": \"\(content)\",").utf8))
        for chunkSize in [1, 2, 3, 5, 8, 13, 64] {
            let reader = try DCEReader(file: path, chunkSize: chunkSize)
            var contents: [String] = []
            while let message = try reader.next() { contents.append(message.content) }
            #expect(contents.count == 5, "chunk \(chunkSize)")
            #expect(contents.contains(expected), "chunk \(chunkSize)")
        }
    }

    @Test("older export variants: null emoji ids, missing keys, old DM categories, duplicate ids",
          .enabled(if: RepoPaths.hasSharedData, "needs ../shared/data (evaluation data beside the repository)"))
    func sharedSamples() throws {
        let (dm, dmMessages) = try readAll(RepoPaths.sharedData + "/dce-samples/chat-analytics_GC_3A_5M.json")
        #expect(dm.header.guild.id == Snowflake(0))
        #expect(dm.header.channel.parentID == nil, "old DM exports used categoryId \"0\" for no parent")
        #expect(dmMessages.count == 6)
        #expect(dmMessages.filter { $0.kind.isSystem }.count >= 3)
        let (server, serverMessages) = try readAll(RepoPaths.sharedData + "/dce-samples/chat-analytics_SV_5A_5M.json")
        #expect(server.header.guild.name == "DefleMask")
        #expect(serverMessages.count == 5)
        #expect(serverMessages.contains { $0.author.nickname == nil }, "one author lacks nickname")
        #expect(serverMessages.flatMap(\.stickers).contains { $0.format == "PngAnimated" })
    }
}

@Suite("DiscordChatExporter reader: bad input")
struct DCEReaderErrorTests {
    var original: [UInt8] { Array(FileManager.default.contents(atPath: DCEReaderTests.allFields) ?? Data()) }

    /// Reads until the first error and returns it with the messages read before it.
    func failure(_ bytes: [UInt8]) throws -> (DCEReadError, Int) {
        let path = try temporaryFile(bytes)
        var count = 0
        do {
            let reader = try DCEReader(file: path)
            while try reader.next() != nil { count += 1 }
        } catch let error as DCEReadError {
            #expect(error.file == path)
            #expect(error.description.hasPrefix(path + ": byte "))
            #expect(!error.description.contains("\n"))
            return (error, count)
        }
        Issue.record("expected an error")
        return (DCEReadError(file: "", offset: -1, path: "", reason: ""), count)
    }

    func replacing(_ old: String, with new: String, occurrence: Int = 0) -> [UInt8] {
        var text = String(decoding: original, as: UTF8.self)
        var range = text.range(of: old)
        for _ in 0..<occurrence { range = text.range(of: old, range: range!.upperBound..<text.endIndex) }
        text.replaceSubrange(range!, with: new)
        return Array(text.utf8)
    }

    @Test("truncated file: error at the end, earlier messages readable")
    func truncated() throws {
        let bytes = original
        let cut = Array(bytes.prefix(bytes.count * 3 / 4))
        let (error, count) = try failure(cut)
        #expect(error.reason.contains("truncated"))
        #expect(error.offset <= cut.count)
        #expect(count >= 1)
    }

    @Test("malformed JSON names the byte offset and the message path")
    func malformed() throws {
        let bytes = replacing("\"isPinned\": false,", with: "\"isPinned\": false", occurrence: 0)
        let (error, count) = try failure(bytes)
        #expect(count == 1)
        #expect(error.path.hasPrefix("messages[1]"))
        #expect(error.reason.contains("expected ',' or '}'"))
        let offset = String(decoding: bytes, as: UTF8.self).utf8.count
        #expect(error.offset > 0 && error.offset < offset)
    }

    @Test("a NUL escape becomes U+FFFD, one code point for one: the rest of the text is kept wherever it is read")
    func nulEscape() throws {
        let path = try temporaryFile(replacing("second line", with: "sec\\u0000ond line"))
        let first = try #require(try DCEReader(file: path).next())
        #expect(first.content.hasSuffix("\n sec\u{FFFD}ond line"))
    }

    @Test("invalid UTF-8 inside a string")
    func invalidUTF8() throws {
        var bytes = replacing("second line", with: "second XXne")
        let index = try #require(bytes.firstIndex(of: UInt8(ascii: "X")))
        bytes[index] = 0xFF
        bytes[index + 1] = 0xFE
        let (error, _) = try failure(bytes)
        #expect(error.reason == "invalid UTF-8 in string")
        #expect(error.path == "messages[0].content")
        #expect(error.offset == index)
    }

    @Test("missing required field")
    func missingField() throws {
        let bytes = replacing("\"timestamp\": \"2024-03-02T10:21:00+00:00\",", with: "")
        let (error, count) = try failure(bytes)
        #expect(count == 2)
        #expect(error.path == "messages[2]")
        #expect(error.reason == "missing required field \"timestamp\"")
    }

    @Test("wrong type and bad snowflake")
    func wrongType() throws {
        let (error, _) = try failure(replacing("\"fileSizeBytes\": 2048", with: "\"fileSizeBytes\": \"big\""))
        #expect(error.path == "messages[0].attachments[0].fileSizeBytes")
        let (idError, _) = try failure(replacing("\"id\": \"1213000000000000002\"", with: "\"id\": \"12-13\""))
        #expect(idError.path == "messages[1].id")
        #expect(idError.reason.contains("not a snowflake"))
    }

    @Test("not a DiscordChatExporter export")
    func notAnExport() throws {
        let (array, _) = try failure(Array("[1, 2, 3]".utf8))
        #expect(array.reason.contains("not a DiscordChatExporter JSON export"))
        let (other, _) = try failure(Array("{\"name\": \"package\", \"version\": \"1.0\"}".utf8))
        #expect(other.reason.contains("no \"guild\""))
        let (empty, _) = try failure([])
        #expect(empty.offset == 0)
        let (noMessages, _) = try failure(Array("{\"guild\": {\"id\": \"1\", \"name\": \"g\"}, \"channel\": {\"id\": \"2\", \"name\": \"c\"}}".utf8))
        #expect(noMessages.reason.contains("no \"messages\""))
    }

    @Test("trailing garbage after the document")
    func trailingGarbage() throws {
        let (error, count) = try failure(original + Array("\n{}".utf8))
        #expect(count == 5)
        #expect(error.reason.contains("after the end"))
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test("ISO 8601 as DiscordChatExporter writes it", arguments: [
        ("2021-11-24T16:16:57.001+00:00", "2021-11-24T16:16:57.001Z"),
        ("2021-11-24T16:16:57+00:00", "2021-11-24T16:16:57.000Z"),
        ("2021-11-24T16:16:57.1234567+00:00", "2021-11-24T16:16:57.123Z"),
        ("2021-11-24T12:16:57.5-04:00", "2021-11-24T16:16:57.500Z"),
        ("2021-11-25T01:46:57+09:30", "2021-11-24T16:16:57.000Z"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
        ("2024-02-29T00:00:00+00:00", "2024-02-29T00:00:00.000Z"),
    ])
    func parse(text: String, utc: String) throws {
        let t = try #require(Timestamp(iso8601: text))
        #expect(t.iso8601UTC == utc)
    }

    @Test("malformed timestamps are rejected", arguments: [
        "", "2021-11-24", "2021-11-24T16:16:57", "2021-13-24T16:16:57+00:00", "2021-11-24T16:16:57.+00:00",
        "2021-11-24T16:16:57+0000", "2021-11-24T16:16:57+00:00x", "２０２１-11-24T16:16:57+00:00",
        "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2021-04-31T00:00:00Z",
    ])
    func reject(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test("snowflakes keep all 64 bits and their creation time")
    func snowflake() throws {
        let id = try #require(Snowflake("1213000000000000001"))
        #expect(id.description == "1213000000000000001")
        #expect(Snowflake(int64: id.int64) == id)
        #expect(Snowflake("18446744073709551615")?.rawValue == UInt64.max)
        #expect(Snowflake(int64: Snowflake(UInt64.max).int64).rawValue == UInt64.max)
        #expect(Snowflake("18446744073709551616") == nil)
        #expect(Snowflake("-1") == nil)
        #expect(Snowflake("") == nil)
        // Discord's documented example: 175928847299117063 was created 2016-04-30T11:18:25.796Z.
        #expect(Timestamp(milliseconds: Snowflake(175_928_847_299_117_063).createdAtMilliseconds).iso8601UTC == "2016-04-30T11:18:25.796Z")
    }
}

@Suite("Fuzzer findings")
struct FuzzRegressionTests {
    /// Inputs that once crashed a fuzz target; each must now give an error or a result.
    @Test("DCE reader inputs from fuzz/regressions/dce read without crashing")
    func dceRegressions() throws {
        for (file, path) in try Self.inputs("dce") {
            do {
                let reader = try DCEReader(file: path)
                while try reader.next() != nil {}
            } catch let error as DCEReadError {
                #expect(!error.reason.isEmpty, "\(file)")
            }
        }
    }
}

extension FuzzRegressionTests {
    /// The saved inputs of fuzz target `target` (names and paths); there must be some.
    static func inputs(_ target: String) throws -> [(name: String, path: String)] {
        let folder = RepoPaths.root + "/fuzz/regressions/" + target
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(!files.isEmpty, "no saved inputs in \(folder)")
        return files.map { ($0, folder + "/" + $0) }
    }

    /// Pattern and schema inputs that once crashed the `schema` fuzz target.
    @Test("schema and pattern inputs from fuzz/regressions/schema load or fail cleanly")
    func schemaRegressions() throws {
        for (file, path) in try Self.inputs("schema") {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            #expect(throws: (any Error).self, "\(file) is not a valid pattern file") { try EntityPatternLoader.parse(text, file: file) }
            _ = try? TagSchemaLoader.parse(yaml: text, file: file)
        }
    }
}
