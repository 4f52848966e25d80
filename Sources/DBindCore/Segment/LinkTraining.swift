import Foundation
import Synchronization

/// Candidate antecedents of messages with their features, as the segmenter saw them: what the
/// link scorer is fitted on.
public struct LinkExamples: Sendable {
    /// `LinkFeature.count` values per candidate.
    public var features: [Float] = []
    /// Per candidate: the input position of the antecedent, -1 for starting a conversation.
    public var antecedents: [Int32] = []
    /// Per example: the input position of its message.
    public var messages: [Int32] = []
    /// Per example: its first candidate; the last element closes the last example.
    public var offsets: [Int32] = [0]

    public init() {}

    public var count: Int { messages.count }

    public func candidates(_ example: Int) -> Range<Int> { Int(offsets[example])..<Int(offsets[example + 1]) }

    /// One example: its message, its candidates' antecedents and their features, row after row.
    public mutating func append(message: Int, antecedents candidates: [Int], features values: [Float]) {
        messages.append(Int32(message))
        for antecedent in candidates { antecedents.append(Int32(antecedent)) }
        features.append(contentsOf: values)
        offsets.append(Int32(antecedents.count))
    }

    /// Appends another set's examples (positions stay those of its own input).
    public mutating func append(_ other: LinkExamples) {
        let start = Int32(antecedents.count)
        messages += other.messages
        antecedents += other.antecedents
        features += other.features
        offsets += other.offsets.dropFirst().map { $0 + start }
    }
}

/// Fits a `LinkModel` by maximising the probability a softmax over each message's candidates
/// gives to its gold antecedents (any of them, when a message has several): a ranker with one
/// hidden layer, trained by backpropagation with Adam on mini-batches in a seeded order, so the
/// same data gives the same weights on every machine. From scratch it fits `members` nets from
/// consecutive seeds and averages them: one seed's net alone swings exact-match conversation F
/// by several points on the same data.
public struct LinkTraining: Sendable {
    public var epochs = 10
    public var batch = 64
    public var learningRate = 0.01
    public var l2 = 1e-5
    public var hiddenUnits = 16
    public var members = 1
    public var seed: UInt64 = 2019

    public init(members: Int = 1) {
        self.members = members
    }

    /// `gold[c]` marks candidate `c` as right. Examples with no right candidate teach nothing
    /// and are left out. `initial` continues from fitted weights (its shape and window win)
    /// instead of seeded starts.
    public func fit(_ examples: LinkExamples, gold: [Bool], window: Int = 40, from initial: LinkModel? = nil) -> LinkModel {
        if let initial { return fit(examples, gold: gold, seed: seed, model: initial) }
        let fitted = Mutex([LinkModel?](repeating: nil, count: members))
        DispatchQueue.concurrentPerform(iterations: members) { k in
            let model = fit(examples, gold: gold, seed: seed &+ UInt64(k), model: nil, window: window)
            fitted.withLock { $0[k] = model }
        }
        return LinkModel.average(fitted.withLock { $0.map { $0! } })
    }

