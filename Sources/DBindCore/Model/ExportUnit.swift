
/// What one exported line holds: a conversation, a message, or a channel, with its messages,
/// spans, auto-tags, manual labels and the effective (label-over-tag) values.
public struct ExportUnit: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case conversation, message, channel
    }

    public var kind: Kind
    /// The conversation id (its root message), the message id, or the channel id.
    public var id: Snowflake
    public var guild: Guild
    public var channel: ExportChannel
    public var messages: [ExportMessage]
    /// Tags and labels of the unit itself (conversation or channel level).
    public var tags: [ExportTag]
    public var labels: [ExportLabel]

    public init(kind: Kind, id: Snowflake, guild: Guild, channel: ExportChannel, messages: [ExportMessage],
                tags: [ExportTag] = [], labels: [ExportLabel] = []) {
        self.kind = kind
        self.id = id
        self.guild = guild
        self.channel = channel
        self.messages = messages
        self.tags = tags
        self.labels = labels
    }

    public var start: Timestamp? { messages.first?.time }
    public var end: Timestamp? { messages.last?.time }

    /// Authors in order of first message.
    public var participants: [(id: Snowflake, name: String)] {
        var seen = Set<Snowflake>()
        return messages.compactMap { seen.insert($0.authorID).inserted ? ($0.authorID, $0.authorName) : nil }
    }
}

/// The channel a unit comes from, with its effective kind tags.
public struct ExportChannel: Sendable, Equatable {
    public var id: Snowflake
    public var name: String
    public var parent: String?
    public var type: String
    /// The channel's own auto-tags and labels, which its kinds resolve from.
    public private(set) var tags: [ExportTag]
    public private(set) var labels: [ExportLabel]
    /// The effective `channel.kind` values (a person's label over the auto-tags).
    public private(set) var kinds: [String]

    public init(id: Snowflake, name: String, parent: String?, type: String, tags: [ExportTag] = [], labels: [ExportLabel] = []) {
        self.id = id
        self.name = name
        self.parent = parent
        self.type = type
        self.tags = tags
        self.labels = labels
        kinds = Self.kinds(tags: tags, labels: labels)
    }

    /// Drops the auto-tags below `minimum` and resolves the kinds again from what is left.
    public mutating func dropTags(below minimum: Double) {
        guard tags.contains(where: { $0.confidence < minimum }) else { return }
        tags.removeAll { $0.confidence < minimum }
        kinds = Self.kinds(tags: tags, labels: labels)
    }

    static func kinds(tags: [ExportTag], labels: [ExportLabel]) -> [String] {
        EffectiveValue.resolve(tags: tags, labels: labels).filter { $0.facet == FacetDefinition.channelKind }.flatMap(\.values)
    }
}

/// One message of a unit.
public struct ExportMessage: Sendable, Equatable {
    public var id: Snowflake
    public var authorID: Snowflake
    public var authorName: String
    public var authorIsBot: Bool
    public var time: Timestamp
    public var edited: Timestamp?
    public var text: String
    public var replyTo: Snowflake?
    /// Present only when tokens were asked for.
    public var tokens: [ExportToken]?
    public var spans: [ExportSpan]
    public var tags: [ExportTag]
    public var labels: [ExportLabel]
    /// People's labels on its spans (entity verdicts, question judgements), each keyed by where
    /// the extractor found the span: `spans` are as they leave them, and these take the labels
    /// into another store whose extractor finds the same spans.
    public var spanLabels: [ExportSpanLabel] = []

    public init(id: Snowflake, authorID: Snowflake, authorName: String, authorIsBot: Bool, time: Timestamp, edited: Timestamp? = nil,
                text: String, replyTo: Snowflake? = nil, tokens: [ExportToken]? = nil, spans: [ExportSpan] = [],
                tags: [ExportTag] = [], labels: [ExportLabel] = []) {
        self.id = id
        self.authorID = authorID
        self.authorName = authorName
        self.authorIsBot = authorIsBot
        self.time = time
        self.edited = edited
        self.text = text
        self.replyTo = replyTo
        self.tokens = tokens
        self.spans = spans
        self.tags = tags
        self.labels = labels
    }
}

