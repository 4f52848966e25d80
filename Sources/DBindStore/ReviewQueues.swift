import DBindCore
import Foundation
import GRDB

/// The work lists a reviewer can go through.
public enum ReviewQueueKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Items carrying auto-tags of a label set's facet, least confident first.
    case tags
    /// Question spans, least confident first.
    case questions
    /// Entity spans, least confident first.
    case entities
    /// Conversations, the one with the weakest link first.
    case conversations
    /// Every channel, least confident channel tag first (untagged channels before all).
    case channels
    /// Messages (or channels) nobody has labeled in the set yet, oldest first; with a
    /// labeled-by filter, that annotator's items the reviewer has not labeled (double annotation).
    case unlabeled
    /// Items where the auto-tagger now disagrees with a person's label.
    case disagreements
}

/// Narrows a queue; every field left empty means "no restriction".
public struct ReviewFilter: Sendable, Hashable {
    public var channelIDs: [Snowflake]
    /// Tag (or tag prefix: `channel.kind/governance` also matches its sub-tags); for span queues, the span type.
    public var tag: String?
    public var minConfidence: Double?
    public var maxConfidence: Double?
    /// Only items this annotator has labeled (to check or adjudicate their work).
    public var labeledBy: String?
    /// Also show items the reviewer has already labeled.
    public var includeDone: Bool

    public init(channelIDs: [Snowflake] = [], tag: String? = nil, minConfidence: Double? = nil, maxConfidence: Double? = nil,
                labeledBy: String? = nil, includeDone: Bool = false) {
        self.channelIDs = channelIDs
        self.tag = tag
        self.minConfidence = minConfidence
        self.maxConfidence = maxConfidence
        self.labeledBy = labeledBy
        self.includeDone = includeDone
    }

    /// A stable text form, part of the key under which a session's position is saved.
    public var key: String {
        var parts: [String] = []
        if !channelIDs.isEmpty { parts.append("channels=" + channelIDs.map(\.description).sorted().joined(separator: ",")) }
        if let tag { parts.append("tag=\(tag)") }
        if let minConfidence { parts.append("min=\(minConfidence)") }
        if let maxConfidence { parts.append("max=\(maxConfidence)") }
        if let labeledBy { parts.append("by=\(labeledBy)") }
        if includeDone { parts.append("all") }
        return parts.joined(separator: ";")
    }
}

/// What a queue walks and for whom.
public struct QueueSpec: Sendable, Hashable {
    public var kind: ReviewQueueKind
    public var labelSet: LabelSetRecord
    public var annotator: String
    public var filter: ReviewFilter

    public init(kind: ReviewQueueKind, labelSet: LabelSetRecord, annotator: String, filter: ReviewFilter = ReviewFilter()) {
        self.kind = kind
        self.labelSet = labelSet
        self.annotator = annotator
        self.filter = filter
    }

    /// Key of the saved session position: queue, label set and filters.
    public var key: String { "\(kind.rawValue)|\(labelSet.name)|\(filter.key)" }
}

/// A place in a queue's order: the sort score, then a row id, then an item key.
public struct QueueCursor: Sendable, Hashable, Codable {
    public var score: Double
    public var id: Int64
    public var key: String

    public static let start = QueueCursor(score: -Double.greatestFiniteMagnitude, id: Int64.min, key: "")
}

/// One item a queue yields, with the cursor just past it.
public struct QueueEntry: Sendable, Hashable {
    public var level: ItemLevel
    public var itemID: String
    /// The confidence or score that ordered it, when the queue has one.
    public var score: Double?
    public var cursor: QueueCursor
}

/// A queue's size, for progress reports.
public struct QueueCount: Sendable, Hashable {
    public var total: Int
    /// Items of the queue the reviewer has labeled.
    public var done: Int
    /// The newest label event the count saw: a session adds only its decisions after it.
    public var lastEvent: Int64
}

