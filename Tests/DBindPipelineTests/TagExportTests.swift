import DBindCore
import DBindFormats
@testable import DBindPipeline
import DBindStore
import DBindTestSupport
import Foundation
import Testing

/// The fixture guild ingested and auto-tagged once per test, in a fresh store.
struct TaggedGuild {
    let store: Store
    let dir: String
    let schema: TagSchema
    let text: TextResources

    init() throws {
        dir = try temporaryDirectory()
        store = try Store(path: dir + "/db.sqlite")
        _ = IngestJob(store: store).run(paths: [RepoPaths.root + "/fixtures/guild"])
        schema = try TagSchemaLoader(searchDirectories: [RepoPaths.root + "/schemas"]).load("base")
        text = try TextResources.load(questionRules: RepoPaths.root + "/schemas/questions.yaml")
        try store.registerLabelSets(try LabelSetLoader.loadDirectory(RepoPaths.root + "/labels").map(LabelSetRecord.init))
    }

    /// Tags as `dbind tag` does, with `linkModel` (`shippedLinks` for the default's scorer).
    @discardableResult
    func tag(full: Bool = false, linkModel: LinkModel? = nil) throws -> TagReport {
        var job = TagJob(store: store, schema: schema, text: text, full: full)
        job.linkModel = linkModel
        return try job.run()
    }

    /// The link scorer `dbind tag` uses unless told otherwise.
    static let shippedLinks = try! LinkModelFile.load(path: RepoPaths.root + "/" + LinkModelFile.shipped)

    func channel(_ name: String) throws -> Channel {
        try #require(try store.channels().first { $0.name == name })
    }

    func export(_ format: ExportFormat = .native, unit: ExportUnit.Kind = .conversation, name: String = "out.jsonl",
                options: ExportOptions = ExportOptions(), filter: ExportFilter = ExportFilter(), tokens: Bool = false,
                labelConfig: String? = nil) throws -> String {
        let path = dir + "/" + name
        var job = ExportJob(store: store, format: format, options: options, unit: unit, filter: filter,
                            labelFacets: try store.labelFacets(), tokenizer: tokens ? { ExportJob.chatTokens($0) } : nil)
        if let labelConfig { job.labelConfig = (labelConfig, try LabelSetLoader.loadDirectory(RepoPaths.root + "/labels")) }
        _ = try job.run(into: try LineSink(path: path))
        return path
    }
}

@Suite("Tagging and export of the fixture guild")
struct TagExportTests {
    /// The kind a person gives each fixture channel, judged from its name and messages.
    static let expectedKinds = [
        "announcements": "announcements", "welcome": "rules", "general": "general", "support": "support",
        "international": "general", "off-topic": "off-topic", "governance": "governance",
        "Proposal #12 — treasury diversification": "governance", "dev": "development",
        "indexer v2 rollout": "development", "bot-commands": "bots",
    ]

    @Test("every fixture channel gets the kind a person would give it, with the rules that fired")
    func channelKinds() throws {
        let guild = try TaggedGuild()
        let report = try guild.tag()
        #expect(report.channels.count == 11)
        for entry in report.channels {
            #expect(entry.kind == ["channel.kind/" + (Self.expectedKinds[entry.channel] ?? "?")], "\(entry.channel)")
        }
        for tag in try guild.store.effectiveTags(level: .channel) {
            #expect(!tag.rules.isEmpty, "\(tag.tag) on \(tag.channel ?? "") names no rule")
        }
        #expect(report.spans > 100)
        #expect(report.conversations > 20)
        #expect(report.tags_per_facet["message.intent", default: 0] > 50)
        let support = try guild.channel("support")
        #expect(try guild.store.autoTags(level: .channel, itemID: support.id.description).first?.tag == "channel.kind/support")
    }

    @Test("tagging reads a channel of one page once, whole, and a bigger one twice, a page at a time, writing its spans and message tags page by page; what it stores does not depend on the page size or on keeping text analyses")
    func pageSizeDoesNotMatter() throws {
        let whole = try TaggedGuild(), paged = try TaggedGuild()
        let report = try whole.tag()
        #expect(report.spans > 0 && report.conversations > 0)
        var job = TagJob(store: paged.store, schema: paged.schema, text: paged.text)
        // Three messages a page: every channel's reads and writes cross many pages, and channels
        // of more than 30 messages analyse their texts again on the second read.
        job.pageSize = 3
        job.wholeChannelLimit = 30
        let pagedReport = try job.run()
        #expect(report.channels.contains { $0.messages > 30 } && report.channels.contains { (3...30).contains($0.messages) })
        #expect(pagedReport.spans == report.spans && pagedReport.conversations == report.conversations)
        #expect(pagedReport.tags_per_facet == report.tags_per_facet)
        let expected = try String(contentsOfFile: try whole.export(), encoding: .utf8)
        #expect(expected.contains(#""spans":[{"#) && expected.contains(#""tags":[{"#))
        #expect(try String(contentsOfFile: try paged.export(), encoding: .utf8) == expected)
        // Tagged again page by page: each page's write replaces what the first run stored for its messages.
        job.full = true
        _ = try job.run()
        #expect(try String(contentsOfFile: try paged.export(), encoding: .utf8) == expected)
    }

