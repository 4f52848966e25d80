import DBindCore
@testable import DBindReview
import DBindStore
import Foundation
import Testing

/// `move`, `split` and `merge`: MoveCommand, SplitCommand, MergeCommand, and undoing each.
@Suite("Conversation commands")
struct ConversationCommandsTests {
    @Test("conversations: move, split and merge, each undoable, with links and counts checked")
    func conversations() throws {
        let f = try ReviewFixture()
        let pendingConversation = try #require(try f.store.conversationID(message: F.pending))
        let votingConversation = try #require(try f.store.conversationID(message: F.votingPower))
        let lonely = try #require(try f.store.conversationID(message: F.selfDelegated))
        var splitOff: Int64 = 0
        let transcript = try f.run(.conversations, set: "conversation", steps: [
            Step("split 4") { () throws in  // weakest link first: the pending-transaction conversation; "why did it get stuck?" starts anew
                let info = try #require(try f.store.conversation(id: pendingConversation))
                #expect(info.links.map(\.messageID) == [F.pending, F.nonceAnswer, F.worked])
                splitOff = try #require(try f.store.conversationID(message: F.whyStuck))
                #expect(splitOff != pendingConversation)
                let new = try #require(try f.store.conversation(id: splitOff))
                #expect(new.links.map(\.messageID) == [F.whyStuck, F.gasAnswer])
                #expect(new.links.allSatisfy { $0.origin == "manual" })
            },
            Step("u") { () throws in
                let info = try #require(try f.store.conversation(id: pendingConversation))
                #expect(info.links.map(\.messageID) == [F.pending, F.nonceAnswer, F.worked, F.whyStuck, F.gasAnswer])
                #expect(info.links.map(\.origin).allSatisfy { $0 == "auto" })
                #expect(try f.store.conversation(id: splitOff) == nil, "the emptied conversation is gone")
            },
            Step("split 4"),
            Step("y") {
                #expect(f.label(.conversation, String(pendingConversation), "conversation") == "correct")
            },
            Step("merge \(votingConversation)") { () throws in  // next weakest: the lonely "I self-delegated yesterday"; it belongs to the voting-power one
                #expect(try f.store.conversation(id: votingConversation) == nil)
                let info = try #require(try f.store.conversation(id: lonely))
                #expect(Set(info.links.map(\.messageID)) == [F.votingPower, F.snapshotAnswer, F.selfDelegated])
            },
            Step("u") { () throws in
                #expect(try f.store.conversation(id: votingConversation)?.links.map(\.messageID) == [F.votingPower, F.snapshotAnswer])
                #expect(try f.store.conversation(id: lonely)?.links.map(\.messageID) == [F.selfDelegated])
            },
            Step("move 1 \(votingConversation)") { () throws in
                #expect(try f.store.conversationID(message: F.selfDelegated) == votingConversation)
                #expect(try f.store.conversation(id: lonely) == nil)
            },
            Step("quit"),
        ])
        #expect(transcript.contains("[1]  "))
        #expect(transcript.contains("‹time-gap 0.35 ↳[3]›"))
        #expect(transcript.contains("conversation \(lonely) is no longer in the store"))
        // A refused edit is about the request: the error names no database file.
        let refused = #expect(throws: LabelError.self) {
            try f.store.moveMessages([F.pending], to: 42, kind: .move, item: nil, annotator: "alice")
        }
        #expect(refused?.description == "conversation 42 does not exist")
        // Counts and bounds of the touched conversations follow the messages.
        #expect(try f.store.conversation(id: votingConversation)?.messageCount == 3)
        // The segmenter's re-run keeps hand-placed messages where the person put them.
        try f.store.replaceAutoConversations(channel: F.support, [
            AutoConversation(members: [AutoConversation.Member(messageID: F.selfDelegated, rule: "start", score: 1)]),
        ])
        #expect(try f.store.conversationID(message: F.selfDelegated) == votingConversation)
    }
}
