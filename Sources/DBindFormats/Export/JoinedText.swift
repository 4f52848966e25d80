import DBindCore

/// A unit's messages as one text (joined by newlines), with spans and tokens moved to their
/// place in it. Span formats give a tool one text per unit; `meta` says where each message
/// starts, so labels made on the text find their way back to messages.
struct JoinedText {
    var text = ""
    /// Offsets in code points.
    var spans: [ExportSpan] = []
    var tokens: [ExportToken] = []
    /// Where each message starts in `text`, in code points.
    var starts: [(id: Snowflake, start: Int)] = []

    init(_ unit: ExportUnit) {
        var offset = 0
        for (i, m) in unit.messages.enumerated() {
            if i > 0 {
                text += "\n"
                offset += 1
            }
            starts.append((m.id, offset))
            text += m.text
            spans += m.spans.map { var s = $0; s.start += offset; s.end += offset; return s }
            tokens += (m.tokens ?? []).map { var t = $0; t.start += offset; t.end += offset; return t }
            offset += m.text.unicodeScalars.count
        }
        spans.sort { ($0.start, $0.end, $0.label) < ($1.start, $1.end, $1.label) }
    }

    /// Whether there is nothing to label: no message has text (attachments only).
    var isBlank: Bool { text.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }

    /// The text between two code-point offsets.
    func slice(_ start: Int, _ end: Int) -> String {
        let scalars = text.unicodeScalars
        let count = scalars.count
        let from = scalars.index(scalars.startIndex, offsetBy: max(0, min(start, count)))
        let to = scalars.index(from, offsetBy: max(0, min(end, count) - max(0, min(start, count))))
        return String(scalars[from..<to])
    }

    /// `meta` of a task: the unit, its channel, the offset unit, and where each message starts.
    func meta(_ u: ExportUnit, offsets: OffsetConverter, into w: inout JSONWriter) {
        w.object { w in
            w.key("unit"); w.string(u.kind.rawValue)
            w.key("id"); w.idString(u.id.rawValue)
            w.key("guild"); w.string(u.guild.name)
            w.key("channel"); w.string(u.channel.name)
            w.key("channel_id"); w.idString(u.channel.id.rawValue)
            w.key("offsets"); w.string(offsets.unit.rawValue)
            w.key("messages"); w.array { w in
                for s in starts {
                    w.object { w in
                        w.key("id"); w.idString(s.id.rawValue)
                        w.key("start"); w.int(offsets(s.start))
                    }
                }
            }
        }
    }
}
