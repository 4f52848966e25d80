import ArgumentParser
import DBindCore
import DBindPipeline
import DBindStore
import Foundation

extension ItemLevel: ExpressibleByArgument {}

/// `dbind tags`: stored tags as everyone should see them, manual labels first.
struct TagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags",
        abstract: "List the effective tags of one level (a person's label wins over the auto-tag).",
        discussion: """
        With --json prints one JSON array of {"channel", "channel_id", "item_id", "tag", \
        "confidence", "rules", "source"}.

        Examples:
          dbind tags
          dbind tags --level message --tag message.intent/question --json
          dbind tags --channel support --min-confidence 0.5
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "channel, conversation, message or span.")
    var level: ItemLevel = .channel

    @Option(help: "Only this tag or facet (and the tags under it).")
    var tag: String?

    @OptionGroup var channels: ChannelOptions

    @Option(help: "Only tags at or above this confidence.")
    var minConfidence: Double?

    @Flag(help: "Print one JSON array.")
    var json = false

    struct Entry: Encodable {
        var channel: String?
        var channel_id: String?
        var item_id: String
        var tag: String
        var confidence: Double
        var rules: [String]
        var source: String
    }

    func validate() throws {
        try ConfidenceOption.check(minConfidence, "--min-confidence")
    }

    func run() throws {
        let store = try self.store.open()
        let wanted = try channels.resolve(in: store)
        var entries: [Entry] = []
        try store.forEachEffectiveTag(level: level) { t in
            if let tag, t.tag != tag, !t.tag.hasPrefix(tag + "/"), t.facet != tag { return }
            if let wanted, !(t.channelID.map(wanted.contains) ?? false) { return }
            if let minConfidence, t.confidence < minConfidence { return }
            entries.append(Entry(channel: t.channel, channel_id: t.channelID?.description, item_id: t.itemID, tag: t.tag,
                                 confidence: t.confidence, rules: t.rules, source: t.source.rawValue))
        }
        if json {
            printReport(JSONOutput.line(entries) + "\n")
        } else {
            printReport(TextTable.render(
                header: ["channel", "item", "tag", "confidence", "source", "rules"],
                rows: entries.map { [$0.channel ?? "-", $0.item_id, $0.tag, String(format: "%.2f", $0.confidence), $0.source,
                                     $0.rules.joined(separator: ", ")] }))
        }
    }
}
