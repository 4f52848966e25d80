import ArgumentParser
import DBindFormats
import DBindPipeline
import Foundation

/// `dbind bench`: measurements of the pipeline's speed and memory.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput and memory (build with -c release for meaningful numbers).",
        subcommands: [BenchPipelineCommand.self, BenchTextCommand.self, ReviewBenchCommand.self],
        defaultSubcommand: BenchPipelineCommand.self
    )
}

/// `dbind bench pipeline`: throughput and memory per stage on a generated guild.
struct BenchPipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Measure each pipeline stage on a generated guild (messages/s, MB/s, peak memory).",
        discussion: """
        Generates a synthetic guild (or reuses one made with the same parameters) and times each \
        stage. Build with -c release for meaningful numbers.

        Example:
          swift build -c release && .build/release/dbind bench --messages 1000000 --json
        """
    )

    @Option(help: "Messages in the generated guild.")
    var messages: Int = 1_000_000

    @Option(help: "Channels in the generated guild.")
    var channels: Int = 12

    @Option(help: "Random seed of the generated guild.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Where the generated guild and the benchmark database live.", valueName: "path"))
    var workdir: String = NSTemporaryDirectory() + "dbind-bench"

    @Option(help: ArgumentHelp("Folder of tag schemas.", valueName: "path"))
    var schemasDir: String = "schemas"

    @OptionGroup var links: LinkModelOptions

    @Flag(help: "Print the results as one JSON object.")
    var json = false

    func run() throws {
        let linkModel = try links.load(schemasDirectory: schemasDir)
        let files = try Bench.guild(messages: messages, channels: channels, seed: seed, directory: workdir + "/guild-\(messages)")
        var stages: [BenchStage] = []
        stages.append(try Bench.parse(files: files))
        let database = workdir + "/bench.sqlite"
        stages.append(try Bench.ingest(files: files, databasePath: database))
        let store = try StoreOptions.open(path: database, creating: true)
        var texts: [String] = []
        try store.forEachMessageText { _, text in texts.append(text) }
        let resources = try TextResources.load(directory: schemasDir)
        let schema = try TagSchemaLoader(searchDirectories: [schemasDir]).load("base")
        stages.append(Bench.tokenize(texts: texts))
        stages.append(Bench.extract(texts: texts, resources: resources))
        texts = []
        stages += try Bench.segmentAndClassify(store: store, schema: schema, resources: resources, linkModel: linkModel)
        stages.append(try Bench.tag(store: store, schema: schema, resources: resources, linkModel: linkModel))
        stages.append(try Bench.export(store: store, path: workdir + "/export.jsonl"))
        if json {
            struct Report: Encodable { var messages: Int; var stages: [BenchStage] }
            printReport(JSONOutput.line(Report(messages: messages, stages: stages)) + "\n")
        } else {
            printReport(TextTable.render(
                header: ["stage", "messages", "seconds", "messages/s", "MB/s", "peak RSS MB"],
                rows: stages.map { [$0.stage, String($0.messages), String($0.seconds), String(Int($0.messages_per_second)),
                                    String($0.mb_per_second), String($0.peak_rss_mb)] }))
        }
    }
}
