import DBindCore
import Foundation
import GRDB

/// A span as the extractor wrote it: where, what, and the rule that found it.
public struct AutoSpan: Sendable, Hashable {
    public var messageID: Snowflake
    public var kind: SpanKind
    public var type: String
    /// Code point offsets into the message content, end exclusive.
    public var start: Int
    public var end: Int
    public var text: String
    public var value: String?
    public var rule: String
    public var confidence: Double

    public init(messageID: Snowflake, kind: SpanKind, type: String, start: Int, end: Int, text: String,
                value: String? = nil, rule: String, confidence: Double) {
        self.messageID = messageID
        self.kind = kind
        self.type = type
        self.start = start
        self.end = end
        self.text = text
        self.value = value
        self.rule = rule
        self.confidence = confidence
    }

    public var key: SpanKey { SpanKey(messageID: messageID, start: start, end: end) }
}

/// A stored extractor span and its row id; its fields read through to the span.
@dynamicMemberLookup
public struct StoredSpan: Sendable, Hashable {
    public var id: Int64
    public var span: AutoSpan

    public subscript<T>(dynamicMember path: KeyPath<AutoSpan, T>) -> T { span[keyPath: path] }
}

/// A span as queries and exports must see it: corrected or removed by people where they did.
@dynamicMemberLookup
public struct EffectiveSpan: Sendable, Hashable, Encodable {
    /// Where the extractor found the span: the item people's labels on it are keyed by.
    public var key: SpanKey
    public var messageID: Snowflake
    /// The span in force: the extractor's, or as a person corrected it (`SpanJudgement.resolve`).
    public var span: ExportSpan
    public var source: ValueSource
    /// Newest label of every other label set on the span (e.g. `question` → `answered`).
    public var labels: [String: String]

    public subscript<T>(dynamicMember path: KeyPath<ExportSpan, T>) -> T { span[keyPath: path] }

    private enum CodingKeys: String, CodingKey {
        case message_id, kind, type, start, end, text, value, rule, confidence, source, labels
    }

    /// The message id is written as a decimal string, like every snowflake in dbind's JSON.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(messageID.description, forKey: .message_id)
        try container.encode(span.kind, forKey: .kind)
        try container.encode(span.type, forKey: .type)
        try container.encode(span.start, forKey: .start)
        try container.encode(span.end, forKey: .end)
        try container.encode(span.text, forKey: .text)
        try container.encode(span.value, forKey: .value)
        try container.encode(span.rule, forKey: .rule)
        try container.encode(span.confidence, forKey: .confidence)
        try container.encode(source, forKey: .source)
        try container.encode(labels, forKey: .labels)
    }
}

extension Store {
    /// Replaces the extractor's spans of `messages` (all spans when nil) with `spans`, in one
    /// transaction. Labels are keyed by span position, so they survive the re-run.
    public func replaceAutoSpans(messages: [Snowflake]?, spans: [AutoSpan], runID: Int64? = nil) throws {
        try write { db in try Self.replaceAutoSpans(messages: messages, spans: spans, runID: runID, in: db) }
    }

    /// The same inside the caller's transaction, so a job can write several kinds at once.
    public static func replaceAutoSpans(messages: [Snowflake]?, spans: [AutoSpan], runID: Int64? = nil, in db: Database) throws {
        if let messages {
            try FastStatement.run(deletionOrder(messages, then: spans.lazy.map(\.messageID)), columns: 1, in: db, sql: { ids in
                "DELETE FROM spans WHERE message_id IN (\(ids))"
            }) { message, s in s.bind(message.int64) }
        } else {
            try db.execute(sql: "DELETE FROM spans")
        }
        try FastStatement.run(spans, columns: 10, in: db, sql: { values in """
            INSERT INTO spans (message_id, kind, type, start, "end", text, value, rule, confidence, run_id) VALUES \(values)
            """ }) { span, s in
            s.bind(span.messageID.int64)
            s.bind(span.kind.rawValue)
            s.bind(span.type)
            s.bind(span.start)
            s.bind(span.end)
            s.bind(span.text)
            s.bind(span.value)
            s.bind(span.rule)
            s.bind(span.confidence)
            s.bind(runID)
        }
    }

