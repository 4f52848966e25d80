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
/// Terms sit in one flat scalar array and are found by plain integer slots, so matching at
/// every word start copies no term or entry (each copy of a struct holding arrays and strings
/// costs reference counting); only a match hands out its entry.
struct CompiledGazetteer: Sendable {
    /// One term: where its folded scalars sit in `scalars`, and its entry in `entries`.
    private struct Slot: Sendable {
        var start: Int32
        var count: Int32
        var entry: Int32
    }

    private var scalars: [UInt32] = []
    private var entries: [Gazetteer.Entry] = []
    /// Per context (by `position(of:)`), the terms by their first two scalars (`key`), longest
    /// first: a guild's many member names share first letters, rarely first pairs.
    private var byContext: [[UInt64: [Slot]]] = Array(repeating: [:], count: 4)
    let isEmpty: Bool

    init(_ gazetteer: Gazetteer) {
        isEmpty = gazetteer.entries.isEmpty
        for entry in gazetteer.entries {
            let folded = entry.term.unicodeScalars.map { CompiledGazetteer.fold($0.value) }
            guard let first = folded.first else { continue }
            let slot = Slot(start: Int32(scalars.count), count: Int32(folded.count), entry: Int32(entries.count))
            scalars += folded
            entries.append(entry)
            let key = Self.key(first, folded.count > 1 ? folded[1] : nil)
            for context in entry.contexts { byContext[Self.position(of: context)][key, default: []].append(slot) }
        }
        byContext = byContext.map { index in index.mapValues { $0.sorted { $0.count > $1.count } } }
    }

    private static func position(of context: Gazetteer.Context) -> Int {
        switch context {
        case .afterAt: 0
        case .afterHash: 1
        case .addressee: 2
        case .anywhere: 3
        }
    }

    /// The index key of a term's first scalar and its second (none for a one-scalar term).
    private static func key(_ first: UInt32, _ second: UInt32?) -> UInt64 {
        UInt64(first) << 32 | UInt64(second ?? 0xFFFF_FFFF)
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
        guard i < s.count else { return nil }
        let index = byContext[Self.position(of: context)], first = CompiledGazetteer.fold(s[i])
        // Longer terms first: those sharing the first two scalars, then a one-scalar term.
        if i + 1 < s.count, let candidates = index[Self.key(first, CompiledGazetteer.fold(s[i + 1]))],
           let match = longestMatch(s, at: i, among: candidates) {
            return match
        }
        return index[Self.key(first, nil)].flatMap { longestMatch(s, at: i, among: $0) }
    }

    private func longestMatch(_ s: [UInt32], at i: Int, among candidates: [Slot]) -> (end: Int, entry: Gazetteer.Entry)? {
        let found: (end: Int, entry: Int)? = scalars.withUnsafeBufferPointer { terms in
            for slot in candidates {
                let start = Int(slot.start), count = Int(slot.count)
                guard i + count <= s.count else { continue }
                var k = 1  // the first scalar matched through the index
                while k < count, CompiledGazetteer.fold(s[i + k]) == terms[start + k] { k += 1 }
                guard k == count else { continue }
                let end = i + count
                if end < s.count && ScalarClass.isAlnum(s[end]) && ScalarClass.isAlnum(terms[start + count - 1]) { continue }
                return (end, Int(slot.entry))
            }
            return nil
        }
        return found.map { ($0.end, entries[$0.entry]) }
    }
}
