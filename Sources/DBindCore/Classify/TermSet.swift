import Foundation

/// A compiled set of terms (words, phrases, `prefix*` terms, CJK strings) matched against
/// normalised text; the engine behind every `*_words`, `*_starts` and `content_share` predicate.
public struct TermSet: Sendable {
    /// One term, normalised like the text it is matched against.
    public struct Term: Sendable, Hashable {
        public var tokens: [String]
        public var stems: [String]
        /// Written with a trailing `*`: the last word matches as a prefix.
        public var isPrefix: Bool
        /// In a script written without spaces: matched as a substring.
        public var isUnspaced: Bool

        /// Parses a term; nil when it has no letters or digits.
        public init?(_ written: String) {
            var text = written.trimmingCharacters(in: .whitespaces)
            isPrefix = text.hasSuffix("*")
            if isPrefix { text.removeLast() }
            let normalized = TextNormalizer.normalize(text)
            guard !normalized.isEmpty else { return nil }
            tokens = normalized.tokens
            stems = normalized.stems
            isUnspaced = text.unicodeScalars.contains(where: TextNormalizer.isUnspacedScript)
        }

        var compact: String { tokens.joined() }
    }

    /// The terms as written, in order.
    public var terms: [Term] { storage.terms }
    /// A glued word must add at least this many letters to a term (`serverrules`, not `event` for `vent`).
    static let minimumGlueRemainder = 3
    /// The compiled set, behind one reference: rules hold term sets in enum payloads, and every
    /// evaluation that binds one copies it.
    private let storage: Storage

    private final class Storage: Sendable {
        let terms: [Term]
        /// Single plain words by stem, the common case, checked with one lookup per text word.
        let wordStems: Set<String>
        /// Phrases by the stem of their first word, so only phrases starting at a text word are tried.
        let phrasesByFirstStem: [String: [Term]]
        /// Single `prefix*` words.
        let prefixTerms: [Term]
        /// Terms in scripts without spaces, matched as substrings.
        let unspacedTerms: [Term]
        /// The stems of `wordStems` and the first stems of the phrases.
        let filter: StemFilter
        /// The head keys of the `prefix*` terms; nil when one is shorter than a head and every word
        /// must be tried.
        let prefixFilter: StemFilter?

        init(terms: [Term]) {
            var wordStems: Set<String> = [], phrasesByFirstStem: [String: [Term]] = [:]
            var prefixTerms: [Term] = [], unspacedTerms: [Term] = []
            var filter = StemFilter(), prefixFilter: StemFilter? = StemFilter()
            for term in terms {
                if term.isUnspaced {
                    unspacedTerms.append(term)
                } else if term.tokens.count > 1 {
                    phrasesByFirstStem[term.stems[0], default: []].append(term)
                    filter.insert(StemFilter.key(term.stems[0]))
                } else if term.isPrefix {
                    prefixTerms.append(term)
                    if let head = StemFilter.headKey(term.tokens[0]) { prefixFilter?.insert(head) } else { prefixFilter = nil }
                } else {
                    wordStems.insert(term.stems[0])
                    filter.insert(StemFilter.key(term.stems[0]))
                }
            }
            self.terms = terms
            self.wordStems = wordStems
            self.phrasesByFirstStem = phrasesByFirstStem
            self.prefixTerms = prefixTerms
            self.unspacedTerms = unspacedTerms
            self.filter = filter
            self.prefixFilter = prefixFilter
        }
    }

    /// Builds the set from written patterns, expanding `@gazetteer` references; unknown
    /// references and empty terms are skipped (schema validation reports them).
    public init(_ patterns: [String], gazetteers: [String: [String]] = [:]) {
        var expanded: [String] = []
        for pattern in patterns {
            if pattern.hasPrefix("@") {
                expanded += gazetteers[String(pattern.dropFirst())] ?? []
            } else {
                expanded.append(pattern)
            }
        }
        storage = Storage(terms: expanded.compactMap(Term.init))
    }

