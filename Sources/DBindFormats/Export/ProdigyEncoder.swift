import DBindCore

/// Prodigy tasks (`ner` / `spans` recipes): `text`, `spans` with inclusive `token_start` and
/// `token_end`, spaCy-aligned `tokens` when tokens were asked for, `meta`, `answer` and hashes.
/// Offsets count code points, as Python strings do, unless told otherwise.
struct ProdigyEncoder: SpanTaskEncoder {
    var offsets: OffsetUnit
    var includeEmpty: Bool

    mutating func encode(_ u: ExportUnit, into w: inout JSONWriter) -> Bool {
        guard let (joined, at) = task(u) else { return false }
        let withTokens = u.messages.contains { $0.tokens != nil }
        let tokens = withTokens ? SpacyTokens.align(text: joined.text, tokens: joined.tokens, spans: joined.spans) : []
        let spanKey = joined.spans.map { "\($0.start):\($0.end):\($0.label)" }.joined(separator: ",")
        w.object { w in
            w.key("text"); w.string(joined.text)
            w.key("spans"); w.array { w in
                for s in joined.spans {
                    w.object { w in
                        w.key("start"); w.int(at(s.start))
                        w.key("end"); w.int(at(s.end))
                        w.key("label"); w.string(s.label)
                        if let first = tokens.firstIndex(where: { $0.start == s.start }),
                           let last = tokens.lastIndex(where: { $0.end == s.end }), first <= last {
                            w.key("token_start"); w.int(first)
                            w.key("token_end"); w.int(last)
                        }
                    }
                }
            }
            if withTokens {
                w.key("tokens"); w.array { w in
                    for (i, t) in tokens.enumerated() {
                        w.object { w in
                            w.key("text"); w.string(t.text)
                            w.key("start"); w.int(at(t.start))
                            w.key("end"); w.int(at(t.end))
                            w.key("id"); w.int(i)
                            w.key("ws"); w.bool(t.ws)
                        }
                    }
                }
            }
            w.key("meta"); joined.meta(u, offsets: at, into: &w)
            w.key("_input_hash"); w.int(Int(StableHash.int32(joined.text)))
            w.key("_task_hash"); w.int(Int(StableHash.int32(joined.text + "\u{1F}" + spanKey)))
        }
        w.newline()
        return true
    }
}
