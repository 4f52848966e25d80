import Foundation
import DBindCore
import Testing

@Suite struct LinkModelTests {
    @Test func weightsFileRoundTripsAndNamesBadLines() throws {
        var model = LinkModel(window: 12, hiddenUnits: 2)
        model[.start] = 1.5
        model[.toItsAuthorLatest] = -0.25
        model.hidden[3] = 0.5
        model.output = [0.75, -1]
        let text = model.text(header: ["fitted for a test"])
        #expect(text.hasPrefix("# fitted for a test\nwindow 12\nhidden 2\n"))
        #expect(try LinkModel(parsing: text) == model)

        #expect(throws: LinkModelError(line: 2, reason: "unknown feature `start.loud`")) {
            try LinkModel(parsing: "window 3\nstart.loud 1\n")
        }
        #expect(throws: LinkModelError(line: 1, reason: "`x` is not a number")) { try LinkModel(parsing: "start x") }
        #expect(throws: LinkModelError(line: 2, reason: "unit h3 beyond `hidden 2`")) {
            try LinkModel(parsing: "hidden 2\nh3.out 1")
        }
    }

    @Test func hiddenUnitsSquashAsTanh() {
        for x in stride(from: -40.0, through: 40.0, by: 0.37) { #expect(abs(LinkModel.tanh(x) - tanh(x)) < 1e-12, "\(x)") }
        #expect(LinkModel.tanh(1000) == 1 && LinkModel.tanh(-1000) == -1)
    }

    @Test func featureIndexIsThePositionAmongAllCases() {
        for (position, feature) in LinkFeature.allCases.enumerated() { #expect(feature.index == position, "\(feature)") }
        #expect(LinkFeature.count <= LinkFeature.keyBits, "a row's features must fit the score memo's key")
    }

    /// Three candidates per example; the right one is the one carrying `addressee.latest`,
    /// wherever it sits, so only that feature can tell.
    @Test func trainingLearnsTheFeatureThatMarksTheGoldCandidate() {
        var examples = LinkExamples()
        var gold: [Bool] = []
        var random = SplitMix64(state: 7)
        for e in 0..<300 {
            let right = random.below(3)
            var features: [Float] = []
            for c in 0..<3 {
                var row = [Float](repeating: 0, count: LinkFeature.count)
                row[LinkFeature.sameAuthor.index] = random.chance(0.5) ? 1 : 0
                row[LinkFeature.distance1.index] = c == 0 ? 1 : 0
                if c == right { row[LinkFeature.toItsAuthorLatest.index] = 1 }
                features += row
                gold.append(c == right)
            }
            examples.append(message: e, antecedents: [e * 3, e * 3 + 1, e * 3 + 2], features: features)
        }
        var training = LinkTraining()
        training.epochs = 5
        training.hiddenUnits = 4
        let model = training.fit(examples, gold: gold)
        #expect(LinkTraining.accuracy(model, examples, gold: gold) == 1)
        #expect(model[.toItsAuthorLatest] > model[.sameAuthor])
        #expect(training.fit(examples, gold: gold) == model, "the same data and seed give the same weights")

        training.members = 3
        let ensemble = training.fit(examples, gold: gold)
        #expect(ensemble.hiddenUnits == 12)
        #expect(LinkTraining.accuracy(ensemble, examples, gold: gold) == 1)
        var members: [LinkModel] = []
        for k in 0..<3 {
            var one = training
            one.members = 1
            one.seed = training.seed + UInt64(k)
            members.append(one.fit(examples, gold: gold))
        }
        #expect(members[0] == model, "the first member is the single net of the same seed")
        examples.features.withUnsafeBufferPointer { features in
            for row in 0..<30 {
                let mean = members.reduce(0) { $0 + $1.score(features, row: row) } / 3
                #expect(abs(ensemble.score(features, row: row) - mean) < 1e-9, "row \(row)")
            }
        }
    }
}

@Suite struct ScoredSegmenterTests {
    /// A model that trusts only time: the previous message, else a start after a quiet minute.
    static var nearest: LinkModel {
        var model = LinkModel(window: 5)
        model[.distance1] = 2
        model[.start] = 1
        model[.startQuiet] = 2
        return model
    }

    @Test func theModelPicksAmongCandidatesAndNamesTheRuleThatAgrees() {
        var chat = Chat()
        chat.say(1, "my wifi drops every few minutes", at: 0)
        chat.say(2, "grub shows a black screen", at: 10)
        let addressed = chat.say(3, "alice: which driver do you use", at: 20)
        let plain = chat.say(4, "lunch time", at: 25)
        let late = chat.say(5, "anyone here use zfs", at: 200)
        let links = chat.segment(SegmenterOptions(linkModel: Self.nearest)).links
        #expect(links[addressed].antecedentID == id(addressed - 1), "time alone outweighs the address")
        #expect(links[addressed].rule == .scored)
        #expect(links[plain].antecedentID == id(addressed))
        #expect(links[late].antecedentID == nil)
        #expect(links[late].rule == .start)
        #expect(links[late].score > 0.5 && links[late].score <= 1)
        let rules = chat.segment().links
        #expect(rules[addressed].antecedentID == id(0) && rules[addressed].rule == .address)
    }

    /// `nearest` with a small hidden layer, so memo hits and misses both go through the units.
    static var mixed: LinkModel {
        var model = Self.nearest
        model.window = 8
        model.hidden = (0..<(3 * (LinkFeature.count + 1))).map { Double(($0 * 37) % 11) / 10 - 0.5 }
        model.output = [0.8, -0.6, 1.1]
        model[.sharedWords] = 0.7
        return model
    }

    /// Questions and answers about two machines, `count` lines from five authors.
    static func troubleshooting(_ count: Int, channel: Snowflake = Snowflake(1), shift: Int = 0) -> Chat {
        var chat = Chat()
        chat.channel = channel
        let lines = ["my wifi drops every few minutes", "grub shows a black screen after the update",
                     "alice: which wifi card", "bob: did the update change grub", "an intel card, the wifi drops",
                     "yes the grub update", "thanks, a black screen still", "anyone here use zfs"]
        for k in 0..<count { chat.say(1 + (k + shift) % 5, lines[(k * 3 + shift) % lines.count], at: Int64(k * 7 + (k % 9) * 20)) }
        return chat
    }

    /// The segmenter remembers the score of each feature row it has seen; its choices and their
    /// probabilities must be exactly those of scoring every candidate's dense row afresh.
    @Test func rememberedScoresChooseAsFreshOnes() {
        let model = Self.mixed
        let chat = Self.troubleshooting(96)
        let segmenter = Segmenter(options: SegmenterOptions(linkModel: model))
        let links = chat.segment(SegmenterOptions(linkModel: model)).links
        // Examples that follow the segmenter's own links see the conversations it saw.
        let position = Dictionary(uniqueKeysWithValues: links.enumerated().map { ($1.messageID, $0) })
        let examples = segmenter.linkExamples(chat.messages, gold: Dictionary(uniqueKeysWithValues: links.indices.map { i in
            (i, links[i].antecedentID.flatMap { position[$0] } ?? -1)
        }))
        examples.features.withUnsafeBufferPointer { features in
            for e in 0..<examples.count {
                let (best, confidence) = model.best(in: features, candidates: examples.candidates(e))
                let message = Int(examples.messages[e])
                let antecedent = Int(examples.antecedents[best])
                #expect(links[message].antecedentID == (antecedent < 0 ? nil : links[antecedent].messageID), "message \(message)")
                #expect(links[message].score == (confidence * 1000).rounded() / 1000, "message \(message)")
            }
        }
    }

    /// A tag worker keeps its memo from channel to channel: a memo filled in one channel chooses
    /// in the next exactly as a fresh one, and a memo for another model is not used.
    @Test func aMemoKeptAcrossChannelsChoosesAsAFreshOne() {
        let model = Self.mixed
        let first = Self.troubleshooting(96), second = Self.troubleshooting(80, channel: Snowflake(2), shift: 2)
        var memo: LinkScoreMemo?
        _ = Segmenter(options: SegmenterOptions(linkModel: model)).segment(first.messages, memo: &memo)
        let kept = Segmenter(options: SegmenterOptions(linkModel: model)).segment(second.messages, memo: &memo).links
        #expect(kept == second.segment(SegmenterOptions(linkModel: model)).links)
        #expect(memo?.model == model)

        var other = model
        other.output = model.output.map { -$0 }
        let switched = Segmenter(options: SegmenterOptions(linkModel: other)).segment(second.messages, memo: &memo).links
        #expect(switched == second.segment(SegmenterOptions(linkModel: other)).links)
        #expect(switched != kept, "the flipped output weights change some choice")
        #expect(memo?.model == other)
    }

    @Test func repliesPinsAndNoticesStayFixed() {
        var chat = Chat()
        let question = chat.say(1, "my wifi drops every few minutes", at: 0)
        chat.say(2, "grub shows a black screen", at: 10)
        let reply = chat.say(3, "try another kernel", at: 20, reply: question)
        let notice = chat.say(4, "dave joined", at: 21, system: true)
        let pinned = chat.say(2, "it boots now", at: 22)
        let links = chat.segment(SegmenterOptions(linkModel: Self.nearest),
                                 constraints: SegmentConstraints(starts: [id(pinned)])).links
        #expect(links[reply].antecedentID == id(question) && links[reply].rule == .reply)
        #expect(links[notice].rule == .system)
        #expect(links[pinned].antecedentID == nil && links[pinned].rule == .pinned)
    }

    @Test func examplesDescribeWhatTheScorerSees() {
        var chat = Chat()
        chat.say(1, "my wifi drops every few minutes", at: 0)
        chat.say(2, "alice: which card", at: 10)
        let examples = Segmenter(options: SegmenterOptions(linkModel: Self.nearest)).linkExamples(chat.messages)
        #expect(examples.count == 2)
        #expect(examples.candidates(1).map { examples.antecedents[$0] } == [-1, 0])
        let row = examples.candidates(1).last!
        let features = Array(examples.features[(row * LinkFeature.count)..<((row + 1) * LinkFeature.count)])
        for feature in [LinkFeature.distance1, .gap10s, .toItsAuthor, .toItsAuthorLatest, .ruleAddress, .rulesChoice] {
            #expect(features[feature.index] == 1, "\(feature.rawValue)")
        }
        #expect(features[LinkFeature.sameAuthor.index] == 0)
    }

    /// Conversation features describe the conversation a candidate is in as linked so far:
    /// here as the gold links given, whatever the rules would choose.
    @Test func conversationFeaturesFollowTheLinksSoFar() {
        var chat = Chat()
        chat.say(1, "my wifi drops every few minutes", at: 0)
        chat.say(2, "grub shows a black screen", at: 10)
        chat.say(3, "which card is it", at: 20)
        chat.say(1, "carol: an intel one", at: 30)
        // Message 2 answers message 0; message 3 follows message 2.
        let examples = Segmenter(options: SegmenterOptions(linkModel: Self.nearest))
            .linkExamples(chat.messages, gold: [1: -1, 2: 0, 3: 2])
        func row(_ example: Int, antecedent: Int32) -> [Float] {
            let c = examples.candidates(example).first { examples.antecedents[$0] == antecedent }!
            return Array(examples.features[(c * LinkFeature.count)..<((c + 1) * LinkFeature.count)])
        }
        let all: [LinkFeature] = [.conversationLatest, .conversationAlone, .conversationMine, .conversationAddressee]
        func set(_ features: [Float]) -> [LinkFeature] { all.filter { features[$0.index] == 1 } }
        // Message 3, alice to carol: message 0 opened the conversation alice and carol are in,
        // message 2 is its latest; bob's message 1 is alone in its own.
        #expect(set(row(3, antecedent: 0)) == [.conversationMine, .conversationAddressee])
        #expect(set(row(3, antecedent: 1)) == [.conversationLatest, .conversationAlone])
        #expect(set(row(3, antecedent: 2)) == [.conversationLatest, .conversationMine, .conversationAddressee])
    }
}
