import DBindCore
import Testing

@Suite("Conversation names across tag runs")
struct ConversationNamesTests {
    let a = Snowflake(100), b = Snowflake(200), c = Snowflake(300)
    let none: (Int) -> [Snowflake] = { _ in [] }

    @Test("first messages name conversations; one holding placed messages keeps its stored name")
    func keptNames() {
        #expect(ConversationNames.resolve(natural: [a, b, c], kept: [:], members: none) == [a, b, c])
        #expect(ConversationNames.resolve(natural: [a, b, c], kept: [1: Snowflake(7)], members: none) == [a, Snowflake(7), c])
    }

    @Test("names stay unique: a kept name another conversation's first message holds, or one taken before, gives way")
    func collisions() {
        // Conversation 0 has no placed message and is named `b`: conversation 1 cannot keep `b`.
        #expect(ConversationNames.resolve(natural: [b, c], kept: [1: b], members: none) == [b, c])
        // Both want `7`: the earlier keeps it, the later takes its first message.
        #expect(ConversationNames.resolve(natural: [a, b], kept: [0: Snowflake(7), 1: Snowflake(7)], members: none) == [Snowflake(7), b])
        #expect(ConversationNames.resolve(natural: [a, b], kept: [0: b, 1: Snowflake(7)], members: none) == [b, Snowflake(7)])
        // The later's kept name and first message were both taken: another of its messages names it.
        #expect(ConversationNames.resolve(natural: [a, b], kept: [0: b, 1: b], members: { $0 == 1 ? [b, Snowflake(250)] : [a] })
                == [b, Snowflake(250)])
    }
}
