import ArgumentParser
import DBindCore
import DBindFormats
import DBindPipeline
import DBindReview
import DBindStore
import Foundation

/// `dbind bench review`: how fast review answers on a big store.
struct ReviewBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Measure per-command latency of review sessions on a store (seeding auto-tags if it has none).",
        discussion: """
        Runs scripted sessions on every queue (label, accept, reject, back, undo, skip, more, \
        progress, search, jump, note, span and conversation edits) and reports the time from \
        reading each line to the next prompt. A store without auto-tags is first seeded with \
        tags, spans and conversations derived from its messages. The sessions write labels as \
        annotator "bench". Build with -c release for meaningful numbers.

        Example:
          dbind fixtures generate --messages 1000000 --out /tmp/g1m
          dbind ingest --db /tmp/g1m.sqlite /tmp/g1m
          dbind bench review --db /tmp/g1m.sqlite
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Folder of label set files.", valueName: "path"))
    var labels: String = "labels"

    @Flag(help: "Print the results as one JSON object.")
    var json = false

    func run() throws {
        let store = try self.store.open()
        let sets = try LabelSetLoader.loadDirectory(labels)
        let stats = try store.stats(topPosters: 0)
        var tags = try store.tagCount()
        if tags == 0 {
            let terminal = TerminalProgress()
            let start = Date()
            try ReviewBench.seed(store: store) { terminal.update(ProgressStatus(label: "seeding auto-tags", done: $0, unit: "messages")) }
            terminal.finish()
            tags = try store.tagCount()
            FileHandle.standardError.write(Data("Seeded \(tags) auto-tags in \(String(format: "%.1f", Date().timeIntervalSince(start))) s\n".utf8))
        }
        guard let channel = stats.guilds.first?.channels.max(by: { $0.messages < $1.messages }),
              let jump = try store.latestMessages(channel: channel.id, count: 1).first?.id else {
            throw CLIError("\(self.store.path): no messages to review")
        }
        let report = try ReviewBench.measure(store: store, labelSets: sets, annotator: "bench", messages: stats.messages, tags: tags,
                                             jumpMessage: jump)
        if json {
            printReport(JSONOutput.line(report) + "\n")
            return
        }
        var text = "\(report.messages) messages, \(report.tags) auto-tags\n"
        text += "session start (ms): " + report.startup_ms.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        text += "queue count in the background (ms): "
            + report.queue_count_ms.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        text += TextTable.render(header: ["queue", "command", "runs", "median ms", "p95 ms", "max ms"],
                                 rows: report.commands.map { [$0.queue, $0.command, String($0.runs), String($0.median_ms),
                                                              String($0.p95_ms), String($0.max_ms)] })
        printReport(text)
    }
}
