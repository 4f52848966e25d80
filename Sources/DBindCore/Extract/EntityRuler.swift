// Over 400 lines on purpose: the pattern model, its compiler, its matcher and the token
// verdicts the matcher reads follow spaCy's Matcher semantics together; a change to one is a
// change to all four. `TokenLexicon` only stores the verdicts.

import Synchronization

/// One token slot of a spaCy Matcher pattern: constraints on token attributes and a quantifier.
public struct TokenPattern: Sendable, Hashable {
    /// spaCy's `OP`: `!` (not), `?`, `*`, `+`, or `{n}` `{n,m}` `{n,}` `{,m}`.
    public enum Quantifier: Sendable, Hashable {
        case one
        case not
        case optional
        case zeroOrMore
        case oneOrMore
        case range(min: Int, max: Int?)
    }

    /// Token attributes spaCy patterns may test (Python semantics: `str.isdigit`, `str.isalpha` …).
    public enum Attribute: String, Sendable, Hashable, CaseIterable {
        case orth = "ORTH", text = "TEXT", lower = "LOWER", norm = "NORM", length = "LENGTH"
        case isDigit = "IS_DIGIT", isAlpha = "IS_ALPHA", isPunct = "IS_PUNCT", isSpace = "IS_SPACE"
        case isUpper = "IS_UPPER", isLower = "IS_LOWER", isTitle = "IS_TITLE", isASCII = "IS_ASCII"
        case likeNum = "LIKE_NUM", likeURL = "LIKE_URL", likeEmail = "LIKE_EMAIL"
        case prefix = "PREFIX", suffix = "SUFFIX", shape = "SHAPE"

        public var isBoolean: Bool { rawValue.hasPrefix("IS_") || rawValue.hasPrefix("LIKE_") }

        /// Position in `allCases`, for per-attribute caches.
        var ordinal: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    }

    /// A literal value in a pattern.
    public enum Value: Sendable, Hashable {
        case string(String)
        case int(Int)
        case bool(Bool)
    }

    /// How an attribute is tested.
    public enum Predicate: Sendable, Hashable {
        case equals(Value)
        case isIn([Value])
        case notIn([Value])
        /// Python `re.search` semantics: the pattern may match anywhere in the attribute.
        case regex(String)
        case compare(Comparison, Int)
    }

    public enum Comparison: String, Sendable, Hashable {
        case equal = "==", notEqual = "!=", greaterOrEqual = ">=", lessOrEqual = "<=", greater = ">", less = "<"
    }

    public struct Constraint: Sendable, Hashable {
        public var attribute: Attribute
        public var predicate: Predicate

        public init(attribute: Attribute, predicate: Predicate) {
            self.attribute = attribute
            self.predicate = predicate
        }
    }

    public var constraints: [Constraint]
    public var quantifier: Quantifier

    public init(constraints: [Constraint], quantifier: Quantifier = .one) {
        self.constraints = constraints
        self.quantifier = quantifier
    }
}

/// An EntityRuler pattern: a label, an optional id, and a phrase or a token pattern.
public struct EntityPattern: Sendable, Hashable {
    public enum Body: Sendable, Hashable {
        /// Matched token by token on ORTH after tokenizing the phrase with the same tokenizer.
        case phrase(String)
        case tokens([TokenPattern])
    }

    public var label: String
    public var id: String?
    public var body: Body

    public init(label: String, id: String? = nil, body: Body) {
        self.label = label
        self.id = id
        self.body = body
    }
}

