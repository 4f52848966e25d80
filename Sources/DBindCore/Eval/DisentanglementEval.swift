/// One annotated chat sample: messages are numbered 0..<messageCount in time order; only
/// messages from `firstAnnotated` on are scored, earlier ones are context.
public struct DisentanglementSample: Sendable {
    public var name: String
    public var messageCount: Int
    public var firstAnnotated: Int
    /// Gold reply links as (antecedent, message) with antecedent ≤ message; a self-link marks
    /// a conversation start. A message may have several.
    public var goldLinks: [(antecedent: Int, message: Int)]

    public init(name: String, messageCount: Int, firstAnnotated: Int, goldLinks: [(antecedent: Int, message: Int)]) {
        self.name = name
        self.messageCount = messageCount
        self.firstAnnotated = firstAnnotated
        self.goldLinks = goldLinks
    }
}

/// All scores of one system on a set of samples, 0–100.
public struct DisentanglementScores: Sendable, Hashable, Codable {
    public var clusters: ClusterScores
    /// Share of scored messages whose predicted antecedent is one of their gold antecedents
    /// (a start counts when the gold marks it as a start).
    public var linkAccuracy: Double
    /// Link P/R/F over (message, antecedent) pairs, as the upstream graph evaluation counts them.
    public var linkPrecision: Double
    public var linkRecall: Double
    public var linkF1: Double
    public var messages: Int
    public var goldConversations: Int
    public var predictedConversations: Int
}

/// Scores predicted antecedents against gold links the way Kummerfeld et al. (2019) do:
/// conversations are connected components of all links of a file (context messages included,
/// they may bridge two scored messages), restricted to the scored messages; results are pooled
/// over files (one contingency table, one assignment, micro-averaged counts), not averaged.
public enum DisentanglementEvaluator {
    /// `predicted[k]` is the antecedent of message k (k itself for a start), one array per sample.
    public static func score(_ runs: [(sample: DisentanglementSample, predicted: [Int])]) -> DisentanglementScores {
        var goldLabels: [Int] = []
        var predictedLabels: [Int] = []
        var labelBase = 0
        var correctAntecedents = 0
        var goldLinkCount = 0
        var predictedLinkCount = 0
        var matchedLinks = 0
        for (sample, predicted) in runs {
            let n = sample.messageCount
            let gold = components(count: n, links: sample.goldLinks.map { ($0.antecedent, $0.message) })
            let guess = components(count: n, links: predicted.enumerated().map { ($1, $0) })
            var antecedents: [Int: Set<Int>] = [:]
            for link in sample.goldLinks where link.message >= sample.firstAnnotated {
                antecedents[link.message, default: []].insert(link.antecedent)
            }
            for k in sample.firstAnnotated..<max(sample.firstAnnotated, n) {
                goldLabels.append(labelBase + gold[k])
                predictedLabels.append(labelBase + n + guess[k])
                let golds = antecedents[k] ?? []
                goldLinkCount += golds.count
                predictedLinkCount += 1
                if golds.contains(predicted[k]) {
                    correctAntecedents += 1
                    matchedLinks += 1
                }
            }
            labelBase += 2 * n
        }
        let scored = goldLabels.count
        let clusters = ClusterMetrics.scores(gold: goldLabels, predicted: predictedLabels)
        let precision = predictedLinkCount > 0 ? 100 * Double(matchedLinks) / Double(predictedLinkCount) : 0
        let recall = goldLinkCount > 0 ? 100 * Double(matchedLinks) / Double(goldLinkCount) : 0
        return DisentanglementScores(
            clusters: clusters,
            linkAccuracy: scored > 0 ? 100 * Double(correctAntecedents) / Double(scored) : 0,
            linkPrecision: precision, linkRecall: recall,
            linkF1: matchedLinks > 0 ? 2 * precision * recall / (precision + recall) : 0,
            messages: scored, goldConversations: Set(goldLabels).count, predictedConversations: Set(predictedLabels).count)
    }

    /// Component label (smallest member) of each of `count` items joined by `links`.
    public static func components(count: Int, links: [(Int, Int)]) -> [Int] {
        var sets = UnionFind(count: count)
        for (a, b) in links where a >= 0 && a < count && b >= 0 && b < count { sets.union(a, b) }
        return (0..<count).map { sets.find($0) }
    }
}
