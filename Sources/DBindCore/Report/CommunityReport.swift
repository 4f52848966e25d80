/// What a guild looks like from its messages: activity, questions and how fast they are answered,
/// who is central and why, entities, and labeling progress. Pure: computed from `ReportInput`;
/// the HTML report and `dbind report --json` show the same values.
public struct CommunityReport: Sendable, Encodable {
    public struct Named: Sendable, Encodable {
        public var id: String
        public var name: String
        public var count: Int
    }

    public struct ChannelSummary: Sendable, Encodable {
        public var id: String
        public var name: String
        public var parent: String?
        public var messages: Int
        public var authors: Int
        public var questions: Int
        public var kind: String?
        public var confidence: Double?
        public var rules: [String]
    }

    public struct QuestionRef: Sendable, Encodable {
        public var id: String
        public var channel: String
        public var author: String
        public var time: String
        public var url: String
    }

    public struct Questions: Sendable, Encodable {
        public var asked = 0
        public var answered = 0
        public var unanswered = 0
        public var median_first_response_seconds: Double?
        public var p90_first_response_seconds: Double?
        /// Oldest first.
        public var oldest_unanswered: [QuestionRef] = []
    }

    public struct Central: Sendable, Encodable {
        public var id: String
        public var name: String
        /// PageRank over the interaction graph.
        public var score: Double
        public var reasons: [String]
    }

    public struct Newcomer: Sendable, Encodable {
        public var id: String
        public var name: String
        public var first: String
        public var channel: String
        public var answered_by: String?
    }

    public struct Members: Sendable, Encodable {
        public var total = 0
        public var bots = 0
        public var most_mentioned: [Named] = []
        public var top_posters: [Named] = []
        public var central: [Central] = []
        public var newcomers: [Newcomer] = []
    }

    public struct Bucket: Sendable, Encodable {
        public var key: String
        public var messages: Int
    }

    public struct Activity: Sendable, Encodable {
        public var by_day: [Bucket] = []
        public var by_week: [Bucket] = []
        public var by_channel: [Named] = []
        /// Messages per weekday (Monday first) and UTC hour.
        public var weekday_hour: [[Int]] = Array(repeating: Array(repeating: 0, count: 24), count: 7)
    }

    public struct EntityGroup: Sendable, Encodable {
        public var type: String
        public var total: Int
        public var top: [Named]
    }

    public struct Labeling: Sendable, Encodable {
        public struct Decisions: Sendable, Encodable {
            public var annotator: String
            public var label_set: String
            public var count: Int
        }

        public struct Progress: Sendable, Encodable {
            public var label_set: String
            public var level: String
            public var labeled: Int
            public var items: Int
        }

        public var decisions: [Decisions] = []
        public var progress: [Progress] = []
        public var agreement: [AgreementReport] = []
    }

    public struct GraphSummary: Sendable, Encodable {
        public var nodes = 0
        public var edges = 0
        public var communities = 0
        public var betweenness_sampled = false
    }

    public var guilds: [String] = []
    public var messages = 0
    public var first: String?
    public var last: String?
    public var channels: [ChannelSummary] = []
    public var questions = Questions()
    public var members = Members()
    public var activity = Activity()
    public var entities: [EntityGroup] = []
    public var labeling = Labeling()
    public var graph = GraphSummary()

    /// The interaction graph and its metrics, for drawing and graph files.
    public let interactionGraph: InteractionGraph
    public let metrics: GraphMetrics

    private enum CodingKeys: String, CodingKey {
        case guilds, messages, first, last, channels, questions, members, activity, entities, labeling, graph
    }

