@testable import DBindCore
import Testing

/// An archive in memory that counts what goes through it.
private final class MemoryArchive: SegmentArchive {
    var ranks: [ArchivedRank] = []
    var conversations: [Int: ConversationState] = [:]
    var restored = 0

    func append(_ rank: ArchivedRank) { ranks.append(rank) }
    func rank(_ rank: Int) -> ArchivedRank { ranks[rank] }
    func rank(of id: Snowflake) -> Int? { ranks.lazy.map(\.id).sortedIndex(of: id) }
    func store(_ conversation: ConversationState, at index: Int) { conversations[index] = conversation }
    func conversation(at index: Int) -> ConversationState {
        restored += 1
        return conversations[index]!
    }
}

@Suite struct SegmentArchiveTests {
    /// Hours of help-channel chat, a message every ten seconds, with replies and pins reaching
    /// messages and conversations far behind every window.
    static func longChannel() -> (Chat, SegmentConstraints) {
        var chat = Chat()
        let lines = [
            (1, "how do I mount the partition read only?"), (2, "alice: use mount -o ro on the device"),
            (3, "anyone tried the new kernel on nvidia"), (1, "bob: thanks, that worked"), (4, "!grub"),
            (5, "grub is the bootloader, see the wiki"), (3, "which driver version do you run?"),
            (4, "carol: the 550 one from the archive"), (2, "is wayland stable on this card?"), (5, "hello all"),
        ]
        for k in 0..<2400 {
            let (author, text) = lines[(k * 7 + k / 10) % lines.count]
            let reply = k >= 600 && k % 97 == 0 ? k - 550 : nil
            chat.say(author, text + " \(k % 13)", at: Int64(k) * 10, reply: reply, system: k % 211 == 5)
        }
        return (chat, SegmentConstraints(links: [id(2300): id(40), id(1200): id(700)], starts: [id(1800)]))
    }

    @Test("a channel segmented with an archive links as one kept whole: replies and pins reach archived messages and bring back their conversations")
    func archivedChannelLinksAsWhole() {
        let (chat, constraints) = Self.longChannel()
        var model = LinkModel(window: 12, hiddenUnits: 0)
        model[.sameAuthor] = 0.5
        model[.start] = -0.3
        model[.conversationMine] = 0.4
        model[.conversationLatest] = 0.2
        for linkModel in [nil, model] {
            let segmenter = Segmenter(options: SegmenterOptions(linkModel: linkModel))
            let whole = segmenter.segment(chat.messages, constraints: constraints)
            let archive = MemoryArchive()
            var memo: LinkScoreMemo?
            var stream = ChannelSegmentation(options: segmenter.options, pace: chat.pace, ids: chat.messages.map(\.id),
                                             constraints: constraints, memo: &memo, archive: archive)
            var links: [MessageLink] = []
            for (k, message) in chat.messages.enumerated() {
                stream.add(message, isQuestion: segmenter.isQuestion(message.text))
                if k % 500 == 499 { links += stream.takeLinks() }
            }
            let count = stream.conversationCount
            let streamed = stream.finish(memo: &memo)
            links += streamed.links
            #expect(links == whole.links)
            #expect(streamed.conversations.isEmpty && count == whole.conversations.count)
            #expect((0..<count).map { archive.conversations[$0]?.summary } == whole.conversations.map { $0 })
            #expect(archive.ranks.count > 2000, "ranks behind the windows are archived")
            if linkModel == nil { #expect(archive.restored >= 5, "replies and pins brought conversations back") }
            #expect(whole.links[2300].rule == .pinned && whole.links[2300].antecedentID == id(40))
            #expect(whole.links[1164].rule == .reply && whole.links[1164].antecedentID == id(614))
            #expect(whole.links[1164].conversation == whole.links[614].conversation)
        }
    }

    @Test("ids that stop growing with time reach archived messages through their ranks")
    func idsOutOfOrderReachArchivedMessages() {
        var (chat, constraints) = Self.longChannel()
        // Ids grow for the first 1,000 messages, then fall.
        let renumber = { (old: Snowflake) in old.rawValue < 1100 ? old : Snowflake(1_000_000 - old.rawValue) }
        for k in chat.messages.indices {
            chat.messages[k].id = renumber(chat.messages[k].id)
            chat.messages[k].replyToID = chat.messages[k].replyToID.map(renumber)
        }
        constraints = SegmentConstraints(links: Dictionary(uniqueKeysWithValues: constraints.links.map { (renumber($0), renumber($1)) }),
                                         starts: Set(constraints.starts.map(renumber)))
        let segmenter = Segmenter()
        let whole = segmenter.segment(chat.messages, constraints: constraints)
        var memo: LinkScoreMemo?
        var stream = ChannelSegmentation(options: segmenter.options, pace: chat.pace, ids: chat.messages.map(\.id),
                                         constraints: constraints, memo: &memo, archive: MemoryArchive())
        for message in chat.messages { stream.add(message, isQuestion: segmenter.isQuestion(message.text)) }
        #expect(stream.finish(memo: &memo).links == whole.links)
        #expect(whole.links[2300].antecedentID == renumber(id(40)) && whole.links[1164].antecedentID == id(614))
    }

    @Test("the segmenter's hash map removes keys, one by one or by value, and finds every other key after")
    func integerMapRemoves() {
        var map = IntegerMap<Int>()
        var reference: [UInt64: Int] = [:]
        var state: UInt64 = 42
        for step in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            let key = state >> 52
            if step % 3 == 0 {
                map.remove(key)
                reference[key] = nil
            } else {
                map.set(key, step)
                reference[key] = step
            }
        }
        #expect(map.count == reference.count)
        for key in UInt64(0)..<4096 { #expect(map[key] == reference[key]) }
        map.removeAll { $0 % 2 == 0 }
        reference = reference.filter { $0.value % 2 != 0 }
        #expect(map.count == reference.count && !reference.isEmpty)
        for key in UInt64(0)..<4096 { #expect(map[key] == reference[key]) }
    }
}
