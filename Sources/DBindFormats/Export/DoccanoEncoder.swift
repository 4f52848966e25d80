import DBindCore

/// doccano sequence labeling: `text` and `label` as `[start, end, label]`. doccano's editor
/// counts offsets in UTF-16 code units (JavaScript string indices), the default here.
struct DoccanoEncoder: SpanTaskEncoder {
    var offsets: OffsetUnit
    var includeEmpty: Bool

    mutating func encode(_ u: ExportUnit, into w: inout JSONWriter) -> Bool {
        guard let (joined, at) = task(u) else { return false }
        w.object { w in
            w.key("id"); w.idString(u.id.rawValue)
            w.key("text"); w.string(joined.text)
            w.key("label"); w.array { w in
                for s in joined.spans {
                    w.array { w in
                        w.int(at(s.start))
                        w.int(at(s.end))
                        w.string(s.label)
                    }
                }
            }
            w.key("meta"); joined.meta(u, offsets: at, into: &w)
        }
        w.newline()
        return true
    }
}
