import ArgumentParser
import DBindFixtures
import DBindFormats
import DBindPipeline
import Foundation

/// `dbind fixtures`: test and benchmark data.
struct FixturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "Make test and benchmark data.",
        subcommands: [Generate.self, Guild.self]
    )

    /// `dbind fixtures generate`: a large synthetic guild in DiscordChatExporter's format.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic guild export (one DCE JSON file per channel).",
            discussion: """
            The same --seed always writes the same bytes.

            Example:
              dbind fixtures generate --messages 1000000 --channels 12 --out /tmp/guild-1m
            """
        )

        @Option(help: "Messages in total.")
        var messages: Int = 10_000

        @Option(help: "Channels to spread them over.")
        var channels: Int = 8

        @Option(help: "Random seed.")
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("Output folder.", valueName: "path"))
        var out: String

        @Flag(help: "Print the written files as one JSON object.")
        var json = false

        func run() throws {
            let start = Date()
            let paths = try SyntheticGuild(messages: messages, channels: channels, seed: seed).write(to: out)
            let bytes = paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
            if json {
                struct Report: Encodable { var files: [String]; var messages: Int; var bytes: Int }
                printReport(JSONOutput.line(Report(files: paths, messages: messages, bytes: bytes)) + "\n")
            } else {
                printReport("Wrote \(messages) messages in \(paths.count) files (\(bytes / 1_000_000) MB) to \(out) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s\n")
            }
        }
    }

    /// `dbind fixtures guild`: the committed fixture guild, Lumen DAO.
    struct Guild: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the fixture guild Lumen DAO (11 DCE JSON files and a README).",
            discussion: """
            Deterministic: regenerates fixtures/guild byte for byte.

            Example:
              dbind fixtures guild
              dbind fixtures guild --out /tmp/lumen
            """
        )

        @Option(help: ArgumentHelp("Output folder.", valueName: "path"))
        var out = "fixtures/guild"

        @Flag(help: "Print the written files as one JSON object.")
        var json = false

        func run() throws {
            let written = try LumenGuild.write(to: out)
            if json {
                struct Report: Encodable { var files: [String]; var messages: Int }
                printReport(JSONOutput.line(Report(files: written.files, messages: written.messages)) + "\n")
            } else {
                printReport("Wrote \(written.messages) messages in \(written.files.count) files to \(out)\n")
            }
        }
    }
}
