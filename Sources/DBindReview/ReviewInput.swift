import Foundation
import DBindCore

/// One line typed (or piped) into a review session, understood.
enum ReviewInput: Equatable {
    case accept
    case reject
    /// Label names of the session's set, already checked against it.
    case labels([String])
    case type(String)
    case spanRange(start: Int, end: Int)
    case spanText(String)
    /// Move message number `message` (as shown; nil: the item's own message) to a conversation (nil: a new one).
    case move(message: Int?, to: Int64?)
    case split(message: Int)
    case merge(Int64)
    case note(String)
    case skip
    case back
    case undo
    case search(String)
    case jump(String)
    case more
    case progress
    case help
    case quit
    case nothing

    /// Parses a line against the label set in use; errors are one-line messages for the reviewer.
    static func parse(_ line: String, labelSet: LabelSet) throws(ReviewInputError) -> ReviewInput {
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .nothing }
        if text.hasPrefix("/") {
            // `/` alone continues the last search.
            return .search(String(text.dropFirst()).trimmingCharacters(in: .whitespaces))
        }
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let command = words[0].lowercased()
        let rest = text.dropFirst(words[0].count).trimmingCharacters(in: .whitespaces)
        switch command {
        case "y", "accept": return try noArguments(.accept, words)
        case "n", "reject", "none": return try noArguments(.reject, words)
        case ".", "skip": return try noArguments(.skip, words)
        case "<", "back": return try noArguments(.back, words)
        case "u", "undo": return try noArguments(.undo, words)
        case "+", "more": return try noArguments(.more, words)
        case "%", "progress": return try noArguments(.progress, words)
        case "?", "help": return .help
        case "quit", "exit": return .quit
        case "note":
            guard !rest.isEmpty else { throw ReviewInputError("note needs text: note <text>") }
            return .note(rest)
        case "search":
            guard !rest.isEmpty else { throw ReviewInputError("search needs text: search <words>") }
            return .search(rest)
        case "jump":
            guard words.count == 2 else { throw ReviewInputError("jump needs one id: jump <message, channel, conversation or span id>") }
            return .jump(words[1])
        case "type":
            guard words.count == 2 else { throw ReviewInputError("type needs one entity type: type <name>") }
            return .type(words[1])
        case "span":
            if words.count == 3, let start = Int(words[1]), let end = Int(words[2]) {
                guard start >= 0, end > start else { throw ReviewInputError("span needs start < end (code points)") }
                return .spanRange(start: start, end: end)
            }
            guard !rest.isEmpty else { throw ReviewInputError("span needs a range or text: span <start> <end> | span <text>") }
            return .spanText(unquoted(rest))
        case "move":
            switch words.count {
            case 2: return .move(message: nil, to: try conversationTarget(words[1]))
            case 3:
                guard let number = Int(words[1]), number >= 1 else { throw ReviewInputError("move: '\(words[1])' is not a message number") }
                return .move(message: number, to: try conversationTarget(words[2]))
            default: throw ReviewInputError("move [<message number>] <conversation|new>")
            }
        case "split":
            guard words.count == 2, let number = Int(words[1]), number >= 1 else {
                throw ReviewInputError("split <message number>: that message and the ones after it start a new conversation")
            }
            return .split(message: number)
        case "merge":
            guard words.count == 2, let id = Int64(words[1]) else { throw ReviewInputError("merge <conversation id>: the id shown after `conversation` in its header") }
            return .merge(id)
        default:
            return .labels(try labels(in: words, labelSet: labelSet))
        }
    }

    private static func conversationTarget(_ word: String) throws(ReviewInputError) -> Int64? {
        if word == "new" { return nil }
        guard let id = Int64(word) else { throw ReviewInputError("move: '\(word)' is not a conversation id (or 'new')") }
        return id
    }

    private static func noArguments(_ input: ReviewInput, _ words: [String]) throws(ReviewInputError) -> ReviewInput {
        guard words.count == 1 else { throw ReviewInputError("'\(words[0])' takes no arguments") }
        return input
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// Label names from words: full names, or runs of one-key shortcuts (`qt` = question + thanks).
    private static func labels(in words: [String], labelSet: LabelSet) throws(ReviewInputError) -> [String] {
        guard !labelSet.labels.isEmpty else {
            throw ReviewInputError("unknown command '\(words[0])' (? for help)")
        }
        var names: [String] = []
        for word in words.flatMap({ $0.split(separator: ",").map(String.init) }) {
            if let label = labelSet.label(named: word.lowercased()) {
                names.append(label.name)
                continue
            }
            for character in word {
                guard let label = labelSet.label(forKey: character) else {
                    throw ReviewInputError("unknown label or command '\(word)' (? for help)")
                }
                names.append(label.name)
            }
        }
        if !labelSet.isMulti && Set(names).count > 1 {
            throw ReviewInputError("\(labelSet.name) takes one label; got \(names.joined(separator: ", "))")
        }
        return names
    }
}

/// A line the session could not understand, explained in one line.
struct ReviewInputError: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}
