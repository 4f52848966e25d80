import DBindCore
import Foundation
import Yams

/// One labeled channel: the channel, a message sample and the `channel.kind` tag it should get.
public struct ChannelCase: Sendable {
    public var id: String
    public var channel: Channel
    public var messages: [Message]
    public var expectedTag: String
    /// The name carries no hint: only the messages can decide.
    public var isContentOnly: Bool
    public var location: SourceLocation
}

/// Reads labeled channel cases (`fixtures/channels/cases.yaml`): compact hand-written samples
/// of real naming styles and message patterns, for measuring channel classification.
public enum ChannelCaseLoader {
    public static func load(contentsOf path: String) throws -> [ChannelCase] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SchemaValidationError(SourceLocation(file: path), "cannot read channel cases: \(error.localizedDescription)")
        }
        return try parse(yaml: text, file: path)
    }

    public static func parse(yaml: String, file: String) throws -> [ChannelCase] {
        func fail(_ node: Node?, _ message: String) -> SchemaValidationError {
            SchemaValidationError(SourceLocation(file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0), message)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw SchemaValidationError(SourceLocation(file: file), "invalid YAML: \(error)")
        }
        guard let root, case let .sequence(items)? = root["cases"] else { throw fail(root, "expected a top-level `cases:` list") }
        let base = Timestamp(iso8601: "2024-01-01T09:00:00.000+00:00")?.milliseconds ?? 0
        var cases: [ChannelCase] = []
        for (caseIndex, item) in items.enumerated() {
            guard let id = item["id"]?.string, let name = item["name"]?.string, let expected = item["kind"]?.string else {
                throw fail(item, "each case needs `id`, `name` and `kind`")
            }
            let channelID = Snowflake(UInt64(caseIndex + 1) << 32)
            let type = item["thread"]?.bool == true ? "GuildPublicThread" : "GuildTextChat"
            let channel = Channel(id: channelID, guildID: Snowflake(1), type: type, name: name,
                                  topic: item["topic"]?.string, parentID: nil, parentName: item["category"]?.string)
            guard case let .sequence(rows)? = item["messages"] else { throw fail(item, "case `\(id)` needs a `messages` list") }
            var messages: [Message] = []
            var clock = base
            for (index, row) in rows.enumerated() {
                guard let authorName = row["a"]?.string else { throw fail(row, "message \(index) of `\(id)` needs an author `a`") }
                clock += Int64(row["gap"]?.int ?? 7) * 60_000
                let roles = (row["roles"]?.sequence ?? []).compactMap(\.string).enumerated().map { position, roleName in
                    Role(id: Snowflake(stableID(roleName)), name: roleName, position: position)
                }
                let author = Author(id: Snowflake(stableID(authorName)), name: authorName, isBot: row["bot"]?.bool ?? false,
                                    roles: roles.isEmpty ? nil : roles)
                let messageID = Snowflake(channelID.rawValue + UInt64(index + 1))
                var reference: MessageReference?
                var kind = MessageKind(rawValue: row["kind"]?.string ?? "Default")
                if let target = row["reply"]?.int {
                    guard target >= 0, target < index else { throw fail(row, "message \(index) of `\(id)` replies to \(target), which is not earlier") }
                    reference = MessageReference(messageID: Snowflake(channelID.rawValue + UInt64(target + 1)), channelID: channelID)
                    kind = .reply
                }
                let attachments = row["file"]?.string.map {
                    [Attachment(id: Snowflake(messageID.rawValue * 10), url: "https://cdn.example/\($0)", fileName: $0, fileSizeBytes: 1000)]
                } ?? []
                let embeds = row["embed"]?.string.map { [Embed(title: $0, description: row["embed_text"]?.string ?? "")] } ?? []
                let reactions = (row["react"]?.int).map { [Reaction(emoji: Emoji(name: "👍"), count: $0)] } ?? []
                messages.append(Message(
                    id: messageID, channelID: channelID, kind: kind, timestamp: Timestamp(milliseconds: clock),
                    isPinned: row["pin"]?.bool ?? false, content: row["t"]?.string ?? "", author: author,
                    attachments: attachments, embeds: embeds, reactions: reactions, reference: reference
                ))
            }
            cases.append(ChannelCase(id: id, channel: channel, messages: messages, expectedTag: expected,
                                     isContentOnly: item["content_only"]?.bool ?? false,
                                     location: SourceLocation(file: file, line: item.mark?.line ?? 0, column: item.mark?.column ?? 0)))
        }
        return cases
    }

    /// FNV-1a of a name: the same author name gives the same id in every case.
    static func stableID(_ name: String) -> UInt64 { FNV1a.hash(name.utf8) >> 1 }
}
