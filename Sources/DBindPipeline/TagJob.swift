import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// The stages `TagJob` can run; `dbind tag` runs all three.
public enum TagStage: String, Sendable, CaseIterable {
    /// Questions and entities, stored as spans.
    case extract
    /// Conversations and message links.
    case segment
    /// Tags at every level the schema defines.
    case classify
}

/// What a tagging run did, for its summary.
public struct TagReport: Encodable, Sendable {
    public struct ChannelEntry: Encodable, Sendable {
        public var channel: String
        public var channel_id: String
        public var kind: [String]
        public var messages: Int
        public var conversations: Int
        public var questions: Int
        public var unanswered_questions: Int
        public var skipped: Bool
    }

    public var schema: String
    public var schema_version: String
    public var channels: [ChannelEntry] = []
    /// Auto-tags written per facet.
    public var tags_per_facet: [String: Int] = [:]
    public var spans: Int = 0
    public var conversations: Int = 0
    public var seconds: Double = 0

    /// Channel names by kind tag.
    public var channels_by_kind: [String: [String]] {
        var result: [String: [String]] = [:]
        for c in channels { for k in c.kind { result[k, default: []].append(c.channel) } }
        return result.mapValues { $0.sorted() }
    }

    enum CodingKeys: String, CodingKey {
        case schema, schema_version, channels, tags_per_facet, spans, conversations, seconds, channels_by_kind
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(schema_version, forKey: .schema_version)
        try c.encode(channels, forKey: .channels)
        try c.encode(tags_per_facet, forKey: .tags_per_facet)
        try c.encode(spans, forKey: .spans)
        try c.encode(conversations, forKey: .conversations)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(channels_by_kind, forKey: .channels_by_kind)
    }

    public var text: String {
        var out = "Tagged with \(schema) \(schema_version) in \(String(format: "%.2f", seconds)) s: "
        out += "\(channels.filter { !$0.skipped }.count) channel(s) updated, \(channels.filter(\.skipped).count) unchanged, "
        out += "\(spans) spans, \(conversations) conversations\n\nTags per facet:\n"
        for (facet, count) in tags_per_facet.sorted(by: { $0.key < $1.key }) { out += "  \(facet): \(count)\n" }
        out += "\nChannels by kind:\n"
        for (kind, names) in channels_by_kind.sorted(by: { $0.key < $1.key }) {
            out += "  \(kind): \(names.joined(separator: ", "))\n"
        }
        out += "\nUnanswered questions per channel:\n"
        out += TextTable.render(header: ["channel", "messages", "conversations", "questions", "unanswered"],
                                rows: channels.filter { !$0.skipped }.map {
                                    [$0.channel, String($0.messages), String($0.conversations), String($0.questions),
                                     String($0.unanswered_questions)]
                                }, indent: "  ")
        return out
    }
}

/// Runs extraction, segmentation and classification over the channels of a store and writes
/// spans, conversations and auto-tags, each channel in its own transactions.
///
/// Manual work is never overwritten: labels live apart from tags, and conversation placements
/// made by hand are passed to the segmenter as constraints and kept as they are. Channels whose
/// messages and schema have not changed since their last run are skipped unless `full` is set.
/// Channels are computed on worker threads while this thread writes finished ones.
public struct TagJob {
    public var store: Store
    public var schema: TagSchema
    public var stages: Set<TagStage>
    public var channels: Set<Snowflake>?
    public var gapMilliseconds: Int64?
    /// The fitted link scorer (`schemas/segmenter.weights`); nil segments by the rules alone.
    public var linkModel: LinkModel?
    public var full: Bool
    /// Question rules, entity patterns and gazetteer files; the guild's own names are added.
    public var text: TextResources
    public var workers: Int
    public var progress: ((ProgressStatus) -> Void)?
    /// What the rest of each guild holds, when this run sees only part of it (a `dbind pipe`
    /// worker); else the store's own guilds are the whole.
    public var guildContexts: [Snowflake: GuildContext] = [:]

