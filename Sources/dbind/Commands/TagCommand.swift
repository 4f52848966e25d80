import ArgumentParser
import DBindCore
import DBindFormats
import DBindPipeline

/// Options shared by the commands that run tagging stages.
struct TagRunOptions: ParsableArguments {
    @OptionGroup var channels: ChannelOptions

    @Option(help: "Fixed conversation gap in minutes (default: adapts to each channel's pace).")
    var gap: Double?

    @Flag(help: "Recompute every channel, changed or not.")
    var full = false

    @OptionGroup var text: TextResourceOptions
    @OptionGroup var links: LinkModelOptions

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func validate() throws {
        if let gap, gap <= 0 { throw ValidationError("--gap must be a positive number of minutes") }
    }

    /// `schema` nil: the base schema (stages that do not classify).
    func run(_ stages: Set<TagStage>, schema: SchemaOptions? = nil, store options: StoreOptions) throws {
        let store = try options.open()
        let schemaOptions = try schema ?? SchemaOptions.parse([])
        let schema = try schemaOptions.load()
        let text = try self.text.load(schemasDirectory: schemaOptions.schemasDir)
        let terminal = TerminalProgress()
        var job = TagJob(store: store, schema: schema, text: text, stages: stages,
                         channels: try channels.resolve(in: store),
                         gapMilliseconds: gap.map { Int64($0 * 60_000) }, full: full,
                         progress: { terminal.update($0) })
        job.linkModel = try links.load(schemasDirectory: schemaOptions.schemasDir)
        let report = try job.run()
        terminal.finish()
        printReport(json ? JSONOutput.line(report) + "\n" : report.text)
    }
}

/// `dbind tag`: the whole auto-tagging pass over a guild in the store.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Extract, segment and classify the guild in the store; write spans, conversations and auto-tags.",
        discussion: """
        Runs the text stage (questions, entities), the segmenter (conversations) and the \
        classifier (tags at channel, conversation and message level) for every channel that \
        changed since its last run. Manual labels and conversation edits are never overwritten. \
        Every tag records its schema name and version and the rules that fired.

        Examples:
          dbind tag
          dbind tag --schema dao --json
          dbind tag --schema my-schemas/custom.yaml --channel support --full
        """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: TagRunOptions

    @OptionGroup var schema: SchemaOptions

    func run() throws {
        try options.run(Set(TagStage.allCases), schema: schema, store: store)
    }
}

/// `dbind segment`: conversations only.
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Split each channel into conversations (time blocks plus reply, mention and addressee links).",
        discussion: """
        Re-running replaces automatic links and keeps every manual move, split and merge.

        Examples:
          dbind segment
          dbind segment --channel general --gap 30 --json
        """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: TagRunOptions

    func run() throws {
        try options.run([.segment], store: store)
    }
}

/// `dbind extract`: questions and entities only.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Find questions and entities in every message and store them as spans.",
        discussion: """
        Re-running replaces automatic spans; manual span corrections are labels and stay.

        Examples:
          dbind extract
          dbind extract --patterns my-patterns.jsonl --channel dev
        """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: TagRunOptions

    func run() throws {
        try options.run([.extract], store: store)
    }
}
