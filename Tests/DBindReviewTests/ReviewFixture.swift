import DBindCore
import DBindFormats
import DBindPipeline
@testable import DBindReview
import DBindStore
import DBindTestSupport
import Foundation
import Testing

/// Short name for the fixture's message ids in scenario tests (`F.pending`).
typealias F = ReviewFixture

/// The fixture guild ingested into a fresh store, with auto-tags, spans and conversations of
/// #support written as the tagger, extractors and segmenter would.
struct ReviewFixture {
    static let support = Snowflake(910928213307360147)
    static let general = Snowflake(910928136233337472)
    static let offTopic = Snowflake(911345776121928587)

    // #support messages (see fixtures/guild/README.md).
    static let delegateQuestion = Snowflake(1451908431816334750)   // "Hi! How do I delegate my LUMEN? ..."
    static let delegateAnswer = Snowflake(1451909274371523769)
    static let changeQuestion = Snowflake(1451909904713092357)     // "can I change the delegate later?"
    static let changeAnswer = Snowflake(1451910159658000949)
    static let delegated = Snowflake(1451911838601333639)
    static let thankYou = Snowflake(1451914359036921590)
    static let pending = Snowflake(1452745267123843318)            // "my transaction has been pending for 2 hours??"
    static let nonceAnswer = Snowflake(1452747030207934218)
    static let worked = Snowflake(1452750805314091717)             // "it worked!!! thank you so much"
    static let whyStuck = Snowflake(1452751059363532517)
    static let gasAnswer = Snowflake(1452752320398061603)
    static let votingPower = Snowflake(1460627380225206821)
    static let snapshotAnswer = Snowflake(1460628641394873402)
    static let selfDelegated = Snowflake(1460629148595812723)
    static let bridge = Snowflake(1468930866546088562)             // "... `0x3a9F...2d0B` ..."
    static let ens = Snowflake(1467911246403218593)                // "My ENS name (yuki.eth) ..."

    /// Message-intent tags in queue order (least confident first, per item).
    static let intentOrder = [changeAnswer, delegateQuestion, delegateAnswer, pending, worked, changeQuestion]

    let path: String
    let store: Store
    let labelSets: [LabelSet]

    init() throws {
        let dir = try temporaryDirectory("dbind-review")
        path = dir + "/guild.sqlite"
        store = try Store(path: path)
        let report = IngestJob(store: store).run(paths: [RepoPaths.root + "/fixtures/guild"])
        guard report.failures.isEmpty else { throw LabelError("fixture guild did not ingest: \(report.failures)") }
        labelSets = try LabelSetLoader.loadDirectory(RepoPaths.root + "/labels")
        try seed()
    }

    func labelSet(_ name: String) throws -> LabelSet {
        if let builtIn = BuiltInLabelSets.all.first(where: { $0.name == name }) { return builtIn }
        return try #require(labelSets.first { $0.name == name })
    }

    func intent(_ item: Snowflake, _ label: String, _ confidence: Double, _ rules: [String]) -> AutoTag {
        AutoTag(itemID: item.description, facet: "message.intent", tag: "message.intent/\(label)", confidence: confidence, rules: rules)
    }

