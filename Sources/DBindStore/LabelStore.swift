import DBindCore
import Foundation
import GRDB

/// One entry of the append-only label history: who decided what about which item, and when.
public struct LabelEvent: Sendable, Hashable, Encodable {
    public var id: Int64
    /// Milliseconds since the epoch.
    public var at: Int64
    public var annotator: String
    public var level: ItemLevel
    public var itemID: String
    public var labelSet: String
    public var action: LabelAction
    public var oldValue: String?
    public var newValue: String?
    public var note: String?
    /// For `undo`: the event it reverses.
    public var undoes: Int64?
}

/// A person's current label for an item, derived from the newest event that set it.
public struct CurrentLabel: Sendable, Hashable, Encodable {
    public var level: ItemLevel
    public var itemID: String
    public var labelSet: String
    public var annotator: String
    /// Label names joined by commas; empty when the person said none applies.
    public var value: String
    public var eventID: Int64
    public var updatedAt: Int64
}

/// Where a review session stands in its queue, saved with each decision so it can resume.
public struct ReviewPosition: Sendable, Hashable {
    public var annotator: String
    /// Canonical description of the queue (kind, label set, filters).
    public var queue: String
    /// The session's own state, as JSON.
    public var state: String

    public init(annotator: String, queue: String, state: String) {
        self.annotator = annotator
        self.queue = queue
        self.state = state
    }
}

/// Why a label history operation could not be done.
public struct LabelError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Store {
    /// Sets (or with `value == nil` clears) an annotator's label for an item, appending the
    /// decision to the history and saving `position` in the same transaction.
    @discardableResult
    public func setLabel(level: ItemLevel, itemID: String, labelSet: String, annotator: String, value: String?,
                         action: LabelAction, note: String? = nil, position: ReviewPosition? = nil) throws -> LabelEvent {
        try write { db in
            let event = try Self.setLabel(db, level: level, itemID: itemID, labelSet: labelSet, annotator: annotator,
                                          value: value, action: action, note: note, undoes: nil)
            if let position { try Self.save(db, position: position) }
            return event
        }
    }

    /// Appends a note about an item without changing any label.
    @discardableResult
    public func addNote(level: ItemLevel, itemID: String, labelSet: String, annotator: String, note: String,
                        position: ReviewPosition? = nil) throws -> LabelEvent {
        try write { db in
            let event = try Self.appendEvent(db, annotator: annotator, level: level, itemID: itemID, labelSet: labelSet,
                                             action: .note, oldValue: nil, newValue: nil, note: note, undoes: nil)
            if let position { try Self.save(db, position: position) }
            return event
        }
    }

    static func setLabel(_ db: Database, level: ItemLevel, itemID: String, labelSet: String, annotator: String,
                         value: String?, action: LabelAction, note: String?, undoes: Int64?) throws -> LabelEvent {
        let old = try String.fetchOne(db, sql: """
            SELECT value FROM labels WHERE level = ? AND item_id = ? AND label_set = ? AND annotator = ?
            """, arguments: [level.rawValue, itemID, labelSet, annotator])
        let event = try appendEvent(db, annotator: annotator, level: level, itemID: itemID, labelSet: labelSet,
                                    action: action, oldValue: old, newValue: value, note: note, undoes: undoes)
        if let value {
            try db.execute(sql: """
                INSERT INTO labels (level, item_id, label_set, annotator, value, event_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (level, item_id, label_set, annotator) DO UPDATE SET
                    value = excluded.value, event_id = excluded.event_id, updated_at = excluded.updated_at
                """, arguments: [level.rawValue, itemID, labelSet, annotator, value, event.id, event.at])
        } else {
            try db.execute(sql: "DELETE FROM labels WHERE level = ? AND item_id = ? AND label_set = ? AND annotator = ?",
                           arguments: [level.rawValue, itemID, labelSet, annotator])
        }
        return event
    }

