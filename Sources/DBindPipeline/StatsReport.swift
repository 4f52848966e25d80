import DBindCore
import DBindStore
import Foundation

/// The `stats` report: what a store holds, per guild and channel, as text or JSON.
public struct StatsReport: Encodable {
    struct Poster: Encodable {
        var id: String
        var name: String
        var messages: Int
    }

    struct ChannelEntry: Encodable {
        var id: String
        var name: String
        var type: String
        var parent: String?
        var messages: Int
        var authors: Int
        var bot_messages: Int
        var system_messages: Int
        var replies: Int
        var first: String?
        var last: String?
        var top_posters: [Poster]
    }

    struct GuildEntry: Encodable {
        var id: String
        var name: String
        var messages: Int
        var authors: Int
        var bots: Int
        var replies: Int
        var first: String?
        var last: String?
        var top_posters: [Poster]
        var channels: [ChannelEntry]
    }

    struct IncompleteFile: Encodable {
        var path: String
        var status: IngestFileStatus
        var error: String?
    }

    var guilds: Int
    var channels: Int
    var authors: Int
    var messages: Int
    var guild_details: [GuildEntry]
    var incomplete_files: [IncompleteFile]

    public init(_ stats: StoreStats) {
        func posters(_ list: [StoreStats.Poster]) -> [Poster] {
            list.map { Poster(id: $0.authorID.description, name: $0.name, messages: $0.messages) }
        }
        guilds = stats.guilds.count
        channels = stats.channels
        authors = stats.authors
        messages = stats.messages
        guild_details = stats.guilds.map { g in
            GuildEntry(id: g.id.description, name: g.name, messages: g.messages, authors: g.authors, bots: g.bots,
                       replies: g.replies, first: g.first?.iso8601UTC, last: g.last?.iso8601UTC,
                       top_posters: posters(g.topPosters),
                       channels: g.channels.map { c in
                           ChannelEntry(id: c.id.description, name: c.name, type: c.type, parent: c.parentName,
                                        messages: c.messages, authors: c.authors, bot_messages: c.botMessages,
                                        system_messages: c.systemMessages, replies: c.replies,
                                        first: c.first?.iso8601UTC, last: c.last?.iso8601UTC,
                                        top_posters: posters(c.topPosters))
                       })
        }
        incomplete_files = stats.incompleteFiles.map { IncompleteFile(path: $0.path, status: $0.status, error: $0.error) }
    }

    /// A plain-text rendering: one block per guild, one row per channel.
    public var text: String {
        var out = "\(guilds) guild(s), \(channels) channel(s), \(authors) author(s), \(messages) message(s)\n"
        for g in guild_details {
            out += "\nGuild \(g.name) [\(g.id)]: \(g.messages) messages, \(g.authors) authors (\(g.bots) bots), \(g.replies) replies"
            if let first = g.first, let last = g.last { out += ", \(first.prefix(10)) → \(last.prefix(10))" }
            out += "\n  top posters: " + g.top_posters.map { "\($0.name) (\($0.messages))" }.joined(separator: ", ") + "\n"
            let rows = g.channels.map { c -> [String] in
                let name = (c.parent.map { "\($0) / " } ?? "") + c.name
                let range = c.first.map { "\($0.prefix(10)) → \(c.last?.prefix(10) ?? "")" } ?? "-"
                return [name, c.type, String(c.messages), String(c.authors), String(c.bot_messages), String(c.replies), range,
                        c.top_posters.map { "\($0.name) (\($0.messages))" }.joined(separator: ", ")]
            }
            out += TextTable.render(header: ["channel", "type", "msgs", "authors", "bot msgs", "replies", "dates", "top posters"],
                                    rows: rows, indent: "  ")
        }
        if !incomplete_files.isEmpty {
            out += "\nIncomplete ingests (re-run `dbind ingest` on the fixed file to complete them):\n"
            for f in incomplete_files { out += "  \(f.status.rawValue): \(f.error ?? f.path)\n" }
        }
        return out
    }
}

/// Left-aligned columns, for terminal reports.
public enum TextTable {
    public static func render(header: [String], rows: [[String]], indent: String = "") -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0 }
        return all.map { row in
            indent + row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
