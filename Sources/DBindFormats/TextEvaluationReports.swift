import DBindCore
import Foundation

/// What `dbind eval questions --json` prints: the overall scores at the top level, then the
/// breakdowns by source and by question kind.
public struct QuestionEvalReport: Encodable {
    public var overall: PRF
    public var breakdown: Breakdown

    /// The members beside the overall scores.
    public struct Breakdown: Encodable {
        public var bySource: [String: PRF]
        public var byKind: [String: PRF]
        public var items: Int
        public var skippedFiles: [String]

        private enum CodingKeys: String, CodingKey {
            case bySource = "by_source", byKind = "by_kind", items, skippedFiles = "skipped_files"
        }
    }

    public init(_ result: TextEvaluation.QuestionResult, gold: [GoldItem], skipped: [String]) {
        overall = result.overall
        breakdown = Breakdown(
            bySource: result.bySource, byKind: Dictionary(uniqueKeysWithValues: result.byKind.map { ($0.key.rawValue, $0.value) }),
            items: gold.filter { $0.question != nil }.count, skippedFiles: skipped)
    }

    public func encode(to encoder: Encoder) throws { try MergedObject(overall, breakdown).encode(to: encoder) }
}

/// What `dbind eval entities --json` prints: micro scores over all types and over the types
/// pattern files define, then per type and per source.
public struct EntityEvalReport: Encodable {
    public var all: PRF
    public var patternDefined: PRF
    public var byType: [String: PRF]
    public var bySource: [String: PRF]
    public var items: Int
    public var goldSpans: Int
    public var skippedFiles: [String]

    public init(_ result: TextEvaluation.EntityResult, skipped: [String]) {
        all = result.scores.micro()
        patternDefined = result.scores.micro(Set(EntityType.patternDefined.map(\.rawValue)))
        byType = result.scores.byType
        bySource = result.bySource.mapValues { $0.micro() }
        items = result.items.count
        goldSpans = all.support
        skippedFiles = skipped
    }

    private enum CodingKeys: String, CodingKey {
        case all, patternDefined = "pattern_defined", byType = "by_type", bySource = "by_source", items
        case goldSpans = "gold_spans", skippedFiles = "skipped_files"
    }
}

/// What `dbind eval tokens --json` prints: UAX #29 conformance of the base segmenter, where the
/// test files are present, and the chat tokenizer against token gold.
public struct TokenEvalReport: Encodable {
    /// One UAX #29 test file: failures that an ICU tailoring explains are counted by tailoring.
    public struct Conformance: Encodable {
        public var name: String
        public var file: String
        public var total: Int
        public var passed: Int
        public var icuTailorings: [String: Int]
        public var unexplainedLines: [Int]
        /// `(line, expected, actual)` of every failing case, for `--errors`.
        public var failures: [(line: Int, expected: [Int], actual: [Int])]

        private enum CodingKeys: String, CodingKey {
            case file, total, passed, icuTailorings = "icu_tailorings", unexplainedLines = "unexplained_lines"
        }
    }

    /// The chat tokenizer against token gold: texts tokenized exactly, and token boundaries.
    public struct ChatTokens: Encodable {
        public var items: Int
        public var exact: Int
        public var boundaries: PRF
    }

    public var icuUnicodeVersion = UnicodeInfo.icuUnicodeVersion
    /// The conformance folder used, when the data root has one.
    public var unicodeFolder: String?
    public var wordBreak: Conformance?
    public var sentenceBreak: Conformance?
    public var chatTokens: ChatTokens
    /// Texts the chat tokenizer got wrong, with its tokens, for `--errors`.
    public var chatTokenErrors: [(item: GoldItem, predicted: [String])]

    private enum CodingKeys: String, CodingKey {
        case icuUnicodeVersion = "icu_unicode_version", wordBreak = "word_break", sentenceBreak = "sentence_break"
        case chatTokens = "chat_tokens"
    }
}

extension TextEvaluation {
    /// UAX #29 conformance from the data root's folder for this ICU (when there is one) and the
    /// chat tokenizer against the token gold file.
    public static func tokenReport(gold: String, dataRoot: String) throws -> TokenEvalReport {
        let folder = unicodeFolder(dataRoot: dataRoot)
        let conformance = try folder.map(Self.conformance(folder:))
        let result = tokens(try GoldSetLoader.load(path: gold, dataRoot: dataRoot))
        return TokenEvalReport(unicodeFolder: folder, wordBreak: conformance?.word, sentenceBreak: conformance?.sentence,
                               chatTokens: .init(items: result.items, exact: result.exact, boundaries: result.boundaries),
                               chatTokenErrors: result.errors)
    }

    /// Runs WordBreakTest.txt and SentenceBreakTest.txt from `folder` (those present).
    static func conformance(folder: String) throws -> (word: TokenEvalReport.Conformance?, sentence: TokenEvalReport.Conformance?) {
        func run(_ name: String, _ kind: BreakConformance.Kind) throws -> TokenEvalReport.Conformance? {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            let cases = try BreakTestFile.parse(try FormatError.readText(path), file: path)
            let result = BreakConformance.check(kind: kind, cases: cases.map { ($0.line, $0.text, $0.boundaries) })
            let byLine = Dictionary(uniqueKeysWithValues: cases.map { ($0.line, $0) })
            var explained: [String: Int] = [:]
            var unexplained: [Int] = []
            for failure in result.failures {
                if let tailoring = byLine[failure.line].flatMap({ UAX29Tailoring.explaining($0.scalars.map(\.value)) }) {
                    explained[tailoring.rawValue, default: 0] += 1
                } else {
                    unexplained.append(failure.line)
                }
            }
            return .init(name: name, file: path, total: result.total, passed: result.passed, icuTailorings: explained,
                         unexplainedLines: unexplained, failures: result.failures.map { ($0.line, $0.expected, $0.actual) })
        }
        return (try run("WordBreakTest.txt", .word), try run("SentenceBreakTest.txt", .sentence))
    }
}