/// A compiled regular expression shared read-only between threads.
struct SharedRegex: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
    /// Scalars a match must start with when the pattern is anchored (`^\d…`, `^lib…`,
    /// `^(sd|hd)…`), so most tokens are rejected without running the regex; nil when unknown.
    let firstScalars: Set<UInt32>?

    init(regex: Regex<AnyRegexOutput>, source: String? = nil) {
        self.regex = regex
        self.firstScalars = source.flatMap(SharedRegex.anchoredFirstScalars)
    }

    /// Whether the pattern matches `subject`, trying the regex only when its first scalar can start a match.
    func matches(_ subject: String) -> Bool {
        if let firstScalars, !(subject.unicodeScalars.first.map { firstScalars.contains($0.value) } ?? false) {
            return false
        }
        return (try? regex.firstMatch(in: subject)) != nil
    }

    /// The possible first scalars of an anchored, case-sensitive pattern, for simple openings only.
    static func anchoredFirstScalars(_ source: String) -> Set<UInt32>? {
        let s = Array(source.unicodeScalars)
        guard s.first == "^", s.count > 1 else { return nil }
        let rest = Array(s.dropFirst())
        var depth = 0
        for (index, scalar) in rest.enumerated() where index == 0 || rest[index - 1] != "\\" {
            if scalar == "(" || scalar == "[" { depth += 1 } else if scalar == ")" || scalar == "]" { depth -= 1 }
            if scalar == "|" && depth == 0 { return nil }  // a top-level alternative need not start here
        }
        func quantifierAllowsZero(_ index: Int) -> Bool {
            index < rest.count && (rest[index] == "?" || rest[index] == "*" || (rest[index] == "{" && index + 1 < rest.count && rest[index + 1] == "0"))
        }
        if rest[0] == "\\", rest.count > 1, rest[1] == "d" {
            return quantifierAllowsZero(2) ? nil : Set((0x30...0x39).map { UInt32($0) })
        }
        if rest[0].properties.isAlphabetic || (rest[0].isASCII && rest[0].properties.numericType != nil) {
            return quantifierAllowsZero(1) ? nil : [rest[0].value]
        }
        if rest[0] == "(" {
            // (abc|def|…) of plain literals
            guard let close = rest.firstIndex(of: ")"), !quantifierAllowsZero(close + 1) else { return nil }
            let body = rest[1..<close]
            guard !body.isEmpty, body.first != "?" else { return nil }
            var firsts = Set<UInt32>()
            for alternative in body.split(separator: "|", omittingEmptySubsequences: false) {
                guard let first = alternative.first, first.properties.isAlphabetic || first.properties.numericType != nil,
                      alternative.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil }) else { return nil }
                firsts.insert(first.value)
            }
            return firsts
        }
        return nil
    }
}

/// Errors in pattern definitions that only show when compiling (bad regular expressions).
public struct PatternError: Error, CustomStringConvertible, Sendable {
    public var patternIndex: Int
    public var message: String
    public var description: String { "pattern \(patternIndex + 1): \(message)" }
}

/// spaCy's EntityRuler over dbind tokens: phrase and token patterns, all matches collected,
/// then the longest (and, on ties, the earliest) non-overlapping matches kept. Matches do not
/// run across line breaks or runs of spaces, which spaCy keeps as whitespace tokens.
public struct EntityRuler: Sendable {
    /// One step of a pattern program: a quantified slot after expanding `+` and `{n,m}`.
    struct Step: Sendable {
        enum Repeat: Sendable { case once, optional, star }
        let constraints: [CompiledConstraint]
        let negated: Bool
        let repetition: Repeat
    }

    struct CompiledConstraint: Sendable {
        /// Position among all the ruler's constraints: the bit that holds a token's verdict on it.
        let id: Int
        let attribute: TokenPattern.Attribute
        let predicate: TokenPattern.Predicate
        let regex: SharedRegex?
    }

    /// A pattern's automaton over tokens' verdict bits. States are bits of a 64-bit set
    /// (programs have at most 63 steps); step `k` needs every bit of its mask set. A class, so
    /// the matcher's loops pass one reference rather than copying its arrays.
    final class Program: Sendable {
        /// Which steps match when their constraints do not all hold (`OP: "!"`), repeat (`*`:
        /// a match stays in the state) or may be skipped (`?` and `*`), one bit per step.
        struct StepKinds: Sendable {
            var negated: UInt64 = 0, star: UInt64 = 0, skippable: UInt64 = 0
        }

        let pattern: Int
        /// The constraint bits each step requires, as many verdict words per step as a token has.
        let masks: [UInt64]
        let kinds: StepKinds
        /// The steps the first token of a match may take.
        let initial: UInt64
        /// Each step's constraint ids in pattern order, for deciding verdicts not yet known.
        let constraintIDs: [[Int]]
        var stepCount: Int { constraintIDs.count }

