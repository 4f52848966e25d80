import DBindCore
import DBindFormats
import Foundation
import Synchronization

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
        /// The file as the segmenter reads it, for replaying segmentation with fitted weights.
        public var messages: [SegmentMessage]
        /// Each message's position in `messages`, by id.
        var positions: [Snowflake: Int]
    }

    func segmenter(_ model: LinkModel) -> Segmenter {
        let detector = text.questions
        return Segmenter(options: SegmenterOptions(linkModel: model), isQuestion: { !detector.detect($0).isEmpty })
    }

    /// The candidates of every message of every file, as the segmenter sees them with the
    /// annotated conversations so far.
    public func examples() -> [FileExamples] {
        let segmenter = segmenter(LinkModel(window: window))
        return samples.enumerated().map { index, sample in
            let messages = SegmentEvalJob.guildMessages(sample, channel: SegmentEvalJob.channel(sample, index).id)
                .map(SegmentMessage.init)
            var antecedents: [Int: Set<Int>] = [:]
            for link in sample.evaluation.goldLinks where link.message >= sample.evaluation.firstAnnotated {
                antecedents[link.message, default: []].insert(link.antecedent)
            }
            // Followed while collecting: a message's latest earlier gold antecedent, else a start.
            var followed: [Int: Int] = [:]
            for (message, set) in antecedents { followed[message] = set.filter { $0 < message }.max() ?? -1 }
            let examples = segmenter.linkExamples(messages, gold: followed)
            var gold: [Bool] = []
            for e in 0..<examples.count {
                let message = Int(examples.messages[e])
                let right = antecedents[message] ?? []
                for c in examples.candidates(e) {
                    let antecedent = Int(examples.antecedents[c])
                    gold.append(right.contains(antecedent < 0 ? message : antecedent))
                }
            }
            let positions = Dictionary(messages.indices.map { (messages[$0].id, $0) }, uniquingKeysWith: { _, last in last })
            return FileExamples(examples: examples, gold: gold, sample: sample.evaluation, messages: messages, positions: positions)
        }
    }

    /// Each file's antecedents (a message's own position for a start) as the segmenter links
    /// them with `model`: its own links, not the gold ones, are what later messages see.
    func predicted(_ model: LinkModel, _ files: [FileExamples]) -> [[Int]] {
        let segmenter = segmenter(model)
        let out = Mutex([[Int]](repeating: [], count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { f in
            let links = segmenter.segment(files[f].messages).links
            let predicted = links.indices.map { i in links[i].antecedentID.flatMap { files[f].positions[$0] } ?? i }
            out.withLock { $0[f] = predicted }
        }
        return out.withLock { $0 }
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
        // is calibrated on the same training files, segmented as `tag` segments them: the value
        // whose count of conversations comes nearest the gold count (the better mean of 1-VI,
        // 1-1 and exact F on a tie).
        var best = (miss: Int.max, score: -1.0, shift: 0.0)
        for step in -20...20 {
            let shift = Double(step) * 0.1
            var shifted = model
            shifted[.start] += shift
            let predicted = predicted(shifted, files)
            let result = DisentanglementEvaluator.score(files.indices.map { (files[$0].sample, predicted[$0]) })
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
            "the start weight calibrated so that segmenting these files gives their gold count of conversations.",
            "Deterministic: the same data gives this file.",
        ]
    }
}
