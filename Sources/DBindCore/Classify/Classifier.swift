import Foundation

/// One tag given to one item, with the evidence behind it.
public struct TagAssignment: Sendable, Hashable, Codable {
    /// Why the tag is there: its own rules fired, another assigned tag implies it, or it is its facet's default.
    public enum Source: String, Sendable, Hashable, Codable {
        case rules, implied, fallback = "default"
    }

    public var level: ItemLevel
    /// Channel or message id, conversation id, or `messageID:start-end` for spans.
    public var itemID: String
    public var tag: String
    public var facet: String
    public var confidence: Double
    /// Ids of the rules that fired (for implied tags: those of the implying tag).
    public var ruleIDs: [String]
    public var source: Source
    /// The tag whose `implies` added this one.
    public var impliedBy: String?
    public var schemaName: String
    public var schemaVersion: String
}

/// The score of one tag on one item before facets, `excludes` and thresholds decide.
public struct TagEvaluation: Sendable, Hashable {
    public var tag: String
    public var confidence: Double
    /// Fired rules with their weights, in schema order.
    public var firedRules: [FiredRule]

    /// A rule whose condition held.
    public struct FiredRule: Sendable, Hashable {
        public var id: String
        public var weight: Double
    }

    /// Noisy-OR of the positive weights, damped by each negative one: independent pieces of
    /// evidence (a name, a content statistic) reinforce each other without exceeding 1.
    public static func confidence(weights: [Double]) -> Double {
        var missing = 1.0
        var damping = 1.0
        for weight in weights {
            if weight > 0 { missing *= 1 - weight } else { damping *= 1 + weight }
        }
        return weights.contains { $0 > 0 } ? (1 - missing) * damping : 0
    }
}

/// Applies a composed `TagSchema` to channels, conversations, messages and spans.
///
/// Pure and reusable: build it once per schema, then profile and classify any number of items.
public struct Classifier: Sendable {
    public let schema: TagSchema
    public private(set) var analyzer: any TextAnalyzer
    public let featureSettings: FeatureSettings
    private let compiledTags: [ItemLevel: [CompiledTag]]
    /// The facets of each level, in the schema's order, looked up once per item rather than
    /// filtered from the schema's facets.
    private let facetsByLevel: [ItemLevel: [FacetDefinition]]

    public init(schema: TagSchema, analyzer: any TextAnalyzer = ExtractionAnalyzer()) {
        self.schema = schema
        self.analyzer = analyzer
        featureSettings = FeatureSettings(schema.settings)
        let gazetteers = Dictionary(uniqueKeysWithValues: schema.gazetteers.map { ($0.key, $0.value) })
        var compiled: [ItemLevel: [CompiledTag]] = [:]
        for tag in schema.tags.values {
            guard let level = schema.facets[tag.facet]?.level else { continue }
            let rules = tag.rules.map { CompiledRule(id: $0.id, weight: $0.weight, condition: CompiledExpression($0.condition, gazetteers)) }
            compiled[level, default: []].append(CompiledTag(path: tag.path, rules: rules))
        }
        compiledTags = compiled
        facetsByLevel = Dictionary(grouping: schema.facets.values, by: \.level)
    }

    /// The same compiled rules reading text through `analyzer` (a tag run's analyses of one
    /// channel), without compiling the schema again.
    public func reading(with analyzer: any TextAnalyzer) -> Classifier {
        var copy = self
        copy.analyzer = analyzer
        return copy
    }

    // MARK: Profiles and features

    /// A streaming profile builder for a channel; feed it the channel's messages, then `build()`.
    /// The category defaults to the channel's parent name (for threads: the parent channel).
    public func profileBuilder(for channel: Channel, category: String? = nil, itemID: String? = nil) -> ChannelProfileBuilder {
        ChannelProfileBuilder(itemID: itemID ?? channel.id.description, name: channel.name,
                              category: category ?? channel.parentName, topic: channel.topic, isThread: channel.isThread,
                              settings: featureSettings, analyzer: analyzer)
    }

