import DBindCore
import Foundation

/// Embed fields are kept as one JSON array per embed: they are shown, never queried.
enum EmbedFieldsCoding {
    private struct Row: Codable {
        var name: String
        var value: String
        var inline: Bool
    }

    /// Keys sorted: otherwise their order changes from one process to the next, and the same
    /// export would be stored as different bytes by each ingest.
    static func encode(_ fields: [Embed.Field]) -> String {
        let rows = fields.map { Row(name: $0.name, value: $0.value, inline: $0.isInline) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(rows)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String?) -> [Embed.Field] {
        guard let text, let rows = try? JSONDecoder().decode([Row].self, from: Data(text.utf8)) else { return [] }
        return rows.map { Embed.Field(name: $0.name, value: $0.value, isInline: $0.inline) }
    }
}
