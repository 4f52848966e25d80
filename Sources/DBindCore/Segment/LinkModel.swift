import Foundation

/// What the link scorer knows about one candidate antecedent of a message, or about the
/// message opening a conversation (the `start` candidate). Every value is 0 or 1 except the
/// shared-word weight; the raw value names the weight in the weights file.
public enum LinkFeature: String, CaseIterable, Sendable {
    // The message opens a conversation.
    case start
    case startAddressed = "start.addressed"
    case startQuestion = "start.question"
    case startGreeting = "start.greeting"
    case startNewSpeaker = "start.new-speaker"
    case startBlock = "start.block-start"
    case startRules = "start.rules-agree"
    case startQuiet = "start.quiet-minute"
    // Time since the candidate, and messages between.
    case gap10s = "gap.10s"
    case gap30s = "gap.30s"
    case gap1m = "gap.1m"
    case gap2m = "gap.2m"
    case gap5m = "gap.5m"
    case gap10m = "gap.10m"
    case gap30m = "gap.30m"
    case gapLonger = "gap.longer"
    case distance1 = "distance.1"
    case distance2 = "distance.2"
    case distance3 = "distance.3"
    case distance5 = "distance.4-5"
    case distance10 = "distance.6-10"
    case distance20 = "distance.11-20"
    case distanceMore = "distance.more"
    case otherBlock = "other-block"
    // Who wrote it and to whom.
    case sameAuthor = "same-author"
    case ownLatest = "same-author.latest"
    case authorLatest = "author.latest"
    case toItsAuthor = "addressee"
    case toItsAuthorLatest = "addressee.latest"
    case toSomeoneElse = "addressee.other"
    case itAddressedMe = "addressed-me"
    case itAddressedOther = "addressed-other"
    case mentionsItsAuthor = "mention"
    // What it says.
    case itsQuestion = "question-by-other"
    case itsGreeting = "greeting"
    case itsCommand = "command"
    case sharedWords = "words"
    case anySharedWord = "words.any"
    case answersItsQuestion = "words.question"
    // The explainable rules' suggestions.
    case ruleAddressOwn = "rule.address-own"
    case ruleAddressBack = "rule.address-back"
    case ruleAddress = "rule.address"
    case ruleMention = "rule.mention"
    case ruleCommand = "rule.command"
    case ruleContinuation = "rule.continuation"
    case ruleResponse = "rule.response"
    case ruleAnswer = "rule.answer"
    case ruleLexical = "rule.lexical"
    case rulesChoice = "rules-choice"
    // The conversation the candidate is in, as linked so far.
    case conversationLatest = "conversation.latest"
    case conversationAlone = "conversation.alone"
    case conversationMine = "conversation.mine"
    case conversationAddressee = "conversation.addressee"

    /// At most `LinkFeature.keyBits`, so a row's features and shared-word weights fit one key
    /// (`LinkScoreMemo`).
    public static let count = allCases.count
    /// Bits of a score memo key that name features; the two shared-word weights take five bits
    /// each above them.
    public static let keyBits = 54
    /// The position in `allCases`: a case without payload is stored as its declaration ordinal,
    /// and reading that byte spares the hot loop a hash of the raw string (a test checks it).
    @inline(__always) public var index: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    /// The rule whose suggestion this feature marks.
    static func rule(_ rule: LinkRule) -> LinkFeature? {
        switch rule {
        case .addressOwn: .ruleAddressOwn
        case .addressBack: .ruleAddressBack
        case .address: .ruleAddress
        case .mention: .ruleMention
        case .command: .ruleCommand
        case .continuation: .ruleContinuation
        case .response: .ruleResponse
        case .answer: .ruleAnswer
        case .lexical: .ruleLexical
        case .reply, .pinned, .scored, .start, .system: nil
        }
    }
}

