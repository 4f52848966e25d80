import DBindCore
import Testing

/// Builds a small channel of messages: authors are numbered, message k gets id 100 + k.
struct Chat {
    static let names = ["", "alice", "bob", "carol", "dave", "erin", "steve^", "ubot"]
    var messages: [SegmentMessage] = []
    var channel = Snowflake(1)

    @discardableResult
    mutating func say(_ author: Int, _ text: String, at seconds: Int64, reply: Int? = nil, mentions: [Int] = [],
                      system: Bool = false, displayName: String? = nil, bot: Bool = false) -> Int {
        let index = messages.count
        messages.append(SegmentMessage(
            id: Snowflake(UInt64(100 + index)), channelID: channel, time: seconds * 1000,
            authorID: Snowflake(UInt64(author)), authorName: Chat.names[author], authorDisplayName: displayName,
            text: text, replyToID: reply.map { Snowflake(UInt64(100 + $0)) },
            mentionIDs: mentions.map { Snowflake(UInt64($0)) }, isSystem: system, isBot: bot))
        return index
    }

    /// Unrelated chatter from authors 3 and 4 that gives later words a document frequency.
    mutating func background(_ count: Int, from start: Int64) {
        for k in 0..<count {
            say(3 + k % 2, "random chatter number\(k) about topic\(k) today", at: start + Int64(k))
        }
    }

    /// The channel's pace, as `dbind tag` takes it while reading the times.
    var pace: PaceHistogram {
        var pace = PaceHistogram()
        for message in messages { pace.add(message.time) }
        return pace
    }

    func segment(_ options: SegmenterOptions = SegmenterOptions(), constraints: SegmentConstraints = SegmentConstraints())
        -> SegmentationResult {
        Segmenter(options: options).segment(messages, constraints: constraints)
    }
}

func id(_ index: Int) -> Snowflake { Snowflake(UInt64(100 + index)) }

/// A link as the tests state it: the index of the antecedent in the `Chat` and the rule.
struct Linked: Equatable {
    var antecedent: Int?
    var rule: LinkRule

    init(_ antecedent: Int?, _ rule: LinkRule) { (self.antecedent, self.rule) = (antecedent, rule) }

    init(_ link: MessageLink) { self.init(link.antecedentID.map { Int($0.rawValue) - 100 }, link.rule) }
}

@Suite struct SegmenterRuleTests {
    @Test func explicitReplyWinsOverEverything() {
        var chat = Chat()
        let question = chat.say(1, "my wifi drops every few minutes", at: 0)
        chat.say(2, "grub shows a black screen", at: 10)
        let answer = chat.say(3, "bob: try nomodeset", at: 20, reply: question)
        let link = chat.segment().links[answer]
        #expect(Linked(link) == Linked(question, .reply))
        #expect(link.score == 1)
    }

    @Test func addressingLinksToTheAddresseesLatestMessage() {
        var chat = Chat()
        chat.say(1, "my wifi drops every few minutes", at: 0)
        let latest = chat.say(1, "it is an intel card", at: 5)
        chat.say(2, "grub shows a black screen", at: 10)
        let answer = chat.say(3, "alice: which driver do you use", at: 20)
        let link = chat.segment().links[answer]
        #expect(Linked(link) == Linked(latest, .address))
    }

    @Test func addressingPrefersTheMessageAddressedBack() {
        var chat = Chat()
        chat.say(1, "my wifi drops every few minutes", at: 0)
        let help = chat.say(2, "alice: try iwconfig power off", at: 10)
        chat.say(2, "carol: hello there", at: 15)
        let reply = chat.say(1, "bob: that did not help", at: 20)
        let link = chat.segment().links[reply]
        #expect(Linked(link) == Linked(help, .addressBack))
    }

    @Test func addressingAgainFollowsUpOwnMessage() {
        var chat = Chat()
        chat.say(1, "my wifi drops every few minutes", at: 0)
        let first = chat.say(2, "alice: try iwconfig power off", at: 10)
        let second = chat.say(2, "alice: or update the firmware", at: 20)
        let link = chat.segment().links[second]
        #expect(Linked(link) == Linked(first, .addressOwn))
    }

    @Test func shortenedAndDecoratedNicksStillAddress() {
        var chat = Chat()
        let aliceSaid = chat.say(1, "my wifi drops every few minutes", at: 0)
        let steveSaid = chat.say(6, "sound is gone after the upgrade", at: 5)
        let toAlice = chat.say(2, "ali: try iwconfig", at: 10)
        let toSteve = chat.say(3, "steve: check alsamixer", at: 20)
        let links = chat.segment().links
        #expect(links[toAlice].antecedentID == id(aliceSaid))
        #expect(Linked(links[toSteve]) == Linked(steveSaid, .address))
    }