    @Test("a channel over the whole-channel limit, computed with its segmenter's past and its links in spill files and written in parts, stores what the whole channel stores: links, conversations and their names, tags, with the shipped scorer and placements made by hand")
    func channelsInPartsMatchWholeChannels() throws {
        let whole = try TaggedGuild(), paged = try TaggedGuild()
        for guild in [whole, paged] {
            try guild.tag(linkModel: TaggedGuild.shippedLinks)
            // The same edits in both: a late message moved into the first conversation, and the
            // first message of another moved out to a conversation of its own (so that a
            // conversation keeps a stored name that is not its first message's).
            let general = try guild.channel("general").id
            let links = try guild.store.links(channel: general)
            let first = try #require(try guild.store.conversationID(message: links[0].messageID))
            _ = try guild.store.moveMessages([links[links.count - 1].messageID], to: first, kind: .move, item: nil, annotator: "ann")
            let root = try #require(links.dropFirst(5).first { $0.antecedentID == nil && $0.origin == .auto })
            _ = try guild.store.moveMessages([root.messageID], to: nil, kind: .move, item: nil, annotator: "ann")
        }
        let report = try whole.tag(full: true, linkModel: TaggedGuild.shippedLinks)
        var job = TagJob(store: paged.store, schema: paged.schema, text: paged.text, full: true)
        job.linkModel = TaggedGuild.shippedLinks
        job.pageSize = 7
        job.wholeChannelLimit = 20
        let pagedReport = try job.run()
        #expect(report.channels.contains { $0.messages > 20 })
        #expect(pagedReport.channels.map(\.messages) == report.channels.map(\.messages))
        #expect(pagedReport.channels.map(\.conversations) == report.channels.map(\.conversations))
        #expect(pagedReport.conversations == report.conversations && pagedReport.tags_per_facet == report.tags_per_facet)
        for channel in try whole.store.channels() {
            #expect(try paged.store.links(channel: channel.id) == whole.store.links(channel: channel.id), "#\(channel.name)")
            #expect(try paged.store.conversations(channel: channel.id) == whole.store.conversations(channel: channel.id), "#\(channel.name)")
        }
        let renamed = try whole.store.conversations(channel: whole.channel("general").id).filter { $0.id != $0.firstMessageID }
        #expect(!renamed.isEmpty, "a conversation kept a stored name")
        #expect(try String(contentsOfFile: try paged.export(), encoding: .utf8) == String(contentsOfFile: try whole.export(), encoding: .utf8))
        #expect(try paged.store.effectiveTags(level: .conversation) == whole.store.effectiveTags(level: .conversation))
    }

    @Test("re-tagging skips unchanged channels, recomputes the same tags, and never touches labels or manual placements")
    func retagKeepsManualWork() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let international = try guild.channel("international")
        try guild.store.setLabel(level: .channel, itemID: international.id.description, labelSet: "channel-kind",
                                 annotator: "ann", value: "support", action: .label)
        let general = try guild.channel("general")
        let messages = try guild.store.messages(channel: general.id).filter(\.hasUserText)
        let conversationOfFirst = try #require(try guild.store.conversationID(message: messages[0].id))
        let moved = messages[messages.count - 1].id
        _ = try guild.store.moveMessages([moved], to: conversationOfFirst, kind: .move, item: nil, annotator: "ann")
        let tagsBefore = try guild.store.effectiveTags(level: .message)

