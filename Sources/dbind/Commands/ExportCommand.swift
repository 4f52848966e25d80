import ArgumentParser
import DBindCore
import DBindFormats
import DBindPipeline
import DBindStore
import Foundation

/// What `--format` names: a JSON Lines format, or the member interaction graph's files.
enum ExportChoice: String, ExpressibleByArgument {
    case native, prodigy, doccano
    case labelStudio = "label-studio"
    case graph

    var lines: ExportFormat? { ExportFormat(rawValue: rawValue) }
}
extension ExportUnit.Kind: ExpressibleByArgument {}
extension OffsetUnit: ExpressibleByArgument {}

extension ExportCommand {
    /// The member interaction graph of the selected channels and time range, as files.
    func graph(store: Store, directory: String) throws {
        let job = ReportJob(store: store, channels: try channels.resolve(in: store),
                            since: range.start, until: range.end)
        let start = Date()
        let files = try job.graph()
        try ReportJob.writeGraph(files, to: directory)
        let seconds = (Date().timeIntervalSince(start) * 1000).rounded() / 1000
        struct Report: Encodable { var nodes: Int; var edges: Int; var out: String; var seconds: Double; var neo4j_import: String }
        let report = Report(nodes: files.graph.nodes.count, edges: files.graph.edges.count, out: directory, seconds: seconds,
                            neo4j_import: GraphFiles.neo4jCommand(directory: directory))
        printReport(json ? JSONOutput.line(report) + "\n"
                    : "Wrote the interaction graph (\(report.nodes) members, \(report.edges) edges) to \(directory) in \(seconds) s\nImport into Neo4j: \(report.neo4j_import)\n")
    }
}

/// What `--partition-by` splits an export by.
enum PartitionKey: String, ExpressibleByArgument {
    case channel
}