    @Test func leadingAtDisplayNameAddresses() {
        var chat = Chat()
        let said = chat.say(5, "where do I set the locale", at: 0, displayName: "Erin Smith")
        chat.say(2, "grub shows a black screen", at: 10)
        let answer = chat.say(3, "@Erin Smith run dpkg-reconfigure locales", at: 20, mentions: [5])
        let link = chat.segment().links[answer]
        #expect(Linked(link) == Linked(said, .address))
    }

    @Test func laterMentionLinksToTheMentionedAuthor() {
        var chat = Chat()
        let said = chat.say(1, "my wifi drops every few minutes", at: 0)
        chat.say(2, "grub shows a black screen", at: 10)
        let byID = chat.say(3, "I had the same thing as alice last week", at: 20, mentions: [1])
        let byText = chat.say(4, "same problem here as @alice", at: 25)
        let links = chat.segment().links
        #expect(Linked(links[byID]) == Linked(said, .mention))
        #expect(Linked(links[byText]) == Linked(said, .mention))
    }

    @Test func botAnswerLinksToTheCommand() {
        var chat = Chat()
        chat.say(1, "my wifi drops every few minutes", at: 0)
        let command = chat.say(2, "!wifi", at: 10)
        let answer = chat.say(7, "Wireless help is at https://help.example/wifi", at: 11)
        let link = chat.segment().links[answer]
        #expect(Linked(link) == Linked(command, .command))
    }

    @Test func unaddressedMessageAnswersWhoeverAddressedTheAuthor() {
        var chat = Chat()
        chat.say(1, "my wifi drops every few minutes", at: 0)
        let help = chat.say(2, "alice: try iwconfig power off", at: 30)
        let reply = chat.say(1, "that worked, thanks", at: 40)
        let link = chat.segment().links[reply]
        #expect(Linked(link) == Linked(help, .response))
    }

    @Test func sameAuthorContinues() {
        var chat = Chat()
        let first = chat.say(1, "my wifi drops every few minutes", at: 0)
        chat.say(2, "grub shows a black screen", at: 10)
        let more = chat.say(1, "it is an intel card", at: 30)
        let link = chat.segment().links[more]
        #expect(Linked(link) == Linked(first, .continuation))
        #expect(link.score > 0.35 && link.score < 0.7)
    }

    @Test func greetingIsNotContinued() {
        var chat = Chat()
        let hello = chat.say(1, "hi all", at: 0)
        let problem = chat.say(1, "my wifi drops every few minutes", at: 20)
        let more = chat.say(1, "it is an intel card", at: 40)
        let links = chat.segment().links
        #expect(links[hello].rule == .start)
        #expect(links[problem].rule == .start)
        #expect(links[more].antecedentID == id(problem))

        var other = Chat()
        other.say(2, "good morning everyone", at: 0)
        let asked = other.say(2, "hi, how do I mount a drive?", at: 10)
        let detail = other.say(2, "it is an external usb disk", at: 20)
        let otherLinks = other.segment().links
        #expect(otherLinks[asked].rule == .start)
        #expect(otherLinks[detail].antecedentID == id(asked))
    }

    @Test func answerToAQuestionSharingRareWords() {
        var chat = Chat()
        chat.background(40, from: 0)
        let question = chat.say(1, "how do I configure postfix relayhost smarthost?", at: 100)
        let answer = chat.say(2, "postfix relayhost and smarthost go in main.cf", at: 130)
        let link = chat.segment().links[answer]
        #expect(Linked(link) == Linked(question, .answer))
    }

    @Test func lexicalOverlapWithAStatement() {
        var chat = Chat()
        chat.background(60, from: 0)
        let statement = chat.say(1, "compiling nvidia kernel module fails with dkms headers", at: 100)
        let related = chat.say(2, "nvidia kernel module under dkms needs matching headers", at: 130)
        let link = chat.segment().links[related]
        #expect(Linked(link) == Linked(statement, .lexical))
    }

    @Test func unrelatedMessageStartsAConversation() {
        var chat = Chat()
        chat.say(1, "my wifi drops every few minutes", at: 0)
        let fresh = chat.say(2, "is there a way to resize a partition", at: 10)
        let result = chat.segment()
        #expect(result.links[fresh].antecedentID == nil)
        #expect(result.links[fresh].rule == .start)
        #expect(result.links[fresh].conversation != result.links[0].conversation)
    }

