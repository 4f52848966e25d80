import ArgumentParser
import DBindCore
import DBindFormats
import DBindPipeline

extension ExportFormat: ExpressibleByArgument {}
extension ExportUnit.Kind: ExpressibleByArgument {}

/// `dbind export`: tagged conversations (or messages, or channels) as JSON Lines.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export tagged conversations, messages or channels as JSON Lines.",
        discussion: """
        Formats: native (schemas/export.schema.json), prodigy, doccano, label-studio.
        Offsets are Unicode code points. The same store always gives the same bytes.
        A manual label wins over an auto-tag in every "effective" value.

        Examples:
          dbind export --out conversations.jsonl
          dbind export --format prodigy --unit message --channel support --out support.jsonl.gz
          dbind export --tag channel.kind/support --since 2024-01-01 --min-confidence 0.6
          dbind export --only-labeled --format label-studio --out review.jsonl
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Output format: native, prodigy, doccano or label-studio.")
    var format: ExportFormat = .native

    @Option(help: "One line per conversation, message or channel.")
    var unit: ExportUnit.Kind = .conversation

    @Option(name: .customLong("channel"), help: "Only this channel (name or id); repeatable.")
    var channels: [String] = []

    @Option(name: .customLong("tag"), help: "Only units with this effective tag or facet; repeatable.")
    var tags: [String] = []

    @Option(name: .customLong("label"), help: "Only units with this manual label (value or set:value); repeatable.")
    var labels: [String] = []

    @Option(help: "Only messages at or after this date (YYYY-MM-DD or ISO 8601).")
    var since: String?

    @Option(help: "Only messages before this date.")
    var until: String?

    @Flag(help: "Only units a person labeled.")
    var onlyLabeled = false

    @Option(help: "Drop auto-tags and spans below this confidence.")
    var minConfidence: Double?

    @Flag(help: "Include tokens with each message (native) or task (prodigy).")
    var tokens = false

    @Option(help: ArgumentHelp("Write here instead of standard output; a .gz name compresses.", valueName: "file"))
    var out: String?

    @Flag(help: "Print a JSON report as the last line (with --out).")
    var json = false

    func validate() throws {
        if json && out == nil { throw ValidationError("--json reports on an export written with --out") }
        if let since, Timestamp(commandLine: since) == nil { throw ValidationError("--since: not a date: \(since)") }
        if let until, Timestamp(commandLine: until) == nil { throw ValidationError("--until: not a date: \(until)") }
    }

    func run() throws {
        let store = try self.store.open()
        var filter = ExportFilter()
        filter.tags = tags
        filter.labels = labels
        filter.since = since.flatMap(Timestamp.init(commandLine:))
        filter.until = until.flatMap(Timestamp.init(commandLine:))
        filter.onlyLabeled = onlyLabeled
        filter.minConfidence = minConfidence
        let sink = try CLIError.wrap { try out.map(LineSink.init(path:)) ?? LineSink() }
        let terminal = TerminalProgress(enabled: out != nil && TerminalProgress.standardErrorIsTerminal)
        let selected = try CLIError.wrap { try ChannelSelector.resolve(channels, in: store) }
        let facets = try CLIError.wrap { try store.labelFacets() }
        var tokenizer: ((String) -> [ExportToken])?
        if tokens { tokenizer = { ExportJob.chatTokens($0) } }
        let job = ExportJob(store: store, format: format, unit: unit, filter: filter, channels: selected, labelFacets: facets,
                            tokenizer: tokenizer, progress: { (count: Int) -> Void in terminal.update("exported \(count) messages") })
        let report = try CLIError.wrap { try job.run(into: sink) }
        terminal.finish()
        if out != nil {
            let line = json ? JSONOutput.line(report)
                : "Exported \(report.units) \(report.unit)s (\(report.messages) messages, \(report.bytes / 1000) kB) to \(report.out ?? "") in \(report.seconds) s"
            printReport(line + "\n")
        }
    }
}
