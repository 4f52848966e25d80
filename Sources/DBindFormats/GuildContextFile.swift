import DBindCore
import Foundation

/// The guild context file (`dbind context --out ctx.json`): JSON, one object with `format`,
/// `version` and `guilds`, each guild with its channels, roles and members. Ids are strings.
public enum GuildContextFile {
    public static let version = 1

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    struct File: Codable {
        var format = "dbind-context"
        var version = GuildContextFile.version
        var guilds: [GuildDTO]
    }

    struct GuildDTO: Codable {
        var id: String
        var name: String
        var icon_url: String?
        var channels: [ChannelDTO]
        var roles: [RoleDTO]
        var members: [MemberDTO]
    }

    struct ChannelDTO: Codable {
        var id: String
        var type: String
        var name: String
        var topic: String?
        var parent_id: String?
        var parent_name: String?
    }

    struct RoleDTO: Codable {
        var id: String
        var name: String
        var color: String?
        var position: Int
    }

    struct MemberDTO: Codable {
        var id: String
        var name: String
        var discriminator: String
        var nickname: String?
        var color: String?
        var is_bot: Bool
        var roles: [String]?
        var avatar_url: String?
    }

    public static func encode(_ contexts: [GuildContext]) throws -> Data {
        let file = File(guilds: contexts.map { c in
            GuildDTO(id: c.guild.id.description, name: c.guild.name, icon_url: c.guild.iconURL,
                     channels: c.channels.map {
                         ChannelDTO(id: $0.id.description, type: $0.type, name: $0.name, topic: $0.topic,
                                    parent_id: $0.parentID?.description, parent_name: $0.parentName)
                     },
                     roles: c.roles.map { RoleDTO(id: $0.id.description, name: $0.name, color: $0.color, position: $0.position) },
                     members: c.members.map {
                         MemberDTO(id: $0.id.description, name: $0.name, discriminator: $0.discriminator, nickname: $0.nickname,
                                   color: $0.color, is_bot: $0.isBot, roles: $0.roles?.map(\.id.description), avatar_url: $0.avatarURL)
                     })
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(file)
    }

    public static func decode(_ data: Data, path: String) throws -> [GuildContext] {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw Failure(description: "\(path): not a dbind context file: \(Self.describe(error))")
        }
        guard file.format == "dbind-context", file.version == version else {
            throw Failure(description: "\(path): context format \(file.format) version \(file.version); this dbind reads version \(version)")
        }
        func id(_ text: String, _ what: String) throws -> Snowflake {
            guard let id = Snowflake(text) else { throw Failure(description: "\(path): \(what) id \"\(text)\" is not a snowflake") }
            return id
        }
        return try file.guilds.map { g in
            let guildID = try id(g.id, "guild")
            let roles = try g.roles.map { Role(id: try id($0.id, "role"), name: $0.name, color: $0.color, position: $0.position) }
            let byID = Dictionary(roles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            return GuildContext(
                guild: Guild(id: guildID, name: g.name, iconURL: g.icon_url),
                channels: try g.channels.map {
                    Channel(id: try id($0.id, "channel"), guildID: guildID, type: $0.type, name: $0.name, topic: $0.topic,
                            parentID: try $0.parent_id.map { try id($0, "parent") }, parentName: $0.parent_name)
                },
                roles: roles,
                members: try g.members.map { m in
                    Author(id: try id(m.id, "member"), name: m.name, discriminator: m.discriminator, nickname: m.nickname,
                           color: m.color, isBot: m.is_bot, roles: try m.roles.map { try $0.map { try byID[id($0, "role")].unwrap(path) } },
                           avatarURL: m.avatar_url)
                })
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
            let at = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return (at.isEmpty ? "" : "at \(at): ") + c.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}

extension Optional where Wrapped == Role {
    func unwrap(_ path: String) throws -> Role {
        guard let self else { throw GuildContextFile.Failure(description: "\(path): a member holds a role the guild does not list") }
        return self
    }
}
