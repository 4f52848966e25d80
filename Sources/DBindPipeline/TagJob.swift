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

/// Runs extraction, segmentation and classification over the channels of a store and writes
/// spans, conversations and auto-tags; a channel is written whole or not at all (small channels
/// share a transaction).
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
    /// Messages a worker reads at a time (at least 1): it holds one page of whole messages, and
    /// for the whole channel only what the segmenter keeps of each and what it computed.
    public var pageSize = 5000 {
        didSet { precondition(pageSize > 0, "a page holds at least one message") }
    }
    /// Channels of up to this many messages are held whole by their worker: their text analyses
    /// from the first read to the second, their spans and message tags until they are written.
    /// A bigger channel analyses its texts again on the second read and hands its spans and
    /// message tags to the writer page by page, so what a worker holds grows less with it; its
    /// transaction then stays open while it is computed, and other processes' writes wait for it.
    public var wholeChannelLimit = 100_000
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

    /// Where a channel over `wholeChannelLimit` keeps what it spills while it is computed:
    /// beside the store, on a disk that holds the channel already (a system's temporary
    /// directory is often memory).
    var spillDirectory: URL { URL(fileURLWithPath: store.path).deletingLastPathComponent() }

    /// A run's identity in `tag_state`: the schema, the stages it ran, and what else decides
    /// its output (the link scorer, the text stage's files, a fixed block gap).
    var stateName: String {
        var name = schema.name + "+" + stages.map(\.rawValue).sorted().joined(separator: ",")
        if let linkModel { name += "+links:" + String(StableHash.int32(linkModel.text(header: []))) }
        if !text.identity.isEmpty { name += "+text:" + text.identity }
        if let gapMilliseconds { name += "+gap:\(gapMilliseconds)" }
        return name
    }

    public func run() throws -> TagReport {
        let start = Date()
        var report = TagReport(schema: schema.name, schema_version: schema.version)
        let state = stateName
        let runID = try store.beginRun(stage: stages.map(\.rawValue).sorted().joined(separator: "+"), version: TagJob.version,
                                       schemaName: schema.name, schemaVersion: schema.version)
        var work: [(Channel, ChannelContext)] = []
        let classifier = Classifier(schema: schema)
        for guild in try store.guilds() {
            let guildChannels = try store.channels(guild: guild.id)
            // The guild's own members, roles and channels join the gazetteer files' terms.
            let whole = try guildContexts[guild.id] ?? GuildContext(guild: guild, channels: guildChannels,
                                                                   roles: store.roles(guild: guild.id),
                                                                   members: store.members(guild: guild.id))
            let gazetteer = Gazetteer(authors: whole.members, roles: whole.roles, channels: whole.channels,
                                      entries: text.entities.gazetteer.entries)
            let context = ChannelContext(job: self, extractor: EntityExtractor(gazetteer: gazetteer, ruler: text.entities.ruler),
                                         classifier: classifier)
            for channel in guildChannels where channels?.contains(channel.id) ?? true { work.append((channel, context)) }
        }
        // One finished channel waits while another is written. Each holds its spans, links and
        // tags; a longer queue would only hold more of them, since workers wait for a slower
        // writer either way, and a faster one keeps the queue empty.
        let results = BoundedQueue<Result<ChannelOutcome, Error>>(capacity: 1)
        let items = work
        let pending = BoundedQueue(items.indices)
        let (full, version) = (self.full, schema.version)
        for _ in 0..<min(workers, max(1, items.count)) {
            startThread { [store] in
                var memo: LinkScoreMemo?
                while let index = pending.poll() {
                    let (channel, context) = items[index]
                    guard results.put(Result {
                        // Taken by the workers, in parallel: a channel's fingerprint reads each
                        // of its messages' rows.
                        let fingerprint = try store.fingerprint(channel: channel.id)
                        if !full, try store.isTagged(channel: channel.id, schema: state, version: version, fingerprint: fingerprint) {
                            return .skipped(try Self.skippedEntry(channel, store: store))
                        }
                        let result = try context.compute(channel, expectedMessages: fingerprint.messages, memo: &memo) { part in
                            guard results.put(.success(.part(part))) else { throw CancellationError() }
                        }
                        return .tagged(result, fingerprint)
                    }) else { return }
                }
            }
        }
        try store.writeInBatches { batch in
            var firstError: Error?
            var uncommitted = 0
            // Channels with parts written and their result still to come: no commit until none
            // is left, so that each channel is written whole or not at all.
            var open: Set<Snowflake> = []
            func commit() {
                guard uncommitted > 0, open.isEmpty else { return }
                uncommitted = 0
                do { try batch.commit() } catch { firstError = firstError ?? error }
            }
            var finished = 0
            while finished < items.count {
                let next: Result<ChannelOutcome, Error>
                if uncommitted > 0, open.isEmpty, let ready = results.take(waitingAtMost: Self.idleCommitSeconds) {
                    next = ready
                } else {
                    // Nothing finished for a while: what is written is committed, so another
                    // process's writes (a review session's labels) never wait on a channel still
                    // being computed.
                    commit()
                    next = results.take()
                }
                switch next {
                case .success(.part(let part)):
                    open.insert(part.channel)
                    do {
                        try persist(part, runID: runID, into: batch, report: &report)
                    } catch {
                        firstError = error
                        uncommitted = 0
                    }
                case .success(.skipped(let entry)):
                    report.channels.append(entry)
                    finished += 1
                case .success(.tagged(let result, let fingerprint)):
                    open.remove(result.channel.id)
                    finished += 1
                    do {
                        let entry = try persist(result, runID: runID, state: state, fingerprint: fingerprint, into: batch,
                                                report: &report)
                        report.channels.append(entry)
                        progress?(ProgressStatus(label: "tag", done: report.channels.count, unit: "channels",
                                                 fraction: Double(report.channels.count) / Double(items.count),
                                                 name: "#" + result.channel.name, step: "\(report.channels.count)/\(items.count)"))
                        uncommitted += max(1, result.messages)
                        if uncommitted >= Self.messagesPerCommit { commit() }
                    } catch {
                        // The failed write rolled its batch back.
                        firstError = error
                        uncommitted = 0
                    }
                case .failure(let error):
                    firstError = firstError ?? error
                    finished += 1
                }
                // A failed write or channel ends the run: the workers stop at their next result.
                if firstError != nil {
                    results.close()
                    break
                }
            }
            if let firstError { throw firstError }
        }
        try store.finishRun(runID)
        report.channels.sort { ($0.channel, $0.channel_id) < ($1.channel, $1.channel_id) }
        report.seconds = (Date().timeIntervalSince(start) * 1000).rounded() / 1000
        return report
    }

    /// Version of the rules engine written with each run.
    public static let version = "1"

    /// Messages tagged between commits: small channels share a transaction, so the index pages
    /// they all touch are written to the WAL once for many channels; a big channel commits alone.
    static let messagesPerCommit = 20_000
    /// How long the writer waits for the next channel with a batch open before committing it.
    static let idleCommitSeconds = 0.2

    /// What a worker hands the writer for one channel.
    private enum ChannelOutcome: Sendable {
        /// Computed, with the fingerprint taken before its messages were read.
        case tagged(ChannelResult, ChannelFingerprint)
        /// Unchanged since it was last tagged with this schema: its report entry.
        case skipped(TagReport.ChannelEntry)
        /// A page's worth of a channel's output, ahead of its result.
        case part(ChannelPart)
    }

    private static func skippedEntry(_ channel: Channel, store: Store) throws -> TagReport.ChannelEntry {
        let kinds = try store.autoTags(level: .channel, itemID: channel.id.description)
            .filter { $0.facet == FacetDefinition.channelKind }.map(\.tag)
        return TagReport.ChannelEntry(channel: channel.name, channel_id: channel.id.description, kind: kinds, messages: 0,
                                      conversations: 0, questions: 0, unanswered_questions: 0, skipped: true)
    }

    /// Writes one channel's spans, conversations and tags, and records it as tagged, in the
    /// batch's transaction: a channel is either fully re-tagged or left as it was.
    private func persist(_ r: ChannelResult, runID: Int64, state: String, fingerprint: ChannelFingerprint,
                         into batch: BatchedWrites, report: inout TagReport) throws -> TagReport.ChannelEntry {
        let messageIDs = r.messageIDs
        let (stages, schema) = (self.stages, self.schema)
        try batch.write { db in
            if stages.contains(.extract), !r.inParts {
                try Store.replaceAutoSpans(messages: messageIDs, spans: r.spans, runID: runID, in: db)
            }
            if stages.contains(.segment) {
                if r.inParts {
                    try Store.finishSegmentation(channel: r.channel.id, in: db)
                } else {
                    try Store.replaceSegmentation(channel: r.channel.id, conversations: r.segmentation.conversations,
                                                  links: r.linkRecords, runID: runID, in: db)
                }
            }
            if stages.contains(.classify) {
                try Store.replaceAutoTags(level: .channel, items: [r.channel.id.description], tags: r.channelTags,
                                          schema: schema.name, version: schema.version, runID: runID, in: db)
                if !r.inParts {
                    try Store.replaceAutoTags(level: .message, items: messageIDs.map(\.description), tags: r.messageTags,
                                              schema: schema.name, version: schema.version, runID: runID, in: db)
                    let conversations = r.segmentation.conversations.map { $0.id.description }
                    try Store.replaceAutoTags(level: .conversation, items: r.previousConversations + conversations,
                                              tags: r.conversationTags, schema: schema.name, version: schema.version, runID: runID, in: db)
                }
            }
            try Store.recordTagged(channel: r.channel.id, schema: state, version: schema.version, fingerprint: fingerprint, in: db)
        }
        count(spans: r.spans, tags: r.channelTags + r.messageTags + r.conversationTags, in: &report)
        if stages.contains(.segment) { report.conversations += r.conversations }
        return TagReport.ChannelEntry(
            channel: r.channel.name, channel_id: r.channel.id.description,
            kind: r.channelTags.filter { $0.facet == FacetDefinition.channelKind }.map(\.tag), messages: r.messages,
            conversations: r.conversations, questions: r.questions,
            unanswered_questions: r.unansweredQuestions, skipped: false)
    }
}