/// `dbind export`: tagged conversations (or messages, or channels) as JSON Lines.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export tagged conversations, messages or channels as JSON Lines.",
        discussion: """
        Formats: native (schemas/export.schema.json), prodigy, doccano, label-studio. \
        Span offsets count what each tool counts: code points for native, Prodigy and Label Studio, \
        UTF-16 code units for doccano; --offsets chooses another unit. The same store always gives \
        the same bytes. A manual label wins over an auto-tag in every "effective" value. A file is \
        written under a temporary name and renamed when complete. Label Studio exports write the \
        matching labeling config beside the file (NAME.label-config.xml).

        Examples:
          dbind export --out conversations.jsonl
          dbind export --format prodigy --unit message --channel support --out support.jsonl.gz
          dbind export --tag channel.kind/support --since 2024-01-01 --min-confidence 0.6
          dbind export --only-labeled --format label-studio --out review.jsonl
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("format"), help: "Output format: native, prodigy, doccano, label-studio, or graph (a folder of Neo4j CSVs, GraphML and GEXF).")
    var choice: ExportChoice = .native

    var format: ExportFormat { choice.lines ?? .native }

    @Option(help: "One line per conversation, message or channel.")
    var unit: ExportUnit.Kind = .conversation

    @OptionGroup var channels: ChannelOptions

    @Option(name: .customLong("tag"), help: "Only units with this effective tag or facet; repeatable.")
    var tags: [String] = []

    @Option(name: .customLong("label"), help: "Only units with this manual label (value or set:value); repeatable.")
    var labels: [String] = []

    @OptionGroup var range: TimeRangeOptions

    @Flag(help: "Only units a person labeled: the unit, one of its messages, or one of their spans.")
    var onlyLabeled = false

    @Option(help: "Drop auto-tags (channel kinds included) and spans below this confidence.")
    var minConfidence: Double?

    @Flag(help: "Include tokens with each message (native) or task (prodigy, spaCy-aligned).")
    var tokens = false

    @Option(help: "Span offset unit of span formats: codepoint, utf16 or grapheme (default: the tool's own).")
    var offsets: OffsetUnit?

    @Flag(help: "Keep units with no text (attachment-only messages) in span formats.")
    var all = false

    @Option(help: ArgumentHelp("Label Studio: write the labeling config here (default: beside --out).", valueName: "file"))
    var labelConfig: String?

    @Option(name: .customLong("label-sets"), help: ArgumentHelp("Label Studio: label sets offered as choices in the config.", valueName: "dir"))
    var labelSetDirectory: String = "labels"

    @Option(help: ArgumentHelp("Write here instead of standard output; a .gz name compresses.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("With --out DIR: one folder per channel, DIR/channel_id=ID/part-00000.jsonl, and _SUCCESS (Spark and DuckDB read it as a partitioned table).", valueName: "channel"))
    var partitionBy: PartitionKey?

    @Flag(help: "Print a JSON report as the last line (with --out).")
    var json = false

    func validate() throws {
        try ConfidenceOption.check(minConfidence, "--min-confidence")
        if json && out == nil { throw ValidationError("--json reports on an export written with --out") }
        if choice == .graph && out == nil { throw ValidationError("--format graph writes a folder: give it with --out") }
        if offsets != nil && !format.isSpanFormat { throw ValidationError("--offsets applies to span formats; native offsets are code points") }
        if partitionBy != nil && out == nil { throw ValidationError("--partition-by writes a folder: give it with --out") }
        if partitionBy != nil && choice != .native { throw ValidationError("--partition-by writes native lines (the table Spark and DuckDB read)") }
        if labelConfig != nil && format != .labelStudio { throw ValidationError("--label-config applies to --format label-studio") }
    }

    func run() throws {
        // Stopped by Ctrl-C, `kill` or a closed terminal, the export removes its unfinished
        // file or folder as a failed one does. (Commands that start other programs leave the
        // signals alone: their children would inherit the signals ignored.)
        TemporaryPaths.removeOnSignals()
        let store = try self.store.open()
        if choice == .graph, let out { return try graph(store: store, directory: out) }
        var filter = ExportFilter()
        filter.tags = tags
        filter.labels = labels
        filter.since = range.start
        filter.until = range.end
        filter.onlyLabeled = onlyLabeled
        filter.minConfidence = minConfidence
        let sink = try partitionBy != nil ? LineSink() : out.map(LineSink.init(path:)) ?? LineSink()
        let terminal = TerminalProgress(enabled: out != nil && TerminalProgress.standardErrorIsTerminal)
        let selected = try channels.resolve(in: store)
        let facets = try store.labelFacets()
        let total = out == nil ? 0 : (try? store.messageCount()) ?? 0
        var tokenizer: ((String) -> [ExportToken])?
        if tokens { tokenizer = { ExportJob.chatTokens($0) } }
        var job = ExportJob(store: store, format: format, options: ExportOptions(offsets: offsets, includeEmpty: all), unit: unit,
                            filter: filter, channels: selected, labelFacets: facets, tokenizer: tokenizer,
                            progress: { (count: Int) -> Void in
                                terminal.update(ProgressStatus(label: "export", done: count, unit: "messages",
                                                               fraction: total > 0 ? Double(count) / Double(total) : nil, name: out))
                            })
        if format == .labelStudio, let path = labelConfig ?? out.map(LabelStudioConfigPath.beside) {
            let sets = try LabelSetLoader.loadDirectoryIfPresent(labelSetDirectory)
            job.labelConfig = (path, sets)
        }
        let report = if partitionBy != nil, let out { try PartitionedExport(job: job, directory: out).run() } else { try job.run(into: sink) }
        terminal.finish()
        if out != nil {
            let line = json ? JSONOutput.line(report)
                : "Exported \(report.units) \(report.unit)s (\(report.messages) messages, \(report.bytes / 1000) kB) to \(report.out ?? "") in \(report.seconds) s"
            printReport(line + "\n")
        }
    }
}

/// Where a Label Studio export's labeling config goes by default: `tasks.jsonl.gz` → `tasks.label-config.xml`.
enum LabelStudioConfigPath {
    static func beside(_ out: String) -> String {
        var base = out
        for suffix in [".gz", ".jsonl", ".json"] where base.hasSuffix(suffix) { base.removeLast(suffix.count) }
        return base + ".label-config.xml"
    }
}
