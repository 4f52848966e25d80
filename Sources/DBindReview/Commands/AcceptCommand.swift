import DBindCore
import DBindStore

/// `y`: the set's accept label, else the labels of the facet's auto-tags, else (entity spans)
/// the span as it stands.
struct AcceptCommand: ReviewCommand {
    func run(in session: ReviewSession) throws -> Bool {
        guard let item = try session.loadCurrent() else { return session.noItem() }
        return try session.decide(item, value: try value(for: item, in: session), action: .accept)
    }

    private func value(for item: ReviewItem, in session: ReviewSession) throws -> String {
        let labelSet = session.labelSet
        if item.level == .span, labelSet.name == BuiltInLabelSets.entitySpan.name {
            guard let base = try session.spanBase(item) else { throw LabelError("no entity span here") }
            return base.value
        }
        guard let value = Self.acceptable(item, labelSet: labelSet) else {
            throw LabelError("nothing to accept: no auto-tag maps to a label of \(labelSet.name); type a label key instead")
        }
        return value
    }

    /// What `y` labels an item with outside entity spans: the labels its auto-tags of the set's
    /// facet map to, else the set's accept label; nil when there is nothing to accept.
    static func acceptable(_ item: ReviewItem, labelSet: LabelSet) -> String? {
        if let facet = labelSet.facet {
            let own = item.tags.filter { $0.facet == facet }
            let auto = Store.autoLabels(own, facet: facet, names: Set(labelSet.labels.map(\.name)), multi: labelSet.isMulti)
            if !auto.isEmpty { return LabelSet.value(of: auto) }
        }
        return labelSet.acceptLabel
    }
}
