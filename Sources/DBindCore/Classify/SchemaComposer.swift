import Foundation
import OrderedCollections

/// Merges a chain of schema documents (parents first, the schema itself last) into one validated
/// `TagSchema`: `extends` layering, overrides, disabling, and every cross-reference check.
public enum SchemaComposer {
    /// Composes the chain or throws every problem found, each with its file and line.
    public static func compose(_ chain: [SchemaDocument]) throws -> TagSchema {
        guard let root = chain.last else {
            throw SchemaValidationError(SourceLocation(file: "<schema>"), "no schema to compose")
        }
        var state = CompositionState()
        for document in chain { state.apply(document) }
        state.validate()
        if !state.diagnostics.isEmpty {
            throw SchemaValidationError(state.diagnostics.sorted { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) })
        }
        return TagSchema(
            name: root.name, version: root.version, description: root.description,
            lineage: chain.map { "\($0.name)@\($0.version)" }, settings: state.settings,
            gazetteers: state.gazetteers, facets: state.facets, tags: state.tags
        )
    }

    /// Checks a tag path: `facet/segment[/segment…]` of letters, digits, `.`, `_`, `-`.
    public static func pathProblem(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return "tag `\(path)` must be written `facet/name`, e.g. `channel.kind/support`" }
        for part in parts {
            if part.isEmpty { return "tag `\(path)` has an empty path segment" }
            if !part.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || "._-".unicodeScalars.contains($0) }) {
                return "tag `\(path)` segment `\(part)` may only hold letters, digits, `.`, `_` and `-`"
            }
        }
        return nil
    }
}

private struct CompositionState {
    var diagnostics: [SchemaDiagnostic] = []
    var settings = ClassifierSettings()
    var gazetteers: OrderedDictionary<String, [String]> = [:]
    var facets: OrderedDictionary<String, FacetDefinition> = [:]
    var tags: OrderedDictionary<String, TagDefinition> = [:]
    var disabled: Set<String> = []
    /// Where each `implies`/`excludes` entry was written: tag → target → location.
    var relationLocations: [String: [String: SourceLocation]] = [:]

    mutating func error(_ location: SourceLocation, _ message: String) {
        diagnostics.append(SchemaDiagnostic(location, message))
    }

