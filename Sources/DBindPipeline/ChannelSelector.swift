import DBindCore
import DBindStore

/// Resolves what a user typed for `--channel` to the store's channel ids (`ChannelNames`).
public enum ChannelSelector {
    /// nil when nothing was asked (every channel).
    public static func resolve(_ names: [String], in store: Store) throws -> Set<Snowflake>? {
        try ChannelNames.select(names, from: store.channels())
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
