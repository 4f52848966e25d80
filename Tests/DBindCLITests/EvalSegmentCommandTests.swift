import Testing
@testable import dbind

@Suite struct EvalSegmentCommandTests {
    @Test func commandParsesItsOptions() throws {
        let command = try EvalSegmentCommand.parse(["--data", "/tmp/x", "--gap", "5", "--json"])
        #expect(command.data == "/tmp/x")
        #expect(command.gap == 5)
        #expect(command.json)
    }
}
