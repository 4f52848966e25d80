import DBindCore
import DBindFormats
import Foundation

/// `dbind train segmenter`: fits the link scorer on annotated IRC files, fed to the segmenter
/// exactly as `dbind eval segment` and `dbind tag` feed it (the files as channels of one guild,
/// the text stage's question detector).
public struct SegmenterTrainingJob {
    public var samples: [IRCDisentanglementSample]
    public var text: TextResources
    public var training = LinkTraining(members: 10)
    public var window = 60

    public init(samples: [IRCDisentanglementSample], text: TextResources) {
        self.samples = samples
        self.text = text
    }

    public struct Result: Encodable, Sendable {
        public var files: Int
        public var messages: Int
        /// Scored messages whose gold antecedent is among the candidates (the rest teach nothing).
        public var reachable: Int
        /// Share of those the fitted model links right.
        public var trainAccuracy: Double
        public var seconds: Double

        enum CodingKeys: String, CodingKey {
            case files, messages, reachable, seconds
            case trainAccuracy = "train_accuracy"
        }
    }

    /// One file's candidates and which of them its gold links mark right.
    public struct FileExamples: Sendable {
        public var examples: LinkExamples
        public var gold: [Bool]
        public var sample: DisentanglementSample
    }

    /// The candidates of every message of every file, as the segmenter sees them.
    public func examples() -> [FileExamples] {
        let detector = text.questions
        let segmenter = Segmenter(options: SegmenterOptions(linkModel: LinkModel(window: window)),
                                  isQuestion: { !detector.detect($0).isEmpty })
        return samples.enumerated().map { index, sample in
            let messages = SegmentEvalJob.guildMessages(sample, channel: SegmentEvalJob.channel(sample, index).id)
            let examples = segmenter.linkExamples(messages.map(SegmentMessage.init))
            var antecedents: [Int: Set<Int>] = [:]
            for link in sample.evaluation.goldLinks where link.message >= sample.evaluation.firstAnnotated {
                antecedents[link.message, default: []].insert(link.antecedent)
            }
            var gold: [Bool] = []
            for e in 0..<examples.count {
                let message = Int(examples.messages[e])
                let right = antecedents[message] ?? []
                for c in examples.candidates(e) {
                    let antecedent = Int(examples.antecedents[c])
                    gold.append(right.contains(antecedent < 0 ? message : antecedent))
                }
            }
            return FileExamples(examples: examples, gold: gold, sample: sample.evaluation)
        }
    }

    /// Each candidate's score under `model`, row by row.
    static func scores(_ model: LinkModel, _ file: FileExamples) -> [Double] {
        file.examples.features.withUnsafeBufferPointer { features in
            (0..<file.examples.antecedents.count).map { model.score(features, row: $0) }
        }
    }

    /// Each message's antecedent (itself for a start) when the start candidate's score is moved
    /// by `shift`, picked as the segmenter picks.
    static func decode(_ file: FileExamples, scores: [Double], startShift shift: Double) -> [Int] {
        var predicted = Array(0..<file.sample.messageCount)
        for e in 0..<file.examples.count {
            let best = LinkModel.best(of: file.examples.candidates(e)) { c in
                scores[c] + (file.examples.antecedents[c] < 0 ? shift : 0)
            }.candidate
            let message = Int(file.examples.messages[e])
            let antecedent = Int(file.examples.antecedents[best])
            predicted[message] = antecedent < 0 ? message : antecedent
        }
        return predicted
    }

    public func run() -> (model: LinkModel, result: Result) {
        let start = Date()
        let files = examples()
        var all = LinkExamples()
        var gold: [Bool] = []
        for file in files {
            all.append(file.examples)
            gold += file.gold
        }
        var model = training.fit(all, gold: gold, window: window)
        // The softmax is fitted to single links; conversations are what users see, and exact
        // matches count only when a conversation's size is right. So the weight of starting one
        // is calibrated on the same training files: the value whose count of conversations comes
        // nearest the gold count (the better mean of 1-VI, 1-1 and exact F on a tie).
        let scores = files.map { Self.scores(model, $0) }
        var best = (miss: Int.max, score: -1.0, shift: 0.0)
        for step in -20...20 {
            let shift = Double(step) * 0.1
            let result = DisentanglementEvaluator.score(files.indices.map {
                (files[$0].sample, Self.decode(files[$0], scores: scores[$0], startShift: shift))
            })
            let miss = abs(result.predictedConversations - result.goldConversations)
            let score = (result.clusters.scaledVI + result.clusters.oneToOne + result.clusters.f1) / 3
            if miss < best.miss || (miss == best.miss && score > best.score) { best = (miss, score, shift) }
        }
        model[.start] += best.shift
        let reachable = (0..<all.count).filter { all.candidates($0).contains { gold[$0] } }.count
        let scored = samples.reduce(0) { $0 + $1.evaluation.messageCount - $1.evaluation.firstAnnotated }
        let result = Result(
            files: samples.count, messages: scored, reachable: reachable,
            trainAccuracy: LinkTraining.accuracy(model, all, gold: gold), seconds: Date().timeIntervalSince(start))
        return (model, result)
    }

    /// The weights file's header: what it was fitted on and how to make it again.
    public func header(source: String, result: Result) -> [String] {
        [
            "Link scorer weights for dbind's segmenter (LinkFeature names; see `dbind train segmenter --help`).",
            "Fitted by `dbind train segmenter` on \(source): \(result.files) files, \(result.messages) annotated messages,",
            "\(result.reachable) with a gold antecedent among the candidates; \(training.epochs) epochs, batch \(training.batch),",
            "learning rate \(training.learningRate), L2 \(training.l2); \(training.members) nets of \(training.hiddenUnits) units from seeds \(training.seed)+, averaged;",
            "the start weight calibrated to the gold count of conversations. Deterministic: the same data gives this file.",
        ]
    }
}
