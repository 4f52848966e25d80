import ArgumentParser
import DBindCore
import DBindPipeline
import DBindStore

/// `--channel`, repeatable: the channels a command works on, by name or id.
struct ChannelOptions: ParsableArguments {
    @Option(name: .customLong("channel"), help: "Only this channel (name or id); repeatable.")
    var channels: [String] = []

    /// The channels' ids; nil when none was named (every channel).
    func resolve(in store: Store) throws -> Set<Snowflake>? {
        try ChannelSelector.resolve(channels, in: store)
    }
}

/// `--since` and `--until`: the time range of the messages a command reads.
struct TimeRangeOptions: ParsableArguments {
    @Option(help: "Only messages at or after this date (YYYY-MM-DD or ISO 8601).")
    var since: String?

    @Option(help: "Only messages before this date.")
    var until: String?

    var start: Timestamp? { since.flatMap(Timestamp.init(commandLine:)) }
    var end: Timestamp? { until.flatMap(Timestamp.init(commandLine:)) }

    func validate() throws {
        if let since, start == nil { throw ValidationError("--since: not a date: \(since)") }
        if let until, end == nil { throw ValidationError("--until: not a date: \(until)") }
    }
}
