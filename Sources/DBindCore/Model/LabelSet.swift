/// A named set of labels people assign to one level of item during review.
///
/// A label set with a `facet` speaks for the auto-tagger's facet of the same name: the label
/// `support` of a set with facet `channel.kind` is the tag `channel.kind/support`, and a person's
/// label replaces the facet's auto-tags for that item.
public struct LabelSet: Sendable, Hashable {
    /// One label: its name (also its value in the store), the one key that types it, and what it means.
    public struct Label: Sendable, Hashable {
        public var name: String
        public var key: Character
        public var description: String

        public init(name: String, key: Character, description: String) {
            self.name = name
            self.key = key
            self.description = description
        }
    }

    public var name: String
    public var level: ItemLevel
    /// The tag facet this set labels (`message.intent`), if any.
    public var facet: String?
    /// Whether an item can carry several labels of the set at once.
    public var isMulti: Bool
    public var description: String
    public var labels: [Label]
    /// The label `y` (accept) stands for when there are no auto-tags to accept.
    public var acceptLabel: String?
    /// The label `n` (reject) stands for; without one, rejecting means "none of the labels".
    public var rejectLabel: String?

    public init(name: String, level: ItemLevel, facet: String? = nil, isMulti: Bool = false, description: String = "",
                labels: [Label], acceptLabel: String? = nil, rejectLabel: String? = nil) {
        self.name = name
        self.level = level
        self.facet = facet
        self.isMulti = isMulti
        self.description = description
        self.labels = labels
        self.acceptLabel = acceptLabel
        self.rejectLabel = rejectLabel
    }

    /// Single characters that review commands use, so no label may take them as its key.
    public static let reservedKeys: Set<Character> = ["y", "n", "u", "?", ".", "<", "+", "/", "%"]

    /// Words that review commands use, so no label may be named like them.
    public static let reservedNames: Set<String> = [
        "accept", "reject", "skip", "back", "undo", "note", "type", "span", "move", "split", "merge",
        "search", "jump", "more", "progress", "help", "quit", "exit", "none",
    ]

    /// Whether `name` is a well-formed label name: lower-case words joined by `-`, with `/` for sub-labels.
    public static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        for part in name.split(separator: "/", omittingEmptySubsequences: false) {
            guard let first = part.first, first.isASCII, first.isLowercase || first.isNumber else { return false }
            guard part.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else { return false }
        }
        return true
    }

    public func label(named name: String) -> Label? { labels.first { $0.name == name } }
    public func label(forKey key: Character) -> Label? { labels.first { $0.key == key } }

    /// The label a tag of this set's facet stands for: the exact name, else the longest label
    /// that is a parent path of it (`channel.kind/governance/treasury` → `governance`).
    public func label(forTag tag: String) -> Label? {
        guard let facet, let name = Self.labelName(forTag: tag, facet: facet, names: Set(labels.map(\.name))) else { return nil }
        return label(named: name)
    }

    /// The label name among `names` that a tag of `facet` stands for (exact or nearest parent path).
    public static func labelName(forTag tag: String, facet: String, names: Set<String>) -> String? {
        guard tag.hasPrefix(facet + "/") else { return nil }
        var path = String(tag.dropFirst(facet.count + 1))
        while !path.isEmpty {
            if names.contains(path) { return path }
            guard let slash = path.lastIndex(of: "/") else { return nil }
            path = String(path[..<slash])
        }
        return nil
    }

    /// The stored form of a choice of labels: names sorted and joined by commas; empty for "none".
    public static func value(of names: some Sequence<String>) -> String {
        Set(names).sorted().joined(separator: ",")
    }

    /// The label names in a stored value.
    public static func names(in value: String) -> [String] {
        value.split(separator: ",").map(String.init)
    }
}
