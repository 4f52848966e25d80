import DBindCore
import Foundation
import GRDB

extension Store {
    /// Streams export units of the given kind, channel by channel, in time order.
    ///
    /// Everything is read from one snapshot, so a concurrent review session cannot tear an
    /// export. Messages are read in pages; memory holds one page and the unit being built
    /// (a channel unit holds its whole channel). System messages are left out: their text is
    /// generated, not written by people. `labelFacets` maps label sets to the tag facet they
    /// decide, for the effective values.
    public func forEachExportUnit(kind: ExportUnit.Kind, channels wanted: Set<Snowflake>? = nil,
                                  labelFacets: [String: String] = [:], pageSize: Int = 2000,
                                  _ body: (ExportUnit) throws -> Void) throws {
        try read { db in
            let guilds = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT * FROM guilds").map {
                (Snowflake(int64: $0["id"]), Guild(id: Snowflake(int64: $0["id"]), name: $0["name"], iconURL: $0["icon_url"]))
            })
            let channels = try Row.fetchAll(db, sql: "SELECT * FROM channels ORDER BY guild_id, coalesce(parent_name, ''), name, id")
                .map(Self.channel).filter { wanted?.contains($0.id) ?? true }
            let reader = ExportReader(db: db, labelFacets: labelFacets, spanVerdicts: try ExportReader.spanVerdicts(db))
            for channel in channels {
                guard let guild = guilds[channel.guildID] else { continue }
                let channelTags = try reader.tags(level: .channel, ids: [channel.id.description])[channel.id.description] ?? []
                let channelLabels = try reader.labels(level: .channel, ids: [channel.id.description])[channel.id.description] ?? []
                let kinds = EffectiveValue.resolve(tags: channelTags, labels: channelLabels)
                    .filter { $0.facet == FacetDefinition.channelKind }.flatMap(\.values)
                let exportChannel = ExportChannel(id: channel.id, name: channel.name, parent: channel.parentName,
                                                  type: channel.type, kinds: kinds)
                switch kind {
                case .channel:
                    var messages: [ExportMessage] = []
                    try reader.pages(channel: channel.id, byConversation: false, pageSize: pageSize) { page in
                        messages += page.map(\.message)
                    }
                    try body(ExportUnit(kind: .channel, id: channel.id, guild: guild, channel: exportChannel,
                                        messages: messages, tags: channelTags, labels: channelLabels))
                case .message:
                    try reader.pages(channel: channel.id, byConversation: false, pageSize: pageSize) { page in
                        for row in page {
                            try body(ExportUnit(kind: .message, id: row.message.id, guild: guild, channel: exportChannel,
                                                messages: [row.message]))
                        }
                    }
                case .conversation:
                    // Conversation tags and labels of the whole channel, read once.
                    let conversationTags = try reader.conversationTags(channel: channel.id)
                    let conversationLabels = try reader.conversationLabels(channel: channel.id)
                    var current: (id: Snowflake, messages: [ExportMessage])?
                    func flush() throws {
                        guard let c = current else { return }
                        let key = c.id.description
                        try body(ExportUnit(kind: .conversation, id: c.id, guild: guild, channel: exportChannel,
                                            messages: c.messages, tags: conversationTags[key] ?? [],
                                            labels: conversationLabels[key] ?? []))
                    }
                    try reader.pages(channel: channel.id, byConversation: true, pageSize: pageSize) { page in
                        for row in page {
                            guard let conversation = row.conversation else { continue }
                            if current?.id != conversation {
                                try flush()
                                current = (conversation, [])
                            }
                            current?.messages.append(row.message)
                        }
                    }
                    try flush()
                }
            }
        }
    }
}

/// The queries behind an export, on one read transaction.
private struct ExportReader {
    let db: Database
    let labelFacets: [String: String]
    /// People's verdicts on spans (`entity-span` labels), newest per span key.
    let spanVerdicts: [String: (value: String, annotator: String)]