    /// The profile of a channel, or of a conversation (a subset of its messages) when `itemID` names one.
    /// `antecedents` are the segmenter's links (message → the message it continues); without them
    /// the messages are segmented here as `dbind tag` segments them, so link statistics mean the same.
    public func profile(of channel: Channel, messages: [Message], category: String? = nil, itemID: String? = nil,
                        antecedents: [Snowflake: Snowflake]? = nil) -> ChannelProfile {
        let links = antecedents
            ?? Segmenter(isQuestion: { analyzer.isQuestion($0) }).segment(messages.map(SegmentMessage.init)).antecedents
        var builder = profileBuilder(for: channel, category: category, itemID: itemID)
        for message in messages { builder.add(message, antecedent: links[message.id]) }
        return builder.build()
    }

    public func features(of message: Message, span: String? = nil) -> MessageFeatures {
        MessageFeatures(message: message, span: span, settings: featureSettings, analyzer: analyzer)
    }

    // MARK: Classification

    /// Channel tags of a channel profile.
    public func classify(channel profile: ChannelProfile) -> [TagAssignment] {
        assign(level: .channel, itemID: profile.itemID, evaluations: evaluate(profile, level: .channel))
    }

    /// Conversation tags of a conversation profile (built with `profile(of:messages:itemID:)`).
    public func classify(conversation profile: ChannelProfile) -> [TagAssignment] {
        assign(level: .conversation, itemID: profile.itemID, evaluations: evaluate(profile, level: .conversation))
    }

    /// Message tags of one message.
    public func classify(message: Message) -> [TagAssignment] {
        classify(features: features(of: message), level: .message, itemID: message.id.description)
    }

    /// Span tags of a part of a message's text; `range` is the span's UTF-16 offsets in the content.
    public func classify(span text: String, range: Range<Int>, of message: Message) -> [TagAssignment] {
        classify(features: features(of: message, span: text), level: .span,
                 itemID: "\(message.id):\(range.lowerBound)-\(range.upperBound)")
    }

    public func classify(features: MessageFeatures, level: ItemLevel, itemID: String) -> [TagAssignment] {
        assign(level: level, itemID: itemID, evaluations: evaluate(features, level: level))
    }

    /// Every tag of the level with the rules that fired, whether or not it ends up assigned.
    public func evaluate(_ profile: ChannelProfile, level: ItemLevel) -> [TagEvaluation] {
        evaluate(.profile(profile), level: level)
    }

    public func evaluate(_ features: MessageFeatures, level: ItemLevel) -> [TagEvaluation] {
        evaluate(.message(features), level: level)
    }

    /// The item is wrapped once for all of the level's rules: wrapping copies every array and
    /// string a profile or a message's features hold.
    private func evaluate(_ item: EvaluationItem, level: ItemLevel) -> [TagEvaluation] {
        (compiledTags[level] ?? []).compactMap { tag in
            let fired = tag.rules.filter { $0.condition.holds(for: item) }.map { TagEvaluation.FiredRule(id: $0.id, weight: $0.weight) }
            guard !fired.isEmpty else { return nil }
            return TagEvaluation(tag: tag.path, confidence: TagEvaluation.confidence(weights: fired.map(\.weight)),
                                 firedRules: fired)
        }
    }

