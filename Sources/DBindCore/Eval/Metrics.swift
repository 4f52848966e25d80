/// Precision, recall and F1 from true-positive, false-positive and false-negative counts.
/// Encodes as rounded `precision`, `recall`, `f1` beside the `tp`, `fp`, `fn` counts.
public struct PRF: Sendable, Hashable, Encodable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    public var precision: Double {
        truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    public var recall: Double {
        truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    public var f1: Double {
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }
    public var support: Int { truePositives + falseNegatives }

    public static func + (a: PRF, b: PRF) -> PRF {
        PRF(truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
            falseNegatives: a.falseNegatives + b.falseNegatives)
    }

    private enum CodingKeys: String, CodingKey { case precision, recall, f1, tp, fp, fn }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.round(precision), forKey: .precision)
        try container.encode(Self.round(recall), forKey: .recall)
        try container.encode(Self.round(f1), forKey: .f1)
        try container.encode(truePositives, forKey: .tp)
        try container.encode(falsePositives, forKey: .fp)
        try container.encode(falseNegatives, forKey: .fn)
    }

    static func round(_ value: Double) -> Double { (value * 10000).rounded() / 10000 }
}

/// A labelled span for evaluation: code-point offsets and a type.
public struct LabeledSpan: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var type: String

    public init(start: Int, end: Int, type: String) {
        self.start = start
        self.end = end
        self.type = type
    }
}

/// Exact-match span scoring per type (start, end and type must all agree).
public struct SpanScores: Sendable {
    public private(set) var byType: [String: PRF] = [:]
    /// Predicted spans that matched nothing and gold spans that were missed, for error analysis.
    public private(set) var errors: [(item: Int, span: LabeledSpan, kind: String)] = []

    public init() {}

    public mutating func add(item: Int, gold: [LabeledSpan], predicted: [LabeledSpan]) {
        let goldSet = Set(gold), predictedSet = Set(predicted)
        for span in predictedSet {
            if goldSet.contains(span) {
                byType[span.type, default: PRF()].truePositives += 1
            } else {
                byType[span.type, default: PRF()].falsePositives += 1
                errors.append((item, span, "false-positive"))
            }
        }
        for span in goldSet where !predictedSet.contains(span) {
            byType[span.type, default: PRF()].falseNegatives += 1
            errors.append((item, span, "false-negative"))
        }
    }

    /// Micro-averaged scores over the given types (all types when nil).
    public func micro(_ types: Set<String>? = nil) -> PRF {
        byType.filter { types?.contains($0.key) ?? true }.values.reduce(PRF(), +)
    }
}