    static func appendEvent(_ db: Database, annotator: String, level: ItemLevel, itemID: String, labelSet: String,
                            action: LabelAction, oldValue: String?, newValue: String?, note: String?, undoes: Int64?) throws -> LabelEvent {
        // Events are ordered by id; the clock only labels them, and never runs backwards in the history.
        let last = try Int64.fetchOne(db, sql: "SELECT at FROM label_events ORDER BY id DESC LIMIT 1") ?? 0
        let at = max(Store.now(), last)
        try db.execute(sql: """
            INSERT INTO label_events (at, annotator, level, item_id, label_set, action, old_value, new_value, note, undoes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [at, annotator, level.rawValue, itemID, labelSet, action, oldValue, newValue, note, undoes])
        return LabelEvent(id: db.lastInsertedRowID, at: at, annotator: annotator, level: level, itemID: itemID,
                          labelSet: labelSet, action: action, oldValue: oldValue, newValue: newValue, note: note, undoes: undoes)
    }

    /// Reverses the annotator's newest decision that is not yet undone (any session), by
    /// appending an `undo` event. Returns the event undone, or nil when there is nothing left.
    @discardableResult
    public func undoLast(annotator: String, position: ReviewPosition? = nil) throws -> LabelEvent? {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT * FROM label_events e
                WHERE e.annotator = ? AND e.action != '\(LabelAction.undo.rawValue)'
                  AND NOT EXISTS (SELECT 1 FROM label_events u WHERE u.undoes = e.id)
                ORDER BY e.id DESC LIMIT 1
                """, arguments: [annotator]) else { return nil }
            let event = Self.event(row)
            switch event.action {
            case .note:
                _ = try Self.appendEvent(db, annotator: annotator, level: event.level, itemID: event.itemID,
                                         labelSet: event.labelSet, action: .undo, oldValue: nil, newValue: nil,
                                         note: nil, undoes: event.id)
            case .move, .split, .merge:
                try Self.revertConversationEdit(db, event: event)
            default:
                _ = try Self.setLabel(db, level: event.level, itemID: event.itemID, labelSet: event.labelSet,
                                      annotator: annotator, value: event.oldValue, action: .undo, note: nil, undoes: event.id)
            }
            if let position { try Self.save(db, position: position) }
            return event
        }
    }

    /// Current labels of one item, every label set and annotator.
    public func labels(level: ItemLevel, itemID: String) throws -> [CurrentLabel] {
        try read { db in try Self.labels(db, level: level, itemID: itemID) }
    }

    public static func labels(_ db: Database, level: ItemLevel, itemID: String) throws -> [CurrentLabel] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM labels WHERE level = ? AND item_id = ? ORDER BY label_set, updated_at, annotator
            """, arguments: [level.rawValue, itemID]).compactMap(Self.currentLabel)
    }

    /// The whole history of one item, oldest first.
    public func history(level: ItemLevel, itemID: String) throws -> [LabelEvent] {
        try read { db in try Self.history(db, level: level, itemID: itemID) }
    }

    public static func history(_ db: Database, level: ItemLevel, itemID: String) throws -> [LabelEvent] {
        try Row.fetchAll(db, sql: "SELECT * FROM label_events WHERE level = ? AND item_id = ? ORDER BY id",
                         arguments: [level.rawValue, itemID]).map(Self.event)
    }

    /// Every event of an annotator (or everyone), oldest first.
    public func history(annotator: String? = nil) throws -> [LabelEvent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM label_events WHERE ?1 IS NULL OR annotator = ?1 ORDER BY id",
                             arguments: [annotator]).map(Self.event)
        }
    }

    /// Current values of a label set: item id → annotator → value.
    public func labelValues(labelSet: String) throws -> [String: [String: String]] {
        try read { db in
            var result: [String: [String: String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT item_id, annotator, value FROM labels WHERE label_set = ?",
                                        arguments: [labelSet]) {
                result[row["item_id"], default: [:]][row["annotator"]] = row["value"]
            }
            return result
        }
    }

    /// Names of the label sets that have at least one current label.
    public func labeledSetNames() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT label_set FROM labels ORDER BY label_set") }
    }

    /// How many items of a label set the annotator has labeled.
    public func labelCount(labelSet: String, annotator: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM labels WHERE label_set = ? AND annotator = ?",
                             arguments: [labelSet, annotator]) ?? 0
        }
    }

    /// The saved state of an annotator's session on a queue, if any.
    public func reviewPosition(annotator: String, queue: String) throws -> ReviewPosition? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT state FROM review_positions WHERE annotator = ? AND queue = ?",
                                arguments: [annotator, queue])
                .map { ReviewPosition(annotator: annotator, queue: queue, state: $0) }
        }
    }

    /// Saves a session's position on its own (moves that decide nothing: skip, back, jump).
    public func saveReviewPosition(_ position: ReviewPosition) throws {
        try write { db in try Self.save(db, position: position) }
    }

    /// Forgets a session's position so the queue starts from the beginning; labels stay.
    public func clearReviewPosition(annotator: String, queue: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM review_positions WHERE annotator = ? AND queue = ?", arguments: [annotator, queue])
        }
    }

    static func save(_ db: Database, position: ReviewPosition) throws {
        try db.execute(sql: """
            INSERT INTO review_positions (annotator, queue, state, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (annotator, queue) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """, arguments: [position.annotator, position.queue, position.state, Store.now()])
    }

    static func event(_ row: Row) -> LabelEvent {
        LabelEvent(id: row["id"], at: row["at"], annotator: row["annotator"],
                   level: ItemLevel(rawValue: row["level"]) ?? .message, itemID: row["item_id"],
                   labelSet: row["label_set"], action: row["action"], oldValue: row["old_value"],
                   newValue: row["new_value"], note: row["note"], undoes: row["undoes"])
    }

    static func currentLabel(_ row: Row) -> CurrentLabel? {
        guard let level = ItemLevel(rawValue: row["level"]) else { return nil }
        return CurrentLabel(level: level, itemID: row["item_id"], labelSet: row["label_set"], annotator: row["annotator"],
                            value: row["value"], eventID: row["event_id"], updatedAt: row["updated_at"])
    }
}