        init(_ steps: [Step], pattern: Int, words: Int) {
            self.pattern = pattern
            var masks = [UInt64](repeating: 0, count: steps.count * words)
            var kinds = StepKinds()
            for (k, step) in steps.enumerated() {
                for constraint in step.constraints { masks[k * words + constraint.id / 64] |= 1 << UInt64(constraint.id % 64) }
                if step.negated { kinds.negated |= 1 << UInt64(k) }
                if step.repetition == .star { kinds.star |= 1 << UInt64(k) }
                if step.repetition != .once { kinds.skippable |= 1 << UInt64(k) }
            }
            self.masks = masks
            self.kinds = kinds
            initial = Self.closure(1, skippable: kinds.skippable) & ((1 << UInt64(steps.count)) - 1)
            constraintIDs = steps.map { $0.constraints.map(\.id) }
        }

        /// Adds the states reachable by skipping optional and repeated steps.
        func closure(_ states: UInt64) -> UInt64 { Self.closure(states, skippable: kinds.skippable) }

        private static func closure(_ states: UInt64, skippable: UInt64) -> UInt64 {
            var result = states
            var candidates = result & skippable
            while candidates != 0 {
                let index = candidates.trailingZeroBitCount
                result |= 1 << UInt64(index + 1)
                candidates = result & skippable & ~((2 << UInt64(index)) &- 1)
            }
            return result
        }
    }

    public let patterns: [EntityPattern]
    private let tokenizer: Tokenizer
    /// Phrase patterns grouped by their first token's text; a token's row in the lexicon holds its group.
    private var phraseLists: [[(orths: [String], pattern: Int)]] = []
    private var phraseListByFirst: [String: Int32] = [:]
    /// Token patterns' programs; bit `k` of a token's start words says program `k` may match from it.
    private var programs: [Program] = []
    /// Every constraint of every program, by id.
    private var constraints: [CompiledConstraint] = []
    private let lexicon: TokenLexicon
    private let words: Int
    private let startWords: Int

    public init(patterns: [EntityPattern], tokenizer: Tokenizer = .chat) throws {
        self.patterns = patterns
        self.tokenizer = tokenizer
        var compiled: [(steps: [Step], pattern: Int)] = []
        var constraintCount = 0
        for (index, pattern) in patterns.enumerated() {
            switch pattern.body {
            case .phrase(let text):
                let tokenized = tokenizer.tokenize(text)
                let orths = tokenized.tokens.indices.map { tokenized.text(of: $0) }
                guard let first = orths.first else { continue }
                if phraseListByFirst[first] == nil {
                    phraseListByFirst[first] = Int32(phraseLists.count)
                    phraseLists.append([])
                }
                phraseLists[Int(phraseListByFirst[first]!)].append((orths, index))
            case .tokens(let slots):
                let steps = try Self.compile(slots, patternIndex: index, ids: &constraintCount)
                guard steps.count < 64 else {
                    throw PatternError(patternIndex: index, message: "pattern too long: \(steps.count) token steps after expanding {n,m} (at most 63)")
                }
                if !steps.isEmpty { compiled.append((steps, index)) }
            }
        }
        words = (constraintCount + 63) / 64
        startWords = (compiled.count + 63) / 64
        lexicon = TokenLexicon(stride: 2 * words + startWords)
        var byID = [CompiledConstraint?](repeating: nil, count: constraintCount)
        for (steps, _) in compiled {
            for step in steps { for constraint in step.constraints { byID[constraint.id] = constraint } }
        }
        constraints = byID.compactMap { $0 }
        programs = compiled.map { Program($0.steps, pattern: $0.pattern, words: words) }
    }

