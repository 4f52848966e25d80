import ArgumentParser
import DBindFormats
import DBindPipeline
import DBindStore
import Foundation

extension LabelImportFormat: ExpressibleByArgument {}

/// `dbind import-labels`: labels made in other tools, back into the store.
struct ImportLabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-labels",
        abstract: "Import manual labels from dbind, Prodigy, doccano or Label Studio files.",
        discussion: """
        Reads dbind's native lines (unit and message labels with their annotators), Prodigy tasks \
        (accept keeps the task's spans and rejects the entities removed from it; reject removes its \
        spans), doccano JSONL exports (span labels; text-classification labels with --label-set) and \
        Label Studio JSON or JSONL exports (labels regions and choices, annotator from completed_by). \
        The format is detected per record unless --format names it. Span offsets are read in the unit \
        the file's dbind meta names, else the tool's own (UTF-16 for doccano, code points otherwise). \
        Items are matched by the ids in dbind's meta, else by exact text. The label sets in --labels are \
        registered first, so imported labels replace the auto-tags of their facets. Importing the same file twice \
        changes nothing. Records that match nothing are listed; a line that cannot be read is reported \
        as FILE:LINE, stores nothing, and makes the exit status non-zero while the other lines are stored.

        Examples:
          dbind import-labels reviewed.jsonl
          dbind import-labels prodigy-session.jsonl --annotator alice --json
          dbind import-labels doccano/alice.jsonl --annotator alice
          dbind import-labels project-1-at-2026-01-01.json
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The file: JSON Lines, or a Label Studio JSON export.")
    var file: String

    @Option(help: "The file's format: native, prodigy, doccano or label-studio (default: detected).")
    var format: LabelImportFormat?

    @Option(help: "Record every label for this annotator (default: the one each record names, else $USER).")
    var annotator: String?

    @Option(help: "The label set of doccano text-classification labels.")
    var labelSet: String?

    @Option(help: ArgumentHelp("Folder of label set files: their sets are registered, so that their labels decide their facets.",
                               valueName: "path"))
    var labels: String = "labels"

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func run() throws {
        let store = try self.store.open()
        let job = LabelImportJob(store: store, annotator: try AnnotatorOption.resolve(annotator) ?? "unknown",
                                 overridesRecords: annotator != nil, format: format, labelSet: labelSet,
                                 labelSets: try LabelSetLoader.loadDirectoryIfPresent(labels).map(LabelSetRecord.init))
        let report = try job.run(file: file)
        for error in report.errors { printError(error) }
        printReport(json ? JSONOutput.line(report) + "\n" : report.text)
        if !report.errors.isEmpty { throw ExitCode.failure }
    }
}
