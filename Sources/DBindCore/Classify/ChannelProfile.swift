/// What channel- and conversation-level rules see: the channel's names and statistics of its
/// messages, so a channel is judged by what people do in it, not only by what it is called.
public struct ChannelProfile: Sendable {
    /// The channel id, or the conversation id for conversation profiles.
    public var itemID: String
    public var name: String
    public var category: String?
    public var topic: String?
    /// Threads hang off a parent channel, whose name stands in for the category.
    public var isThread: Bool
    public var normalizedName: NormalizedText
    public var normalizedCategory: NormalizedText
    public var normalizedTopic: NormalizedText
    public var statistics: [ContentStatistic: Double]
    /// Normalised texts of (a deterministic, evenly spread sample of) the messages, for `content_share`.
    public var textSample: [NormalizedText]

    public init(itemID: String, name: String, category: String? = nil, topic: String? = nil, isThread: Bool = false,
                statistics: [ContentStatistic: Double] = [:], textSample: [NormalizedText] = []) {
        self.itemID = itemID
        self.name = name
        self.category = category
        self.topic = topic
        self.isThread = isThread
        normalizedName = TextNormalizer.normalize(name, splitCamelCase: true)
        normalizedCategory = TextNormalizer.normalize(category ?? "", splitCamelCase: true)
        normalizedTopic = TextNormalizer.normalize(topic ?? "")
        self.statistics = statistics
        self.textSample = textSample
    }

    /// A statistic's value; 0 for statistics of empty channels.
    public func value(_ statistic: ContentStatistic) -> Double { statistics[statistic] ?? 0 }
}

/// Accumulates a `ChannelProfile` one message at a time, so channels of any size stream through.
public struct ChannelProfileBuilder: Sendable {
    private let itemID: String
    private let name: String
    private let category: String?
    private let topic: String?
    private let isThread: Bool
    private let settings: FeatureSettings
    private let analyzer: any TextAnalyzer
    private let sampleLimit: Int

    private var allMessages = 0
    private var systemMessages = 0
    private var messages = 0
    private var humanMessages = 0
    private var botMessages = 0
    private var textMessages = 0
    private var totalLength = 0
    private var totalWords = 0
    private var questions = 0
    private var answeredQuestions = 0
    private var answers = 0
    private var moderatorAnswers = 0
    private var counts: [MessageFlag: Int] = [:]
    private var entityMessages = 0
    private var reactions = 0
    private var moderatorMessages = 0
    private var byAuthor: [Snowflake: Int] = [:]
    private var moderatorCache: [Snowflake: Bool] = [:]
    private var first: Int64?
    private var last: Int64?
    /// Open questions awaiting an answer: message id → (author, messages left in the answer window).
    private var openQuestions: [(id: Snowflake, author: Snowflake, remaining: Int)] = []
    private var recentQuestionAuthors: [Snowflake: Snowflake] = [:]
    private var recentQuestionOrder: [Snowflake] = []
    /// Answered and link-answered questions among the remembered ones: a question forgotten
    /// can no longer be answered, so the sets stay as small as the memory of questions, and
    /// `linkedAnsweredForgotten` counts those that left the second.
    private var answeredIDs: Set<Snowflake> = []
    private var linkedAnswered: Set<Snowflake> = []
    private var linkedAnsweredForgotten = 0
    /// Per member who linked an answer to someone's question: the askers answered (up to
    /// `helperAskers`), and how many answers.
    private var answerers: [Snowflake: (askers: Set<Snowflake>, answers: Int)] = [:]
    private var sample: [NormalizedText] = []
    private var sampleStride = 1
    private var sampleCounter = 0

    /// How many following messages can answer a question without replying to it explicitly.
    static let answerWindow = 3
    static let rememberedQuestions = 1000
    /// Distinct askers a member must have answered to count as a helper.
    static let helperAskers = 3

    public init(itemID: String, name: String, category: String?, topic: String?, isThread: Bool = false,
                settings: FeatureSettings, analyzer: any TextAnalyzer, sampleLimit: Int = 4000) {
        self.itemID = itemID
        self.name = name
        self.category = category
        self.topic = topic
        self.isThread = isThread
        self.settings = settings
        self.analyzer = analyzer
        self.sampleLimit = max(2, sampleLimit)
    }

    /// Adds a message and returns its features (nil for system messages), so callers that also
    /// classify the message need not compute them again.
    /// `antecedent` is the message the segmenter linked this one to, when known.
    @discardableResult
    public mutating func add(_ message: Message, antecedent: Snowflake? = nil) -> MessageFeatures? {
        guard !message.kind.isSystem else {
            add(message, features: nil)
            return nil
        }
        let author = message.author.id
        let isModerator: Bool
        if let known = moderatorCache[author] {
            isModerator = known
        } else {
            isModerator = settings.isModerator(message.author)
            moderatorCache[author] = isModerator
        }
        let features = MessageFeatures(message: message, settings: settings, analyzer: analyzer, isModerator: isModerator)
        add(message, features: features, antecedent: antecedent)
        return features
    }

