
/// Where something was written in a schema file, so errors point at the line to fix.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line; 0 when unknown.
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        if line == 0 { return file }
        return column == 0 ? "\(file):\(line)" : "\(file):\(line):\(column)"
    }
}

/// One problem found in a schema, as `file:line:column: message`.
public struct SchemaDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// Thrown when a schema cannot be loaded or composed; carries every problem found, in file order.
public struct SchemaValidationError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [SchemaDiagnostic]

    public init(_ diagnostics: [SchemaDiagnostic]) { self.diagnostics = diagnostics }
    public init(_ location: SourceLocation, _ message: String) { diagnostics = [SchemaDiagnostic(location, message)] }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A numeric condition on a statistic: bounds, each inclusive or not.
public struct Threshold: Hashable, Sendable, CustomStringConvertible {
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool

    public init(lower: Double? = nil, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    public func accepts(_ value: Double) -> Bool {
        if let lower, lowerInclusive ? value < lower : value <= lower { return false }
        if let upper, upperInclusive ? value > upper : value >= upper { return false }
        return true
    }

    /// The answer for every value in `range`, when they all share one; nil otherwise. The accepted
    /// values form one interval, so both ends accepted means all are.
    public func decides(_ range: ClosedRange<Double>) -> Bool? {
        if accepts(range.lowerBound) && accepts(range.upperBound) { return true }
        if let upper, upperInclusive ? range.lowerBound > upper : range.lowerBound >= upper { return false }
        if let lower, lowerInclusive ? range.upperBound < lower : range.upperBound <= lower { return false }
        return nil
    }

    /// `>= 0.5`, `< 3`, `0.2 ..= 0.8` style text, the form `explain` prints.
    public var description: String {
        func number(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
        switch (lower, upper) {
        case let (low?, high?) where low == high && lowerInclusive && upperInclusive: return "== \(number(low))"
        case let (low?, high?): return "\(lowerInclusive ? ">=" : ">") \(number(low)) and \(upperInclusive ? "<=" : "<") \(number(high))"
        case let (low?, nil): return "\(lowerInclusive ? ">=" : ">") \(number(low))"
        case let (nil, high?): return "\(upperInclusive ? "<=" : "<") \(number(high))"
        case (nil, nil): return "any"
        }
    }
}

/// Statistics computed over the messages of a channel or conversation, usable in rules with thresholds.
public enum ContentStatistic: String, Sendable, Hashable, CaseIterable, Codable {
    case messageCount = "message_count"
    case authorCount = "author_count"
    /// Distinct authors per message: near 1 where everyone posts once (introductions), low in chats.
    case authorRatio = "author_ratio"
    case messagesPerDay = "messages_per_day"
    case botShare = "bot_share"
    case topPosterShare = "top_poster_share"
    case top3PosterShare = "top3_poster_share"
    case moderatorShare = "moderator_share"
    /// Share of replies and answers (messages after a question by someone else) written by moderators.
    case moderatorAnswerShare = "moderator_answer_share"
    case questionRatio = "question_ratio"
    /// Share of questions that got a reply or a next message by someone else.
    case answeredQuestionRatio = "answered_question_ratio"
    /// Share of questions that someone else's message links to, by any of the segmenter's link
    /// rules (reply, addressing, mention, an answer in the conversation).
    case linkedAnswerRatio = "linked_answer_ratio"
    /// Share of those linked answers written by helpers: members who answered questions of at
    /// least three different askers (a few regulars answering many people).
    case helperAnswerShare = "helper_answer_share"
    case linkRatio = "link_ratio"
    case replyRatio = "reply_ratio"
    case meanLength = "mean_length"
    case meanWords = "mean_words"
    case reactionsPerMessage = "reactions_per_message"
    case pinnedRatio = "pinned_ratio"
    case attachmentRatio = "attachment_ratio"
    case mediaRatio = "media_ratio"
    case commandRatio = "command_ratio"
    case mentionRatio = "mention_ratio"
    case embedRatio = "embed_ratio"
    case codeRatio = "code_ratio"
    case entityRatio = "entity_ratio"
    /// Share of all messages that are generated (joins, pins, boosts) rather than written.
    case systemRatio = "system_ratio"

    /// Whether the value is a share in 0...1, so thresholds outside that range are mistakes.
    public var isRatio: Bool {
        switch self {
        case .messageCount, .authorCount, .messagesPerDay, .meanLength, .meanWords, .reactionsPerMessage: return false
        default: return true
        }
    }
}

/// Yes/no properties of one message (or span) that message-level rules test.
public enum MessageFlag: String, Sendable, Hashable, CaseIterable, Codable {
    case hasURL = "has_url"
    case hasAttachment = "has_attachment"
    /// Image, video or audio attachments, stickers, or image embeds.
    case hasMedia = "has_media"
    case hasQuestion = "has_question"
    case hasMention = "has_mention"
    case hasEmbed = "has_embed"
    case hasSticker = "has_sticker"
    case hasCode = "has_code"
    case isReply = "is_reply"
    case isBot = "is_bot"
    /// Starts with one of the schema's bot prefixes followed by a letter, or is a slash-command response.
    case isCommand = "is_command"
    case isModerator = "is_moderator"
    case isPinned = "is_pinned"
    case isSystem = "is_system"
}

/// Which text a word/glob/regex predicate reads.
public enum TextField: String, Sendable, Hashable, CaseIterable, Codable {
    /// The channel's name, normalised (decorations removed, words joined by `-`).
    case name
    /// The category (parent) name, normalised like names.
    case category
    /// The channel topic, raw.
    case topic
    /// The message or span text, raw.
    case text

    /// Levels whose items have this text.
    var levels: Set<ItemLevel> {
        switch self {
        case .name, .category, .topic: return [.channel, .conversation]
        case .text: return [.message, .span]
        }
    }
}

/// How a text predicate matches.
public enum TextMatch: String, Sendable, Hashable, CaseIterable, Codable {
    /// Any term of a word set (inline terms and `@gazetteer` references).
    case words
    /// Terms at the start of the text only.
    case starts
    /// Shell-style globs (`*`, `?`) over the whole normalised text.
    case glob
    /// A case-insensitive regular expression, searched anywhere.
    case regex
}

/// A leaf of a rule tree: one testable condition.
public enum Predicate: Sendable, Hashable {
    /// Text of a field against terms, globs or a regex; `patterns` are written as in the schema.
    case text(TextField, TextMatch, patterns: [String])
    /// A computed statistic of a channel or conversation.
    case statistic(ContentStatistic, Threshold)
    /// Share of a channel's or conversation's messages whose text contains one of the terms.
    case contentShare(terms: [String], Threshold)
    /// A message flag; `expected` false tests its absence.
    case flag(MessageFlag, expected: Bool)
    /// Entities in the message, of the given kinds (any kind when empty); `expected` false tests absence.
    case entity(kinds: [String], expected: Bool)
    /// The number of words in the message.
    case wordCount(Threshold)
    /// Whether the channel is a thread, whose category is its parent channel's name.
    case isThread(expected: Bool)

    /// The YAML key that writes this predicate.
    public var key: String {
        switch self {
        case let .text(field, match, _): return "\(field.rawValue)_\(match.rawValue)"
        case let .statistic(statistic, _): return statistic.rawValue
        case .contentShare: return "content_share"
        case let .flag(flag, _): return flag.rawValue
        case .entity: return "has_entity"
        case .wordCount: return "word_count"
        case .isThread: return "is_thread"
        }
    }

    /// Levels where the predicate can be evaluated.
    public var levels: Set<ItemLevel> {
        switch self {
        case let .text(field, _, _): return field.levels
        case .statistic, .contentShare, .isThread: return [.channel, .conversation]
        case .flag, .entity, .wordCount: return [.message, .span]
        }
    }

    /// Every text predicate key the schema language knows, for "did you mean" hints.
    public static var textKeys: [String] {
        TextField.allCases.flatMap { field in TextMatch.allCases.map { "\(field.rawValue)_\($0.rawValue)" } }
    }
}

/// A boolean tree of predicates, as written under a rule's `when`.
public indirect enum RuleExpression: Sendable {
    case all([RuleExpression])
    case any([RuleExpression])
    case not(RuleExpression)
    case predicate(Predicate, SourceLocation)

    /// Every predicate of the tree with where it was written.
    public var predicates: [(Predicate, SourceLocation)] {
        switch self {
        case let .all(children), let .any(children): return children.flatMap(\.predicates)
        case let .not(child): return child.predicates
        case let .predicate(predicate, location): return [(predicate, location)]
        }
    }
}

/// One explainable piece of evidence for a tag: a condition and how much its firing counts.
public struct Rule: Sendable {
    /// Unique within a composed schema; reported in every assignment it contributes to.
    public var id: String
    /// Evidence strength in -1...1; negative weights are counter-evidence that lower confidence.
    public var weight: Double
    public var description: String?
    public var condition: RuleExpression
    public var location: SourceLocation

    public init(id: String, weight: Double, description: String? = nil, condition: RuleExpression, location: SourceLocation) {
        self.id = id
        self.weight = weight
        self.description = description
        self.condition = condition
        self.location = location
    }
}

/// A group of tags describing one aspect of one level; exclusive facets give each item one tag.
public struct FacetDefinition: Sendable {
    /// The facet the tag summary, the exports and the report show as a channel's kind.
    public static let channelKind = "channel.kind"

    /// The kind a tag of that facet names: `support` for `channel.kind/support`.
    public static func channelKindName(of tag: String) -> String {
        String(tag.split(separator: "/").last ?? "")
    }

    public var name: String
    public var level: ItemLevel
    public var isExclusive: Bool
    /// The tag an exclusive facet falls back to when no tag is confident enough.
    public var defaultTag: String?
    /// Tags below this confidence are not assigned.
    public var minConfidence: Double = 0.5
    public var description: String?
    public var location: SourceLocation
    /// The schema that last defined the facet.
    public var origin: String
}

/// A tag of a composed schema with its rules and relations.
public struct TagDefinition: Sendable {
    /// Hierarchical path: `facet/segment[/segment…]`, e.g. `channel.kind/announcements`.
    public var path: String
    public var description: String?
    /// Higher wins over confidence when a facet or an `excludes` pair has to choose.
    public var priority: Int = 0
    public var implies: [String] = []
    public var excludes: [String] = []
    public var rules: [Rule] = []
    public var location: SourceLocation
    /// The schema that defined the tag (or last overrode it).
    public var origin: String

    /// The facet: the path before its first `/`.
    public var facet: String { TagDefinition.facet(of: path) }

    public static func facet(of path: String) -> String {
        path.firstIndex(of: "/").map { String(path[..<$0]) } ?? path
    }
}

/// Knobs that shape statistics and message features; schema-configurable so communities can adapt them.
public struct ClassifierSettings: Sendable, Hashable {
    /// Role-name terms that mark moderators (matched like channel names: `mod*`, `admin`, `core team`).
    public var moderatorRoles: [String]
    /// Prefixes that start bot commands when followed by a letter (`!rank`, `/imagine`).
    public var botPrefixes: [String]

    public init(moderatorRoles: [String] = ClassifierSettings.standardModeratorRoles,
                botPrefixes: [String] = ClassifierSettings.standardBotPrefixes) {
        self.moderatorRoles = moderatorRoles
        self.botPrefixes = botPrefixes
    }

    public static let standardModeratorRoles = ["mod", "mods", "moderator*", "admin*", "team", "core", "staff", "owner", "founder"]
    public static let standardBotPrefixes = ["!", "/", "?", ".", ";", "-", "+"]
}
