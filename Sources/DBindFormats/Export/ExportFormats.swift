import DBindCore

/// The export formats dbind writes, one JSON object per line.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// dbind's own format, described by `schemas/export.schema.json`.
    case native
    /// Prodigy tasks: `text`, `spans`, `tokens`, `meta`, `answer`, `_input_hash`, `_task_hash`.
    case prodigy
    /// doccano sequence labeling: `text` and `label` as `[start, end, label]`.
    case doccano
    /// Label Studio tasks: `data.text`, auto spans as `predictions`, manual labels as `annotations`.
    case labelStudio = "label-studio"
}

/// Writes export units as JSON Lines.
///
/// The span formats (Prodigy, doccano, Label Studio) take one text per task: a unit's messages
/// joined by newlines, with every span shifted to its place in the joined text; `meta` lists
/// where each message starts so labels can be traced back. All offsets are Unicode code points.
public enum ExportEncoder {
    /// Version of the native format, written in every line.
    public static let nativeVersion = 1

    public static func encode(_ unit: ExportUnit, format: ExportFormat, into w: inout JSONWriter) {
        switch format {
        case .native: native(unit, into: &w)
        case .prodigy: prodigy(unit, into: &w)
        case .doccano: doccano(unit, into: &w)
        case .labelStudio: labelStudio(unit, into: &w)
        }
        w.newline()
    }

    // MARK: Native

    static func native(_ u: ExportUnit, into w: inout JSONWriter) {
        w.object { w in
            w.key("format"); w.string("dbind")
            w.key("version"); w.int(nativeVersion)
            w.key("unit"); w.string(u.kind.rawValue)
            w.key("offsets"); w.string("codepoint")
            w.key("id"); w.string(u.id.description)
            w.key("guild"); w.object { w in
                w.key("id"); w.string(u.guild.id.description)
                w.key("name"); w.string(u.guild.name)
            }
            w.key("channel"); w.object { w in
                w.key("id"); w.string(u.channel.id.description)
                w.key("name"); w.string(u.channel.name)
                w.key("parent"); w.string(u.channel.parent)
                w.key("type"); w.string(u.channel.type)
                w.key("kinds"); w.array { w in for k in u.channel.kinds { w.string(k) } }
            }
            w.key("start"); if let start = u.start { w.timestamp(milliseconds: start.milliseconds) } else { w.null() }
            w.key("end"); if let end = u.end { w.timestamp(milliseconds: end.milliseconds) } else { w.null() }
            w.key("participants"); w.array { w in
                for p in u.participants {
                    w.object { w in
                        w.key("id"); w.idString(p.id.rawValue)
                        w.key("name"); w.string(p.name)
                    }
                }
            }
            w.key("messages"); w.array { w in for m in u.messages { message(m, into: &w) } }
            w.key("tags"); tags(u.tags, into: &w)
            w.key("labels"); labels(u.labels, into: &w)
            w.key("effective"); effective(EffectiveValue.resolve(tags: u.tags, labels: u.labels), into: &w)
        }
    }

    static func message(_ m: ExportMessage, into w: inout JSONWriter) {
        w.object { w in
            w.key("id"); w.idString(m.id.rawValue)
            w.key("author"); w.object { w in
                w.key("id"); w.idString(m.authorID.rawValue)
                w.key("name"); w.string(m.authorName)
                w.key("bot"); w.bool(m.authorIsBot)
            }
            w.key("time"); w.timestamp(milliseconds: m.time.milliseconds)
            w.key("edited"); if let edited = m.edited { w.timestamp(milliseconds: edited.milliseconds) } else { w.null() }
            w.key("reply_to"); if let reply = m.replyTo { w.idString(reply.rawValue) } else { w.null() }
            w.key("text"); w.string(m.text)
            if let tokens = m.tokens {
                w.key("tokens"); w.array { w in
                    for t in tokens {
                        w.object { w in
                            w.key("text"); w.string(t.text)
                            w.key("kind"); w.string(t.kind)
                            w.key("start"); w.int(t.start)
                            w.key("end"); w.int(t.end)
                        }
                    }
                }
            }
            w.key("spans"); w.array { w in
                for s in m.spans {
                    w.object { w in
                        w.key("start"); w.int(s.start)
                        w.key("end"); w.int(s.end)
                        w.key("text"); w.string(s.text)
                        w.key("kind"); w.string(s.kind)
                        w.key("type"); w.string(s.type)
                        w.key("rule"); w.string(s.rule)
                        w.key("confidence"); w.number(s.confidence)
                        w.key("value"); w.string(s.value)
                    }
                }
            }
            w.key("tags"); tags(m.tags, into: &w)
            w.key("labels"); labels(m.labels, into: &w)
            w.key("effective"); effective(EffectiveValue.resolve(tags: m.tags, labels: m.labels), into: &w)
        }
    }