/// A small feed-forward link scorer: each candidate's score is a weighted sum of its features
/// plus a layer of `tanh` units over them (so features can combine: a short gap means more for
/// the same author than for a stranger), and a message links to the best-scoring candidate or
/// starts a conversation. Weights come from `dbind train segmenter` and are kept as a text file
/// of `name weight` lines (`feature`, `hK.feature`, `hK.bias`, `hK.out`).
public struct LinkModel: Sendable, Hashable {
    /// One weight per feature, straight into the score.
    public var weights: [Double]
    /// Per hidden unit, one weight per feature and then its bias.
    public var hidden: [Double]
    /// Per hidden unit, its weight in the score.
    public var output: [Double]
    /// Candidates considered besides the rules' suggestions: this many previous messages.
    public var window: Int

    public var hiddenUnits: Int { output.count }

    public init(window: Int = 40, hiddenUnits: Int = 0) {
        weights = Array(repeating: 0, count: LinkFeature.count)
        hidden = Array(repeating: 0, count: hiddenUnits * (LinkFeature.count + 1))
        output = Array(repeating: 0, count: hiddenUnits)
        self.window = window
    }

    /// The net whose score is the mean of the members' scores: the mean of their linear weights,
    /// and all their hidden units side by side, each unit's output weight divided by the count.
    public static func average(_ members: [LinkModel]) -> LinkModel {
        guard let first = members.first, members.count > 1 else { return members.first ?? LinkModel() }
        let share = 1 / Double(members.count)
        var model = LinkModel(window: first.window, hiddenUnits: 0)
        for k in model.weights.indices { model.weights[k] = members.reduce(0) { $0 + $1.weights[k] } * share }
        for member in members {
            model.hidden += member.hidden
            model.output += member.output.map { $0 * share }
        }
        return model
    }

    public subscript(feature: LinkFeature) -> Double {
        get { weights[feature.index] }
        set { weights[feature.index] = newValue }
    }

