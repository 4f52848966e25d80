/// Chance-corrected agreement between annotators on nominal labels.
///
/// Raw percent agreement flatters frequent labels: two people who both say "question" 90 % of
/// the time agree often by luck. Cohen's kappa (two annotators) and Krippendorff's alpha
/// (any number, missing values allowed) subtract the agreement expected by chance.
public enum Agreement {
    /// Cohen's kappa over items both annotators labeled, as `(first, second)` value pairs.
    ///
    /// nil when there are no pairs or chance agreement is already perfect (a single category),
    /// where kappa is undefined.
    public static func cohensKappa<Value: Hashable>(_ pairs: [(Value, Value)]) -> Double? {
        guard !pairs.isEmpty else { return nil }
        let n = Double(pairs.count)
        var agreeing = 0.0
        var firstCounts: [Value: Double] = [:]
        var secondCounts: [Value: Double] = [:]
        for (a, b) in pairs {
            if a == b { agreeing += 1 }
            firstCounts[a, default: 0] += 1
            secondCounts[b, default: 0] += 1
        }
        let observed = agreeing / n
        let expected = firstCounts.reduce(0.0) { $0 + $1.value * (secondCounts[$1.key] ?? 0) } / (n * n)
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// Krippendorff's alpha for nominal data; each unit lists the values it received (one per
    /// annotator who labeled it, missing annotators left out).
    ///
    /// Units with fewer than two values cannot be paired and are ignored. nil when fewer than two
    /// pairable values exist or every value is the same category (no variation: undefined).
    public static func krippendorffAlpha<Value: Hashable>(_ units: [[Value]]) -> Double? {
        var coincidence: [Value: [Value: Double]] = [:]
        for values in units where values.count >= 2 {
            let weight = 1.0 / Double(values.count - 1)
            for i in values.indices {
                for j in values.indices where j != i {
                    coincidence[values[i], default: [:]][values[j], default: 0] += weight
                }
            }
        }
        var marginals: [Value: Double] = [:]
        var disagreeing = 0.0
        for (c, row) in coincidence {
            for (k, count) in row {
                marginals[c, default: 0] += count
                if c != k { disagreeing += count }
            }
        }
        let n = marginals.values.reduce(0, +)
        guard n > 1 else { return nil }
        let squares = marginals.values.reduce(0.0) { $0 + $1 * $1 }
        let expectedDisagreeing = n * n - squares
        guard expectedDisagreeing > 0 else { return nil }
        return 1 - (n - 1) * disagreeing / expectedDisagreeing
    }
}

/// Agreement on one label set: which items several people labeled, how well they agree, and
/// where they do not.
public struct AgreementReport: Sendable, Equatable, Encodable {
    /// An item labeled differently by at least two annotators, with each annotator's value.
    public struct Disagreement: Sendable, Equatable, Encodable {
        public var item: String
        public var values: [String: String]

        public init(item: String, values: [String: String]) {
            self.item = item
            self.values = values
        }
    }

    public var labelSet: String
    public var annotators: [String]
    /// Items labeled by at least two annotators.
    public var items: Int
    /// Of those, the items on which every annotator gave the same value.
    public var agreed: Int
    /// Cohen's kappa when exactly two annotators labeled the set.
    public var kappa: Double?
    /// Krippendorff's alpha (nominal) over every annotator.
    public var alpha: Double?
    public var disagreements: [Disagreement]

    private enum CodingKeys: String, CodingKey {
        case labelSet = "label_set", annotators, items, agreed, kappa, alpha, disagreements
    }

    /// Builds the report from each item's values by annotator. A multi-label value counts as
    /// one nominal category (the whole set), so partial overlap is disagreement.
    public init(labelSet: String, values: [String: [String: String]]) {
        self.labelSet = labelSet
        let shared = values.filter { $0.value.count >= 2 }
        annotators = Array(Set(values.values.flatMap(\.keys))).sorted()
        items = shared.count
        agreed = shared.values.filter { Set($0.values).count == 1 }.count
        if annotators.count == 2 {
            let (first, second) = (annotators[0], annotators[1])
            let pairs = shared.values.compactMap { byAnnotator -> (String, String)? in
                guard let a = byAnnotator[first], let b = byAnnotator[second] else { return nil }
                return (a, b)
            }
            kappa = Agreement.cohensKappa(pairs)
        } else {
            kappa = nil
        }
        alpha = Agreement.krippendorffAlpha(shared.keys.sorted().map { key in
            shared[key, default: [:]].sorted { $0.key < $1.key }.map(\.value)
        })
        disagreements = shared.filter { Set($0.value.values).count > 1 }
            .sorted { $0.key < $1.key }
            .map { Disagreement(item: $0.key, values: $0.value) }
    }
}
