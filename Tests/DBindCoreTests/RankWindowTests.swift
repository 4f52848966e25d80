@testable import DBindCore
import Testing

@Suite struct RankWindowTests {
    @Test("keeps the ranks from the last forget on, forgetting only once they are half of what is kept")
    func forgetsInBulk() {
        var window = RankWindow<Int>()
        for rank in 0..<10 { window.append(rank * 10) }
        window.forget(before: 3)
        #expect(window.start == 0 && window[0] == 0, "3 of 10 are kept for now")
        window.forget(before: 6)
        #expect(window.start == 6 && window.end == 10 && window[6] == 60 && window[9] == 90)
        window[7] = 7
        window.append(100)
        #expect(window[7] == 7 && window.end == 11 && window[10] == 100)
        var empty = RankWindow<Int>()
        empty.forget(before: 5)
        #expect(empty.start == 0 && empty.end == 0)
    }

    @Test("a long channel's segmenter keeps only the ranks its windows reach, yet a late reply joins the first message's conversation")
    func segmenterForgetsWhatNoMessageReaches() {
        var chat = Chat()
        let first = chat.say(1, "my wifi drops every few minutes on the intel card", at: 0)
        // Hours of chatter, a message every ten seconds: far beyond every look-back window.
        chat.background(2000, from: 60)
        for k in 2..<chat.messages.count { chat.messages[k].time = 60_000 + Int64(k) * 10_000 }
        let reply = chat.say(2, "did the firmware update help", at: 30_000, reply: first)
        var model = LinkModel(window: 12, hiddenUnits: 0)
        model[.sameAuthor] = 0.5
        for linkModel in [nil, model] {
            var channel = ChannelSegmenter(options: SegmenterOptions(linkModel: linkModel), times: chat.messages.map(\.time),
                                           pins: SegmentPins(constraints: SegmentConstraints(), ordered: []),
                                           capacity: chat.messages.count)
            channel.scoreMemo = linkModel.map(LinkScoreMemo.init)
            var output = SegmentOutput(capacity: chat.messages.count)
            for (index, message) in chat.messages.enumerated() {
                channel.add(message, index: index, isQuestion: false, into: &output)
            }
            #expect(channel.times.start > 1500 && channel.times.end - channel.times.start < 400)
            #expect(channel.wordPool.start > 0 || linkModel == nil)
            #expect(output.links[reply].rule == .reply && output.links[reply].antecedentID == id(first))
            #expect(output.links[reply].conversation == output.links[first].conversation)
        }
    }
}
