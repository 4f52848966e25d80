import DBindCore
@testable import DBindFormats
@testable import DBindPipeline
import DBindStore
import DBindTestSupport
import Foundation
import GRDB
import Testing

@Suite("Community report and interaction graph of the fixture guild", .serialized)
struct ReportTests {
    func sql<T: DatabaseValueConvertible>(_ guild: TaggedGuild, _ query: String) throws -> T {
        try guild.store.read { try T.fetchOne($0, sql: query)! }
    }

    @Test("every figure equals direct SQL on the store")
    func figuresMatchSQL() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let report = try ReportJob(store: guild.store).report()
        #expect(report.messages == (try sql(guild, "SELECT count(*) FROM messages WHERE NOT is_system") as Int))
        #expect(report.channels.count == (try sql(guild, "SELECT count(*) FROM channels") as Int))
        let asked: Int = try sql(guild, """
            SELECT count(DISTINCT s.message_id) FROM spans s JOIN messages m ON m.id = s.message_id JOIN authors a ON a.id = m.author_id
            WHERE s.kind = 'question' AND NOT m.is_system AND NOT a.is_bot
            """)
        #expect(report.questions.asked == asked && asked > 20)
        #expect(report.questions.answered + report.questions.unanswered == asked)
        #expect(report.questions.answered > 0 && report.questions.median_first_response_seconds! <= report.questions.p90_first_response_seconds!)