    public init(_ input: ReportInput, top: Int = 10) {
        let names = Dictionary(input.members.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let channelNames = Dictionary(input.channels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func name(_ id: Snowflake) -> String { names[id]?.name ?? id.description }
        func channelName(_ id: Snowflake) -> String { "#" + (channelNames[id]?.name ?? id.description) }
        let guildOf = Dictionary(input.channels.map { ($0.id, $0.guildID) }, uniquingKeysWith: { a, _ in a })

        guilds = input.guilds.map(\.name)
        messages = input.posts.count
        first = input.posts.first?.time.iso8601UTC
        last = input.posts.last?.time.iso8601UTC
        members.total = input.members.count
        members.bots = input.members.filter(\.isBot).count

        // Activity.
        var perDay: [Int64: Int] = [:], perWeek: [Int64: Int] = [:], perChannel: [Snowflake: Int] = [:]
        var perAuthor: [Snowflake: Int] = [:], authorsPerChannel: [Snowflake: Set<Snowflake>] = [:]
        for post in input.posts {
            let day = Self.day(post.time)
            perDay[day, default: 0] += 1
            perWeek[day - Self.weekday(day), default: 0] += 1
            perChannel[post.channel, default: 0] += 1
            authorsPerChannel[post.channel, default: []].insert(post.author)
            activity.weekday_hour[Int(Self.weekday(day))][Int((post.time.milliseconds - day * 86_400_000) / 3_600_000)] += 1
            if !post.isBot { perAuthor[post.author, default: 0] += 1 }
        }
        activity.by_day = perDay.sorted { $0.key < $1.key }.map { Bucket(key: Self.date(day: $0.key), messages: $0.value) }
        activity.by_week = perWeek.sorted { $0.key < $1.key }.map { Bucket(key: Self.date(day: $0.key), messages: $0.value) }
        activity.by_channel = perChannel.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .map { Named(id: $0.key.description, name: channelName($0.key), count: $0.value) }
        members.top_posters = perAuthor.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(top)
            .map { Named(id: $0.key.description, name: name($0.key), count: $0.value) }

        // Questions and first responses by someone else (`QuestionAnswering`: posts are never
        // system notices, and bots neither ask nor answer).
        var byConversation: [Int64: [ReportInput.Post]] = [:]
        var repliesTo: [Snowflake: [ReportInput.Post]] = [:]
        for post in input.posts where QuestionAnswering.asks(isBot: post.isBot, isSystem: false) {
            if let c = post.conversation { byConversation[c, default: []].append(post) }
            if let target = post.replyTo { repliesTo[target, default: []].append(post) }
        }
        var delays: [Double] = []
        var answeredBy: [Snowflake: (questions: Int, askers: Set<Snowflake>, channels: [Snowflake: Int])] = [:]
        var firstResponder: [Snowflake: Snowflake] = [:]
        var unanswered: [ReportInput.Post] = []
        var questionsPerChannel: [Snowflake: Int] = [:]
        for q in input.posts where q.isQuestion && q.questionVerdict != .notAsked
            && QuestionAnswering.asks(isBot: q.isBot, isSystem: false) {
            questions.asked += 1
            questionsPerChannel[q.channel, default: 0] += 1
            let candidates = (q.conversation.flatMap { byConversation[$0] } ?? []) + (repliesTo[q.id] ?? [])
            let response = candidates.filter {
                QuestionAnswering.answers(author: $0.author, isBot: $0.isBot, isSystem: false, asker: q.author)
                    && ($0.time.milliseconds > q.time.milliseconds || $0.replyTo == q.id)
            }
                .min { ($0.time.milliseconds, $0.id) < ($1.time.milliseconds, $1.id) }
            // A person's verdict wins over what followed.
            guard q.questionVerdict != .unanswered, response != nil || q.questionVerdict == .answered else {
                unanswered.append(q)
                continue
            }
            questions.answered += 1
            guard let response else { continue }
            delays.append(Double(max(0, response.time.milliseconds - q.time.milliseconds)) / 1000)
            firstResponder[q.id] = response.author
            var entry = answeredBy[response.author] ?? (0, [], [:])
            entry.questions += 1
            entry.askers.insert(q.author)
            entry.channels[q.channel, default: 0] += 1
            answeredBy[response.author] = entry
        }
        questions.unanswered = unanswered.count
        delays.sort()
        questions.median_first_response_seconds = Self.quantile(delays, 0.5)
        questions.p90_first_response_seconds = Self.quantile(delays, 0.9)
        questions.oldest_unanswered = unanswered.prefix(25).map { q in
            QuestionRef(id: q.id.description, channel: channelName(q.channel), author: name(q.author), time: q.time.iso8601UTC,
                        url: "https://discord.com/channels/\(guildOf[q.channel]?.description ?? "@me")/\(q.channel)/\(q.id)")
        }

        // Channels with their kinds and the rules that gave them.
        let kinds = Dictionary(input.channelKinds.map { ($0.channel, $0) }, uniquingKeysWith: { a, _ in a })
        channels = input.channels.map { c in
            ChannelSummary(id: c.id.description, name: c.name, parent: c.parentName, messages: perChannel[c.id] ?? 0,
                           authors: authorsPerChannel[c.id]?.count ?? 0, questions: questionsPerChannel[c.id] ?? 0,
                           kind: kinds[c.id]?.kind, confidence: kinds[c.id]?.confidence, rules: kinds[c.id]?.rules ?? [])
        }

        interactionGraph = input.interactionGraph()
        let metrics = GraphMetrics(graph: interactionGraph)
        self.metrics = metrics
        graph = GraphSummary(nodes: interactionGraph.nodes.count, edges: interactionGraph.edges.count,
                             communities: metrics.communityCount, betweenness_sampled: metrics.betweennessSampled)

        var mentioned: [Snowflake: Int] = [:], mentionedBy: [Snowflake: Set<Snowflake>] = [:]
        for i in input.interactions where i.kind == .mention {
            mentioned[i.target, default: 0] += 1
            if i.source != i.target { mentionedBy[i.target, default: []].insert(i.source) }
        }
        members.most_mentioned = mentioned.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(top)
            .map { Named(id: $0.key.description, name: name($0.key), count: $0.value) }

        // Who is worth getting to know: the most central people, with what makes them central.
        var postsIn: [Snowflake: [Snowflake: Int]] = [:]
        for post in input.posts where !post.isBot { postsIn[post.author, default: [:]][post.channel, default: 0] += 1 }
        let ranked = metrics.pageRank.filter { names[$0.key]?.isBot != true }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        let maxBetweenness = metrics.betweenness.values.max() ?? 0
        members.central = ranked.prefix(top).enumerated().map { rank, entry in
            let id = entry.key
            var reasons: [String] = []
            if let a = answeredBy[id] {
                let main = a.channels.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
                reasons.append("answered \(a.questions) question\(a.questions == 1 ? "" : "s") from \(a.askers.count) member\(a.askers.count == 1 ? "" : "s") (most in \(channelName(main)))")
            }
            let active = (postsIn[id] ?? [:]).filter { $0.value >= 2 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            if active.count >= 2, maxBetweenness > 0, (metrics.betweenness[id] ?? 0) >= maxBetweenness / 4 {
                reasons.append("bridges \(channelName(active[0].key)) and \(channelName(active[1].key))")
            }
            if let by = mentionedBy[id], by.count >= 2 { reasons.append("mentioned by \(by.count) members") }
            let inbound = interactionGraph.edges.filter { $0.target == id && $0.replies + $0.addressed > 0 }.count
            if inbound >= 2 { reasons.append("replied to or addressed by \(inbound) members") }
            reasons.append("#\(rank + 1) by PageRank over \(interactionGraph.nodes.count) members")
            return Central(id: id.description, name: name(id), score: (entry.value * 1e6).rounded() / 1e6, reasons: reasons)
        }

        // Newcomers: people whose first message asks something, and who answered them.
        var firstPost: [Snowflake: ReportInput.Post] = [:]
        for post in input.posts where !post.isBot && firstPost[post.author] == nil { firstPost[post.author] = post }
        members.newcomers = firstPost.values.filter(\.isQuestion).sorted { ($1.time.milliseconds, $1.id) < ($0.time.milliseconds, $0.id) }
            .prefix(top * 2).map { p in
                Newcomer(id: p.author.description, name: name(p.author), first: p.time.iso8601UTC, channel: channelName(p.channel),
                         answered_by: firstResponder[p.id].map(name))
            }

        // Entities: the most frequent texts per type.
        var groups: [String: (total: Int, top: [Named])] = [:]
        for e in input.entities {
            groups[e.type, default: (0, [])].total += e.count
            if groups[e.type]!.top.count < top { groups[e.type]!.top.append(Named(id: e.text, name: e.text, count: e.count)) }
        }
        entities = groups.map { EntityGroup(type: $0.key, total: $0.value.total, top: $0.value.top) }
            .sorted { ($1.total, $0.type) < ($0.total, $1.type) }

        labeling.decisions = input.decisions.map { Labeling.Decisions(annotator: $0.annotator, label_set: $0.labelSet, count: $0.count) }
        labeling.progress = input.labeled.map {
            Labeling.Progress(label_set: $0.labelSet, level: $0.level.rawValue, labeled: $0.items,
                              items: $0.level == .span && $0.labelSet != SpanCorrection.labelSet ? input.questionSpans
                                  : input.items[$0.level] ?? 0)
        }
        labeling.agreement = input.labelValues.keys.sorted().map { AgreementReport(labelSet: $0, values: input.labelValues[$0]!) }
            .filter { $0.annotators.count >= 2 }
    }

    static func day(_ time: Timestamp) -> Int64 {
        let ms = time.milliseconds
        return ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
    }

    /// `YYYY-MM-DD` of a day counted from 1970-01-01.
    static func date(day: Int64) -> String { String(Timestamp(milliseconds: day * 86_400_000).iso8601UTC.prefix(10)) }

    /// Monday = 0 (1970-01-01 was a Thursday).
    static func weekday(_ day: Int64) -> Int64 { ((day % 7) + 7 + 3) % 7 }

    /// The `q` quantile by linear interpolation (numpy's default) of sorted values.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position), upper = min(lower + 1, sorted.count - 1)
        let value = sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
        return (value * 1000).rounded() / 1000
    }
}
