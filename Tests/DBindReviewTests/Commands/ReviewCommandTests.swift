import DBindCore
@testable import DBindReview
import DBindStore
import Foundation
import Testing

@Suite("Review commands")
struct ReviewCommandTests {
    @Test("every line a reviewer types reaches the command of its own file; blank lines and quit reach none")
    func dispatch() throws {
        let labelSet = try ReviewFixture().labelSet("message-intent")
        let cases: [(String, any ReviewCommand.Type)] = [
            ("?", HelpCommand.self), ("%", ProgressCommand.self), ("+", MoreContextCommand.self), (".", SkipCommand.self),
            ("<", BackCommand.self), ("u", UndoCommand.self), ("jump 12", JumpCommand.self), ("/gas", SearchCommand.self),
            ("note later", NoteCommand.self), ("y", AcceptCommand.self), ("n", RejectCommand.self),
            ("question", LabelCommand.self), ("type ens-name", SpanTypeCommand.self), ("span 0 3", SpanRangeCommand.self),
            ("span yuki.eth", SpanTextCommand.self), ("move 2 new", MoveCommand.self), ("split 3", SplitCommand.self),
            ("merge 7", MergeCommand.self),
        ]
        for (line, type) in cases {
            let command = try #require(try ReviewInput.parse(line, labelSet: labelSet).command, "\(line)")
            #expect(Swift.type(of: command) == type, "\(line)")
        }
        #expect(try ReviewInput.parse("   ", labelSet: labelSet).command == nil)
        #expect(try ReviewInput.parse("quit", labelSet: labelSet).command == nil)
        let move = try #require(try ReviewInput.parse("move 2 new", labelSet: labelSet).command as? MoveCommand)
        #expect(move.number == 2 && move.target == nil)
    }
}