    @Test func systemMessagesStandAlone() {
        var chat = Chat()
        let first = chat.say(1, "my wifi drops every few minutes", at: 0)
        let join = chat.say(2, "bob has joined", at: 5, system: true)
        let more = chat.say(1, "it is an intel card", at: 10)
        let result = chat.segment()
        #expect(result.links[join].rule == .system)
        #expect(result.links[join].antecedentID == nil)
        #expect(result.links[more].antecedentID == id(first))
        #expect(result.conversations.count == 2)
    }

    @Test func timeBlockStopsImplicitLinksButNotExplicitOnes() {
        var chat = Chat()
        let first = chat.say(1, "my wifi drops every few minutes", at: 0)
        let later = chat.say(1, "it is an intel card", at: 120)
        let reply = chat.say(2, "bob again", at: 240, reply: first)
        var options = SegmenterOptions(gapMilliseconds: 60_000)
        let blocked = chat.segment(options).links
        #expect(blocked[later].rule == .start)
        #expect(blocked[reply].antecedentID == id(first))
        options.gapMilliseconds = nil
        #expect(chat.segment(options).links[later].rule == .continuation)
    }

    @Test func adaptiveGapFollowsTheChannelPace() {
        let segmenter = Segmenter()
        let busy = (0..<100).map { Int64($0) * 10_000 }
        let slow = (0..<100).map { Int64($0) * 3_600_000 }
        let steady = (0..<100).map { Int64($0) * 60_000 }
        #expect(segmenter.blockGap(times: busy) == 10 * 60_000)
        #expect(segmenter.blockGap(times: slow) == 12 * 3_600_000)
        let paced = segmenter.blockGap(times: steady)
        #expect(paced > 20 * 60_000 && paced < 30 * 60_000)
        #expect(Segmenter(options: SegmenterOptions(gapMilliseconds: 5000)).blockGap(times: slow) == 5000)
    }
}

@Suite struct SegmenterOutputTests {
    @Test func pinsOverrideTheRules() {
        var chat = Chat()
        let first = chat.say(1, "my wifi drops every few minutes", at: 0)
        let other = chat.say(2, "grub shows a black screen", at: 10)
        let more = chat.say(1, "it is an intel card", at: 20)
        let fresh = chat.say(3, "is there a way to resize a partition", at: 30)
        let constraints = SegmentConstraints(
            links: [id(other): id(fresh), Snowflake(9999): id(first)], starts: [id(more)])
        let result = chat.segment(constraints: constraints)
        #expect(result.links[more].rule == .pinned)
        #expect(result.links[more].antecedentID == nil)
        #expect(result.links[fresh].antecedentID == id(other))
        #expect(result.links[fresh].rule == .pinned)
        #expect(result.ignoredPins == [Snowflake(9999)])
        #expect(result.links[first].conversation != result.links[more].conversation)
    }

