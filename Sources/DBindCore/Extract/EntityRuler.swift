// Over 400 lines on purpose: the pattern model, its compiler, its matcher and the token
// verdicts the matcher reads follow spaCy's Matcher semantics together; a change to one is a
// change to all four.

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
        /// Verdict words per token and per step.
        let words: Int
        /// The constraint bits each step requires, `words` per step.
        let masks: [UInt64]
        let kinds: StepKinds
        /// Each step's constraint ids in pattern order, for deciding verdicts not yet known.
        let constraintIDs: [[Int]]
        var stepCount: Int { constraintIDs.count }

        init(_ steps: [Step], pattern: Int, words: Int) {
            self.pattern = pattern
            self.words = words
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
            constraintIDs = steps.map { $0.constraints.map(\.id) }
        }

        /// Adds the states reachable by skipping optional and repeated steps.
        func closure(_ states: UInt64) -> UInt64 {
            var result = states
            var candidates = result & kinds.skippable
            while candidates != 0 {
                let index = candidates.trailingZeroBitCount
                result |= 1 << UInt64(index + 1)
                candidates = result & kinds.skippable & ~((2 << UInt64(index)) &- 1)
            }
            return result
        }
    }

    public let patterns: [EntityPattern]
    private let tokenizer: Tokenizer
    private var phrasesByFirst: [String: [(orths: [String], pattern: Int)]] = [:]
    private var programsByFirstOrth: [String: [Program]] = [:]
    private var programsByFirstLower: [String: [Program]] = [:]
    private var unindexedPrograms: [Program] = []
    /// Every constraint of every program, by id.
    private var constraints: [CompiledConstraint] = []
    private let memo: VerdictMemo

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
                phrasesByFirst[first, default: []].append((orths, index))
            case .tokens(let slots):
                let steps = try Self.compile(slots, patternIndex: index, ids: &constraintCount)
                guard steps.count < 64 else {
                    throw PatternError(patternIndex: index, message: "pattern too long: \(steps.count) token steps after expanding {n,m} (at most 63)")
                }
                if !steps.isEmpty { compiled.append((steps, index)) }
            }
        }
        let words = (constraintCount + 63) / 64
        memo = VerdictMemo(words: words)
        var byID = [CompiledConstraint?](repeating: nil, count: constraintCount)
        for (steps, _) in compiled {
            for step in steps { for constraint in step.constraints { byID[constraint.id] = constraint } }
        }
        constraints = byID.compactMap { $0 }
        for (steps, index) in compiled {
            let program = Program(steps, pattern: index, words: words)
            let first = steps[0]
            if first.repetition == .once, !first.negated,
               let key = first.constraints.first(where: { Self.isEquality($0, .orth) || Self.isEquality($0, .text) }),
               case .equals(.string(let value)) = key.predicate {
                programsByFirstOrth[value, default: []].append(program)
            } else if first.repetition == .once, !first.negated,
                      let key = first.constraints.first(where: { Self.isEquality($0, .lower) }),
                      case .equals(.string(let value)) = key.predicate {
                programsByFirstLower[value, default: []].append(program)
            } else if first.repetition == .once, !first.negated, let values = Self.stringList(first, .lower) {
                for value in Set(values) { programsByFirstLower[value, default: []].append(program) }
            } else if first.repetition == .once, !first.negated,
                      let values = Self.stringList(first, .orth) ?? Self.stringList(first, .text) {
                for value in Set(values) { programsByFirstOrth[value, default: []].append(program) }
            } else {
                unindexedPrograms.append(program)
            }
        }
    }

    /// The strings of an `IN` list on `attribute` in a step, if it has one.
    private static func stringList(_ step: Step, _ attribute: TokenPattern.Attribute) -> [String]? {
        for constraint in step.constraints where constraint.attribute == attribute {
            if case .isIn(let values) = constraint.predicate {
                let strings = values.compactMap { value -> String? in
                    if case .string(let text) = value { return text }
                    return nil
                }
                if strings.count == values.count { return strings }
            }
        }
        return nil
    }

    private static func isEquality(_ constraint: CompiledConstraint, _ attribute: TokenPattern.Attribute) -> Bool {
        guard constraint.attribute == attribute, case .equals(.string) = constraint.predicate else { return false }
        return true
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
        let tokens = TokenTexts(text)
        var verdicts = TokenVerdicts(tokens, memo: memo, constraints: constraints)
        defer { memo.remember(verdicts) }
        var found = Set<MatchKey>()
        for position in 0..<count {
            let orth = tokens.orth[position]
            if let phrases = phrasesByFirst[orth] {
                for phrase in phrases where position + phrase.orths.count <= count {
                    var matches = true
                    for (k, value) in phrase.orths.enumerated()
                    where tokens.orth[position + k] != value || (k > 0 && !tokens.joinable[position + k]) {
                        matches = false
                        break
                    }
                    if matches { found.insert(MatchKey(start: position, end: position + phrase.orths.count, pattern: phrase.pattern)) }
                }
            }
            for program in programsByFirstOrth[orth] ?? [] { run(program, from: position, &verdicts, &found) }
            for program in programsByFirstLower[tokens.lower[position]] ?? [] { run(program, from: position, &verdicts, &found) }
            for program in unindexedPrograms { run(program, from: position, &verdicts, &found) }
        }
        return found.map { ($0.start, $0.end, $0.pattern) }
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
        while position < verdicts.tokens.count && states != 0 {
            if position > start && !verdicts.tokens.joinable[position] { break }
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

/// A text's token strings as patterns see them.
struct TokenTexts {
    let orth: [String]
    let lower: [String]
    /// Whether a match may continue into token k: the gap before it is empty or one space.
    /// Longer runs of whitespace and line breaks are tokens of their own in spaCy, so
    /// patterns do not run across them.
    let joinable: [Bool]
    var count: Int { orth.count }

    init(_ text: TokenizedText) {
        orth = text.tokens.indices.map { text.text(of: $0) }
        lower = text.tokens.indices.map { text.lowercased($0) }
        let tokens = text.tokens
        let s = text.buffer.scalars
        joinable = tokens.indices.map { k in
            guard k > 0 else { return true }
            let gap = tokens[k].start - tokens[k - 1].end
            return gap == 0 || (gap == 1 && s[tokens[k - 1].end] == 0x20)
        }
    }
}

/// Verdicts on tokens remembered by the token's text: each attribute a pattern tests is a
/// function of that text alone, and chat repeats its words, so a word seen before costs one
/// lookup instead of its attributes and regular expressions. Shared by the threads that use the
/// ruler; forgotten when full, so memory stays bounded.
final class VerdictMemo: Sendable {
    static let limit = 200_000
    /// Verdict words per token: a token holds `words` words of known bits, then `words` of values.
    let words: Int
    private let table = Mutex(Table())

    private struct Table {
        var rows: [String: Int] = [:]
        var bits: [UInt64] = []
    }

    init(words: Int) {
        self.words = words
    }

    /// Copies what is known about each token of `tokens` into `known` and `value`.
    func recall(_ tokens: TokenTexts, known: inout [UInt64], value: inout [UInt64]) {
        guard words > 0 else { return }
        table.withLock { table in
            for position in 0..<tokens.count {
                guard let row = table.rows[tokens.orth[position]] else { continue }
                for w in 0..<words {
                    known[position * words + w] = table.bits[row + w]
                    value[position * words + w] = table.bits[row + words + w]
                }
            }
        }
    }

    /// Keeps the verdicts a text decided that were not remembered yet.
    func remember(_ verdicts: TokenVerdicts) {
        let learned = verdicts.learned
        guard !learned.isEmpty else { return }
        table.withLock { table in
            if table.rows.count + learned.count > Self.limit { table = Table() }
            for position in learned {
                let row: Int
                if let existing = table.rows[verdicts.tokens.orth[position]] {
                    row = existing
                } else {
                    row = table.bits.count
                    table.rows[verdicts.tokens.orth[position]] = row
                    table.bits.append(contentsOf: repeatElement(0, count: 2 * words))
                }
                for w in 0..<words {
                    table.bits[row + w] |= verdicts.known[position * words + w]
                    table.bits[row + words + w] |= verdicts.value[position * words + w]
                }
            }
        }
    }
}

/// One text's verdicts: what the memo knew, and what matching needed beyond it, decided on
/// demand in pattern order so a step stops at its first failing constraint.
struct TokenVerdicts {
    let tokens: TokenTexts
    let words: Int
    private(set) var known: [UInt64]
    private(set) var value: [UInt64]
    /// Positions with verdicts the memo did not hold.
    var learned: [Int] { changed.indices.filter { changed[$0] } }
    private var changed: [Bool]
    private var attributes: [Int: TokenValues] = [:]
    private let constraints: [EntityRuler.CompiledConstraint]

    init(_ tokens: TokenTexts, memo: VerdictMemo, constraints: [EntityRuler.CompiledConstraint]) {
        self.tokens = tokens
        self.words = memo.words
        self.constraints = constraints
        known = [UInt64](repeating: 0, count: tokens.count * memo.words)
        value = known
        changed = [Bool](repeating: false, count: tokens.count)
        memo.recall(tokens, known: &known, value: &value)
    }

    /// Whether step `step` of `program` accepts the token at `position`.
    @inline(__always)
    mutating func accepts(_ program: EntityRuler.Program, _ step: Int, _ position: Int) -> Bool {
        let base = position * words
        var all = true
        for w in 0..<words {
            let need = program.masks[step * words + w]
            if known[base + w] & need != need {
                all = decide(program, step, position)
                break
            }
            if value[base + w] & need != need { all = false; break }
        }
        return program.kinds.negated & (1 << UInt64(step)) != 0 ? !all : all
    }

    private mutating func decide(_ program: EntityRuler.Program, _ step: Int, _ position: Int) -> Bool {
        for id in program.constraintIDs[step] {
            let word = position * words + id / 64, bit = UInt64(1) << UInt64(id % 64)
            if known[word] & bit == 0 {
                var token = attributes[position] ?? TokenValues(text: tokens.orth[position], lower: tokens.lower[position])
                let verdict = token.satisfies(constraints[id])
                attributes[position] = token
                changed[position] = true
                known[word] |= bit
                if verdict { value[word] |= bit }
            }
            if value[word] & bit == 0 { return false }
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
