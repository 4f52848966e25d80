import DBindCore
import DBindStore

/// Resolves what a user typed for `--channel` (a name, `#name`, or an id) to channel ids.
public enum ChannelSelector {
    public struct UnknownChannel: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "no channel named or numbered \"\(name)\" in the store" }
    }

    /// nil when nothing was asked (every channel).
    public static func resolve(_ names: [String], in store: Store) throws -> Set<Snowflake>? {
        guard !names.isEmpty else { return nil }
        let channels = try store.channels()
        var result = Set<Snowflake>()
        for name in names {
            let bare = name.hasPrefix("#") ? String(name.dropFirst()) : name
            let matches = channels.filter { $0.id.description == bare || $0.name == bare }
            guard !matches.isEmpty else { throw UnknownChannel(name: name) }
            result.formUnion(matches.map(\.id))
        }
        return result
    }
}

extension Timestamp {
    /// A command-line date: `2024-03-01` (midnight UTC) or a full ISO 8601 timestamp.
    public init?(commandLine text: String) {
        if let full = Timestamp(iso8601: text) {
            self = full
        } else if let day = Timestamp(iso8601: text + "T00:00:00+00:00") {
            self = day
        } else {
            return nil
        }
    }
}
