import ArgumentParser

/// The `dbind` command: a workbench that turns Discord chat exports into labeled data.
@main
struct DBind: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dbind",
        abstract: "Turn DiscordChatExporter guild exports into reviewed, labeled, exportable data.",
        discussion: """
        Pipeline: ingest → tokenize/extract → segment → tag → review → export. \
        Every command that reports something takes --json and then prints one JSON value \
        as the last line of its output.
        """,
        subcommands: [
            DemoCommand.self,
            IngestCommand.self,
            StatsCommand.self,
            FixturesCommand.self,
            TagCommand.self,
            SegmentCommand.self,
            ExtractCommand.self,
            ExportCommand.self,
            ReportCommand.self,
            ContextCommand.self,
            PipeCommand.self,
            TagsCommand.self,
            ImportLabelsCommand.self,
            EvalCommand.self,
            TrainCommand.self,
            BenchCommand.self,
            SchemaCommand.self,
            TokenizeCommand.self,
            ExtractTextCommand.self,
            MatchPatternsCommand.self,
            ReviewCommand.self,
            AgreementCommand.self,
        ]
    )
}
