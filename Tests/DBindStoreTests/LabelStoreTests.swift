import DBindCore
@testable import DBindStore
import DBindTestSupport
import Foundation
import GRDB
import Testing

@Suite("Labels, auto-tags and review queues in the store")
struct LabelStoreTests {
    func storeWithMessages() throws -> Store {
        let store = try Store(path: temporaryDatabase())
        _ = try ingest(RepoPaths.root + "/fixtures/dce/all-fields.json", into: store)
        return store
    }

    @Test("the label history is append-only: updates and deletes are refused by the database")
    func appendOnly() throws {
        let store = try storeWithMessages()
        let event = try store.setLabel(level: .message, itemID: "1", labelSet: "s", annotator: "a", value: "x", action: .label)
        #expect(throws: (any Error).self) {
            try store.write { db in try db.execute(sql: "UPDATE label_events SET new_value = 'y' WHERE id = ?", arguments: [event.id]) }
        }
        #expect(throws: (any Error).self) {
            try store.write { db in try db.execute(sql: "DELETE FROM label_events") }
        }
        #expect(try store.history().count == 1)
    }

    @Test("current labels follow the newest event per annotator; undo appends and restores")
    func currentFromHistory() throws {
        let store = try storeWithMessages()
        try store.setLabel(level: .message, itemID: "7", labelSet: "s", annotator: "a", value: "x", action: .label)
        try store.setLabel(level: .message, itemID: "7", labelSet: "s", annotator: "b", value: "y", action: .label)
        try store.setLabel(level: .message, itemID: "7", labelSet: "s", annotator: "a", value: "z", action: .label)
        #expect(try store.labels(level: .message, itemID: "7").map { "\($0.annotator)=\($0.value)" }.sorted() == ["a=z", "b=y"])
        let undone = try #require(try store.undoLast(annotator: "a"))
        #expect(undone.newValue == "z" && undone.oldValue == "x")
        #expect(try store.labels(level: .message, itemID: "7").first { $0.annotator == "a" }?.value == "x")
        try store.undoLast(annotator: "a")
        #expect(try store.labels(level: .message, itemID: "7").map(\.annotator) == ["b"])
        #expect(try store.undoLast(annotator: "a") == nil)
        let history = try store.history(level: .message, itemID: "7")
        #expect(history.map(\.action) == [.label, .label, .label, .undo, .undo])
        #expect(history.suffix(2).map(\.undoes) == [history[2].id, history[0].id])
        #expect(history.map(\.at) == history.map(\.at).sorted())
    }

    @Test("replaceAutoTags replaces only the given items and keeps labels; the newest label wins across annotators")
    func autoTagsAndPrecedence() throws {
        let store = try storeWithMessages()
        try store.registerLabelSets([LabelSetRecord(name: "intent", level: .message, facet: "message.intent", isMulti: true,
                                                    labels: ["question", "answer"])])
        let tag = { (item: String, label: String, confidence: Double) in
            AutoTag(itemID: item, facet: "message.intent", tag: "message.intent/\(label)", confidence: confidence, rules: ["r.\(label)"])
        }
        try store.replaceAutoTags(level: .message, items: nil, tags: [tag("1", "question", 0.5), tag("2", "answer", 0.6)],
                                  schema: "s", version: "1")
        try store.setLabel(level: .message, itemID: "1", labelSet: "intent", annotator: "a", value: "answer", action: .label)
        try store.setLabel(level: .message, itemID: "1", labelSet: "intent", annotator: "b", value: "answer,question", action: .label)
        try store.replaceAutoTags(level: .message, items: ["1"], tags: [tag("1", "question", 0.9)], schema: "s", version: "2")
        let effective = try store.effectiveTags(level: .message)
        #expect(effective.map { "\($0.itemID) \($0.tag) \($0.source.rawValue)" } ==
                ["1 message.intent/answer manual", "1 message.intent/question manual", "2 message.intent/answer auto"])
        #expect(effective.first?.rules == ["manual:b"])
        #expect(try store.autoTags(level: .message, itemID: "1").map(\.confidence) == [0.9])
        #expect(try store.autoTags(level: .message, itemID: "2").map(\.rules) == [["r.answer"]])
        #expect(try store.labelSets().map(\.facet) == ["message.intent"])
        let json = String(decoding: try JSONEncoder().encode(effective[2]), as: UTF8.self)
        #expect(json.contains("\"source\":\"auto\"") && json.contains("\"item_id\":\"2\""))
    }

    @Test("tags and spans written many rows to a statement keep their order, ids and conflict rule across statements")
    func multiRowWrites() throws {
        let store = try storeWithMessages()
        let rows = FastStatement.rowsPerStatement * 2 + 7
        // Item i's second tag repeats its first one's tag: the later row, in a later statement
        // for most items, updates the earlier one as a row-by-row upsert would.
        let tags = (0..<rows).map { i in
            AutoTag(itemID: "item\(i % 100)", facet: "message.intent", tag: "message.intent/t\(i % 100)",
                    confidence: Double(i) / 1000, rules: ["r\(i)"])
        }
        try store.replaceAutoTags(level: .message, items: nil, tags: tags, schema: "s", version: "1")
        let stored = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT id, item_id, confidence, rules FROM tags ORDER BY id")
        }
        #expect(stored.count == 100)
        #expect(stored.map { $0["item_id"] as String } == (0..<100).map { "item\($0)" })
        #expect(stored.map { $0["id"] as Int64 } == Array(1...100))
        #expect(stored.map { $0["confidence"] as Double } == (0..<100).map { Double($0 + (rows - 1 - $0) / 100 * 100) / 1000 })
        #expect(stored[6]["rules"] as String == "[\"r106\"]" && stored[40]["rules"] as String == "[\"r40\"]")

        let message = try #require(try store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM messages LIMIT 1") })
        let spans = (0..<rows).map { i in
            AutoSpan(messageID: Snowflake(int64: message), kind: .entity, type: "t", start: i, end: i + 1, text: "x\(i)",
                     rule: "r", confidence: 0.5)
        }
        try store.replaceAutoSpans(messages: nil, spans: spans)
        let texts = try store.read { db in try String.fetchAll(db, sql: "SELECT text FROM spans ORDER BY id") }
        #expect(texts == (0..<rows).map { "x\($0)" })
    }

    @Test("a replace deletes the old rows of every listed item, many items to a statement, and no others")
    func groupedDeletes() throws {
        let store = try storeWithMessages()
        let items = (0..<FastStatement.rowsPerStatement * 2 + 7).map { "item\($0)" }
        let tag = { (item: String) in AutoTag(itemID: item, facet: "message.intent", tag: "message.intent/t", confidence: 0.5, rules: ["r"]) }
        try store.replaceAutoTags(level: .message, items: nil, tags: items.map(tag), schema: "s", version: "1")
        try store.replaceAutoTags(level: .channel, items: nil, tags: [tag("item140")], schema: "s", version: "1")
        // Every item but the last is listed; the last statement's items are deleted too.
        try store.replaceAutoTags(level: .message, items: Array(items.dropLast()), tags: [tag("item3")], schema: "s", version: "1")
        let left = try store.read { db in try String.fetchAll(db, sql: "SELECT level || ' ' || item_id FROM tags ORDER BY id") }
        #expect(left == ["message item\(items.count - 1)", "channel item140", "message item3"])

        let ids = try store.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM messages ORDER BY id") }.map(Snowflake.init(int64:))
        try #require(ids.count >= 2)
        let spans = ids.map { AutoSpan(messageID: $0, kind: .entity, type: "t", start: 0, end: 1, text: "x", rule: "r", confidence: 0.5) }
        try store.replaceAutoSpans(messages: nil, spans: spans)
        try store.replaceAutoSpans(messages: Array(ids.dropFirst()), spans: [])
        #expect(try store.read { db in try Int64.fetchAll(db, sql: "SELECT message_id FROM spans") } == [ids[0].int64])
    }

    @Test("queue queries walk indexes, never scanning or sorting the big tables")
    func queuePlans() throws {
        let store = try storeWithMessages()
        let set = { (level: ItemLevel, facet: String?) in
            LabelSetRecord(name: "s", level: level, facet: facet, isMulti: false, labels: ["a"])
        }
        let specs: [QueueSpec] = [
            QueueSpec(kind: .tags, labelSet: set(.message, "message.intent"), annotator: "a"),
            QueueSpec(kind: .tags, labelSet: set(.message, "message.intent"), annotator: "a",
                      filter: ReviewFilter(channelIDs: [Snowflake(1)], tag: "message.intent/question", minConfidence: 0.2, labeledBy: "b")),
            QueueSpec(kind: .questions, labelSet: set(.span, nil), annotator: "a"),
            QueueSpec(kind: .entities, labelSet: set(.span, nil), annotator: "a", filter: ReviewFilter(channelIDs: [Snowflake(1)])),
            QueueSpec(kind: .conversations, labelSet: set(.conversation, nil), annotator: "a"),
            QueueSpec(kind: .unlabeled, labelSet: set(.message, nil), annotator: "a"),
        ]
        for spec in specs {
            let query = try QueueQuery(spec)
            var arguments = query.arguments
            arguments += ["after_score": 0.5, "after_id": 0]
            let plan = try store.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query.next, arguments: arguments).map { $0["detail"] as String }
            }
            let main = plan.first ?? ""
            #expect(main.contains("USING INDEX") || main.contains("USING INTEGER PRIMARY KEY") || main.contains("USING COVERING INDEX"),
                    "\(spec.kind): \(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(spec.kind) sorts: \(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN") && !$0.contains("INDEX") && !$0.contains("json_each") }, "\(spec.kind) scans: \(plan)")
        }
    }
}
