import DBindCore
@testable import DBindReview
import DBindStore
import Foundation
import Synchronization
import Testing

@Suite("Manual labels over auto-tags; other queues and commands")
struct ReviewPrecedenceTests {

    @Test("effective tags: a label replaces the facet's auto-tags, survives a re-run, and review shows the new disagreement")
    func precedence() throws {
        let f = try ReviewFixture()
        // alice labels the support channel 'governance' and the delegate question 'question' only.
        try f.run(.channels, set: "channel-kind", filter: ReviewFilter(channelIDs: [F.support]), lines: ["v", "quit"])
        try f.run(.tags, set: "message-intent", lines: [".", "q", "quit"])
        #expect(f.label(.channel, F.support.description, "channel-kind") == "governance")

        let channelTags = try f.store.effectiveTags(level: .channel)
        let support = channelTags.filter { $0.itemID == F.support.description }
        #expect(support.map(\.tag) == ["channel.kind/governance"])
        #expect(support.first?.source == .manual)
        #expect(support.first?.confidence == 1)
        #expect(support.first?.rules == ["manual:alice"])
        #expect(support.first?.channel == "support")
        let general = try #require(channelTags.first { $0.itemID == F.general.description })
        #expect(general.tag == "channel.kind/general" && general.source == .auto && general.rules == ["general.name"])

        let messageTags = try f.store.effectiveTags(level: .message).filter { $0.itemID == F.delegateQuestion.description }
        #expect(messageTags.map(\.tag) == ["message.intent/question"], "the greeting auto-tag is overruled")
        #expect(messageTags.first?.channelID == F.support)
        let worked = try f.store.effectiveTags(level: .message).filter { $0.itemID == F.worked.description }
        #expect(Set(worked.map(\.tag)) == ["message.intent/thanks", "dao.topic/token"], "other items and facets keep their auto-tags")

        // A re-run of the tagger replaces auto-tags only; the labels stay and still win.
        try f.store.replaceAutoTags(level: .channel, items: [F.support.description], tags: [
            AutoTag(itemID: F.support.description, facet: "channel.kind", tag: "channel.kind/support", confidence: 0.9, rules: ["support.name"]),
        ], schema: "dao", version: "1.1.0")
        try f.store.replaceAutoTags(level: .message, items: [F.delegateQuestion.description], tags: [
            f.intent(F.delegateQuestion, "question", 0.7, ["question.mark"]),
        ], schema: "dao", version: "1.1.0")
        #expect(f.label(.channel, F.support.description, "channel-kind") == "governance")
        #expect(try f.store.effectiveTags(level: .channel).filter { $0.itemID == F.support.description }.map(\.tag) == ["channel.kind/governance"])

        // The disagreements queue shows the channel where the tagger still says support, not the
        // message where it now agrees with alice.
        let channels = try f.run(.disagreements, set: "channel-kind", annotator: "carol", lines: ["quit"])
        #expect(channels.contains("channel #support \(F.support)"))
        #expect(channels.contains("⚠ auto-tagger disagrees with alice: auto support, label governance"))
        let messages = try f.run(.disagreements, set: "message-intent", annotator: "carol", lines: ["quit"])
        #expect(shownMessages(messages).isEmpty)
        #expect(messages.contains("No more items in this queue."))
    }

    @Test("a label of 'none' removes the facet's tags; clearing by undo brings the auto-tags back")
    func noneLabel() throws {
        let f = try ReviewFixture()
        try f.run(.tags, set: "message-intent", lines: ["n", "quit"])
        #expect(try f.store.effectiveTags(level: .message).filter { $0.itemID == F.changeAnswer.description }.isEmpty)
        try f.run(.tags, set: "message-intent", lines: ["u", "quit"])
        #expect(try f.store.effectiveTags(level: .message).filter { $0.itemID == F.changeAnswer.description }.map(\.source) == [.auto])
    }

    @Test("questions: a label by key, reject stands for not-a-question, spans keep their labels")
    func questions() throws {
        let f = try ReviewFixture()
        let pendingKey = try #require(try f.store.spans(message: F.pending).first?.key.description)
        let delegateKey = try #require(try f.store.spans(message: F.delegateQuestion).first?.key.description)
        let transcript = try f.run(.questions, set: "question", steps: [
            Step("n") { #expect(f.label(.span, pendingKey, "question") == "not-a-question") },
            Step("a") { #expect(f.label(.span, delegateKey, "question") == "answered") },
            Step("quit"),
        ])
        #expect(transcript.contains("⟦my transaction has been pending for 2 hours??⟧"))
        #expect(transcript.contains("\nquestion ") && transcript.firstMatch(of: /(^|\n)question\S/) == nil, "the kind and the type apart")
        // The set has no accept label and no auto-tags to take: `y` is not offered.
        #expect(transcript.contains("keys    a answered · p partly-answered · o unanswered · r rhetorical · x not-a-question\n        n not-a-question · ? help\n"))
        let spans = try f.store.effectiveSpans(message: F.delegateQuestion)
        #expect(spans.first?.labels == ["question": "answered"])
    }

    @Test("filters: channel, tag, confidence range, labeled-by; and --all shows labeled items again")
    func filters() throws {
        let f = try ReviewFixture()
        func shown(_ filter: ReviewFilter, annotator: String = "alice") throws -> [String] {
            shownMessages(try f.run(.tags, set: "message-intent", annotator: annotator, filter: filter,
                                    lines: Array(repeating: ".", count: 10) + ["quit"]))
        }
        #expect(try shown(ReviewFilter(tag: "message.intent/question", minConfidence: 0.6)) ==
                [F.delegateQuestion, F.pending, F.changeQuestion].map(\.description))
        #expect(try shown(ReviewFilter(minConfidence: 0.5, maxConfidence: 0.75), annotator: "dan") ==
                [F.delegateAnswer, F.delegateQuestion, F.pending].map(\.description))
        #expect(try shown(ReviewFilter(channelIDs: [F.general]), annotator: "erin").isEmpty)
        try f.run(.tags, set: "message-intent", annotator: "bob", lines: ["y", "y", "quit"])
        #expect(try shown(ReviewFilter(labeledBy: "bob"), annotator: "frank") == [F.changeAnswer, F.delegateQuestion].map(\.description))
        #expect(try shown(ReviewFilter(labeledBy: "bob", includeDone: true), annotator: "bob") == [F.changeAnswer, F.delegateQuestion].map(\.description))
        #expect(try shown(ReviewFilter(labeledBy: "bob"), annotator: "bob").isEmpty)
    }

