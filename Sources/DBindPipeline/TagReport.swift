import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// What a tagging run did, for its summary.
public struct TagReport: Encodable, Sendable {
    public struct ChannelEntry: Encodable, Sendable {
        public var channel: String
        public var channel_id: String
        public var kind: [String]
        public var messages: Int
        public var conversations: Int
        public var questions: Int
        public var unanswered_questions: Int
        public var skipped: Bool
    }

    public var schema: String
    public var schema_version: String
    public var channels: [ChannelEntry] = []
    /// Auto-tags written per facet.
    public var tags_per_facet: [String: Int] = [:]
    public var spans: Int = 0
    public var conversations: Int = 0
    public var seconds: Double = 0

    /// Channel names by kind tag.
    public var channels_by_kind: [String: [String]] {
        var result: [String: [String]] = [:]
        for c in channels { for k in c.kind { result[k, default: []].append(c.channel) } }
        return result.mapValues { $0.sorted() }
    }

    enum CodingKeys: String, CodingKey {
        case schema, schema_version, channels, tags_per_facet, spans, conversations, seconds, channels_by_kind
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(schema_version, forKey: .schema_version)
        try c.encode(channels, forKey: .channels)
        try c.encode(tags_per_facet, forKey: .tags_per_facet)
        try c.encode(spans, forKey: .spans)
        try c.encode(conversations, forKey: .conversations)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(channels_by_kind, forKey: .channels_by_kind)
    }

    public var text: String {
        var out = "Tagged with \(schema) \(schema_version) in \(String(format: "%.2f", seconds)) s: "
        out += "\(channels.filter { !$0.skipped }.count) channel(s) updated, \(channels.filter(\.skipped).count) unchanged, "
        out += "\(spans) spans, \(conversations) conversations\n\nTags per facet:\n"
        for (facet, count) in tags_per_facet.sorted(by: { $0.key < $1.key }) { out += "  \(facet): \(count)\n" }
        out += "\nChannels by kind:\n"
        for (kind, names) in channels_by_kind.sorted(by: { $0.key < $1.key }) {
            out += "  \(kind): \(names.joined(separator: ", "))\n"
        }
        out += "\nUnanswered questions per channel:\n"
        out += TextTable.render(header: ["channel", "messages", "conversations", "questions", "unanswered"],
                                rows: channels.filter { !$0.skipped }.map {
                                    [$0.channel, String($0.messages), String($0.conversations), String($0.questions),
                                     String($0.unanswered_questions)]
                                }, indent: "  ")
        return out
    }
}
