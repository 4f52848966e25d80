/// What the community report is computed from: plain records the store reads in one pass.
public struct ReportInput: Sendable {
    /// A message as activity and questions count it.
    public struct Post: Sendable {
        public var id: Snowflake
        public var channel: Snowflake
        public var author: Snowflake
        public var time: Timestamp
        public var isBot: Bool
        /// The conversation the segmenter (or a person) placed it in.
        public var conversation: Int64?
        public var replyTo: Snowflake?
        /// Whether the text stage found a question in it.
        public var isQuestion: Bool

        public init(id: Snowflake, channel: Snowflake, author: Snowflake, time: Timestamp, isBot: Bool, conversation: Int64?,
                    replyTo: Snowflake?, isQuestion: Bool) {
            self.id = id
            self.channel = channel
            self.author = author
            self.time = time
            self.isBot = isBot
            self.conversation = conversation
            self.replyTo = replyTo
            self.isQuestion = isQuestion
        }
    }

    /// How often the extractor found one entity text.
    public struct EntityCount: Sendable {
        public var type: String
        public var text: String
        public var count: Int

        public init(type: String, text: String, count: Int) {
            self.type = type
            self.text = text
            self.count = count
        }
    }

    /// A channel's kind in force (a person's label, else the auto-tag) and why.
    public struct ChannelKind: Sendable {
        public var channel: Snowflake
        public var kind: String
        public var confidence: Double
        public var rules: [String]

        public init(channel: Snowflake, kind: String, confidence: Double, rules: [String]) {
            self.channel = channel
            self.kind = kind
            self.confidence = confidence
            self.rules = rules
        }
    }

    public var guilds: [Guild] = []
    public var channels: [Channel] = []
    public var members: [GraphMember] = []
    /// Non-system messages in time order.
    public var posts: [Post] = []
    /// Replies, mentions and addressing between members; co-participation comes from `posts`.
    public var interactions: [MemberInteraction] = []
    /// Most frequent first.
    public var entities: [EntityCount] = []
    public var channelKinds: [ChannelKind] = []
    /// Decisions in the label history per annotator and label set.
    public var decisions: [(annotator: String, labelSet: String, count: Int)] = []
    /// Labeled items per label set and level, and items per level, for queue progress.
    public var labeled: [(labelSet: String, level: ItemLevel, items: Int)] = []
    public var items: [ItemLevel: Int] = [:]
    /// Each label set's values per item and annotator, for agreement.
    public var labelValues: [String: [String: [String: String]]] = [:]

    public init() {}
}
