import BitCollections
import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// Everything computed for one channel, ready to write.
struct ChannelResult: Sendable {
    var channel: Channel
    var spans: [AutoSpan]
    /// The conversations, and each message's link, in the channel's order.
    var segmentation: (conversations: [ConversationRecord], links: [MessageLink])
    var channelTags: [AutoTag]
    var messageTags: [AutoTag]
    var conversationTags: [AutoTag]
    var previousConversations: [String]
    var questions: Int
    var unansweredQuestions: Int
    /// The channel's messages and conversations (a channel written in parts holds neither).
    var messages: Int
    var conversations: Int
    /// Everything but the channel's own tags went to the writer page by page, as
    /// `ChannelPart`s: `spans`, `messageTags`, `conversationTags` and `segmentation` are empty.
    var inParts = false

    /// The channel's messages, in order: the links name them.
    var messageIDs: [Snowflake] { segmentation.links.map(\.messageID) }

    /// The links as the store records them, made one by one as they are written rather than
    /// held beside the segmenter's (a million-message channel's would take 64 MB more).
    var linkRecords: LazyMapSequence<[MessageLink], LinkRecord> {
        let (conversations, links) = segmentation
        return links.lazy.map { ChannelResult.record($0, conversation: conversations[$0.conversation].id) }
    }

    static func record(_ link: MessageLink, conversation: Snowflake) -> LinkRecord {
        LinkRecord(messageID: link.messageID, conversationID: conversation, antecedentID: link.antecedentID,
                   rule: link.rule.rawValue, score: link.score)
    }
}

/// A page's output of a channel over `TagJob.wholeChannelLimit`, handed to the writer as soon
/// as it is computed, so that what a worker holds of it is bounded by the page size. The writer
/// keeps the channel's transaction open until its `ChannelResult` follows.
struct ChannelPart: Sendable {
    var channel: Snowflake
    /// The messages whose spans, or whose message tags, this part replaces.
    var messageIDs: [Snowflake]
    var spans: [AutoSpan]?
    var messageTags: [AutoTag]?
    var segmentation: SegmentationPart?
}

/// A page's links, the conversations they open (written before them) and the tags of the
/// conversations whose last message is in the page.
struct SegmentationPart: Sendable {
    /// The channel's first: what is stored of its segmentation and its conversations' tags is
    /// cleared before it is written.
    var first: Bool
    var conversations: [ConversationRecord]
    var links: [LinkRecord]
    var conversationTags: [AutoTag]
}

/// A link kept in a spill file for the classifying pass, with its message's time.
struct SpilledLink {
    var link: MessageLink
    var time: Int64
}

/// The per-guild tools a worker thread uses to compute a channel.
struct ChannelContext: @unchecked Sendable {
    let job: TagJob
    let extractor: EntityExtractor
    /// The schema compiled once for the run.
    let classifier: Classifier

