import ArgumentParser

/// `dbind bench`: throughput measurements of pipeline stages on synthetic data (hidden: a
/// developer tool, not part of the workflow).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of pipeline stages on generated data.",
        shouldDisplay: false,
        subcommands: [BenchSegmentCommand.self]
    )
}