    private static func compile(_ slots: [TokenPattern], patternIndex: Int, ids: inout Int) throws -> [Step] {
        var steps: [Step] = []
        for slot in slots {
            let constraints = try slot.constraints.map { constraint -> CompiledConstraint in
                var regex: SharedRegex?
                if case .regex(let source) = constraint.predicate {
                    do {
                        regex = SharedRegex(regex: try Regex(source), source: source)
                    } catch {
                        throw PatternError(patternIndex: patternIndex, message: "invalid REGEX \"\(source)\": \(error)")
                    }
                }
                ids += 1
                return CompiledConstraint(id: ids - 1, attribute: constraint.attribute, predicate: constraint.predicate, regex: regex)
            }
            switch slot.quantifier {
            case .one: steps.append(Step(constraints: constraints, negated: false, repetition: .once))
            case .not: steps.append(Step(constraints: constraints, negated: true, repetition: .once))
            case .optional: steps.append(Step(constraints: constraints, negated: false, repetition: .optional))
            case .zeroOrMore: steps.append(Step(constraints: constraints, negated: false, repetition: .star))
            case .oneOrMore:
                steps.append(Step(constraints: constraints, negated: false, repetition: .once))
                steps.append(Step(constraints: constraints, negated: false, repetition: .star))
            case .range(let minimum, let maximum):
                guard minimum >= 0, maximum.map({ $0 >= minimum }) ?? true else {
                    throw PatternError(patternIndex: patternIndex, message: "invalid repetition {\(minimum),\(maximum.map(String.init) ?? "")}")
                }
                for _ in 0..<minimum { steps.append(Step(constraints: constraints, negated: false, repetition: .once)) }
                if let maximum {
                    for _ in minimum..<maximum { steps.append(Step(constraints: constraints, negated: false, repetition: .optional)) }
                } else {
                    steps.append(Step(constraints: constraints, negated: false, repetition: .star))
                }
            }
        }
        return steps
    }

    /// Non-overlapping matches as entity spans (code points), as spaCy's EntityRuler keeps them.
    public func matches(in text: TokenizedText) -> [EntitySpan] {
        let raw = allMatches(in: text)
        var seen = Set<Int>()
        var result: [EntitySpan] = []
        let ordered = raw.sorted {
            let a = $0.end - $0.start, b = $1.end - $1.start
            if a != b { return a > b }
            if $0.start != $1.start { return $0.start < $1.start }
            return $0.pattern < $1.pattern
        }
        for match in ordered where !seen.contains(match.start) && !seen.contains(match.end - 1) {
            for k in match.start..<match.end { seen.insert(k) }
            let pattern = patterns[match.pattern]
            let start = text.tokens[match.start].start, end = text.tokens[match.end - 1].end
            let value = pattern.id ?? text.buffer.slice(start, end)
            result.append(EntitySpan(start: start, end: end, type: EntityType(pattern.label),
                                     rule: "pattern:\(pattern.id ?? pattern.label)", confidence: 0.9, value: value))
        }
        return result.sorted { $0.start < $1.start }
    }

    /// Every match as token ranges (`start..<end`) with the pattern index, duplicates removed.
    func allMatches(in text: TokenizedText) -> [(start: Int, end: Int, pattern: Int)] {
        let count = text.tokens.count
        guard count > 0 else { return [] }
        var verdicts = TokenVerdicts(text, words: words, stride: lexicon.stride, constraints: constraints)
        for position in lexicon.recall(&verdicts) { learn(position, &verdicts) }
        defer { lexicon.remember(verdicts) }
        var found = Set<MatchKey>()
        for position in 0..<count {
            let list = verdicts.phraseLists[position]
            if list >= 0 {
                for phrase in phraseLists[Int(list)] where position + phrase.orths.count <= count {
                    var matches = true
                    for (k, value) in phrase.orths.enumerated().dropFirst()
                    where !verdicts.joinable(position + k) || text.text(of: position + k) != value {
                        matches = false
                        break
                    }
                    if matches { found.insert(MatchKey(start: position, end: position + phrase.orths.count, pattern: phrase.pattern)) }
                }
            }
            for w in 0..<startWords {
                var starts = verdicts.bits[verdicts.startBase(position) + w]
                while starts != 0 {
                    run(programs[w * 64 + starts.trailingZeroBitCount], from: position, &verdicts, &found)
                    starts &= starts - 1
                }
            }
        }
        return found.map { ($0.start, $0.end, $0.pattern) }
    }