    /// Reads the channel's message ids and times (its order and pace, which the segmenter needs
    /// before the first link), then the channel twice, page by page, so a worker never holds
    /// its full messages (with authors, attachments and embeds, most of what a channel would
    /// take): first, with mentions only, for the text stage and the segmenter, which takes each
    /// message as it is read; then, once it is segmented, whole, to classify each message at
    /// every level. A channel that fits in one page is read once, whole, and that page kept for
    /// the second pass: what a worker holds is still bounded by the page size, and small
    /// channels and threads are read once instead of twice.
    ///
    /// A channel bigger than `job.wholeChannelLimit` is computed in memory bounded by its pages
    /// and the segmenter's windows, not by its length: it analyses its texts again on the
    /// second read instead of keeping them; the segmenter archives what its windows pass, and
    /// the links go, as they are made, to a spill file beside the store, read back in order for
    /// the second pass; and everything computed goes to `emit` page by page.
    /// - Parameters:
    ///   - expectedMessages: the channel's message count when the job started, to size what is
    ///     kept per message once, as growing by doubling would hold up to twice the channel.
    ///   - memo: the link scorer's memo, kept by the calling worker from channel to channel.
    ///   - emit: takes each page's output of a channel bigger than the limit.
    func compute(_ channel: Channel, expectedMessages: Int, memo: inout LinkScoreMemo?,
                 emit: (ChannelPart) throws -> Void) throws -> ChannelResult {
        let store = job.store
        var analyses: [String: TextAnalysis] = [:]
        var spans: [AutoSpan] = []
        var questions = 0
        // Kept for the second pass only while the channel is one page (it may have grown since
        // it was counted).
        let fitsOnePage = expectedMessages < job.pageSize
        let whole = expectedMessages <= job.wholeChannelLimit
        var pages = 0
        var kept: [Message]?
        let archive = whole ? nil : try FileSegmentArchive(directory: job.spillDirectory)
        let spilled = whole ? nil : try SpillFile<SpilledLink>(directory: job.spillDirectory)
        // Segmentation, honouring placements made by hand; the channel's order and pace are
        // read first, as the segmenter needs them before it links the first message.
        var segmentation: ChannelSegmentation
        let manual = try store.manualLinks(channel: channel.id)
        do {
            // The ids in order only check placements: a channel without any keeps none.
            var pace = PaceHistogram()
            var ids: [Snowflake] = []
            try store.forEachMessageOrder(channel: channel.id) { id, time in
                pace.add(time)
                if !manual.isEmpty { ids.append(id) }
            }
            let constraints = try TagJob.manualConstraints(store: store, channel: channel.id, messages: ids, manual: manual)
            segmentation = ChannelSegmentation(
                options: SegmenterOptions(gapMilliseconds: job.gapMilliseconds, linkModel: job.linkModel), pace: pace, ids: ids,
                constraints: constraints, memo: &memo, archive: archive)
        }
        // A conversation holding placed messages keeps the name they have in the store: the
        // first placed message linked into it names it.
        var keptNames: [Int: Snowflake] = [:]
        func noteKeptNames(_ links: [MessageLink]) {
            guard !manual.isEmpty else { return }
            for link in links where keptNames[link.conversation] == nil {
                if let placed = manual[link.messageID] { keptNames[link.conversation] = placed.conversation }
            }
        }
        // The messages' times, for the second read to follow the first one's order; the links
        // hold their ids. Spilled with the links when the channel is not held whole.
        var times: [Int64] = []
        if whole { times.reserveCapacity(expectedMessages) }
        try store.forEachMessage(channel: channel.id, pageSize: job.pageSize, mentionsOnly: !fitsOnePage) { page in
            pages += 1
            kept = fitsOnePage && pages == 1 ? page : nil
            if !whole { analyses.removeAll(keepingCapacity: true) }
            TextAnalysis.add(page, to: &analyses, questions: job.text.questions, entities: extractor)
            for m in page {
                if whole { times.append(m.timestamp.milliseconds) }
                let analysis = analyses[m.content]
                segmentation.add(SegmentMessage(m), isQuestion: analysis?.hasQuestion ?? false)
                guard m.hasUserText, let analysis else { continue }
                questions += analysis.hasQuestion ? 1 : 0
                for (q, text) in zip(analysis.questions, analysis.questionTexts) {
                    spans.append(AutoSpan(messageID: m.id, kind: .question, type: q.kind.rawValue, start: q.start, end: q.end,
                                          text: text, rule: q.rule, confidence: q.confidence))
                }
                for (e, text) in zip(analysis.entities, analysis.entityTexts) {
                    spans.append(AutoSpan(messageID: m.id, kind: .entity, type: e.type.rawValue, start: e.start, end: e.end,
                                          text: text, value: e.value, rule: e.rule, confidence: e.confidence))
                }
            }
            if let archive, let spilled {
                let links = segmentation.takeLinks()
                precondition(links.count == page.count, "one link a message")
                noteKeptNames(links)
                try spilled.append(contentsOf: zip(links, page).lazy.map { SpilledLink(link: $0, time: $1.timestamp.milliseconds) })
                if let failure = archive.failure { throw failure }
                try emit(ChannelPart(channel: channel.id, messageIDs: page.map(\.id), spans: spans))
                spans = []
            }
        }
        let conversationCount = segmentation.conversationCount
        var segmented = (consume segmentation).finish(memo: &memo)
        noteKeptNames(segmented.links)
        let analyzer = PageAnalyzer(ExtractionAnalyzer(known: whole ? analyses : [:], questions: job.text.questions,
                                                       entities: extractor))

        // What the classifying pass walks: each message's link and time, in order; whether it
        // is its conversation's last; and the conversations' records, or the means to make
        // them as the walk reaches their first messages.
        var walk: LinkWalk
        var lastOfConversation: BitSet
        var unansweredQuestions = 0
        var conversations: [ConversationRecord] = []
        var conversationSlots: SpillFile<FileSegmentArchive.Slot>.Reader?
        var names: [Int: Snowflake] = [:]
        if let archive, let spilled {
            // Every link was taken with its page; the conversations went to the archive.
            precondition(segmented.links.isEmpty, "links left after the last page")
            if let failure = archive.failure { throw failure }
            lastOfConversation = BitSet(reservingCapacity: spilled.count)
            var slots = archive.conversationSlots()
            while let slot = try slots.read() {
                lastOfConversation.insert(slot.latest)
                unansweredQuestions += slot.summary.unansweredQuestionCount
            }
            if !keptNames.isEmpty { names = try Self.resolveNames(kept: keptNames, archive: archive, links: spilled) }
            conversationSlots = archive.conversationSlots()
            walk = try LinkWalk(spilled.reader())
        } else {
            unansweredQuestions = segmented.conversations.reduce(0) { $0 + $1.unansweredQuestionCount }
            let natural = keptNames.isEmpty ? nil : ConversationNames.resolve(
                natural: segmented.conversations.map(\.id), kept: keptNames,
                members: { c in segmented.links.filter { $0.conversation == c }.map(\.messageID) })
            // The records hold all that is written of a conversation: the summaries are freed as
            // they are turned into records, before the classifying pass.
            var index = 0
            conversations = segmented.conversations.drain {
                defer { index += 1 }
                return Self.record($0, name: natural?[index], channel: channel.id)
            }
            lastOfConversation = BitSet(reservingCapacity: segmented.links.count)
            var seen = BitSet(reservingCapacity: conversations.count)
            for (k, link) in segmented.links.enumerated().reversed() where !seen.contains(link.conversation) {
                seen.insert(link.conversation)
                lastOfConversation.insert(k)
            }
            walk = LinkWalk(links: segmented.links, times: times)
        }

        // Classification at every level; each message's features are computed once and serve the
        // channel profile, the message's own tags and its conversation's profile in one pass, so
        // no channel-sized map of features is kept. A conversation is classified at its last
        // message, so only conversations still open hold a profile.
        let classifier = self.classifier.reading(with: analyzer)
        var channelProfile = classifier.profileBuilder(for: channel)
        var messageTags: [AutoTag] = []
        var open: [Int: ChannelProfileBuilder] = [:]
        var conversationTags: [(conversation: Int, tags: [AutoTag])] = []
        // Written in parts: the page's links, the conversations they open, and the names of
        // those opened and not yet closed.
        var linkRecords: [LinkRecord] = []
        var opened: [ConversationRecord] = []
        var openNames: [Int: Snowflake] = [:]
        var passed: [Snowflake] = []
        var firstPart = true
        // Conversations first appear in the walk in index order: the next one's record is made
        // when its first link is passed.
        var firstUnopened = 0
        func name(_ c: Int) -> Snowflake { whole ? conversations[c].id : openNames[c]! }
        /// Passes the walk's current link (classifying its message, if read, with `classify`):
        /// written in parts, its conversation's record is made at its first link, and its
        /// conversation is classified at its last.
        func pass(_ link: MessageLink, classify: () -> Void = {}) throws {
            let c = link.conversation
            if !whole {
                if c == firstUnopened {
                    guard let slot = try conversationSlots?.read() else { preconditionFailure("every conversation is archived") }
                    let record = Self.record(slot.summary, name: names[c], channel: channel.id)
                    opened.append(record)
                    openNames[c] = record.id
                    firstUnopened += 1
                }
                linkRecords.append(ChannelResult.record(link, conversation: openNames[c]!))
                passed.append(link.messageID)
            }
            classify()
            guard lastOfConversation.contains(walk.k) else { return }
            if let profile = open.removeValue(forKey: c)?.build() {
                conversationTags.append((c, classifier.classify(conversation: profile).map(Self.autoTag)))
            }
            if !whole { openNames[c] = nil }
        }
        // Output of a channel written in parts goes to the writer a page at a time; the first
        // part goes even if empty (the channel emptied since it was counted), as it clears
        // what is stored.
        func emitPart() throws {
            guard !whole, firstPart || !passed.isEmpty else { return }
            try emit(ChannelPart(channel: channel.id, messageIDs: passed, messageTags: messageTags,
                                 segmentation: SegmentationPart(first: firstPart, conversations: opened, links: linkRecords,
                                                                conversationTags: conversationTags.flatMap(\.tags))))
            firstPart = false
            (messageTags, opened, linkRecords, passed, conversationTags) = ([], [], [], [], [])
        }
        // The second read follows the first one's order; a message written since is left for the
        // next run (the channel's fingerprint has changed), one gone since is passed over.
        func classifyPage(_ page: [Message]) throws {
            if !whole {
                analyses.removeAll(keepingCapacity: true)
                TextAnalysis.add(page, to: &analyses, questions: job.text.questions, entities: extractor)
                analyzer.current.known = analyses
            }
            for m in page {
                // Compared as SQLite orders them: time, then the id as a signed integer.
                while let current = walk.current, (current.time, current.link.messageID.int64) < (m.timestamp.milliseconds, m.id.int64) {
                    try pass(current.link)
                    try walk.advance()
                }
                guard let current = walk.current, current.link.messageID == m.id else { continue }
                // Links are in input order, so message k's link names its antecedent.
                let link = current.link
                let f = channelProfile.add(m, antecedent: link.antecedentID)
                if let f {
                    messageTags += classifier.classify(features: f, level: .message, itemID: m.id.description).map(Self.autoTag)
                }
                let c = link.conversation
                try pass(link) {
                    open[c, default: classifier.profileBuilder(for: channel, itemID: name(c).description)]
                        .add(m, features: f, antecedent: link.antecedentID)
                }
                try walk.advance()
            }
            try emitPart()
        }
        if let kept {
            try classifyPage(kept)
        } else {
            try store.forEachMessage(channel: channel.id, pageSize: job.pageSize, classifyPage)
        }
        while let current = walk.current {
            try pass(current.link)
            try walk.advance()
        }
        try emitPart()
        let channelTags = classifier.classify(channel: channelProfile.build()).map(Self.autoTag)
        return ChannelResult(
            channel: channel, spans: spans, segmentation: (conversations, segmented.links),
            channelTags: channelTags, messageTags: messageTags,
            conversationTags: conversationTags.sorted { $0.conversation < $1.conversation }.flatMap(\.tags),
            previousConversations: whole ? try store.conversationIDs(channel: channel.id) : [], questions: questions,
            unansweredQuestions: unansweredQuestions, messages: whole ? segmented.links.count : walk.k,
            conversations: whole ? conversations.count : conversationCount, inParts: !whole)
    }

