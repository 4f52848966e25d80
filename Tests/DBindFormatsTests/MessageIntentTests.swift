import DBindCore
import DBindFormats
import DBindTestSupport
import Foundation
import Testing

/// Message intents of the bundled base schema on typical Discord messages.
@Suite struct MessageIntentTests {
    let classifier: Classifier

    init() throws {
        classifier = Classifier(schema: try TagSchemaLoader(searchDirectories: [RepoPaths.root + "/schemas"]).load("base"))
    }

    func intents(_ text: String, bot: Bool = false, roles: [String] = [], reply: Bool = false, file: String? = nil,
                 pinned: Bool = false, kind: MessageKind = .default) -> Set<String> {
        let author = Author(id: Snowflake(7), name: "someone", isBot: bot,
                            roles: roles.isEmpty ? nil : roles.map { Role(id: Snowflake(9), name: $0) })
        let message = Message(
            id: Snowflake(42), channelID: Snowflake(1), kind: reply ? .reply : kind, timestamp: Timestamp(milliseconds: 0),
            isPinned: pinned, content: text, author: author,
            attachments: file.map { [Attachment(id: Snowflake(1), url: "https://cdn/\($0)", fileName: $0, fileSizeBytes: 1)] } ?? [],
            reference: reply ? MessageReference(messageID: Snowflake(41)) : nil
        )
        return Set(classifier.classify(message: message).map { String($0.tag.dropFirst("message.intent/".count)) })
    }

    @Test func typicalMessages() {
        #expect(intents("how do I bridge to arbitrum?") == ["question"])
        #expect(intents("gm frens") == ["greeting"])
        #expect(intents("Hey everyone, quick question: is staking paused?") == ["greeting", "question"])
        #expect(intents("thanks, that fixed it!") == ["thanks"])
        #expect(intents("You need to approve the token first, then stake.", roles: ["Moderator"], reply: true) == ["answer"])
        #expect(intents("https://github.com/org/repo/pull/12") == ["link-share"])
        #expect(intents("!rank") == ["bot-command"])
        #expect(intents("?help") == ["bot-command"])
        #expect(intents("", file: "screenshot.png") == ["media"])
        #expect(intents("I propose we move the weekly call to Thursdays so more time zones can join.") == ["proposal"])
        #expect(intents("I vote yes on AIP-12, the numbers make sense.") == ["vote"])
        #expect(intents("@everyone We are excited to announce that the v2 release is now live for all users, with faster sync, a new dashboard and hardware wallet support. Read more on the blog.", pinned: true) == ["announcement"])
        #expect(intents("ok") == [])
    }

    @Test func assignmentsCarryRulesAndSchema() throws {
        let author = Author(id: Snowflake(7), name: "someone")
        let message = Message(id: Snowflake(42), channelID: Snowflake(1), timestamp: Timestamp(milliseconds: 0),
                              content: "thank you so much", author: author)
        let thanks = try #require(classifier.classify(message: message).first)
        #expect(thanks.level == .message)
        #expect(thanks.itemID == "42")
        #expect(thanks.tag == "message.intent/thanks")
        #expect(thanks.ruleIDs == ["thanks.short", "thanks.words"])
        #expect(abs(thanks.confidence - (1 - 0.2 * 0.45)) < 1e-9)
        #expect(thanks.schemaName == "base")
    }
}