    /// Turns scores into assignments: thresholds, then the strongest tags by (priority,
    /// confidence) claim exclusive facets and block what they exclude, then implied tags join
    /// where they conflict with nothing, then empty exclusive facets take their default.
    public func assign(level: ItemLevel, itemID: String, evaluations: [TagEvaluation]) -> [TagAssignment] {
        let facetsHere = facetsByLevel[level] ?? []
        var best: [String: Double] = [:]
        for evaluation in evaluations {
            let facet = TagDefinition.facet(of: evaluation.tag)
            best[facet] = max(best[facet] ?? 0, evaluation.confidence)
        }
        let candidates = evaluations.filter {
            $0.confidence > 0 && $0.confidence >= (schema.facets[TagDefinition.facet(of: $0.tag)]?.minConfidence ?? 0.5)
        }.sorted { outranks($0, $1) }

        var chosen: [TagAssignment] = []
        func make(_ tag: String, _ confidence: Double, _ rules: [String], _ source: TagAssignment.Source, _ impliedBy: String?) -> TagAssignment {
            TagAssignment(level: level, itemID: itemID, tag: tag, facet: TagDefinition.facet(of: tag), confidence: confidence,
                          ruleIDs: rules, source: source, impliedBy: impliedBy, schemaName: schema.name, schemaVersion: schema.version)
        }
        func conflicts(_ tag: String) -> Bool {
            let facet = TagDefinition.facet(of: tag)
            let exclusive = schema.facets[facet]?.isExclusive == true
            return chosen.contains { other in
                other.tag == tag || (exclusive && other.facet == facet) || excludes(tag, other.tag)
            }
        }
        func addImplications(of assignment: TagAssignment) {
            for implied in schema.impliedClosure(of: assignment.tag) where !conflicts(implied) {
                chosen.append(make(implied, assignment.confidence, assignment.ruleIDs + ["implied-by:\(assignment.tag)"], .implied,
                                   assignment.tag))
            }
        }
        for candidate in candidates where !conflicts(candidate.tag) {
            chosen.append(make(candidate.tag, candidate.confidence, candidate.firedRules.map(\.id), .rules, nil))
        }
        for assignment in chosen where assignment.source == .rules { addImplications(of: assignment) }
        for facet in facetsHere where facet.isExclusive && !chosen.contains(where: { $0.facet == facet.name }) {
            guard let fallback = facet.defaultTag, !conflicts(fallback) else { continue }
            // A default is explained by the facet's default rule: no other tag of the facet fired.
            let assignment = make(fallback, 1 - (best[facet.name] ?? 0), ["\(facet.name).default"], .fallback, nil)
            chosen.append(assignment)
            addImplications(of: assignment)
        }
        return chosen
    }

    /// Higher priority first, then higher confidence, then schema order, so results are deterministic.
    private func outranks(_ a: TagEvaluation, _ b: TagEvaluation) -> Bool {
        let priorityA = schema.tags[a.tag]?.priority ?? 0, priorityB = schema.tags[b.tag]?.priority ?? 0
        if priorityA != priorityB { return priorityA > priorityB }
        if a.confidence != b.confidence { return a.confidence > b.confidence }
        return (schema.tags.index(forKey: a.tag) ?? 0) < (schema.tags.index(forKey: b.tag) ?? 0)
    }

    private func excludes(_ a: String, _ b: String) -> Bool {
        schema.tags[a]?.excludes.contains(b) == true || schema.tags[b]?.excludes.contains(a) == true
    }
}

// MARK: Compiled rules

/// A tag's path and compiled rules: all that evaluating an item reads, so the walk over a
/// level's tags copies two references per tag, not a whole definition.
private struct CompiledTag: Sendable {
    var path: String
    var rules: [CompiledRule]
}

private struct CompiledRule: Sendable {
    var id: String
    var weight: Double
    var condition: CompiledExpression
}

/// The item a compiled expression is evaluated on.
private enum EvaluationItem {
    case profile(ChannelProfile)
    case message(MessageFeatures)
}