    /// The first term found in `text`. `compounds` also finds terms glued into a one-word name
    /// (`offtopic`, `devchat`, `serverrules`); names of several words (thread titles) and running
    /// text are matched word by word, where gluing would find `diver` in `diversification`.
    public func firstMatch(in text: NormalizedText, compounds: Bool = false) -> Term? {
        let stems = text.stems, keys = text.stemKeys
        for index in stems.indices where storage.filter.mayContain(keys[index]) && storage.wordStems.contains(stems[index]) {
            return storage.terms.first { $0.tokens.count == 1 && !$0.isPrefix && $0.stems[0] == stems[index] }
        }
        let compounds = compounds && text.tokens.count == 1
        if compounds {
            for token in text.stems where token.count >= 4 + TermSet.minimumGlueRemainder {
                for stem in storage.wordStems where stem.count >= 4 && token.count >= stem.count + TermSet.minimumGlueRemainder {
                    if token.hasPrefix(stem) || token.hasSuffix(stem) {
                        return storage.terms.first { $0.stems == [stem] && !$0.isPrefix }
                    }
                }
            }
        }
        for index in stems.indices where storage.filter.mayContain(keys[index]) {
            if let match = storage.phrasesByFirstStem[stems[index]]?.first(where: { matches($0, in: text, at: index, compounds: false) }) {
                return match
            }
        }
        if !storage.prefixTerms.isEmpty {
            for index in text.tokens.indices where mayStartPrefixTerm(text, index) {
                let token = text.tokens[index]
                if let match = storage.prefixTerms.first(where: { token.hasPrefix($0.tokens[0]) }) { return match }
            }
        }
        if let match = storage.unspacedTerms.first(where: { text.compact.containsBytes($0.compact) }) { return match }
        if compounds {
            return storage.phrasesByFirstStem.values.joined().first { matches($0, in: text, at: nil, compounds: true) }
        }
        return nil
    }

    public func matches(_ text: NormalizedText, compounds: Bool = false) -> Bool {
        firstMatch(in: text, compounds: compounds) != nil
    }

    /// Whether a term starts the text (greetings, thanks).
    public func matchesAtStart(_ text: NormalizedText) -> Bool {
        if let first = text.stems.first {
            if storage.filter.mayContain(text.stemKeys[0]) {
                if storage.wordStems.contains(first) { return true }
                if storage.phrasesByFirstStem[first]?.contains(where: { matches($0, in: text, at: 0, compounds: false) }) == true { return true }
            }
            if mayStartPrefixTerm(text, 0), storage.prefixTerms.contains(where: { text.tokens[0].hasPrefix($0.tokens[0]) }) { return true }
        }
        return storage.unspacedTerms.contains { text.compact.hasPrefix($0.compact) }
    }

    /// False when no `prefix*` term can match the word at `index` (its head is no term's head).
    private func mayStartPrefixTerm(_ text: NormalizedText, _ index: Int) -> Bool {
        guard let prefixFilter = storage.prefixFilter else { return true }
        return text.headKeys[index].map(prefixFilter.mayContain) ?? false
    }

    private func matches(_ term: Term, in text: NormalizedText, at start: Int?, compounds: Bool) -> Bool {
        if term.isUnspaced {
            return start == nil ? text.compact.containsBytes(term.compact) : text.compact.hasPrefix(term.compact)
        }
        let count = term.tokens.count
        guard text.tokens.count >= count || compounds else { return false }
        let starts: [Int] = start.map { [$0] } ?? Array(0..<max(0, text.tokens.count - count + 1))
        for first in starts where first + count <= text.tokens.count {
            var all = true
            for offset in 0..<count {
                let word = text.tokens[first + offset]
                let ok: Bool
                if offset == count - 1, term.isPrefix {
                    ok = word.hasPrefix(term.tokens[offset])
                } else {
                    ok = text.stems[first + offset] == term.stems[offset]
                }
                if !ok { all = false; break }
            }
            if all { return true }
        }
        if compounds, count > 1 {
            let glued = term.compact
            let candidates = start.map { text.tokens.indices.contains($0) ? [text.tokens[$0]] : [] } ?? text.tokens
            return candidates.contains { word in
                word == glued || TextNormalizer.stem(word) == TextNormalizer.stem(glued)
                    || (word.count >= glued.count + TermSet.minimumGlueRemainder && (word.hasPrefix(glued) || word.hasSuffix(glued)))
            }
        }
        return false
    }
}

/// Shell-style glob matching (`*` any run, `?` one character) over normalised names.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.lowercased()), t = Array(text)
        var pi = 0, ti = 0, starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == "*" {
                starP = pi; starT = ti; pi += 1
            } else if starP >= 0 {
                pi = starP + 1; starT += 1; ti = starT
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
