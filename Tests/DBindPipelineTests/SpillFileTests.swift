import DBindCore
@testable import DBindPipeline
import DBindTestSupport
import Foundation
import Testing

@Suite struct SpillFileTests {
    @Test("values appended past the buffer, or written at an index, read back one by one, by range and in order; the file leaves no trace")
    func roundTrip() throws {
        let dir = try temporaryDirectory()
        let file = try SpillFile<ArchivedRank>(directory: URL(fileURLWithPath: dir))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "unlinked once open")
        let count = 100_000
        for k in 0..<count {
            try file.append(ArchivedRank(id: Snowflake(UInt64(k) * 3), author: Snowflake(UInt64(k % 7)), conversation: k / 2))
        }
        #expect(file.count == count)
        // The last values are still buffered, the first in the file.
        #expect(try file.read(0).id == Snowflake(0) && file.read(count - 1).id == Snowflake(UInt64(count - 1) * 3))
        var values: [ArchivedRank] = []
        try file.read((count - 70_000)..<(count - 10), into: &values)
        #expect(values.count == 69_990 && values.enumerated().allSatisfy { $1.conversation == (count - 70_000 + $0) / 2 })
        try file.write(ArchivedRank(id: Snowflake(1), author: Snowflake(2), conversation: -1), at: 5)
        try file.write(ArchivedRank(id: Snowflake(9), author: Snowflake(9), conversation: 9), at: count + 2)
        let (fifth, last) = (try file.read(5), try file.read(count + 2))
        #expect(file.count == count + 3 && fifth.conversation == -1 && last.id == Snowflake(9))
        var reader = file.reader(from: count - 5)
        var read: [Int] = []
        while let value = try reader.read() { read.append(value.conversation) }
        #expect(read == [(count - 5) / 2, (count - 4) / 2, (count - 3) / 2, (count - 2) / 2, (count - 1) / 2, 0, 0, 9])
    }

    @Test("a spill file that cannot be made names its directory and the system's reason")
    func unusableDirectory() throws {
        let missing = try temporaryDirectory() + "/no/such/dir"
        let error = #expect(throws: SpillError.self) { try SpillFile<Int>(directory: URL(fileURLWithPath: missing)) }
        #expect(error?.description == "cannot use a temporary file in \(missing): No such file or directory")
    }
}