extension Store {
    /// The next item of a queue after `cursor`, skipping items the reviewer already labeled
    /// (unless the filter includes them). Every queue walks an index in order, so this costs
    /// about the same at the start of a queue and a million items in.
    public func nextInQueue(_ spec: QueueSpec, after cursor: QueueCursor = .start) throws -> QueueEntry? {
        try read { db in
            if spec.kind == .disagreements { return try nextDisagreement(db, spec, after: cursor) }
            let query = try QueueQuery(spec)
            var arguments = query.arguments
            arguments += ["after_score": cursor.score, "after_id": cursor.id]
            guard let row = try Row.fetchOne(db, sql: query.next, arguments: arguments) else { return nil }
            let score: Double? = row["score"]
            let id: Int64 = row["rid"]
            return QueueEntry(level: query.level, itemID: row["item"], score: query.hasScore ? score : nil,
                              cursor: QueueCursor(score: score ?? 0, id: id, key: row["item"]))
        }
    }

    /// How many items the queue holds and how many of them the reviewer has labeled. This reads
    /// the whole queue (seconds on a million messages): run it off the interactive path.
    public func countQueue(_ spec: QueueSpec) throws -> QueueCount {
        try read { db in
            let lastEvent = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM label_events") ?? 0
            if spec.kind == .disagreements {
                var total = 0
                var cursor = QueueCursor.start
                while let entry = try nextDisagreement(db, spec, after: cursor) {
                    total += 1
                    cursor = entry.cursor
                }
                return QueueCount(total: total, done: 0, lastEvent: lastEvent)
            }
            var all = spec
            all.filter.includeDone = true
            let query = try QueueQuery(all)
            let total = try Int.fetchOne(db, sql: query.count, arguments: query.arguments) ?? 0
            let done = try Int.fetchOne(db, sql: query.countDone, arguments: query.arguments) ?? 0
            return QueueCount(total: total, done: done, lastEvent: lastEvent)
        }
    }

    /// Walks the set's labels in item order and returns the first item whose auto-tags now
    /// say something else than a person's label.
    private func nextDisagreement(_ db: Database, _ spec: QueueSpec, after cursor: QueueCursor) throws -> QueueEntry? {
        guard let facet = spec.labelSet.facet else {
            throw LabelError("label set \(spec.labelSet.name) has no facet, so no auto-tags to disagree with")
        }
        let names = Set(spec.labelSet.labels)
        var key = cursor.key
        while true {
            let rows = try Row.fetchAll(db, sql: """
                SELECT item_id, annotator, value FROM labels
                WHERE label_set = ? AND level = ? AND item_id > ? AND (?4 IS NULL OR annotator = ?4)
                ORDER BY item_id LIMIT 500
                """, arguments: [spec.labelSet.name, spec.labelSet.level.rawValue, key, spec.filter.labeledBy])
            guard let last = rows.last else { return nil }
            var byItem: [(String, [String])] = []
            for row in rows {
                let item: String = row["item_id"]
                if byItem.last?.0 == item { byItem[byItem.count - 1].1.append(row["value"]) } else { byItem.append((item, [row["value"]])) }
            }
            for (item, values) in byItem {
                if !spec.filter.channelIDs.isEmpty {
                    guard let channel = try Self.channelID(db, level: spec.labelSet.level, itemID: item),
                          spec.filter.channelIDs.contains(channel) else { continue }
                }
                let tags = try Self.autoTags(db, level: spec.labelSet.level, itemID: item).filter { $0.facet == facet }
                let auto = Self.autoLabels(tags, facet: facet, names: names, multi: spec.labelSet.isMulti)
                if values.contains(where: { Set(LabelSet.names(in: $0)) != auto }) {
                    return QueueEntry(level: spec.labelSet.level, itemID: item, score: tags.first?.confidence,
                                      cursor: QueueCursor(score: 0, id: 0, key: item))
                }
            }
            key = last["item_id"]
        }
    }

    /// The labels the auto-tagger's tags stand for: all of them for a multi set, the most
    /// confident one otherwise. `tags` must be ordered most confident first.
    public static func autoLabels(_ tags: [AutoTag], facet: String, names: Set<String>, multi: Bool) -> Set<String> {
        let labels = tags.compactMap { LabelSet.labelName(forTag: $0.tag, facet: facet, names: names) }
        return multi ? Set(labels) : Set(labels.prefix(1))
    }
}