        let unchanged = try guild.tag()
        #expect(unchanged.channels.filter(\.skipped).count == 10, "only the channel with a manual placement is redone")
        try guild.tag(full: true)
        #expect(try guild.store.effectiveTags(level: .message) == tagsBefore)
        let kind = try #require(try guild.store.effectiveTags(level: .channel).first { $0.itemID == international.id.description })
        #expect(kind.tag == "channel.kind/support" && kind.source == .manual)
        #expect(try guild.store.autoTags(level: .channel, itemID: international.id.description).first?.tag == "channel.kind/general")
        // The moved message is still with the first message's conversation.
        #expect(try guild.store.conversationID(message: moved) == guild.store.conversationID(message: messages[0].id))
        #expect(try guild.store.manualLinks(channel: general.id).keys.contains(moved))
    }

    @Test("a conversation's first message moved to a new one stays apart from the rest when tagged again; undo restores both")
    func moveFirstMessageOut() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        // A conversation whose second message answers its first.
        var found: (first: Snowflake, second: Snowflake, channel: Snowflake)?
        for channel in try guild.store.channels() where found == nil {
            let links = try guild.store.links(channel: channel.id)
            for (a, b) in zip(links, links.dropFirst()) where a.conversationID == b.conversationID && b.antecedentID == a.messageID
                && a.antecedentID == nil && links.filter({ $0.conversationID == a.conversationID }).count == 2 {
                found = (a.messageID, b.messageID, channel.id)
                break
            }
        }
        let (first, second, channel) = try #require(found)
        let before = try guild.store.links(channel: channel)
        _ = try guild.store.moveMessages([first], to: nil, kind: .move, item: nil, annotator: "ann")
        let left = try #require(try guild.store.links(channel: channel).first { $0.messageID == second })
        #expect(left.antecedentID == nil && left.origin == .manual, "no link into another conversation")
        _ = try guild.store.undoLast(annotator: "ann")
        #expect(try guild.store.links(channel: channel) == before)
        _ = try guild.store.moveMessages([first], to: nil, kind: .move, item: nil, annotator: "ann")
        try guild.tag()
        #expect(try guild.store.conversationID(message: first) != guild.store.conversationID(message: second))
    }

    @Test("a message moved into a conversation that starts after it stays there when tagged again")
    func moveIntoLaterConversation() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let channel = try guild.channel("general").id
        let roots = try guild.store.links(channel: channel).filter { $0.antecedentID == nil }
        try #require(roots.count >= 2)
        let (moved, laterRoot) = (roots[0].messageID, roots[1].messageID)
        let destination = try #require(try guild.store.conversationID(message: laterRoot))
        _ = try guild.store.moveMessages([moved], to: destination, kind: .move, item: nil, annotator: "ann")
        #expect(try guild.store.conversationID(message: moved) == destination)
        try guild.tag()
        #expect(try guild.store.conversationID(message: moved) == guild.store.conversationID(message: laterRoot))
        #expect(try guild.tag(full: true).channels.first { $0.channel_id == channel.description }?.skipped == false)
        #expect(try guild.store.conversationID(message: moved) == guild.store.conversationID(message: laterRoot))
    }

    @Test("a conversation that gained an earlier message keeps its id, its label and its undo when tagged again")
    func earlierMessageMovedInKeepsTheName() throws {
        let guild = try TaggedGuild()
        let scorer = TaggedGuild.shippedLinks
        try guild.tag(linkModel: scorer)
        let channel = try guild.channel("general").id
        let roots = try guild.store.links(channel: channel).filter { $0.antecedentID == nil }
        try #require(roots.count >= 2)
        let (moved, laterRoot) = (roots[0].messageID, roots[1].messageID)
        let destination = try #require(try guild.store.conversationID(message: laterRoot))
        try guild.store.setLabel(level: .conversation, itemID: String(destination), labelSet: ConversationEdit.labelSet,
                                 annotator: "ann", value: "correct", action: .label)
        _ = try guild.store.moveMessages([moved], to: destination, kind: .move, item: nil, annotator: "ann")
        for full in [false, true] {
            try guild.tag(full: full, linkModel: scorer)
            #expect(try guild.store.conversationID(message: moved) == destination, "named as the person saw it")
            #expect(try guild.store.conversationID(message: laterRoot) == destination)
            let record = try #require(try guild.store.conversations(channel: channel).first { $0.id.int64 == destination })
            #expect(record.firstMessageID == moved, "its first message is the one moved in")
            #expect(try guild.store.labels(level: .conversation, itemID: String(destination)).map(\.value) == ["correct"])
        }
        #expect(try guild.store.undoLast(annotator: "ann") != nil, "the move can be undone after tagging")
        #expect(try guild.store.conversationID(message: laterRoot) == destination)
        #expect(try guild.store.conversationID(message: moved) == roots[0].conversationID.int64)
    }

    @Test("a merged conversation keeps exactly the messages the reviewer saw when tagged again; undo restores both")
    func mergeSurvivesTag() throws {
        let guild = try TaggedGuild()
        // With the scorer, as `dbind tag` runs: its conversation features let one edit ripple.
        let scorer = TaggedGuild.shippedLinks
        try guild.tag(linkModel: scorer)
        var merged = 0
        for channel in try guild.store.channels() where merged < 12 {
            // Pairs whose second conversation starts inside the first: the merged-in messages
            // fall between the first's, where a re-run is most tempted to regroup.
            let initial = try guild.store.links(channel: channel.id)
            var span: [Snowflake: (first: Int, last: Int)] = [:]
            for (k, link) in initial.enumerated() { span[link.conversationID, default: (k, k)].last = k }
            let pairs = span.keys.sorted().flatMap { a in
                span.keys.sorted().filter { b in span[a]!.first < span[b]!.first && span[b]!.first < span[a]!.last }.map { (a, $0) }
            }
            var used = Set<Snowflake>()
            for (a, b) in pairs where !used.contains(a) && !used.contains(b) && merged < 12 {
                used.formUnion([a, b])
                let links = try guild.store.links(channel: channel.id)
                let members = Set(links.filter { $0.conversationID == a || $0.conversationID == b }.map(\.messageID))
                let moved = links.filter { $0.conversationID == b }.map(\.messageID)
                guard !moved.isEmpty, members.count > moved.count else { continue }
                let before = links
                _ = try guild.store.moveMessages(moved, to: a.int64, kind: .merge, item: a.int64, annotator: "ann")
                try guild.tag(linkModel: scorer)
                let after = try guild.store.links(channel: channel.id)
                let root = try #require(after.first { members.contains($0.messageID) }?.conversationID)
                #expect(Set(after.filter { $0.conversationID == root }.map(\.messageID)) == members,
                        "merge of \(b) into \(a) in #\(channel.name)")
                _ = try guild.store.undoLast(annotator: "ann")
                try guild.tag(linkModel: scorer)
                #expect(try guild.store.links(channel: channel.id).map(\.conversationID) == before.map(\.conversationID),
                        "undo after tag, #\(channel.name)")
                merged += 1
            }
        }
        #expect(merged >= 8)
    }

    @Test("a re-run with other text-stage files or another block gap tags every channel again; the same files skip")
    func retagWhenTheSetupChanges() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        #expect(try guild.tag().channels.allSatisfy(\.skipped))
        let patterns = guild.dir + "/patterns.jsonl"
        try #"{"label": "PRODUCT", "pattern": "Lumen wallet"}"#.write(toFile: patterns, atomically: true, encoding: .utf8)
        let withPatterns = try TextResources.load(questionRules: RepoPaths.root + "/schemas/questions.yaml", patternFiles: [patterns])
        #expect(withPatterns.identity != guild.text.identity)
        #expect(try TagJob(store: guild.store, schema: guild.schema, text: withPatterns).run().channels.allSatisfy { !$0.skipped })
        #expect(try TagJob(store: guild.store, schema: guild.schema, text: withPatterns).run().channels.allSatisfy(\.skipped))
        let gap = try TagJob(store: guild.store, schema: guild.schema, text: withPatterns, gapMilliseconds: 600_000).run()
        #expect(gap.channels.allSatisfy { !$0.skipped })
    }

    @Test("native export: valid against the JSON Schema, byte-identical when repeated")
    func nativeExport() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let first = try guild.export(name: "a.jsonl")
        let second = try guild.export(name: "b.jsonl")
        #expect(FileManager.default.contentsEqual(atPath: first, andPath: second))
        let lines = try String(contentsOfFile: first, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 20)
        try JSONSchemaValidator.validate(file: first, schema: RepoPaths.root + "/schemas/export.schema.json")
        for unit in [ExportUnit.Kind.message, .channel] {
            try JSONSchemaValidator.validate(file: try guild.export(unit: unit, name: "\(unit).jsonl"),
                                             schema: RepoPaths.root + "/schemas/export.schema.json")
        }
    }

    @Test("round trip: export → import-labels → export is identical; importing twice changes nothing")
    func roundTrip() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let support = try guild.channel("support")
        let message = try #require(try guild.store.messages(channel: support.id).first(where: \.hasUserText))
        try guild.store.setLabel(level: .message, itemID: message.id.description, labelSet: "message-intent", annotator: "ann",
                                 value: "question", action: .label)
        try guild.store.setLabel(level: .channel, itemID: support.id.description, labelSet: "channel-kind", annotator: "bo",
                                 value: "support", action: .label)
        let exported = try guild.export(name: "labeled.jsonl")

        // A second store with the same guild and tags but no labels takes them from the file.
        let other = try TaggedGuild()
        try other.tag()
        let job = LabelImportJob(store: other.store, annotator: "importer")
        let report = try job.run(file: exported)
        #expect(report.written >= 1 && report.unmatched.isEmpty)
        let again = try job.run(file: exported)
        #expect(again.written == 0 && again.unchanged == report.written)
        // In the original store the import finds every label already there.
        let same = try LabelImportJob(store: guild.store, annotator: "importer").run(file: exported)
        #expect(same.written == 0)
        let reexported = try guild.export(name: "reexported.jsonl")
        #expect(FileManager.default.contentsEqual(atPath: exported, andPath: reexported))
        let labels = try other.store.labels(level: .message, itemID: message.id.description)
        #expect(labels.map(\.value) == ["question"] && labels.map(\.annotator) == ["ann"])
    }

    @Test("imported labels decide their facets in a store no one has reviewed")
    func importedLabelsDecideFacets() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let support = try guild.channel("support")
        try guild.store.setLabel(level: .channel, itemID: support.id.description, labelSet: "channel-kind", annotator: "bo",
                                 value: "governance", action: .label)
        let exported = try guild.export(unit: .channel, name: "labeled-channels.jsonl")
        // The same guild, tagged, in a store that has never registered a label set.
        let other = try Store(path: try temporaryDirectory() + "/fresh.sqlite")
        _ = IngestJob(store: other).run(paths: [RepoPaths.root + "/fixtures/guild"])
        try TagJob(store: other, schema: guild.schema, text: guild.text).run()
        #expect(try other.labelSets().isEmpty)
        let sets = try LabelSetLoader.loadDirectory(RepoPaths.root + "/labels").map(LabelSetRecord.init)
        let report = try LabelImportJob(store: other, annotator: "importer", labelSets: sets).run(file: exported)
        #expect(report.written == 1 && report.errors.isEmpty, "\(report)")
        let kinds = try other.effectiveTags(level: .channel).filter { $0.itemID == support.id.description && $0.facet == "channel.kind" }
        #expect(kinds.map(\.tag) == ["channel.kind/governance"] && kinds.map(\.source) == [.manual], "\(kinds)")
    }

    @Test("Prodigy answers: accepted spans are kept as labeled, rejected spans leave the export")
    func prodigyAnswers() throws {
        let guild = try TaggedGuild()
        try guild.tag()
        let path = try guild.export(.prodigy, unit: .message, name: "tasks.jsonl")
        var tasks = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let withEntities = tasks.indices.filter { ((tasks[$0]["spans"] as? [[String: Any]]) ?? []).contains { $0["label"] as? String != "QUESTION" } }
        try #require(withEntities.count >= 2)
        // The export is Prodigy's input: nobody has answered, and importing it records nothing.
        #expect(tasks.allSatisfy { $0["answer"] == nil })
        let untouched = try LabelImportJob(store: guild.store, annotator: "pat").run(file: path)
        #expect(untouched.written == 0 && untouched.skipped == tasks.count)
        // Prodigy's output answers each task it showed.
        tasks[withEntities[0]]["answer"] = "reject"
        tasks[withEntities[1]]["answer"] = "accept"
        let answered = [tasks[withEntities[0]], tasks[withEntities[1]]]
        let file = guild.dir + "/answers.jsonl"
        try answered.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
            .joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let report = try LabelImportJob(store: guild.store, annotator: "pat").run(file: file)
        #expect(report.written >= 2 && report.unmatched.isEmpty)
        let rejectedID = try #require((answered[0]["meta"] as? [String: Any])?["id"] as? String)
        let acceptedID = try #require((answered[1]["meta"] as? [String: Any])?["id"] as? String)
        let export = try String(contentsOfFile: try guild.export(unit: .message, name: "after.jsonl"), encoding: .utf8)
        for line in export.split(separator: "\n") {
            let unit = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let spans = ((unit["messages"] as? [[String: Any]])?.first?["spans"] as? [[String: Any]]) ?? []
            if unit["id"] as? String == rejectedID {
                #expect(spans.allSatisfy { $0["kind"] as? String == "question" }, "rejected entities are gone")
            }
            if unit["id"] as? String == acceptedID {
                #expect(spans.contains { ($0["rule"] as? String) == "manual:pat" })
            }
        }
    }
}

/// Validates JSON Lines against a JSON Schema with Python's `jsonschema` package.
enum JSONSchemaValidator {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func validate(file: String, schema: String) throws {
        let run = try Program.run("python3", [RepoPaths.root + "/scripts/validate_jsonl.py", schema, file])
        guard run.status == 0 else { throw Failure(description: run.output + run.errors) }
    }
}
