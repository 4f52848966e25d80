import DBindCore
import Foundation
import GRDB

/// Fills in exported messages' spans, tags and labels, and conversations' tags and labels, on
/// the thread it is handed to.
public struct ExportCompletion {
    fileprivate let reader: ExportReader

    /// Reads each message's spans (people's corrections applied), tags and labels, and each
    /// conversation unit's own tags and labels.
    public func complete(_ units: inout [ExportUnit]) throws {
        for u in units.indices {
            if units[u].kind == .conversation {
                let key = units[u].id.description
                units[u].tags = try reader.tags(level: .conversation, id: key)
                units[u].labels = try reader.labels(level: .conversation, id: key)
            }
            for m in units[u].messages.indices { try reader.complete(&units[u].messages[m]) }
        }
    }
}

extension Store {
    /// Streams export units of the given kind, channel by channel, in time order, in two stages
    /// on two threads that `spawn` starts; returns once both have begun.
    ///
    /// `body` gets each unit on the first thread, its messages (and a conversation itself)
    /// without spans, tags and labels; `completing` is called once on the second with what
    /// fills them in, a point lookup or three per message and per conversation;
    /// `end(stage, error)` comes last on each (0, then 1). The two read one snapshot, so a
    /// concurrent review session cannot tear an export. Messages are read in pages; memory
    /// holds one page and the unit being built (a channel unit holds its whole channel).
    /// System messages are left out: their text is generated, not written by people.
    /// `labelFacets` maps label sets to the tag facet they decide, for the effective values.
    public func forEachExportUnit(kind: ExportUnit.Kind, channels wanted: Set<Snowflake>? = nil,
                                  labelFacets: [String: String] = [:], pageSize: Int = 2000,
                                  spawn: (@escaping @Sendable () -> Void) -> Void,
                                  _ body: @escaping @Sendable (ExportUnit) throws -> Void,
                                  completing: @escaping @Sendable (ExportCompletion) throws -> Void,
                                  end: @escaping @Sendable (_ stage: Int, Error?) -> Void) throws {
        try concurrentReads(2, spawn: spawn, { stage, db in
            let reader = try ExportReader(db: db, labelFacets: labelFacets, stage: stage == 0 ? .units : .lookups)
            guard stage == 0 else { return try completing(ExportCompletion(reader: reader)) }
            let guilds = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT * FROM guilds").map {
                (Snowflake(int64: $0["id"]), Guild(id: Snowflake(int64: $0["id"]), name: $0["name"], iconURL: $0["icon_url"]))
            })
            let channels = try Row.fetchAll(db, sql: "SELECT * FROM channels ORDER BY guild_id, coalesce(parent_name, ''), name, id")
                .map(Self.channel).filter { wanted?.contains($0.id) ?? true }
            for channel in channels {
                guard let guild = guilds[channel.guildID] else { continue }
                let channelTags = try reader.tags(level: .channel, id: channel.id.description)
                let channelLabels = try reader.labels(level: .channel, id: channel.id.description)
                let exportChannel = ExportChannel(id: channel.id, name: channel.name, parent: channel.parentName,
                                                  type: channel.type, tags: channelTags, labels: channelLabels)
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
                    var current: (id: Snowflake, messages: [ExportMessage])?
                    func flush() throws {
                        guard let c = current else { return }
                        try body(ExportUnit(kind: .conversation, id: c.id, guild: guild, channel: exportChannel,
                                            messages: c.messages))
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
        }, end: end)
    }
}

/// The queries behind an export, on one read transaction.
///
/// A message's spans, tags and labels are read by point lookups on statements prepared once,
/// on the second thread, as its unit passes by: each is one index seek, with no id list to
/// parse and no page-wide temporary index. The few rows of one item are put in order here, by
/// SQLite's own `BINARY` order of their text, rather than by a sorter SQLite would set up for
/// every lookup.
private struct ExportReader {
    let db: Database
    let labelFacets: [String: String]
    /// People's verdicts on spans (`entity-span` labels), newest per span key.
    let spanVerdicts: [String: (value: String, annotator: String)]
    /// People's judgements of question spans (`question` labels), newest per span key.
    let questionVerdicts: [String: (value: String, annotator: String)]
    /// Every span label, by message, in label set and annotator order.
    let spanLabels: [Snowflake: [ExportSpanLabel]]
    private let spans: Statement
    private let tags: Statement
    private let labels: Statement
    /// The levels that have tags, and those that have labels, at all: most stores have no
    /// labels on messages, and some no tags on conversations; a lookup that cannot find
    /// anything is skipped.
    private let taggedLevels: Set<ItemLevel>, labeledLevels: Set<ItemLevel>
    /// Every author's display name and bot flag, read once: a guild has far fewer authors than
    /// messages, and a dictionary lookup costs less than a join's B-tree seek per message.
    private let authors: [Int64: (name: String, isBot: Bool)]
    /// Tag and span columns that repeat a few values over every row.
    private let texts = RepeatedTexts()