    private func seed() throws {
        try store.replaceAutoTags(level: .message, items: nil, tags: [
            intent(Self.changeAnswer, "answer", 0.40, ["answer.reply-to-question"]),
            intent(Self.delegateQuestion, "greeting", 0.45, ["greeting.word"]),
            intent(Self.delegateQuestion, "question", 0.62, ["question.mark", "question.how"]),
            intent(Self.delegateAnswer, "answer", 0.55, ["answer.reply-to-question"]),
            intent(Self.pending, "question", 0.70, ["question.mark"]),
            intent(Self.worked, "thanks", 0.80, ["thanks.word"]),
            intent(Self.changeQuestion, "question", 0.91, ["question.mark", "question.modal-start"]),
            AutoTag(itemID: Self.worked.description, facet: "dao.topic", tag: "dao.topic/token", confidence: 0.3, rules: ["token.words"]),
        ], schema: "dao", version: "1.0.0")
        try store.replaceAutoTags(level: .channel, items: nil, tags: [
            AutoTag(itemID: Self.support.description, facet: "channel.kind", tag: "channel.kind/support", confidence: 0.8, rules: ["support.name"]),
            AutoTag(itemID: Self.general.description, facet: "channel.kind", tag: "channel.kind/general", confidence: 0.6, rules: ["general.name"]),
            AutoTag(itemID: Self.offTopic.description, facet: "channel.kind", tag: "channel.kind/general", confidence: 0.3, rules: ["general.chat"]),
        ], schema: "dao", version: "1.0.0")
        let messages = try store.messages(ids: [Self.delegateQuestion, Self.pending, Self.bridge, Self.ens])
        func span(_ message: Snowflake, _ kind: SpanKind, _ type: String, _ text: String, _ confidence: Double, _ rule: String) throws -> AutoSpan {
            let content = try #require(messages.first { $0.id == message }).content
            let range = try #require(SpanTextCommand.find(text, in: content, near: 0))
            return AutoSpan(messageID: message, kind: kind, type: type, start: range.start, end: range.end, text: text,
                            rule: rule, confidence: confidence)
        }
        try store.replaceAutoSpans(messages: nil, spans: [
            try span(Self.delegateQuestion, .question, "how", "How do I delegate my LUMEN?", 0.9, "question.how"),
            try span(Self.pending, .question, "yes-no", "my transaction has been pending for 2 hours??", 0.6, "question.mark"),
            try span(Self.bridge, .entity, "address", "0x3a9F2b7C1e4D8a6B0c5E2f9A7d3B1c8E6f4A2d0B", 0.95, "entity.eth-address"),
            try span(Self.ens, .entity, "ens", "(yuki.eth)", 0.5, "entity.ens"),
        ])
        func member(_ id: Snowflake, _ antecedent: Snowflake?, _ rule: String, _ score: Double) -> AutoConversation.Member {
            AutoConversation.Member(messageID: id, antecedentID: antecedent, rule: rule, score: score)
        }
        try store.replaceAutoConversations(channel: Self.support, [
            AutoConversation(members: [
                member(Self.delegateQuestion, nil, "start", 1), member(Self.delegateAnswer, Self.delegateQuestion, "reply", 0.95),
                member(Self.changeQuestion, Self.delegateAnswer, "reply", 0.95), member(Self.changeAnswer, Self.changeQuestion, "reply", 0.95),
                member(Self.delegated, Self.changeAnswer, "same-author-soon", 0.6), member(Self.thankYou, Self.delegated, "mention", 0.7),
            ], firstQuestionID: Self.delegateQuestion, answered: true),
            AutoConversation(members: [
                member(Self.pending, nil, "start", 1), member(Self.nonceAnswer, Self.pending, "reply", 0.95),
                member(Self.worked, Self.nonceAnswer, "time-gap", 0.5),
                // Wrongly attached: a new question, found by the time-gap rule with low confidence.
                member(Self.whyStuck, Self.worked, "time-gap", 0.35), member(Self.gasAnswer, Self.whyStuck, "same-author-soon", 0.55),
            ], firstQuestionID: Self.pending, answered: true),
            AutoConversation(members: [
                member(Self.votingPower, nil, "start", 1), member(Self.snapshotAnswer, Self.votingPower, "reply", 0.95),
            ], firstQuestionID: Self.votingPower, answered: true),
            AutoConversation(members: [member(Self.selfDelegated, nil, "start", 0.45)]),
        ])
    }

    /// Runs a session over `steps`: each line is fed, and its check runs right after the session
    /// has handled it (before the next line is read). Returns the whole transcript.
    @discardableResult
    func run(_ queue: ReviewQueueKind, set: String, annotator: String = "alice", filter: ReviewFilter = ReviewFilter(),
             steps: [Step], store: Store? = nil) throws -> String {
        var output = ""
        var pending = steps[...]
        var check: (() throws -> Void)?
        var failure: Error?
        let session = ReviewSession(
            store: store ?? self.store,
            configuration: ReviewConfiguration(queue: queue, labelSet: try labelSet(set), annotator: annotator, filter: filter,
                                               echoInput: true, countInBackground: false),
            readLine: {
                do { try check?() } catch { failure = failure ?? error }
                guard let step = pending.popFirst() else { return nil }
                check = step.check
                return step.line
            },
            write: { output += $0 })
        try session.run()
        if let failure { throw failure }
        return output
    }

    @discardableResult
    func run(_ queue: ReviewQueueKind, set: String, annotator: String = "alice", filter: ReviewFilter = ReviewFilter(),
             lines: [String]) throws -> String {
        try run(queue, set: set, annotator: annotator, filter: filter, steps: lines.map { Step($0) })
    }

    /// The annotator's current label of an item (a failed read is recorded as a test issue).
    func label(_ level: ItemLevel, _ item: String, _ set: String, _ annotator: String = "alice") -> String? {
        do {
            return try store.labels(level: level, itemID: item).first { $0.labelSet == set && $0.annotator == annotator }?.value
        } catch {
            Issue.record(error)
            return nil
        }
    }

    func label(_ message: Snowflake, _ annotator: String = "alice") -> String? {
        label(.message, message.description, "message-intent", annotator)
    }
}

/// The item ids a transcript showed, in order (the `message <id>` header lines).
func shownMessages(_ transcript: String) -> [String] {
    transcript.split(separator: "\n").compactMap { line in
        guard line.hasPrefix("message ") else { return nil }
        return line.dropFirst("message ".count).split(separator: " ").first.map(String.init)
    }
}

/// One input line of a scripted session and what must hold right after it was handled.
struct Step {
    var line: String
    var check: () throws -> Void

    init(_ line: String, _ check: @escaping () throws -> Void = {}) {
        self.line = line
        self.check = check
    }
}
