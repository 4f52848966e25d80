import DBindCore
import Foundation

/// Times the text stage over a corpus on the calling thread (one core).
public enum TextBenchmark {
    public struct Measurement: Sendable {
        public var tokens = 0
        public var questions = 0
        public var entities = 0
        public var rulerMatches = 0
        public var tokenizeSeconds = 0.0
        /// Tokenizer plus pattern rules only: the same work as spaCy's tokenizer + EntityRuler
        /// (0 without patterns).
        public var rulerSeconds = 0.0
        public var totalSeconds = 0.0
    }

    public static func run(_ texts: [String], resources: TextResources, tokenizer: Tokenizer = .chat) -> Measurement {
        var result = Measurement()
        let clock = ContinuousClock()
        let tokenizeOnly = clock.measure {
            var count = 0
            for text in texts { count += tokenizer.tokenize(text).tokens.count }
            result.tokens = count
        }
        let ruler = clock.measure {
            guard let ruler = resources.entities.ruler else { return }
            var count = 0
            for text in texts { count += ruler.matches(in: tokenizer.tokenize(text)).count }
            result.rulerMatches = count
        }
        let full = clock.measure {
            for text in texts {
                let tokenized = tokenizer.tokenize(text)
                let sentences = SentenceSplitter.split(tokenized)
                result.questions += resources.questions.detect(tokenized, sentences: sentences).count
                result.entities += resources.entities.extract(tokenized).count
            }
        }
        result.tokenizeSeconds = seconds(tokenizeOnly)
        result.rulerSeconds = resources.entities.ruler == nil ? 0 : seconds(ruler)
        result.totalSeconds = seconds(full)
        return result
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// What `dbind bench text --json` prints; `scripts/bench_text.py` reads these keys (the pattern
/// rate only when patterns were loaded).
public struct TextBenchmarkReport: Encodable {
    public var messages: Int
    public var megabytes: Double
    public var tokens: Int
    public var questions: Int
    public var entities: Int
    public var patterns: Int
    public var tokenizeSeconds: Double
    public var totalSeconds: Double
    public var rulerSeconds: Double
    public var rulerMatches: Int
    public var tokenizeTokensPerSecond: Int
    /// Nil without patterns: there is no pattern pass to time.
    public var tokenizeRulerTokensPerSecond: Int?
    public var tokensPerSecond: Int
    public var messagesPerSecond: Int
    public var megabytesPerSecond: Double

    public init(_ measurement: TextBenchmark.Measurement, texts: [String], patterns: Int) {
        let megabytes = Double(texts.reduce(0) { $0 + $1.utf8.count }) / 1_000_000
        self.messages = texts.count
        self.megabytes = (megabytes * 10).rounded() / 10
        self.tokens = measurement.tokens
        self.questions = measurement.questions
        self.entities = measurement.entities
        self.patterns = patterns
        self.tokenizeSeconds = measurement.tokenizeSeconds
        self.totalSeconds = measurement.totalSeconds
        self.rulerSeconds = measurement.rulerSeconds
        self.rulerMatches = measurement.rulerMatches
        self.tokenizeTokensPerSecond = Int(Double(measurement.tokens) / measurement.tokenizeSeconds)
        self.tokenizeRulerTokensPerSecond = measurement.rulerSeconds > 0 ? Int(Double(measurement.tokens) / measurement.rulerSeconds) : nil
        self.tokensPerSecond = Int(Double(measurement.tokens) / measurement.totalSeconds)
        self.messagesPerSecond = Int(Double(texts.count) / measurement.totalSeconds)
        self.megabytesPerSecond = (megabytes / measurement.totalSeconds * 100).rounded() / 100
    }

    private enum CodingKeys: String, CodingKey {
        case messages, megabytes, tokens, questions, entities, patterns
        case tokenizeSeconds = "tokenize_seconds", totalSeconds = "total_seconds", rulerSeconds = "ruler_seconds"
        case rulerMatches = "ruler_matches", tokenizeTokensPerSecond = "tokenize_tokens_per_second"
        case tokenizeRulerTokensPerSecond = "tokenize_ruler_tokens_per_second", tokensPerSecond = "tokens_per_second"
        case messagesPerSecond = "messages_per_second", megabytesPerSecond = "megabytes_per_second"
    }
}
