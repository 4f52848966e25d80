/// Runs the segmenter and the trivial baselines on annotated samples and scores them all with
/// the same code, so a table of numbers compares like with like.
public struct SegmentEvaluation: Sendable {
    /// A sample's messages, message k being number k of the annotation.
    public struct Input: Sendable {
        public var sample: DisentanglementSample
        public var messages: [SegmentMessage]

        public init(sample: DisentanglementSample, messages: [SegmentMessage]) {
            self.sample = sample
            self.messages = messages
        }
    }

    public struct FileResult: Sendable {
        public var name: String
        public var scores: DisentanglementScores
    }

    /// The channel kind each file got when tagged as a channel (set by runs through the product path).
    public struct ChannelKind: Sendable, Encodable {
        public var channel: String
        public var kind: String
        public var confidence: Double
        public var rules: [String]

        public init(channel: String, kind: String, confidence: Double, rules: [String]) {
            self.channel = channel
            self.kind = kind
            self.confidence = confidence
            self.rules = rules
        }
    }

    public var files: [FileResult]
    public var channelKinds: [ChannelKind] = []
    public var overall: DisentanglementScores
    public var baselines: [(baseline: SegmentBaseline, scores: DisentanglementScores)]
    /// How often each rule produced a scored message's link, and how often that link is one
    /// the gold gives (a start counts when the gold starts a conversation there).
    public var ruleCounts: [(rule: LinkRule, count: Int, right: Int)]

    /// Scores the segmenter run on each input's messages.
    public init(inputs: [Input], segmenter: Segmenter) {
        let links = inputs.map { input in
            segmenter.segment(input.messages).links.map { (antecedent: $0.antecedentID, rule: $0.rule) }
        }
        self.init(inputs: inputs, links: links, options: segmenter.options)
    }

    /// Scores links made elsewhere (by `dbind tag` over a store): each input's antecedent and
    /// rule per message, in the input's message order.
    public init(inputs: [Input], links: [[(antecedent: Snowflake?, rule: LinkRule)]], options: SegmenterOptions) {
        var runs: [(sample: DisentanglementSample, predicted: [Int])] = []
        var files: [FileResult] = []
        var counts: [LinkRule: (count: Int, right: Int)] = [:]
        for (input, made) in zip(inputs, links) {
            let predicted = SegmentEvaluation.numbered(input.messages, made.map(\.antecedent))
            runs.append((input.sample, predicted))
            files.append(FileResult(name: input.sample.name, scores: DisentanglementEvaluator.score([(input.sample, predicted)])))
            var gold: [Int: Set<Int>] = [:]
            for link in input.sample.goldLinks { gold[link.message, default: []].insert(link.antecedent) }
            for k in input.sample.firstAnnotated..<min(made.count, predicted.count) {
                let right = gold[k]?.contains(predicted[k]) ?? false
                counts[made[k].rule, default: (0, 0)].count += 1
                counts[made[k].rule, default: (0, 0)].right += right ? 1 : 0
            }
        }
        self.files = files
        overall = DisentanglementEvaluator.score(runs)
        baselines = SegmentBaseline.allCases.map { baseline in
            let baselineRuns = inputs.map { input in
                (input.sample, SegmentEvaluation.numbered(input.messages, baseline.antecedents(input.messages, options: options)))
            }
            return (baseline, DisentanglementEvaluator.score(baselineRuns))
        }
        ruleCounts = LinkRule.allCases.compactMap { rule in counts[rule].map { (rule, $0.count, $0.right) } }
    }

    /// Antecedent ids turned into message numbers (a start links to itself).
    static func numbered(_ messages: [SegmentMessage], _ antecedents: [Snowflake?]) -> [Int] {
        var number: [Snowflake: Int] = [:]
        for (k, message) in messages.enumerated() { number[message.id] = k }
        return antecedents.enumerated().map { k, id in id.flatMap { number[$0] } ?? k }
    }
}
