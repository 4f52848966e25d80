import DBindCore
@testable import DBindReview
import DBindStore
import Foundation
import Testing

/// `type`, `span <start> <end>` and `span <text>`: SpanTypeCommand, SpanRangeCommand, SpanTextCommand.
@Suite("Span commands")
struct SpanCommandsTests {
    @Test("entity spans: change the type, move the bounds (by range and by text), reject; effective spans follow")
    func entitySpans() throws {
        let f = try ReviewFixture()
        let ensContent = try #require(try f.store.messages(ids: [F.ens]).first).content
        let ensRange = try #require(SpanTextCommand.find("yuki.eth", in: ensContent, near: 0))
        let bridgeKey = try #require(try f.store.spans(message: F.bridge).first).key.description
        let ensKey = try #require(try f.store.spans(message: F.ens).first).key.description
        let transcript = try f.run(.entities, set: "entity-span", steps: [
            Step("type ens-name") {  // least confident first: the ENS span "(yuki.eth)"
                #expect(f.label(.span, ensKey, "entity-span") == "ens-name@\(ensRange.start - 1)-\(ensRange.end + 1)")
            },
            Step("span yuki.eth") {
                #expect(f.label(.span, ensKey, "entity-span") == "ens-name@\(ensRange.start)-\(ensRange.end)")
            },
            Step("y") { () throws in
                let effective = try f.store.effectiveSpans(message: F.ens)
                #expect(effective.map(\.text) == ["yuki.eth"])
                #expect(effective.first?.type == "ens-name")
                #expect(effective.first?.source == .manual)
            },
            Step("span 0 3") {  // the address span: narrow it by code points
                #expect(f.label(.span, bridgeKey, "entity-span")?.hasSuffix("@0-3") == true)
            },
            Step("span 0 100000"),  // outside the message: refused, nothing stored
            Step("n") { () throws in  // not an entity after all
                #expect(f.label(.span, bridgeKey, "entity-span") == "")
                #expect(try f.store.effectiveSpans(message: F.bridge).isEmpty)
            },
            Step("u") {  // back to the narrowed span
                #expect(f.label(.span, bridgeKey, "entity-span")?.hasSuffix("@0-3") == true)
            },
            Step("quit"),
        ])
        #expect(transcript.contains("⟦(yuki.eth)⟧"))
        #expect(transcript.contains("⟦yuki.eth⟧"))
        #expect(transcript.contains("entity   address 0.95 · rule entity.eth-address"))
        #expect(transcript.contains("error: the message has"))
    }

    @Test("span <text> takes the occurrence nearest to where the span was, in code points")
    func nearestOccurrence() {
        let content = "eth é eth 👩‍💻 eth"
        #expect(SpanTextCommand.find("eth", in: content, near: 0)! == (0, 3))
        #expect(SpanTextCommand.find("eth", in: content, near: 7)! == (6, 9))
        #expect(SpanTextCommand.find("eth", in: content, near: 40)! == (content.unicodeScalars.count - 3, content.unicodeScalars.count))
        #expect(SpanTextCommand.find("btc", in: content, near: 0) == nil)
        #expect(SpanTextCommand.find("", in: content, near: 0) == nil)
    }
}
