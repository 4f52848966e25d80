import DBindCore
import Foundation

/// A bad line in an IRC disentanglement file, named by file and 1-based line.
public struct IRCFormatError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var reason: String

    /// Line 0 stands for the file as a whole (unreadable, not UTF-8).
    public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}

/// One file pair of the IRC disentanglement corpus (Kummerfeld et al., ACL 2019): the chat as
/// dbind messages and its gold reply links.
public struct IRCDisentanglementSample: Sendable {
    /// File stem, e.g. `2009-02-23_10`.
    public var name: String
    /// One message per raw line, message k has id `IRCDisentanglementLoader.messageID(sample:line:)`.
    public var messages: [Message]
    public var evaluation: DisentanglementSample
}

/// Reads `<stem>.raw.txt` + `<stem>.annotation.txt` pairs into dbind messages.
///
/// Raw lines are `[HH:MM] <nick> text`, actions `[HH:MM]  * nick text`, and server notices
/// `=== …` (joins, parts, quits, nick changes: system messages; older logs also write actions
/// that way). IRC has no reply metadata: a known nick written as a word of the text (the
/// `nick:` addressing convention included) becomes a mention of that user, the way Discord
/// lists mentions. Nick changes keep the user's id, as a Discord rename would.
public enum IRCDisentanglementLoader {
    /// In the published files lines before this index are context; samples take the first
    /// line that has links of its own from the annotation, so shorter files work too.
    public static let firstAnnotatedLine = 1000

