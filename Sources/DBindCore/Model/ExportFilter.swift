/// Which units and which parts of them an export keeps.
public struct ExportFilter: Sendable {
    /// Keep units carrying one of these effective tags (a facet, or a tag path and its children).
    public var tags: [String] = []
    /// Keep units with one of these manual labels (`value` or `label-set:value`); a label that
    /// chose several names matches each of them, and all of them as stored (`a,b`).
    public var labels: [String] = []
    /// Keep messages at or after this time.
    public var since: Timestamp?
    /// Keep messages before this time.
    public var until: Timestamp?
    /// Keep only units where a person labeled the unit or one of its messages, or judged one of
    /// its spans.
    public var onlyLabeled = false
    /// Drop auto-tags and spans below this confidence, the channel's kind tags included.
    public var minConfidence: Double?

    public init() {}

    /// The unit as filtered, or nil when it is left out.
    public func apply(_ unit: ExportUnit) -> ExportUnit? {
        var unit = unit
        if since != nil || until != nil {
            unit.messages.removeAll { m in
                (since.map { m.time < $0 } ?? false) || (until.map { m.time >= $0 } ?? false)
            }
            if unit.messages.isEmpty { return nil }
        }
        if let minimum = minConfidence {
            unit.channel.dropTags(below: minimum)
            unit.tags.removeAll { $0.confidence < minimum }
            for i in unit.messages.indices {
                unit.messages[i].tags.removeAll { $0.confidence < minimum }
                unit.messages[i].spans.removeAll { $0.confidence < minimum }
            }
        }
        let allLabels = unit.labels + unit.messages.flatMap(\.labels)
        if onlyLabeled && allLabels.isEmpty && unit.messages.allSatisfy(\.spanLabels.isEmpty) { return nil }
        if !labels.isEmpty {
            let matches = allLabels.contains { label in
                ([label.value] + LabelSet.names(in: label.value)).contains { name in
                    labels.contains { $0 == name || $0 == "\(label.labelSet):\(name)" }
                }
            }
            if !matches { return nil }
        }
        if !tags.isEmpty {
            var effective = unit.channel.kinds
            effective += EffectiveValue.resolve(tags: unit.tags, labels: unit.labels).flatMap(\.values)
            for m in unit.messages {
                effective += EffectiveValue.resolve(tags: m.tags, labels: m.labels).flatMap(\.values)
            }
            let matches = effective.contains { value in
                tags.contains { value == $0 || value.hasPrefix($0 + "/") }
            }
            if !matches { return nil }
        }
        return unit
    }
}