    static func autoTag(_ a: TagAssignment) -> AutoTag {
        AutoTag(itemID: a.itemID, facet: a.facet, tag: a.tag, confidence: a.confidence, rules: a.ruleIDs)
    }

    /// A conversation's record: named `name` when it keeps a stored name, else after its first message.
    static func record(_ summary: ConversationSummary, name: Snowflake?, channel: Snowflake) -> ConversationRecord {
        ConversationRecord(id: name ?? summary.id, firstMessageID: summary.id, channelID: channel, start: summary.startTime,
                           end: summary.endTime, messageCount: summary.messageCount, participantCount: summary.participantCount,
                           firstQuestionID: summary.firstQuestionID,
                           answered: summary.questionCount == 0 ? nil : !summary.hasUnansweredQuestion)
    }

    /// The names of the conversations that keep a stored name (`kept`, by index), for a channel
    /// whose conversations are in `archive` and whose links are in `links`.
    static func resolveNames(kept: [Int: Snowflake], archive: FileSegmentArchive,
                             links: SpillFile<SpilledLink>) throws -> [Int: Snowflake] {
        var natural: [Int: Snowflake] = [:]
        for c in kept.keys { natural[c] = archive.conversation(at: c).summary.id }
        // The conversations the names in question start, from one pass over the links.
        let candidates = Set(kept.values).union(natural.values)
        var started: [Snowflake: Int] = [:]
        var reader = links.reader()
        while let spilled = try reader.read() {
            if spilled.link.antecedentID == nil, candidates.contains(spilled.link.messageID) {
                started[spilled.link.messageID] = spilled.link.conversation
            }
        }
        var failure: Error?
        let names = ConversationNames.resolve(kept: kept, natural: { natural[$0]! }, startedBy: { started[$0] }, members: { c in
            var members: [Snowflake] = []
            var reader = links.reader()
            do {
                while let spilled = try reader.read() {
                    if spilled.link.conversation == c { members.append(spilled.link.messageID) }
                }
            } catch {
                failure = failure ?? error
            }
            return members
        })
        if let failure = failure ?? archive.failure { throw failure }
        return names
    }
}

