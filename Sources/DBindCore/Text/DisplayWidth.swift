/// How many terminal columns text takes: East Asian wide and fullwidth characters and emoji
/// take two, combining marks and joiners none (the widths `wcwidth` gives, per grapheme cluster,
/// so a ZWJ family or a flag is one two-column picture).
public enum DisplayWidth {
    public static func columns(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return first.value < 0x20 ? 0 : 1 }
        if scalars.contains(where: { $0.value == 0xFE0F || $0.properties.isEmojiPresentation }) { return 2 }
        if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }  // regional indicator (flag halves)
        return columns(scalar: first)
    }

    public static func columns(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += columns(character) }
        return total
    }

    static func columns(scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        return wideRanges.contains { $0.contains(scalar.value) } ? 2 : 1
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks of UAX #11.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18CFF, 0x1B000...0x1B2FF, 0x1F300...0x1F64F,
        0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// `text` cut to at most `limit` columns, ending in `…` when cut.
    public static func truncate(_ text: String, to limit: Int) -> String {
        guard columns(text) > limit else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = columns(character)
            if used + w > limit - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `text` cut in the middle to at most `limit` columns (`start…end`), for names whose ends matter.
    public static func truncateMiddle(_ text: String, to limit: Int) -> String {
        guard columns(text) > limit, limit > 1 else { return text }
        let characters = Array(text)
        var head = "", tail = ""
        var used = 1
        var i = 0, j = characters.count - 1
        var takeHead = true
        while i <= j {
            let c = takeHead ? characters[i] : characters[j]
            let w = columns(c)
            if used + w > limit { break }
            used += w
            if takeHead { head.append(c); i += 1 } else { tail = String(c) + tail; j -= 1 }
            takeHead.toggle()
        }
        return head + "…" + tail
    }

    /// Lines of at most `width` columns, broken at spaces (a word wider than a line is split),
    /// the first line after `lead` and the rest after as many spaces: a hanging indent.
    /// Newlines in `text` start new lines.
    public static func wrap(_ text: String, lead: String, width: Int) -> [String] {
        let indent = String(repeating: " ", count: columns(lead))
        let room = max(10, width - indent.count)
        var lines: [String] = []
        var line = "", used = 0
        func flush() {
            lines.append((lines.isEmpty ? lead : indent) + line)
            line = ""
            used = 0
        }
        for (p, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if p > 0 { flush() }
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var word = Substring(word)
                let w = columns(word)
                if used > 0 && used + 1 + w > room { flush() }
                if used > 0 || (!line.isEmpty) { line += " "; used += 1 }
                // A word longer than a whole line is cut where the line ends.
                while used + columns(word) > room, !word.isEmpty {
                    var piece = "", pieceWidth = 0
                    while let c = word.first, used + pieceWidth + columns(c) <= room {
                        piece.append(c)
                        pieceWidth += columns(c)
                        word = word.dropFirst()
                    }
                    if piece.isEmpty && used == 0, let c = word.first {
                        piece.append(c)
                        word = word.dropFirst()
                    }
                    line += piece
                    used += pieceWidth
                    flush()
                }
                line += word
                used += columns(word)
            }
        }
        flush()
        return lines
    }
}
