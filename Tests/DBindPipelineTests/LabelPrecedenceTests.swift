import DBindCore
import DBindFormats
@testable import DBindPipeline
import DBindStore
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
                                 value: "off-topic", action: "import")
        try guild.store.setLabel(level: .channel, itemID: general.id.description, labelSet: "channel-kind", annotator: "amy",
                                 value: "support", action: "import")
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
