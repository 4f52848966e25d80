/// A readable and JSON-encodable account of a tag: where it sits, how it relates to other
/// tags, and the rule trees that decide it. What `dbind schema explain` prints.
public struct TagExplanation: Sendable, Encodable {
    public var tag: String
    public var facet: String
    public var level: ItemLevel?
    public var exclusive: Bool
    public var isFacetDefault: Bool
    public var priority: Int
    public var description: String?
    public var origin: String
    public var location: String
    public var implies: [String]
    public var impliedClosure: [String]
    public var excludes: [String]
    public var rules: [RuleExplanation]
    public var schema: String

    /// One rule with its condition tree.
    public struct RuleExplanation: Sendable, Encodable {
        public var id: String
        public var weight: Double
        public var description: String?
        public var location: String
        public var when: RuleExpression
    }

    public init?(tag path: String, in schema: TagSchema) {
        guard let tag = schema.tags[path] else { return nil }
        let facet = schema.facets[tag.facet]
        self.tag = path
        self.facet = tag.facet
        level = facet?.level
        exclusive = facet?.isExclusive ?? false
        isFacetDefault = facet?.defaultTag == path
        priority = tag.priority
        description = tag.description
        origin = tag.origin
        location = tag.location.description
        implies = tag.implies
        impliedClosure = schema.impliedClosure(of: path)
        excludes = tag.excludes
        rules = tag.rules.map {
            RuleExplanation(id: $0.id, weight: $0.weight, description: $0.description, location: $0.location.description, when: $0.condition)
        }
        self.schema = "\(schema.name)@\(schema.version)"
    }

    /// Indented text: header, relations, then each rule and its tree.
    public func lines(gazetteers: [String: [String]] = [:]) -> [String] {
        var out = ["\(tag)  [\(schema)]"]
        var facetLine = "  facet \(facet)"
        if let level { facetLine += ", level \(level.rawValue)" }
        facetLine += exclusive ? ", exclusive" : ", multi-valued"
        if isFacetDefault { facetLine += ", facet default" }
        facetLine += "; priority \(priority); defined by \(origin) at \(location)"
        out.append(facetLine)
        if let description { out.append("  \(description)") }
        if !implies.isEmpty { out.append("  implies: \(impliedClosure.joined(separator: ", "))") }
        if !excludes.isEmpty { out.append("  excludes: \(excludes.joined(separator: ", "))") }
        out.append(rules.isEmpty ? "  no rules (assigned only by default or implication)" : "  rules:")
        for rule in rules {
            var head = "    \(rule.id)  weight \(rule.weight)"
            if let description = rule.description { head += "  — \(description)" }
            out.append(head)
            out += RuleExpression.lines(rule.when, indent: 6, gazetteers: gazetteers)
        }
        return out
    }
}

extension RuleExpression: Encodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes in the shape the schema file uses: `{"all": […]}`, `{"bot_share": {"gte": 0.8}}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case let .all(children): try container.encode(children, forKey: Key("all"))
        case let .any(children): try container.encode(children, forKey: Key("any"))
        case let .not(child): try container.encode(child, forKey: Key("not"))
        case let .predicate(predicate, _):
            let key = Key(predicate.key)
            switch predicate {
            case let .text(_, _, patterns): try container.encode(patterns, forKey: key)
            case let .statistic(_, threshold), let .wordCount(threshold): try container.encode(threshold.bounds, forKey: key)
            case let .contentShare(terms, threshold):
                var bounds = threshold.bounds.mapValues { ThresholdValue.number($0) }
                bounds["terms"] = .terms(terms)
                try container.encode(bounds, forKey: key)
            case let .flag(_, expected), let .isThread(expected): try container.encode(expected, forKey: key)
            case let .entity(kinds, expected):
                if kinds.isEmpty { try container.encode(expected, forKey: key) } else { try container.encode(kinds, forKey: key) }
            }
        }
    }

    private enum ThresholdValue: Encodable {
        case number(Double), terms([String])
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .number(value): try container.encode(value)
            case let .terms(terms): try container.encode(terms)
            }
        }
    }

    /// The tree as indented lines; gazetteer references show their size.
    public static func lines(_ expression: RuleExpression, indent: Int, gazetteers: [String: [String]] = [:]) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch expression {
        case let .all(children): return ["\(pad)all of:"] + children.flatMap { lines($0, indent: indent + 2, gazetteers: gazetteers) }
        case let .any(children): return ["\(pad)any of:"] + children.flatMap { lines($0, indent: indent + 2, gazetteers: gazetteers) }
        case let .not(child): return ["\(pad)not:"] + lines(child, indent: indent + 2, gazetteers: gazetteers)
        case let .predicate(predicate, _):
            func terms(_ patterns: [String]) -> String {
                patterns.map { pattern in
                    guard pattern.hasPrefix("@"), let list = gazetteers[String(pattern.dropFirst())] else { return pattern }
                    return "\(pattern) (\(list.count) terms)"
                }.joined(separator: ", ")
            }
            switch predicate {
            case let .text(_, _, patterns): return ["\(pad)\(predicate.key): \(terms(patterns))"]
            case let .statistic(_, threshold), let .wordCount(threshold): return ["\(pad)\(predicate.key) \(threshold)"]
            case let .contentShare(list, threshold): return ["\(pad)content_share of [\(terms(list))] \(threshold)"]
            case let .flag(_, expected), let .isThread(expected): return ["\(pad)\(predicate.key): \(expected)"]
            case let .entity(kinds, expected):
                return ["\(pad)has_entity: \(kinds.isEmpty ? String(expected) : kinds.joined(separator: ", "))"]
            }
        }
    }
}

extension Threshold {
    /// The bounds as the schema writes them (`gte`, `lt`, …).
    var bounds: [String: Double] {
        var result: [String: Double] = [:]
        if let lower, let upper, lower == upper, lowerInclusive, upperInclusive { return ["eq": lower] }
        if let lower { result[lowerInclusive ? "gte" : "gt"] = lower }
        if let upper { result[upperInclusive ? "lte" : "lt"] = upper }
        return result
    }
}
