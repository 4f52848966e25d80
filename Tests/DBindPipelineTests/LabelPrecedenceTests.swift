import DBindCore
import DBindFormats
@testable import DBindPipeline
import DBindStore
import DBindTestSupport
import Foundation
import GRDB
import Testing

@Suite("One label precedence for tags, export and review")
struct LabelPrecedenceTests {
    @Test("two labels in the same millisecond: `tags` and `export` both take the one recorded later")
    func sameTimestamp() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let general = try guild.channel("general")
        // Recorded in this order; the later one's annotator sorts first, so a tie broken by
        // name would pick the other.
        try guild.store.setLabel(level: .channel, itemID: general.id.description, labelSet: "channel-kind", annotator: "zed",
                                 value: "off-topic", action: .import)
        try guild.store.setLabel(level: .channel, itemID: general.id.description, labelSet: "channel-kind", annotator: "amy",
                                 value: "support", action: .import)
        try guild.store.write { db in
            try db.execute(sql: "UPDATE labels SET updated_at = 1700000000000 WHERE level = 'channel' AND item_id = ?",
                           arguments: [general.id.description])
        }
        let tags = try guild.store.effectiveTags(level: .channel).filter { $0.itemID == general.id.description && $0.facet == "channel.kind" }
        #expect(tags.map(\.tag) == ["channel.kind/support"] && tags.map(\.rules) == [["manual:amy"]])
        let lines = try jsonLines(try guild.export(unit: .channel, name: "channels.jsonl"))
        let unit = try #require(lines.first { $0["id"] as? String == general.id.description })
        let effective = try #require((unit["effective"] as? [[String: Any]])?.first { $0["facet"] as? String == "channel.kind" })
        #expect(effective["values"] as? [String] == ["channel.kind/support"])
        #expect((unit["channel"] as? [String: Any])?["kinds"] as? [String] == ["channel.kind/support"])
    }
}

@Suite("One span-correction rule for review and export")
struct SpanCorrectionRuleTests {
    @Test("a correction past the end of the text is cut there, the same in review and in the export")
    func pastTheEnd() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let spans = try exportedSpans(guild)
        let (messageID, entity) = try #require(spans.lazy.compactMap { id, list in
            list.first { $0["kind"] as? String == "entity" }.map { (id, $0) }
        }.first)
        let start = try #require(entity["start"] as? Int), end = try #require(entity["end"] as? Int)
        let key = SpanKey(messageID: try #require(Snowflake(messageID)), start: start, end: end)
        for correction in [SpanCorrection(type: "PRODUCT", start: start, end: 100_000), SpanCorrection(type: "PRODUCT", start: 99_999, end: 100_000)] {
            try guild.store.setLabel(level: .span, itemID: key.description, labelSet: SpanCorrection.labelSet, annotator: "ann",
                                     value: correction.value, action: .label)
            let review = try #require(try guild.store.effectiveSpans(message: key.messageID).first { $0.key == key })
            let exported = try #require(try exportedSpans(guild)[messageID]?.first { $0["type"] as? String == "PRODUCT" })
            #expect(review.type == "PRODUCT")
            #expect(exported["start"] as? Int == review.start && exported["end"] as? Int == review.end)
            #expect(exported["text"] as? String == review.text)
            if correction.start == start {
                #expect(review.start == start && review.end >= end, "cut at the end of the text")
            } else {
                #expect(review.start == start && review.end == end, "nothing left: the extractor's bounds stay")
            }
        }
    }

    @Test("--only-labeled keeps the message whose entity span a person rejected, and only it")
    func rejectedSpanIsALabel() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let (messageID, entity) = try #require(try exportedSpans(guild).lazy.compactMap { id, list in
            list.first { $0["kind"] as? String == "entity" }.map { (id, $0) }
        }.first)
        let key = SpanKey(messageID: try #require(Snowflake(messageID)),
                          start: try #require(entity["start"] as? Int), end: try #require(entity["end"] as? Int))
        var filter = ExportFilter()
        filter.onlyLabeled = true
        #expect(try jsonLines(try guild.export(unit: .message, name: "none.jsonl", filter: filter)).isEmpty)
        try guild.store.setLabel(level: .span, itemID: key.description, labelSet: SpanCorrection.labelSet, annotator: "ann",
                                 value: "", action: .label)
        let kept = try jsonLines(try guild.export(unit: .message, name: "kept.jsonl", filter: filter))
        #expect(kept.map { $0["id"] as? String } == [messageID])
        let spans = try #require((kept.first?["messages"] as? [[String: Any]])?.first?["spans"] as? [[String: Any]])
        #expect(!spans.contains { $0["start"] as? Int == key.start && $0["end"] as? Int == key.end && $0["kind"] as? String == "entity" })
    }

    @Test("question verdicts in the export: not-a-question leaves it, another verdict rides on the span")
    func questionVerdicts() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let questions = try exportedSpans(guild).flatMap { id, spans in
            spans.filter { $0["kind"] as? String == "question" }.map { (id, $0["start"] as! Int, $0["end"] as! Int) }
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        try #require(questions.count >= 2)
        let (rejected, rhetorical) = (questions[0], questions[1])
        for (q, value) in [(rejected, "not-a-question"), (rhetorical, "rhetorical")] {
            let key = SpanKey(messageID: try #require(Snowflake(q.0)), start: q.1, end: q.2)
            try guild.store.setLabel(level: .span, itemID: key.description, labelSet: QuestionAnswering.labelSet, annotator: "ann",
                                     value: value, action: .label)
        }
        let after = try exportedSpans(guild)
        func question(_ q: (String, Int, Int)) -> [String: Any]? {
            after[q.0]?.first { $0["kind"] as? String == "question" && $0["start"] as? Int == q.1 && $0["end"] as? Int == q.2 }
        }
        #expect(question(rejected) == nil)
        #expect(question(rhetorical)?["verdict"] as? String == "rhetorical")
        #expect(after.values.joined().filter { $0["verdict"] != nil }.count == 1, "unjudged spans carry no verdict")
        try JSONSchemaValidator.validate(file: try guild.export(unit: .message, name: "judged.jsonl"),
                                         schema: RepoPaths.root + "/schemas/export.schema.json")
    }
}
