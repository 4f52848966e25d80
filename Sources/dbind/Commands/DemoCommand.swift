import ArgumentParser
import DBindFormats
import DBindPipeline
import Foundation

/// `dbind demo`: the bundled fixture guild, ingested and summarised in one step.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Ingest, auto-tag and export the bundled fixture guild, and print what was found.",
        discussion: """
        Uses fixtures/guild/ from the repository (or --fixtures): ingests it, runs the whole \
        tagging pass with the base schema (questions, entities, conversations, tags), prints the \
        guild's stats and the tagging summary, and exports the tagged conversations as JSON Lines. \
        Without --db the database is a temporary file, removed afterwards; with --db it is kept \
        for further commands (tags, review, export). With --json prints the stats only.

        Examples:
          swift run dbind demo
          swift run dbind demo --db demo.sqlite && swift run dbind stats --db demo.sqlite
        """
    )

    @Option(help: ArgumentHelp("Database to create or reuse (default: a temporary file).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("Fixture guild folder.", valueName: "path"))
    var fixtures: String = "fixtures/guild"

    @Option(help: ArgumentHelp("Folder of tag schemas.", valueName: "path"))
    var schemasDir: String = "schemas"

    @OptionGroup var text: TextResourceOptions
    @OptionGroup var links: LinkModelOptions

    @Option(help: ArgumentHelp("Where the tagged conversations are exported.", valueName: "file"))
    var export: String = NSTemporaryDirectory() + "dbind-demo-conversations.jsonl"

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
        let store = try StoreOptions.open(path: path, creating: true)
        let report = IngestJob(store: store).run(paths: [fixtures])
        if !report.failures.isEmpty {
            for line in IngestSummary(report).errorLines { printError(line) }
            throw ExitCode(1)
        }
        let schema = try TagSchemaLoader(searchDirectories: [schemasDir]).load("base")
        // Tagged as `dbind tag` tags, with the same options and defaults.
        var job = TagJob(store: store, schema: schema, text: try text.load(schemasDirectory: schemasDir))
        job.linkModel = try links.load(schemasDirectory: schemasDir)
        let tagged = try job.run()
        let stats = try store.stats()
        if json {
            printReport(JSONOutput.line(StatsReport(stats)) + "\n")
            return
        }
        let exported = try ExportJob(store: store, format: .native, unit: .conversation).run(into: try LineSink(path: export))
        printReport(IngestSummary(report).text + "\n" + StatsReport(stats).text + "\n" + tagged.text
                    + "\nExported \(exported.units) tagged conversations to \(export)\n")
    }
}