/// The channel's links in order, each with its message's time, for the classifying pass:
/// held whole, or read back from a spill file.
private struct LinkWalk {
    private var held: [MessageLink] = []
    private var times: [Int64] = []
    private var reader: SpillFile<SpilledLink>.Reader?
    /// The link at `k`; nil past the last.
    private(set) var current: SpilledLink?
    private(set) var k = 0

    init(links: [MessageLink], times: [Int64]) {
        held = links
        self.times = times
        current = links.isEmpty ? nil : SpilledLink(link: links[0], time: times[0])
    }

    init(_ reader: SpillFile<SpilledLink>.Reader) throws {
        var reader = reader
        current = try reader.read()
        self.reader = reader
    }

    mutating func advance() throws {
        k += 1
        if reader != nil {
            current = try reader!.read()
        } else {
            current = k < held.count ? SpilledLink(link: held[k], time: times[k]) : nil
        }
    }
}

/// The classifier's text answers for the page being classified: the channel's profile keeps the
/// analyzer it was made with, so the page's analyses are swapped in here rather than replaced.
/// Used by one worker thread only.
private final class PageAnalyzer: TextAnalyzer, @unchecked Sendable {
    var current: ExtractionAnalyzer

    init(_ analyzer: ExtractionAnalyzer) { current = analyzer }

    func isQuestion(_ text: String) -> Bool { current.isQuestion(text) }
    func entities(in text: String) -> [DetectedEntity] { current.entities(in: text) }
}
