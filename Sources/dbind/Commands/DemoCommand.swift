import ArgumentParser
import DBindPipeline
import Foundation

/// `dbind demo`: the bundled fixture guild, ingested and summarised in one step.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Ingest the bundled fixture guild into a fresh database and print its stats.",
        discussion: """
        Uses fixtures/guild/ from the repository (or --fixtures). Without --db the database is
        a temporary file, removed afterwards; with --db it is kept for further commands.

        Examples:
          swift run dbind demo
          swift run dbind demo --db demo.sqlite && swift run dbind stats --db demo.sqlite
        """
    )

    @Option(help: ArgumentHelp("Database to create or reuse (default: a temporary file).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("Fixture guild folder.", valueName: "path"))
    var fixtures: String = "fixtures/guild"

    @Flag(help: "Print the stats as one JSON object.")
    var json = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: fixtures) else {
            throw CLIError("\(fixtures): fixture guild not found (run from the repository root or pass --fixtures)")
        }
        let temporary = db == nil
        let path = db ?? NSTemporaryDirectory() + "dbind-demo-\(ProcessInfo.processInfo.processIdentifier).sqlite"
        defer {
            if temporary {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        let store = try StoreOptions.open(path: path)
        let report = IngestJob(store: store).run(paths: [fixtures])
        let stats = try CLIError.wrap { try store.stats() }
        let summary = IngestSummary(report)
        if json {
            printReport(JSONOutput.line(StatsReport(stats)) + "\n")
        } else {
            printReport(summary.text + "\n" + StatsReport(stats).text)
        }
        if !report.failures.isEmpty { throw ExitCode(1) }
    }
}