    static func tags(_ tags: [ExportTag], into w: inout JSONWriter) {
        w.array { w in
            for t in tags {
                w.object { w in
                    w.key("tag"); w.string(t.tag)
                    w.key("facet"); w.string(t.facet)
                    w.key("source"); w.string("auto")
                    w.key("confidence"); w.number(t.confidence)
                    w.key("rules"); w.array { w in for r in t.rules { w.string(r) } }
                    w.key("schema"); w.string(t.schema)
                    w.key("schema_version"); w.string(t.schemaVersion)
                }
            }
        }
    }

    static func labels(_ labels: [ExportLabel], into w: inout JSONWriter) {
        w.array { w in
            for l in labels {
                w.object { w in
                    w.key("label_set"); w.string(l.labelSet)
                    w.key("facet"); w.string(l.facet)
                    w.key("value"); w.string(l.value)
                    w.key("source"); w.string("manual")
                    w.key("annotator"); w.string(l.annotator)
                    w.key("time"); w.timestamp(milliseconds: l.time.milliseconds)
                }
            }
        }
    }

    static func effective(_ values: [EffectiveValue], into w: inout JSONWriter) {
        w.array { w in
            for v in values {
                w.object { w in
                    w.key("facet"); w.string(v.facet)
                    w.key("values"); w.array { w in for x in v.values { w.string(x) } }
                    w.key("source"); w.string(v.source)
                }
            }
        }
    }

    // MARK: Span formats

    /// A unit's messages as one text, with spans and tokens moved to joined-text offsets.
    struct JoinedText {
        var text = ""
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
    }

    static func meta(_ u: ExportUnit, _ joined: JoinedText, into w: inout JSONWriter) {
        w.object { w in
            w.key("unit"); w.string(u.kind.rawValue)
            w.key("id"); w.string(u.id.description)
            w.key("guild"); w.string(u.guild.name)
            w.key("channel"); w.string(u.channel.name)
            w.key("channel_id"); w.string(u.channel.id.description)
            w.key("messages"); w.array { w in
                for s in joined.starts {
                    w.object { w in
                        w.key("id"); w.string(s.id.description)
                        w.key("start"); w.int(s.start)
                    }
                }
            }
        }
    }

    static func prodigy(_ u: ExportUnit, into w: inout JSONWriter) {
        let joined = JoinedText(u)
        let spanKey = joined.spans.map { "\($0.start):\($0.end):\($0.label)" }.joined(separator: ",")
        w.object { w in
            w.key("text"); w.string(joined.text)
            w.key("spans"); w.array { w in
                for s in joined.spans {
                    w.object { w in
                        w.key("start"); w.int(s.start)
                        w.key("end"); w.int(s.end)
                        w.key("label"); w.string(s.label)
                        if let range = tokenRange(of: s, in: joined.tokens) {
                            w.key("token_start"); w.int(range.lowerBound)
                            w.key("token_end"); w.int(range.upperBound)
                        }
                    }
                }
            }
            if !joined.tokens.isEmpty {
                w.key("tokens"); w.array { w in
                    for (i, t) in joined.tokens.enumerated() {
                        let next = i + 1 < joined.tokens.count ? joined.tokens[i + 1].start : Int.max
                        w.object { w in
                            w.key("text"); w.string(t.text)
                            w.key("start"); w.int(t.start)
                            w.key("end"); w.int(t.end)
                            w.key("id"); w.int(i)
                            w.key("ws"); w.bool(next > t.end)
                        }
                    }
                }
            }
            w.key("meta"); meta(u, joined, into: &w)
            w.key("answer"); w.string("accept")
            w.key("_input_hash"); w.int(Int(StableHash.int32(joined.text)))
            w.key("_task_hash"); w.int(Int(StableHash.int32(joined.text + "\u{1F}" + spanKey)))
        }
    }