    @Test("note, search, jump and the unlabeled queue")
    func navigation() throws {
        let f = try ReviewFixture()
        let transcript = try f.run(.tags, set: "message-intent", steps: [
            Step("note the answer links the delegate page") { () throws in
                let notes = try f.store.history(level: .message, itemID: F.changeAnswer.description).filter { $0.action == .note }
                #expect(notes.map(\.note) == ["the answer links the delegate page"])
                #expect(f.label(F.changeAnswer) == nil, "a note is not a label")
            },
            Step("/pending"),
            Step("t") { #expect(f.label(F.pending) == "thanks") },
            Step("/no such words anywhere"),
            Step("/"),  // nothing left to continue: it says so again
            Step("jump \(F.thankYou)"),
            Step("t") { #expect(f.label(F.thankYou) == "thanks") },
            Step("jump 42"),
            Step("jump \(F.changeAnswer)"),
            Step("quit"),
        ])
        #expect(transcript.contains("note    alice: the answer links the delegate page"))
        #expect(transcript.contains("found 'pending'"))
        #expect(transcript.components(separatedBy: "? 'no such words anywhere' not found further in this queue").count == 3)
        #expect(!transcript.contains("error: search needs text"))
        #expect(transcript.contains("error: no message '42' in the store"))
        // The search hit and the jump target come before the item on screen, which returns once they are decided.
        #expect(shownMessages(transcript) == [F.changeAnswer, F.pending, F.changeAnswer, F.thankYou, F.changeAnswer,
                                              F.changeAnswer].map(\.description))

        // Unlabeled walks every non-system message nobody labeled yet, oldest first.
        let unlabeled = try f.run(.unlabeled, set: "message-intent", annotator: "bob",
                                  filter: ReviewFilter(channelIDs: [F.support]), lines: ["q", "quit"])
        let first = try #require(shownMessages(unlabeled).first)
        #expect(first == F.delegateQuestion.description)
        #expect(shownMessages(unlabeled).count == 2)
        #expect(shownMessages(unlabeled)[1] == F.delegateAnswer.description)
    }

    @Test("after < a search starts from the item on screen, not from the furthest item pulled")
    func searchFromTheItemOnScreen() throws {
        let f = try ReviewFixture()
        // Queue order: changeAnswer, delegateQuestion, delegateAnswer, pending, worked, changeQuestion.
        let transcript = try f.run(.tags, set: "message-intent", lines: [".", ".", ".", "<", "<", "/pending", "quit"])
        #expect(transcript.contains("found 'pending'"))
        #expect(shownMessages(transcript) == [F.changeAnswer, F.delegateQuestion, F.delegateAnswer, F.pending,
                                              F.delegateAnswer, F.delegateQuestion, F.pending].map(\.description))
    }

    @Test("two annotators reviewing the same database at once both keep all their work")
    func concurrentAnnotators() throws {
        let f = try ReviewFixture()
        let names = ["alice", "bob"]
        let results = Mutex([Int](repeating: 0, count: names.count))
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            // Separate connections, as two processes would have.
            guard let store = try? Store(path: f.path),
                  let transcript = try? f.run(.unlabeled, set: "message-intent", annotator: names[index],
                                              steps: (Array(repeating: index == 0 ? "q" : "a", count: 40) + ["quit"]).map { Step($0) }, store: store)
            else { results.withLock { $0[index] = -1 }; return }
            results.withLock { $0[index] = transcript.components(separatedBy: "\nsaved #").count - 1 }
        }
        #expect(results.withLock { $0 } == [40, 40])
        #expect(try f.store.labelCount(labelSet: "message-intent", annotator: "alice") == 40)
        #expect(try f.store.labelCount(labelSet: "message-intent", annotator: "bob") == 40)
        let values = try f.store.labelValues(labelSet: "message-intent")
        #expect(values.values.filter { $0["alice"] == "question" }.count == 40)
        #expect(values.values.filter { $0["bob"] == "answer" }.count == 40)
        #expect(try f.store.history().count == 80)
    }
}