        // Most mentioned: the mentions stored per member, most first.
        let mentions = try guild.store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT x.author_id, count(*) AS n FROM mentions x JOIN messages m ON m.id = x.message_id
                WHERE NOT m.is_system GROUP BY x.author_id ORDER BY n DESC, x.author_id LIMIT 10
                """).map { (Snowflake(int64: $0[0]).description, $0[1] as Int) }
        }
        #expect(report.members.most_mentioned.map { ($0.id, $0.count) }.elementsEqual(mentions, by: ==))
        let posters = try guild.store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.author_id, count(*) AS n FROM messages m JOIN authors a ON a.id = m.author_id
                WHERE NOT m.is_system AND NOT a.is_bot GROUP BY m.author_id ORDER BY n DESC, m.author_id LIMIT 10
                """).map { (Snowflake(int64: $0[0]).description, $0[1] as Int) }
        }
        #expect(report.members.top_posters.map { ($0.id, $0.count) }.elementsEqual(posters, by: ==))
        #expect(report.activity.by_day.map(\.messages).reduce(0, +) == report.messages)
        #expect(report.activity.weekday_hour.flatMap { $0 }.reduce(0, +) == report.messages)
        let support = try #require(report.channels.first { $0.name == "support" })
        #expect(support.kind == "support" && !support.rules.isEmpty)
        #expect(support.messages == (try sql(guild, "SELECT count(*) FROM messages m JOIN channels c ON c.id = m.channel_id WHERE c.name = 'support' AND NOT m.is_system") as Int))
        let urls: Int = try sql(guild, "SELECT count(*) FROM spans WHERE kind = 'entity' AND type = 'URL'")
        #expect(report.entities.first { $0.type == "URL" }?.total == urls)

        // Central members come with reasons; the first answers questions.
        #expect(report.members.central.count == 10)
        #expect(report.members.central.allSatisfy { !$0.reasons.isEmpty })
        #expect(report.members.central.contains { $0.reasons.contains { $0.hasPrefix("answered ") } })
        // Unanswered questions link to Discord.
        for q in report.questions.oldest_unanswered {
            #expect(q.url.hasPrefix("https://discord.com/channels/") && q.url.hasSuffix("/" + q.id))
        }
    }

    @Test("the HTML shows the JSON's numbers, fetches nothing, and escapes names")
    func html() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let report = try ReportJob(store: guild.store).report()
        let html = ReportHTML.render(report, generated: "2026-01-01 00:00 UTC")
        #expect(html.contains("\(report.questions.asked) asked · \(report.questions.answered) answered · \(report.questions.unanswered) unanswered"))
        for m in report.members.most_mentioned { #expect(html.contains("<td>\(escape(m.name))</td><td class=\"num\">\(m.count)</td>")) }
        for c in report.members.central { #expect(html.contains(escape(c.name))) }
        #expect(!html.contains("<script src") && !html.contains("<link") && !html.contains("url(http") && !html.contains("@import"))
        #expect(html.components(separatedBy: "<svg").count - 1 >= 4, "day, week, heatmap and graph charts")
    }

    @Test("labeling: decisions per annotator, progress and agreement")
    func labeling() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let support = try guild.channel("support"), general = try guild.channel("general")
        for (annotator, value) in [("ann", "support"), ("bo", "support")] {
            try guild.store.setLabel(level: .channel, itemID: support.id.description, labelSet: "channel-kind", annotator: annotator, value: value, action: .label)
        }
        for (annotator, value) in [("ann", "general"), ("bo", "off-topic")] {
            try guild.store.setLabel(level: .channel, itemID: general.id.description, labelSet: "channel-kind", annotator: annotator, value: value, action: .label)
        }
        let report = try ReportJob(store: guild.store).report()
        #expect(report.labeling.decisions.map(\.count) == [2, 2])
        let progress = try #require(report.labeling.progress.first { $0.label_set == "channel-kind" })
        #expect(progress.labeled == 2 && progress.items == report.channels.count)
        let agreement = try #require(report.labeling.agreement.first)
        #expect(agreement.items == 2 && agreement.agreed == 1)
        // A person's label wins in the channel table.
        #expect(report.channels.first { $0.name == "general" }?.kind != nil)
    }

    @Test("people's verdicts win in the report: on questions (asked, answered, open) and on entity spans")
    func verdictsWin() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let before = try ReportJob(store: guild.store).report()
        let questionSpans: [SpanKey] = try guild.store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.message_id, s.start, s."end" FROM spans s JOIN messages m ON m.id = s.message_id
                JOIN authors a ON a.id = m.author_id
                WHERE s.kind = 'question' AND NOT a.is_bot AND NOT m.is_system
                  AND s.message_id IN (SELECT message_id FROM spans WHERE kind = 'question' GROUP BY message_id HAVING count(*) = 1)
                ORDER BY s.message_id
                """).map { SpanKey(messageID: Snowflake(int64: $0[0]), start: $0[1], end: $0[2]) }
        }
        let open = Set(before.questions.oldest_unanswered.map(\.id))
        let answeredSpan = try #require(questionSpans.first { !open.contains($0.messageID.description) })
        let openSpan = try #require(questionSpans.first { open.contains($0.messageID.description) })
        let notQuestion = try #require(questionSpans.first { $0 != answeredSpan && $0 != openSpan })
        func judge(_ span: SpanKey, _ value: String, set: String = QuestionAnswering.labelSet) throws {
            try guild.store.setLabel(level: .span, itemID: span.description, labelSet: set, annotator: "ann", value: value, action: .label)
        }
        try judge(answeredSpan, "unanswered")
        try judge(openSpan, "answered")
        try judge(notQuestion, "not-a-question")
        let after = try ReportJob(store: guild.store).report()
        #expect(after.questions.asked == before.questions.asked - 1)
        let ids = Set(after.questions.oldest_unanswered.map(\.id))
        #expect(ids.contains(answeredSpan.messageID.description) && !ids.contains(openSpan.messageID.description))
        let wasOpen = open.contains(notQuestion.messageID.description) ? 1 : 0
        #expect(after.questions.unanswered == before.questions.unanswered - wasOpen)
        let progress = try #require(after.labeling.progress.first { $0.label_set == QuestionAnswering.labelSet })
        let questionSpanCount: Int = try sql(guild, "SELECT count(*) FROM spans WHERE kind = 'question'")
        #expect(progress.labeled == 3 && progress.items == questionSpanCount)

        // Entity spans: one URL rejected, one retyped.
        let urls: [SpanKey] = try guild.store.read { db in
            try Row.fetchAll(db, sql: "SELECT message_id, start, \"end\" FROM spans WHERE kind = 'entity' AND type = 'URL' ORDER BY 1, 2 LIMIT 2")
                .map { SpanKey(messageID: Snowflake(int64: $0[0]), start: $0[1], end: $0[2]) }
        }
        try #require(urls.count == 2)
        try judge(urls[0], "", set: SpanCorrection.labelSet)
        try judge(urls[1], "PRODUCT@\(urls[1].start)-\(urls[1].end)", set: SpanCorrection.labelSet)
        let entities = try ReportJob(store: guild.store).report().entities
        let urlTotal = before.entities.first { $0.type == "URL" }?.total ?? 0
        #expect(entities.first { $0.type == "URL" }?.total == urlTotal - 2)
        #expect(entities.first { $0.type == "PRODUCT" }?.total == (before.entities.first { $0.type == "PRODUCT" }?.total ?? 0) + 1)
    }

    @Test("each user a reaction lists turns to the message's author; reactors who never post are named members")
    func reactionEdges() throws {
        let dir = try temporaryDirectory()
        let store = try Store(path: dir + "/db.sqlite")
        // all-fields.json: bob reacted to alice's first message. carol only reacts, to bob's reply.
        var json = try String(contentsOfFile: RepoPaths.root + "/fixtures/dce/all-fields.json", encoding: .utf8)
        let bobReply = try #require(json.range(of: "\"id\": \"1213000000000000002\""))
        let reactions = try #require(json.range(of: "\"reactions\": []", range: bobReply.upperBound..<json.endIndex))
        json.replaceSubrange(reactions, with: """
            "reactions": [{ "emoji": { "id": "", "name": "🎉", "code": "tada", "isAnimated": false, "imageUrl": "" }, "count": 2,
              "users": [{ "id": "1000000000000000031", "name": "carol", "discriminator": "0000", "nickname": "Carol", "color": null,
                          "isBot": false, "avatarUrl": "" }, { "id": "1000000000000000012", "name": "bob", "discriminator": "1234",
                          "nickname": "Bob", "color": null, "isBot": false, "avatarUrl": "" }] }]
            """)
        try json.write(toFile: dir + "/channel.json", atomically: true, encoding: .utf8)
        #expect(IngestJob(store: store).run(paths: [dir + "/channel.json"]).failures.isEmpty)

        let files = try ReportJob(store: store).graph()
        let alice = Snowflake(1_000_000_000_000_000_011), bob = Snowflake(1_000_000_000_000_000_012)
        let carol = Snowflake(1_000_000_000_000_000_031)
        #expect(files.graph.edge(from: bob, to: alice)?.reactions == 1)
        #expect(files.graph.edge(from: carol, to: bob)?.reactions == 1)
        // Bob reacting to his own reply says nothing about ties.
        #expect(files.graph.edge(from: bob, to: bob) == nil)
        #expect(files.graph.nodes.first { $0.id == carol }?.name == "Carol")
        let stored: Int = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM authors WHERE id = ?", arguments: [carol.int64])! }
        #expect(stored == 1)
    }
}