    /// Index of the first and last token inside a span, as Prodigy expects.
    static func tokenRange(of span: ExportSpan, in tokens: [ExportToken]) -> ClosedRange<Int>? {
        guard let first = tokens.firstIndex(where: { $0.start >= span.start && $0.end <= span.end }),
              let last = tokens.lastIndex(where: { $0.start >= span.start && $0.end <= span.end }) else { return nil }
        return first...last
    }

    static func doccano(_ u: ExportUnit, into w: inout JSONWriter) {
        let joined = JoinedText(u)
        w.object { w in
            w.key("id"); w.string(u.id.description)
            w.key("text"); w.string(joined.text)
            w.key("label"); w.array { w in
                for s in joined.spans {
                    w.array { w in
                        w.int(s.start)
                        w.int(s.end)
                        w.string(s.label)
                    }
                }
            }
            w.key("meta"); meta(u, joined, into: &w)
        }
    }

    static func labelStudio(_ u: ExportUnit, into w: inout JSONWriter) {
        let joined = JoinedText(u)
        let chars = Array(joined.text.unicodeScalars)
        func slice(_ s: ExportSpan) -> String {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: chars[max(0, s.start)..<min(chars.count, s.end)])
            return String(text)
        }
        w.object { w in
            w.key("id"); w.string(u.id.description)
            w.key("data"); w.object { w in
                w.key("text"); w.string(joined.text)
                w.key("meta"); meta(u, joined, into: &w)
            }
            w.key("predictions"); w.array { w in
                w.object { w in
                    w.key("model_version"); w.string("dbind-rules")
                    w.key("score"); w.number(joined.spans.map(\.confidence).min() ?? 1)
                    w.key("result"); w.array { w in
                        for (i, s) in joined.spans.enumerated() {
                            w.object { w in
                                w.key("id"); w.string("s\(i)")
                                w.key("from_name"); w.string("label")
                                w.key("to_name"); w.string("text")
                                w.key("type"); w.string("labels")
                                w.key("score"); w.number(s.confidence)
                                w.key("value"); w.object { w in
                                    w.key("start"); w.int(s.start)
                                    w.key("end"); w.int(s.end)
                                    w.key("text"); w.string(slice(s))
                                    w.key("labels"); w.array { w in w.string(s.label) }
                                }
                            }
                        }
                    }
                }
            }
            let manual = u.labels + u.messages.flatMap(\.labels)
            w.key("annotations"); w.array { w in
                if !manual.isEmpty {
                    w.object { w in
                        w.key("result"); w.array { w in
                            for (i, l) in manual.enumerated() {
                                w.object { w in
                                    w.key("id"); w.string("l\(i)")
                                    w.key("from_name"); w.string(l.labelSet)
                                    w.key("to_name"); w.string("text")
                                    w.key("type"); w.string("choices")
                                    w.key("value"); w.object { w in
                                        w.key("choices"); w.array { w in w.string(l.value) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A 32-bit FNV-1a hash of UTF-8 text as a signed integer: stable across runs and machines,
/// used for Prodigy's `_input_hash` / `_task_hash` and to match imported labels by text.
public enum StableHash {
    public static func int32(_ text: String) -> Int32 {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int32(bitPattern: hash)
    }
}
