import DBindCore
import DBindStore
import Foundation

/// Plain-text screens of a review session: no colours or cursor moves, so the same text works
/// in a terminal, over ssh, in a pipe and in a log.
struct ReviewRenderer {
    var labelSet: LabelSet
    var annotator: String
    var width = 100

    func screen(_ item: ReviewItem, header: String) -> String {
        var lines: [String] = [rule(header)]
        guard item.exists else {
            lines.append("\(item.level.rawValue) \(item.itemID) is no longer in the store (skip with '.', or undo)")
            return lines.joined(separator: "\n") + "\n"
        }
        switch item.level {
        case .message: lines += messageBlock(item)
        case .span: lines += spanBlock(item)
        case .channel: lines += channelBlock(item)
        case .conversation: lines += conversationBlock(item)
        }
        lines += tagLines(item)
        lines += labelLines(item)
        for note in item.notes.suffix(3) {
            lines.append("note    \(note.annotator): \(note.note ?? "")")
        }
        lines.append(keysLine(item))
        return lines.joined(separator: "\n") + "\n"
    }

    func rule(_ title: String) -> String {
        let head = "── \(title) "
        return head + String(repeating: "─", count: max(3, width - DisplayWidth.columns(head)))
    }

    // MARK: Blocks per level

    /// The message under review first, whole and wrapped, then its neighbours one line each, so
    /// it is on the first screen however long the context.
    private func messageBlock(_ item: ReviewItem) -> [String] {
        var lines: [String] = []
        if let focus = item.focusMessage {
            lines.append(messageHeader(focus, item))
        }
        lines += item.messages.filter { item.focus.contains($0.id) }.map { messageLine($0, marker: "  ▶ ", full: true) }
        lines += contextLines(item)
        return lines
    }

    private func messageHeader(_ focus: Message, _ item: ReviewItem) -> String {
        wrapped("message ", ["\(focus.id)", channelName(item.channel), "\(focus.author.displayName) (\(focus.author.name))",
                             "\(Self.dateTime(focus.timestamp)) UTC"])
    }

    /// The neighbouring messages in time order, the one under review shown as a bare `▶` line.
    private func contextLines(_ item: ReviewItem) -> [String] {
        guard item.messages.contains(where: { !item.focus.contains($0.id) }) else { return [] }
        return ["context"] + item.messages.map { message in
            guard item.focus.contains(message.id) else { return messageLine(message, marker: "    ", full: false) }
            return "  ▶ \(Self.shortTime(message.timestamp))  \(message.author.displayName) (above)"
        }
    }

    private func spanBlock(_ item: ReviewItem) -> [String] {
        var lines: [String] = []
        guard let span = item.spans.first else {
            return ["span \(item.itemID) has no extracted span any more (skip with '.')"] + messageBlock(item)
        }
        let correction = myLabel(item).flatMap { SpanCorrection(value: $0.value) }
        let (start, end) = (correction?.start ?? span.start, correction?.end ?? span.end)
        if let focus = item.focusMessage {
            lines.append(messageHeader(focus, item))
        }
        for message in item.messages where item.focus.contains(message.id) {
            var focused = message
            focused.content = Self.marking(message.content, start: start, end: end)
            lines.append(messageLine(focused, marker: "  ▶ ", full: true))
        }
        for candidate in item.spans {
            var line = "\(candidate.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(candidate.type) \(Self.score(candidate.confidence))"
            line += " · rule \(candidate.rule) · code points \(candidate.start)-\(candidate.end) · \"\(Self.oneLine(candidate.text, limit: 80))\""
            if let value = candidate.value, value != candidate.text { line += " → \(value)" }
            lines.append(line)
        }
        if let correction {
            let text = Self.slice(item.focusMessage?.content ?? "", start: correction.start, end: correction.end)
            lines.append("edited  \(correction.type) · code points \(correction.start)-\(correction.end) · \"\(Self.oneLine(text, limit: 80))\"")
        }
        return lines + contextLines(item)
    }

    private func channelBlock(_ item: ReviewItem) -> [String] {
        guard let channel = item.channel else { return [] }
        var head = "channel #\(channel.name) \(channel.id)"
        if let parent = channel.parentName { head += " · in \(parent)" }
        head += " · \(channel.type)"
        if let count = item.messageCount { head += " · " + Self.counted(count, "message") }
        var lines = [head]
        if let topic = channel.topic, !topic.isEmpty { lines.append("topic   \(Self.oneLine(topic, limit: width - 8))") }
        if !item.messages.isEmpty { lines.append("latest messages:") }
        lines += item.messages.map { messageLine($0, marker: "    ", full: false) }
        return lines
    }

