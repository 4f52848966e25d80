import DBindCore

/// Label Studio tasks: `data.text` and `data.meta`, auto spans as one prediction (`labels`
/// regions of the `label` control), the unit's manual labels as one annotation per annotator
/// (`choices` of a control named after the label set). Label Studio counts offsets in code
/// points, the default here. The run remembers what it wrote, so `labelConfig` can name every
/// control the tasks use.
public struct LabelStudioEncoder: SpanTaskEncoder {
    var offsets: OffsetUnit
    var includeEmpty: Bool
    /// Span labels written, for the `<Labels>` control.
    private(set) var spanLabels = Set<String>()
    /// Values written per label set, for the `<Choices>` controls.
    private(set) var choices: [String: Set<String>] = [:]

    init(offsets: OffsetUnit, includeEmpty: Bool) {
        self.offsets = offsets
        self.includeEmpty = includeEmpty
    }

    /// The labels a Label Studio annotation of this unit holds: the unit's own, or a message unit's.
    static func manualLabels(_ u: ExportUnit) -> [ExportLabel] {
        u.kind == .message ? u.labels + u.messages.flatMap(\.labels) : u.labels
    }

    public mutating func encode(_ u: ExportUnit, into w: inout JSONWriter) -> Bool {
        guard let (joined, at) = task(u) else { return false }
        for s in joined.spans { spanLabels.insert(s.label) }
        // The newest label per annotator and set: what that person's annotation says now.
        var byAnnotator: [String: [String: ExportLabel]] = [:]
        for l in Self.manualLabels(u) {
            if let current = byAnnotator[l.annotator]?[l.labelSet], current.time > l.time { continue }
            byAnnotator[l.annotator, default: [:]][l.labelSet] = l
        }
        w.object { w in
            w.key("id"); w.idString(u.id.rawValue)
            w.key("data"); w.object { w in
                w.key("text"); w.string(joined.text)
                w.key("meta"); joined.meta(u, offsets: at, into: &w)
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
                                    w.key("start"); w.int(at(s.start))
                                    w.key("end"); w.int(at(s.end))
                                    w.key("text"); w.string(joined.slice(s.start, s.end))
                                    w.key("labels"); w.array { w in w.string(s.label) }
                                }
                            }
                        }
                    }
                }
            }
            w.key("annotations"); w.array { w in
                for annotator in byAnnotator.keys.sorted() {
                    let labels = byAnnotator[annotator, default: [:]].values.sorted { $0.labelSet < $1.labelSet }
                    w.object { w in
                        w.key("completed_by"); w.object { w in
                            w.key("email"); w.string(annotator)
                        }
                        w.key("result"); w.array { w in
                            for (i, l) in labels.enumerated() {
                                let values = LabelSet.names(in: l.value)
                                choices[l.labelSet, default: []].formUnion(values)
                                w.object { w in
                                    w.key("id"); w.string("l\(i)")
                                    w.key("from_name"); w.string(l.labelSet)
                                    w.key("to_name"); w.string("text")
                                    w.key("type"); w.string("choices")
                                    w.key("value"); w.object { w in
                                        w.key("choices"); w.array { w in for v in values { w.string(v) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        w.newline()
        return true
    }

    /// The labeling config for the tasks written so far: the text, a `<Labels>` control with
    /// every span label, and a `<Choices>` control per label set (all of a known set's labels,
    /// else the values seen).
    public func labelConfig(labelSets: [LabelSet], level: ItemLevel) -> String {
        var known: [String: LabelSet] = [:]
        for set in labelSets where set.level == level && !set.labels.isEmpty { known[set.name] = set }
        var xml = "<View>\n  <Text name=\"text\" value=\"$text\"/>\n"
        xml += "  <Labels name=\"label\" toName=\"text\">\n"
        for label in spanLabels.union(["QUESTION"]).sorted() { xml += "    <Label value=\"\(escape(label))\"/>\n" }
        xml += "  </Labels>\n"
        for name in Set(known.keys).union(choices.keys).sorted() {
            let set = known[name]
            let values = (set?.labels.map(\.name) ?? []) + (choices[name] ?? []).subtracting(set?.labels.map(\.name) ?? []).sorted()
            let mode = set?.isMulti == false ? "single" : "multiple"
            xml += "  <Header value=\"\(escape(name))\"/>\n"
            xml += "  <Choices name=\"\(escape(name))\" toName=\"text\" choice=\"\(mode)\" showInline=\"true\">\n"
            for value in values { xml += "    <Choice value=\"\(escape(value))\"/>\n" }
            xml += "  </Choices>\n"
        }
        return xml + "</View>\n"
    }
}
