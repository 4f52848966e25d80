/// Where a channel's segmenter keeps, in bounded memory, what its windows no longer reach:
/// each message's id, author and conversation, and each conversation no recent message
/// belongs to. Only an explicit reply or a reviewer's pin can reach either again. `dbind tag`
/// gives a channel too long to hold whole one backed by files; without an archive the
/// segmenter keeps everything.
///
/// An archive is called on the segmenter's thread only. Its reads and writes cannot fail from
/// the segmenter's point of view: one backed by files records its first error for the caller
/// to raise, and answers with empty values until then.
public protocol SegmentArchive: AnyObject {
    /// Archives the next rank: ranks arrive in order, from 0.
    func append(_ rank: ArchivedRank)
    /// An archived rank's values.
    func rank(_ rank: Int) -> ArchivedRank
    /// The archived rank of the message `id`, among archived ids that grow with rank.
    func rank(of id: Snowflake) -> Int?
    /// Keeps a conversation that no window reaches, replacing what was kept for it before.
    func store(_ conversation: ConversationState, at index: Int)
    /// A conversation kept by `store`.
    func conversation(at index: Int) -> ConversationState
}

/// What the segmenter keeps of a message once its windows have passed it.
public struct ArchivedRank: Sendable, Equatable {
    public var id: Snowflake
    public var author: Snowflake
    /// Its conversation's index.
    public var conversation: Int

    public init(id: Snowflake, author: Snowflake, conversation: Int) {
        self.id = id
        self.author = author
        self.conversation = conversation
    }
}

/// A conversation as the segmenter builds it: its summary and what later messages check.
public struct ConversationState: Sendable, Equatable {
    public var summary: ConversationSummary
    /// Authors of questions that nobody else has followed yet, with their counts.
    public var pending: [PendingQuestions] = []
    /// The rank of its latest message.
    public var latest: Int
    /// Who has a message in it, and whether one of theirs is not a system notice (the scorer's
    /// "has spoken here"); listed only while an archive is set, to go with the conversation
    /// when it is archived. The segmenter looks them up in its own map.
    public var participants: [Participant] = []

    public init(summary: ConversationSummary, pending: [PendingQuestions] = [], latest: Int, participants: [Participant] = []) {
        self.summary = summary
        self.pending = pending
        self.latest = latest
        self.participants = participants
    }

    public struct PendingQuestions: Sendable, Equatable {
        public var author: Snowflake
        public var count: Int

        public init(author: Snowflake, count: Int) {
            self.author = author
            self.count = count
        }
    }

    public struct Participant: Sendable, Equatable {
        public var author: Snowflake
        public var spoke: Bool

        public init(author: Snowflake, spoke: Bool) {
            self.author = author
            self.spoke = spoke
        }
    }
}