    /// Parses `name weight` lines (`#` starts a comment; `window N` and `hidden N` come first).
    /// A missing weight is 0; an unknown name is an error, since it means the file and the code
    /// differ.
    public init(parsing text: String) throws(LinkModelError) {
        self.init()
        let d = LinkFeature.count
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard !fields.isEmpty else { continue }
            let fail = { (reason: String) in LinkModelError(line: number + 1, reason: reason) }
            guard fields.count == 2 else { throw fail("expected `name weight`") }
            let name = fields[0]
            if name == "window" || name == "hidden" {
                guard let value = Int(fields[1]), value >= 0, value <= 4096 else { throw fail("\(name) must be a whole number") }
                if name == "window" { window = value } else { self = LinkModel(window: window, hiddenUnits: value) }
                continue
            }
            guard let value = Double(fields[1]), value.isFinite else { throw fail("`\(fields[1])` is not a number") }
            if let feature = LinkFeature(rawValue: String(name)) {
                self[feature] = value
                continue
            }
            let parts = name.split(separator: ".", maxSplits: 1)
            guard parts.count == 2, parts[0].first == "h", let unit = Int(parts[0].dropFirst()), unit >= 1 else {
                throw fail("unknown feature `\(name)`")
            }
            guard unit <= hiddenUnits else { throw fail("unit h\(unit) beyond `hidden \(hiddenUnits)`") }
            if parts[1] == "out" {
                output[unit - 1] = value
            } else if parts[1] == "bias" {
                hidden[(unit - 1) * (d + 1) + d] = value
            } else if let feature = LinkFeature(rawValue: String(parts[1])) {
                hidden[(unit - 1) * (d + 1) + feature.index] = value
            } else {
                throw fail("unknown feature `\(parts[1])`")
            }
        }
    }

    /// The weights file: the header lines as comments, then one weight per line.
    public func text(header: [String]) -> String {
        let d = LinkFeature.count
        func number(_ value: Double) -> String { String(format: "%.6f", value) }
        var out = header.map { "# \($0)\n" }.joined()
        out += "window \(window)\nhidden \(hiddenUnits)\n"
        for feature in LinkFeature.allCases { out += "\(feature.rawValue) \(number(self[feature]))\n" }
        for unit in 0..<hiddenUnits {
            out += "h\(unit + 1).out \(number(output[unit]))\nh\(unit + 1).bias \(number(hidden[unit * (d + 1) + d]))\n"
            for feature in LinkFeature.allCases where hidden[unit * (d + 1) + feature.index] != 0 {
                out += "h\(unit + 1).\(feature.rawValue) \(number(hidden[unit * (d + 1) + feature.index]))\n"
            }
        }
        return out
    }

    /// The score of candidate row `c` of `features`; `activations`, when given, receives the
    /// hidden units' values (for training).
    @inline(__always)
    public func score(_ features: UnsafeBufferPointer<Float>, row c: Int, activations: UnsafeMutablePointer<Double>? = nil) -> Double {
        let d = weights.count
        let base = c * d
        // Most features are 0: each unit's sum runs over the few that are not.
        return withUnsafeTemporaryAllocation(of: (Int, Double).self, capacity: d) { nonzero in
            var used = 0
            for k in 0..<d where features[base + k] != 0 {
                nonzero[used] = (k, Double(features[base + k]))
                used += 1
            }
            return score(nonzero: UnsafeBufferPointer(rebasing: nonzero[..<used]), activations: activations)
        }
    }

    /// The score of a row given as its non-zero features (index, value).
    @inline(__always)
    func score(nonzero: UnsafeBufferPointer<(Int, Double)>, activations: UnsafeMutablePointer<Double>?) -> Double {
        let d = weights.count
        var score = 0.0
        for (k, value) in nonzero { score += weights[k] * value }
        hidden.withUnsafeBufferPointer { hidden in
            for unit in 0..<output.count {
                let row = unit * (d + 1)
                var sum = hidden[row + d]
                for (k, value) in nonzero { sum += hidden[row + k] * value }
                let a = Self.tanh(sum)
                activations?[unit] = a
                score += output[unit] * a
            }
        }
        return score
    }

    /// tanh from one `exp`: libm's `tanh` costs several times more, and the hidden units are
    /// most of a scored row's work. Saturates cleanly: `exp` overflowing gives 1, underflowing -1.
    @inline(__always)
    public static func tanh(_ x: Double) -> Double { 1 - 2 / (exp(2 * x) + 1) }

    /// The best of the candidates `range` (rows of `LinkFeature.count` values in `features`),
    /// the first on a tie, and its softmax probability.
    public func best(in features: UnsafeBufferPointer<Float>, candidates range: Range<Int>) -> (candidate: Int, confidence: Double) {
        Self.best(of: range) { score(features, row: $0) }
    }

    /// The best of `range` by `score`, the first on a tie, and its softmax probability.
    static func best(of range: Range<Int>, score: (Int) -> Double) -> (candidate: Int, confidence: Double) {
        var best = range.lowerBound
        var top = -Double.infinity
        var sum = 0.0
        for c in range {
            let score = score(c)
            // A running softmax denominator, rescaled whenever the top score moves.
            if score > top {
                sum = sum * exp(top - score) + 1
                top = score
                best = c
            } else {
                sum += exp(score - top)
            }
        }
        return (best, 1 / sum)
    }
}

/// One model's scores of the feature rows it has met. Every feature is 0 or 1 but the two
/// shared-word weights, which come in eighths up to 3, so one 64-bit key names a row exactly: its
/// feature bits (`LinkFeature.count` ≤ `LinkFeature.keyBits`) and the two weights' eighths, and a
/// row is scored from its key alone. Most candidates repeat a handful of rows (a long gap, far
/// back, no shared word), and a hit saves the hidden layer's work; a tag worker keeps one memo
/// across channels, so a row met in one channel is not scored again in the next.
public struct LinkScoreMemo: Sendable {
    /// The model the scores are for.
    public let model: LinkModel
    private var scores = IntegerMap<Double>(capacity: 1024)
    /// The hidden weights feature by feature (each feature's weight into every unit side by
    /// side), so a row's unit sums run over contiguous weights.
    private let columns: [Double]
    private let biases: [Double]
    /// Past this many rows the memo starts over, so memory stays bounded however many channels
    /// it serves.
    static let limit = 1 << 16

