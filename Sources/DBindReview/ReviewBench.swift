import DBindCore
import DBindStore
import Foundation

/// How long review commands take to answer on a given store, from the moment a line is read
/// to the next prompt (the time a person waits).
public enum ReviewBench {
    /// Latency of one kind of command over its runs.
    public struct CommandTiming: Encodable, Sendable {
        public var queue: String
        public var command: String
        public var runs: Int
        public var median_ms: Double
        public var p95_ms: Double
        public var max_ms: Double
    }

    /// The whole measurement.
    public struct Report: Encodable, Sendable {
        public var messages: Int
        public var tags: Int
        /// Opening a session: loading channels and showing the first item.
        public var startup_ms: [String: Double]
        /// Counting each queue for progress, which runs in the background while the first commands are answered.
        public var queue_count_ms: [String: Double]
        public var commands: [CommandTiming]
    }

    /// Writes auto-tags, question and entity spans and conversations for every message, the way
    /// the tagger, extractors and segmenter would, so review has something to walk. Tags and
    /// confidences derive from the text and id only, so the same store always gets the same seed.
    public static func seed(store: Store, progress: (Int) -> Void = { _ in }) throws {
        var seen = 0
        var channelTags: [AutoTag] = []
        for channel in try store.channels() {
            channelTags.append(AutoTag(itemID: channel.id.description, facet: FacetDefinition.channelKind,
                                       tag: "channel.kind/\(["general", "support", "off-topic", "development"][Int(channel.id.rawValue % 4)])",
                                       confidence: unit(channel.id.rawValue), rules: ["bench.name"]))
            var conversations: [AutoConversation] = []
            var open: [AutoConversation.Member] = []
            try store.forEachMessage(channel: channel.id) { page in
                var tags: [AutoTag] = []
                var spans: [AutoSpan] = []
                for message in page where !message.kind.isSystem {
                    let id = message.id.rawValue
                    let item = message.id.description
                    let length = message.content.unicodeScalars.count
                    if message.content.contains("?") {
                        tags.append(AutoTag(itemID: item, facet: "message.intent", tag: "message.intent/question",
                                            confidence: unit(id), rules: ["question.mark"]))
                        if length > 0 {
                            spans.append(AutoSpan(messageID: message.id, kind: .question, type: "yes-no", start: 0, end: length,
                                                  text: message.content, rule: "question.mark", confidence: unit(id >> 3)))
                        }
                    } else {
                        let label = ["answer", "greeting", "thanks", "link-share"][Int(id % 4)]
                        tags.append(AutoTag(itemID: item, facet: "message.intent", tag: "message.intent/\(label)",
                                            confidence: unit(id), rules: ["bench.\(label)"]))
                    }
                    if id % 7 == 0 {
                        tags.append(AutoTag(itemID: item, facet: "message.intent", tag: "message.intent/thanks",
                                            confidence: unit(id >> 5), rules: ["thanks.word"]))
                    }
                    if let word = message.content.components(separatedBy: " ").first(where: { $0.count >= 4 }), id % 5 == 0 {
                        let scalars = Array(message.content.unicodeScalars)
                        let wordScalars = Array(word.unicodeScalars)
                        if let start = (0...(scalars.count - wordScalars.count)).first(where: {
                            scalars[$0..<($0 + wordScalars.count)].elementsEqual(wordScalars)
                        }) {
                            spans.append(AutoSpan(messageID: message.id, kind: .entity, type: "term", start: start,
                                                  end: start + wordScalars.count, text: String(word), rule: "bench.term",
                                                  confidence: unit(id >> 7)))
                        }
                    }
                    open.append(AutoConversation.Member(messageID: message.id, antecedentID: open.last?.messageID,
                                                        rule: open.isEmpty ? "start" : "time-gap",
                                                        score: open.isEmpty ? 1 : unit(id >> 9)))
                    if open.count >= 2 + Int(id % 11) {
                        conversations.append(AutoConversation(members: open))
                        open = []
                    }
                }
                try store.replaceAutoTags(level: .message, items: page.map(\.id.description), tags: tags, schema: "bench", version: "1")
                try store.replaceAutoSpans(messages: page.map(\.id), spans: spans)
                seen += page.count
                progress(seen)
            }
            if !open.isEmpty { conversations.append(AutoConversation(members: open)) }
            try store.replaceAutoConversations(channel: channel.id, conversations)
        }
        try store.replaceAutoTags(level: .channel, items: nil, tags: channelTags, schema: "bench", version: "1")
    }

