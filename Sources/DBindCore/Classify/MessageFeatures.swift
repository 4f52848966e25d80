import Foundation

/// Settings compiled once for feature extraction: moderator role terms and command prefixes.
public struct FeatureSettings: Sendable {
    public var moderatorRoles: TermSet
    public var botPrefixes: [String]

    public init(_ settings: ClassifierSettings) {
        moderatorRoles = TermSet(settings.moderatorRoles)
        botPrefixes = settings.botPrefixes.filter { !$0.isEmpty }
    }

    /// Whether any of the author's roles names a moderator, admin, team or core member.
    public func isModerator(_ author: Author) -> Bool {
        guard let roles = author.roles else { return false }
        return roles.contains { moderatorRoles.matches(TextNormalizer.normalize($0.name, splitCamelCase: true), compounds: true) }
    }

    /// A configured prefix directly followed by a letter (`!rank`, `/imagine`, `.play`).
    public func isCommand(_ text: String) -> Bool {
        for prefix in botPrefixes where text.hasPrefix(prefix) {
            if let next = text.dropFirst(prefix.count).unicodeScalars.first, next.properties.isAlphabetic { return true }
        }
        return false
    }
}

/// What message-level rules see of one message (or of one span of its text).
public struct MessageFeatures: Sendable {
    /// The text rules read: the content (or forwarded content) plus embed titles and descriptions.
    public var text: String
    public var normalized: NormalizedText
    public var flags: Set<MessageFlag>
    public var entities: [DetectedEntity]
    public var wordCount: Int

    /// Features of a whole message, or of `span` (a part of its text) when given; `isModerator`
    /// passes an already known answer for the author (role matching is the costly part).
    public init(message: Message, span: String? = nil, settings: FeatureSettings, analyzer: any TextAnalyzer,
                isModerator: Bool? = nil) {
        let ownText = span ?? (message.content.isEmpty ? (message.forwardedContent ?? "") : message.content)
        if span == nil, !message.embeds.isEmpty {
            var parts = [ownText]
            for embed in message.embeds {
                parts += [embed.title, embed.description] + embed.fields.flatMap { [$0.name, $0.value] }
            }
            text = parts.filter { !$0.isEmpty }.joined(separator: "\n")
        } else {
            // Most messages have no embeds: their text is shared, not copied.
            text = ownText
        }
        normalized = TextNormalizer.normalize(text)
        entities = analyzer.entities(in: ownText)
        wordCount = text == ownText && !ownText.containsBytes("://")
            ? normalized.tokens.count : TextNormalizer.normalize(MessageFeatures.withoutLinks(ownText)).tokens.count

        var flags: Set<MessageFlag> = []
        if entities.contains(where: { $0.kind == "url" }) || ownText.containsBytes("http://") || ownText.containsBytes("https://") {
            flags.insert(.hasURL)
        }
        if !message.attachments.isEmpty { flags.insert(.hasAttachment) }
        if MessageFeatures.hasMedia(message, text: ownText) { flags.insert(.hasMedia) }
        if !ownText.isEmpty, !message.author.isBot, analyzer.isQuestion(ownText) { flags.insert(.hasQuestion) }
        if !message.mentions.isEmpty || entities.contains(where: { $0.kind == "mention" }) { flags.insert(.hasMention) }
        if !message.embeds.isEmpty { flags.insert(.hasEmbed) }
        if !message.stickers.isEmpty { flags.insert(.hasSticker) }
        if ownText.containsBytes("`"), ownText.containsBytes("```")
            || MessageFeatures.inlineCode.firstMatch(in: ownText, range: NSRange(ownText.startIndex..., in: ownText)) != nil {
            flags.insert(.hasCode)
        }
        if message.replyToID != nil { flags.insert(.isReply) }
        if message.author.isBot { flags.insert(.isBot) }
        if message.interaction != nil || message.kind.rawValue == "20" || settings.isCommand(Self.droppingLeadingSpaces(ownText)) {
            flags.insert(.isCommand)
        }
        if isModerator ?? settings.isModerator(message.author) { flags.insert(.isModerator) }
        if message.isPinned { flags.insert(.isPinned) }
        if message.kind.isSystem { flags.insert(.isSystem) }
        self.flags = flags
    }

    /// The text with URLs removed, so a pasted link does not count as many words.
    static func withoutLinks(_ text: String) -> String {
        guard text.containsBytes("://") else { return text }
        return link.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
    }

    /// Compiled once and shared: `String.range(of:options: .regularExpression)` finds or compiles
    /// its pattern on every call.
    private static let link = try! NSRegularExpression(pattern: #"[a-zA-Z][a-zA-Z0-9+.-]*://\S+"#)
    private static let inlineCode = try! NSRegularExpression(pattern: #"`[^`\n]+`"#)

    static let mediaExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "webp", "bmp", "heic", "avif", "svg", "mp4", "mov", "webm", "mkv", "avi",
        "mp3", "wav", "ogg", "m4a", "flac",
    ]
    static let mediaHosts = ["tenor.com", "giphy.com", "imgur.com", "youtube.com/watch", "youtu.be/", "streamable.com"]

    static func hasMedia(_ message: Message, text: String) -> Bool {
        if !message.stickers.isEmpty { return true }
        if message.attachments.contains(where: { mediaExtensions.contains(($0.fileName as NSString).pathExtension.lowercased()) }) {
            return true
        }
        if message.embeds.contains(where: { $0.imageURL != nil && $0.description.isEmpty }) { return true }
        guard text.containsBytes("://") else { return false }
        let lowered = text.lowercased()
        return mediaHosts.contains { lowered.containsBytes($0) }
    }
}

extension MessageFeatures {
    /// `text` without its leading spaces and tabs (what `isCommand` looks past), in Swift rather
    /// than through Foundation's `CharacterSet`, which cost 4% of a tag run.
    static func droppingLeadingSpaces(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, first == "\t" || first.properties.generalCategory == .spaceSeparator else { return text }
        return String(scalars.drop { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator })
    }
}
