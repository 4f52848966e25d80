import ArgumentParser
import DBindCore
import DBindFormats
import DBindPipeline
import Foundation

/// `dbind pipe`: the stateless worker of a distributed run.
struct PipeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipe",
        abstract: "Ingest, tag and export DCE files in a private scratch store; print native conversation lines.",
        discussion: """
        The worker that Spark (scripts/spark/dbind_spark.py) runs per partition. Files come as \
        arguments or one path per line on standard input. With --context (from `dbind context` over \
        the whole guild) the lines equal those a single `dbind ingest` + `tag` + `export` over all \
        files gives for these files' channels. Give every file of a channel to the same worker. A \
        file that cannot be read fails the run with its error line and a non-zero exit.

        Examples:
          dbind context exports/ --out ctx.json
          find exports -name '*.json' | dbind pipe --context ctx.json > conversations.jsonl
        """
    )

    @Argument(help: "DCE JSON files or folders (default: paths on standard input, one per line).")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Guild context from `dbind context`.", valueName: "file"))
    var context: String?

    @OptionGroup var schema: SchemaOptions

    @OptionGroup var text: TextResourceOptions
    @OptionGroup var links: LinkModelOptions

    @Option(help: ArgumentHelp("Write here instead of standard output; a .gz name compresses.", valueName: "file"))
    var out: String?

    func run() throws {
        var files = paths
        if files.isEmpty {
            while let line = readLine() {
                let path = line.trimmingCharacters(in: .whitespaces)
                if !path.isEmpty { files.append(path) }
            }
        }
        guard !files.isEmpty else { throw CLIError("no files: give paths as arguments or on standard input") }
        let contexts = try context.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): cannot read the file") }
            return try GuildContextFile.decode(data, path: path)
        }
        let schema = try self.schema.load()
        var job = PipeJob(paths: files, contexts: contexts, schema: schema, text: try text.load(schemasDirectory: self.schema.schemasDir))
        job.linkModel = try links.load(schemasDirectory: self.schema.schemasDir)
        let sink = try out.map(LineSink.init(path:)) ?? LineSink()
        _ = try job.run(into: sink)
    }
}

/// `dbind context`: the first, cheap pass of a distributed run.
struct ContextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract: "Write the guild context (channels, roles, members) that `dbind pipe` workers share.",
        discussion: """
        Reads every file once (no tagging) and writes, per guild, the channels with their parents, \
        the roles, and the members with their roles: what tagging one channel reads from the rest \
        of the guild.

        Examples:
          dbind context exports/lumen/ --out ctx.json
        """
    )

    @Argument(help: "DCE JSON files or folders.")
    var paths: [String]

    @Option(help: ArgumentHelp("Where to write the context (JSON).", valueName: "file"))
    var out: String

    @Flag(help: "Print a JSON report as the last line.")
    var json = false

    func run() throws {
        let contexts = try ContextJob(paths: paths).run()
        let data = try GuildContextFile.encode(contexts)
        try LineSink.write(String(decoding: data, as: UTF8.self) + "\n", toFile: out)
        let members = contexts.map(\.members.count).reduce(0, +), channels = contexts.map(\.channels.count).reduce(0, +)
        printReport(json ? JSONOutput.line(ContextReport(guilds: contexts.count, channels: channels, members: members, out: out)) + "\n"
                    : "Wrote the context of \(contexts.count) guild(s), \(channels) channels, \(members) members to \(out)\n")
    }
}

struct ContextReport: Encodable {
    var guilds: Int
    var channels: Int
    var members: Int
    var out: String
}