    /// The spans of a message in text order.
    public func spans(message: Snowflake) throws -> [StoredSpan] {
        try read { db in try Self.spans(db, message: message) }
    }

    static func spans(_ db: Database, message: Snowflake) throws -> [StoredSpan] {
        try Row.fetchAll(db, sql: "SELECT * FROM spans WHERE message_id = ? ORDER BY start, \"end\", kind, id",
                         arguments: [message.int64]).compactMap(Self.span)
    }

    /// The spans at a span key, of one kind.
    public func spans(key: SpanKey, kind: SpanKind) throws -> [StoredSpan] {
        try read { db in try Self.spans(db, key: key, kind: kind) }
    }

    public static func spans(_ db: Database, key: SpanKey, kind: SpanKind) throws -> [StoredSpan] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM spans INDEXED BY spans_by_position
            WHERE message_id = ? AND start = ? AND "end" = ? AND kind = ? ORDER BY confidence DESC, id
            """, arguments: [key.messageID.int64, key.start, key.end, kind.rawValue]).compactMap(Self.span)
    }

    /// A message's spans with people's corrections applied: rejected entities left out,
    /// corrected types and bounds used (text cut from the message again), other labels attached.
    /// - Parameter keepingRejected: also give the entity spans a person rejected, where the
    ///   extractor found them (source `.manual`): what an imported file's spans are matched
    ///   against, so a later file can put a rejected span back.
    public func effectiveSpans(message: Snowflake, keepingRejected: Bool = false) throws -> [EffectiveSpan] {
        try read { db in try Self.effectiveSpans(db, message: message, keepingRejected: keepingRejected) }
    }

    /// The same inside the caller's transaction: the spans, the text and every span's labels
    /// read from one state of the store.
    static func effectiveSpans(_ db: Database, message: Snowflake, keepingRejected: Bool = false) throws -> [EffectiveSpan] {
        let spans = try Self.spans(db, message: message)
        guard !spans.isEmpty else { return [] }
        let content = try String.fetchOne(db, sql: "SELECT content FROM messages WHERE id = ?", arguments: [message.int64]) ?? ""
        let scalars = Array(content.unicodeScalars)
        var result: [EffectiveSpan] = []
        for span in spans {
            let labels = try Self.labels(db, level: .span, itemID: span.key.description)
            var newest: [String: CurrentLabel] = [:]
            for label in labels where newest[label.labelSet].map({
                LabelPrecedence.wins(time: label.updatedAt, event: label.eventID, over: $0.updatedAt, $0.eventID)
            }) ?? true {
                newest[label.labelSet] = label
            }
            let found = ExportSpan(start: span.start, end: span.end, text: span.text, kind: span.kind, type: span.type,
                                   rule: span.rule, confidence: span.confidence, value: span.value)
            var effective = EffectiveSpan(key: span.key, messageID: span.messageID, span: found, source: .auto,
                                          labels: newest.filter { $0.key != SpanCorrection.labelSet }.mapValues(\.value))
            if span.kind == .entity, let verdict = newest[SpanCorrection.labelSet] {
                let corrected = SpanJudgement.resolve(found, entity: (verdict.value, verdict.annotator), question: nil, in: { scalars })
                guard corrected != nil || keepingRejected else { continue }
                effective.span = corrected ?? found
                effective.source = .manual
            }
            result.append(effective)
        }
        return result
    }

    static func span(_ row: Row) -> StoredSpan? {
        guard let kind = SpanKind(rawValue: row["kind"]) else { return nil }
        return StoredSpan(id: row["id"], span: AutoSpan(messageID: Snowflake(int64: row["message_id"]), kind: kind, type: row["type"],
                                                       start: row["start"], end: row["end"], text: row["text"], value: row["value"],
                                                       rule: row["rule"], confidence: row["confidence"]))
    }
}
