/// Questions and entities of one text, found once and shared by every stage that needs them:
/// the spans stored for review and export, the segmenter's question test, and the classifier.
public struct TextAnalysis: Sendable {
    public var questions: [QuestionSpan]
    public var entities: [EntitySpan]
    /// The text of each span, in span order (questions first).
    public var questionTexts: [String]
    public var entityTexts: [String]

    public init(text: String, questions: QuestionDetector, entities: EntityExtractor) {
        let tokenized = Tokenizer.chat.tokenize(text)
        self.questions = questions.detect(tokenized, sentences: SentenceSplitter.split(tokenized))
        self.entities = entities.extract(tokenized)
        questionTexts = self.questions.map { tokenized.buffer.slice($0.start, $0.end) }
        entityTexts = self.entities.map { tokenized.buffer.slice($0.start, $0.end) }
    }

    /// The analysis of each distinct user text among `messages`: chat repeats whole lines, and
    /// `dbind tag` analyses each once.
    public static func byText(_ messages: [Message], questions: QuestionDetector, entities: EntityExtractor) -> [String: TextAnalysis] {
        var analyses: [String: TextAnalysis] = [:]
        add(messages, to: &analyses, questions: questions, entities: entities)
        return analyses
    }

    /// Adds the analysis of each user text among `messages` that `analyses` lacks, so a channel
    /// read page by page is analysed as `byText` would analyse it whole.
    public static func add(_ messages: [Message], to analyses: inout [String: TextAnalysis], questions: QuestionDetector,
                           entities: EntityExtractor) {
        for m in messages where m.hasUserText && analyses[m.content] == nil {
            analyses[m.content] = TextAnalysis(text: m.content, questions: questions, entities: entities)
        }
    }

    /// Whether the text asks a question: the answer the segmenter and the classifier take.
    public var hasQuestion: Bool { !questions.isEmpty }

    /// The segmenter's question test answered from analyses made beforehand.
    public static func questionTest(_ analyses: [String: TextAnalysis]) -> @Sendable (String) -> Bool {
        { analyses[$0]?.hasQuestion ?? false }
    }
}

/// The classifier's view of the text stage: answers from analyses made beforehand, and from the
/// detectors for any other text (a span, a conversation summary). The classifier's default, so
/// every caller classifies with the detectors `dbind tag` runs.
public struct ExtractionAnalyzer: TextAnalyzer {
    public var known: [String: TextAnalysis]
    public var questions: QuestionDetector
    public var extractor: EntityExtractor

    public init(known: [String: TextAnalysis] = [:], questions: QuestionDetector = QuestionDetector(), entities: EntityExtractor = EntityExtractor()) {
        self.known = known
        self.questions = questions
        self.extractor = entities
    }

    func analysis(_ text: String) -> TextAnalysis {
        known[text] ?? TextAnalysis(text: text, questions: questions, entities: extractor)
    }

    public func isQuestion(_ text: String) -> Bool {
        analysis(text).hasQuestion
    }

    public func entities(in text: String) -> [DetectedEntity] {
        let a = analysis(text)
        return zip(a.entities, a.entityTexts).map { DetectedEntity(kind: Self.kind(of: $0.type), text: $1) }
    }

    /// Entity types as tag schemas name them (`has_entity: [url, mention]`): the common kinds
    /// keep their short names, any other type is its lower-cased name (`version`, `proposal`).
    public static func kind(of type: EntityType) -> String {
        switch type {
        case .url: "url"
        case .user, .role: "mention"
        case .cashtag, .ticker: "cashtag"
        case .cryptoAddress: "address"
        case .hashtag: "hashtag"
        case .time, .date: "time"
        case .percent: "percent"
        case .money: "money"
        default: type.rawValue.lowercased()
        }
    }
}
