import DBindCore

/// Tokens as spaCy's `Doc(vocab, words, spaces)` holds them, so a Prodigy task's text is rebuilt
/// exactly from its tokens and every span lines up with whole tokens.
///
/// spaCy keeps one following U+0020 space as a token's `whitespace_` (`ws: true`); any other
/// whitespace — newlines, tabs, a second space, whitespace at the start — is a token of its own,
/// one per run. dbind's tokenizer leaves whitespace out, so the gaps between its tokens become
/// spaCy's whitespace tokens here, and tokens are cut where a span starts or ends inside one.
struct SpacyToken: Equatable {
    var text: String
    /// Code-point offsets into the task text.
    var start: Int
    var end: Int
    var ws: Bool
}

enum SpacyTokens {
    static func align(text: String, tokens: [ExportToken], spans: [ExportSpan]) -> [SpacyToken] {
        let scalars = Array(text.unicodeScalars)
        let count = scalars.count
        // Cut points: every token edge and every span edge.
        var cuts = Set<Int>()
        for t in tokens {
            cuts.insert(t.start)
            cuts.insert(t.end)
        }
        for s in spans {
            cuts.insert(s.start)
            cuts.insert(s.end)
        }
        cuts.insert(0)
        cuts.insert(count)
        let edges = cuts.filter { $0 >= 0 && $0 <= count }.sorted()

        func string(_ start: Int, _ end: Int) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            return String(view)
        }
        func isSpace(_ i: Int) -> Bool { scalars[i].properties.isWhitespace }

        var out: [SpacyToken] = []
        // Each piece between cut points is split into runs of whitespace and of other text.
        for (start, end) in zip(edges, edges.dropFirst()) where start < end {
            var i = start
            while i < end {
                let space = isSpace(i)
                var j = i + 1
                while j < end && isSpace(j) == space { j += 1 }
                if space {
                    var runStart = i
                    // One plain space right after a token is that token's trailing whitespace.
                    if scalars[i] == " ", let last = out.indices.last, !out[last].ws, out[last].end == i,
                       !isSpace(out[last].end - 1) {
                        out[last].ws = true
                        runStart += 1
                    }
                    if runStart < j {
                        // Whitespace runs cut apart by an edge join again: spaCy sees one run.
                        if let last = out.indices.last, out[last].end == runStart, !out[last].ws,
                           out[last].text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                            out[last].text += string(runStart, j)
                            out[last].end = j
                        } else {
                            out.append(SpacyToken(text: string(runStart, j), start: runStart, end: j, ws: false))
                        }
                    }
                } else {
                    out.append(SpacyToken(text: string(i, j), start: i, end: j, ws: false))
                }
                i = j
            }
        }
        return out
    }
}
