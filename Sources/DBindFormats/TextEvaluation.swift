import DBindCore
import Foundation

/// Scores the text stage against gold sets: questions per line, entities per span and type,
/// tokens per text, and UAX #29 conformance files.
public enum TextEvaluation {
    /// The default gold files, relative to the repository root.
    public static let defaultGoldFiles = ["fixtures/gold/chat-lines.jsonl", "fixtures/gold/written-multilingual.jsonl"]
    public static let defaultTokenGold = "fixtures/gold/tokens.jsonl"

    /// Where an item comes from, for per-source breakdowns.
    public static func source(of item: GoldItem) -> String {
        guard let file = item.file else { return "written" }
        return String(file.split(separator: "/").first ?? "data")
    }

    /// Loads gold files; file-referencing items need the data root, inline ones do not.
    public static func loadGold(files: [String], dataRoot: String) throws -> (items: [GoldItem], skipped: [String]) {
        var items: [GoldItem] = []
        var skipped: [String] = []
        let hasData = FileManager.default.fileExists(atPath: dataRoot)
        for file in files {
            if !hasData, try fileReferencesData(file) {
                skipped.append(file)
                continue
            }
            items += try GoldSetLoader.load(path: file, dataRoot: dataRoot)
        }
        return (items, skipped)
    }

    private static func fileReferencesData(_ path: String) throws -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { throw FormatError(file: path, line: 0, "cannot read gold file") }
        return String(decoding: data.prefix(4096), as: UTF8.self).contains("\"file\"")
    }

    /// An evaluation that scored no item: an empty set would score a perfect 1.000.
    public struct NothingToScore: Error, CustomStringConvertible {
        public var description: String
    }

    /// Throws `NothingToScore` when `scored` is 0, naming the files skipped for want of data.
    public static func requireScored(_ scored: Int, skipped: [String], dataRoot: String) throws {
        guard scored == 0 else { return }
        throw NothingToScore(description: skipped.isEmpty ? "no gold items to score: the files hold none of this kind"
            : "no gold items to score: every file was skipped (\(skipped.joined(separator: ", ")) need \(dataRoot))")
    }

    public struct QuestionResult {
        /// Items whose gold says whether they ask a question.
        public var scored = 0
        public var overall = PRF()
        public var bySource: [String: PRF] = [:]
        /// Per question kind, on items whose gold names one: a true positive needs the first
        /// detected question to have the gold kind; a wrong kind counts against both kinds.
        public var byKind: [QuestionKind: PRF] = [:]
        public var errors: [(item: GoldItem, predicted: [QuestionSpan])] = []
    }

    public static func questions(_ items: [GoldItem], detector: QuestionDetector) -> QuestionResult {
        var result = QuestionResult()
        let hasKinds = items.contains { $0.questionKind != nil }
        for item in items {
            guard let gold = item.question else { continue }
            result.scored += 1
            let predicted = detector.detect(item.text)
            let found = !predicted.isEmpty
            var score = PRF()
            if found && gold { score.truePositives = 1 } else if found { score.falsePositives = 1 } else if gold { score.falseNegatives = 1 }
            result.overall = result.overall + score
            result.bySource[source(of: item), default: PRF()] = result.bySource[source(of: item), default: PRF()] + score
            if found != gold { result.errors.append((item, predicted)) }
            if let kind = item.questionKind {
                if predicted.first?.kind == kind {
                    result.byKind[kind, default: PRF()].truePositives += 1
                } else {
                    result.byKind[kind, default: PRF()].falseNegatives += 1
                    if let other = predicted.first?.kind { result.byKind[other, default: PRF()].falsePositives += 1 }
                }
            } else if !gold, let other = predicted.first?.kind, hasKinds {
                result.byKind[other, default: PRF()].falsePositives += 1
            }
        }
        return result
    }

    public struct EntityResult {
        public var scores = SpanScores()
        public var bySource: [String: SpanScores] = [:]
        public var items: [GoldItem] = []
    }

    /// Entity scores; each item gets a gazetteer from its own members, roles and channels.
    public static func entities(_ items: [GoldItem], ruler: EntityRuler? = nil) -> EntityResult {
        var result = EntityResult()
        var extractors: [String: EntityExtractor] = [:]
        for item in items {
            guard let gold = item.entities else { continue }
            let key = "\(item.file ?? "")|\(item.roles)|\(item.channels)|\(item.speakers.count)"
            let extractor = extractors[key] ?? EntityExtractor(gazetteer: item.gazetteer, ruler: ruler)
            extractors[key] = extractor
            let predicted = extractor.extract(item.text).map { LabeledSpan(start: $0.start, end: $0.end, type: $0.type.rawValue) }
            let index = result.items.count
            result.items.append(item)
            result.scores.add(item: index, gold: gold, predicted: predicted)
            result.bySource[source(of: item), default: SpanScores()].add(item: index, gold: gold, predicted: predicted)
        }
        return result
    }

    public struct TokenResult {
        public var items = 0
        public var exact = 0
        public var boundaries = PRF()
        public var errors: [(item: GoldItem, predicted: [String])] = []
    }

    /// Token gold: exact token sequences and token-boundary precision/recall.
    public static func tokens(_ items: [GoldItem], tokenizer: Tokenizer = .chat) -> TokenResult {
        var result = TokenResult()
        for item in items {
            guard let gold = item.tokens else { continue }
            let tokenized = tokenizer.tokenize(item.text)
            let predicted = tokenized.tokens.indices.map { tokenized.text(of: $0) }
            result.items += 1
            if predicted == gold { result.exact += 1 } else { result.errors.append((item, predicted)) }
            let goldSpans = Set(spans(of: gold, in: item.text))
            let predictedSpans = Set(tokenized.tokens.map { LabeledSpan(start: $0.start, end: $0.end, type: "token") })
            result.boundaries.truePositives += goldSpans.intersection(predictedSpans).count
            result.boundaries.falsePositives += predictedSpans.subtracting(goldSpans).count
            result.boundaries.falseNegatives += goldSpans.subtracting(predictedSpans).count
        }
        return result
    }

    /// Locates gold token texts left to right in the text (code-point spans).
    static func spans(of tokens: [String], in text: String) -> [LabeledSpan] {
        let scalars = Array(text.unicodeScalars)
        var result: [LabeledSpan] = []
        var position = 0
        for token in tokens {
            let needle = Array(token.unicodeScalars)
            guard !needle.isEmpty else { continue }
            var k = position
            while k + needle.count <= scalars.count && Array(scalars[k..<(k + needle.count)]) != needle { k += 1 }
            guard k + needle.count <= scalars.count else { break }
            result.append(LabeledSpan(start: k, end: k + needle.count, type: "token"))
            position = k + needle.count
        }
        return result
    }

    /// The conformance folder for the runtime's ICU: the oldest available Unicode version
    /// not older than ICU's (e.g. ICU 72 = Unicode 15.0 → `15.1.0`).
    public static func unicodeFolder(dataRoot: String) -> String? {
        let base = URL(fileURLWithPath: dataRoot).appendingPathComponent("unicode")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? [])
            .filter { $0.first?.isNumber == true }
            .sorted { $0.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes($1.split(separator: ".").compactMap { Int($0) }) }
        let icu = UnicodeInfo.icuUnicodeVersion.split(separator: ".").compactMap { Int($0) }
        let pick = versions.first { !$0.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes(icu) } ?? versions.last
        return pick.map { base.appendingPathComponent($0).path }
    }
}