    /// A number in [0.05, 0.95) spread evenly by the bits of `value`.
    private static func unit(_ value: UInt64) -> Double {
        var x = value &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        return 0.05 + Double(x % 9000) / 10000
    }

    /// Scripted sessions per queue: label, accept, reject, back, undo, skip, more, progress,
    /// search, jump, note, span edits and conversation edits.
    public static func scripts(jumpMessage: Snowflake) -> [(queue: ReviewQueueKind, set: String, lines: [String])] {
        let labeling = ["y", "q", "qt", "<", "n", "u", "u", ".", "+", "%", "/delegate", "jump \(jumpMessage)", "note checked", "a", "?"]
        return [
            (.tags, "message-intent", Array(repeating: labeling, count: 4).flatMap { $0 }),
            (.unlabeled, "message-intent", Array(repeating: labeling, count: 2).flatMap { $0 }),
            (.channels, "channel-kind", ["y", "s", "<", "u", ".", "%", "+"]),
            (.questions, "question", Array(repeating: ["a", "n", "<", "u", ".", "%", "+"], count: 3).flatMap { $0 }),
            (.entities, "entity-span", Array(repeating: ["type name", "span 0 3", "y", "n", "u", ".", "%"], count: 3).flatMap { $0 }),
            (.conversations, "conversation", Array(repeating: ["split 2", "u", "y", "move 1 new", "u", ".", "%", "+"], count: 3).flatMap { $0 }),
            (.disagreements, "message-intent", ["y", ".", "%"]),
        ]
    }

    /// Runs the scripts as `annotator` and reports per-command latency; `labelSets` supplies the
    /// sets by name.
    public static func measure(store: Store, labelSets: [LabelSet], annotator: String, messages: Int, tags: Int,
                               jumpMessage: Snowflake) throws -> Report {
        var samples: [String: [Double]] = [:]
        var order: [String] = []
        var startup: [String: Double] = [:]
        var counting: [String: Double] = [:]
        for script in scripts(jumpMessage: jumpMessage) {
            guard let set = (labelSets + BuiltInLabelSets.all).first(where: { $0.name == script.set }) else { continue }
            var pending = script.lines[...]
            var current: String?
            var lineRead = Date()
            let opened = Date()
            var firstPrompt = true
            let session = ReviewSession(
                store: store,
                configuration: ReviewConfiguration(queue: script.queue, labelSet: set, annotator: annotator),
                readLine: {
                    guard let line = pending.popFirst() else { return nil }
                    current = line
                    lineRead = Date()
                    return line
                },
                write: { text in
                    guard text == "> " else { return }
                    if firstPrompt {
                        startup[script.queue.rawValue] = Date().timeIntervalSince(opened) * 1000
                        firstPrompt = false
                    }
                    guard let line = current else { return }
                    let command = line.split(separator: " ").first.map { String($0.prefix(1) == "/" ? "/search" : $0) } ?? line
                    let key = "\(script.queue.rawValue)\t\(command)"
                    if samples[key] == nil { order.append(key) }
                    samples[key, default: []].append(Date().timeIntervalSince(lineRead) * 1000)
                    current = nil
                })
            try session.run()
            // Sessions are measured one at a time, as people run them: wait for this one's count.
            while session.queueCountSeconds == nil { usleep(10_000) }
            counting[script.queue.rawValue] = (session.queueCountSeconds ?? 0) * 1000
        }
        let timings = order.map { key -> CommandTiming in
            let values = (samples[key] ?? []).sorted()
            let parts = key.split(separator: "\t").map(String.init)
            let percentile = { (p: Double) in values[min(values.count - 1, Int((Double(values.count - 1) * p).rounded()))] }
            return CommandTiming(queue: parts[0], command: parts[1], runs: values.count, median_ms: round(percentile(0.5)),
                                 p95_ms: round(percentile(0.95)), max_ms: round(values.last ?? 0))
        }
        return Report(messages: messages, tags: tags, startup_ms: startup.mapValues(round),
                      queue_count_ms: counting.mapValues(round), commands: timings)
    }

    private static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
