import DBindCore
import Foundation

/// The segmenter's archive for a channel too long to hold, in three spill files beside the
/// store: the archived ranks, a fixed slot per conversation, and the conversations' lists
/// (askers still waiting for an answer, participants), appended each time one is stored.
/// A read or write that fails is kept in `failure` for the caller to raise; until then the
/// segmenter gets empty values.
final class FileSegmentArchive: SegmentArchive {
    private let ranks: SpillFile<ArchivedRank>
    private let slots: SpillFile<Slot>
    private let lists: SpillFile<ListEntry>
    private(set) var failure: Error?

    struct Slot {
        var summary: ConversationSummary
        var latest: Int
        var listStart: Int
        var pendingCount: Int32
        var participantCount: Int32
    }

    private struct ListEntry {
        var author: Snowflake
        var value: Int
    }

    init(directory: URL) throws {
        ranks = try SpillFile(directory: directory)
        slots = try SpillFile(directory: directory)
        lists = try SpillFile(directory: directory)
    }

    private func attempt<T>(_ fallback: T, _ body: () throws -> T) -> T {
        guard failure == nil else { return fallback }
        do { return try body() } catch {
            failure = error
            return fallback
        }
    }

    private static let emptyRank = ArchivedRank(id: Snowflake(0), author: Snowflake(0), conversation: 0)

    func append(_ rank: ArchivedRank) { attempt(()) { try ranks.append(rank) } }

    func rank(_ rank: Int) -> ArchivedRank { attempt(Self.emptyRank) { try ranks.read(rank) } }

    func rank(of id: Snowflake) -> Int? { RankIDs(archive: self).sortedIndex(of: id) }

    func store(_ conversation: ConversationState, at index: Int) {
        attempt(()) {
            let start = lists.count
            try lists.append(contentsOf: conversation.pending.map { ListEntry(author: $0.author, value: $0.count) })
            try lists.append(contentsOf: conversation.participants.map { ListEntry(author: $0.author, value: $0.spoke ? 1 : 0) })
            try slots.write(Slot(summary: conversation.summary, latest: conversation.latest, listStart: start,
                                 pendingCount: Int32(conversation.pending.count),
                                 participantCount: Int32(conversation.participants.count)), at: index)
        }
    }

    func conversation(at index: Int) -> ConversationState {
        let empty = ConversationState(summary: ConversationSummary(id: Snowflake(0), channelID: Snowflake(0), startTime: 0,
                                                                   endTime: 0), latest: 0)
        return attempt(empty) {
            let slot = try slots.read(index)
            var entries: [ListEntry] = []
            let pending = Int(slot.pendingCount)
            try lists.read(slot.listStart..<(slot.listStart + pending + Int(slot.participantCount)), into: &entries)
            return ConversationState(
                summary: slot.summary,
                pending: entries[..<pending].map { ConversationState.PendingQuestions(author: $0.author, count: $0.value) },
                latest: slot.latest,
                participants: entries[pending...].map { ConversationState.Participant(author: $0.author, spoke: $0.value != 0) })
        }
    }

    /// Every conversation's slot, in index order, once the segmentation has stored them all.
    func conversationSlots() -> SpillFile<Slot>.Reader { slots.reader() }

    /// The archived ids by rank, for a binary search (they grow with rank).
    private struct RankIDs: RandomAccessCollection {
        let archive: FileSegmentArchive
        var startIndex: Int { 0 }
        var endIndex: Int { archive.ranks.count }
        subscript(rank: Int) -> Snowflake { archive.rank(rank).id }
    }
}
