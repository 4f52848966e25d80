import DBindCore
import Testing

@Suite("Export filters")
struct ExportFilterTests {
    /// A message unit whose message a person labeled with `value` in message-intent.
    func unit(labeled value: String) -> ExportUnit {
        let label = ExportLabel(labelSet: "message-intent", facet: "message.intent", value: value, annotator: "ann",
                                time: Timestamp(milliseconds: 1_700_000_000_000))
        let message = ExportMessage(id: Snowflake(10), authorID: Snowflake(100), authorName: "Ana", authorIsBot: false,
                                    time: Timestamp(milliseconds: 1_700_000_000_000), text: "thanks, and how do I stake?",
                                    labels: [label])
        return ExportUnit(kind: .message, id: Snowflake(10), guild: Guild(id: Snowflake(1), name: "Lumen"),
                          channel: ExportChannel(id: Snowflake(2), name: "support", parent: nil, type: "GuildTextChat"),
                          messages: [message])
    }

    func kept(_ unit: ExportUnit, labels: [String]) -> Bool {
        var filter = ExportFilter()
        filter.labels = labels
        return filter.apply(unit) != nil
    }

    @Test("--label matches a label by value or set:value, each name of a label that chose several")
    func labelValues() {
        let single = unit(labeled: "question")
        #expect(kept(single, labels: ["question"]))
        #expect(kept(single, labels: ["message-intent:question"]))
        #expect(!kept(single, labels: ["thanks"]))
        #expect(!kept(single, labels: ["channel-kind:question"]))
        let several = unit(labeled: LabelSet.value(of: ["thanks", "question"]))
        for wanted in ["question", "thanks", "message-intent:thanks", "message-intent:question,thanks"] {
            #expect(kept(several, labels: [wanted]), "\(wanted)")
        }
        #expect(!kept(several, labels: ["quest", "greeting", "message-intent:greeting"]))
        #expect(!kept(unit(labeled: ""), labels: ["question"]), "a \"none of these\" label matches no name")
    }

    @Test("--min-confidence drops the channel's kind auto-tags below it; a person's kind label stays")
    func channelKindsFollowTheMinimum() {
        func kindTag(_ kind: String, _ confidence: Double) -> ExportTag {
            ExportTag(tag: "channel.kind/\(kind)", facet: "channel.kind", confidence: confidence, rules: ["r.\(kind)"],
                      schema: "base", schemaVersion: "1")
        }
        var unit = unit(labeled: "question")
        unit.channel = ExportChannel(id: Snowflake(2), name: "support", parent: nil, type: "GuildTextChat",
                                     tags: [kindTag("support", 0.55)])
        #expect(unit.channel.kinds == ["channel.kind/support"])
        var filter = ExportFilter()
        filter.minConfidence = 0.6
        #expect(filter.apply(unit)?.channel.kinds == [])
        filter.tags = ["channel.kind/support"]
        #expect(filter.apply(unit) == nil, "a kind below the minimum no longer selects the unit")

        let label = ExportLabel(labelSet: "channel-kind", facet: "channel.kind", value: "help", annotator: "ann",
                                time: Timestamp(milliseconds: 1_700_000_000_000))
        unit.channel = ExportChannel(id: Snowflake(2), name: "support", parent: nil, type: "GuildTextChat",
                                     tags: [kindTag("support", 0.55)], labels: [label])
        filter.tags = []
        #expect(filter.apply(unit)?.channel.kinds == ["channel.kind/help"])
    }

    @Test("--only-labeled keeps a unit whose only human judgement is on a span")
    func spanVerdictsCountAsLabels() {
        var unit = unit(labeled: "question")
        unit.messages[0].labels = []
        var filter = ExportFilter()
        filter.onlyLabeled = true
        #expect(filter.apply(unit) == nil)
        unit.messages[0].spanLabels = [ExportSpanLabel(start: 0, end: 6, labelSet: "entity-span", value: "", annotator: "ann",
                                                       time: Timestamp(milliseconds: 1_700_000_000_000))]
        #expect(filter.apply(unit) != nil)
    }
}
