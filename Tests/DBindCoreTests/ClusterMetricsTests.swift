import DBindCore
import Foundation
import Testing

@Suite struct ClusterMetricsTests {
    @Test func variationOfInformationByHand() {
        // Cells (A,X)=2 (A,Y)=1 (B,Y)=2 (C,Z)=1, n = 6.
        // H(G|P) = H(P|G) = (1/6)ln3 + (1/3)ln(3/2); VI = twice that.
        let gold = [1, 1, 1, 2, 2, 3]
        let predicted = [7, 7, 8, 8, 8, 9]
        let half = log(3.0) / 6 + log(1.5) / 3
        let expected = 100 * (1 - 2 * half / log(6.0))
        let scores = ClusterMetrics.scores(gold: gold, predicted: predicted)
        #expect(abs(scores.scaledVI - expected) < 1e-9)
        #expect(abs(scores.scaledVI - 64.4755) < 1e-3)
        #expect(abs(scores.oneToOne - 500.0 / 6) < 1e-9)
        #expect(scores.f1 == 0)
    }

    @Test func identicalPartitionsScoreFull() {
        let labels = [1, 1, 2, 3, 3, 3]
        let scores = ClusterMetrics.scores(gold: labels, predicted: labels.map { $0 * 10 })
        #expect(abs(scores.scaledVI - 100) < 1e-9)
        #expect(scores.oneToOne == 100)
        #expect(scores.precision == 100 && scores.recall == 100 && scores.f1 == 100)
    }

    @Test func exactMatchSkipsSingletons() {
        // Gold {0,1} {2,3} {4}; predicted {0,1} {2} {3,4}: one of two clusters matches each way.
        let scores = ClusterMetrics.scores(gold: [1, 1, 2, 2, 3], predicted: [5, 5, 6, 7, 7])
        #expect(scores.precision == 50)
        #expect(scores.recall == 50)
        #expect(scores.f1 == 50)
    }

    @Test func oneToOneNeedsTheOptimalPairingNotTheGreedyOne() {
        #expect(Assignment.maximumWeight([[5, 4], [4, 0]]) == 8)
        #expect(Assignment.maximumWeight([[3, 1, 0], [2, 2, 0], [0, 5, 1]]) == 8)
        #expect(Assignment.maximumWeight([[1], [7], [3]]) == 7)
        // Gold G1 = {0…4}, G2 = {5…8}; predicted P = {0,1,5,6,7}, Q = {2,3,4,8}. Overlaps
        // G1∩P 2, G1∩Q 3, G2∩P 3, G2∩Q 1: pairing G1–Q and G2–P covers 6 of 9.
        let gold = [1, 1, 1, 1, 1, 2, 2, 2, 2]
        let predicted = [3, 3, 4, 4, 4, 3, 3, 3, 4]
        let scores = ClusterMetrics.scores(gold: gold, predicted: predicted)
        #expect(abs(scores.oneToOne - 600.0 / 9) < 1e-9)
    }

    @Test func evaluatorJoinsThroughContextAndScoresOnlyAnnotatedMessages() {
        // Messages 0–1 are context. Gold: 2 and 3 both answer 0 (one conversation through the
        // context message), 4 starts, 5 answers 2.
        let sample = DisentanglementSample(
            name: "t", messageCount: 6, firstAnnotated: 2,
            goldLinks: [(0, 2), (0, 3), (4, 4), (2, 5)])
        let predicted = [0, 1, 2, 2, 4, 4]
        let scores = DisentanglementEvaluator.score([(sample, predicted)])
        #expect(scores.messages == 4)
        #expect(scores.linkAccuracy == 25)
        #expect(scores.linkPrecision == 25 && scores.linkRecall == 25)
        #expect(scores.clusters.oneToOne == 75)
        #expect(scores.clusters.f1 == 0)
        #expect(scores.goldConversations == 2 && scores.predictedConversations == 2)
    }

    @Test func evaluatorPoolsFilesInsteadOfAveraging() {
        let perfect = DisentanglementSample(name: "a", messageCount: 2, firstAnnotated: 0, goldLinks: [(0, 0), (0, 1)])
        let wrong = DisentanglementSample(name: "b", messageCount: 4, firstAnnotated: 0,
                                          goldLinks: [(0, 0), (1, 1), (2, 2), (3, 3)])
        let pooled = DisentanglementEvaluator.score([(perfect, [0, 0]), (wrong, [0, 0, 1, 2])])
        // Right antecedents: a0 (start), a1 → 0; file b only b0 (start): 3 of 6.
        #expect(pooled.linkAccuracy == 50)
        // 1-1: file a pairs its 2 messages, file b at most 1 → 3 of 6.
        #expect(pooled.clusters.oneToOne == 50)
        // Exact match: gold clusters of 2+: {a0,a1}; predicted: {a0,a1}, {b0..b3} → P 50, R 100.
        #expect(pooled.clusters.precision == 50 && pooled.clusters.recall == 100)
    }
}
