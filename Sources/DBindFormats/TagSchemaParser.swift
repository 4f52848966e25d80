// Over 400 lines on purpose: the schema format's keys and the parser that checks them live
// together, so a key added to one is added to the other.

import DBindCore
import Yams

/// Every key the tag schema format knows, by place; the loader checks against these and the
/// JSON Schema in `schemas/tag-schema.schema.json` must list the same.
public enum TagSchemaKeys {
    public static let top = ["schema", "version", "description", "extends", "settings", "gazetteers", "facets", "tags", "disable", "disable_rules"]
    public static let settings = ["moderator_roles", "bot_prefixes"]
    public static let facet = ["level", "exclusive", "default", "min_confidence", "description", "override"]
    public static let tag = ["description", "priority", "implies", "excludes", "rules", "override"]
    public static let rule = ["id", "weight", "description", "when"]
    public static let gazetteer = ["terms", "replace"]
    public static let threshold = ["gt", "gte", "lt", "lte", "eq", "between"]
    public static let combinators = ["all", "any", "not"]
    /// Condition keys: combinators, text predicates, statistics, message flags and the rest.
    public static var predicates: [String] {
        combinators + Predicate.textKeys + ContentStatistic.allCases.map(\.rawValue) + MessageFlag.allCases.map(\.rawValue)
            + ["content_share", "has_entity", "word_count", "is_thread"]
    }
}

/// Walks a composed YAML tree into a `SchemaDocument`, collecting every problem with its position.
struct SchemaParser {
    let file: String
    var diagnostics: [SchemaDiagnostic] = []

    init(file: String) { self.file = file }

    // MARK: Helpers

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    mutating func error(_ node: Node, _ message: String) {
        diagnostics.append(SchemaDiagnostic(location(node), message))
    }

    /// The pairs of a mapping with string keys; reports other shapes.
    mutating func pairs(_ node: Node, _ what: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case let .mapping(mapping) = node else {
            error(node, "\(what) must be a mapping")
            return nil
        }
        var result: [(String, Node, Node)] = []
        for (key, value) in mapping {
            guard case .scalar = key, let name = key.string else {
                error(key, "keys of \(what) must be plain strings")
                continue
            }
            result.append((name, key, value))
        }
        return result
    }

