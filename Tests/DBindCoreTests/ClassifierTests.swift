import DBindCore
import Testing

/// Builds messages for one channel with increasing ids and timestamps.
struct ChannelScript {
    let channel: Channel
    var messages: [Message] = []
    var clock: Int64 = 1_700_000_000_000

    init(name: String, category: String? = nil, topic: String? = nil) {
        channel = Channel(id: Snowflake(1000), guildID: Snowflake(1), type: "GuildTextChat", name: name, topic: topic,
                          parentID: nil, parentName: category)
    }

    static func author(_ name: String, bot: Bool = false, roles: [String] = []) -> Author {
        Author(id: Snowflake(UInt64(abs(name.hashValue % 1_000_000) + 10)), name: name, isBot: bot,
               roles: roles.isEmpty ? nil : roles.enumerated().map { Role(id: Snowflake(UInt64($0.offset + 1)), name: $0.element) })
    }

    @discardableResult
    mutating func post(_ text: String, by author: Author, minutesLater: Int64 = 10, replyTo: Int? = nil, pinned: Bool = false,
                       reactions: Int = 0, file: String? = nil, kind: MessageKind = .default) -> Int {
        clock += minutesLater * 60_000
        let id = Snowflake(UInt64(2000 + messages.count))
        let reference = replyTo.map { MessageReference(messageID: messages[$0].id, channelID: channel.id) }
        messages.append(Message(
            id: id, channelID: channel.id, kind: replyTo == nil ? kind : .reply, timestamp: Timestamp(milliseconds: clock),
            isPinned: pinned, content: text, author: author,
            attachments: file.map { [Attachment(id: Snowflake(id.rawValue * 10), url: "https://cdn/\($0)", fileName: $0, fileSizeBytes: 10)] } ?? [],
            reactions: reactions > 0 ? [Reaction(emoji: Emoji(name: "🔥"), count: reactions)] : [], reference: reference
        ))
        return messages.count - 1
    }
}

/// A schema built in code: one channel facet and one message facet, with rules given per test.
func schema(channelTags: [TagDeclaration] = [], messageTags: [TagDeclaration] = [], defaultTag: String? = nil,
            gazetteers: [GazetteerDeclaration] = []) throws -> TagSchema {
    let here = SourceLocation(file: "test.yaml", line: 1)
    return try SchemaComposer.compose([SchemaDocument(
        name: "test", version: "0.1", location: here,
        gazetteers: gazetteers,
        facets: [
            FacetDeclaration(name: "kind", level: .channel, isExclusive: true, defaultTag: defaultTag, location: here),
            FacetDeclaration(name: "intent", level: .message, isExclusive: false, location: here),
        ],
        tags: channelTags + messageTags
    )])
}

func tag(_ path: String, priority: Int? = nil, implies: [String]? = nil, excludes: [String]? = nil,
         _ rules: (String, Double, RuleExpression)...) -> TagDeclaration {
    let here = SourceLocation(file: "test.yaml", line: 1)
    return TagDeclaration(path: path, priority: priority, implies: implies?.map { Located($0, at: here) },
                          excludes: excludes?.map { Located($0, at: here) },
                          rules: rules.map { Rule(id: $0.0, weight: $0.1, condition: $0.2, location: here) }, location: here)
}

func when(_ predicate: Predicate) -> RuleExpression { .predicate(predicate, SourceLocation(file: "test.yaml", line: 1)) }