/// A person's label on a span of a message: the span where the extractor found it (code
/// points), the label set (`entity-span`, `question`), the value, who and when.
public struct ExportSpanLabel: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var labelSet: String
    public var value: String
    public var annotator: String
    public var time: Timestamp

    public init(start: Int, end: Int, labelSet: String, value: String, annotator: String, time: Timestamp) {
        self.start = start
        self.end = end
        self.labelSet = labelSet
        self.value = value
        self.annotator = annotator
        self.time = time
    }
}

/// A token with code-point offsets into its message text.
public struct ExportToken: Sendable, Equatable {
    public var text: String
    public var kind: String
    public var start: Int
    public var end: Int

    public init(text: String, kind: String, start: Int, end: Int) {
        self.text = text
        self.kind = kind
        self.start = start
        self.end = end
    }
}

/// A question or entity span, code-point offsets into its message text.
public struct ExportSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var text: String
    public var kind: SpanKind
    /// Entity type or question kind.
    public var type: String
    public var rule: String
    public var confidence: Double
    public var value: String?
    /// A person's judgement of a question span: a value of the `question` label set.
    public var verdict: String?

    public init(start: Int, end: Int, text: String, kind: SpanKind, type: String, rule: String, confidence: Double, value: String? = nil) {
        self.start = start
        self.end = end
        self.text = text
        self.kind = kind
        self.type = type
        self.rule = rule
        self.confidence = confidence
        self.value = value
    }

    /// The label span formats use: the entity type, or `QUESTION`.
    public var label: String { kind == .question ? "QUESTION" : type }
}

/// An auto-tag with the rules that fired.
public struct ExportTag: Sendable, Equatable {
    public var tag: String
    public var facet: String
    public var confidence: Double
    public var rules: [String]
    public var schema: String
    public var schemaVersion: String

    public init(tag: String, facet: String, confidence: Double, rules: [String], schema: String, schemaVersion: String) {
        self.tag = tag
        self.facet = facet
        self.confidence = confidence
        self.rules = rules
        self.schema = schema
        self.schemaVersion = schemaVersion
    }
}

/// A manual label: who gave which value of which label set, when.
public struct ExportLabel: Sendable, Equatable {
    public var labelSet: String
    /// The tag facet the label set decides, when it has one (`channel.kind`).
    public var facet: String?
    public var value: String
    public var annotator: String
    public var time: Timestamp
    /// The label's event in the history, which orders labels given in the same millisecond.
    public var event: Int64

    public init(labelSet: String, facet: String?, value: String, annotator: String, time: Timestamp, event: Int64 = 0) {
        self.labelSet = labelSet
        self.facet = facet
        self.value = value
        self.annotator = annotator
        self.time = time
        self.event = event
    }
}

/// The value in force for one facet: a person's label wins over the auto-tagger.
public struct EffectiveValue: Sendable, Equatable {
    public var facet: String
    public var values: [String]
    public var source: ValueSource

    /// Label-over-tag, per facet: the label in force (`LabelPrecedence`, any annotator) of a
    /// label set that decides a facet replaces the facet's auto-tags; an empty label clears the facet. Facets
    /// nobody labeled keep their auto-tags. Facets are in name order.
    public static func resolve(tags: [ExportTag], labels: [ExportLabel]) -> [EffectiveValue] {
        var result: [String: EffectiveValue] = [:]
        for tag in tags {
            result[tag.facet, default: EffectiveValue(facet: tag.facet, values: [], source: .auto)].values.append(tag.tag)
        }
        var newest: [String: ExportLabel] = [:]
        for label in labels {
            guard let facet = label.facet else { continue }
            if let current = newest[facet], !LabelPrecedence.wins(time: label.time.milliseconds, event: label.event,
                                                                  over: current.time.milliseconds, current.event) { continue }
            newest[facet] = label
        }
        for (facet, label) in newest {
            result[facet] = EffectiveValue(facet: facet, values: LabelSet.names(in: label.value).map { facet + "/" + $0 }.sorted(),
                                           source: .manual)
        }
        return result.values.sorted { $0.facet < $1.facet }
    }
}