    private func conversationBlock(_ item: ReviewItem) -> [String] {
        guard let conversation = item.conversation else { return [] }
        let people = Set(item.members.map(\.author.id)).count
        var lines = ["conversation \(conversation.id) · \(channelName(item.channel)) · " + Self.counted(conversation.links.count, "message")
                     + " · " + Self.counted(people, "person", plural: "people")]
        lines += item.messages.map { messageLine($0, marker: "  · ", full: false) }
        let numbers = Dictionary(item.members.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        let links = Dictionary(conversation.links.map { ($0.messageID, $0) }, uniquingKeysWith: { a, _ in a })
        for (index, message) in item.members.enumerated() {
            var line = messageLine(message, marker: "[\(index + 1)]".padding(toLength: 5, withPad: " ", startingAt: 0), full: false)
            if let link = links[message.id] {
                var suffix = "   ‹\(link.rule) \(Self.score(link.score))"
                if link.origin == "manual" { suffix += " manual" }
                if let antecedent = link.antecedentID { suffix += numbers[antecedent].map { " ↳[\($0)]" } ?? " ↳\(antecedent)" }
                line += suffix + "›"
            }
            lines.append(line)
        }
        if conversation.links.count > item.members.count {
            lines.append("     … \(conversation.links.count - item.members.count) more messages ('+' shows more)")
        }
        return lines
    }

    // MARK: Tags, labels, keys

    private func tagLines(_ item: ReviewItem) -> [String] {
        let own = item.tags.filter { labelSet.facet != nil && $0.facet == labelSet.facet }
        let other = item.tags.filter { labelSet.facet == nil || $0.facet != labelSet.facet }
        var lines: [String] = []
        if labelSet.facet != nil {
            if own.isEmpty { lines.append("auto    (no \(labelSet.facet ?? "") tags)") }
            for (index, tag) in own.enumerated() {
                let name = labelSet.label(forTag: tag.tag)?.name ?? tag.tag
                let rules = tag.rules.isEmpty ? "" : "  rules: " + tag.rules.joined(separator: ", ")
                lines.append("\(index == 0 ? "auto    " : "        ")\(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(Self.score(tag.confidence))\(rules)")
            }
        }
        if !other.isEmpty {
            lines.append("other   " + Self.oneLine(other.prefix(6).map { "\($0.tag) \(Self.score($0.confidence))" }.joined(separator: " · "), limit: width - 8))
        }
        return lines
    }

    private func labelLines(_ item: ReviewItem) -> [String] {
        var parts: [String] = []
        let mine = myLabel(item)
        parts.append("you: " + (mine.map { display($0.value) } ?? "—"))
        for label in item.labels where label.annotator != annotator {
            parts.append("\(label.annotator): \(display(label.value))")
        }
        var lines = ["labels  " + parts.joined(separator: " · ")]
        if let facet = labelSet.facet {
            let own = item.tags.filter { $0.facet == facet }
            let auto = Store.autoLabels(own, facet: facet, names: Set(labelSet.labels.map(\.name)), multi: labelSet.isMulti)
            for label in item.labels where !own.isEmpty && Set(LabelSet.names(in: label.value)) != auto {
                lines.append("⚠ auto-tagger disagrees with \(label.annotator == annotator ? "you" : label.annotator): auto \(display(LabelSet.value(of: auto))), label \(display(label.value))")
            }
        }
        return lines
    }

    private func keysLine(_ item: ReviewItem) -> String {
        var parts: [String] = []
        switch item.level {
        case .span where labelSet.labels.isEmpty:
            parts = ["y keep", "n not an entity", "type <t>", "span <start> <end>|<text>"]
        case .conversation:
            parts = ["y correct", "n incorrect", "move <n> <conv|new>", "split <n>", "merge <conv>"]
        default:
            parts = labelSet.labels.map { "\($0.key) \($0.name)" }
            if AcceptCommand.acceptable(item, labelSet: labelSet) != nil { parts.append("y accept") }
            parts.append("n " + (labelSet.rejectLabel ?? "none"))
        }
        parts.append("? help")
        return wrapped("keys    ", parts)
    }

    /// `parts` joined by " · " after `lead`, broken into lines that fit the width.
    private func wrapped(_ lead: String, _ parts: [String]) -> String {
        var lines: [String] = []
        var line = lead
        for part in parts {
            let piece = line.count == lead.count ? part : " · " + part
            if DisplayWidth.columns(line) + DisplayWidth.columns(piece) > width, line.count > lead.count {
                lines.append(line)
                line = String(repeating: " ", count: lead.count) + part
            } else {
                line += piece
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    func help() -> String {
        var lines = [rule("help · \(labelSet.name)")]
        if !labelSet.description.isEmpty { lines.append(labelSet.description) }
        for label in labelSet.labels {
            lines.append("  \(label.key)  \(label.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(label.description)")
        }
        if !labelSet.labels.isEmpty {
            lines.append(labelSet.isMulti
                ? "  Several labels: keys in a row (qt) or names separated by spaces; they replace your earlier labels."
                : "  One label per item: its key or its name.")
        }
        lines += [
            "  y | accept        take the auto-tags (or keep the span / confirm the conversation)",
            "  n | reject        \(labelSet.rejectLabel.map { "label it \($0)" } ?? "none of the labels applies (rejects the auto-tags)")",
            "  type <t>          entity spans: correct the type",
            "  span <s> <e>      entity spans: correct the bounds (code points), or span <text> to find it",
            "  move [<n>] <c>    move message n (or this message) to conversation c, or 'new'",
            "  split <n>         message n and those after it start a new conversation",
            "  merge <c>         bring conversation c's messages into this one",
            "  note <text>       attach a note to this item",
            "  . | skip          next item without deciding",
            "  < | back          previous item",
            "  u | undo          undo your last decision (again for the one before)",
            "  /<text>           search forward in this queue; / again continues",
            "  jump <id>         go to an item of this queue's level: message, channel (id or #name), conversation or span",
            "  + | more          show more context",
            "  % | progress      how far you are",
            "  quit              stop; the next session resumes here (end of input quits too)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Pieces

    func myLabel(_ item: ReviewItem) -> CurrentLabel? { item.labels.first { $0.annotator == annotator } }

    func display(_ value: String) -> String {
        if value.isEmpty { return "(none)" }
        return LabelSet.names(in: value).joined(separator: ", ")
    }

    private func channelName(_ channel: Channel?) -> String {
        guard let channel else { return "#?" }
        return "#\(channel.name)"
    }

    private func messageLine(_ message: Message, marker: String, full: Bool) -> String {
        var text = full ? Self.cut(message.content, limit: 1200) : Self.oneLine(message.content, limit: 160)
        var extras: [String] = message.attachments.map { "[\($0.fileName)]" } + message.stickers.map { "[sticker \($0.name)]" }
        extras += message.embeds.prefix(2).map { "[embed \(Self.oneLine($0.title.isEmpty ? ($0.url ?? "") : $0.title, limit: 40))]" }
        if let forwarded = message.forwardedContent { extras.append("[forwarded: \(Self.oneLine(forwarded, limit: 60))]") }
        if message.kind.isSystem { extras.append("[\(message.kind.rawValue)]") }
        if !extras.isEmpty { text += (text.isEmpty ? "" : " ") + extras.joined(separator: " ") }
        let bot = message.author.isBot ? " [bot]" : ""
        let head = "\(marker)\(Self.shortTime(message.timestamp))  \(message.author.displayName)\(bot): "
        guard full else { return head + Self.oneLine(text, limit: max(20, width - DisplayWidth.columns(head))) }
        return DisplayWidth.wrap(text, lead: head, width: width).joined(separator: "\n")
    }

    static func score(_ value: Double) -> String { String(format: "%.2f", value) }

    static func dateTime(_ time: Timestamp) -> String {
        String(time.iso8601UTC.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    static func shortTime(_ time: Timestamp) -> String {
        String(dateTime(time).dropFirst(5))
    }

    /// `1 message`, `2 messages`.
    static func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
    }

    /// `text` on one line of at most `limit` columns.
    static func oneLine(_ text: String, limit: Int) -> String {
        let flat = text.replacingOccurrences(of: "\r\n", with: " ⏎ ").replacingOccurrences(of: "\n", with: " ⏎ ")
        return DisplayWidth.truncate(flat, to: max(1, limit))
    }

    /// `text` cut to `limit` characters, marked when cut.
    static func cut(_ text: String, limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// The text between two code point offsets.
    static func slice(_ text: String, start: Int, end: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        guard start < end, start < scalars.count else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<min(end, scalars.count)])
        return String(view)
    }

    /// The text with `⟦` and `⟧` around the code point range.
    static func marking(_ text: String, start: Int, end: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        let s = min(max(0, start), scalars.count)
        let e = min(max(s, end), scalars.count)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[..<s])
        view.append(contentsOf: "⟦".unicodeScalars)
        view.append(contentsOf: scalars[s..<e])
        view.append(contentsOf: "⟧".unicodeScalars)
        view.append(contentsOf: scalars[e...])
        return String(view)
    }
}