    /// Decides, for a token the lexicon does not hold, which programs can take it as their first
    /// token and which phrases start with it.
    private func learn(_ position: Int, _ verdicts: inout TokenVerdicts) {
        for (index, program) in programs.enumerated() {
            var initial = program.initial
            while initial != 0 {
                if verdicts.accepts(program, initial.trailingZeroBitCount, position) {
                    verdicts.bits[verdicts.startBase(position) + index / 64] |= 1 << UInt64(index % 64)
                    break
                }
                initial &= initial - 1
            }
        }
        let phrases = phraseListByFirst.isEmpty ? nil : phraseListByFirst[verdicts.text.text(of: position)]
        verdicts.learnedPhrases(phrases ?? -1, at: position)
    }

    private struct MatchKey: Hashable {
        let start: Int
        let end: Int
        let pattern: Int
    }

    /// Simulates the pattern's automaton from `start`, recording every end it accepts at.
    private func run(_ program: Program, from start: Int, _ verdicts: inout TokenVerdicts, _ found: inout Set<MatchKey>) {
        let accept = UInt64(1) << UInt64(program.stepCount)
        var states = program.closure(1)
        var position = start
        while position < verdicts.count && states != 0 {
            if position > start && !verdicts.joinable(position) { break }
            var next: UInt64 = 0
            var remaining = states & (accept - 1)
            while remaining != 0 {
                let state = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                if verdicts.accepts(program, state, position) {
                    next |= 1 << UInt64(program.kinds.star & (1 << UInt64(state)) != 0 ? state : state + 1)
                }
            }
            states = program.closure(next)
            position += 1
            if states & accept != 0 { found.insert(MatchKey(start: start, end: position, pattern: program.pattern)) }
        }
    }
}

/// One text's verdicts, a row per token laid out as in `TokenLexicon`: what the lexicon knew,
/// and what matching needed beyond it, decided on demand in pattern order so a step stops at
/// its first failing constraint.
struct TokenVerdicts {
    let text: TokenizedText
    let words: Int
    let stride: Int
    var count: Int { text.tokens.count }
    /// Per token: `words` words of verdicts known, `words` of their values, then start words.
    var bits: [UInt64]
    /// Per token: its phrase group in the ruler, or −1.
    var phraseLists: [Int32]
    let hashes: [UInt64]
    /// Positions with verdicts the lexicon did not hold.
    var learned: [Int] { changed.indices.filter { changed[$0] } }
    private var changed: [Bool]
    private var attributes: [Int: TokenValues] = [:]
    private let constraints: [EntityRuler.CompiledConstraint]

    init(_ text: TokenizedText, words: Int, stride: Int, constraints: [EntityRuler.CompiledConstraint]) {
        self.text = text
        self.words = words
        self.stride = stride
        self.constraints = constraints
        bits = [UInt64](repeating: 0, count: text.tokens.count * stride)
        phraseLists = [Int32](repeating: -1, count: text.tokens.count)
        changed = [Bool](repeating: false, count: text.tokens.count)
        let scalars = text.buffer.scalars
        hashes = text.tokens.map { TokenLexicon.hash(scalars[$0.start..<$0.end]) }
    }

    /// The scalars of token `position`, its key in the lexicon.
    func keys(_ position: Int) -> ArraySlice<UInt32> {
        text.buffer.scalars[text.tokens[position].start..<text.tokens[position].end]
    }

    func startBase(_ position: Int) -> Int { position * stride + 2 * words }

    /// Whether a match may continue into token `position`: the gap before it is empty or one
    /// space. Longer runs of whitespace and line breaks are tokens of their own in spaCy, so
    /// patterns do not run across them.
    @inline(__always)
    func joinable(_ position: Int) -> Bool {
        guard position > 0 else { return true }
        let gap = text.tokens[position].start - text.tokens[position - 1].end
        return gap == 0 || (gap == 1 && text.buffer.scalars[text.tokens[position - 1].end] == 0x20)
    }

    mutating func learnedPhrases(_ list: Int32, at position: Int) {
        phraseLists[position] = list
        changed[position] = true
    }

    /// Whether step `step` of `program` accepts the token at `position`.
    @inline(__always)
    mutating func accepts(_ program: EntityRuler.Program, _ step: Int, _ position: Int) -> Bool {
        let base = position * stride
        var all = true
        for w in 0..<words {
            let need = program.masks[step * words + w]
            if bits[base + w] & need != need {
                all = decide(program, step, position)
                break
            }
            if bits[base + words + w] & need != need { all = false; break }
        }
        return program.kinds.negated & (1 << UInt64(step)) != 0 ? !all : all
    }

