import DBindCore
import Testing

@Suite("Agreement metrics")
struct AgreementTests {
    @Test("Cohen's kappa: 50 items, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → po 0.7, pe 0.5, kappa 0.4")
    func kappaTextbook() throws {
        var pairs: [(String, String)] = []
        pairs += Array(repeating: ("yes", "yes"), count: 20)
        pairs += Array(repeating: ("yes", "no"), count: 5)
        pairs += Array(repeating: ("no", "yes"), count: 10)
        pairs += Array(repeating: ("no", "no"), count: 15)
        let kappa = try #require(Agreement.cohensKappa(pairs))
        #expect(abs(kappa - 0.4) < 1e-12)
    }

    @Test("Cohen's kappa: perfect agreement is 1, systematic disagreement negative, one category undefined")
    func kappaEdges() throws {
        #expect(Agreement.cohensKappa([("a", "a"), ("b", "b"), ("c", "c")]) == 1)
        // po = 0, pe = (1·1 + 1·1) / 4 = 0.5 → kappa = -1.
        #expect(Agreement.cohensKappa([("a", "b"), ("b", "a")]) == -1)
        #expect(Agreement.cohensKappa([("a", "a"), ("a", "a")]) == nil)
        #expect(Agreement.cohensKappa([(String, String)]()) == nil)
    }

    @Test("Krippendorff's alpha, nominal: the 4-coder, 12-unit example with missing values → 0.743")
    func alphaKrippendorffExample() throws {
        // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: coders A-D,
        // units 1-12, "." = missing. Unit 12 has one value and is not pairable.
        let matrix: [[Int?]] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
        ]
        let units = (0..<12).map { unit in matrix.compactMap { $0[unit] } }
        let alpha = try #require(Agreement.krippendorffAlpha(units))
        #expect(abs(alpha - 0.743) < 0.0005)
    }

    @Test("Krippendorff's alpha by hand: 3 units, 2 coders, one disagreement")
    func alphaByHand() throws {
        // Units (a,a) (b,b) (a,b): coincidences o_aa = 2, o_bb = 2, o_ab = o_ba = 1; n_a = n_b = 3, n = 6.
        // alpha = 1 - (n-1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k = 1 - 5 · 2 / 18 = 4/9.
        let alpha = try #require(Agreement.krippendorffAlpha([["a", "a"], ["b", "b"], ["a", "b"]]))
        #expect(abs(alpha - 4.0 / 9.0) < 1e-12)
        #expect(Agreement.krippendorffAlpha([["a", "a"], ["a", "a"]]) == nil, "no variation: undefined")
        #expect(Agreement.krippendorffAlpha([["a"], ["b"]]) == nil, "nothing pairable")
    }

    @Test("report: items with two or more annotators, kappa only for two, disagreements listed")
    func report() throws {
        let values: [String: [String: String]] = [
            "1": ["alice": "question", "bob": "question"],
            "2": ["alice": "answer", "bob": "question"],
            "3": ["alice": "answer", "bob": "answer"],
            "4": ["alice": "thanks"],
        ]
        let two = AgreementReport(labelSet: "message-intent", values: values)
        #expect(two.annotators == ["alice", "bob"])
        #expect(two.items == 3)
        #expect(two.agreed == 2)
        // po = 2/3; alice a,a,q vs bob q,a,q: pe = (1·2 + 2·1)/9 = 4/9 → kappa = (2/3 - 4/9)/(5/9) = 0.4.
        #expect(abs((two.kappa ?? 0) - 0.4) < 1e-12)
        // Coincidences: o_qq = 2, o_aa = 2, o_aq = o_qa = 1 → alpha = 1 - 5 · 2 / 18 = 4/9.
        #expect(abs((two.alpha ?? 0) - 4.0 / 9.0) < 1e-12)
        #expect(two.disagreements == [AgreementReport.Disagreement(item: "2", values: ["alice": "answer", "bob": "question"])])

        var three = values
        three["1"]?["carol"] = "question"
        let report = AgreementReport(labelSet: "message-intent", values: three)
        #expect(report.annotators == ["alice", "bob", "carol"])
        #expect(report.kappa == nil)
        #expect(report.alpha != nil)
    }
}
