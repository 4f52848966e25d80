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
        /// Tokenizer plus pattern rules only: the same work as spaCy's tokenizer + EntityRuler.
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
        result.rulerSeconds = seconds(ruler)
        result.totalSeconds = seconds(full)
        return result
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