    private mutating func decide(_ program: EntityRuler.Program, _ step: Int, _ position: Int) -> Bool {
        for id in program.constraintIDs[step] {
            let known = position * stride + id / 64, bit = UInt64(1) << UInt64(id % 64)
            if bits[known] & bit == 0 {
                var token = attributes[position] ?? TokenValues(text: text.text(of: position), lower: text.lowercased(position))
                let verdict = token.satisfies(constraints[id])
                attributes[position] = token
                changed[position] = true
                bits[known] |= bit
                if verdict { bits[known + words] |= bit }
            }
            if bits[known + words] & bit == 0 { return false }
        }
        return true
    }
}

/// One token's attribute values with Python's string semantics, each computed at most once.
struct TokenValues {
    let text: String
    let lower: String
    private var cache = [TokenPattern.Value?](repeating: nil, count: TokenPattern.Attribute.allCases.count)

    init(text: String, lower: String) {
        self.text = text
        self.lower = lower
    }

    mutating func satisfies(_ constraint: EntityRuler.CompiledConstraint) -> Bool {
        switch constraint.predicate {
        case .equals(let expected):
            switch (constraint.attribute, expected) {
            case (.orth, .string(let string)), (.text, .string(let string)): return text == string
            case (.lower, .string(let string)), (.norm, .string(let string)): return lower == string
            default: return value(constraint.attribute) == expected
            }
        case .isIn(let list): return list.contains(value(constraint.attribute))
        case .notIn(let list): return !list.contains(value(constraint.attribute))
        case .regex:
            guard let regex = constraint.regex else { return false }
            switch value(constraint.attribute) {
            case .string(let string): return regex.matches(string)
            case .int(let number): return regex.matches(String(number))
            case .bool(let flag): return regex.matches(flag ? "True" : "False")
            }
        case .compare(let comparison, let bound):
            guard case .int(let number) = value(constraint.attribute) else { return false }
            switch comparison {
            case .equal: return number == bound
            case .notEqual: return number != bound
            case .greaterOrEqual: return number >= bound
            case .lessOrEqual: return number <= bound
            case .greater: return number > bound
            case .less: return number < bound
            }
        }
    }

    mutating func value(_ attribute: TokenPattern.Attribute) -> TokenPattern.Value {
        switch attribute {
        case .orth, .text: return .string(text)
        case .lower, .norm: return .string(lower)
        default: break
        }
        let slot = attribute.ordinal
        if let cached = cache[slot] { return cached }
        let computed = compute(attribute)
        cache[slot] = computed
        return computed
    }

    private func compute(_ attribute: TokenPattern.Attribute) -> TokenPattern.Value {
        switch attribute {
        case .orth, .text: return .string(text)
        case .lower, .norm: return .string(lower)
        case .length: return .int(text.unicodeScalars.count)
        case .prefix: return .string(String(String.UnicodeScalarView(text.unicodeScalars.prefix(1))))
        case .suffix: return .string(String(String.UnicodeScalarView(text.unicodeScalars.suffix(3))))
        case .shape: return .string(PythonText.shape(text))
        case .isDigit: return .bool(PythonText.isDigit(text))
        case .isAlpha: return .bool(PythonText.isAlpha(text))
        case .isPunct: return .bool(text.unicodeScalars.allSatisfy { ScalarClass.isPunctuation($0.value) })
        case .isSpace: return .bool(!text.isEmpty && text.unicodeScalars.allSatisfy { ScalarClass.isWhitespace($0.value) })
        case .isUpper: return .bool(PythonText.isUpper(text))
        case .isLower: return .bool(PythonText.isLower(text))
        case .isTitle: return .bool(PythonText.isTitle(text))
        case .isASCII: return .bool(text.unicodeScalars.allSatisfy(\.isASCII))
        case .likeNum: return .bool(PythonText.likeNumber(text, lower: lower))
        case .likeURL: return .bool(PythonText.likeURL(text))
        case .likeEmail: return .bool(PythonText.likeEmail(text))
        }
    }
}
