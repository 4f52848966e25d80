import DBindCore
@testable import DBindReview
import DBindStore
import Foundation
import Testing

@Suite("Review sessions driven through their input")
struct ReviewSessionTests {
    @Test("labels, multi labels, undo (several levels) and back, with the store checked after each line")
    func labelUndoBack() throws {
        let f = try ReviewFixture()
        let transcript = try f.run(.tags, set: "message-intent", steps: [
            Step("y") {  // least confident first: changeAnswer (answer 0.40)
                #expect(f.label(F.changeAnswer) == "answer")
            },
            Step("q") {  // delegateQuestion: greeting 0.45 + question 0.62; the person says question only
                #expect(f.label(F.delegateQuestion) == "question")
            },
            Step("qt") {  // delegateAnswer: two labels of the multi set, by keys in a row
                #expect(f.label(F.delegateAnswer) == "question,thanks")
            },
            Step("u") {  // undo the last decision: delegateAnswer unlabeled again
                #expect(f.label(F.delegateAnswer) == nil)
                #expect(f.label(F.delegateQuestion) == "question")
            },
            Step("u") {  // and the one before: delegateQuestion unlabeled again
                #expect(f.label(F.delegateQuestion) == nil)
                #expect(f.label(F.changeAnswer) == "answer")
            },
            Step("greeting question") {  // undo went back to delegateQuestion; label it by names
                #expect(f.label(F.delegateQuestion) == "greeting,question")
            },
            Step("answer") {  // next is delegateAnswer again
                #expect(f.label(F.delegateAnswer) == "answer")
            },
            Step("<"),  // back to delegateAnswer
            Step("<"),  // back to delegateQuestion
            Step("n") {  // reject: none of the intents
                #expect(f.label(F.delegateQuestion) == "")
            },
            Step("a") {  // forward again through history: delegateAnswer relabeled
                #expect(f.label(F.delegateAnswer) == "answer")
            },
            Step("zz"),  // unknown: error, nothing stored
            Step("quit"),
        ])
        // After each decision the next item shows; undo returns to the undone item; back walks the history.
        #expect(shownMessages(transcript) == [F.changeAnswer, F.delegateQuestion, F.delegateAnswer, F.pending, F.delegateAnswer,
                                              F.delegateQuestion, F.delegateAnswer, F.pending, F.delegateAnswer, F.delegateQuestion,
                                              F.delegateAnswer, F.pending].map(\.description))
        #expect(transcript.contains("? unknown label or command 'zz'"))
        // The history holds every decision with old and new values; the current label follows from it.
        let history = try f.store.history(level: .message, itemID: F.delegateQuestion.description)
        #expect(history.map(\.action) == [.label, .undo, .label, .reject])
        #expect(history.map(\.oldValue) == [nil, "question", nil, "greeting,question"])
        #expect(history.map(\.newValue) == ["question", nil, "greeting,question", ""])
        #expect(history.allSatisfy { $0.annotator == "alice" && $0.at > 0 })
    }

    @Test("each item shows context, author, time, auto-tags with confidence and rules, and labels")
    func screen() throws {
        let f = try ReviewFixture()
        try f.store.setLabel(level: .message, itemID: ReviewFixture.delegateQuestion.description, labelSet: "message-intent",
                             annotator: "bob", value: "question", action: .label)
        let transcript = try f.run(.tags, set: "message-intent", lines: [".", "+", "?", "%", "quit"])
        #expect(transcript.contains("message 1451910159658000949 · #support · Mira | Mod (miraonchain) · 2025-12-"))
        #expect(transcript.contains("  ▶ 12-"))
        #expect(transcript.contains("can I change the delegate later?"), "context before the item")
        #expect(transcript.contains("auto    answer           0.40  rules: answer.reply-to-question"))
        #expect(transcript.contains("auto    question         0.62  rules: question.mark, question.how\n        greeting         0.45  rules: greeting.word"))
        #expect(transcript.contains("labels  you: — · bob: question"))
        #expect(transcript.contains("⚠ auto-tagger disagrees with bob: auto greeting, question, label question"))
        #expect(transcript.contains("q question · a answer · g greeting"))
        #expect(transcript.contains("  u | undo"))
        #expect(transcript.contains("0 decisions this session · 0 of 6 items done (0%)"))
        // `+` shows more context: the message 5 before now appears.
        let afterMore = try #require(transcript.range(of: "> +")).upperBound
        #expect(transcript[afterMore...].components(separatedBy: "\n").filter { $0.hasPrefix("    12-") }.count >= 4)
    }

    @Test("quit and resume: the next session starts at the item after the last decision, or where back left it")
    func resume() throws {
        let f = try ReviewFixture()
        try f.run(.tags, set: "message-intent", lines: ["y", "q", "quit"])
        let second = try f.run(.tags, set: "message-intent", lines: ["quit"])
        #expect(second.hasPrefix("Resuming tags · message-intent for alice."))
        #expect(shownMessages(second) == [F.delegateAnswer.description])
        try f.run(.tags, set: "message-intent", lines: ["<", "quit"])
        let fourth = try f.run(.tags, set: "message-intent", lines: ["a", "quit"])
        #expect(shownMessages(fourth) == [F.delegateQuestion, F.delegateAnswer].map(\.description))
        #expect(f.label(F.delegateQuestion) == "answer")
        // Another annotator has their own position and sees every item.
        let bob = try f.run(.tags, set: "message-intent", annotator: "bob", lines: ["quit"])
        #expect(shownMessages(bob) == [F.changeAnswer.description])
        // Undo reaches back into earlier sessions, one decision at a time.
        try f.run(.tags, set: "message-intent", lines: ["u", "quit"])
        #expect(f.label(F.delegateQuestion) == "question")
        try f.run(.tags, set: "message-intent", lines: ["u", "quit"])
        #expect(f.label(F.delegateQuestion) == nil)
        #expect(f.label(F.changeAnswer) == "answer")
    }
}

@Suite("Review session summary")
struct ReviewSummaryTests {
    func summary(_ f: ReviewFixture, lines: [String]) throws -> ReviewSummary {
        var pending = lines[...]
        return try ReviewSession(
            store: f.store,
            configuration: ReviewConfiguration(queue: .tags, labelSet: try f.labelSet("message-intent"), annotator: "alice",
                                               countInBackground: false),
            readLine: { pending.popFirst() }, write: { _ in }).run()
    }

    @Test("the summary counts decisions and says whether the queue was worked through")
    func finished() throws {
        let f = try ReviewFixture()
        // Lines from a file written on Windows end in CR; they mean the same.
        #expect(try summary(f, lines: ["y\r", "note fine\r", "quit\r"]) == ReviewSummary(decisions: 2, finished: false))
        #expect(try summary(f, lines: Array(repeating: "y", count: 5)) == ReviewSummary(decisions: 5, finished: true))
        #expect(try summary(f, lines: []) == ReviewSummary(decisions: 0, finished: true))
    }
}
