import DBindCore
import DBindFixtures
import DBindFormats
import DBindTestSupport
import Foundation
import Testing

@Suite("Merged reading of several exports")
struct DCEMergedReaderTests {
    /// Every item of a merged read, in order.
    func items(_ files: [String]) -> [DCEMergedReader.Item] {
        let reader = DCEMergedReader(files: files, chunkSize: 4096)
        var items: [DCEMergedReader.Item] = []
        while let item = reader.nextItem() { items.append(item) }
        return items
    }

    func ids(ofFile path: String) throws -> [Snowflake] {
        let reader = try DCEReader(file: path)
        var ids: [Snowflake] = []
        while let message = try reader.next() { ids.append(message.id) }
        return ids
    }

    @Test("channels over the same months come out in id order, each file in its own order, closed after its last message")
    func merged() throws {
        let files = try SyntheticGuild(messages: 900, channels: 3, seed: 5).write(to: try temporaryDirectory())
        let perFile = try files.map(ids(ofFile:))
        let all = items(files)
        var opened: [Int] = [], closed: [Int] = []
        var merged: [Snowflake] = []
        var byFile = Array(repeating: [Snowflake](), count: files.count)
        for item in all {
            switch item {
            case .opened(let file, let header, let size):
                #expect(merged.isEmpty, "every file opens before the first message")
                #expect(header.channel.id != Snowflake(0) && size > 0)
                opened.append(file)
            case .message(let file, let message):
                #expect(!closed.contains(file), "no message of a file after its close")
                merged.append(message.id)
                byFile[file].append(message.id)
            case .closed(let file, let error):
                #expect(error == nil)
                #expect(byFile[file] == perFile[file], "closed right after its last message")
                closed.append(file)
            }
        }
        #expect(opened == [0, 1, 2])
        #expect(Set(closed) == [0, 1, 2] && closed.count == 3)
        #expect(merged == perFile.flatMap { $0 }.sorted())
        #expect(Set(perFile[0].map(\.rawValue)).count == perFile[0].count)
        // The channels do interleave: no file's span of ids is apart from the others'.
        #expect(perFile[0].last! > perFile[1].first! && perFile[1].last! > perFile[0].first!)
    }

    @Test("a broken file closes with its error after the messages before it; the others read on")
    func brokenFile() throws {
        let dir = try temporaryDirectory()
        let files = try SyntheticGuild(messages: 400, channels: 2, seed: 9).write(to: dir)
        let whole = try Data(contentsOf: URL(fileURLWithPath: files[0]))
        let cut = dir + "/cut.json"
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: cut))
        let missing = dir + "/missing.json"
        let all = items([cut, missing, files[1]])

        var messages = [0, 0, 0]
        var errors: [Int: String?] = [:]
        var openedFiles: [Int] = []
        for item in all {
            switch item {
            case .opened(let file, _, _): openedFiles.append(file)
            case .message(let file, _): messages[file] += 1
            case .closed(let file, let error): errors[file] = error
            }
        }
        #expect(openedFiles == [0, 2], "a file that cannot be opened is only closed")
        let cutError = try #require(errors[0] ?? nil)
        #expect(cutError.hasPrefix(cut + ": byte ") && cutError.contains("truncated"))
        #expect(messages[0] > 0 && messages[0] < 200)
        #expect((errors[1] ?? nil)?.contains("cannot open") == true)
        #expect(errors[2] == .some(nil))
        #expect(messages[2] == (try ids(ofFile: files[1])).count)
    }
}