@Suite struct ChannelStatisticsTests {
    @Test func statisticsAreComputedFromMessages() {
        let mod = ChannelScript.author("mod", roles: ["Senior Moderator"])
        let alice = ChannelScript.author("alice")
        let bob = ChannelScript.author("bob", roles: ["Member"])
        let bot = ChannelScript.author("helper-bot", bot: true)
        var script = ChannelScript(name: "help")
        script.post("Joined the server.", by: bob, kind: MessageKind(rawValue: "GuildMemberJoin"))
        let q1 = script.post("how do I reset my password?", by: alice)
        script.post("Use the reset link on the login page.", by: mod, replyTo: q1, reactions: 3)
        script.post("is the app down?", by: bob)
        script.post("Status page: https://status.example.com", by: mod, pinned: true)
        script.post("!status", by: bob)
        script.post("All systems operational.", by: bot, file: "status.png")
        script.post("`npm i` fails for me", by: alice, minutesLater: 60 * 24 * 2)

        let classifier = Classifier(schema: TagSchema(name: "empty", version: "0"))
        let profile = classifier.profile(of: script.channel, messages: script.messages)
        let value = { (statistic: ContentStatistic) in profile.value(statistic) }
        #expect(value(.messageCount) == 7)
        #expect(value(.systemRatio) == 1.0 / 8.0)
        #expect(value(.authorCount) == 4)
        #expect(value(.botShare) == 1.0 / 7.0)
        #expect(value(.topPosterShare) == 2.0 / 7.0)
        #expect(value(.top3PosterShare) == 6.0 / 7.0)
        #expect(value(.moderatorShare) == 2.0 / 7.0)
        #expect(value(.questionRatio) == 2.0 / 6.0)
        #expect(value(.answeredQuestionRatio) == 1.0)
        #expect(value(.moderatorAnswerShare) == 1.0)
        #expect(value(.linkRatio) == 1.0 / 7.0)
        #expect(value(.replyRatio) == 1.0 / 7.0)
        #expect(value(.pinnedRatio) == 1.0 / 7.0)
        #expect(value(.reactionsPerMessage) == 3.0 / 7.0)
        #expect(value(.commandRatio) == 1.0 / 7.0)
        #expect(value(.mediaRatio) == 1.0 / 7.0)
        #expect(value(.codeRatio) == 1.0 / 7.0)
        #expect(value(.authorRatio) == 4.0 / 7.0)
        let lengths = script.messages.dropFirst().map { Double($0.content.count) }
        #expect(abs(value(.meanLength) - lengths.reduce(0, +) / 7) < 1e-9)
        let days = Double(script.messages.last!.timestamp.milliseconds - script.messages[1].timestamp.milliseconds) / 86_400_000
        #expect(abs(value(.messagesPerDay) - 7 / days) < 1e-9)
    }

    @Test func moderatorRolesComeFromTheSchema() throws {
        var script = ChannelScript(name: "x")
        script.post("hello", by: ChannelScript.author("g", roles: ["Guardian"]))
        var settings = ClassifierSettings()
        #expect(!FeatureSettings(settings).isModerator(script.messages[0].author))
        settings.moderatorRoles = ["guardian*"]
        #expect(FeatureSettings(settings).isModerator(script.messages[0].author))
        #expect(FeatureSettings(settings).isModerator(ChannelScript.author("c", roles: ["Guardians of Order"])))
    }

    @Test func largeChannelsKeepABoundedEvenSample() {
        var builder = ChannelProfileBuilder(itemID: "1", name: "big", category: nil, topic: nil,
                                            settings: FeatureSettings(ClassifierSettings()), analyzer: ExtractionAnalyzer(), sampleLimit: 100)
        let author = ChannelScript.author("a")
        for index in 0..<1000 {
            builder.add(Message(id: Snowflake(UInt64(index + 1)), channelID: Snowflake(1), timestamp: Timestamp(milliseconds: Int64(index) * 1000),
                                content: index < 500 ? "price pump" : "hello there", author: author))
        }
        let profile = builder.build()
        #expect(profile.value(.messageCount) == 1000)
        #expect(profile.textSample.count < 100 && profile.textSample.count >= 50)
        let pumps = profile.textSample.filter { $0.tokens.contains("pump") }.count
        #expect(abs(Double(pumps) / Double(profile.textSample.count) - 0.5) < 0.05)
    }
}

@Suite struct MessageFeatureTests {
    let classifier = Classifier(schema: TagSchema(name: "empty", version: "0"))

    func features(_ text: String, bot: Bool = false, file: String? = nil, roles: [String] = []) -> MessageFeatures {
        var script = ChannelScript(name: "x")
        script.post(text, by: ChannelScript.author("a", bot: bot, roles: roles), file: file)
        return classifier.features(of: script.messages[0])
    }

