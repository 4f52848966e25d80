import DBindCore

/// dbind's own format (`schemas/export.schema.json`): every field of a unit, offsets in code points.
public struct NativeEncoder: UnitEncoder {
    /// Version of the native format, written in every line.
    public static let version = 1

    public init() {}

    public mutating func encode(_ u: ExportUnit, into w: inout JSONWriter) -> Bool {
        w.object { w in
            w.key("format"); w.string("dbind")
            w.key("version"); w.int(Self.version)
            w.key("unit"); w.string(u.kind.rawValue)
            w.key("offsets"); w.string("codepoint")
            w.key("id"); w.idString(u.id.rawValue)
            w.key("guild"); w.object { w in
                w.key("id"); w.idString(u.guild.id.rawValue)
                w.key("name"); w.string(u.guild.name)
            }
            w.key("channel"); w.object { w in
                w.key("id"); w.idString(u.channel.id.rawValue)
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
            w.key("messages"); w.array { w in for m in u.messages { Self.message(m, into: &w) } }
            w.key("tags"); Self.tags(u.tags, into: &w)
            w.key("labels"); Self.labels(u.labels, into: &w)
            w.key("effective"); Self.effective(EffectiveValue.resolve(tags: u.tags, labels: u.labels), into: &w)
        }
        w.newline()
        return true
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
                        w.key("kind"); w.string(s.kind.rawValue)
                        w.key("type"); w.string(s.type)
                        w.key("rule"); w.string(s.rule)
                        w.key("confidence"); w.number(s.confidence)
                        w.key("value"); w.string(s.value)
                        if let verdict = s.verdict { w.key("verdict"); w.string(verdict) }
                    }
                }
            }
            w.key("tags"); Self.tags(m.tags, into: &w)
            w.key("labels"); Self.labels(m.labels, into: &w)
            w.key("effective"); Self.effective(EffectiveValue.resolve(tags: m.tags, labels: m.labels), into: &w)
            if !m.spanLabels.isEmpty {
                w.key("span_labels"); w.array { w in
                    for l in m.spanLabels {
                        w.object { w in
                            w.key("start"); w.int(l.start)
                            w.key("end"); w.int(l.end)
                            w.key("label_set"); w.string(l.labelSet)
                            w.key("value"); w.string(l.value)
                            w.key("annotator"); w.string(l.annotator)
                            w.key("time"); w.timestamp(milliseconds: l.time.milliseconds)
                        }
                    }
                }
            }
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
                    w.key("source"); w.string(v.source.rawValue)
                }
            }
        }
    }
}
