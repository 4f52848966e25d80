import DBindCore
import DBindStore
import Foundation

/// Everything shown about one queue item, read from the store in one go.
struct ReviewItem {
    var level: ItemLevel
    var itemID: String
    /// False when the item is gone (a merged-away conversation, a re-extracted span).
    var exists = true
    var channel: Channel?
    /// Messages shown, in time order; `focus` marks the item's own.
    var messages: [Message] = []
    var focus: Set<Snowflake> = []
    /// For conversations: the conversation's messages in order, numbered from 1 when shown.
    var conversation: ConversationInfo?
    var members: [Message] = []
    /// For spans: the extractor's spans at this position (most confident first).
    var spans: [StoredSpan] = []
    /// Auto-tags of the item, the label set's facet first.
    var tags: [AutoTag] = []
    /// Current labels of the session's label set, every annotator.
    var labels: [CurrentLabel] = []
    var notes: [LabelEvent] = []
    var messageCount: Int?

    var focusMessage: Message? { messages.first { focus.contains($0.id) } }

    /// Reads the item in one read transaction, so a screen shows one state of the store;
    /// `context` is how many neighbouring messages to show on each side.
    static func load(store: Store, level: ItemLevel, itemID: String, labelSet: LabelSet, spanKind: SpanKind?,
                     channels: [Snowflake: Channel], context: Int) throws -> ReviewItem {
        try store.read { db in
            var item = ReviewItem(level: level, itemID: itemID)
            switch level {
            case .message:
                guard let id = Snowflake(itemID) else { item.exists = false; return item }
                item.messages = try Store.messageContext(db, around: id, before: context, after: context)
                item.focus = [id]
                item.exists = !item.messages.isEmpty
                item.channel = item.focusMessage.flatMap { channels[$0.channelID] }
            case .span:
                guard let key = SpanKey(itemID) else { item.exists = false; return item }
                item.spans = try Store.spans(db, key: key, kind: spanKind ?? .question)
                // Questions are judged by what follows them, so show more after than before.
                item.messages = try Store.messageContext(db, around: key.messageID, before: context, after: context * 2)
                item.focus = [key.messageID]
                item.exists = !item.messages.isEmpty
                item.channel = item.focusMessage.flatMap { channels[$0.channelID] }
            case .channel:
                guard let id = Snowflake(itemID), let channel = channels[id] else { item.exists = false; return item }
                item.channel = channel
                item.messages = try Store.latestMessages(db, channel: id, count: max(3, context * 3))
                item.messageCount = try Store.messageCount(db, channel: id)
            case .conversation:
                guard let id = Int64(itemID), let conversation = try Store.conversation(db, id: id) else {
                    item.exists = false
                    return item
                }
                item.conversation = conversation
                item.channel = channels[conversation.channelID]
                let shown = conversation.links.prefix(30 + context * 5).map(\.messageID)
                item.members = try Store.messages(db, ids: Array(shown))
                if let first = item.members.first {
                    item.messages = Array(try Store.messageContext(db, around: first.id, before: context, after: 0).dropLast())
                }
            }
            let allTags = try Store.autoTags(db, level: level, itemID: itemID)
            item.tags = allTags.filter { $0.facet == labelSet.facet } + allTags.filter { $0.facet != labelSet.facet }
            let history = try Store.history(db, level: level, itemID: itemID)
            let undone = Set(history.compactMap(\.undoes))
            item.notes = history.filter { $0.action == .note && !undone.contains($0.id) }
            item.labels = try Store.labels(db, level: level, itemID: itemID).filter { $0.labelSet == labelSet.name }
            return item
        }
    }
}
