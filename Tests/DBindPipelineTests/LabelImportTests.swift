import DBindCore
import DBindFormats
@testable import DBindPipeline
import DBindStore
import DBindTestSupport
import Foundation
import Testing

func jsonLines(_ path: String) throws -> [[String: Any]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
        try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
}

func writeLines(_ records: [Any], to path: String) throws {
    try records.map { record -> String in
        if let text = record as? String { return text }
        return String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
    }.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
}

/// Native message units keyed by message id: each message's exported spans.
func exportedSpans(_ guild: TaggedGuild) throws -> [String: [[String: Any]]] {
    var result: [String: [[String: Any]]] = [:]
    for unit in try jsonLines(try guild.export(unit: .message, name: "spans-\(UUID().uuidString).jsonl")) {
        let message = try #require((unit["messages"] as? [[String: Any]])?.first)
        result[message["id"] as! String] = message["spans"] as? [[String: Any]] ?? []
    }
    return result
}

/// UTF-16 offsets of `piece` in `text`, as doccano counts.
func utf16Range(of piece: String, in text: String) -> (Int, Int)? {
    guard let range = text.range(of: piece) else { return nil }
    let start = text.utf16.distance(from: text.startIndex, to: range.lowerBound)
    return (start, start + piece.utf16.count)
}

@Suite("Labels back from every tool", .serialized)
struct LabelImportTests {
    /// A message task of `format` whose message has at least two entity spans, preferring emoji text.
    func taskWithTwoEntities(_ tasks: [[String: Any]], spans: ([String: Any]) -> [[Any]]) throws -> Int {
        let candidates = tasks.indices.filter { spans(tasks[$0]).filter { ($0.last as? String) != "QUESTION" }.count >= 2 }
        try #require(!candidates.isEmpty)
        return candidates.first { i in
            let text = (tasks[i]["text"] as? String) ?? ((tasks[i]["data"] as? [String: Any])?["text"] as? String) ?? ""
            return text.utf16.count != text.unicodeScalars.count
        } ?? candidates[0]
    }

