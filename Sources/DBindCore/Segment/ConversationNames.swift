/// How a tag run names its conversations. A conversation is named after its first message, so
/// that runs agree; one holding messages a person placed keeps the name those messages have in
/// the store, the one the person's labels and the edit's undo refer to (a conversation that
/// gained an earlier message, or lost its first, would otherwise be renamed by the next run).
/// Names stay unique: first names of conversations with no placed message are theirs; a kept
/// name already taken gives way to the first message's, else to another of its messages' ids
/// (message ids name conversations of their own channel only).
public enum ConversationNames {
    /// Every conversation's name, by index.
    /// - Parameters:
    ///   - natural: each conversation's first message, by conversation index.
    ///   - kept: the stored name for a conversation holding placed messages, by index.
    ///   - members: a conversation's messages, asked for only when both names are taken.
    public static func resolve(natural: [Snowflake], kept: [Int: Snowflake], members: (Int) -> [Snowflake]) -> [Snowflake] {
        guard !kept.isEmpty else { return natural }
        let started = Dictionary(natural.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var names = natural
        for (c, name) in resolve(kept: kept, natural: { natural[$0] }, startedBy: { started[$0] }, members: members) {
            names[c] = name
        }
        return names
    }

    /// The names of the conversations in `kept`, for a caller that does not hold every
    /// conversation's first message; the others are named after it.
    /// - Parameters:
    ///   - natural: a conversation's first message.
    ///   - startedBy: the conversation a message is the first of, if any.
    public static func resolve(kept: [Int: Snowflake], natural: (Int) -> Snowflake, startedBy: (Snowflake) -> Int?,
                               members: (Int) -> [Snowflake]) -> [Int: Snowflake] {
        var assigned: Set<Snowflake> = []
        func taken(_ name: Snowflake) -> Bool { assigned.contains(name) || startedBy(name).map { kept[$0] == nil } ?? false }
        var names: [Int: Snowflake] = [:]
        for c in kept.keys.sorted() {
            let name = [kept[c]!, natural(c)].first { !taken($0) } ?? members(c).first { !taken($0) } ?? natural(c)
            names[c] = name
            assigned.insert(name)
        }
        return names
    }
}
