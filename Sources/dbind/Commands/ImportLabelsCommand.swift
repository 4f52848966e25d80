import ArgumentParser
import DBindPipeline
import Foundation

/// `dbind import-labels`: labels made in other tools, back into the store.
struct ImportLabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-labels",
        abstract: "Import manual labels from native or Prodigy JSON Lines.",
        discussion: """
        Native lines (from dbind export) bring back unit and message labels with their
        annotators; Prodigy tasks bring span verdicts (accept keeps a span, reject removes it).
        Items are matched by id, else by exact text. Importing the same file twice changes
        nothing. Records that match nothing are listed.

        Examples:
          dbind import-labels reviewed.jsonl
          dbind import-labels prodigy-session.jsonl --annotator alice --json
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The JSON Lines file.")
    var file: String

    @Option(help: "Annotator for records that do not name one (default: $USER).")
    var annotator: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func run() throws {
        let store = try self.store.open()
        let report = try CLIError.wrap { try LabelImportJob(store: store, annotator: annotator).run(file: file) }
        printReport(json ? JSONOutput.line(report) + "\n" : report.text)
    }
}