    /// The interned columns, changed by the reader's lookups.
    private final class RepeatedTexts {
        var strings = TextInterner<String> { $0 }
        var rules = TextInterner(Store.parseJSONArray)
        var spanKinds = TextInterner(SpanKind.init(rawValue:))
    }

    /// What a reader does: build units from the channels' rows (which needs the authors), or
    /// look up what the units' messages carry (which needs people's span verdicts).
    enum Stage {
        case units, lookups
    }

    /// Reads what `stage` needs up front, and nothing the other stage needs.
    init(db: Database, labelFacets: [String: String], stage: Stage) throws {
        self.db = db
        var authors: [Int64: (name: String, isBot: Bool)] = [:]
        if stage == .units {
            var statement = try FastStatement(db, "SELECT id, coalesce(nickname, name), is_bot FROM authors")
            try statement.forEachRow(db) { authors[$0.int64(0)] = ($0.string(1), $0.bool(2)) }
        }
        self.authors = authors
        self.labelFacets = labelFacets
        let newest = stage == .lookups ? try Store.newestSpanLabels(db) : [:]
        spanVerdicts = newest[SpanCorrection.labelSet] ?? [:]
        questionVerdicts = newest[QuestionAnswering.labelSet] ?? [:]
        spanLabels = stage == .lookups ? try Self.spanLabels(db) : [:]
        spans = try db.makeStatement(sql: """
            SELECT start, "end", text, kind, type, rule, confidence, value FROM spans
            WHERE message_id = ?
            """)
        tags = try db.makeStatement(sql: """
            SELECT tag, facet, confidence, rules, schema_name, schema_version FROM tags
            WHERE level = ? AND item_id = ?
            """)
        labels = try db.makeStatement(sql: """
            SELECT label_set, value, annotator, updated_at, event_id FROM labels
            WHERE level = ? AND item_id = ? ORDER BY label_set, annotator, value
            """)
        taggedLevels = try Self.levels(having: "tags", db)
        labeledLevels = try Self.levels(having: "labels", db)
    }

