/// What the community report and the graph files are computed from: plain records the store
/// reads in one pass.
public struct ReportInput: Sendable {
    /// What a read is for: the graph files need members, posts and interactions, not questions,
    /// entities or labels.
    public enum Scope: Sendable {
        case report
        case graph
    }

    /// How often a member posted in a channel, and when first and last.
    public struct Posting: Sendable {
        public var member: Snowflake
        public var channel: Snowflake
        public var count: Int
        public var first: Timestamp
        public var last: Timestamp
    }

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
        /// What people judged of its questions, if anything (`QuestionAnswering.verdict(ofSpans:)`).
        public var questionVerdict: QuestionAnswering.Verdict?

        public init(id: Snowflake, channel: Snowflake, author: Snowflake, time: Timestamp, isBot: Bool, conversation: Int64?,
                    replyTo: Snowflake?, isQuestion: Bool, questionVerdict: QuestionAnswering.Verdict? = nil) {
            self.id = id
            self.channel = channel
            self.author = author
            self.time = time
            self.isBot = isBot
            self.conversation = conversation
            self.replyTo = replyTo
            self.isQuestion = isQuestion
            self.questionVerdict = questionVerdict
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
    /// Replies, mentions, addressing and reactions between members; co-participation comes from `posts`.
    public var interactions: [MemberInteraction] = []
    /// Most frequent first.
    public var entities: [EntityCount] = []
    public var channelKinds: [ChannelKind] = []
    /// Decisions in the label history per annotator and label set.
    public var decisions: [(annotator: String, labelSet: String, count: Int)] = []
    /// Labeled items per label set and level, and items per level (spans: entity spans), for
    /// queue progress; `questionSpans` are what span label sets other than `entity-span` judge.
    public var labeled: [(labelSet: String, level: ItemLevel, items: Int)] = []
    public var items: [ItemLevel: Int] = [:]
    public var questionSpans = 0
    /// Each label set's values per item and annotator, for agreement.
    public var labelValues: [String: [String: [String: String]]] = [:]

    public init() {}
}

extension ReportInput {
    /// How many conversation participants make one co-participation edge per pair: bigger
    /// conversations are crowds, not acquaintances.
    public static let coParticipationLimit = 12

    /// Posts per member and channel, by member then channel.
    public func postings() -> [Posting] {
        var byPair: [Pair: Posting] = [:]
        for post in posts {
            let pair = Pair(member: post.author, channel: post.channel)
            if var p = byPair[pair] {
                p.count += 1
                p.first = min(p.first, post.time)
                p.last = max(p.last, post.time)
                byPair[pair] = p
            } else {
                byPair[pair] = Posting(member: post.author, channel: post.channel, count: 1, first: post.time, last: post.time)
            }
        }
        return byPair.values.sorted { ($0.member, $0.channel) < ($1.member, $1.channel) }
    }

    private struct Pair: Hashable {
        var member: Snowflake
        var channel: Snowflake
    }

    /// The member interaction graph: the stored interactions, plus one co-participation per
    /// ordered pair of people (bots aside) in each conversation of 2 to `coParticipationLimit`.
    public func interactionGraph() -> InteractionGraph {
        // (conversation, author, position) sorted: each conversation's people in id order, each
        // with their first post (posts are in time order), without a dictionary per conversation.
        var keyed: [(conversation: Int64, author: Snowflake, position: Int)] = []
        for (position, post) in posts.enumerated() where !post.isBot {
            if let c = post.conversation { keyed.append((c, post.author, position)) }
        }
        keyed.sort { ($0.conversation, $0.author, $0.position) < ($1.conversation, $1.author, $1.position) }
        var all = interactions
        var people: [Post] = []
        var start = 0
        while start < keyed.count {
            var end = start
            people.removeAll(keepingCapacity: true)
            while end < keyed.count, keyed[end].conversation == keyed[start].conversation {
                if people.last?.author != keyed[end].author { people.append(posts[keyed[end].position]) }
                end += 1
            }
            start = end
            guard people.count >= 2, people.count <= Self.coParticipationLimit else { continue }
            for a in people {
                for b in people where a.author != b.author {
                    all.append(MemberInteraction(source: a.author, target: b.author, kind: .coParticipation,
                                                 time: max(a.time, b.time), channel: a.channel))
                }
            }
        }
        return InteractionGraph(interactions: all, members: Dictionary(members.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
    }
}