    /// All samples of a directory, sorted by name.
    public static func load(directory: String) throws -> [IRCDisentanglementSample] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw IRCFormatError(file: directory, line: 0, reason: "cannot list directory")
        }
        let stems = names.filter { $0.hasSuffix(".raw.txt") }.map { String($0.dropLast(".raw.txt".count)) }.sorted()
        var samples: [IRCDisentanglementSample] = []
        for (ordinal, stem) in stems.enumerated() {
            let rawPath = (directory as NSString).appendingPathComponent(stem + ".raw.txt")
            let annotationPath = (directory as NSString).appendingPathComponent(stem + ".annotation.txt")
            guard FileManager.default.fileExists(atPath: annotationPath) else { continue }
            let raw = try readText(rawPath)
            let annotation = try readText(annotationPath)
            samples.append(try sample(name: stem, ordinal: ordinal, raw: raw, rawFile: rawPath,
                                      annotation: annotation, annotationFile: annotationPath))
        }
        return samples
    }

    static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IRCFormatError(file: path, line: 0, reason: "cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw IRCFormatError(file: path, line: 0, reason: "not valid UTF-8")
        }
        return text
    }

    /// Message ids are unique across samples: sample ordinal in the high 32 bits, line below.
    public static func messageID(sample ordinal: Int, line: Int) -> Snowflake {
        Snowflake(UInt64(ordinal + 1) << 32 | UInt64(line))
    }

    public static func line(of id: Snowflake) -> Int { Int(id.rawValue & 0xFFFF_FFFF) }

    public static func sample(name: String, ordinal: Int, raw: String, rawFile: String,
                              annotation: String, annotationFile: String) throws -> IRCDisentanglementSample {
        let messages = try parseRaw(raw, name: name, ordinal: ordinal, file: rawFile)
        let links = try parseAnnotation(annotation, lineCount: messages.count, file: annotationFile)
        return IRCDisentanglementSample(
            name: name, messages: messages,
            evaluation: DisentanglementSample(name: name, messageCount: messages.count,
                                              firstAnnotated: links.map(\.message).min() ?? messages.count, goldLinks: links))
    }

    /// Parses `A B -` lines into (antecedent, message) pairs, antecedent ≤ message.
    public static func parseAnnotation(_ text: String, lineCount: Int, file: String) throws -> [(antecedent: Int, message: Int)] {
        var links: [(antecedent: Int, message: Int)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: " ")
            if fields.isEmpty { continue }
            guard fields.count >= 2, let a = Int(fields[0]), let b = Int(fields[1]) else {
                throw IRCFormatError(file: file, line: number + 1, reason: "expected two line numbers, got \"\(line.prefix(60))\"")
            }
            guard a >= 0, b >= 0, a < lineCount, b < lineCount else {
                throw IRCFormatError(file: file, line: number + 1, reason: "line number out of range 0..<\(lineCount)")
            }
            links.append((min(a, b), max(a, b)))
        }
        return links
    }

    /// Parses raw log lines into messages of one channel (id `ordinal + 1`).
    public static func parseRaw(_ text: String, name: String, ordinal: Int, file: String) throws -> [Message] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        let channel = Snowflake(UInt64(ordinal + 1))
        var parsed: [ParsedLine] = []
        parsed.reserveCapacity(lines.count)
        for (number, line) in lines.enumerated() {
            guard let entry = ParsedLine(line) else {
                throw IRCFormatError(file: file, line: number + 1, reason: "not an IRC log line: \"\(line.prefix(60))\"")
            }
            parsed.append(entry)
        }
        let times = timestamps(parsed, name: name)
        var users = UserDirectory()
        var messages: [Message] = []
        messages.reserveCapacity(parsed.count)
        for (number, entry) in parsed.enumerated() {
            let author = users.author(for: entry.nick)
            if let newNick = entry.renamedTo { users.rename(entry.nick, to: newNick) }
            let mentions = entry.kind.isSystem ? [] : users.mentions(in: entry.text, excluding: author.id)
            messages.append(Message(
                id: messageID(sample: ordinal, line: number), channelID: channel, kind: entry.kind,
                timestamp: Timestamp(milliseconds: times[number]), content: entry.text, author: author,
                mentions: mentions))
        }
        return messages
    }

    /// UTC milliseconds per line: the clock of the line (notices take the previous line's),
    /// a day added whenever the clock goes back, dated so that the first annotated line falls
    /// on the date in the file name (`YYYY-MM-DD_HH`; 1970-01-01 if the name has no date), or
    /// the first line when the file is shorter than the context.
    static func timestamps(_ lines: [ParsedLine], name: String) -> [Int64] {
        var minutes: [Int] = []
        var day = 0
        var previous: Int?
        for line in lines {
            guard let clock = line.minuteOfDay else {
                minutes.append(previous.map { $0 + day * 1440 } ?? 0)
                continue
            }
            if let previous, clock < previous { day += 1 }
            previous = clock
            minutes.append(clock + day * 1440)
        }
        if let first = lines.firstIndex(where: { $0.minuteOfDay != nil }) {
            for k in 0..<first { minutes[k] = minutes[first] }
        }
        let anchor = minutes.count > firstAnnotatedLine ? firstAnnotatedLine : 0
        let anchorDay = minutes.isEmpty ? 0 : minutes[anchor] / 1440
        let date = Timestamp(iso8601: name.prefix(10) + "T00:00:00Z")?.milliseconds ?? 0
        return minutes.map { date + Int64(($0 - anchorDay * 1440) * 60_000) }
    }

    /// Nick → stable user id within one file, following nick changes.
    struct UserDirectory {
        var idOfNick: [String: Snowflake] = [:]
        var currentNick: [Snowflake: String] = [:]
        var nextID: UInt64 = 1

        mutating func author(for nick: String) -> Author {
            let key = nick.lowercased()
            if let id = idOfNick[key] {
                currentNick[id] = nick
                return Author(id: id, name: nick)
            }
            let id = Snowflake(nextID)
            nextID += 1
            idOfNick[key] = id
            currentNick[id] = nick
            return Author(id: id, name: nick)
        }

        mutating func rename(_ old: String, to new: String) {
            guard let id = idOfNick[old.lowercased()] else { return }
            if idOfNick[new.lowercased()] == nil { idOfNick[new.lowercased()] = id }
            currentNick[id] = new
        }

        /// Known nicks written as whole words, in order of appearance; the first word may be
        /// any length (`ab: hi`), later words need three characters to count.
        func mentions(in text: String, excluding author: Snowflake) -> [Author] {
            var found: [Author] = []
            var position = 0
            for word in text.split(whereSeparator: { !ParsedLine.isNickCharacter($0) }) {
                defer { position += 1 }
                guard position == 0 || word.count >= 3 else { continue }
                guard let id = idOfNick[word.lowercased()], id != author,
                      !found.contains(where: { $0.id == id }) else { continue }
                found.append(Author(id: id, name: currentNick[id] ?? String(word)))
            }
            return found
        }
    }

    /// One raw line split into its parts.
    struct ParsedLine {
        var minuteOfDay: Int?
        var nick: String
        var text: String
        var kind: MessageKind
        var renamedTo: String?

        static let join = MessageKind(rawValue: "GuildMemberJoin")
        static let leave = MessageKind(rawValue: "RecipientRemove")
        /// Nick, topic and mode changes: generated notices with no Discord equivalent of their
        /// own; any named system kind keeps them out of text processing.
        static let notice = MessageKind(rawValue: "ChannelNameChange")

        /// A line a user sent through a bridge, `(nick/#channel) text`, or as a channel notice,
        /// `-nick:#channel- text` / `-nick- text`: the nick and what was said.
        static func relayed(_ body: Substring) -> (String, String)? {
            let close: Character
            switch body.first {
            case "(": close = ")"
            case "-": close = "-"
            default: return nil
            }
            guard let end = body.dropFirst().firstIndex(of: close) else { return nil }
            let head = body[body.index(after: body.startIndex)..<end]
            let nick = head.prefix { isNickCharacter($0) && $0 != "-" }
            guard !nick.isEmpty else { return nil }
            return (String(nick), String(body[body.index(after: end)...].drop { $0 == " " }))
        }

        static func isNickCharacter(_ c: Character) -> Bool {
            c.isLetter || c.isNumber || "_-[]\\^{}|`".contains(c)
        }

        init?(_ line: Substring) {
            if line.hasPrefix("=== ") {
                let words = line.dropFirst(4).split(separator: " ", omittingEmptySubsequences: true)
                guard let first = words.first else { return nil }
                nick = String(first)
                text = String(line.dropFirst(4))
                let rest = words.dropFirst().filter { !($0.hasPrefix("[") && $0.hasSuffix("]")) }.map(String.init)
                if rest.starts(with: ["has", "joined"]) {
                    kind = ParsedLine.join
                } else if rest.starts(with: ["has", "left"]) || rest.starts(with: ["has", "quit"]) {
                    kind = ParsedLine.leave
                } else if rest.starts(with: ["is", "now", "known", "as"]), rest.count >= 5 {
                    kind = ParsedLine.notice
                    renamedTo = rest[4]
                } else if rest.contains("topic") || rest.starts(with: ["sets", "mode"]) || rest.contains("kicked") {
                    kind = ParsedLine.notice
                } else {
                    kind = .default
                    text = rest.joined(separator: " ")
                }
                return
            }
            guard line.count >= 8, line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
            let clock = line[line.index(after: line.startIndex)..<close].split(separator: ":")
            guard clock.count == 2, let hour = Int(clock[0]), let minute = Int(clock[1]), hour < 24, minute < 60 else { return nil }
            minuteOfDay = hour * 60 + minute
            kind = .default
            let body = line[line.index(after: close)...].drop(while: { $0 == " " })
            if body.hasPrefix("<"), let end = body.firstIndex(of: ">") {
                nick = String(body[body.index(after: body.startIndex)..<end])
                text = String(body[body.index(after: end)...].dropFirst(body[body.index(after: end)...].hasPrefix(" ") ? 1 : 0))
            } else if body.hasPrefix("* ") {
                let parts = body.dropFirst(2).split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
                guard let first = parts.first else { return nil }
                nick = String(first)
                text = parts.count > 1 ? String(parts[1]) : ""
            } else if let (from, said) = Self.relayed(body) {
                nick = from
                text = said
            } else {
                // Anything else on a clocked line (server notices, bridges we do not know) stays
                // a generated notice, so line numbers still match the annotation.
                nick = "*"
                text = String(body)
                kind = ParsedLine.notice
            }
            guard !nick.isEmpty else { return nil }
        }
    }
}
