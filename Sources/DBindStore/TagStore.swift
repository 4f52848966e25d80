import DBindCore
import Foundation
import GRDB

/// One tag the auto-tagger assigned to an item, as it is written to the store.
public struct AutoTag: Sendable, Hashable {
    public var itemID: String
    public var facet: String
    /// Full tag path, `facet/label[/sub]`.
    public var tag: String
    public var confidence: Double
    /// Ids of the rules that fired for this tag.
    public var rules: [String]

    public init(itemID: String, facet: String, tag: String, confidence: Double, rules: [String]) {
        self.itemID = itemID
        self.facet = facet
        self.tag = tag
        self.confidence = confidence
        self.rules = rules
    }
}

/// A tag as every query and export should see it: a person's label where there is one,
/// else the auto-tagger's tag.
public struct EffectiveTag: Sendable, Hashable, Encodable {
    public var level: ItemLevel
    public var itemID: String
    /// The channel the item belongs to (the channel itself for channel tags), when known.
    public var channelID: Snowflake?
    public var channel: String?
    public var facet: String
    public var tag: String
    /// 1 for manual labels.
    public var confidence: Double
    /// Rules that fired, or `manual:<annotator>` for labels.
    public var rules: [String]
    public var source: ValueSource

    private enum CodingKeys: String, CodingKey {
        case level, item_id, channel_id, channel, facet, tag, confidence, rules, source
    }

    /// Ids are written as decimal strings, like every snowflake in dbind's JSON.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level, forKey: .level)
        try container.encode(itemID, forKey: .item_id)
        try container.encode(channelID?.description, forKey: .channel_id)
        try container.encode(channel, forKey: .channel)
        try container.encode(facet, forKey: .facet)
        try container.encode(tag, forKey: .tag)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(rules, forKey: .rules)
        try container.encode(source, forKey: .source)
    }
}

/// The store's view of a label set: enough to turn labels into tags without the YAML files.
public struct LabelSetRecord: Sendable, Hashable {
    public var name: String
    public var level: ItemLevel
    public var facet: String?
    public var isMulti: Bool
    public var labels: [String]

    public init(name: String, level: ItemLevel, facet: String?, isMulti: Bool, labels: [String]) {
        self.name = name
        self.level = level
        self.facet = facet
        self.isMulti = isMulti
        self.labels = labels
    }

    public init(_ set: LabelSet) {
        self.init(name: set.name, level: set.level, facet: set.facet, isMulti: set.isMulti, labels: set.labels.map(\.name))
    }

}

extension Store {
    /// Replaces the auto-tags of `items` at `level` (all items of the level when nil) with `tags`,
    /// in one transaction. Labels are never touched: a re-run keeps every person's decision.
    public func replaceAutoTags(level: ItemLevel, items: [String]?, tags: [AutoTag], schema: String, version: String,
                                runID: Int64? = nil) throws {
        try write { db in try Self.replaceAutoTags(level: level, items: items, tags: tags, schema: schema, version: version, runID: runID, in: db) }
    }

    /// The same inside the caller's transaction, so a job can write several kinds at once.
    public static func replaceAutoTags(level: ItemLevel, items: [String]?, tags: [AutoTag], schema: String, version: String,
                                runID: Int64? = nil, in db: Database) throws {
        if let items {
            // The level is one of four fixed names, written into the statement so that each
            // statement binds item ids alone.
            try FastStatement.run(deletionOrder(items, then: tags.lazy.map(\.itemID)), columns: 1, in: db, sql: { ids in
                "DELETE FROM tags WHERE level = '\(level.rawValue)' AND item_id IN (\(ids))"
            }) { item, s in s.bind(item) }
        } else {
            try db.execute(sql: "DELETE FROM tags WHERE level = ?", arguments: [level.rawValue])
        }
        let now = Store.now()
        try FastStatement.run(tags, columns: 10, in: db, sql: { values in """
            INSERT INTO tags (level, item_id, facet, tag, confidence, rules, schema_name, schema_version, run_id, created_at)
            VALUES \(values)
            ON CONFLICT (level, item_id, tag) DO UPDATE SET
                facet = excluded.facet, confidence = excluded.confidence, rules = excluded.rules,
                schema_name = excluded.schema_name, schema_version = excluded.schema_version,
                run_id = excluded.run_id, created_at = excluded.created_at
            """ }) { tag, s in
            s.bind(level.rawValue)
            s.bind(tag.itemID)
            s.bind(tag.facet)
            s.bind(tag.tag)
            s.bind(tag.confidence)
            s.bind(Self.jsonArray(tag.rules))
            s.bind(schema)
            s.bind(version)
            s.bind(runID)
            s.bind(now)
        }
    }