    /// Adds a message whose features were computed already (nil for a system message).
    public mutating func add(_ message: Message, features: MessageFeatures?, antecedent: Snowflake? = nil) {
        allMessages += 1
        guard let features else {
            systemMessages += 1
            return
        }
        messages += 1
        let author = message.author.id
        byAuthor[author, default: 0] += 1
        let isModerator = features.flags.contains(.isModerator)
        for flag in features.flags { counts[flag, default: 0] += 1 }
        if !features.entities.isEmpty { entityMessages += 1 }
        reactions += message.reactions.reduce(0) { $0 + $1.count }
        if isModerator { moderatorMessages += 1 }
        let millis = message.timestamp.milliseconds
        first = min(first ?? millis, millis)
        last = max(last ?? millis, millis)
        if message.author.isBot { botMessages += 1 } else { humanMessages += 1 }
        if !message.content.isEmpty {
            textMessages += 1
            totalLength += message.content.count
            totalWords += features.wordCount
        }
        if !features.normalized.isEmpty { addToSample(features.normalized) }
        trackAnswers(message, isQuestion: features.flags.contains(.hasQuestion), isModerator: isModerator, antecedent: antecedent)
    }

    private mutating func addToSample(_ text: NormalizedText) {
        sampleCounter += 1
        guard sampleCounter % sampleStride == 0 else { return }
        sample.append(text)
        if sample.count >= sampleLimit {
            sample = sample.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            sampleStride *= 2
        }
    }

    private mutating func trackAnswers(_ message: Message, isQuestion: Bool, isModerator: Bool, antecedent: Snowflake?) {
        let author = message.author.id
        if let antecedent, !message.author.isBot, let asker = recentQuestionAuthors[antecedent], asker != author {
            linkedAnswered.insert(antecedent)
            answerers[author, default: ([], 0)].answers += 1
            // Whether they answered `helperAskers` different people is all that counts.
            if answerers[author]!.askers.count < Self.helperAskers { answerers[author]!.askers.insert(asker) }
        }
        var isAnswer = false
        if let target = message.replyToID, let asker = recentQuestionAuthors[target], asker != author {
            isAnswer = true
            if answeredIDs.insert(target).inserted { answeredQuestions += 1 }
        }
        if !message.author.isBot {
            for question in openQuestions where question.author != author {
                isAnswer = true
                if answeredIDs.insert(question.id).inserted { answeredQuestions += 1 }
            }
        }
        openQuestions = openQuestions.compactMap { question in
            question.remaining > 1 && !answeredIDs.contains(question.id)
                ? (question.id, question.author, question.remaining - 1) : nil
        }
        if isAnswer, !message.author.isBot {
            answers += 1
            if isModerator { moderatorAnswers += 1 }
        }
        if isQuestion {
            questions += 1
            openQuestions.append((message.id, author, ChannelProfileBuilder.answerWindow))
            recentQuestionAuthors[message.id] = author
            recentQuestionOrder.append(message.id)
            if recentQuestionOrder.count > ChannelProfileBuilder.rememberedQuestions {
                let forgotten = recentQuestionOrder.removeFirst()
                recentQuestionAuthors[forgotten] = nil
                answeredIDs.remove(forgotten)
                if linkedAnswered.remove(forgotten) != nil { linkedAnsweredForgotten += 1 }
            }
        }
    }

    public func build() -> ChannelProfile {
        func share(_ count: Int, of total: Int) -> Double { total == 0 ? 0 : Double(count) / Double(total) }
        let posters = byAuthor.values.sorted(by: >)
        let days = max(1.0, Double((last ?? 0) - (first ?? 0)) / 86_400_000)
        var statistics: [ContentStatistic: Double] = [
            .messageCount: Double(messages),
            .authorCount: Double(byAuthor.count),
            .authorRatio: share(byAuthor.count, of: messages),
            .messagesPerDay: Double(messages) / days,
            .botShare: share(botMessages, of: messages),
            .topPosterShare: share(posters.first ?? 0, of: messages),
            .top3PosterShare: share(posters.prefix(3).reduce(0, +), of: messages),
            .moderatorShare: share(moderatorMessages, of: messages),
            .moderatorAnswerShare: share(moderatorAnswers, of: answers),
            .questionRatio: share(questions, of: humanMessages),
            .answeredQuestionRatio: share(answeredQuestions, of: questions),
            .linkedAnswerRatio: share(linkedAnsweredForgotten + linkedAnswered.count, of: questions),
            .helperAnswerShare: share(answerers.values.filter { $0.askers.count >= Self.helperAskers }.reduce(0) { $0 + $1.answers },
                                      of: answerers.values.reduce(0) { $0 + $1.answers }),
            .meanLength: textMessages == 0 ? 0 : Double(totalLength) / Double(textMessages),
            .meanWords: textMessages == 0 ? 0 : Double(totalWords) / Double(textMessages),
            .reactionsPerMessage: messages == 0 ? 0 : Double(reactions) / Double(messages),
            .entityRatio: share(entityMessages, of: messages),
            .systemRatio: share(systemMessages, of: allMessages),
        ]
        let flagStatistics: [(MessageFlag, ContentStatistic)] = [
            (.hasURL, .linkRatio), (.isReply, .replyRatio), (.isPinned, .pinnedRatio), (.hasAttachment, .attachmentRatio),
            (.hasMedia, .mediaRatio), (.isCommand, .commandRatio), (.hasMention, .mentionRatio), (.hasEmbed, .embedRatio),
            (.hasCode, .codeRatio),
        ]
        for (flag, statistic) in flagStatistics { statistics[statistic] = share(counts[flag] ?? 0, of: messages) }
        return ChannelProfile(itemID: itemID, name: name, category: category, topic: topic, isThread: isThread,
                              statistics: statistics, textSample: sample)
    }
}
