/// The ways one member turns to another that the interaction graph counts.
public enum InteractionKind: String, Sendable, CaseIterable {
    /// Replied to a message of the target.
    case reply
    /// Mentioned the target.
    case mention
    /// Spoke to the target by name without a mention ("thanks alice").
    case addressed
    /// Reacted to a message of the target.
    case reaction
    /// Wrote in the same conversation as the target; callers decide which pairs qualify.
    case coParticipation = "co_participation"
}

/// One directed signal from `source` to `target`, as extracted from a message.
///
/// Named apart from `Interaction`, which is the slash command a bot message answers.
public struct MemberInteraction: Hashable, Sendable {
    public var source: Snowflake
    public var target: Snowflake
    public var kind: InteractionKind
    public var time: Timestamp
    public var channel: Snowflake

    public init(source: Snowflake, target: Snowflake, kind: InteractionKind, time: Timestamp, channel: Snowflake) {
        self.source = source
        self.target = target
        self.kind = kind
        self.time = time
        self.channel = channel
    }
}

/// What the graph keeps about a member: enough to label a node and to leave bots out.
public struct GraphMember: Hashable, Sendable {
    public var id: Snowflake
    public var name: String
    public var isBot: Bool

    public init(id: Snowflake, name: String, isBot: Bool = false) {
        self.id = id
        self.name = name
        self.isBot = isBot
    }
}

/// Who interacts with whom: one directed edge per ordered pair of members, with the signals
/// behind it counted per kind.
///
/// Nodes are the member table plus anyone an interaction names (unknown ids get their id as
/// name), sorted by id so positions, and every metric computed from them, are reproducible.
/// Edges are stored sorted by (source, target) as an adjacency array, which metrics walk by
/// position instead of hashing ids.
public struct InteractionGraph: Sendable {
    /// Everything one member directed at another.
    public struct Edge: Hashable, Sendable {
        public var source: Snowflake
        public var target: Snowflake
        public var replies = 0
        public var mentions = 0
        public var addressed = 0
        public var reactions = 0
        public var coParticipation = 0
        /// Earliest and latest interaction on the edge.
        public var first: Timestamp
        public var last: Timestamp
        /// Channels the interactions happened in, distinct and ascending.
        public var channels: [Snowflake] = []

        /// Every signal counts once: callers set the emphasis of a kind by how many they emit
        /// (e.g. one co-participation per conversation, not per message).
        public var weight: Int { replies + mentions + addressed + reactions + coParticipation }

        public func count(of kind: InteractionKind) -> Int {
            switch kind {
            case .reply: replies
            case .mention: mentions
            case .addressed: addressed
            case .reaction: reactions
            case .coParticipation: coParticipation
            }
        }

        init(first interaction: MemberInteraction) {
            source = interaction.source
            target = interaction.target
            first = interaction.time
            last = interaction.time
        }

        mutating func add(_ interaction: MemberInteraction) {
            switch interaction.kind {
            case .reply: replies += 1
            case .mention: mentions += 1
            case .addressed: addressed += 1
            case .reaction: reactions += 1
            case .coParticipation: coParticipation += 1
            }
            first = min(first, interaction.time)
            last = max(last, interaction.time)
        }
    }

    /// Members in ascending id order; a member's position here is its index in the metrics.
    public let nodes: [GraphMember]
    /// The ids of `nodes`, for binary search.
    let ids: [Snowflake]
    /// Edges in ascending (source, target) order.
    public let edges: [Edge]
    /// Node positions of each edge's ends, parallel to `edges`.
    let sources: [Int]
    let targets: [Int]
    /// Out-edges of node `v` are `edges[outStart[v]..<outStart[v + 1]]`.
    let outStart: [Int]

    /// Folds interactions into one edge per ordered pair. Self-interactions (replying to
    /// oneself, reacting to one's own message) say nothing about ties and are dropped.
    public init(interactions: [MemberInteraction], members: [Snowflake: GraphMember]) {
        var named = Array(members.keys)
        for interaction in interactions where interaction.source != interaction.target {
            named.append(interaction.source)
            named.append(interaction.target)
        }
        let nodeIDs = InteractionGraph.distinctSorted(named)
        self.ids = nodeIDs
        nodes = nodeIDs.map { members[$0] ?? GraphMember(id: $0, name: $0.description) }

        // Sorting by a packed (source, target) key groups each pair's interactions together,
        // already in edge order.
        var pairs: [(key: UInt64, index: Int)] = []
        pairs.reserveCapacity(interactions.count)
        for (index, interaction) in interactions.enumerated() where interaction.source != interaction.target {
            // Every endpoint was added to `nodeIDs` above.
            let source = nodeIDs.sortedIndex(of: interaction.source)!
            let target = nodeIDs.sortedIndex(of: interaction.target)!
            pairs.append((key: UInt64(source) << 32 | UInt64(target), index: index))
        }
        pairs.sort { $0.key < $1.key }

        var edges: [Edge] = []
        var sources: [Int] = []
        var targets: [Int] = []
        var channels: [Snowflake] = []
        var start = 0
        while start < pairs.count {
            let key = pairs[start].key
            var edge = Edge(first: interactions[pairs[start].index])
            var end = start
            while end < pairs.count, pairs[end].key == key {
                let interaction = interactions[pairs[end].index]
                edge.add(interaction)
                channels.append(interaction.channel)
                end += 1
            }
            edge.channels = InteractionGraph.distinctSorted(channels)
            channels.removeAll(keepingCapacity: true)
            edges.append(edge)
            sources.append(Int(key >> 32))
            targets.append(Int(key & 0xFFFF_FFFF))
            start = end
        }

        var outStart = Array(repeating: 0, count: nodeIDs.count + 1)
        for source in sources { outStart[source + 1] += 1 }
        for v in nodeIDs.indices { outStart[v + 1] += outStart[v] }
        self.edges = edges
        self.sources = sources
        self.targets = targets
        self.outStart = outStart
    }

    /// The edge from `source` to `target`; nil when `source` never turned to `target`.
    public func edge(from source: Snowflake, to target: Snowflake) -> Edge? {
        guard let s = position(of: source), let t = position(of: target),
              let k = targets[outStart[s]..<outStart[s + 1]].sortedIndex(of: t) else { return nil }
        return edges[k]
    }

    /// A member's position in `nodes`.
    public func position(of id: Snowflake) -> Int? { ids.sortedIndex(of: id) }

    private static func distinctSorted(_ values: [Snowflake]) -> [Snowflake] {
        var result: [Snowflake] = []
        for value in values.sorted() where result.last != value { result.append(value) }
        return result
    }
}
