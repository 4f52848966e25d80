/// The part of a message the segmenter looks at: a lean copy so callers can feed it from the
/// store or from parsed exports without materialising full `Message` values.
public struct SegmentMessage: Sendable, Hashable {
    public var id: Snowflake
    /// Threads carry their own channel id, so each thread is segmented on its own.
    public var channelID: Snowflake
    /// UTC milliseconds.
    public var time: Int64
    public var authorID: Snowflake
    /// Username and display name: how other people address this author in text.
    public var authorName: String
    public var authorDisplayName: String?
    public var text: String
    /// The message this one explicitly replies to.
    public var replyToID: Snowflake?
    /// Mentioned users, in the order they appear in the text.
    public var mentionIDs: [Snowflake]
    /// Generated notices (joins, pins, renames) stand alone.
    public var isSystem: Bool
    /// A bot's messages are linked like anyone's, but neither ask nor answer questions.
    public var isBot: Bool

    public init(id: Snowflake, channelID: Snowflake, time: Int64, authorID: Snowflake, authorName: String,
                authorDisplayName: String? = nil, text: String, replyToID: Snowflake? = nil,
                mentionIDs: [Snowflake] = [], isSystem: Bool = false, isBot: Bool = false) {
        self.id = id
        self.channelID = channelID
        self.time = time
        self.authorID = authorID
        self.authorName = authorName
        self.authorDisplayName = authorDisplayName
        self.text = text
        self.replyToID = replyToID
        self.mentionIDs = mentionIDs
        self.isSystem = isSystem
        self.isBot = isBot
    }

    /// A bot's answer to a slash command counts as mentioning the user who ran it.
    public init(_ message: Message) {
        var mentions = message.mentions.map(\.id)
        if let invoker = message.interaction?.user.id, !mentions.contains(invoker) { mentions.insert(invoker, at: 0) }
        self.init(id: message.id, channelID: message.channelID, time: message.timestamp.milliseconds,
                  authorID: message.author.id, authorName: message.author.name,
                  authorDisplayName: message.author.nickname, text: message.content,
                  replyToID: message.replyToID, mentionIDs: mentions, isSystem: message.kind.isSystem,
                  isBot: message.author.isBot)
    }
}

/// Why a message was linked to its antecedent (or why it has none). The raw value is the
/// stable rule id shown to reviewers and stored next to each link.
public enum LinkRule: String, Sendable, CaseIterable, Codable {
    /// Explicit reply reference.
    case reply
    /// Fixed by a reviewer (a pinned link or a pinned conversation start).
    case pinned
    /// Addresses someone it already addressed a moment ago: follows up on its own message.
    case addressOwn = "address-own"
    /// Addresses someone whose latest message to this author it answers.
    case addressBack = "address-back"
    /// Addresses someone (`name:` or leading `@Name`): links to their latest message.
    case address
    /// Mentions someone later in the text: links to their latest message.
    case mention
    /// Answers a bot command (`!factoid`) posted just before.
    case command
    /// Unaddressed message right after someone addressed this author.
    case response
    /// Same author keeps talking.
    case continuation
    /// Answers a recent question by someone else and shares its words.
    case answer
    /// Shares rare words with a recent message.
    case lexical
    /// The learned link scorer's choice where no single rule names it: time, distance,
    /// speakers and shared words weighed together.
    case scored
    /// Nothing links it back: it opens a conversation.
    case start
    /// A system notice: its own conversation.
    case system
}

/// One message's place in the conversation graph; plain values, ready to store.
public struct MessageLink: Sendable, Hashable {
    public var messageID: Snowflake
    /// The earlier message this one continues; nil when it starts a conversation.
    public var antecedentID: Snowflake?
    public var rule: LinkRule
    /// Confidence in 0…1 (for `start`: confidence that nothing earlier fits).
    public var score: Double
    /// Index into `SegmentationResult.conversations`.
    public var conversation: Int
}