    @Test func flags() {
        #expect(features("!rank").flags.contains(.isCommand))
        #expect(features("/imagine a cat").flags.contains(.isCommand))
        #expect(!features("/ not a command").flags.contains(.isCommand))
        #expect(!features("...what").flags.contains(.isCommand))
        #expect(features("look https://tenor.com/view/x").flags.isSuperset(of: [.hasURL, .hasMedia]))
        #expect(features("", file: "clip.MP4").flags.isSuperset(of: [.hasAttachment, .hasMedia]))
        #expect(!features("", file: "notes.pdf").flags.contains(.hasMedia))
        #expect(features("```swift\nlet x = 1\n```").flags.contains(.hasCode))
        #expect(features("ok", roles: ["Admin"]).flags.contains(.isModerator))
        #expect(features("is it down?").flags.contains(.hasQuestion))
        #expect(!features("is it down?", bot: true).flags.contains(.hasQuestion))
    }

    @Test func linksDoNotCountAsWords() {
        #expect(features("see https://example.com/a/b/c?d=e").wordCount == 1)
    }

    @Test func injectedAnalyzerDecidesQuestionsAndEntities() {
        struct EverythingIsAQuestion: TextAnalyzer {
            func isQuestion(_ text: String) -> Bool { true }
            func entities(in text: String) -> [DetectedEntity] { [DetectedEntity(kind: "product", text: text)] }
        }
        let custom = Classifier(schema: TagSchema(name: "empty", version: "0"), analyzer: EverythingIsAQuestion())
        var script = ChannelScript(name: "x")
        script.post("statement", by: ChannelScript.author("a"))
        let features = custom.features(of: script.messages[0])
        #expect(features.flags.contains(.hasQuestion))
        #expect(features.entities == [DetectedEntity(kind: "product", text: "statement")])
    }
}

@Suite struct PredicateTests {
    func channelTags(_ rule: RuleExpression, name: String, category: String? = nil, topic: String? = nil,
                     build: (inout ChannelScript) -> Void = { _ in }) throws -> [String] {
        let classifier = Classifier(schema: try schema(channelTags: [tag("kind/hit", ("hit.rule", 0.9, rule))]))
        var script = ChannelScript(name: name, category: category, topic: topic)
        build(&script)
        return classifier.classify(channel: classifier.profile(of: script.channel, messages: script.messages)).map(\.tag)
    }

    func messageTags(_ rule: RuleExpression, _ text: String, file: String? = nil, replyFirst: Bool = false,
                     gazetteers: [GazetteerDeclaration] = []) throws -> [String] {
        let classifier = Classifier(schema: try schema(messageTags: [tag("intent/hit", ("hit.rule", 0.9, rule))], gazetteers: gazetteers))
        var script = ChannelScript(name: "x")
        let first = script.post("earlier", by: ChannelScript.author("b"))
        script.post(text, by: ChannelScript.author("a"), replyTo: replyFirst ? first : nil, file: file)
        return classifier.classify(message: script.messages[1]).map(\.tag)
    }

