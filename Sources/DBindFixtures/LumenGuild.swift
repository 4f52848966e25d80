import DBindFormats
import Foundation

/// Lumen DAO, the fixture guild in `fixtures/guild/`: a made-up DAO community server in the exact
/// shape of a DiscordChatExporter export (`--utc`, default markdown), 11 channels and threads
/// whose edge cases dbind's tests rely on. Deterministic: no clock, no randomness other than
/// hashes of fixed strings, so the committed files regenerate byte for byte.
public enum LumenGuild {
    public struct Written: Sendable {
        /// The export files, in export order, then the README.
        public var files: [String]
        public var messages: Int
    }

    /// Writes the export files and `README.md` into `directory` (created if missing), each under
    /// a temporary name renamed when complete, and removes export files of the guild that are
    /// no longer written.
    public static func write(to directory: String) throws -> Written {
        let builder = LumenBuilder()
        let exports = builder.build()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let names = Set(exports.map(\.channel.fileName))
        for old in try FileManager.default.contentsOfDirectory(atPath: directory)
        where old.hasPrefix(Lumen.guildName + " - ") && old.hasSuffix(".json") && !names.contains(old) {
            try FileManager.default.removeItem(atPath: directory + "/" + old)
        }
        var files = try exports.map { try $0.channel.write(to: directory, exportedTicks: $0.ticks) }
        let readme = directory + "/README.md"
        try LineSink.write(LumenReadme.text(builder, exports.map(\.channel)), toFile: readme)
        files.append(readme)
        return Written(files: files, messages: exports.reduce(0) { $0 + $1.channel.messages.count })
    }
}