    /// A shared-word weight as a feature value: in eighths up to 3, so rows repeat and the memo
    /// hits (a finer weight adds nothing), and so `add` names every value exactly.
    static func wordWeight(_ shared: Double) -> Float { Float(max(1, (min(3, shared / 10) * 8).rounded())) / 8 }

    /// Adds a feature's value to a row's key, as the row is filled: its bit, and for the two
    /// shared-word weights their eighths above the feature bits.
    @inline(__always)
    static func add(_ feature: LinkFeature, _ value: Float, to key: inout UInt64) {
        key |= 1 << UInt64(feature.index)
        switch feature {
        case .sharedWords: key |= UInt64(value * 8) << UInt64(LinkFeature.keyBits)
        case .answersItsQuestion: key |= UInt64(value * 8) << UInt64(LinkFeature.keyBits + 5)
        default: break
        }
    }

    /// Calls `body(index, value)` for each non-zero feature of the row `key` names, in index
    /// order (the order a dense row sums in, so both give the same score).
    @inline(__always)
    static func features(of key: UInt64, _ body: (Int, Double) -> Void) {
        var bits = key & (1 << UInt64(LinkFeature.keyBits) - 1)
        while bits != 0 {
            let index = bits.trailingZeroBitCount
            bits &= bits - 1
            let value = index == LinkFeature.sharedWords.index ? Double((key >> UInt64(LinkFeature.keyBits)) & 31) / 8
                : index == LinkFeature.answersItsQuestion.index ? Double(key >> UInt64(LinkFeature.keyBits + 5)) / 8 : 1
            body(index, value)
        }
    }

    /// The dense row `key` names, as training reads rows.
    static func row(_ key: UInt64, into features: inout [Float]) {
        let base = features.count
        features.append(contentsOf: repeatElement(0, count: LinkFeature.count))
        Self.features(of: key) { index, value in features[base + index] = Float(value) }
    }

    public init(model: LinkModel) {
        self.model = model
        let (d, units) = (LinkFeature.count, model.hiddenUnits)
        var columns = [Double](repeating: 0, count: d * units)
        for unit in 0..<units {
            for k in 0..<d { columns[k * units + unit] = model.hidden[unit * (d + 1) + k] }
        }
        self.columns = columns
        biases = (0..<units).map { model.hidden[$0 * (d + 1) + d] }
    }

    /// The best candidate and its probability; `keys` holds one key per candidate row.
    mutating func best(keys: [UInt64], candidates range: Range<Int>) -> (candidate: Int, confidence: Double) {
        LinkModel.best(of: range) { c in
            if let score = scores[keys[c]] { return score }
            let score = score(key: keys[c])
            if scores.count >= Self.limit { scores = IntegerMap(capacity: 1024) }
            scores.set(keys[c], score)
            return score
        }
    }

    /// The model's score of the row `key` names: each sum adds the same terms in the same order
    /// as `LinkModel.score(_:row:)`, so both give the same value.
    func score(key: UInt64) -> Double {
        let units = biases.count
        let weights = model.weights
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, units)) { sums in
            var score = 0.0
            biases.withUnsafeBufferPointer { biases in
                for unit in 0..<units { sums[unit] = biases[unit] }
            }
            columns.withUnsafeBufferPointer { columns in
                Self.features(of: key) { index, value in
                    score += weights[index] * value
                    let column = index * units
                    for unit in 0..<units { sums[unit] += columns[column + unit] * value }
                }
            }
            model.output.withUnsafeBufferPointer { output in
                for unit in 0..<units { score += output[unit] * LinkModel.tanh(sums[unit]) }
            }
            return score
        }
    }
}

public struct LinkModelError: Error, Sendable, Equatable {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}