    @Test func nameCategoryAndTopicPredicates() throws {
        #expect(try channelTags(when(.text(.name, .words, patterns: ["support"])), name: "🆘┃Support-Desk") == ["kind/hit"])
        #expect(try channelTags(when(.text(.name, .words, patterns: ["support"])), name: "general").isEmpty)
        #expect(try channelTags(when(.text(.name, .glob, patterns: ["*-desk"])), name: "🆘┃Support-Desk") == ["kind/hit"])
        #expect(try channelTags(when(.text(.name, .regex, patterns: ["^supp.*k$"])), name: "🆘┃Support-Desk") == ["kind/hit"])
        #expect(try channelTags(when(.text(.category, .words, patterns: ["help"])), name: "a", category: "❓ HELP") == ["kind/hit"])
        #expect(try channelTags(when(.text(.category, .words, patterns: ["help"])), name: "a").isEmpty)
        #expect(try channelTags(when(.text(.topic, .regex, patterns: ["ask (your|a) question"])), name: "a",
                                topic: "Ask your question here") == ["kind/hit"])
        #expect(try channelTags(when(.text(.topic, .glob, patterns: ["ask*"])), name: "a", topic: "Ask away") == ["kind/hit"])
    }

    @Test func threadPredicate() throws {
        let classifier = Classifier(schema: try schema(channelTags: [tag("kind/hit", ("hit.rule", 0.9, .all([
            when(.isThread(expected: true)), when(.text(.category, .words, patterns: ["support"])),
        ])))]))
        let thread = Channel(id: Snowflake(7), guildID: Snowflake(1), type: "GuildPublicThread", name: "my wallet broke",
                             parentID: Snowflake(6), parentName: "🆘┃support")
        let channel = Channel(id: Snowflake(8), guildID: Snowflake(1), type: "GuildTextChat", name: "my wallet broke",
                              parentID: Snowflake(5), parentName: "support")
        #expect(classifier.classify(channel: classifier.profile(of: thread, messages: [])).map(\.tag) == ["kind/hit"])
        #expect(classifier.classify(channel: classifier.profile(of: channel, messages: [])).isEmpty)
    }

    @Test func statisticAndContentSharePredicates() throws {
        let bots: (inout ChannelScript) -> Void = { script in
            for index in 0..<4 { script.post("tick \(index)", by: ChannelScript.author("bot", bot: true)) }
            script.post("price is pumping", by: ChannelScript.author("human"))
        }
        #expect(try channelTags(when(.statistic(.botShare, Threshold(lower: 0.8))), name: "a", build: bots) == ["kind/hit"])
        #expect(try channelTags(when(.statistic(.botShare, Threshold(lower: 0.9))), name: "a", build: bots).isEmpty)
        #expect(try channelTags(when(.contentShare(terms: ["pump*"], Threshold(lower: 0.2))), name: "a", build: bots) == ["kind/hit"])
        #expect(try channelTags(when(.contentShare(terms: ["pump*"], Threshold(lower: 0.5))), name: "a", build: bots).isEmpty)
        #expect(try channelTags(when(.contentShare(terms: ["pump*"], Threshold(lower: 0.2))), name: "a").isEmpty)
    }

    @Test func booleanTrees() throws {
        let support = when(.text(.name, .words, patterns: ["support"]))
        let help = when(.text(.name, .words, patterns: ["help"]))
        #expect(try channelTags(.all([support, help]), name: "support-help") == ["kind/hit"])
        #expect(try channelTags(.all([support, help]), name: "support").isEmpty)
        #expect(try channelTags(.any([support, help]), name: "help") == ["kind/hit"])
        #expect(try channelTags(.not(support), name: "help") == ["kind/hit"])
        #expect(try channelTags(.not(support), name: "support").isEmpty)
    }

    @Test func messagePredicates() throws {
        #expect(try messageTags(when(.text(.text, .words, patterns: ["@thanks"])), "Thanks a lot!",
                                gazetteers: [GazetteerDeclaration(name: "thanks", terms: ["thank*"], location: SourceLocation(file: "t"))]) == ["intent/hit"])
        #expect(try messageTags(when(.text(.text, .starts, patterns: ["hello"])), "Hello there") == ["intent/hit"])
        #expect(try messageTags(when(.text(.text, .starts, patterns: ["hello"])), "well hello").isEmpty)
        #expect(try messageTags(when(.text(.text, .regex, patterns: ["\\bv\\d+\\.\\d+"])), "released V2.3 today") == ["intent/hit"])
        #expect(try messageTags(when(.flag(.isReply, expected: true)), "sure", replyFirst: true) == ["intent/hit"])
        #expect(try messageTags(when(.flag(.isReply, expected: false)), "sure", replyFirst: true).isEmpty)
        #expect(try messageTags(when(.flag(.hasAttachment, expected: true)), "", file: "a.zip") == ["intent/hit"])
        #expect(try messageTags(when(.flag(.hasQuestion, expected: true)), "why?") == ["intent/hit"])
        #expect(try messageTags(when(.entity(kinds: ["cashtag"], expected: true)), "$ETH looks strong") == ["intent/hit"])
        #expect(try messageTags(when(.entity(kinds: ["cashtag"], expected: true)), "the price looks strong").isEmpty)
        #expect(try messageTags(when(.entity(kinds: [], expected: false)), "plain words") == ["intent/hit"])
        #expect(try messageTags(when(.wordCount(Threshold(upper: 2))), "two words") == ["intent/hit"])
        #expect(try messageTags(when(.wordCount(Threshold(upper: 2))), "now three words").isEmpty)
    }
}

