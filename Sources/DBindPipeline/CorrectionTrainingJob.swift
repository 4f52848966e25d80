import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// `dbind train segmenter --db`: fits the link scorer further on the conversation corrections
/// reviewers made in a store (moves, splits, merges, as `dbind tag` reads them back), keeping a
/// quarter of the corrected messages out of the fit to report what the corrections taught.
public struct CorrectionTrainingJob {
    public var store: Store
    public var base: LinkModel
    public var text: TextResources
    public var training: LinkTraining

    public init(store: Store, base: LinkModel, text: TextResources) {
        self.store = store
        self.base = base
        self.text = text
        training = LinkTraining()
        training.epochs = 30
        training.learningRate = 0.005
    }

    public struct Result: Encodable, Sendable {
        /// Corrected messages the scorer has a say on (not replies, not system notices), and how
        /// many of them were held out of the fit.
        public var corrections: Int
        public var heldOut: Int
        /// Share of held-out corrections the scorer links as the reviewer did, before and after.
        public var heldOutBefore: Double
        public var heldOutAfter: Double
        /// The same on the corrections it was fitted on.
        public var fittedBefore: Double
        public var fittedAfter: Double
        public var seconds: Double

        enum CodingKeys: String, CodingKey {
            case corrections, seconds
            case heldOut = "held_out"
            case heldOutBefore = "held_out_before"
            case heldOutAfter = "held_out_after"
            case fittedBefore = "fitted_before"
            case fittedAfter = "fitted_after"
        }
    }

    /// A corrected message is held out when its id hashes into the last quarter: the same
    /// messages on every run, spread over channels and time.
    static func isHeldOut(_ id: Snowflake) -> Bool {
        var random = SplitMix64(state: id.rawValue)
        return random.next() % 4 == 0
    }

    public func run() throws -> (model: LinkModel, result: Result) {
        let start = Date()
        let detector = text.questions
        let segmenter = Segmenter(options: SegmenterOptions(linkModel: base), isQuestion: { !detector.detect($0).isEmpty })
        var fitted = (examples: LinkExamples(), gold: [Bool]())
        var heldOut = (examples: LinkExamples(), gold: [Bool]())
        for channel in try store.channels() {
            let messages = try store.messages(channel: channel.id)
            let manual = try store.manualLinks(channel: channel.id)
            let constraints = try TagJob.manualConstraints(store: store, channel: channel.id, messages: messages.map(\.id),
                                                           manual: manual)
            guard !constraints.isEmpty else { continue }
            let position = Dictionary(uniqueKeysWithValues: messages.enumerated().map { ($1.id, $0) })
            // Placements the person did not choose shape the conversations but teach nothing.
            let kept = Set(manual.filter(\.value.isKept).keys)
            // Conversation features see the conversations as the reviewers left them.
            var followed: [Int: Int] = [:]
            for message in constraints.starts { if let index = position[message] { followed[index] = -1 } }
            for (message, target) in constraints.links {
                if let index = position[message], let antecedent = position[target], antecedent < index { followed[index] = antecedent }
            }
            let examples = segmenter.linkExamples(messages.map(SegmentMessage.init), gold: followed)
            let d = LinkFeature.count
            for e in 0..<examples.count {
                let message = messages[Int(examples.messages[e])].id
                guard !kept.contains(message) else { continue }
                let right: Int32
                if constraints.starts.contains(message) {
                    right = -1
                } else if let target = constraints.links[message], let index = position[target], index < Int(examples.messages[e]) {
                    right = Int32(index)
                } else {
                    continue
                }
                let range = examples.candidates(e)
                let gold = range.map { examples.antecedents[$0] == right }
                let features = Array(examples.features[(range.lowerBound * d)..<(range.upperBound * d)])
                let antecedents = range.map { Int(examples.antecedents[$0]) }
                if Self.isHeldOut(message) {
                    heldOut.examples.append(message: Int(examples.messages[e]), antecedents: antecedents, features: features)
                    heldOut.gold += gold
                } else {
                    fitted.examples.append(message: Int(examples.messages[e]), antecedents: antecedents, features: features)
                    fitted.gold += gold
                }
            }
        }
        let model = fitted.examples.count == 0 ? base : training.fit(fitted.examples, gold: fitted.gold, from: base)
        let result = Result(
            corrections: fitted.examples.count + heldOut.examples.count, heldOut: heldOut.examples.count,
            heldOutBefore: LinkTraining.accuracy(base, heldOut.examples, gold: heldOut.gold),
            heldOutAfter: LinkTraining.accuracy(model, heldOut.examples, gold: heldOut.gold),
            fittedBefore: LinkTraining.accuracy(base, fitted.examples, gold: fitted.gold),
            fittedAfter: LinkTraining.accuracy(model, fitted.examples, gold: fitted.gold),
            seconds: Date().timeIntervalSince(start))
        return (model, result)
    }
}
