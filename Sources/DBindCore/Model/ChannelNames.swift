/// What a person types to name channels (`general`, `#general`, or an id) and the channels it
/// means. A name chooses every channel that has it (a thread may share its name with a channel
/// elsewhere); `tag`, `export`, `report` and `review` all select channels through this rule.
public enum ChannelNames {
    public struct Unknown: Error, CustomStringConvertible, Sendable {
        public var name: String
        public var description: String { "no channel named or numbered \"\(name)\" in the store" }
    }

    /// The ids `names` choose among `channels`, in channel order; nil when nothing was asked.
    public static func select(_ names: [String], from channels: [Channel]) throws -> Set<Snowflake>? {
        guard !names.isEmpty else { return nil }
        var result = Set<Snowflake>()
        for name in names {
            let bare = name.hasPrefix("#") ? String(name.dropFirst()) : name
            let matches = channels.filter { $0.id.description == bare || $0.name == bare }
            guard !matches.isEmpty else { throw Unknown(name: name) }
            result.formUnion(matches.map(\.id))
        }
        return result
    }
}
