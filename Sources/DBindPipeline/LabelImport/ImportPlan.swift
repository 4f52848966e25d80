import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// What one record means: labels to write, and what matched nothing.
struct ImportPlan {
    /// A record that cannot be imported; nothing of it is written.
    struct Invalid: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    var line: Int
    var writes: [LabelWrite] = []
    var unmatched: [String] = []
    var skipped = 0
}

/// What every record of one import shares: the store, who the labels are for, and the text index.
struct ImportContext {
    let store: Store
    let annotator: String
    let overridesRecords: Bool
    let labelSet: String?
    var matcher: TextMatcher

    init(store: Store, annotator: String, overridesRecords: Bool, labelSet: String?) {
        self.store = store
        self.annotator = annotator
        self.overridesRecords = overridesRecords
        self.labelSet = labelSet
        matcher = TextMatcher(store: store)
    }

    /// The annotator a label is recorded for: the record's own unless told otherwise.
    func annotator(_ named: String?) -> String {
        overridesRecords ? annotator : named.flatMap(AnnotatorName.validated) ?? annotator
    }

    /// The level of an exported unit's items.
    static func level(unit: String?) -> ItemLevel {
        switch unit.flatMap(ExportUnit.Kind.init(rawValue:)) ?? .conversation {
        case .channel: .channel
        case .message: .message
        case .conversation: .conversation
        }
    }
}

/// Finds a message by its exact text, through a hash index built on first use.
struct TextMatcher {
    let store: Store
    private var index: [Int32: [Snowflake]]?

    init(store: Store) {
        self.store = store
    }

    /// The message whose text is exactly `text`, when exactly one has it.
    mutating func message(withText text: String) throws -> Snowflake? {
        if index == nil {
            var built: [Int32: [Snowflake]] = [:]
            try store.forEachMessageText { id, content in built[StableHash.int32(content), default: []].append(id) }
            index = built
        }
        let candidates = try store.messages(ids: index?[StableHash.int32(text)] ?? []).filter { $0.content == text }
        return candidates.count == 1 ? candidates[0].id : nil
    }
}
