import DBindCore
import Foundation

/// One gold item: a text (read from the shared data by file and line, or given inline) with
/// its labels. Offsets are code points into `text`.
public struct GoldItem: Sendable {
    /// The data file relative to the data root, or nil for inline texts.
    public var file: String?
    /// 0-based line number in `file`.
    public var line: Int?
    public var text: String
    /// Whether the text contains a question; nil when not labelled.
    public var question: Bool?
    /// The kind of the first question sentence, when labelled.
    public var questionKind: QuestionKind?
    /// Entity spans; nil when not labelled.
    public var entities: [LabeledSpan]?
    /// Expected tokens (texts), for tokenizer gold; nil when not labelled.
    public var tokens: [String]?
    /// Speaker names of the source file (its members), for building a gazetteer.
    public var speakers: [String]
    /// Role and channel names of the item's guild (`"roles"`, `"channels"`), for the gazetteer.
    public var roles: [String] = []
    public var channels: [String] = []
    /// 1-based line of the gold file, for messages.
    public var goldLine: Int
}

/// Reads gold JSONL files and resolves `{"file", "line"}` references against the data root.
///
/// Supported sources: Ubuntu IRC `*.raw.txt` (`[HH:MM] <nick> text`, the text after the nick)
/// and DISCO `*.xml.out` (the content of a `<text>` line, XML entities decoded). Inline items
/// carry `"text"` themselves.
public enum GoldSetLoader {
    public static func load(path: String, dataRoot: String) throws -> [GoldItem] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(file: path, line: 0, "cannot read gold file")
        }
        var cache: [String: (lines: [String], speakers: [String])] = [:]
        var items: [GoldItem] = []
        var lineNumber = 0
        for rawLine in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let fail = { (message: String) in FormatError(file: path, line: lineNumber, message) }
            guard let object = (try? JSONDecoder().decode(JSONValue.self, from: Data(trimmed.utf8))), case .object(let fields) = object else {
                throw fail("expected a JSON object")
            }
            var item = GoldItem(file: nil, line: nil, text: "", question: nil, questionKind: nil, entities: nil, tokens: nil, speakers: [], goldLine: lineNumber)
            if case .string(let text)? = fields["text"] {
                item.text = text
            } else if case .string(let file)? = fields["file"], case .number(let line)? = fields["line"] {
                let source = try cache[file] ?? readSource(file, dataRoot: dataRoot, fail: fail)
                cache[file] = source
                let index = Int(line)
                guard index >= 0, index < source.lines.count else { throw fail("\(file) has no line \(index)") }
                guard let text = messageText(source.lines[index], file: file) else {
                    throw fail("\(file) line \(index) is not a message line")
                }
                item.file = file
                item.line = index
                item.text = text
                item.speakers = source.speakers
            } else {
                throw fail("needs \"text\", or \"file\" and \"line\"")
            }
            if case .bool(let question)? = fields["question"] { item.question = question }
            if case .string(let kind)? = fields["question_kind"] {
                guard let known = QuestionKind(rawValue: kind) else { throw fail("unknown question_kind \"\(kind)\"") }
                item.questionKind = known
            }
            for (key, path) in [("members", \GoldItem.speakers), ("roles", \GoldItem.roles), ("channels", \GoldItem.channels)] {
                guard let value = fields[key] else { continue }
                guard case .array(let names) = value else { throw fail("\"\(key)\" must be a list of names") }
                item[keyPath: path] += try names.map {
                    guard case .string(let name) = $0 else { throw fail("\"\(key)\" must be a list of names") }
                    return name
                }
            }
            if case .array(let spans)? = fields["entities"] {
                let length = item.text.unicodeScalars.count
                item.entities = try spans.map { span in
                    guard case .array(let parts) = span, parts.count == 3, case .number(let start) = parts[0],
                          case .number(let end) = parts[1], case .string(let type) = parts[2],
                          start >= 0, end > start, Int(end) <= length else {
                        throw fail("entity \(span) must be [start, end, TYPE] inside the text (length \(length))")
                    }
                    return LabeledSpan(start: Int(start), end: Int(end), type: type)
                }
            }
            if case .array(let tokens)? = fields["tokens"] {
                item.tokens = try tokens.map {
                    guard case .string(let token) = $0 else { throw fail("tokens must be strings") }
                    return token
                }
            }
            items.append(item)
        }
        return items
    }

    private static func readSource(_ file: String, dataRoot: String, fail: (String) -> FormatError) throws -> (lines: [String], speakers: [String]) {
        let path = URL(fileURLWithPath: dataRoot).appendingPathComponent(file).path
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot read \(path)") }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var speakers = Set<String>()
        if file.hasSuffix(".raw.txt") {
            for line in lines { if let (nick, _) = ircMessage(line) { speakers.insert(nick) } }
        }
        return (lines, speakers.sorted())
    }

    /// The message text of a data line, or nil when the line is not a message.
    public static func messageText(_ line: String, file: String) -> String? {
        if file.hasSuffix(".raw.txt") { return ircMessage(line)?.text }
        if file.hasSuffix(".xml.out") || file.hasSuffix(".xml") {
            guard let open = line.range(of: "<text>"), let close = line.range(of: "</text>", options: .backwards),
                  open.upperBound <= close.lowerBound else { return nil }
            return xmlUnescape(String(line[open.upperBound..<close.lowerBound]))
        }
        return nil
    }

    /// `[HH:MM] <nick> text` → (nick, text).
    static func ircMessage(_ line: String) -> (nick: String, text: String)? {
        guard line.hasPrefix("["), let close = line.range(of: "] <") else { return nil }
        let rest = line[close.upperBound...]
        guard let nickEnd = rest.range(of: "> ") ?? (rest.hasSuffix(">") ? rest.range(of: ">", options: .backwards) : nil) else { return nil }
        return (String(rest[..<nickEnd.lowerBound]), String(rest[nickEnd.upperBound...]))
    }

    static func xmlUnescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension GoldItem {
    /// A gazetteer of the item's guild: speakers as members (ids are their 1-based positions),
    /// plus its roles and channels.
    public var gazetteer: Gazetteer {
        let authors = speakers.enumerated().map { Author(id: Snowflake(UInt64($0.offset + 1)), name: $0.element) }
        let roleList = roles.enumerated().map { Role(id: Snowflake(UInt64(100_000 + $0.offset)), name: $0.element) }
        let channelList = channels.enumerated().map {
            Channel(id: Snowflake(UInt64(200_000 + $0.offset)), guildID: Snowflake(1), type: "GuildTextChat", name: $0.element)
        }
        return Gazetteer(authors: authors, roles: roleList, channels: channelList)
    }
}