    mutating func unknownKey(_ key: String, at node: Node, in what: String, allowed: [String]) {
        error(node, "unknown key `\(key)` in \(what)\(SchemaParser.suggestion(for: key, among: allowed)); expected one of \(allowed.joined(separator: ", "))")
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar = node, let value = node.string, node.null == nil else {
            error(node, "\(what) must be a string\(node.null != nil ? " (write `\"null\"` or `\"\"` in quotes)" : ", got \(SchemaParser.show(node))")")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        guard case .scalar = node, let value = node.bool else {
            error(node, "\(what) must be true or false, got \(SchemaParser.show(node))")
            return nil
        }
        return value
    }

    mutating func number(_ node: Node, _ what: String) -> Double? {
        guard case .scalar = node, node.bool == nil, let value = node.float, value.isFinite else {
            error(node, "\(what) must be a number, got \(SchemaParser.show(node))")
            return nil
        }
        return value
    }

    mutating func integer(_ node: Node, _ what: String) -> Int? {
        guard case .scalar = node, node.bool == nil, let value = node.int else {
            error(node, "\(what) must be an integer, got \(SchemaParser.show(node))")
            return nil
        }
        return value
    }

    /// A string or a list of strings.
    mutating func strings(_ node: Node, _ what: String) -> [String]? {
        switch node {
        case .scalar:
            return string(node, what).map { [$0] }
        case let .sequence(sequence):
            var result: [String] = []
            for item in sequence {
                if let value = string(item, "each item of \(what)") { result.append(value) }
            }
            return result
        default:
            error(node, "\(what) must be a string or a list of strings")
            return nil
        }
    }

    mutating func locatedStrings(_ node: Node, _ what: String) -> [Located<String>]? {
        switch node {
        case .scalar:
            return string(node, what).map { [Located($0, at: location(node))] }
        case let .sequence(sequence):
            return sequence.compactMap { item in string(item, "each item of \(what)").map { Located($0, at: location(item)) } }
        default:
            error(node, "\(what) must be a string or a list of strings")
            return nil
        }
    }

    static func show(_ node: Node) -> String {
        switch node {
        case .scalar: return "`\(node.string ?? "")`"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// ` (did you mean `x`?)` for a close known key, else empty.
    static func suggestion(for key: String, among known: [String]) -> String {
        let scored = known.map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, key.count / 3) else { return "" }
        return " (did you mean `\(best)`?)"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[b.count]
    }

    // MARK: Document

    mutating func document(_ root: Node) -> SchemaDocument? {
        guard let top = pairs(root, "a schema file") else { return nil }
        var document = SchemaDocument(name: "", version: "", location: location(root))
        var sawName = false, sawVersion = false
        for (key, keyNode, value) in top {
            switch key {
            case "schema":
                if let name = string(value, "`schema` (the schema name)") {
                    document.name = name
                    sawName = true
                    if name.isEmpty || name.contains(where: { $0.isWhitespace || $0 == "/" }) {
                        error(value, "schema name `\(name)` must be one word without `/`")
                    }
                }
            case "version":
                if let version = string(value, "`version`") { document.version = version; sawVersion = true }
            case "description": document.description = string(value, "`description`")
            case "extends": document.extends = locatedStrings(value, "`extends`") ?? []
            case "settings": document.settings = settings(value)
            case "gazetteers": document.gazetteers = gazetteers(value)
            case "facets": document.facets = facets(value)
            case "tags": document.tags = tags(value)
            case "disable": document.disabledTags = locatedStrings(value, "`disable`") ?? []
            case "disable_rules": document.disabledRules = locatedStrings(value, "`disable_rules`") ?? []
            default: unknownKey(key, at: keyNode, in: "the schema", allowed: TagSchemaKeys.top)
            }
        }
        if !sawName { error(root, "schema needs a `schema:` name") }
        if !sawVersion { error(root, "schema needs a `version:`") }
        return document
    }

    mutating func settings(_ node: Node) -> SettingsDeclaration {
        var settings = SettingsDeclaration()
        for (key, keyNode, value) in pairs(node, "`settings`") ?? [] {
            switch key {
            case "moderator_roles": settings.moderatorRoles = strings(value, "`moderator_roles`")
            case "bot_prefixes": settings.botPrefixes = strings(value, "`bot_prefixes`")
            default: unknownKey(key, at: keyNode, in: "`settings`", allowed: TagSchemaKeys.settings)
            }
        }
        return settings
    }

    mutating func gazetteers(_ node: Node) -> [GazetteerDeclaration] {
        var result: [GazetteerDeclaration] = []
        for (name, keyNode, value) in pairs(node, "`gazetteers`") ?? [] {
            if case .mapping = value {
                var terms: [String] = []
                var replace = false
                for (key, innerKey, inner) in pairs(value, "gazetteer `\(name)`") ?? [] {
                    switch key {
                    case "terms": terms = strings(inner, "`terms` of gazetteer `\(name)`") ?? []
                    case "replace": replace = bool(inner, "`replace`") ?? false
                    default: unknownKey(key, at: innerKey, in: "gazetteer `\(name)`", allowed: TagSchemaKeys.gazetteer)
                    }
                }
                result.append(GazetteerDeclaration(name: name, terms: terms, replace: replace, location: location(keyNode)))
            } else if let terms = strings(value, "gazetteer `\(name)`") {
                result.append(GazetteerDeclaration(name: name, terms: terms, location: location(keyNode)))
            }
        }
        return result
    }

    mutating func facets(_ node: Node) -> [FacetDeclaration] {
        var result: [FacetDeclaration] = []
        for (name, keyNode, value) in pairs(node, "`facets`") ?? [] {
            var facet = FacetDeclaration(name: name, location: location(keyNode))
            if name.contains("/") || name.isEmpty { error(keyNode, "facet name `\(name)` must not contain `/`") }
            for (key, innerKey, inner) in pairs(value, "facet `\(name)`") ?? [] {
                switch key {
                case "level":
                    if let text = string(inner, "`level`") {
                        if let level = ItemLevel(rawValue: text) {
                            facet.level = level
                        } else {
                            error(inner, "unknown level `\(text)`; expected one of \(ItemLevel.allCases.map(\.rawValue).joined(separator: ", "))")
                        }
                    }
                case "exclusive": facet.isExclusive = bool(inner, "`exclusive`")
                case "default": facet.defaultTag = string(inner, "`default`")
                case "min_confidence": facet.minConfidence = number(inner, "`min_confidence`")
                case "description": facet.description = string(inner, "`description`")
                case "override": facet.isOverride = bool(inner, "`override`") ?? false
                default: unknownKey(key, at: innerKey, in: "facet `\(name)`", allowed: TagSchemaKeys.facet)
                }
            }
            result.append(facet)
        }
        return result
    }

    mutating func tags(_ node: Node) -> [TagDeclaration] {
        var result: [TagDeclaration] = []
        for (path, keyNode, value) in pairs(node, "`tags`") ?? [] {
            var tag = TagDeclaration(path: path, location: location(keyNode))
            if let problem = SchemaComposer.pathProblem(path) { error(keyNode, problem) }
            let fields = value.null != nil ? [] : pairs(value, "tag `\(path)`") ?? []
            for (key, innerKey, inner) in fields {
                switch key {
                case "description": tag.description = string(inner, "`description`")
                case "priority": tag.priority = integer(inner, "`priority`")
                case "implies": tag.implies = locatedStrings(inner, "`implies`")
                case "excludes": tag.excludes = locatedStrings(inner, "`excludes`")
                case "override": tag.isOverride = bool(inner, "`override`") ?? false
                case "rules":
                    guard case let .sequence(rules) = inner else {
                        error(inner, "`rules` of tag `\(path)` must be a list")
                        continue
                    }
                    tag.rules = rules.compactMap { rule($0, of: path) }
                default: unknownKey(key, at: innerKey, in: "tag `\(path)`", allowed: TagSchemaKeys.tag)
                }
            }
            result.append(tag)
        }
        return result
    }

    mutating func rule(_ node: Node, of tag: String) -> Rule? {
        guard let fields = pairs(node, "a rule of `\(tag)`") else { return nil }
        var id: String?
        var weight = 0.5
        var description: String?
        var condition: RuleExpression?
        for (key, keyNode, value) in fields {
            switch key {
            case "id": id = string(value, "rule `id`")
            case "weight": weight = number(value, "rule `weight`") ?? weight
            case "description": description = string(value, "rule `description`")
            case "when": condition = expression(value)
            default: unknownKey(key, at: keyNode, in: "a rule", allowed: TagSchemaKeys.rule)
            }
        }
        guard let id else {
            error(node, "every rule of `\(tag)` needs an `id`")
            return nil
        }
        guard let condition else {
            if !fields.contains(where: { $0.key == "when" }) { error(node, "rule `\(id)` needs a `when` condition") }
            return nil
        }
        return Rule(id: id, weight: weight, description: description, condition: condition, location: location(node))
    }

    // MARK: Rule expressions

    /// A condition: a mapping of predicates (several keys mean all of them) or a list (all of them).
    mutating func expression(_ node: Node) -> RuleExpression? {
        switch node {
        case let .sequence(items):
            let children = items.compactMap { expression($0) }
            guard children.count == items.count else { return nil }
            return .all(children)
        case .mapping:
            guard let fields = pairs(node, "a condition") else { return nil }
            if fields.isEmpty { error(node, "a condition needs at least one predicate") }
            let children = fields.compactMap { predicate($0.key, keyNode: $0.keyNode, value: $0.value) }
            guard children.count == fields.count, !children.isEmpty else { return nil }
            return children.count == 1 ? children[0] : .all(children)
        default:
            error(node, "a condition must be a mapping like `name_words: [support, help]`, got \(SchemaParser.show(node))")
            return nil
        }
    }

    mutating func predicate(_ key: String, keyNode: Node, value: Node) -> RuleExpression? {
        let at = location(keyNode)
        switch key {
        case "all", "any":
            guard case let .sequence(items) = value, !items.isEmpty else {
                error(value, "`\(key)` needs a non-empty list of conditions")
                return nil
            }
            let children = items.compactMap { expression($0) }
            guard children.count == items.count else { return nil }
            return key == "all" ? .all(children) : .any(children)
        case "not":
            return expression(value).map { .not($0) }
        case "content_share":
            guard let fields = pairs(value, "`content_share`") else { return nil }
            var terms: [String]?
            var thresholdPairs: [(key: String, keyNode: Node, value: Node)] = []
            for field in fields {
                if field.key == "terms" {
                    terms = strings(field.value, "`terms` of `content_share`")
                } else {
                    thresholdPairs.append(field)
                }
            }
            guard let terms else {
                error(value, "`content_share` needs `terms` (words or `@gazetteer`)")
                return nil
            }
            return threshold(thresholdPairs, of: key, node: value).map { .predicate(.contentShare(terms: terms, $0), at) }
        case "has_entity":
            if case .scalar = value, let flag = value.bool { return .predicate(.entity(kinds: [], expected: flag), at) }
            return strings(value, "`has_entity` (true, false, or entity kinds)").map { .predicate(.entity(kinds: $0, expected: true), at) }
        case "is_thread":
            return bool(value, "`is_thread`").map { .predicate(.isThread(expected: $0), at) }
        case "word_count":
            guard let fields = pairs(value, "`word_count`") else { return nil }
            return threshold(fields, of: key, node: value).map { .predicate(.wordCount($0), at) }
        default:
            break
        }
        if let statistic = ContentStatistic(rawValue: key) {
            guard let fields = pairs(value, "threshold of `\(key)` (e.g. `{gte: 0.5}`)") else { return nil }
            return threshold(fields, of: key, node: value).map { .predicate(.statistic(statistic, $0), at) }
        }
        if let flag = MessageFlag(rawValue: key) {
            return bool(value, "`\(key)`").map { .predicate(.flag(flag, expected: $0), at) }
        }
        if let underscore = key.lastIndex(of: "_"),
           let field = TextField(rawValue: String(key[..<underscore])),
           let match = TextMatch(rawValue: String(key[key.index(after: underscore)...])) {
            guard let patterns = strings(value, "`\(key)`") else { return nil }
            return .predicate(.text(field, match, patterns: patterns), at)
        }
        error(keyNode, "unknown predicate `\(key)`\(SchemaParser.suggestion(for: key, among: TagSchemaKeys.predicates))")
        return nil
    }

    mutating func threshold(_ fields: [(key: String, keyNode: Node, value: Node)], of predicate: String, node: Node) -> Threshold? {
        var threshold = Threshold()
        var valid = true
        for (key, keyNode, value) in fields {
            switch key {
            case "gt", "gte":
                guard let bound = number(value, "threshold `\(key)` of `\(predicate)`") else { valid = false; continue }
                threshold.lower = bound
                threshold.lowerInclusive = key == "gte"
            case "lt", "lte":
                guard let bound = number(value, "threshold `\(key)` of `\(predicate)`") else { valid = false; continue }
                threshold.upper = bound
                threshold.upperInclusive = key == "lte"
            case "eq":
                guard let bound = number(value, "threshold `eq` of `\(predicate)`") else { valid = false; continue }
                threshold.lower = bound
                threshold.upper = bound
            case "between":
                guard case let .sequence(bounds) = value, bounds.count == 2,
                      let low = number(bounds[0], "lower bound of `between`"), let high = number(bounds[1], "upper bound of `between`")
                else {
                    error(value, "`between` of `\(predicate)` must be a list of two numbers")
                    valid = false
                    continue
                }
                threshold.lower = low
                threshold.upper = high
            default:
                unknownKey(key, at: keyNode, in: "threshold of `\(predicate)`", allowed: TagSchemaKeys.threshold)
                valid = false
            }
        }
        if threshold.lower == nil, threshold.upper == nil, valid {
            error(node, "threshold of `\(predicate)` needs one of \(TagSchemaKeys.threshold.joined(separator: ", "))")
            return nil
        }
        if let low = threshold.lower, let high = threshold.upper, low > high {
            error(node, "threshold of `\(predicate)` is empty: lower bound \(low) is above upper bound \(high)")
            return nil
        }
        return valid ? threshold : nil
    }
}
