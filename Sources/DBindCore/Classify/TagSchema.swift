import OrderedCollections

/// A composed, validated tag schema: what the classifier runs and what `explain` shows.
public struct TagSchema: Sendable {
    public var name: String
    public var version: String
    public var description: String?
    /// `name@version` of every schema composed into this one, parents first, this one last.
    public var lineage: [String]
    public var settings: ClassifierSettings
    /// Named term lists, after merging parents' and this schema's declarations.
    public var gazetteers: OrderedDictionary<String, [String]>
    public var facets: OrderedDictionary<String, FacetDefinition>
    public var tags: OrderedDictionary<String, TagDefinition>

    public init(name: String, version: String, description: String? = nil, lineage: [String] = [],
                settings: ClassifierSettings = ClassifierSettings(), gazetteers: OrderedDictionary<String, [String]> = [:],
                facets: OrderedDictionary<String, FacetDefinition> = [:], tags: OrderedDictionary<String, TagDefinition> = [:]) {
        self.name = name
        self.version = version
        self.description = description
        self.lineage = lineage
        self.settings = settings
        self.gazetteers = gazetteers
        self.facets = facets
        self.tags = tags
    }

    /// Tags of one facet, in schema order.
    public func tags(inFacet facet: String) -> [TagDefinition] {
        tags.values.filter { $0.facet == facet }
    }

    /// Tags reachable from `path` through `implies`, nearest first, without `path` itself.
    public func impliedClosure(of path: String) -> [String] {
        var seen: OrderedSet<String> = []
        var queue = tags[path]?.implies ?? []
        while !queue.isEmpty {
            let next = queue.removeFirst()
            guard next != path, seen.append(next).inserted else { continue }
            queue += tags[next]?.implies ?? []
        }
        return Array(seen)
    }
}