extension TagJob {
    /// Writes a page's output of a channel over `wholeChannelLimit`, in the batch's
    /// transaction, which stays open until the channel's result is written.
    private func persist(_ part: ChannelPart, runID: Int64, into batch: BatchedWrites, report: inout TagReport) throws {
        let (stages, schema) = (self.stages, self.schema)
        try batch.write { db in
            if let spans = part.spans, stages.contains(.extract) {
                try Store.replaceAutoSpans(messages: part.messageIDs, spans: spans, runID: runID, in: db)
            }
            if let tags = part.messageTags, stages.contains(.classify) {
                try Store.replaceAutoTags(level: .message, items: part.messageIDs.map(\.description), tags: tags,
                                          schema: schema.name, version: schema.version, runID: runID, in: db)
            }
            if let segmentation = part.segmentation {
                if segmentation.first, stages.contains(.classify) { try Store.removeConversationTags(channel: part.channel, in: db) }
                if segmentation.first, stages.contains(.segment) { try Store.clearSegmentation(channel: part.channel, in: db) }
                if stages.contains(.segment) {
                    try Store.insertSegmentation(conversations: segmentation.conversations, links: segmentation.links, runID: runID, in: db)
                }
                if stages.contains(.classify) {
                    try Store.replaceAutoTags(level: .conversation, items: segmentation.conversations.map { $0.id.description },
                                              tags: segmentation.conversationTags,
                                              schema: schema.name, version: schema.version, runID: runID, in: db)
                }
            }
        }
        count(spans: part.spans ?? [], tags: (part.messageTags ?? []) + (part.segmentation?.conversationTags ?? []), in: &report)
    }

    /// Adds written spans and tags to the report, for the stages that ran.
    private func count(spans: [AutoSpan], tags: [AutoTag], in report: inout TagReport) {
        if stages.contains(.extract) { report.spans += spans.count }
        if stages.contains(.classify) {
            for tag in tags { report.tags_per_facet[tag.facet, default: 0] += 1 }
        }
    }

    /// Placements made in review, as segmenter constraints: a message placed with an antecedent
    /// stays linked to it; one placed into a conversation follows the latest earlier message
    /// there; one split off (or earliest in its conversation) starts a conversation.
    /// - Parameters:
    ///   - messages: the channel's message ids in time order.
    ///   - manual: the channel's placements (`Store.manualLinks`), which callers also read for more.
    static func manualConstraints(store: Store, channel: Snowflake, messages: [Snowflake],
                                  manual: [Snowflake: ManualPlacement]) throws -> SegmentConstraints {
        guard !manual.isEmpty else { return SegmentConstraints() }
        let placed = try store.conversationMembers(channel: channel)
        let order = Dictionary(uniqueKeysWithValues: messages.enumerated().map { ($1, $0) })
        var constraints = SegmentConstraints()
        for (message, placement) in manual {
            if let antecedent = placement.antecedent {
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
