import DBindCore
@testable import DBindReview
import DBindStore
import Foundation
import Testing

@Suite("Review screens")
struct ReviewRendererTests {
    static let japanese = "東京のノードが同期しません。ブロック高が一万で止まったままです。再起動しても直りません。どうすればいいですか？"

    func item(focusText: String, contextCount: Int) -> ReviewItem {
        let author = Author(id: Snowflake(7), name: "yuki", nickname: "ゆき")
        var item = ReviewItem(level: .message, itemID: "100")
        for i in 0..<(2 * contextCount + 1) {
            let id = Snowflake(UInt64(100 - contextCount + i))
            let text = i == contextCount ? focusText : Self.japanese + " (\(i))"
            item.messages.append(Message(id: id, channelID: Snowflake(1), timestamp: Timestamp(milliseconds: 1_700_000_000_000 + Int64(i) * 60_000),
                                         content: text, author: author))
        }
        item.focus = [Snowflake(100)]
        return item
    }

    @Test("the message under review comes first, whatever the context holds")
    func focusFirst() {
        let renderer = ReviewRenderer(labelSet: LabelSet(name: "message-intent", level: .message, labels: []), annotator: "a", width: 60)
        let screen = renderer.screen(item(focusText: Self.japanese, contextCount: 12), header: "tags 1/3")
        let lines = screen.split(separator: "\n").map(String.init)
        let focus = try! #require(lines.firstIndex { $0.hasPrefix("  ▶ ") })
        #expect(focus == 2, "header rule, message line, then the item: \(lines.prefix(4))")
        #expect(lines.firstIndex { $0 == "context" }! > focus)
    }

    @Test("long lines wrap at spaces with a hanging indent, and wide characters count two columns")
    func wrapping() {
        let renderer = ReviewRenderer(labelSet: LabelSet(name: "message-intent", level: .message, labels: []), annotator: "a", width: 50)
        let english = "my validator keeps missing attestations after the upgrade to version 1.4.2 and I cannot see why"
        for text in [english, Self.japanese, "see 👩‍👩‍👧‍👦🇯🇵 " + english] {
            let screen = renderer.screen(item(focusText: text, contextCount: 1), header: "tags")
            let lines = screen.split(separator: "\n").map(String.init)
            for line in lines {
                #expect(DisplayWidth.columns(line) <= 50, "too wide: \(line)")
            }
            let start = try! #require(lines.firstIndex { $0.hasPrefix("  ▶ ") })
            let author = try! #require(lines[start].range(of: "ゆき: "))
            let head = DisplayWidth.columns(lines[start][..<author.upperBound])
            var body = [String(lines[start][author.upperBound...])]
            for line in lines[(start + 1)...] where line.hasPrefix(String(repeating: " ", count: head)) {
                body.append(String(line.dropFirst(head)))
            }
            #expect(body.count >= 2, "the text wraps")
            let joined = text.contains(" ") ? body.joined(separator: " ") : body.joined()
            #expect(joined == text, "wrapping loses nothing")
            if text == english {
                #expect(body.allSatisfy { !$0.hasPrefix(" ") && !$0.hasSuffix(" ") }, "breaks fall at spaces")
            }
        }
    }
}

@Suite("Display width and progress line")
struct DisplayWidthTests {
    @Test("columns: ASCII one, CJK and emoji two, combining marks none")
    func columns() {
        #expect(DisplayWidth.columns("abc") == 3)
        #expect(DisplayWidth.columns("東京") == 4)
        #expect(DisplayWidth.columns("e\u{301}") == 1)
        #expect(DisplayWidth.columns("👩‍👩‍👧‍👦") == 2)
        #expect(DisplayWidth.columns("🇯🇵") == 2)
        #expect(DisplayWidth.columns("ｱｲ") == 2, "halfwidth katakana is narrow")
    }

    @Test("middle truncation keeps both ends within the width")
    func middle() {
        let name = "Lumen DAO - Community - support-and-questions-for-new-members [910928213307360147].json"
        let cut = DisplayWidth.truncateMiddle(name, to: 30)
        #expect(DisplayWidth.columns(cut) <= 30 && cut.hasPrefix("Lumen") && cut.hasSuffix(".json") && cut.contains("…"))
    }
}