/// A rule tree with term sets and regular expressions built once.
private indirect enum CompiledExpression: @unchecked Sendable {
    case all([CompiledExpression])
    case any([CompiledExpression])
    case not(CompiledExpression)
    case words(TextField, TermSet)
    case starts(TextField, TermSet)
    case glob(TextField, [String])
    case regex(TextField, [PrefilteredRegex])
    case statistic(ContentStatistic, Threshold)
    case contentShare(TermSet, Threshold)
    case flag(MessageFlag, Bool)
    case entity(Set<String>, Bool)
    case wordCount(Threshold)
    case isThread(Bool)

    init(_ expression: RuleExpression, _ gazetteers: [String: [String]]) {
        switch expression {
        case let .all(children): self = .all(Self.cheapestFirst(children.map { CompiledExpression($0, gazetteers) }))
        case let .any(children): self = .any(Self.cheapestFirst(children.map { CompiledExpression($0, gazetteers) }))
        case let .not(child): self = .not(CompiledExpression(child, gazetteers))
        case let .predicate(predicate, _):
            switch predicate {
            case let .text(field, .words, patterns): self = .words(field, TermSet(patterns, gazetteers: gazetteers))
            case let .text(field, .starts, patterns): self = .starts(field, TermSet(patterns, gazetteers: gazetteers))
            case let .text(field, .glob, patterns):
                self = .glob(field, patterns.map { $0.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil) })
            case let .text(field, .regex, patterns):
                self = .regex(field, patterns.compactMap(PrefilteredRegex.init))
            case let .statistic(statistic, threshold): self = .statistic(statistic, threshold)
            case let .contentShare(terms, threshold): self = .contentShare(TermSet(terms, gazetteers: gazetteers), threshold)
            case let .flag(flag, expected): self = .flag(flag, expected)
            case let .entity(kinds, expected): self = .entity(Set(kinds), expected)
            case let .wordCount(threshold): self = .wordCount(threshold)
            case let .isThread(expected): self = .isThread(expected)
            }
        }
    }

    /// Children in the order `all` and `any` test them: the first that decides ends the test,
    /// and predicates have no effects, so the cheap ones go first (a channel's statistics
    /// before a scan of its texts for `content_share`); otherwise in the schema's order.
    private static func cheapestFirst(_ children: [CompiledExpression]) -> [CompiledExpression] {
        children.enumerated().sorted { ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset) }.map(\.element)
    }

    /// A rough rank of what testing the expression costs: a lookup, a scan of one text's
    /// words, a scan of its characters, or a scan of many texts.
    private var cost: Int {
        switch self {
        case .statistic, .flag, .entity, .wordCount, .isThread: return 0
        case .words, .starts: return 1
        case .glob, .regex: return 2
        case .contentShare: return 3
        case let .all(children), let .any(children): return children.map(\.cost).max() ?? 0
        case let .not(child): return child.cost
        }
    }

    func holds(for item: EvaluationItem) -> Bool {
        switch self {
        case let .all(children): return children.allSatisfy { $0.holds(for: item) }
        case let .any(children): return children.contains { $0.holds(for: item) }
        case let .not(child): return !child.holds(for: item)
        case let .words(field, terms):
            guard let text = normalized(field, item) else { return false }
            return terms.matches(text, compounds: field == .name || field == .category)
        case let .starts(field, terms):
            guard let text = normalized(field, item) else { return false }
            return terms.matchesAtStart(text)
        case let .glob(field, patterns):
            guard let text = normalized(field, item)?.joined else { return false }
            return patterns.contains { Glob.matches($0, text) }
        case let .regex(field, expressions):
            guard let text = raw(field, item) else { return false }
            return expressions.contains { $0.matches(text) }
        case let .statistic(statistic, threshold):
            guard case let .profile(profile) = item else { return false }
            return threshold.accepts(profile.value(statistic))
        case let .contentShare(terms, threshold):
            guard case let .profile(profile) = item, !profile.textSample.isEmpty else { return false }
            // The share ends between `matching / n` and `(matching + left) / n`; the scan stops
            // as soon as the threshold accepts or rejects that whole range, with the same answer.
            let n = Double(profile.textSample.count)
            var matching = 0.0, left = n
            for text in profile.textSample {
                if terms.matches(text) { matching += 1 }
                left -= 1
                if let decided = threshold.decides(matching / n ... (matching + left) / n) { return decided }
            }
            return threshold.accepts(matching / n)
        case let .flag(flag, expected):
            guard case let .message(features) = item else { return false }
            return features.flags.contains(flag) == expected
        case let .entity(kinds, expected):
            guard case let .message(features) = item else { return false }
            let present = features.entities.contains { kinds.isEmpty || kinds.contains($0.kind) }
            return present == expected
        case let .wordCount(threshold):
            guard case let .message(features) = item else { return false }
            return threshold.accepts(Double(features.wordCount))
        case let .isThread(expected):
            guard case let .profile(profile) = item else { return false }
            return profile.isThread == expected
        }
    }

    private func normalized(_ field: TextField, _ item: EvaluationItem) -> NormalizedText? {
        switch (field, item) {
        case let (.name, .profile(profile)): return profile.normalizedName
        case let (.category, .profile(profile)): return profile.normalizedCategory
        case let (.topic, .profile(profile)): return profile.normalizedTopic
        case let (.text, .message(features)): return features.normalized
        default: return nil
        }
    }

    /// Names and categories are matched in normalised form (decorations carry no meaning);
    /// topics and message text as written.
    private func raw(_ field: TextField, _ item: EvaluationItem) -> String? {
        switch (field, item) {
        case (.name, _), (.category, _): return normalized(field, item)?.joined
        case let (.topic, .profile(profile)): return profile.topic
        case let (.text, .message(features)): return features.text
        default: return nil
        }
    }
}
