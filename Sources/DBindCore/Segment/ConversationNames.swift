/// How a tag run names its conversations. A conversation is named after its first message, so
/// that runs agree; one holding messages a person placed keeps the name those messages have in
/// the store, the one the person's labels and the edit's undo refer to (a conversation that
/// gained an earlier message, or lost its first, would otherwise be renamed by the next run).
/// Names stay unique: first names of conversations with no placed message are theirs; a kept
/// name already taken gives way to the first message's, else to another of its messages' ids
/// (message ids name conversations of their own channel only).
public enum ConversationNames {
    /// - Parameters:
    ///   - natural: each conversation's first message, by conversation index.
    ///   - kept: the stored name for a conversation holding placed messages, by index.
    ///   - members: a conversation's messages, asked for only when both names are taken.
    public static func resolve(natural: [Snowflake], kept: [Int: Snowflake], members: (Int) -> [Snowflake]) -> [Snowflake] {
        guard !kept.isEmpty else { return natural }
        var taken = Set(natural.indices.lazy.filter { kept[$0] == nil }.map { natural[$0] })
        var names = natural
        for c in kept.keys.sorted() {
            let name = [kept[c]!, natural[c]].first { !taken.contains($0) }
                ?? members(c).first { !taken.contains($0) } ?? natural[c]
            names[c] = name
            taken.insert(name)
        }
        return names
    }
}