    public init(store: Store, schema: TagSchema, text: TextResources, stages: Set<TagStage> = Set(TagStage.allCases),
                channels: Set<Snowflake>? = nil, gapMilliseconds: Int64? = nil, full: Bool = false,
                workers: Int = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)), progress: ((ProgressStatus) -> Void)? = nil) {
        self.store = store
        self.schema = schema
        self.text = text
        self.stages = stages
        self.channels = channels
        self.gapMilliseconds = gapMilliseconds
        self.full = full
        self.workers = workers
        self.progress = progress
    }

    /// A run's identity in `tag_state`: the schema and the stages it ran.
    var stateName: String {
        let name = schema.name + "+" + stages.map(\.rawValue).sorted().joined(separator: ",")
        return linkModel.map { name + "+links:" + String(StableHash.int32($0.text(header: []))) } ?? name
    }

    public func run() throws -> TagReport {
        let start = Date()
        var report = TagReport(schema: schema.name, schema_version: schema.version)
        let state = stateName
        let runID = try store.beginRun(stage: stages.map(\.rawValue).sorted().joined(separator: "+"), version: TagJob.version,
                                       schemaName: schema.name, schemaVersion: schema.version)
        var work: [(Channel, ChannelFingerprint, ChannelContext)] = []
        for guild in try store.guilds() {
            let guildChannels = try store.channels(guild: guild.id)
            // The guild's own members, roles and channels join the gazetteer files' terms.
            let whole = try guildContexts[guild.id] ?? GuildContext(guild: guild, channels: guildChannels,
                                                                   roles: store.roles(guild: guild.id),
                                                                   members: store.members(guild: guild.id))
            let gazetteer = Gazetteer(authors: whole.members, roles: whole.roles, channels: whole.channels,
                                      entries: text.entities.gazetteer.entries)
            let context = ChannelContext(job: self, extractor: EntityExtractor(gazetteer: gazetteer, ruler: text.entities.ruler))
            for channel in guildChannels where channels?.contains(channel.id) ?? true {
                let fingerprint = try store.fingerprint(channel: channel.id)
                if !full, try store.isTagged(channel: channel.id, schema: state, version: schema.version, fingerprint: fingerprint) {
                    report.channels.append(try skippedEntry(channel))
                    continue
                }
                work.append((channel, fingerprint, context))
            }
        }
        let results = BoundedQueue<Result<ChannelResult, Error>>(capacity: 2)
        let items = work
        let pending = BoundedQueue(items.indices)
        for _ in 0..<min(workers, max(1, items.count)) {
            startThread {
                while let index = pending.poll() {
                    let (channel, _, context) = items[index]
                    guard results.put(Result { try context.compute(channel) }) else { return }
                }
            }
        }
        var firstError: Error?
        for _ in items.indices {
            switch results.take() {
            case .success(let result):
                guard firstError == nil else { continue }
                do {
                    let entry = try persist(result, runID: runID, report: &report)
                    let fingerprint = items.first { $0.0.id == result.channel.id }!.1
                    try store.recordTagged(channel: result.channel.id, schema: state, version: schema.version,
                                           fingerprint: fingerprint)
                    report.channels.append(entry)
                    progress?(ProgressStatus(label: "tag", done: report.channels.count, unit: "channels",
                                             fraction: Double(report.channels.count) / Double(items.count),
                                             name: "#" + result.channel.name, step: "\(report.channels.count)/\(items.count)"))
                } catch {
                    firstError = error
                }
            case .failure(let error):
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        try store.finishRun(runID)
        report.channels.sort { ($0.channel, $0.channel_id) < ($1.channel, $1.channel_id) }
        report.seconds = (Date().timeIntervalSince(start) * 1000).rounded() / 1000
        return report
    }

    /// Version of the rules engine written with each run.
    public static let version = "1"

    private func skippedEntry(_ channel: Channel) throws -> TagReport.ChannelEntry {
        let kinds = try store.autoTags(level: .channel, itemID: channel.id.description)
            .filter { $0.facet == FacetDefinition.channelKind }.map(\.tag)
        return TagReport.ChannelEntry(channel: channel.name, channel_id: channel.id.description, kind: kinds, messages: 0,
                                      conversations: 0, questions: 0, unanswered_questions: 0, skipped: true)
    }

    /// Writes one channel's results, each kind in its own transaction.
    private func persist(_ r: ChannelResult, runID: Int64, report: inout TagReport) throws -> TagReport.ChannelEntry {
        let messageIDs = r.messageIDs
        if stages.contains(.extract) {
            try store.replaceAutoSpans(messages: messageIDs, spans: r.spans, runID: runID)
            report.spans += r.spans.count
        }
        if stages.contains(.segment), let segmentation = r.segmentation {
            try store.replaceSegmentation(channel: r.channel.id, conversations: segmentation.conversations,
                                          links: segmentation.links, runID: runID)
            report.conversations += segmentation.conversations.count
        }
        if stages.contains(.classify) {
            try store.replaceAutoTags(level: .channel, items: [r.channel.id.description], tags: r.channelTags,
                                      schema: schema.name, version: schema.version, runID: runID)
            try store.replaceAutoTags(level: .message, items: messageIDs.map(\.description), tags: r.messageTags,
                                      schema: schema.name, version: schema.version, runID: runID)
            try store.replaceAutoTags(level: .conversation, items: r.previousConversations + r.conversationIDs,
                                      tags: r.conversationTags, schema: schema.name, version: schema.version, runID: runID)
            for tag in r.channelTags + r.messageTags + r.conversationTags { report.tags_per_facet[tag.facet, default: 0] += 1 }
        }
        return TagReport.ChannelEntry(
            channel: r.channel.name, channel_id: r.channel.id.description,
            kind: r.channelTags.filter { $0.facet == FacetDefinition.channelKind }.map(\.tag), messages: messageIDs.count,
            conversations: r.segmentation?.conversations.count ?? 0, questions: r.questions,
            unanswered_questions: r.unansweredQuestions, skipped: false)
    }
}

/// Everything computed for one channel, ready to write.
struct ChannelResult: Sendable {
    var channel: Channel
    var messageIDs: [Snowflake]
    var spans: [AutoSpan]
    var segmentation: (conversations: [ConversationRecord], links: [LinkRecord])?
    var channelTags: [AutoTag]
    var messageTags: [AutoTag]
    var conversationTags: [AutoTag]
    var conversationIDs: [String]
    var previousConversations: [String]
    var questions: Int
    var unansweredQuestions: Int
}

/// The per-guild tools a worker thread uses to compute a channel.
struct ChannelContext: @unchecked Sendable {
    let job: TagJob
    let extractor: EntityExtractor

    func compute(_ channel: Channel) throws -> ChannelResult {
        let store = job.store
        let messages = try store.messages(channel: channel.id)
        var analyses: [String: TextAnalysis] = [:]
        var spans: [AutoSpan] = []
        var questions = 0
        for m in messages where m.hasUserText {
            let analysis = analyses[m.content] ?? TextAnalysis(text: m.content, questions: job.text.questions, entities: extractor)
            analyses[m.content] = analysis
            questions += analysis.questions.isEmpty ? 0 : 1
            for (q, text) in zip(analysis.questions, analysis.questionTexts) {
                spans.append(AutoSpan(messageID: m.id, kind: .question, type: q.kind.rawValue, start: q.start, end: q.end,
                                      text: text, rule: q.rule, confidence: q.confidence))
            }
            for (e, text) in zip(analysis.entities, analysis.entityTexts) {
                spans.append(AutoSpan(messageID: m.id, kind: .entity, type: e.type.rawValue, start: e.start, end: e.end,
                                      text: text, value: e.value, rule: e.rule, confidence: e.confidence))
            }
        }
        let known = analyses
        let analyzer = ExtractionAnalyzer(known: known, questions: job.text.questions, entities: extractor)

        // Segmentation, honouring placements made by hand.
        let constraints = try TagJob.manualConstraints(store: store, channel: channel.id, messages: messages)
        let segmenter = Segmenter(options: SegmenterOptions(gapMilliseconds: job.gapMilliseconds, linkModel: job.linkModel), isQuestion: { known[$0].map { !$0.questions.isEmpty } ?? false })
        let segmented = segmenter.segment(messages.map(SegmentMessage.init), constraints: constraints)
        let conversations = segmented.conversations.map {
            ConversationRecord(id: $0.id, channelID: channel.id, start: $0.startTime, end: $0.endTime, messageCount: $0.messageCount,
                               participantCount: $0.participants.count, firstQuestionID: $0.firstQuestionID,
                               answered: $0.questionCount == 0 ? nil : !$0.hasUnansweredQuestion)
        }
        let links = segmented.links.map {
            LinkRecord(messageID: $0.messageID, conversationID: segmented.conversations[$0.conversation].id,
                       antecedentID: $0.antecedentID, rule: $0.rule.rawValue, score: $0.score)
        }

        // Classification at every level; each message's features are computed once and serve the
        // channel profile, the message's own tags and its conversation's profile.
        let classifier = Classifier(schema: job.schema, analyzer: analyzer)
        var channelProfile = classifier.profileBuilder(for: channel)
        var messageTags: [AutoTag] = []
        var features: [Snowflake: MessageFeatures] = [:]
        let antecedents = Dictionary(links.compactMap { link in link.antecedentID.map { (link.messageID, $0) } },
                                     uniquingKeysWith: { a, _ in a })
        for m in messages {
            guard let f = channelProfile.add(m, antecedent: antecedents[m.id]) else { continue }
            features[m.id] = f
            messageTags += classifier.classify(features: f, level: .message, itemID: m.id.description).map(Self.autoTag)
        }
        let channelTags = classifier.classify(channel: channelProfile.build()).map(Self.autoTag)
        var byConversation: [Snowflake: ChannelProfileBuilder] = [:]
        let conversationOf = Dictionary(uniqueKeysWithValues: links.map { ($0.messageID, $0.conversationID) })
        for m in messages {
            guard let c = conversationOf[m.id] else { continue }
            byConversation[c, default: classifier.profileBuilder(for: channel, itemID: c.description)]
                .add(m, features: features[m.id], antecedent: antecedents[m.id])
        }
        var conversationTags: [AutoTag] = []
        for c in conversations {
            guard let profile = byConversation[c.id]?.build() else { continue }
            conversationTags += classifier.classify(conversation: profile).map(Self.autoTag)
        }
        return ChannelResult(
            channel: channel, messageIDs: messages.map(\.id), spans: spans, segmentation: (conversations, links),
            channelTags: channelTags, messageTags: messageTags, conversationTags: conversationTags,
            conversationIDs: conversations.map { $0.id.description },
            previousConversations: try store.conversationIDs(channel: channel.id), questions: questions,
            unansweredQuestions: segmented.conversations.reduce(0) { $0 + $1.questionCount - $1.answeredQuestionCount })
    }

    static func autoTag(_ a: TagAssignment) -> AutoTag {
        AutoTag(itemID: a.itemID, facet: a.facet, tag: a.tag, confidence: a.confidence, rules: a.ruleIDs)
    }
}

extension TagJob {
    /// Placements made in review, as segmenter constraints: a message placed with an antecedent
    /// stays linked to it; one placed into a conversation follows the latest earlier message
    /// there; one split off (or earliest in its conversation) starts a conversation.
    static func manualConstraints(store: Store, channel: Snowflake, messages: [Message]) throws -> SegmentConstraints {
        let manual = try store.manualLinks(channel: channel)
        guard !manual.isEmpty else { return SegmentConstraints() }
        let placed = try store.conversationMembers(channel: channel)
        let order = Dictionary(uniqueKeysWithValues: messages.enumerated().map { ($1.id, $0) })
        var constraints = SegmentConstraints()
        for (message, antecedent) in manual {
            if let antecedent {
                constraints.links[message] = antecedent
                continue
            }
            let position = order[message] ?? 0
            let earlier = (placed[message].flatMap { conversation in
                placed.filter { $0.value == conversation && (order[$0.key] ?? Int.max) < position }.keys
                    .max { (order[$0] ?? 0) < (order[$1] ?? 0) }
            })
            if let earlier { constraints.links[message] = earlier } else { constraints.starts.insert(message) }
        }
        return constraints
    }
}