    /// How many auto-tags the store holds, all levels.
    public func tagCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM tags") ?? 0 }
    }

    /// The auto-tags of one item, most confident first.
    public func autoTags(level: ItemLevel, itemID: String) throws -> [AutoTag] {
        try read { db in try Self.autoTags(db, level: level, itemID: itemID) }
    }

    public static func autoTags(_ db: Database, level: ItemLevel, itemID: String) throws -> [AutoTag] {
        try Row.fetchAll(db, sql: """
            SELECT item_id, facet, tag, confidence, rules FROM tags WHERE level = ? AND item_id = ?
            ORDER BY confidence DESC, tag
            """, arguments: [level.rawValue, itemID]).map(autoTag)
    }

    static func autoTag(_ row: Row) -> AutoTag {
        AutoTag(itemID: row["item_id"], facet: row["facet"], tag: row["tag"], confidence: row["confidence"],
                rules: parseJSONArray(row["rules"]))
    }

    /// Records which label sets exist and which facet each speaks for, so tag queries can apply
    /// labels without reading the label set files. Re-registering a set updates it.
    public func registerLabelSets(_ sets: [LabelSetRecord]) throws {
        try write { db in
            for set in sets {
                try db.execute(sql: """
                    INSERT INTO label_sets (name, level, facet, multi, labels) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET level = excluded.level, facet = excluded.facet,
                        multi = excluded.multi, labels = excluded.labels
                    """, arguments: [set.name, set.level.rawValue, set.facet, set.isMulti, Self.jsonArray(set.labels)])
            }
        }
    }

    /// The label sets registered in the store.
    public func labelSets() throws -> [LabelSetRecord] {
        try read { db in try Self.labelSets(db) }
    }

    static func labelSets(_ db: Database) throws -> [LabelSetRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM label_sets ORDER BY name").compactMap { row in
            guard let level = ItemLevel(rawValue: row["level"]) else { return nil }
            return LabelSetRecord(name: row["name"], level: level, facet: row["facet"], isMulti: row["multi"],
                                  labels: parseJSONArray(row["labels"]))
        }
    }

    /// Every tag of a level as queries and exports must see it, grouped by item (in item id order).
    ///
    /// For each item and facet, the newest label of a registered label set with that facet
    /// (any annotator) replaces all auto-tags of the facet: its labels become `manual` tags with
    /// confidence 1, and an empty label ("none of these") removes the facet's tags. Facets
    /// nobody labeled keep their auto-tags.
    public func effectiveTags(level: ItemLevel) throws -> [EffectiveTag] {
        var result: [EffectiveTag] = []
        try forEachEffectiveTag(level: level) { result.append($0) }
        return result
    }

    /// Streams `effectiveTags(level:)` without holding every tag in memory.
    public func forEachEffectiveTag(level: ItemLevel, _ body: (EffectiveTag) throws -> Void) throws {
        try read { db in
            let manual = try Self.newestFacetLabels(db, level: level)
            let channels = try Self.channelNames(db)
            var pendingManual = manual.keys.sorted { ($0.item, $0.facet) < ($1.item, $1.facet) }[...]
            var lastItem: String?
            var channelOfItem: Snowflake?

            func channel(of item: String) throws -> Snowflake? {
                if item == lastItem { return channelOfItem }
                lastItem = item
                channelOfItem = try Self.channelID(db, level: level, itemID: item)
                return channelOfItem
            }
            func emitManual(through item: String?) throws {
                while let next = pendingManual.first, item.map({ next.item <= $0 }) ?? true {
                    pendingManual.removeFirst()
                    guard let label = manual[next] else { continue }
                    let channelID = try channel(of: next.item)
                    for name in LabelSet.names(in: label.value) {
                        try body(EffectiveTag(level: level, itemID: next.item, channelID: channelID,
                                              channel: channelID.flatMap { channels[$0] }, facet: next.facet,
                                              tag: "\(next.facet)/\(name)", confidence: 1,
                                              rules: ["manual:\(label.annotator)"], source: .manual))
                    }
                }
            }

            let rows = try Row.fetchCursor(db, sql: """
                SELECT item_id, facet, tag, confidence, rules FROM tags WHERE level = ? ORDER BY item_id, facet, tag
                """, arguments: [level.rawValue])
            while let row = try rows.next() {
                let tag = Self.autoTag(row)
                try emitManual(through: tag.itemID)
                if manual[FacetItem(item: tag.itemID, facet: tag.facet)] != nil { continue }
                let channelID = try channel(of: tag.itemID)
                try body(EffectiveTag(level: level, itemID: tag.itemID, channelID: channelID,
                                      channel: channelID.flatMap { channels[$0] }, facet: tag.facet, tag: tag.tag,
                                      confidence: tag.confidence, rules: tag.rules, source: .auto))
            }
            try emitManual(through: nil)
        }
    }

    struct FacetItem: Hashable {
        var item: String
        var facet: String
    }

    /// The newest label per item and facet, over every annotator of sets bound to a facet.
    static func newestFacetLabels(_ db: Database, level: ItemLevel) throws -> [FacetItem: (value: String, annotator: String)] {
        var result: [FacetItem: (value: String, annotator: String, time: Int64, event: Int64)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT l.item_id, s.facet, l.value, l.annotator, l.updated_at, l.event_id FROM labels l
            JOIN label_sets s ON s.name = l.label_set WHERE l.level = ? AND s.facet IS NOT NULL
            """, arguments: [level.rawValue]) {
            let key = FacetItem(item: row["item_id"], facet: row["facet"])
            let (time, event): (Int64, Int64) = (row["updated_at"], row["event_id"])
            if let current = result[key], !LabelPrecedence.wins(time: time, event: event, over: current.time, current.event) { continue }
            result[key] = (row["value"], row["annotator"], time, event)
        }
        return result.mapValues { ($0.value, $0.annotator) }
    }

    static func channelNames(_ db: Database) throws -> [Snowflake: String] {
        var names: [Snowflake: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM channels") {
            names[Snowflake(int64: row["id"])] = row["name"]
        }
        return names
    }

    /// The channel an item belongs to: the channel itself, a message's or span's channel, or a
    /// conversation's channel.
    static func channelID(_ db: Database, level: ItemLevel, itemID: String) throws -> Snowflake? {
        switch level {
        case .channel:
            return Snowflake(itemID)
        case .message:
            guard let id = Snowflake(itemID) else { return nil }
            return try Int64.fetchOne(db, sql: "SELECT channel_id FROM messages WHERE id = ?", arguments: [id.int64])
                .map(Snowflake.init(int64:))
        case .span:
            guard let key = SpanKey(itemID) else { return nil }
            return try Int64.fetchOne(db, sql: "SELECT channel_id FROM messages WHERE id = ?", arguments: [key.messageID.int64])
                .map(Snowflake.init(int64:))
        case .conversation:
            guard let id = Int64(itemID) else { return nil }
            return try Int64.fetchOne(db, sql: "SELECT channel_id FROM conversations WHERE id = ?", arguments: [id])
                .map(Snowflake.init(int64:))
        }
    }

    /// A JSON array of strings, as the exports write JSON (rule ids, label names).
    static func jsonArray(_ values: [String]) -> String {
        var writer = JSONWriter(capacity: 64)
        writer.array { w in for value in values { w.string(value) } }
        return writer.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// The strings of a stored JSON array (rule ids, label names). Exports read one per tag, so
    /// the common case — plain strings without escapes — is split directly; anything else goes
    /// through the JSON parser.
    static func parseJSONArray(_ text: String?) -> [String] {
        // `utf8.contains`, not Foundation's locale-aware substring search: this runs once per tag.
        if let text, text.hasPrefix("[\""), text.hasSuffix("\"]"), !text.utf8.contains(0x5C) {
            var items: [String] = []
            var utf8 = text.utf8.dropFirst().dropLast()
            while let open = utf8.firstIndex(of: 0x22) {
                let rest = utf8[utf8.index(after: open)...]
                guard let close = rest.firstIndex(of: 0x22) else { break }
                items.append(String(decoding: rest[..<close], as: UTF8.self))
                utf8 = rest[rest.index(after: close)...]
            }
            return items
        }
        guard let text, let data = text.data(using: .utf8),
              let array = try? JSONSerialization.jsonObject(with: data) as? [Any] else { return [] }
        return array.compactMap { $0 as? String ?? ($0 as? [String: Any])?["id"] as? String }
    }
}

extension Store {
    /// The tag facet each registered label set decides, by label set name.
    public func labelFacets() throws -> [String: String] {
        Dictionary(try labelSets().compactMap { set in set.facet.map { (set.name, $0) } }, uniquingKeysWith: { a, _ in a })
    }
}