    mutating func apply(_ document: SchemaDocument) {
        if let roles = document.settings.moderatorRoles { settings.moderatorRoles = roles }
        if let prefixes = document.settings.botPrefixes { settings.botPrefixes = prefixes }
        for gazetteer in document.gazetteers {
            if gazetteer.terms.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                error(gazetteer.location, "gazetteer `\(gazetteer.name)` has an empty term")
            }
            if gazetteer.replace || gazetteers[gazetteer.name] == nil {
                gazetteers[gazetteer.name] = gazetteer.terms
            } else {
                let known = Set(gazetteers[gazetteer.name] ?? [])
                gazetteers[gazetteer.name, default: []] += gazetteer.terms.filter { !known.contains($0) }
            }
        }
        for declaration in document.facets { apply(declaration, from: document.name) }
        for path in document.disabledTags {
            if tags.removeValue(forKey: path.value) != nil {
                disabled.insert(path.value)
            } else {
                error(path.location, "cannot disable `\(path.value)`: no parent schema defines it")
            }
        }
        for ruleID in document.disabledRules {
            guard let index = tags.values.firstIndex(where: { $0.rules.contains { $0.id == ruleID.value } }) else {
                error(ruleID.location, "cannot disable rule `\(ruleID.value)`: no parent schema defines it")
                continue
            }
            tags.values[index].rules.removeAll { $0.id == ruleID.value }
        }
        for declaration in document.tags { apply(declaration, from: document.name) }
    }

    mutating func apply(_ declaration: FacetDeclaration, from origin: String) {
        if var facet = facets[declaration.name] {
            guard declaration.isOverride else {
                error(declaration.location, "facet `\(declaration.name)` is already defined by `\(facet.origin)` (\(facet.location)); add `override: true` to change it")
                return
            }
            if let level = declaration.level, level != facet.level {
                error(declaration.location, "facet `\(declaration.name)` cannot change level from `\(facet.level.rawValue)` to `\(level.rawValue)`")
            }
            if let exclusive = declaration.isExclusive { facet.isExclusive = exclusive }
            if let defaultTag = declaration.defaultTag { facet.defaultTag = defaultTag }
            if let minimum = declaration.minConfidence { facet.minConfidence = minimum }
            if let description = declaration.description { facet.description = description }
            facet.location = declaration.location
            facet.origin = origin
            facets[declaration.name] = facet
            return
        }
        if declaration.isOverride {
            error(declaration.location, "facet `\(declaration.name)` is marked `override` but no parent schema defines it")
        }
        guard let level = declaration.level else {
            error(declaration.location, "facet `\(declaration.name)` needs a `level` (one of \(ItemLevel.allCases.map(\.rawValue).joined(separator: ", ")))")
            return
        }
        facets[declaration.name] = FacetDefinition(
            name: declaration.name, level: level, isExclusive: declaration.isExclusive ?? false,
            defaultTag: declaration.defaultTag, minConfidence: declaration.minConfidence ?? 0.5,
            description: declaration.description, location: declaration.location, origin: origin
        )
    }

    mutating func apply(_ declaration: TagDeclaration, from origin: String) {
        var relations = relationLocations[declaration.path] ?? [:]
        for target in (declaration.implies ?? []) + (declaration.excludes ?? []) { relations[target.value] = target.location }
        relationLocations[declaration.path] = relations

        if var tag = tags[declaration.path] {
            guard declaration.isOverride else {
                error(declaration.location, "tag `\(declaration.path)` is already defined by `\(tag.origin)` (\(tag.location)); add `override: true` to change it")
                return
            }
            if let description = declaration.description { tag.description = description }
            if let priority = declaration.priority { tag.priority = priority }
            if let implies = declaration.implies { tag.implies = implies.map(\.value) }
            if let excludes = declaration.excludes { tag.excludes = excludes.map(\.value) }
            for rule in declaration.rules {
                if let index = tag.rules.firstIndex(where: { $0.id == rule.id }) {
                    tag.rules[index] = rule
                } else {
                    tag.rules.append(rule)
                }
            }
            tag.location = declaration.location
            tag.origin = origin
            tags[declaration.path] = tag
            return
        }
        if declaration.isOverride {
            error(declaration.location, "tag `\(declaration.path)` is marked `override` but no parent schema defines it")
        }
        disabled.remove(declaration.path)
        tags[declaration.path] = TagDefinition(
            path: declaration.path, description: declaration.description, priority: declaration.priority ?? 0,
            implies: declaration.implies?.map(\.value) ?? [], excludes: declaration.excludes?.map(\.value) ?? [],
            rules: declaration.rules, location: declaration.location, origin: origin
        )
    }

    // MARK: Validation of the composed schema

    mutating func validate() {
        validateFacets()
        var ruleOwners: [String: SourceLocation] = [:]
        for index in tags.values.indices {
            let tag = tags.values[index]
            if let problem = SchemaComposer.pathProblem(tag.path) { error(tag.location, problem) }
            let facet = facets[tag.facet]
            if facet == nil {
                error(tag.location, "tag `\(tag.path)` belongs to facet `\(tag.facet)`, which no schema in the chain declares")
            }
            tags.values[index].implies = checkedRelations(tag.implies, of: tag, kind: "implies")
            tags.values[index].excludes = checkedRelations(tag.excludes, of: tag, kind: "excludes")
            for rule in tag.rules {
                if let previous = ruleOwners[rule.id] {
                    error(rule.location, "rule id `\(rule.id)` is already used at \(previous)")
                } else {
                    ruleOwners[rule.id] = rule.location
                }
                validate(rule, level: facet?.level)
            }
        }
        validateImplications()
    }

    mutating func validateFacets() {
        for facet in facets.values {
            if !(0...1).contains(facet.minConfidence) {
                error(facet.location, "facet `\(facet.name)` min_confidence must be between 0 and 1, got \(facet.minConfidence)")
            }
            guard let defaultTag = facet.defaultTag else { continue }
            if !facet.isExclusive {
                error(facet.location, "facet `\(facet.name)` is not exclusive, so it cannot have a default tag")
            } else if TagDefinition.facet(of: defaultTag) != facet.name {
                error(facet.location, "default `\(defaultTag)` of facet `\(facet.name)` is not in that facet")
            } else if tags[defaultTag] == nil {
                let why = disabled.contains(defaultTag) ? "was disabled; override the facet with another default" : "is not defined"
                error(facet.location, "default `\(defaultTag)` of facet `\(facet.name)` \(why)")
            }
        }
    }

    /// Keeps relation targets that exist; drops those to disabled tags; reports unknown ones.
    mutating func checkedRelations(_ targets: [String], of tag: TagDefinition, kind: String) -> [String] {
        targets.filter { target in
            if tags[target] != nil {
                if target == tag.path { error(location(of: target, in: tag), "tag `\(tag.path)` \(kind) itself") }
                if let from = facets[tag.facet]?.level, let to = facets[TagDefinition.facet(of: target)]?.level, from != to {
                    error(location(of: target, in: tag), "tag `\(tag.path)` (level \(from.rawValue)) \(kind) `\(target)` of another level (\(to.rawValue))")
                }
                return target != tag.path
            }
            if !disabled.contains(target) {
                error(location(of: target, in: tag), "tag `\(tag.path)` \(kind) unknown tag `\(target)`")
            }
            return false
        }
    }

    func location(of target: String, in tag: TagDefinition) -> SourceLocation {
        relationLocations[tag.path]?[target] ?? tag.location
    }

    mutating func validate(_ rule: Rule, level: ItemLevel?) {
        if !(-1...1).contains(rule.weight) || rule.weight == 0 {
            error(rule.location, "rule `\(rule.id)` weight must be in -1…1 and not 0, got \(rule.weight)")
        }
        for (predicate, location) in rule.condition.predicates {
            if let level, !predicate.levels.contains(level) {
                let allowed = ItemLevel.allCases.filter { predicate.levels.contains($0) }.map(\.rawValue).joined(separator: ", ")
                error(location, "predicate `\(predicate.key)` does not apply at level `\(level.rawValue)` (only \(allowed))")
            }
            switch predicate {
            case let .text(_, match, patterns):
                if patterns.isEmpty { error(location, "predicate `\(predicate.key)` has no patterns") }
                switch match {
                case .words, .starts: checkTerms(patterns, at: location, in: predicate.key)
                case .regex:
                    for pattern in patterns where (try? NSRegularExpression(pattern: pattern)) == nil {
                        error(location, "predicate `\(predicate.key)`: invalid regular expression `\(pattern)`")
                    }
                case .glob: break
                }
            case let .contentShare(terms, threshold):
                checkTerms(terms, at: location, in: predicate.key)
                checkRatio(threshold, at: location, in: predicate.key)
            case let .statistic(statistic, threshold):
                if statistic.isRatio { checkRatio(threshold, at: location, in: predicate.key) }
            case .flag, .entity, .wordCount, .isThread: break
            }
        }
    }

    mutating func checkTerms(_ terms: [String], at location: SourceLocation, in key: String) {
        if terms.isEmpty { error(location, "predicate `\(key)` has no terms") }
        for term in terms {
            if term.hasPrefix("@") {
                let name = String(term.dropFirst())
                if gazetteers[name] == nil { error(location, "predicate `\(key)` refers to unknown gazetteer `\(name)`") }
            } else if TermSet.Term(term) == nil {
                error(location, "predicate `\(key)` term `\(term)` has no letters or digits")
            }
        }
    }

    mutating func checkRatio(_ threshold: Threshold, at location: SourceLocation, in key: String) {
        for bound in [threshold.lower, threshold.upper].compactMap({ $0 }) where !(0...1).contains(bound) {
            error(location, "threshold \(bound) of `\(key)` is a share and must be between 0 and 1")
        }
    }

    mutating func validateImplications() {
        // Cycles: depth-first search with an explicit path.
        var state: [String: Bool] = [:] // false = on the current path, true = done
        var reported: Set<String> = []
        func visit(_ path: String, _ stack: [String], _ composer: inout CompositionState) {
            if state[path] == true { return }
            if state[path] == false {
                guard let start = stack.firstIndex(of: path) else { return }
                let cycle = Array(stack[start...]) + [path]
                let key = Set(cycle).sorted().joined(separator: "|")
                if reported.insert(key).inserted, let first = composer.tags[cycle[0]] {
                    composer.error(composer.location(of: cycle[1], in: first), "cycle in implies: \(cycle.joined(separator: " → "))")
                }
                return
            }
            state[path] = false
            for next in composer.tags[path]?.implies ?? [] { visit(next, stack + [path], &composer) }
            state[path] = true
        }
        for path in tags.keys { visit(path, [], &self) }
        guard reported.isEmpty else { return }

        let schema = TagSchema(name: "", version: "", facets: facets, tags: tags)
        for tag in tags.values {
            let closure = [tag.path] + schema.impliedClosure(of: tag.path)
            let members = Set(closure)
            for member in closure {
                for excluded in tags[member]?.excludes ?? [] where members.contains(excluded) {
                    error(tag.location, "tag `\(tag.path)` implies `\(excluded)`, which `\(member)` excludes")
                }
            }
            var byFacet: [String: String] = [:]
            for member in closure {
                let facet = TagDefinition.facet(of: member)
                guard facets[facet]?.isExclusive == true else { continue }
                if let other = byFacet[facet] {
                    error(tag.location, "tag `\(tag.path)` implies both `\(other)` and `\(member)` of exclusive facet `\(facet)`")
                } else {
                    byFacet[facet] = member
                }
            }
        }
    }
}
