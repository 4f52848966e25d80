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
    /// The spans and message tags went to the writer page by page, as `ChannelPart`s; `spans`
    /// and `messageTags` are empty.
    var inParts = false

    /// The channel's messages, in order: the links name them.
    var messageIDs: [Snowflake] { segmentation.links.map(\.messageID) }

    /// The links as the store records them, made one by one as they are written rather than
    /// held beside the segmenter's (a million-message channel's would take 64 MB more).
    var linkRecords: LazyMapSequence<[MessageLink], LinkRecord> {
        let (conversations, links) = segmentation
        return links.lazy.map {
            LinkRecord(messageID: $0.messageID, conversationID: conversations[$0.conversation].id,
                       antecedentID: $0.antecedentID, rule: $0.rule.rawValue, score: $0.score)
        }
    }
}

/// A page's spans or message tags of a channel over `TagJob.wholeChannelLimit`, handed to the
/// writer as soon as they are computed, so that what a worker holds of them is bounded by the
/// page size. The writer keeps the channel's transaction open until its `ChannelResult` follows.
struct ChannelPart: Sendable {
    var channel: Snowflake
    /// The messages whose spans, or whose message tags, this part replaces.
    var messageIDs: [Snowflake]
    var spans: [AutoSpan]?
    var messageTags: [AutoTag]?
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
    /// channels and threads are read once instead of twice. A channel bigger than `job.wholeChannelLimit`
    /// analyses its texts again on the second read instead of keeping them, and hands its spans
    /// and message tags to `emit` page by page instead of holding them to the end.
    /// - Parameters:
    ///   - expectedMessages: the channel's message count when the job started, to size what is
    ///     kept per message once, as growing by doubling would hold up to twice the channel.
    ///   - memo: the link scorer's memo, kept by the calling worker from channel to channel.
    ///   - emit: takes each page's spans and message tags of a channel bigger than the limit.
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
        // Segmentation, honouring placements made by hand; the channel's order and pace are
        // read first, as the segmenter needs them before it links the first message.
        var segmentation: ChannelSegmentation
        let manual = try store.manualLinks(channel: channel.id)
        do {
            let order = try store.messageOrder(channel: channel.id)
            let constraints = try TagJob.manualConstraints(store: store, channel: channel.id, messages: order.ids, manual: manual)
            segmentation = ChannelSegmentation(
                options: SegmenterOptions(gapMilliseconds: job.gapMilliseconds, linkModel: job.linkModel), ids: order.ids,
                times: order.times, constraints: constraints, memo: &memo)
        }
        // The messages' times, for the second read to follow the first one's order; the links
        // hold their ids.
        var times: [Int64] = []
        times.reserveCapacity(expectedMessages)
        try store.forEachMessage(channel: channel.id, pageSize: job.pageSize, mentionsOnly: !fitsOnePage) { page in
            pages += 1
            kept = fitsOnePage && pages == 1 ? page : nil
            if !whole { analyses.removeAll(keepingCapacity: true) }
            TextAnalysis.add(page, to: &analyses, questions: job.text.questions, entities: extractor)
            for m in page {
                times.append(m.timestamp.milliseconds)
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
            if !whole {
                try emit(ChannelPart(channel: channel.id, messageIDs: page.map(\.id), spans: spans))
                spans = []
            }
        }
        var segmented = (consume segmentation).finish(memo: &memo)
        let analyzer = PageAnalyzer(ExtractionAnalyzer(known: whole ? analyses : [:], questions: job.text.questions,
                                                       entities: extractor))
        let unansweredQuestions = segmented.conversations.reduce(0) { $0 + $1.questionCount - $1.answeredQuestionCount }
        // A conversation holding placed messages keeps the name they have in the store.
        var keptNames: [Int: Snowflake] = [:]
        if !manual.isEmpty {
            for link in segmented.links where keptNames[link.conversation] == nil {
                if let placed = manual[link.messageID] { keptNames[link.conversation] = placed.conversation }
            }
        }
        let names = keptNames.isEmpty ? nil : ConversationNames.resolve(
            natural: segmented.conversations.map(\.id), kept: keptNames,
            members: { c in segmented.links.filter { $0.conversation == c }.map(\.messageID) })
        // The records hold all that is written of a conversation: the summaries are freed as
        // they are turned into records, before the classifying pass.
        var index = 0
        let conversations = segmented.conversations.drain {
            defer { index += 1 }
            return ConversationRecord(id: names?[index] ?? $0.id, firstMessageID: $0.id, channelID: channel.id, start: $0.startTime,
                                      end: $0.endTime, messageCount: $0.messageCount, participantCount: $0.participantCount,
                                      firstQuestionID: $0.firstQuestionID,
                                      answered: $0.questionCount == 0 ? nil : !$0.hasUnansweredQuestion)
        }

        // Classification at every level; each message's features are computed once and serve the
        // channel profile, the message's own tags and its conversation's profile in one pass, so
        // no channel-sized map of features is kept. A conversation is classified at its last
        // message, so only conversations still open hold a profile.
        let classifier = self.classifier.reading(with: analyzer)
        var channelProfile = classifier.profileBuilder(for: channel)
        var messageTags: [AutoTag] = []
        var open: [Int: ChannelProfileBuilder] = [:]
        var lastMessage = [Int](repeating: -1, count: conversations.count)
        for (k, link) in segmented.links.enumerated() { lastMessage[link.conversation] = k }
        var tagsOfConversation = [[AutoTag]](repeating: [], count: conversations.count)
        func closeConversation(at k: Int) {
            let c = segmented.links[k].conversation
            if lastMessage[c] == k, let profile = open.removeValue(forKey: c)?.build() {
                tagsOfConversation[c] = classifier.classify(conversation: profile).map(Self.autoTag)
            }
        }
        // The second read follows the first one's order; a message written since is left for the
        // next run (the channel's fingerprint has changed), one gone since is passed over.
        var k = 0
        // Message tags go to the writer for the messages passed so far (links[written..<k]).
        var written = 0
        func emitMessageTags() throws {
            guard !whole, written < k else { return }
            try emit(ChannelPart(channel: channel.id, messageIDs: segmented.links[written..<k].map(\.messageID),
                                 messageTags: messageTags))
            messageTags = []
            written = k
        }
        func classifyPage(_ page: [Message]) throws {
            if !whole {
                analyses.removeAll(keepingCapacity: true)
                TextAnalysis.add(page, to: &analyses, questions: job.text.questions, entities: extractor)
                analyzer.current.known = analyses
            }
            for m in page {
                // Compared as SQLite orders them: time, then the id as a signed integer.
                while k < times.count, (times[k], segmented.links[k].messageID.int64) < (m.timestamp.milliseconds, m.id.int64) {
                    closeConversation(at: k)
                    k += 1
                }
                guard k < times.count, segmented.links[k].messageID == m.id else { continue }
                // Links are in input order, so message k's link names its antecedent.
                let link = segmented.links[k]
                let f = channelProfile.add(m, antecedent: link.antecedentID)
                if let f {
                    messageTags += classifier.classify(features: f, level: .message, itemID: m.id.description).map(Self.autoTag)
                }
                let c = link.conversation
                open[c, default: classifier.profileBuilder(for: channel, itemID: conversations[c].id.description)]
                    .add(m, features: f, antecedent: link.antecedentID)
                closeConversation(at: k)
                k += 1
            }
            try emitMessageTags()
        }
        if let kept {
            try classifyPage(kept)
        } else {
            try store.forEachMessage(channel: channel.id, pageSize: job.pageSize, classifyPage)
        }
        while k < times.count {
            closeConversation(at: k)
            k += 1
        }
        try emitMessageTags()
        let channelTags = classifier.classify(channel: channelProfile.build()).map(Self.autoTag)
        let conversationTags = Array(tagsOfConversation.joined())
        return ChannelResult(
            channel: channel, spans: spans, segmentation: (conversations, segmented.links),
            channelTags: channelTags, messageTags: messageTags, conversationTags: conversationTags,
            previousConversations: try store.conversationIDs(channel: channel.id), questions: questions,
            unansweredQuestions: unansweredQuestions,
            inParts: !whole)
    }

    static func autoTag(_ a: TagAssignment) -> AutoTag {
        AutoTag(itemID: a.itemID, facet: a.facet, tag: a.tag, confidence: a.confidence, rules: a.ruleIDs)
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
