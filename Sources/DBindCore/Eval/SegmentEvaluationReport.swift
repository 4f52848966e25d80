import Foundation

/// What `dbind eval segment` prints: the table for people and, for `--json`, this value's
/// encoding (scores rounded to two decimals, as percentages).
public struct SegmentEvaluationReport: Encodable, Sendable {
    public struct Scores: Encodable, Sendable {
        public var vi, one_to_one, precision, recall, f1: Double
        public var link_accuracy, link_precision, link_recall, link_f1: Double
        public var messages, gold_conversations, predicted_conversations: Int

        init(_ s: DisentanglementScores) {
            func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
            vi = round2(s.clusters.scaledVI)
            one_to_one = round2(s.clusters.oneToOne)
            precision = round2(s.clusters.precision)
            recall = round2(s.clusters.recall)
            f1 = round2(s.clusters.f1)
            link_accuracy = round2(s.linkAccuracy)
            link_precision = round2(s.linkPrecision)
            link_recall = round2(s.linkRecall)
            link_f1 = round2(s.linkF1)
            messages = s.messages
            gold_conversations = s.goldConversations
            predicted_conversations = s.predictedConversations
        }
    }

    public struct File: Encodable, Sendable {
        public var name: String
        public var scores: Scores

        public func encode(to encoder: Encoder) throws { try MergedObject(scores, Name(name: name)).encode(to: encoder) }

        private struct Name: Encodable { var name: String }
    }

    /// The pooled scores, at the top level of the JSON object.
    public var overall: Scores
    public var details: Details

    /// The members beside the pooled scores.
    public struct Details: Encodable, Sendable {
        public var files: [File]
        public var baselines: [String: Scores]
        /// Links per rule among the scored messages.
        public var rules: [String: Int]
        /// The kind each file got as a channel, with the rules that fired.
        public var channel_kinds: [SegmentEvaluation.ChannelKind]
    }

    public init(_ evaluation: SegmentEvaluation) {
        overall = Scores(evaluation.overall)
        details = Details(
            files: evaluation.files.map { File(name: $0.name, scores: Scores($0.scores)) },
            baselines: Dictionary(uniqueKeysWithValues: evaluation.baselines.map { ($0.baseline.rawValue, Scores($0.scores)) }),
            rules: Dictionary(uniqueKeysWithValues: evaluation.ruleCounts.map { ($0.rule.rawValue, $0.count) }),
            channel_kinds: evaluation.channelKinds)
    }

    public func encode(to encoder: Encoder) throws { try MergedObject(overall, details).encode(to: encoder) }

    /// One row per file, the pooled row, the baselines and the rule counts.
    public static func table(_ evaluation: SegmentEvaluation) -> String {
        func row(_ name: String, _ s: DisentanglementScores) -> String {
            func cell(_ value: Double) -> String { String(format: "%6.1f", value) }
            return name.padding(toLength: 16, withPad: " ", startingAt: 0)
                + [s.clusters.scaledVI, s.clusters.oneToOne, s.clusters.precision, s.clusters.recall, s.clusters.f1,
                   s.linkAccuracy, s.linkF1].map(cell).joined(separator: " ")
                + String(format: " %6d %5d %5d", s.messages, s.goldConversations, s.predictedConversations)
        }
        var lines = ["file              1-VI    1-1  exactP exactR exactF  linkAc linkF   msgs  gold  pred"]
        for file in evaluation.files { lines.append(row(file.name, file.scores)) }
        lines.append(row("OVERALL", evaluation.overall))
        lines.append("baselines")
        for (baseline, scores) in evaluation.baselines { lines.append(row("  " + baseline.rawValue, scores)) }
        lines.append("rules (links the gold has): " + evaluation.ruleCounts.map {
            "\($0.rule.rawValue) \($0.count) (\(Int((100 * Double($0.right) / Double(max(1, $0.count))).rounded()))%)"
        }.joined(separator: ", "))
        if !evaluation.channelKinds.isEmpty {
            let counts = Dictionary(grouping: evaluation.channelKinds, by: \.kind).mapValues(\.count)
            lines.append("channel kinds: " + counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ") + " of \(evaluation.channelKinds.count) files")
        }
        return lines.joined(separator: "\n")
    }
}
