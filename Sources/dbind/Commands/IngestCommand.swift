import ArgumentParser
import DBindPipeline

/// `dbind ingest`: DiscordChatExporter JSON files and folders into the store.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest DiscordChatExporter JSON exports (files or folders) into the store.",
        discussion: """
        Folders are searched recursively for .json files. Re-ingesting an export, or ingesting \
        overlapping exports of a channel, stores every message once; a newer export refreshes \
        edited messages. A broken file is reported (file, byte offset, JSON path) and the other \
        files are still ingested; the exit code is non-zero if any file failed.

        Examples:
          dbind ingest exports/                 # a whole guild export folder
          dbind ingest --db lumen.sqlite a.json b.json
          dbind ingest exports/ --json | jq .messages
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "Export files or folders.")
    var paths: [String]

    @Option(help: "Messages written per transaction.")
    var batchSize: Int = 5000

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func run() throws {
        let store = try self.store.open(creating: true)
        let terminal = TerminalProgress()
        let job = IngestJob(store: store, batchSize: max(1, batchSize)) { p in
            terminal.update(p.status)
        }
        let report = job.run(paths: paths)
        terminal.finish()
        let summary = IngestSummary(report)
        for line in summary.errorLines { printError(line) }
        printReport(json ? JSONOutput.line(summary) + "\n" : summary.text)
        if !report.failures.isEmpty { throw ExitCode(1) }
    }
}
