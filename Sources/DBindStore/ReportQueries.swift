import DBindCore
import GRDB

extension Store {
    /// Reads what the community report (or, in `.graph` scope, the graph files) needs for
    /// `channels` (all when nil) between `since` and `until`.
    public func reportInput(channels: Set<Snowflake>?, since: Timestamp?, until: Timestamp?,
                            scope: ReportInput.Scope = .report) throws -> ReportInput {
        try read { db in
            var r = ReportInput()
            let chosen = channels.map { "(" + $0.map { String($0.int64) }.joined(separator: ",") + ")" }
            var filter = "NOT m.is_system"
            if let chosen { filter += " AND m.channel_id IN \(chosen)" }
            if let since { filter += " AND m.timestamp >= \(since.milliseconds)" }
            if let until { filter += " AND m.timestamp < \(until.milliseconds)" }

            r.guilds = try Row.fetchAll(db, sql: "SELECT id, name, icon_url FROM guilds ORDER BY name, id").map {
                Guild(id: Snowflake(int64: $0["id"]), name: $0["name"], iconURL: $0["icon_url"])
            }
            r.channels = try Row.fetchAll(db, sql: "SELECT * FROM channels ORDER BY coalesce(parent_name, ''), name, id")
                .map(Self.channel).filter { channels?.contains($0.id) ?? true }
            // Each message's question spans, with people's verdicts on them.
            let judged = scope == .graph ? [:] : try Store.newestSpanLabels(db)
            let questionJudged = judged[QuestionAnswering.labelSet] ?? [:]
            var questions: [Int64: [QuestionAnswering.Verdict?]] = [:]
            if scope != .graph {
                for row in try Row.fetchAll(db, sql: """
                    SELECT s.message_id, s.start, s."end" FROM spans s JOIN messages m ON m.id = s.message_id
                    WHERE s.kind = 'question' AND \(filter)
                    """) {
                    let message: Int64 = row[0]
                    let verdict = questionJudged[SpanKey(messageID: Snowflake(int64: message), start: row[1], end: row[2]).description]
                        .flatMap { QuestionAnswering.Verdict(label: $0.value) }
                    questions[message, default: []].append(verdict)
                }
            }
            // Two scans in message id order merged here, then sorted by time: on a big store
            // this is several times faster than SQLite joining and sorting per row.
            let bots = Set(try Int64.fetchAll(db, sql: "SELECT id FROM authors WHERE is_bot"))
            let links = try Row.fetchCursor(db, sql: "SELECT message_id, conversation_id FROM conversation_links ORDER BY message_id")
            var link = try links.next().map { (message: $0[0] as Int64, conversation: $0[1] as Int64) }
            let posts = try Row.fetchCursor(db, sql: """
                SELECT m.id, m.channel_id, m.author_id, m.timestamp, m.reply_to FROM messages m WHERE \(filter) ORDER BY m.id
                """)
            while let row = try posts.next() {
                let id: Int64 = row[0], author: Int64 = row[2]
                while let l = link, l.message < id { link = try links.next().map { ($0[0], $0[1]) } }
                r.posts.append(ReportInput.Post(
                    id: Snowflake(int64: id), channel: Snowflake(int64: row[1]), author: Snowflake(int64: author),
                    time: Timestamp(milliseconds: row[3]), isBot: bots.contains(author),
                    conversation: link.flatMap { $0.message == id ? $0.conversation : nil },
                    replyTo: (row[4] as Int64?).map(Snowflake.init(int64:)), isQuestion: questions[id] != nil,
                    questionVerdict: questions[id].flatMap(QuestionAnswering.verdict(ofSpans:))))
            }
            r.posts.sort { ($0.time.milliseconds, $0.id) < ($1.time.milliseconds, $1.id) }

            // Replies (reference type Default only: forwards and pins are not replies), mentions,
            // and addressing that names its addressee (`name:` or a leading `@Name`).
            let edges: [(InteractionKind, String)] = [
                (.reply, "SELECT m.author_id, t.author_id, m.timestamp, m.channel_id FROM messages m JOIN messages t ON t.id = m.reply_to WHERE \(filter)"),
                (.mention, "SELECT m.author_id, x.author_id, m.timestamp, m.channel_id FROM mentions x JOIN messages m ON m.id = x.message_id WHERE \(filter)"),
                (.addressed, """
                    SELECT m.author_id, a.author_id, m.timestamp, m.channel_id FROM conversation_links l
                    JOIN messages m ON m.id = l.message_id JOIN messages a ON a.id = l.antecedent_id
                    WHERE l.rule IN ('address', 'address-back') AND \(filter)
                    """),
            ]
            for (kind, sql) in edges {
                let rows = try Row.fetchCursor(db, sql: sql)
                while let row = try rows.next() {
                    r.interactions.append(MemberInteraction(source: Snowflake(int64: row[0]), target: Snowflake(int64: row[1]),
                                                            kind: kind, time: Timestamp(milliseconds: row[2]),
                                                            channel: Snowflake(int64: row[3])))
                }
            }

            // Reactions, from each listed user to the message's author.
            let reactions = try Row.fetchCursor(db, sql: """
                SELECT r.user_ids, m.author_id, m.timestamp, m.channel_id FROM reactions r JOIN messages m ON m.id = r.message_id
                WHERE r.user_ids IS NOT NULL AND \(filter)
                """)
            while let row = try reactions.next() {
                let target = Snowflake(int64: row[1]), time = Timestamp(milliseconds: row[2]), channel = Snowflake(int64: row[3])
                for user in Self.reactorIDs(row) {
                    r.interactions.append(MemberInteraction(source: Snowflake(int64: user), target: target, kind: .reaction,
                                                            time: time, channel: channel))
                }
            }

            // Members: everyone who posted here or whom an interaction names.
            var ids = Set(r.posts.map(\.author.int64))
            for i in r.interactions {
                ids.insert(i.source.int64)
                ids.insert(i.target.int64)
            }
            r.members = try Self.authors(db, ids: ids).sorted { $0.key < $1.key }.map { _, author in
                GraphMember(id: author.id, name: author.nickname ?? author.name, isBot: author.isBot)
            }

            if scope == .graph { return r }

            // Entities as people left them: a rejected span goes, a corrected one counts as corrected.
            var entityCounts: [EntityKey: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT s.type, s.text, count(*) FROM spans s JOIN messages m ON m.id = s.message_id
                WHERE s.kind = 'entity' AND \(filter) GROUP BY s.type, s.text
                """) {
                entityCounts[EntityKey(type: row[0], text: row[1])] = row[2]
            }
            for (key, verdict) in judged[SpanCorrection.labelSet] ?? [:] {
                guard let span = SpanKey(key) else { continue }
                for row in try Row.fetchAll(db, sql: """
                    SELECT s.type, s.text, s.rule, s.confidence, m.content FROM spans s JOIN messages m ON m.id = s.message_id
                    WHERE s.message_id = ? AND s.start = ? AND s."end" = ? AND s.kind = 'entity' AND \(filter)
                    """, arguments: [span.messageID.int64, span.start, span.end]) {
                    let original = ExportSpan(start: span.start, end: span.end, text: row[1], kind: .entity, type: row[0],
                                              rule: row[2], confidence: row[3])
                    entityCounts[EntityKey(type: original.type, text: original.text), default: 0] -= 1
                    let content: String = row[4]
                    if let kept = SpanJudgement.resolve(original, entity: verdict, question: nil, in: { Array(content.unicodeScalars) }) {
                        entityCounts[EntityKey(type: kept.type, text: kept.text), default: 0] += 1
                    }
                }
            }
            r.entities = entityCounts.filter { $0.value > 0 }
                .map { ReportInput.EntityCount(type: $0.key.type, text: $0.key.text, count: $0.value) }
                .sorted { ($1.count, $0.type, $0.text) < ($0.count, $1.type, $1.text) }

            r.decisions = try Row.fetchAll(db, sql: """
                SELECT annotator, label_set, count(*) FROM label_events GROUP BY annotator, label_set ORDER BY annotator, label_set
                """).map { ($0[0], $0[1], $0[2]) }
            r.labeled = try Row.fetchAll(db, sql: """
                SELECT label_set, level, count(DISTINCT item_id) FROM labels WHERE value IS NOT NULL
                GROUP BY label_set, level ORDER BY label_set
                """).compactMap { row in ItemLevel(rawValue: row[1]).map { (row[0], $0, row[2]) } }
            r.items = [
                .message: try Int.fetchOne(db, sql: "SELECT count(*) FROM messages WHERE NOT is_system") ?? 0,
                .conversation: try Int.fetchOne(db, sql: "SELECT count(*) FROM conversations") ?? 0,
                .channel: try Int.fetchOne(db, sql: "SELECT count(*) FROM channels") ?? 0,
                .span: try Int.fetchOne(db, sql: "SELECT count(*) FROM spans WHERE kind = 'entity'") ?? 0,
            ]
            r.questionSpans = try Int.fetchOne(db, sql: "SELECT count(*) FROM spans WHERE kind = 'question'") ?? 0
            return r
        }
        .with { r in
            r.channelKinds = try effectiveTags(level: .channel).filter { $0.facet == FacetDefinition.channelKind }.compactMap { tag in
                Snowflake(tag.itemID).map {
                    ReportInput.ChannelKind(channel: $0, kind: FacetDefinition.channelKindName(of: tag.tag),
                                            confidence: tag.confidence, rules: tag.rules)
                }
            }
            guard scope == .report else { return }
            for (_, set, _) in r.decisions where r.labelValues[set] == nil {
                r.labelValues[set] = try labelValues(labelSet: set)
            }
        }
    }
}

extension ReportInput {
    /// Adds what other reads give to records read in one transaction.
    fileprivate func with(_ body: (inout ReportInput) throws -> Void) rethrows -> ReportInput {
        var copy = self
        try body(&copy)
        return copy
    }
}

/// An entity text of one type, as the report counts them.
private struct EntityKey: Hashable {
    var type: String
    var text: String
}

extension Store {
    /// The value in force of each span item (`message:start-end`) of every span label set, by
    /// label precedence over annotators, and who gave it: label set → item → value, read once.
    static func newestSpanLabels(_ db: Database) throws -> [String: [String: (value: String, annotator: String)]] {
        var newest: [String: [String: (value: String, annotator: String, time: Int64, event: Int64)]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT label_set, item_id, value, annotator, updated_at, event_id FROM labels
            WHERE level = 'span' AND value IS NOT NULL
            """) {
            let set: String = row[0], key: String = row[1], time: Int64 = row[4], event: Int64 = row[5]
            if let held = newest[set]?[key], !LabelPrecedence.wins(time: time, event: event, over: held.time, held.event) { continue }
            newest[set, default: [:]][key] = (row[2], row[3], time, event)
        }
        return newest.mapValues { $0.mapValues { ($0.value, $0.annotator) } }
    }
}