/// What a reviewer or a report needs to know about one conversation.
public struct ConversationSummary: Sendable, Hashable {
    /// The id of the first message: stable across re-runs as long as the start stays.
    public var id: Snowflake
    public var channelID: Snowflake
    public var startTime: Int64
    public var endTime: Int64
    /// Distinct authors of its messages.
    public var participantCount: Int
    public var messageCount: Int
    public var firstQuestionID: Snowflake?
    public var questionCount: Int
    /// Questions followed, in the same conversation, by a message from someone else.
    public var answeredQuestionCount: Int

    public init(id: Snowflake, channelID: Snowflake, startTime: Int64, endTime: Int64, participantCount: Int = 0,
                messageCount: Int = 0, firstQuestionID: Snowflake? = nil, questionCount: Int = 0, answeredQuestionCount: Int = 0) {
        self.id = id
        self.channelID = channelID
        self.startTime = startTime
        self.endTime = endTime
        self.participantCount = participantCount
        self.messageCount = messageCount
        self.firstQuestionID = firstQuestionID
        self.questionCount = questionCount
        self.answeredQuestionCount = answeredQuestionCount
    }

    public var unansweredQuestionCount: Int { questionCount - answeredQuestionCount }

    public var hasUnansweredQuestion: Bool { unansweredQuestionCount > 0 }
}

/// The segmenter's output: one link per input message (same order) and the conversations.
public struct SegmentationResult: Sendable {
    public var links: [MessageLink]
    public var conversations: ChunkedList<ConversationSummary>
    /// Pins that could not be honoured (unknown message, other channel), for the reviewer.
    public var ignoredPins: [Snowflake]

    /// Each linked message's antecedent (message → the message it continues), as the
    /// classifier's profiles read them.
    public var antecedents: [Snowflake: Snowflake] {
        Dictionary(links.compactMap { link in link.antecedentID.map { (link.messageID, $0) } }, uniquingKeysWith: { a, _ in a })
    }
}

/// Manual corrections a re-run must keep.
public struct SegmentConstraints: Sendable {
    /// message → antecedent: the two must share a conversation. If the antecedent is the later
    /// of the two, the later one is linked to the earlier instead.
    public var links: [Snowflake: Snowflake]
    /// Messages that must open a conversation of their own.
    public var starts: Set<Snowflake>

    public init(links: [Snowflake: Snowflake] = [:], starts: Set<Snowflake> = []) {
        self.links = links
        self.starts = starts
    }

    public var isEmpty: Bool { links.isEmpty && starts.isEmpty }
}

/// Tunable limits of the segmenter. Time windows are the floor; each channel widens them to
/// its own pace (a slow forum-like channel gets longer windows than a busy help channel).
public struct SegmenterOptions: Sendable {
    /// Fixed gap (ms) that starts a new time block; nil adapts it to the channel.
    public var gapMilliseconds: Int64?
    /// Adaptive gap: this many median inter-message gaps, clamped to the two bounds below.
    public var gapPaceFactor: Double = 25
    public var minimumGapMilliseconds: Int64 = 10 * 60_000
    public var maximumGapMilliseconds: Int64 = 12 * 3_600_000
    /// How far back an address or mention looks for the addressee's message.
    public var addressWindowMilliseconds: Int64 = 10 * 60_000
    /// How far back an unaddressed message looks for its author's or its addresser's message.
    public var continuationWindowMilliseconds: Int64 = 8 * 60_000
    /// How far back an address looks for the author's own earlier message to the same person.
    public var followUpWindowMilliseconds: Int64 = 3 * 60_000
    /// How far back a bot's answer looks for the command.
    public var commandWindowMilliseconds: Int64 = 60_000
    /// How far back the question and word-overlap rules look.
    public var lexicalWindowMilliseconds: Int64 = 3 * 60_000
    /// Minimum summed inverse document frequency of shared words for the `lexical` rule.
    public var lexicalThreshold: Double = 12
    /// Minimum for `answer` (a recent question by someone else sharing words).
    public var answerThreshold: Double = 6
    /// A fitted link scorer that weighs the rules' suggestions with time, distance, speakers
    /// and shared words; nil keeps the rules' own choice.
    public var linkModel: LinkModel?

    public init(gapMilliseconds: Int64? = nil, linkModel: LinkModel? = nil) {
        self.gapMilliseconds = gapMilliseconds
        self.linkModel = linkModel
    }
}