@Suite struct AssignmentTests {
    let name = { (words: [String]) in when(.text(.name, .words, patterns: words)) }

    func assign(_ schema: TagSchema, _ channelName: String) -> [TagAssignment] {
        let classifier = Classifier(schema: schema)
        var script = ChannelScript(name: channelName)
        script.post("hi", by: ChannelScript.author("a"))
        return classifier.classify(channel: classifier.profile(of: script.channel, messages: script.messages))
    }

    @Test func exclusiveFacetsPickPriorityThenConfidence() throws {
        let tags = [
            tag("kind/a", ("a.name", 0.6, name(["alpha"]))),
            tag("kind/b", ("b.name", 0.9, name(["beta"]))),
            tag("kind/c", priority: 2, ("c.name", 0.55, name(["gamma"]))),
        ]
        let built = try schema(channelTags: tags)
        #expect(assign(built, "alpha-beta").map(\.tag) == ["kind/b"])
        #expect(assign(built, "alpha-beta-gamma").map(\.tag) == ["kind/c"])
        let chosen = try #require(assign(built, "alpha-beta").first)
        #expect(chosen.ruleIDs == ["b.name"] && chosen.confidence == 0.9 && chosen.source == .rules)
    }

    @Test func defaultsFillEmptyExclusiveFacets() throws {
        let tags = [
            tag("kind/general"),
            tag("kind/weak", ("weak.name", 0.3, name(["maybe"]))),
        ]
        let built = try schema(channelTags: tags, defaultTag: "kind/general")
        let fallback = try #require(assign(built, "maybe-later").first)
        #expect(fallback.tag == "kind/general")
        #expect(fallback.source == .fallback)
        #expect(fallback.ruleIDs == ["kind.default"], "a default names the rule that gave it")
        #expect(abs(fallback.confidence - 0.7) < 1e-9)
        #expect(assign(built, "other").first?.confidence == 1)
    }

    @Test func negativeRulesLowerConfidenceBelowTheThreshold() throws {
        let tags = [tag("kind/x", ("x.name", 0.8, name(["random"])), ("x.not-really", -0.5, name(["help"])))]
        let built = try schema(channelTags: tags)
        #expect(assign(built, "random").map(\.tag) == ["kind/x"])
        #expect(assign(built, "random-help").isEmpty)
    }

    @Test func impliesAddsTagsAndExcludesBlocksThem() throws {
        let here = SourceLocation(file: "t.yaml", line: 1)
        let built = try SchemaComposer.compose([SchemaDocument(
            name: "t", version: "1", location: here,
            facets: [
                FacetDeclaration(name: "kind", level: .channel, isExclusive: true, location: here),
                FacetDeclaration(name: "area", level: .channel, isExclusive: false, location: here),
            ],
            tags: [
                tag("kind/treasury", implies: ["area/money", "area/governance"], ("t.name", 0.8, name(["treasury"]))),
                tag("area/money"),
                tag("area/governance"),
                tag("area/memes", excludes: ["area/governance"], ("m.name", 0.9, name(["memes"]))),
            ]
        )])
        let plain = assign(built, "treasury")
        #expect(plain.map(\.tag) == ["kind/treasury", "area/money", "area/governance"])
        let implied = try #require(plain.first { $0.tag == "area/money" })
        #expect(implied.source == .implied && implied.impliedBy == "kind/treasury" && implied.ruleIDs == ["t.name", "implied-by:kind/treasury"])
        #expect(implied.confidence == 0.8)
        // memes (0.9) outranks the implied governance tag it excludes.
        #expect(assign(built, "treasury-memes").map(\.tag) == ["area/memes", "kind/treasury", "area/money"])
    }
}
