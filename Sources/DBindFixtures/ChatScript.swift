import DBindCore
import DBindFormats
import Foundation
import Yams

// The guild's conversations are data: one YAML list of messages per channel in `Chat/`, played
// through `LumenChannel.say`. Keys name `say`'s parameters; `name` lets later messages reply to,
// forward or pin a message (`channel/name` from another channel). `Chat/emoji.yaml` names the
// standard emoji the scripts use.

/// One message of a channel's script.
struct ScriptMessage: Decodable {
    /// The message is posted exactly at this UTC time.
    var at: String?
    /// The clock first moves back to when this channel was created (a thread's first message).
    var afterCreationOf: String?
    var by: String
    /// `name` lets later messages refer to this one.
    var name, text, kind: String?
    /// Seconds after the previous message; seconds from posting to the edit.
    var dt, edited: Double?
    /// Names of earlier messages: the parent of a reply, a forwarded message.
    var reply, forward: String?
    var replyToMissing: DeletedMessage?
    var ping, pinned: Bool?
    var files: [File]?
    var embeds: [ScriptEmbed]?
    var stickers, mentions: [String]?
    var reactions: [Reaction]?
    var ref: Reference?
    var interaction: Interaction?
    /// A public thread started from this message.
    var thread: Thread?

    /// A deleted message, known by the time it was posted; its id is a snowflake salted with `salt`.
    struct DeletedMessage: Decodable { var at: String, salt: String }
    struct File: Decodable { var name: String, size: Int }
    /// Reactors listed by `users`, or `crowd` of them chosen by `salt`.
    struct Reaction: Decodable { var emoji: String, users: [String]?, crowd: Int?, salt: String? }
    /// A `reference` to `message` (none: null) in `channel` (this one by default).
    struct Reference: Decodable { var message: String?, channel: String? }
    struct Interaction: Decodable { var name: String, user: String }
    struct Thread: Decodable { var key: String, name: String }
}

/// An embed as `embed(...)` takes it, or GitHub's link preview of `github`.
struct ScriptEmbed: Decodable {
    var github: GitHubCard?
    var title, url, timestamp, description, color: String?
    var author: Author?
    var footer: Footer?
    var thumbnail, image, video: Image?
    var images: [Image]?
    var fields: [Field]?

    struct GitHubCard: Decodable { var path: String, title: String, description: String }
    /// `icon` is a URL; `iconOf` a member whose avatar is the icon.
    struct Author: Decodable { var name: String, url: String?, icon: String?, iconOf: String? }
    struct Footer: Decodable { var text: String, icon: String?, iconOf: String? }
    struct Image: Decodable { var url: String, width: Int, height: Int, proxy: Bool? }
    struct Field: Decodable { var name: String, value: String, inline: Bool }

    var value: DCEValue {
        if let github { return githubEmbed(github.path, github.title, github.description) }
        return embed(
            title: title ?? "", url: url, timestamp: timestamp, description: description ?? "", color: color,
            author: author.map { embedAuthor($0.name, $0.url, Self.icon($0.icon, $0.iconOf)) }, thumbnail: thumbnail?.value,
            image: image?.value, video: video?.value, footer: footer.map { embedFooter($0.text, Self.icon($0.icon, $0.iconOf)) },
            images: images?.map(\.value), fields: (fields ?? []).map { ($0.name, $0.value, $0.inline) })
    }

    private static func icon(_ url: String?, _ member: String?) -> String? {
        url ?? member.map { Lumen.person($0).avatarURL }
    }
}

extension ScriptEmbed.Image {
    var value: DCEValue { DBindFixtures.image(url, width, height, proxy: proxy ?? true) }
}

extension LumenBuilder {
    /// Posts the messages of `Chat/<key>.yaml` in `key`'s channel.
    func play(_ key: String) {
        let c = channel(key)
        for message in ChatData.decode([ScriptMessage].self, key) {
            if let time = message.at { c.at(time) }
            if let creator = message.afterCreationOf { c.clock = Snowflake(channel(creator).id).createdAtMilliseconds }
            let posted = c.say(
                message.by, message.text ?? "", dt: message.dt, kind: message.kind, reply: message.reply.map { named($0, in: key) },
                replyToMissing: message.replyToMissing.map { snowflake(when($0.at), $0.salt) }, ping: message.ping ?? true,
                pinned: message.pinned ?? false, edited: message.edited, files: (message.files ?? []).map { ($0.name, $0.size) },
                embeds: (message.embeds ?? []).map(\.value), stickers: message.stickers ?? [],
                reactions: (message.reactions ?? []).map { ($0.emoji, $0.users ?? crowd($0.crowd!, $0.salt!)) },
                ref: message.ref.map { ref in
                    let target = ref.channel ?? key
                    return c.reference(to: ref.message.map { .string(named($0, in: target).id) } ?? nil, in: channel(target).id)
                },
                forward: message.forward.map { named($0, in: key) }, interaction: message.interaction.map { ($0.name, $0.user) },
                mentions: message.mentions ?? [])
            if let name = message.name { names[key + "/" + name] = posted }
            if let thread = message.thread { addThread(thread.key, thread.name, in: c, from: posted) }
        }
    }

    /// The message `name` (or `channel/name`) posted earlier.
    private func named(_ name: String, in channel: String) -> Posted {
        let key = name.contains("/") ? name : channel + "/" + name
        guard let posted = names[key] else { preconditionFailure("no message named \(key) before it is used") }
        return posted
    }
}

/// The data files of `Chat/`, built into the library.
enum ChatData {
    /// `Chat/<name>.yaml` decoded; the files are part of the build, so a bad one is a bug here.
    static func decode<T: Decodable>(_ type: T.Type, _ name: String) -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Chat") else {
            preconditionFailure("Chat/\(name).yaml is not in the DBindFixtures bundle")
        }
        do {
            return try YAMLDecoder().decode(type, from: String(contentsOf: url, encoding: .utf8))
        } catch {
            preconditionFailure("Chat/\(name).yaml: \(error)")
        }
    }
}
