import Foundation

/// Splits each channel's message stream into conversations by linking every message to the
/// earlier message it most likely continues, using explainable rules instead of a trained model.
///
/// Rules, strongest first: an explicit reply; a reviewer's pin; addressing someone (`name:`,
/// leading `@Name`) links to that person's latest message, preferring one addressed back to this
/// author, or to this author's own follow-up to them; a later mention; an answer to a bot
/// command just before; for unaddressed messages the more recent of the author's own previous
/// message (unless that was a bare greeting) and the latest message addressed to the author; an
/// answer to a recent question that shares its words; plain word overlap. Time windows bound every look-back, and outside a time
/// block (a silence longer than the channel's usual pace) only explicit links reach back.
///
/// Each message costs a fixed number of hash lookups (latest message per author, per addressed
/// pair, per word), so the whole run is linear in the number of messages.
public struct Segmenter: Sendable {
    public var options: SegmenterOptions
    /// Question test used for summaries and for the `answer` rule. `dbind tag` passes the answers
    /// of the text stage it already ran; the default runs the same detector.
    public var isQuestion: @Sendable (String) -> Bool

    public init(options: SegmenterOptions = SegmenterOptions(), isQuestion: (@Sendable (String) -> Bool)? = nil) {
        self.options = options
        if let isQuestion {
            self.isQuestion = isQuestion
        } else {
            let detector = QuestionDetector()
            self.isQuestion = { !detector.detect($0).isEmpty }
        }
    }

    public func segment(_ messages: [SegmentMessage], constraints: SegmentConstraints = SegmentConstraints()) -> SegmentationResult {
        var memo: LinkScoreMemo?
        return segment(messages, constraints: constraints, memo: &memo)
    }

    /// The same, scoring with `memo`'s scores of rows met before (a tag worker keeps one across
    /// channels); a memo for another model is replaced.
    public func segment(_ messages: [SegmentMessage], constraints: SegmentConstraints = SegmentConstraints(),
                        memo: inout LinkScoreMemo?) -> SegmentationResult {
        if let model = options.linkModel, memo == nil || memo!.model != model { memo = LinkScoreMemo(model: model) }
        let channels = SegmentOrdering.channelGroups(messages)
        let pins = SegmentPins(constraints: constraints, messages: messages, channels: channels)
        var output = SegmentOutput(count: messages.count)
        for group in channels {
            var channel = ChannelSegmenter(options: options, times: group.map { messages[$0].time }, pins: pins, capacity: group.count)
            // Swapped in and out, never copied: a copy would duplicate the scores on first write.
            swap(&channel.scoreMemo, &memo)
            for index in group { channel.add(messages[index], index: index, isQuestion: isQuestion(messages[index].text), into: &output) }
            swap(&channel.scoreMemo, &memo)
        }
        return SegmentationResult(links: output.links, conversations: output.conversations.summaries(), ignoredPins: pins.ignored)
    }

    /// The scorer's candidates for each message, as `segment` with `options.linkModel` sees
    /// them. The model's window counts; its weights do not: messages follow `gold` (input
    /// position to its antecedent's, -1 for a start) where given and the rules elsewhere, so
    /// the conversation features describe conversations as annotated.
    public func linkExamples(_ messages: [SegmentMessage], gold: [Int: Int] = [:]) -> LinkExamples {
        precondition(options.linkModel != nil, "link examples need a model's candidate window")
        var examples = LinkExamples()
        var output = SegmentOutput(count: messages.count)
        for group in SegmentOrdering.channelGroups(messages) {
            var channel = ChannelSegmenter(options: options, times: group.map { messages[$0].time },
                                           pins: SegmentPins(constraints: SegmentConstraints(), messages: messages, channels: []),
                                           capacity: group.count)
            channel.scoreMemo = options.linkModel.map(LinkScoreMemo.init)
            channel.examples = LinkExamples()
            channel.forced = gold.mapValues { $0 < 0 ? nil : messages[$0].id }
            for index in group { channel.add(messages[index], index: index, isQuestion: isQuestion(messages[index].text), into: &output) }
            examples.append(channel.examples!)
        }
        return examples
    }

    /// The time gap that splits this channel into blocks: fixed when the options say so, else a
    /// multiple of the channel's median gap between messages, within the configured bounds.
    public func blockGap(times: [Int64]) -> Int64 { Self.blockGap(times: times, options: options) }

    static func blockGap(times: [Int64], options: SegmenterOptions) -> Int64 {
        blockGap(pace: SegmentOrdering.medianGap(times: times), options: options)
    }

    /// The same, from the channel's median gap.
    static func blockGap(pace: Int64, options: SegmenterOptions) -> Int64 {
        if let fixed = options.gapMilliseconds { return fixed }
        let scaled = Int64(Double(pace) * options.gapPaceFactor)
        return min(max(scaled, options.minimumGapMilliseconds), options.maximumGapMilliseconds)
    }
}

/// One channel segmented as its messages arrive, in time order, as `Segmenter.segment` would
/// segment them together: a caller reading a channel page by page need not keep its messages.
/// With an archive, what it holds is bounded by its windows, not by the channel: the caller
/// takes the links as they are made, and reads the conversations from the archive at the end.
public struct ChannelSegmentation {
    private var channel: ChannelSegmenter
    private var output: SegmentOutput
    private var index = 0

