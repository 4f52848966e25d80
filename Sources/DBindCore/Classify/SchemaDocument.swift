/// A value together with where it was written.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// One schema file as written, before composition with the schemas it extends.
///
/// Loaders (YAML in DBindFormats) produce these; `SchemaComposer` merges a chain of them into a
/// `TagSchema`, so the composition rules live in one pure place whatever the file format.
public struct SchemaDocument: Sendable {
    public var name: String
    public var version: String
    public var description: String?
    /// The top of the file: where whole-schema problems are reported.
    public var location: SourceLocation
    /// Names or paths of parent schemas, as written.
    public var extends: [Located<String>]
    public var settings: SettingsDeclaration
    public var gazetteers: [GazetteerDeclaration]
    public var facets: [FacetDeclaration]
    public var tags: [TagDeclaration]
    /// Tags of parent schemas to remove.
    public var disabledTags: [Located<String>]
    /// Rules of parent schemas to remove, by id.
    public var disabledRules: [Located<String>]

    public init(name: String, version: String, description: String? = nil, location: SourceLocation,
                extends: [Located<String>] = [], settings: SettingsDeclaration = SettingsDeclaration(),
                gazetteers: [GazetteerDeclaration] = [], facets: [FacetDeclaration] = [], tags: [TagDeclaration] = [],
                disabledTags: [Located<String>] = [], disabledRules: [Located<String>] = []) {
        self.name = name
        self.version = version
        self.description = description
        self.location = location
        self.extends = extends
        self.settings = settings
        self.gazetteers = gazetteers
        self.facets = facets
        self.tags = tags
        self.disabledTags = disabledTags
        self.disabledRules = disabledRules
    }
}

/// Settings a schema sets; nil keeps the inherited value.
public struct SettingsDeclaration: Sendable {
    public var moderatorRoles: [String]?
    public var botPrefixes: [String]?

    public init(moderatorRoles: [String]? = nil, botPrefixes: [String]? = nil) {
        self.moderatorRoles = moderatorRoles
        self.botPrefixes = botPrefixes
    }
}

/// A named term list that rules reference as `@name`; redeclaring one adds terms unless `replace`.
public struct GazetteerDeclaration: Sendable {
    public var name: String
    public var terms: [String]
    public var replace: Bool
    public var location: SourceLocation

    public init(name: String, terms: [String], replace: Bool = false, location: SourceLocation) {
        self.name = name
        self.terms = terms
        self.replace = replace
        self.location = location
    }
}

/// A facet as written; `isOverride` must be set to redefine a parent's facet.
public struct FacetDeclaration: Sendable {
    public var name: String
    public var level: ItemLevel?
    public var isExclusive: Bool?
    public var defaultTag: String?
    public var minConfidence: Double?
    public var description: String?
    public var isOverride: Bool
    public var location: SourceLocation

    public init(name: String, level: ItemLevel? = nil, isExclusive: Bool? = nil, defaultTag: String? = nil,
                minConfidence: Double? = nil, description: String? = nil, isOverride: Bool = false, location: SourceLocation) {
        self.name = name
        self.level = level
        self.isExclusive = isExclusive
        self.defaultTag = defaultTag
        self.minConfidence = minConfidence
        self.description = description
        self.isOverride = isOverride
        self.location = location
    }
}

/// A tag as written. Fields left nil keep the parent's value when overriding; rules of an
/// override replace parent rules with the same id and add the others.
public struct TagDeclaration: Sendable {
    public var path: String
    public var description: String?
    public var priority: Int?
    public var implies: [Located<String>]?
    public var excludes: [Located<String>]?
    public var rules: [Rule]
    public var isOverride: Bool
    public var location: SourceLocation

    public init(path: String, description: String? = nil, priority: Int? = nil, implies: [Located<String>]? = nil,
                excludes: [Located<String>]? = nil, rules: [Rule] = [], isOverride: Bool = false, location: SourceLocation) {
        self.path = path
        self.description = description
        self.priority = priority
        self.implies = implies
        self.excludes = excludes
        self.rules = rules
        self.isOverride = isOverride
        self.location = location
    }
}