    @Test("doccano: an edited label and a removed span come back; a bad line is reported; twice changes nothing")
    func doccanoRoundTrip() throws {
        let guild = try TaggedGuild()
        try guild.addHardChannel()
        var tasks = try jsonLines(try guild.export(.doccano, unit: .message, name: "doccano.jsonl"))
        let i = try taskWithTwoEntities(tasks) { ($0["label"] as? [[Any]]) ?? [] }
        let text = tasks[i]["text"] as! String
        var labels = tasks[i]["label"] as! [[Any]]
        let entities = labels.indices.filter { (labels[$0][2] as? String) != "QUESTION" }
        labels[entities[0]][2] = "PRODUCT"                       // relabelled
        let removed = labels.remove(at: entities[1])            // deleted
        tasks[i]["label"] = labels
        // doccano writes its own id and spreads the imported keys (dbind's meta) at the top level.
        tasks[i]["id"] = 7
        let messageID = try #require(((tasks[i]["meta"] as? [String: Any])?["id"]) as? String)
        let file = guild.dir + "/doccano-edited.jsonl"
        try writeLines([tasks[i], "{not json", ["text": "no such message text at all", "label": [[0, 2, "URL"]]]], to: file)
        let report = try LabelImportJob(store: guild.store, annotator: "dee").run(file: file)
        #expect(report.errors.count == 1 && report.errors[0].hasPrefix(file + ":2: not JSON"), "\(report.errors)")
        #expect(report.unmatched.count == 1, "\(report.unmatched)")
        #expect(report.written >= 2)
        let spans = try #require(try exportedSpans(guild)[messageID])
        let entitySpans = spans.filter { $0["kind"] as? String == "entity" }
        let relabelled = labels[entities[0]]
        #expect(entitySpans.contains { $0["type"] as? String == "PRODUCT" && $0["rule"] as? String == "manual:dee" },
                "\(entitySpans) after \(relabelled) in \(text)")
        let removedText = String(decoding: Array(text.utf16)[(removed[0] as! Int)..<(removed[1] as! Int)], as: UTF16.self)
        #expect(!entitySpans.contains { $0["text"] as? String == removedText && $0["type"] as? String == removed[2] as? String })
        let history = try guild.store.history(annotator: "dee").count
        let again = try LabelImportJob(store: guild.store, annotator: "dee").run(file: file)
        #expect(again.written == 0 && again.unchanged >= 1)
        #expect(try guild.store.history(annotator: "dee").count == history)
    }

    @Test("Prodigy: a removed QUESTION span is skipped, not judged; an entity one file removed, a later file puts back")
    func removeAndPutBack() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let tasks = try jsonLines(try guild.export(.prodigy, unit: .message, name: "p.jsonl"))
        let i = try #require(tasks.indices.first { i in
            let spans = (tasks[i]["spans"] as? [[String: Any]]) ?? []
            return spans.contains { $0["label"] as? String == "QUESTION" } && spans.contains { $0["label"] as? String != "QUESTION" }
        })
        let messageID = try #require((tasks[i]["meta"] as? [String: Any])?["id"] as? String)
        var edited = tasks[i]
        edited["answer"] = "accept"
        edited["spans"] = ((tasks[i]["spans"] as? [[String: Any]]) ?? []).filter { _ in false }  // the person removed every span
        try writeLines([edited], to: guild.dir + "/removed.jsonl")
        let removed = try LabelImportJob(store: guild.store, annotator: "pat").run(file: guild.dir + "/removed.jsonl")
        #expect(removed.errors.isEmpty && removed.unmatched.isEmpty && removed.skipped >= 1, "\(removed)")
        let left = try exportedSpans(guild)[messageID] ?? []
        #expect(left.allSatisfy { $0["kind"] as? String == "question" } && !left.isEmpty,
                "entities rejected, the question left for the questions queue")
        var kept = tasks[i]
        kept["answer"] = "accept"
        try writeLines([kept], to: guild.dir + "/kept.jsonl")
        let back = try LabelImportJob(store: guild.store, annotator: "pat").run(file: guild.dir + "/kept.jsonl")
        #expect(back.unmatched.isEmpty, "\(back.unmatched)")
        let entities = try exportedSpans(guild)[messageID]?.filter { $0["kind"] as? String == "entity" } ?? []
        let original = ((tasks[i]["spans"] as? [[String: Any]]) ?? []).filter { $0["label"] as? String != "QUESTION" }
        #expect(entities.count == original.count, "the entities are back")
    }

    @Test("a file that decides one label twice: its last record wins, and importing it again changes nothing")
    func lastRecordWins() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let unit = try #require(try jsonLines(try guild.export(unit: .message, name: "m.jsonl")).first)
        func labeled(_ value: String) -> [String: Any] {
            var record = unit
            var messages = record["messages"] as! [[String: Any]]
            messages[0]["labels"] = [["label_set": "message-intent", "value": value, "annotator": "kim"]]
            record["messages"] = messages
            return record
        }
        let file = guild.dir + "/twice.jsonl"
        try writeLines([labeled("question"), labeled("thanks"), labeled("greeting"), labeled("thanks")], to: file)
        let first = try LabelImportJob(store: guild.store, annotator: "x").run(file: file)
        #expect(first.written == 1 && first.errors.isEmpty, "\(first)")
        let messageID = try #require((unit["messages"] as? [[String: Any]])?.first?["id"] as? String)
        #expect(try guild.store.labels(level: .message, itemID: messageID).map(\.value) == ["thanks"])
        let history = try guild.store.history(annotator: "kim").count
        let again = try LabelImportJob(store: guild.store, annotator: "x").run(file: file)
        #expect(again.written == 0 && again.unchanged == 1)
        #expect(try guild.store.history(annotator: "kim").count == history)
    }

    @Test("native: span verdicts and question judgements travel to another store of the same guild and come out the same")
    func spanLabelsToAnotherStore() throws {
        let a = try TaggedGuild(), b = try TaggedGuild()
        try a.tag()
        try b.tag()
        let spans = try exportedSpans(a)
        let entities = spans.flatMap { id, list in list.filter { $0["kind"] as? String == "entity" }.map { (id, $0) } }
            .sorted { ($0.0, $0.1["start"] as! Int) < ($1.0, $1.1["start"] as! Int) }
        let question = try #require(spans.flatMap { id, list in list.filter { $0["kind"] as? String == "question" }.map { (id, $0) } }
            .min { $0.0 < $1.0 })
        try #require(entities.count >= 2)
        func key(_ span: (String, [String: Any])) throws -> SpanKey {
            SpanKey(messageID: try #require(Snowflake(span.0)), start: span.1["start"] as! Int, end: span.1["end"] as! Int)
        }
        let retyped = try key(entities[1])
        for (span, set, value) in [(try key(entities[0]), SpanCorrection.labelSet, ""),
                                   (retyped, SpanCorrection.labelSet, "PRODUCT@\(retyped.start)-\(retyped.end)"),
                                   (try key(question), QuestionAnswering.labelSet, "rhetorical")] {
            try a.store.setLabel(level: .span, itemID: span.description, labelSet: set, annotator: "carol@example.org", value: value,
                                 action: .label)
        }
        let file = try a.export(unit: .message, name: "a.jsonl")
        try JSONSchemaValidator.validate(file: file, schema: RepoPaths.root + "/schemas/export.schema.json")
        let report = try LabelImportJob(store: b.store, annotator: "importer").run(file: file)
        #expect(report.errors.isEmpty && report.unmatched.isEmpty && report.written == 3, "\(report)")
        #expect(NSDictionary(dictionary: try exportedSpans(b)) == NSDictionary(dictionary: try exportedSpans(a)), "the same spans in force")
        #expect(try b.store.history(annotator: "carol@example.org").count == 3, "credited to the person who judged")
        let again = try LabelImportJob(store: b.store, annotator: "importer").run(file: file)
        #expect(again.written == 0 && again.unchanged == 3)
    }

    @Test("an export written as .gz imports as the plain file does")
    func gzipExport() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let general = try guild.channel("general")
        try guild.store.setLabel(level: .channel, itemID: general.id.description, labelSet: "channel-kind", annotator: "ann",
                                 value: "support", action: .label)
        let plain = try LabelImportJob(store: guild.store, annotator: "x").run(file: try guild.export(unit: .channel, name: "c.jsonl"))
        let gzip = try LabelImportJob(store: guild.store, annotator: "x").run(file: try guild.export(unit: .channel, name: "c.jsonl.gz"))
        #expect(gzip.errors.isEmpty && gzip.lines == plain.lines && gzip.lines > 0, "\(gzip.errors.prefix(2))")
        #expect(gzip.unchanged == plain.unchanged && gzip.unchanged >= 1)
    }

    @Test("a Prodigy file read as doccano: every line an error naming it, nothing stored")
    func wrongFormat() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let tasks = try guild.export(.prodigy, unit: .message, name: "prodigy.jsonl")
        let spansBefore = try exportedSpans(guild)
        let report = try LabelImportJob(store: guild.store, annotator: "dee", format: .doccano).run(file: tasks)
        #expect(report.written == 0 && report.lines > 0 && report.errors.count == report.lines, "\(report.errors.prefix(3))")
        #expect(report.errors.first?.hasPrefix(tasks + ":1: not a doccano record") == true, "\(report.errors.first ?? "")")
        #expect(try exportedSpans(guild).mapValues(\.count) == spansBefore.mapValues(\.count))
    }

    @Test("Label Studio JSON and JSONL: choices and regions by completed_by; twice changes nothing")
    func labelStudioRoundTrip() throws {
        let guild = try TaggedGuild()
        try guild.addHardChannel()
        var tasks = try jsonLines(try guild.export(.labelStudio, unit: .message, name: "ls.jsonl"))
        let i = try taskWithTwoEntities(tasks) { task in
            (((task["predictions"] as? [[String: Any]])?.first?["result"] as? [[String: Any]]) ?? []).map {
                [(($0["value"] as? [String: Any])?["labels"] as? [String])?.first ?? ""]
            }
        }
        // The annotator starts from the prediction, relabels one region and deletes another.
        var regions = ((tasks[i]["predictions"] as! [[String: Any]])[0]["result"] as! [[String: Any]])
        let entities = regions.indices.filter { (((regions[$0]["value"] as? [String: Any])?["labels"] as? [String]) ?? []) != ["QUESTION"] }
        var value = regions[entities[0]]["value"] as! [String: Any]
        value["labels"] = ["PRODUCT"]
        regions[entities[0]]["value"] = value
        regions.remove(at: entities[1])
        regions.append(["from_name": "message-intent", "to_name": "text", "type": "choices", "value": ["choices": ["question"]]])
        tasks[i]["annotations"] = [["id": 1, "completed_by": ["id": 3, "email": "lee@example.org"], "result": regions],
                                   ["id": 2, "completed_by": 9, "was_cancelled": true, "result": regions]]
        let messageID = try #require((((tasks[i]["data"] as? [String: Any])?["meta"] as? [String: Any])?["id"]) as? String)
        // Label Studio's JSON export: one array of tasks.
        let json = guild.dir + "/project-1.json"
        try JSONSerialization.data(withJSONObject: [tasks[i]]).write(to: URL(fileURLWithPath: json))
        let report = try LabelImportJob(store: guild.store, annotator: "nobody").run(file: json)
        #expect(report.errors.isEmpty && report.unmatched.isEmpty, "\(report)")
        let labels = try guild.store.labels(level: .message, itemID: messageID)
        #expect(labels.map(\.value) == ["question"] && labels.map(\.annotator) == ["lee@example.org"])
        let spans = try #require(try exportedSpans(guild)[messageID]).filter { $0["kind"] as? String == "entity" }
        #expect(spans.contains { $0["type"] as? String == "PRODUCT" && $0["rule"] as? String == "manual:lee@example.org" })
        #expect(spans.count == entities.count - 1)
        #expect(try LabelImportJob(store: guild.store, annotator: "nobody").run(file: json).written == 0)

        // The same task as a JSON line, by a user Label Studio names only by id.
        tasks[i]["annotations"] = [["id": 4, "completed_by": 12, "result": regions]]
        let jsonl = guild.dir + "/project-1.jsonl"
        try writeLines([tasks[i]], to: jsonl)
        let byID = try LabelImportJob(store: guild.store, annotator: "nobody").run(file: jsonl)
        #expect(byID.errors.isEmpty && byID.written >= 2)
        #expect(try guild.store.labels(level: .message, itemID: messageID).contains { $0.annotator == "label-studio-user-12" })
        // The export shows the person's labels back as Label Studio annotations.
        let reexported = try jsonLines(try guild.export(.labelStudio, unit: .message, name: "ls-again.jsonl"))
        let task = try #require(reexported.first { (((($0["data"] as? [String: Any])?["meta"] as? [String: Any])?["id"]) as? String) == messageID })
        #expect((task["annotations"] as? [[String: Any]])?.count == 2)
    }

    @Test("dbind's own Label Studio export imports back without touching the entities")
    func labelStudioOwnExport() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let spans = try exportedSpans(guild)
        let messageID = try #require(spans.first { $0.value.contains { $0["kind"] as? String == "entity" } }?.key)
        try guild.store.setLabel(level: .message, itemID: messageID, labelSet: "message-intent", annotator: "ann", value: "question",
                                 action: .label)
        let file = try guild.export(.labelStudio, unit: .message, name: "own.ls.jsonl")
        let report = try LabelImportJob(store: guild.store, annotator: "importer").run(file: file)
        #expect(report.errors.isEmpty && report.unchanged >= 1 && report.written == 0, "\(report)")
        #expect(try exportedSpans(guild)[messageID]?.count == spans[messageID]?.count, "no entity rejected")
    }

    @Test("a bad line stores nothing of itself: a span outside the text fails the whole record")
    func badRecordStoresNothing() throws {
        let guild = try TaggedGuild()
        try guild.addHardChannel()
        var tasks = try jsonLines(try guild.export(.prodigy, unit: .message, name: "p.jsonl"))
        let i = try taskWithTwoEntities(tasks) { (($0["spans"] as? [[String: Any]]) ?? []).map { [$0["label"] ?? ""] } }
        var spans = tasks[i]["spans"] as! [[String: Any]]
        spans.append(["start": 100_000, "end": 100_004, "label": "URL"])
        tasks[i]["spans"] = spans
        tasks[i]["answer"] = "accept"
        let file = guild.dir + "/bad.jsonl"
        try writeLines([tasks[i]], to: file)
        let report = try LabelImportJob(store: guild.store, annotator: "pat").run(file: file)
        #expect(report.written == 0 && report.errors.count == 1 && report.errors[0].contains(":1: span 100000-100004"))
        #expect(try guild.store.history(annotator: "pat").isEmpty)
    }
}
