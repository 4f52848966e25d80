import ArgumentParser
import DBindPipeline

/// `dbind stats`: what the store holds.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarise the store per guild and channel.",
        discussion: """
        Messages, authors, bots, date range, replies and top posters, per guild and per channel, \
        plus files whose last ingest did not complete.

        Examples:
          dbind stats
          dbind stats --db lumen.sqlite --json | jq .messages
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Top posters listed per guild and channel.")
    var top: Int = 3

    @Flag(help: "Print the report as one JSON object (totals guilds, channels, authors, messages at the top level).")
    var json = false

    func run() throws {
        let stats = try store.open().stats(topPosters: top)
        let report = StatsReport(stats)
        printReport(json ? JSONOutput.line(report) + "\n" : report.text)
    }
}
