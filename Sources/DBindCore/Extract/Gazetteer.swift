/// Names the guild itself defines (members, roles, channels) plus extra term lists, so that
/// `@Display Name`, `#channel-name` and `nick: …` can be resolved to entities with ids.
///
/// Built by the caller from the lists an export carries; term lists from files are loaded
/// by DBindFormats and passed in as entries.
public struct Gazetteer: Sendable {
    /// Where a term counts as an entity.
    public enum Context: String, Sendable, Hashable {
        /// After `@` (users and roles, as DiscordChatExporter renders mentions).
        case afterAt = "at"
        /// After `#` (channels).
        case afterHash = "hash"
        /// At the start of a line, followed by `:` or `,` (the chat addressing convention).
        case addressee
        /// Anywhere, at word boundaries.
        case anywhere
    }

    /// One name or term: what it is, and the value it normalises to (an id, or a canonical term).
    public struct Entry: Hashable, Sendable {
        public var term: String
        public var type: EntityType
        public var value: String
        public var contexts: Set<Context>
        /// The gazetteer's name, used in rule ids (`gazetteer:members`).
        public var source: String

        public init(term: String, type: EntityType, value: String, contexts: Set<Context>, source: String) {
            self.term = term
            self.type = type
            self.value = value
            self.contexts = contexts
            self.source = source
        }
    }

    public private(set) var entries: [Entry] = []

    public static let empty = Gazetteer()

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Members (username, nickname), roles and channels of a guild.
    public init(authors: [Author] = [], roles: [Role] = [], channels: [Channel] = [], entries: [Entry] = []) {
        self.entries = entries
        var seen = Set<String>()
        func add(_ term: String, _ type: EntityType, _ id: Snowflake, _ contexts: Set<Context>, _ source: String) {
            let trimmed = term.trimmingCharacters(in: " \t")
            guard !trimmed.isEmpty, seen.insert("\(type.rawValue)\u{0}\(trimmed.lowercased())").inserted else { return }
            self.entries.append(Entry(term: trimmed, type: type, value: id.description, contexts: contexts, source: source))
        }
        for author in authors {
            add(author.displayName, .user, author.id, [.afterAt, .addressee], "members")
            add(author.name, .user, author.id, [.afterAt, .addressee], "members")
            for role in author.roles ?? [] { add(role.name, .role, role.id, [.afterAt], "roles") }
        }
        for role in roles {
            add(role.name, .role, role.id, [.afterAt], "roles")
        }
        for channel in channels {
            add(channel.name, .channel, channel.id, [.afterHash], "channels")
        }
    }

    /// Adds terms of one type found anywhere in text (a term list file).
    public mutating func addTerms(_ terms: [String], type: EntityType, source: String) {
        for term in terms {
            let trimmed = term.trimmingCharacters(in: " \t\r")
            guard !trimmed.isEmpty else { continue }
            entries.append(Entry(term: trimmed, type: type, value: trimmed, contexts: [.anywhere], source: source))
        }
    }
}

extension String {
    /// Trims the given characters from both ends (kept local to avoid Foundation in the core).
    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var view = Substring(self)
        while let first = view.first, characters.contains(first) { view.removeFirst() }
        while let last = view.last, characters.contains(last) { view.removeLast() }
        return String(view)
    }
}

/// Gazetteer entries indexed for raw, case-insensitive matching on scalars.
///
/// Each context's terms form a trie over folded scalars whose edges live in one hash table
/// keyed by (node, scalar), so finding the longest term at a word start walks the text once,
/// however many terms share its first letters (a guild's `user123…` members), and copies no
/// term or entry; only a match hands out its entry.
struct CompiledGazetteer: Sendable {
    /// Edges of every context's trie: `node << 32 | scalar` to the child node. Node k of
    /// context c is the root when `k == roots[c]`.
    private var edges: [UInt64: Int32] = [:]
    private var roots: [Int32] = []
    /// Per node: the first entry whose term ends there (-1 for none), and its last scalar.
    private var ending: [Int32] = []
    private var entries: [Gazetteer.Entry] = []
    let isEmpty: Bool

    init(_ gazetteer: Gazetteer) {
        isEmpty = gazetteer.entries.isEmpty
        roots = (0..<4).map { Int32($0) }
        ending = Array(repeating: -1, count: 4)
        for entry in gazetteer.entries {
            let folded = entry.term.unicodeScalars.map { CompiledGazetteer.fold($0.value) }
            guard !folded.isEmpty else { continue }
            let index = Int32(entries.count)
            entries.append(entry)
            for context in Set(entry.contexts.map(Self.position)) {
                var node = roots[context]
                for scalar in folded {
                    let key = UInt64(UInt32(node)) << 32 | UInt64(scalar)
                    if let child = edges[key] {
                        node = child
                    } else {
                        let child = Int32(ending.count)
                        ending.append(-1)
                        edges[key] = child
                        node = child
                    }
                }
                if ending[Int(node)] < 0 { ending[Int(node)] = index }
            }
        }
    }

    private static func position(of context: Gazetteer.Context) -> Int {
        switch context {
        case .afterAt: 0
        case .afterHash: 1
        case .addressee: 2
        case .anywhere: 3
        }
    }

    /// Case folding for one scalar: ASCII fast path, else the simple lowercase mapping.
    static func fold(_ c: UInt32) -> UInt32 {
        if c < 128 { return ScalarClass.asciiLower(c) }
        guard let scalar = Unicode.Scalar(c) else { return c }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? (lower.first?.value ?? c) : c
    }

    /// The longest term of `context` starting at `i` that ends at a word boundary.
    func longestMatch(_ s: [UInt32], at i: Int, context: Gazetteer.Context) -> (end: Int, entry: Gazetteer.Entry)? {
        var node = roots[Self.position(of: context)]
        var found: (end: Int, entry: Int32)?
        var k = i
        while k < s.count {
            let scalar = CompiledGazetteer.fold(s[k])
            guard let child = edges[UInt64(UInt32(node)) << 32 | UInt64(scalar)] else { break }
            node = child
            k += 1
            let entry = ending[Int(node)]
            // A term ending in a letter or digit must not run into one.
            guard entry >= 0, !(k < s.count && ScalarClass.isAlnum(s[k]) && ScalarClass.isAlnum(scalar)) else { continue }
            found = (k, entry)
        }
        return found.map { ($0.end, entries[Int($0.entry)]) }
    }
}