/// The SQL of one queue: the keyset query for the next item and the counts.
struct QueueQuery {
    var level: ItemLevel
    var next: String
    var count: String
    var countDone: String
    var arguments: StatementArguments
    var hasScore: Bool

    init(_ spec: QueueSpec) throws {
        let set = spec.labelSet
        let filter = spec.filter
        var arguments: StatementArguments = [
            "set": set.name, "me": spec.annotator, "by": filter.labeledBy,
            "min": filter.minConfidence ?? -Double.greatestFiniteMagnitude,
            "max": filter.maxConfidence ?? Double.greatestFiniteMagnitude,
            "channels": Store.jsonIDs(filter.channelIDs.map(\.int64)),
            "tag": filter.tag, "tag_prefix": filter.tag.map { Self.likeEscaped($0) + "/%" },
        ]
        // Each queue is described by: its rows (FROM), the item id expression, the score and row
        // id columns, its own conditions, and conditions for the channel filter.
        let level: ItemLevel
        let from: String
        let item: String
        let score: String
        let rid: String
        var conditions: [String] = []
        var firstOfItem: String?
        hasScore = true
        switch spec.kind {
        case .tags:
            guard let facet = set.facet else {
                throw LabelError("label set \(set.name) has no facet, so it has no auto-tags to review; try --queue unlabeled")
            }
            arguments += ["facet": facet, "level": set.level.rawValue]
            level = set.level
            from = "tags t INDEXED BY tags_by_facet"
            item = "t.item_id"
            score = "t.confidence"
            rid = "t.id"
            let tagCondition = { (alias: String) in
                "(:tag IS NULL OR \(alias).tag = :tag OR \(alias).tag LIKE :tag_prefix ESCAPE '\\')"
                    + " AND \(alias).confidence BETWEEN :min AND :max"
            }
            conditions.append("t.facet = :facet AND t.level = :level AND " + tagCondition("t"))
            firstOfItem = """
                NOT EXISTS (SELECT 1 FROM tags u INDEXED BY tags_by_item WHERE u.level = t.level AND u.item_id = t.item_id AND u.facet = t.facet
                    AND (u.confidence < t.confidence OR (u.confidence = t.confidence AND u.id < t.id)) AND \(tagCondition("u")))
                """
        case .questions, .entities:
            guard set.level == .span else { throw LabelError("label set \(set.name) labels \(set.level.rawValue)s, not spans") }
            level = .span
            arguments += ["kind": spec.kind == .questions ? "question" : "entity"]
            from = "spans s INDEXED BY spans_by_kind_confidence"
            item = "(s.message_id || ':' || s.start || '-' || s.\"end\")"
            score = "s.confidence"
            rid = "s.id"
            conditions.append("s.kind = :kind AND (:tag IS NULL OR s.type = :tag) AND s.confidence BETWEEN :min AND :max")
        case .conversations:
            level = .conversation
            from = "conversation_links cl INDEXED BY conversation_links_by_score"
            item = "CAST(cl.conversation_id AS TEXT)"
            score = "cl.score"
            rid = "cl.message_id"
            conditions.append("cl.score BETWEEN :min AND :max")
            firstOfItem = """
                NOT EXISTS (SELECT 1 FROM conversation_links o INDEXED BY conversation_links_by_conversation_score
                    WHERE o.conversation_id = cl.conversation_id
                    AND (o.score < cl.score OR (o.score = cl.score AND o.message_id < cl.message_id)) AND o.score BETWEEN :min AND :max)
                """
        case .channels:
            guard set.level == .channel else { throw LabelError("label set \(set.name) labels \(set.level.rawValue)s, not channels") }
            level = .channel
            arguments += ["facet": set.facet]
            from = """
                (SELECT c.id AS id, coalesce((SELECT min(t.confidence) FROM tags t WHERE t.level = 'channel'
                    AND t.item_id = CAST(c.id AS TEXT) AND t.facet = :facet
                    AND (:tag IS NULL OR t.tag = :tag OR t.tag LIKE :tag_prefix ESCAPE '\\')), -1) AS confidence FROM channels c) ch
                """
            item = "CAST(ch.id AS TEXT)"
            score = "ch.confidence"
            rid = "ch.id"
            conditions.append("(:tag IS NULL OR ch.confidence >= 0)")
            conditions.append("(ch.confidence BETWEEN :min AND :max OR (:min < -1 AND :max > -1 AND ch.confidence = -1))")
        case .unlabeled:
            hasScore = false
            level = set.level
            switch set.level {
            case .message:
                from = "messages m"
                item = "CAST(m.id AS TEXT)"
                rid = "m.id"
                conditions.append("m.is_system = 0")
            case .channel:
                from = "channels m"
                item = "CAST(m.id AS TEXT)"
                rid = "m.id"
            case .span, .conversation:
                throw LabelError("--queue unlabeled walks messages or channels; for \(set.level.rawValue) labels use --queue \(set.level == .span ? "questions or entities" : "conversations")")
            }
            score = "0.0"
            // With --labeled-by this is the second-annotator queue: their items, not yet labeled by me
            // (the done and labeled-by conditions below); otherwise items nobody has labeled.
            if filter.labeledBy == nil {
                conditions.append("NOT EXISTS (SELECT 1 FROM labels l WHERE l.level = '\(set.level.rawValue)' AND l.item_id = \(item) AND l.label_set = :set)")
            }
        case .disagreements:
            throw LabelError("the disagreements queue is walked in Swift")
        }
        self.level = level
        if !filter.channelIDs.isEmpty {
            let channels = "(SELECT value FROM json_each(:channels))"
            switch (spec.kind, level) {
            case (.unlabeled, .message):
                conditions.append("m.channel_id IN \(channels)")
            case (_, .channel):
                conditions.append("CAST(\(item) AS INTEGER) IN \(channels)")
            case (.conversations, _):
                conditions.append("(SELECT channel_id FROM conversations WHERE id = cl.conversation_id) IN \(channels)")
            case (.questions, _), (.entities, _):
                conditions.append("(SELECT channel_id FROM messages WHERE id = s.message_id) IN \(channels)")
            case (_, .message):
                conditions.append("(SELECT channel_id FROM messages WHERE id = CAST(\(item) AS INTEGER)) IN \(channels)")
            case (_, .span):
                conditions.append("(SELECT channel_id FROM messages WHERE id = CAST(substr(\(item), 1, instr(\(item), ':') - 1) AS INTEGER)) IN \(channels)")
            case (_, .conversation):
                conditions.append("(SELECT channel_id FROM conversations WHERE id = CAST(\(item) AS INTEGER)) IN \(channels)")
            }
        }
        let labelLevel = level.rawValue
        if filter.labeledBy != nil {
            conditions.append("EXISTS (SELECT 1 FROM labels lb WHERE lb.level = '\(labelLevel)' AND lb.item_id = \(item) AND lb.label_set = :set AND lb.annotator = :by)")
        }
        let doneCondition = "EXISTS (SELECT 1 FROM labels ld WHERE ld.level = '\(labelLevel)' AND ld.item_id = \(item) AND ld.label_set = :set AND ld.annotator = :me)"
        let base = conditions.joined(separator: " AND ")
        let unique = firstOfItem.map { " AND " + $0 } ?? ""
        let notDone = filter.includeDone ? "" : " AND NOT " + doneCondition
        let keyset = hasScore
            ? "\(score) >= :after_score AND (\(score) > :after_score OR \(rid) > :after_id)"
            : "\(rid) > :after_id"
        next = """
            SELECT \(rid) AS rid, \(score) AS score, \(item) AS item FROM \(from)
            WHERE \(keyset) AND \(base)\(unique)\(notDone)
            ORDER BY \(hasScore ? score + ", " : "")\(rid) LIMIT 1
            """
        // Counting distinct items is cheaper than checking each row for an earlier row of its item.
        count = "SELECT count(DISTINCT \(item)) FROM \(from) WHERE \(base)"
        countDone = "SELECT count(DISTINCT \(item)) FROM \(from) WHERE \(base) AND \(doneCondition)"
        self.arguments = arguments
    }

    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