    private func fit(_ examples: LinkExamples, gold: [Bool], seed: UInt64, model initial: LinkModel?, window: Int = 40) -> LinkModel {
        let d = LinkFeature.count
        var random = SplitMix64(state: seed)
        var model = initial ?? LinkModel(window: window, hiddenUnits: hiddenUnits)
        let h = model.hiddenUnits
        if initial == nil {
            let uniform = { (random: inout SplitMix64) in Double(random.next() % 2_000_001) / 1_000_000 - 1 }
            for k in model.hidden.indices { model.hidden[k] = 0.1 * uniform(&random) }
            for k in model.output.indices { model.output[k] = 0.1 * uniform(&random) }
        }
        // Parameters in one vector: linear weights, hidden rows (with bias), output weights.
        let hiddenBase = d
        let outputBase = d + h * (d + 1)
        let count = outputBase + h
        var m = Array(repeating: 0.0, count: count)
        var v = Array(repeating: 0.0, count: count)
        var gradient = Array(repeating: 0.0, count: count)
        var usable: [Int] = []
        for e in 0..<examples.count where examples.candidates(e).contains(where: { gold[$0] }) { usable.append(e) }
        var step = 0
        var scores: [Double] = []
        var activations: [Double] = []
        var nonzero: [(Int, Double)] = []
        examples.features.withUnsafeBufferPointer { features in
            for _ in 0..<epochs {
                usable.shuffle(using: &random)
                var k = 0
                while k < usable.count {
                    for j in 0..<count { gradient[j] = 0 }
                    let end = min(usable.count, k + batch)
                    for e in usable[k..<end] {
                        let range = examples.candidates(e)
                        scores.removeAll(keepingCapacity: true)
                        activations.removeAll(keepingCapacity: true)
                        activations.append(contentsOf: repeatElement(0, count: range.count * h))
                        var top = -Double.infinity
                        activations.withUnsafeMutableBufferPointer { a in
                            for (i, c) in range.enumerated() {
                                let s = model.score(features, row: c, activations: a.baseAddress! + i * h)
                                scores.append(s)
                                top = max(top, s)
                            }
                        }
                        var all = 0.0
                        var right = 0.0
                        for (i, c) in range.enumerated() {
                            let p = exp(scores[i] - top)
                            all += p
                            if gold[c] { right += p }
                        }
                        let scale = 1 / Double(end - k)
                        for (i, c) in range.enumerated() {
                            let p = exp(scores[i] - top)
                            let delta = scale * (p / all - (gold[c] ? p / right : 0))
                            guard abs(delta) > 1e-12 else { continue }
                            let row = c * d
                            nonzero.removeAll(keepingCapacity: true)
                            for j in 0..<d where features[row + j] != 0 {
                                nonzero.append((j, Double(features[row + j])))
                                gradient[j] += delta * Double(features[row + j])
                            }
                            for unit in 0..<h {
                                let a = activations[i * h + unit]
                                gradient[outputBase + unit] += delta * a
                                let g = delta * model.output[unit] * (1 - a * a)
                                let base = hiddenBase + unit * (d + 1)
                                gradient[base + d] += g
                                for (j, value) in nonzero { gradient[base + j] += g * value }
                            }
                        }
                    }
                    step += 1
                    let correction1 = 1 - pow(0.9, Double(step))
                    let correction2 = 1 - pow(0.999, Double(step))
                    for j in 0..<count {
                        let value = j < hiddenBase ? model.weights[j]
                            : j < outputBase ? model.hidden[j - hiddenBase] : model.output[j - outputBase]
                        let g = gradient[j] + l2 * value
                        m[j] = 0.9 * m[j] + 0.1 * g
                        v[j] = 0.999 * v[j] + 0.001 * g * g
                        let updated = value - learningRate * (m[j] / correction1) / ((v[j] / correction2).squareRoot() + 1e-8)
                        if j < hiddenBase {
                            model.weights[j] = updated
                        } else if j < outputBase {
                            model.hidden[j - hiddenBase] = updated
                        } else {
                            model.output[j - outputBase] = updated
                        }
                    }
                    k = end
                }
            }
        }
        return model
    }

    /// Share of examples with a right candidate whose best-scoring candidate is right.
    public static func accuracy(_ model: LinkModel, _ examples: LinkExamples, gold: [Bool]) -> Double {
        var right = 0
        var total = 0
        examples.features.withUnsafeBufferPointer { features in
            for e in 0..<examples.count {
                let range = examples.candidates(e)
                guard range.contains(where: { gold[$0] }) else { continue }
                total += 1
                if gold[model.best(in: features, candidates: range).candidate] { right += 1 }
            }
        }
        return total == 0 ? 0 : Double(right) / Double(total)
    }
}