    static func spanVerdicts(_ db: Database) throws -> [String: (value: String, annotator: String)] {
        var newest: [String: (value: String, annotator: String, time: Int64, event: Int64)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT item_id, value, annotator, updated_at, event_id FROM labels WHERE level = 'span' AND label_set = ?
            """, arguments: [SpanCorrection.labelSet]) {
            let key: String = row[0], time: Int64 = row[3], event: Int64 = row[4]
            if let held = newest[key], !LabelPrecedence.wins(time: time, event: event, over: held.time, held.event) { continue }
            newest[key] = (row[1], row[2], time, event)
        }
        return newest.mapValues { ($0.value, $0.annotator) }
    }

    /// A message's spans with people's corrections applied: a rejected span goes, a corrected
    /// one takes the person's type and range.
    func effective(_ spans: [ExportSpan], of message: ExportMessage) -> [ExportSpan] {
        guard !spanVerdicts.isEmpty else { return spans }
        let scalars = Array(message.text.unicodeScalars)
        return spans.compactMap { span in
            guard let verdict = spanVerdicts["\(message.id):\(span.start)-\(span.end)"] else { return span }
            return SpanCorrection.resolve(span, verdict: verdict.value, annotator: verdict.annotator, in: scalars)
        }
    }

    struct PageRow {
        var message: ExportMessage
        var conversation: Snowflake?
    }

    /// Messages of a channel in pages, with spans, tags and labels; by conversation (root id
    /// order, which is start order) or by time.
    func pages(channel: Snowflake, byConversation: Bool, pageSize: Int, _ body: ([PageRow]) throws -> Void) throws {
        let sql = byConversation ? """
            SELECT m.id, m.author_id, m.timestamp, m.utc_offset, m.edited_at, m.content, m.reply_to,
                   coalesce(a.nickname, a.name) AS author_name, a.is_bot, l.conversation_id
            FROM conversation_links l JOIN messages m ON m.id = l.message_id JOIN authors a ON a.id = m.author_id
            WHERE m.channel_id = ? AND NOT m.is_system
            ORDER BY l.conversation_id, m.timestamp, m.id
            """ : """
            SELECT m.id, m.author_id, m.timestamp, m.utc_offset, m.edited_at, m.content, m.reply_to,
                   coalesce(a.nickname, a.name) AS author_name, a.is_bot, NULL AS conversation_id
            FROM messages m JOIN authors a ON a.id = m.author_id
            WHERE m.channel_id = ? AND NOT m.is_system
            ORDER BY m.timestamp, m.id
            """
        let cursor = try Row.fetchCursor(try db.cachedStatement(sql: sql), arguments: [channel.int64])
        var page: [PageRow] = []
        page.reserveCapacity(pageSize)
        func emit() throws {
            guard !page.isEmpty else { return }
            let keys = page.map { $0.message.id.description }
            let spans = try self.spans(ids: page.map { $0.message.id.int64 })
            let tags = try self.tags(level: .message, ids: keys)
            let labels = try self.labels(level: .message, ids: keys)
            for i in page.indices {
                let id = page[i].message.id
                page[i].message.spans = effective(spans[id] ?? [], of: page[i].message)
                page[i].message.tags = tags[keys[i]] ?? []
                page[i].message.labels = labels[keys[i]] ?? []
            }
            try body(page)
            page.removeAll(keepingCapacity: true)
        }
        while let row = try cursor.next() {
            let message = ExportMessage(
                id: Snowflake(int64: row[0]), authorID: Snowflake(int64: row[1]), authorName: row[7], authorIsBot: row[8],
                time: Timestamp(milliseconds: row[2], offsetMinutes: Int16(row[3] as Int)),
                edited: (row[4] as Int64?).map { Timestamp(milliseconds: $0) }, text: row[5],
                replyTo: (row[6] as Int64?).map(Snowflake.init(int64:)))
            page.append(PageRow(message: message, conversation: (row[9] as Int64?).map(Snowflake.init(int64:))))
            if page.count >= pageSize { try emit() }
        }
        try emit()
    }

    private static func idList<T: CustomStringConvertible>(_ ids: [T]) -> String {
        "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

    func spans(ids: [Int64]) throws -> [Snowflake: [ExportSpan]] {
        var result: [Snowflake: [ExportSpan]] = [:]
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: """
            SELECT message_id, start, "end", text, kind, type, rule, confidence, value FROM spans
            WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY message_id, start, "end", kind, type
            """), arguments: [Store.jsonIDs(ids)])
        while let row = try rows.next() {
            result[Snowflake(int64: row[0]), default: []].append(ExportSpan(
                start: row[1], end: row[2], text: row[3], kind: row[4], type: row[5], rule: row[6], confidence: row[7], value: row[8]))
        }
        return result
    }

    func tags(level: ItemLevel, ids: [String]) throws -> [String: [ExportTag]] {
        try tags(sql: """
            SELECT item_id, tag, facet, confidence, rules, schema_name, schema_version FROM tags
            WHERE level = ? AND item_id IN (SELECT value FROM json_each(?)) ORDER BY item_id, facet, tag
            """, arguments: [level, Self.idList(ids)])
    }

    func conversationTags(channel: Snowflake) throws -> [String: [ExportTag]] {
        try tags(sql: """
            SELECT item_id, tag, facet, confidence, rules, schema_name, schema_version FROM tags
            WHERE level = 'conversation' AND item_id IN (SELECT CAST(id AS TEXT) FROM conversations WHERE channel_id = ?)
            ORDER BY item_id, facet, tag
            """, arguments: [channel.int64])
    }

    private func tags(sql: String, arguments: StatementArguments) throws -> [String: [ExportTag]] {
        var result: [String: [ExportTag]] = [:]
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            let rules = Store.parseJSONArray(row[4])
            result[row[0], default: []].append(ExportTag(tag: row[1], facet: row[2], confidence: row[3], rules: rules,
                                                         schema: row[5], schemaVersion: row[6]))
        }
        return result
    }

    func labels(level: ItemLevel, ids: [String]) throws -> [String: [ExportLabel]] {
        try labels(sql: """
            SELECT item_id, label_set, value, annotator, updated_at, event_id FROM labels
            WHERE level = ? AND item_id IN (SELECT value FROM json_each(?)) ORDER BY item_id, label_set, annotator, value
            """, arguments: [level, Self.idList(ids)])
    }

    func conversationLabels(channel: Snowflake) throws -> [String: [ExportLabel]] {
        try labels(sql: """
            SELECT item_id, label_set, value, annotator, updated_at, event_id FROM labels
            WHERE level = 'conversation' AND item_id IN (SELECT CAST(id AS TEXT) FROM conversations WHERE channel_id = ?)
            ORDER BY item_id, label_set, annotator, value
            """, arguments: [channel.int64])
    }

    private func labels(sql: String, arguments: StatementArguments) throws -> [String: [ExportLabel]] {
        var result: [String: [ExportLabel]] = [:]
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            let set: String = row[1]
            result[row[0], default: []].append(ExportLabel(labelSet: set, facet: labelFacets[set], value: row[2],
                                                           annotator: row[3], time: Timestamp(milliseconds: row[4]), event: row[5]))
        }
        return result
    }
}