    @Test("a channel linked message by message, as its pages are read, links as the whole channel does: pins, replies, blocks and the scorer")
    func messageByMessageMatchesWholeChannel() {
        let (chat, constraints) = Self.helpDesk()
        for linkModel in [nil, Self.scorer] {
            let segmenter = Segmenter(options: SegmenterOptions(linkModel: linkModel))
            let whole = segmenter.segment(chat.messages, constraints: constraints)
            var memo: LinkScoreMemo?
            var stream = ChannelSegmentation(options: segmenter.options, pace: chat.pace, ids: chat.messages.map(\.id),
                                             constraints: constraints, memo: &memo)
            for message in chat.messages { stream.add(message, isQuestion: segmenter.isQuestion(message.text)) }
            let streamed = stream.finish(memo: &memo)
            #expect(streamed.links == whole.links)
            #expect(streamed.conversations == whole.conversations)
            #expect(streamed.ignoredPins == [Snowflake(9999)] && whole.ignoredPins == streamed.ignoredPins)
            #expect((memo != nil) == (linkModel != nil), "the scorer's memo is handed back")
            if linkModel == nil { #expect(Set(whole.links.map(\.rule)).isSuperset(of: [.reply, .pinned, .command, .system, .start])) }
        }
    }

    @Test("ids that stop growing with time (imported data) link as growing ids do: replies, pins and the scorer reach the same messages")
    func idsOutOfOrderLinkTheSame() {
        let (chat, constraints) = Self.helpDesk()
        // Ids grow for the first 20 messages, then fall.
        let renumber = { (old: Snowflake) in old.rawValue < 120 || old.rawValue >= 9999 ? old : Snowflake(100_000 - old.rawValue) }
        var shuffled = chat
        for k in shuffled.messages.indices {
            shuffled.messages[k].id = renumber(shuffled.messages[k].id)
            shuffled.messages[k].replyToID = shuffled.messages[k].replyToID.map(renumber)
        }
        let moved = SegmentConstraints(links: Dictionary(uniqueKeysWithValues: constraints.links.map { (renumber($0), renumber($1)) }),
                                       starts: Set(constraints.starts.map(renumber)))
        for linkModel in [nil, Self.scorer] {
            let segmenter = Segmenter(options: SegmenterOptions(linkModel: linkModel))
            let growing = segmenter.segment(chat.messages, constraints: constraints)
            let falling = segmenter.segment(shuffled.messages, constraints: moved)
            #expect(falling.links.map { $0.antecedentID } == growing.links.map { $0.antecedentID.map(renumber) })
            #expect(falling.links.map(\.rule) == growing.links.map(\.rule))
            #expect(falling.links.map(\.conversation) == growing.links.map(\.conversation))
            if linkModel == nil {
                #expect(falling.links.filter { $0.rule == .reply }.count == 2, "both replies reach back past the renumbering")
                #expect(falling.links.contains { $0.rule == .pinned })
            }
        }
    }

    /// A help channel with replies (one reaching past the block gap), a pin, a start pin, a
    /// system notice and a bot command, after chatter that gives words a frequency.
    static func helpDesk() -> (Chat, SegmentConstraints) {
        var chat = Chat()
        chat.background(30, from: 0)
        let question = chat.say(1, "how do I resize a partition with gparted?", at: 40)
        let answer = chat.say(2, "alice: boot a live usb and run gparted from there", at: 45)
        chat.say(5, "anyone here using wayland on nvidia?", at: 50)
        let thanks = chat.say(1, "thanks that worked", at: 60, reply: question)
        chat.say(6, "steve^ joined", at: 61, system: true)
        let which = chat.say(3, "which partition table do you have", at: 70, mentions: [1])
        chat.say(4, "!grub", at: 80)
        chat.say(7, "grub is the bootloader, see the wiki", at: 81)
        chat.say(5, "erin: yes since 22.04 it works", at: 5000)
        chat.say(1, "gparted says the partition is locked", at: 5010, reply: answer)
        return (chat, SegmentConstraints(links: [id(which): id(thanks), Snowflake(9999): id(question)], starts: [id(answer)]))
    }

    static let scorer: LinkModel = {
        var model = LinkModel(window: 8, hiddenUnits: 0)
        model[.start] = -0.4
        model[.sameAuthor] = 0.6
        model[.gap10s] = 0.3
        model[.otherBlock] = -2
        return model
    }()

    @Test func summariesDescribeEachConversation() {
        var chat = Chat()
        let question = chat.say(1, "how do I resize a partition?", at: 0)
        chat.say(2, "alice: use gparted from a live usb", at: 30)
        chat.say(1, "bob: and my data stays?", at: 60)
        chat.say(4, "anyone using wayland", at: 70)
        let result = chat.segment()
        #expect(result.conversations.count == 2)
        let help = result.conversations[result.links[question].conversation]
        #expect(help.id == id(question))
        #expect(help.messageCount == 3)
        #expect(help.participantCount == 2)
        #expect(help.startTime == 0 && help.endTime == 60_000)
        #expect(help.firstQuestionID == id(question))
        #expect(help.questionCount == 2)
        #expect(help.answeredQuestionCount == 1)
        #expect(help.hasUnansweredQuestion)
        let open = result.conversations[result.links[3].conversation]
        #expect(open.questionCount == 1 && open.answeredQuestionCount == 0)
    }

    @Test("a bot neither asks nor answers: its reply leaves a question open, as the report counts it")
    func botsNeitherAskNorAnswer() {
        var chat = Chat()
        let question = chat.say(1, "how do I resize a partition?", at: 0)
        chat.say(7, "alice: see the partitioning FAQ, how do I help further?", at: 5, reply: question, bot: true)
        var result = chat.segment()
        var help = result.conversations[result.links[question].conversation]
        #expect(result.links[1].conversation == result.links[question].conversation, "the bot's reply is still linked")
        #expect(help.questionCount == 1 && help.answeredQuestionCount == 0)
        chat.say(2, "alice: use gparted from a live usb", at: 30, reply: question)
        result = chat.segment()
        help = result.conversations[result.links[question].conversation]
        #expect(help.questionCount == 1 && help.answeredQuestionCount == 1 && !help.hasUnansweredQuestion)
    }

    @Test func questionPredicateIsPluggable() {
        var chat = Chat()
        chat.say(1, "my wifi drops every few minutes", at: 0)
        chat.say(2, "how do I resize a partition?", at: 10)
        let never = Segmenter(isQuestion: { _ in false }).segment(chat.messages)
        #expect(never.conversations.allSatisfy { $0.questionCount == 0 })
        let wifi = Segmenter(isQuestion: { $0.contains("wifi") }).segment(chat.messages)
        #expect(wifi.conversations[0].firstQuestionID == id(0))
    }

    @Test func channelsAreSegmentedSeparatelyAndInputOrderIsKept() {
        var chat = Chat()
        chat.say(1, "my wifi drops every few minutes", at: 0)
        chat.channel = Snowflake(2)
        let elsewhere = chat.say(2, "alice: try iwconfig", at: 10)
        chat.channel = Snowflake(1)
        let late = chat.say(1, "it is an intel card", at: 30)
        let early = chat.say(3, "alice: which card", at: 20)
        let result = chat.segment()
        #expect(result.links.map(\.messageID) == chat.messages.map(\.id))
        #expect(result.links[elsewhere].antecedentID == nil)
        #expect(result.links[early].antecedentID == id(0))
        #expect(result.links[late].antecedentID == id(early))
        #expect(result.links[late].rule == .response)
    }

    @Test func defaultQuestionTestIsTheTextStages() {
        let isQuestion = Segmenter().isQuestion
        for text in ["does anyone know grub?", "How do I mount a drive", "see https://example.com/page?id=3 for details",
                     "thanks, that worked", "anyone know a good wallet"] {
            #expect(isQuestion(text) == !QuestionDetector().detect(text).isEmpty, "\(text)")
        }
        #expect(isQuestion("does anyone know grub?") && !isQuestion("thanks, that worked"))
    }
}

@Suite struct SegmentMessageTests {
    @Test func projectionKeepsWhatTheRulesUse() {
        let alice = Author(id: Snowflake(1), name: "alice", nickname: "Alice A")
        let bot = Author(id: Snowflake(9), name: "helper", isBot: true)
        let bob = Author(id: Snowflake(2), name: "bob")
        let reply = Message(
            id: Snowflake(11), channelID: Snowflake(5), kind: .reply, timestamp: Timestamp(milliseconds: 7000),
            content: "@bob thanks", author: alice, mentions: [bob], reference: MessageReference(messageID: Snowflake(10)))
        let projected = SegmentMessage(reply)
        #expect(projected.replyToID == Snowflake(10))
        #expect(projected.mentionIDs == [Snowflake(2)])
        #expect(projected.authorDisplayName == "Alice A")
        #expect(projected.time == 7000 && !projected.isSystem)
        let answer = Message(
            id: Snowflake(12), channelID: Snowflake(5), kind: MessageKind(rawValue: "20"),
            timestamp: Timestamp(milliseconds: 8000), content: "Here is the weather", author: bot,
            interaction: Interaction(id: Snowflake(99), name: "weather", user: alice))
        #expect(SegmentMessage(answer).mentionIDs == [Snowflake(1)])
        let join = Message(id: Snowflake(13), channelID: Snowflake(5), kind: MessageKind(rawValue: "GuildMemberJoin"),
                           timestamp: Timestamp(milliseconds: 9000), content: "Joined the server.", author: bob)
        #expect(SegmentMessage(join).isSystem)
    }
}

@Suite struct SegmentBaselineTests {
    @Test func baselinesLinkAsDescribed() {
        var chat = Chat()
        chat.say(1, "a", at: 0)
        chat.say(2, "joined", at: 10, system: true)
        chat.say(3, "b", at: 20)
        chat.say(1, "c", at: 20 + 3600)
        let messages = chat.messages
        #expect(SegmentBaseline.one.antecedents(messages) == [nil, id(0), id(1), id(2)])
        #expect(SegmentBaseline.previous.antecedents(messages) == [nil, nil, id(0), id(2)])
        #expect(SegmentBaseline.gap.antecedents(messages) == [nil, id(0), id(1), nil])
        #expect(SegmentBaseline.new.antecedents(messages) == [nil, nil, nil, nil])
    }
}