    /// - Parameters:
    ///   - pace: the channel's times, taken as they were read: the pace sets the time blocks
    ///     before any message is linked.
    ///   - ids: the channel's message ids in time order, against which pins are checked;
    ///     needed only with `constraints`.
    ///   - memo: the link scorer's memo, held here until `finish` hands it back.
    ///   - archive: where ranks and conversations that no window reaches go; nil keeps them.
    public init(options: SegmenterOptions, pace: PaceHistogram, ids: [Snowflake], constraints: SegmentConstraints,
                memo: inout LinkScoreMemo?, archive: SegmentArchive? = nil) {
        if let model = options.linkModel, memo == nil || memo!.model != model { memo = LinkScoreMemo(model: model) }
        channel = ChannelSegmenter(options: options, pace: pace.median, pins: SegmentPins(constraints: constraints, ordered: ids),
                                   capacity: pace.count, archive: archive)
        output = SegmentOutput(capacity: archive == nil ? pace.count : 0)
        // Moved in and out, never copied: a copy would duplicate the scores on first write.
        swap(&channel.scoreMemo, &memo)
    }

    /// Links the channel's next message.
    public mutating func add(_ message: SegmentMessage, isQuestion: Bool) {
        channel.add(message, index: index, isQuestion: isQuestion, into: &output)
        index += 1
    }

    /// The links made since the last call, in order.
    public mutating func takeLinks() -> [MessageLink] { output.takeLinks() }

    /// The links of the messages added (since the last `takeLinks`), in order, and their
    /// conversations. Consumes the segmentation, so what it kept per message is freed here
    /// rather than with the caller's scope. With an archive, every conversation is stored there
    /// (by index, `0..<conversationCount`) and `conversations` is empty.
    public consuming func finish(memo: inout LinkScoreMemo?) -> SegmentationResult {
        swap(&channel.scoreMemo, &memo)
        let conversations: ChunkedList<ConversationSummary>
        if let archive = channel.archive {
            output.conversations.removeAll { archive.store($1, at: $0) }
            conversations = []
        } else {
            conversations = output.conversations.summaries()
        }
        return SegmentationResult(links: output.links, conversations: conversations, ignoredPins: channel.pins.ignored)
    }

    /// Conversations opened so far.
    public var conversationCount: Int { output.conversations.count }
}

/// A channel's pace: the median gap (ms) between consecutive times, from a logarithmic histogram
/// (8 buckets per doubling, so within 9% of the exact median), taken as the times go by.
public struct PaceHistogram: Sendable {
    private var histogram = [Int](repeating: 0, count: 8 * 64)
    private var last: Int64?
    /// Times added.
    public private(set) var count = 0

    public init() {}

    /// Adds the next time, in order.
    public mutating func add(_ time: Int64) {
        if let last { histogram[SegmentOrdering.bucket(max(0, time - last))] += 1 }
        last = time
        count += 1
    }

    public var median: Int64 {
        guard count > 1 else { return 0 }
        let half = count / 2
        var seen = 0
        for (index, gaps) in histogram.enumerated() {
            seen += gaps
            if seen >= half { return SegmentOrdering.bucketValue(index) }
        }
        return 0
    }
}

/// Grouping and ordering of the input, shared by the segmenter and the baselines.
public enum SegmentOrdering {
    /// Input positions grouped by channel (in order of first appearance), each group sorted by
    /// time; equal times keep input order. Already sorted input costs one pass.
    public static func channelGroups(_ messages: [SegmentMessage]) -> [[Int]] {
        var groupOf: [Snowflake: Int] = [:]
        var groups: [[Int]] = []
        var lastChannel: Snowflake?
        var lastGroup = -1
        for (index, message) in messages.enumerated() {
            if message.channelID != lastChannel {
                if let known = groupOf[message.channelID] {
                    lastGroup = known
                } else {
                    lastGroup = groups.count
                    groupOf[message.channelID] = lastGroup
                    groups.append([])
                }
                lastChannel = message.channelID
            }
            groups[lastGroup].append(index)
        }
        for g in groups.indices {
            let group = groups[g]
            var sorted = true
            for k in group.indices.dropFirst() where messages[group[k]].time < messages[group[k - 1]].time {
                sorted = false
                break
            }
            if !sorted {
                groups[g] = group.sorted { a, b in
                    messages[a].time != messages[b].time ? messages[a].time < messages[b].time : a < b
                }
            }
        }
        return groups
    }

    /// Median gap (ms) between consecutive times (`PaceHistogram`).
    public static func medianGap(times: [Int64]) -> Int64 {
        var pace = PaceHistogram()
        for time in times { pace.add(time) }
        return pace.median
    }

    static func bucket(_ gap: Int64) -> Int {
        guard gap > 0 else { return 0 }
        return min(8 * 64 - 1, Int(8 * log2(Double(gap) + 1)))
    }

    static func bucketValue(_ index: Int) -> Int64 {
        guard index > 0 else { return 0 }
        return Int64(exp2(Double(index) / 8) - 1)
    }
}