    /// The levels `table` holds rows of (one index seek each).
    private static func levels(having table: String, _ db: Database) throws -> Set<ItemLevel> {
        try Set(ItemLevel.allCases.filter {
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE level = ?)", arguments: [$0.rawValue]) ?? false
        })
    }

    /// A message's spans with people's judgements applied: a rejected entity span goes, a
    /// corrected one takes the person's type and range; a question judged not a question goes,
    /// another judged one carries the verdict.
    func effective(_ spans: [ExportSpan], of message: ExportMessage) -> [ExportSpan] {
        guard !spanVerdicts.isEmpty || !questionVerdicts.isEmpty else { return spans }
        return spans.compactMap { span -> ExportSpan? in
            let key = SpanKey(messageID: message.id, start: span.start, end: span.end).description
            return SpanJudgement.resolve(span, entity: span.kind == .entity ? spanVerdicts[key] : nil,
                                         question: span.kind == .question ? questionVerdicts[key]?.value : nil,
                                         in: { Array(message.text.unicodeScalars) })
        }
    }

    /// Every span label in force (one per span, label set and annotator), by message.
    static func spanLabels(_ db: Database) throws -> [Snowflake: [ExportSpanLabel]] {
        var result: [Snowflake: [ExportSpanLabel]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT item_id, label_set, value, annotator, updated_at FROM labels
            WHERE level = 'span' AND value IS NOT NULL ORDER BY item_id, label_set, annotator
            """) {
            guard let key = SpanKey(row[0] as String) else { continue }
            result[key.messageID, default: []].append(ExportSpanLabel(start: key.start, end: key.end, labelSet: row[1], value: row[2],
                                                                      annotator: row[3], time: Timestamp(milliseconds: row[4])))
        }
        return result
    }

    struct PageRow {
        var message: ExportMessage
        var conversation: Snowflake?
    }

    /// Messages of a channel in pages, without spans, tags and labels; by conversation (id
    /// order, which is start order but for conversations that kept an older name) or by time.
    func pages(channel: Snowflake, byConversation: Bool, pageSize: Int, _ body: ([PageRow]) throws -> Void) throws {
        let sql = byConversation ? """
            SELECT m.id, m.author_id, m.timestamp, m.utc_offset, m.edited_at, m.content, m.reply_to, l.conversation_id
            FROM conversation_links l JOIN messages m ON m.id = l.message_id
            WHERE m.channel_id = ? AND NOT m.is_system
            ORDER BY l.conversation_id, m.timestamp, m.id
            """ : """
            SELECT m.id, m.author_id, m.timestamp, m.utc_offset, m.edited_at, m.content, m.reply_to, NULL AS conversation_id
            FROM messages m
            WHERE m.channel_id = ? AND NOT m.is_system
            ORDER BY m.timestamp, m.id
            """
        var statement = try FastStatement(db, sql)
        statement.bind(channel.int64)
        var page: [PageRow] = []
        page.reserveCapacity(pageSize)
        func emit() throws {
            guard !page.isEmpty else { return }
            try body(page)
            page.removeAll(keepingCapacity: true)
        }
        try statement.forEachRow(db) { row in
            // As an inner join with authors would, a message whose author is missing is left out.
            guard let author = authors[row.int64(1)] else { return }
            let message = ExportMessage(
                id: Snowflake(int64: row.int64(0)), authorID: Snowflake(int64: row.int64(1)), authorName: author.name,
                authorIsBot: author.isBot, time: Timestamp(milliseconds: row.int64(2), offsetMinutes: Int16(truncatingIfNeeded: row.int64(3))),
                edited: row.optionalInt64(4).map { Timestamp(milliseconds: $0) }, text: row.string(5),
                replyTo: row.optionalInt64(6).map(Snowflake.init(int64:)))
            page.append(PageRow(message: message, conversation: row.optionalInt64(7).map(Snowflake.init(int64:))))
            if page.count >= pageSize { try emit() }
        }
        try emit()
    }

    /// Reads a message's spans (people's corrections applied), tags and labels.
    func complete(_ message: inout ExportMessage) throws {
        let key = message.id.description
        message.spans = effective(try spans(of: message.id), of: message)
        message.spanLabels = spanLabels[message.id] ?? []
        message.tags = try tags(level: .message, id: key)
        message.labels = try labels(level: .message, id: key)
    }

    func spans(of message: Snowflake) throws -> [ExportSpan] {
        var statement = try FastStatement(spans), result: [ExportSpan] = []
        statement.bind(message.int64)
        try statement.forEachRow(db) { row in
            guard let spanKind = texts.spanKinds.value(row, 3) else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "span kind \"\(row.string(3))\" is not question or entity")
            }
            result.append(ExportSpan(start: Int(row.int64(0)), end: Int(row.int64(1)), text: row.string(2), kind: spanKind,
                                     type: texts.strings.value(row, 4), rule: texts.strings.value(row, 5),
                                     confidence: row.double(6), value: row.optionalString(7)))
        }
        return result.count < 2 ? result : result.sorted {
            ($0.start, $0.end) != ($1.start, $1.end) ? ($0.start, $0.end) < ($1.start, $1.end)
                : Self.inOrder(($0.kind.rawValue, $0.type), ($1.kind.rawValue, $1.type))
        }
    }

    /// Whether `a` sorts before `b` as SQLite's `BINARY` collation orders text: by UTF-8 bytes,
    /// column by column.
    private static func inOrder(_ a: (String, String), _ b: (String, String)) -> Bool {
        a.0 != b.0 ? a.0.utf8.lexicographicallyPrecedes(b.0.utf8) : a.1.utf8.lexicographicallyPrecedes(b.1.utf8)
    }

    func tags(level: ItemLevel, id: String) throws -> [ExportTag] {
        guard taggedLevels.contains(level) else { return [] }
        var statement = try FastStatement(tags), result: [ExportTag] = []
        statement.bind(level.rawValue)
        statement.bind(id)
        try statement.forEachRow(db) { result.append(tag($0)) }
        return result.count < 2 ? result : result.sorted { Self.inOrder(($0.facet, $0.tag), ($1.facet, $1.tag)) }
    }

    /// A tag from the row's columns tag, facet, confidence, rules, schema and version.
    private func tag(_ row: FastRow) -> ExportTag {
        ExportTag(tag: texts.strings.value(row, 0), facet: texts.strings.value(row, 1), confidence: row.double(2),
                  rules: texts.rules.value(row, 3), schema: texts.strings.value(row, 4), schemaVersion: texts.strings.value(row, 5))
    }

    func labels(level: ItemLevel, id: String) throws -> [ExportLabel] {
        guard labeledLevels.contains(level) else { return [] }
        var statement = try FastStatement(labels), result: [ExportLabel] = []
        statement.bind(level.rawValue)
        statement.bind(id)
        try statement.forEachRow(db) { row in
            let set = row.string(0)
            result.append(ExportLabel(labelSet: set, facet: labelFacets[set], value: row.string(1), annotator: row.string(2),
                                      time: Timestamp(milliseconds: row.int64(3)), event: row.int64(4)))
        }
        return result
    }
}
