// Over 400 lines on purpose: the detector and its compiled per-language rule tables are one
// unit; the tables exist only for the detector's loops.

import Foundation

/// Finds questions sentence by sentence with the rules of a `QuestionRules` value.
///
/// A sentence is a question when it ends in a question mark (ignoring trailing emoji,
/// emoticons, markup and closing brackets; marks inside URLs, code and emoticons are other
/// token kinds and never count), opens with an inverted mark, ends with a question particle,
/// or opens like a question without a mark (wh-word reaching an auxiliary, auxiliary
/// inversion, "does anyone know", "est-ce que", "peux-tu"). Openers are looked for after
/// greetings, fillers, mentions and an addressee prefix (`nick: …`, `@name …`).
public struct QuestionDetector: Sendable {
    public let rules: QuestionRules
    private let tokenizer: Tokenizer
    private let languages: [CompiledLanguage]
    private let marks: [[UInt32]]
    private let invertedMarks: [[UInt32]]
    private let particles: [(scalars: [UInt32], rule: String, confidence: Double)]
    /// Every word the rules mention, numbered; a sentence's words are looked up once.
    private let vocabulary: RuleVocabulary
    /// For each word id, the bit set of languages (by index) whose lists use it.
    private let languagesByWord: [UInt64]
    private let clauseBreaks: WordSet
    private let colon: Int32, comma: Int32, hyphen: Int32

    public init(rules: QuestionRules = .builtIn, tokenizer: Tokenizer = .chat) {
        self.rules = rules
        self.tokenizer = tokenizer
        let phrase = { (text: String) -> [String] in
            let tokenized = tokenizer.tokenize(text)
            return tokenized.tokens.indices.map { tokenized.lowercased($0) }
        }
        var vocabulary = RuleVocabulary()
        var compiled: [CompiledLanguage] = []
        for language in rules.languages { compiled.append(CompiledLanguage(language, phrase: phrase, vocabulary: &vocabulary)) }
        languages = compiled
        clauseBreaks = vocabulary.set(Self.clauseBreakWords)
        colon = vocabulary.id(":")
        comma = vocabulary.id(",")
        hyphen = vocabulary.id("-")
        var byWord = [UInt64](repeating: 0, count: vocabulary.count)
        for (index, language) in compiled.enumerated() where index < 64 {
            for word in language.vocabulary { byWord[Int(word)] |= UInt64(1) << UInt64(index) }
        }
        languagesByWord = byWord
        self.vocabulary = vocabulary
        marks = rules.questionMarks.map { $0.unicodeScalars.map(\.value) }
        invertedMarks = rules.invertedMarks.map { $0.unicodeScalars.map(\.value) }
        particles = rules.particles
            .map { ($0.text.unicodeScalars.map(\.value), "particle:\($0.language)", $0.confidence) }
            .sorted { $0.0.count > $1.0.count }
    }

    public func detect(_ text: String) -> [QuestionSpan] {
        let tokenized = tokenizer.tokenize(text)
        return detect(tokenized, sentences: SentenceSplitter.split(tokenized))
    }

    public func detect(_ text: TokenizedText, sentences: [Sentence]) -> [QuestionSpan] {
        var result: [QuestionSpan] = []
        for sentence in sentences {
            if let question = detect(text, sentence) { result.append(question) }
        }
        return result
    }

    // MARK: One sentence

    private struct Opener {
        var kind: QuestionKind
        var rule: String
        var confidence: Double
    }

    private func detect(_ text: TokenizedText, _ sentence: Sentence) -> QuestionSpan? {
        let tokens = text.tokens
        let range = sentence.tokens
        guard !range.isEmpty else { return nil }
        let words = range.map { vocabulary.lookup(text, $0) }
        let kinds = range.map { tokens[$0].kind }
        let lexicalCount = kinds.filter(\.isLexical).count
        let span = { (kind: QuestionKind, rule: String, confidence: Double) in
            QuestionSpan(start: sentence.start, end: sentence.end, kind: kind, rule: rule, confidence: confidence)
        }

        let mark = trailingMark(text, range) ?? internalMark(text, range)
        let candidates = likelyLanguages(words)
        let start = openerStart(text, range, words, candidates, from: 0)
        let opener = start.flatMap { findOpener(text, range, words, candidates, at: $0) }
        let inverted = leadingInvertedMark(text, range)

        if let mark {
            if lexicalCount == 0 { return span(.yesNo, "mark:bare", rules.confidence.bareMark) }
            let confidence = mark == "mark:internal" ? rules.confidence.internalMark : rules.confidence.mark
            if let opener {
                let kind = refine(opener.kind, text, range, words, kinds)
                return span(kind, "\(mark)+\(opener.rule)", max(confidence, rules.confidence.markWithOpener - (mark == "mark:internal" ? 0.1 : 0)))
            }
            return span(markKind(text, range, words, kinds), mark, confidence)
        }
        if lexicalCount == 0 { return nil }
        if inverted {
            return span(opener.map { refine($0.kind, text, range, words, kinds) } ?? markKind(text, range, words, kinds), "mark:inverted",
                        rules.confidence.inverted)
        }
        if let opener { return span(refine(opener.kind, text, range, words, kinds), opener.rule, opener.confidence) }
        if let opener = clauseOpener(text, range, words, candidates) {
            return span(refine(opener.kind, text, range, words, kinds), opener.rule + ":clause", opener.confidence * rules.confidence.clauseFactor)
        }
        if let particle = finalParticle(text, range) {
            return span(markKind(text, range, words, kinds), particle.rule, particle.confidence)
        }
        if let help = helpAnywhere(words) { return span(.requestForHelp, help, rules.confidence.helpAnywhere) }
        return nil
    }

    /// An opener at the start of a later clause (after `,` `;` `:` `.` `-` or `(`):
    /// "i live in a dorm, how can i check the dsl speed".
    private func clauseOpener(_ text: TokenizedText, _ range: Range<Int>, _ words: [Int32],
                              _ candidates: [CompiledLanguage]) -> Opener? {
        for k in words.indices.dropLast() where text.tokens[range.lowerBound + k].kind == .punctuation {
            guard clauseBreaks.contains(words[k]) else { continue }
            if let start = openerStart(text, range, words, candidates, from: k + 1),
               let opener = findOpener(text, range, words, candidates, at: start, clause: true) {
                return opener
            }
        }
        return nil
    }

    /// Dots and marks that may trail a question mark without ending the question (`?..`, `?!`).
    private static let stopMarks: Set<UInt32> = [0x2E, 0x21, 0x3F, 0x2026]

    private static let clauseBreakWords = [",", ";", ":", ".", "...", "-", "(", "—", "–", "…"]

    /// A question mark inside the sentence, followed by a space, a colon or a closing bracket
    /// (`…online!?: In Lucid …`, `what? no idea`), also after trailing dots or marks of its own
    /// (`slower?.. i thought`), outside URLs, code and emoticons.
    private func internalMark(_ text: TokenizedText, _ range: Range<Int>) -> String? {
        let s = text.buffer.scalars
        for index in range.dropLast() {
            let token = text.tokens[index]
            guard token.kind == .punctuation else { continue }
            let scalars = s[token.start..<token.end]
            guard marks.contains(where: { contains(scalars, $0) }) else { continue }
            var last = index
            while last + 1 < range.upperBound - 1, text.tokens[last + 1].kind == .punctuation,
                  text.tokens[last + 1].start == text.tokens[last].end,
                  s[text.tokens[last + 1].start..<text.tokens[last + 1].end].allSatisfy({ Self.stopMarks.contains($0) }) {
                last += 1
            }
            let next = text.tokens[last + 1]
            let spaced = next.start > text.tokens[last].end
            let nextFirst = s[next.start]
            if spaced || nextFirst == 0x3A || nextFirst == 0x29 || nextFirst == 0x22 { return "mark:internal" }
        }
        return nil
    }

    /// The rule id of a question mark ending the sentence, if any.
    private func trailingMark(_ text: TokenizedText, _ range: Range<Int>) -> String? {
        let s = text.buffer.scalars
        var index = range.upperBound - 1
        var greek: Bool?
        while index >= range.lowerBound {
            let token = text.tokens[index]
            switch token.kind {
            case .emoji, .emoticon, .customEmoji, .shortcode, .markdown:
                index -= 1
                continue
            case .punctuation, .symbol:
                let scalars = s[token.start..<token.end]
                if marks.contains(where: { contains(scalars, $0) }) { return "mark" }
                if rules.greekSemicolon, scalars.contains(0x3B) {
                    if greek == nil { greek = hasGreek(text, range) }
                    if greek == true { return "mark:greek-semicolon" }
                }
                index -= 1
                continue
            default:
                return nil
            }
        }
        return nil
    }

    private func leadingInvertedMark(_ text: TokenizedText, _ range: Range<Int>) -> Bool {
        let s = text.buffer.scalars
        for index in range {
            let token = text.tokens[index]
            guard token.kind == .punctuation || token.kind == .markdown else { return false }
            let scalars = s[token.start..<token.end]
            if invertedMarks.contains(where: { contains(scalars, $0) }) { return true }
        }
        return false
    }

    private func hasGreek(_ text: TokenizedText, _ range: Range<Int>) -> Bool {
        let s = text.buffer.scalars
        for index in range where text.tokens[index].kind == .word {
            for k in text.tokens[index].start..<text.tokens[index].end where ScalarClass.isGreek(s[k]) { return true }
        }
        return false
    }

    private func contains(_ haystack: ArraySlice<UInt32>, _ needle: [UInt32]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for i in haystack.startIndex...(haystack.endIndex - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
        return false
    }

    /// Index into the sentence's words where an opener may stand: after greetings, fillers,
    /// mentions, emoji, markup, an addressee (`nick:` / `nick,`) and leading punctuation.
    private func openerStart(_ text: TokenizedText, _ range: Range<Int>, _ words: [Int32],
                             _ candidates: [CompiledLanguage], from first: Int) -> Int? {
        let tokens = text.tokens
        var i = first
        var addressees = 0
        while i < words.count {
            let token = tokens[range.lowerBound + i]
            switch token.kind {
            case .userMention, .roleMention, .channelMention, .everyone, .atName, .emoji, .emoticon,
                 .customEmoji, .shortcode, .markdown:
                i += 1
                continue
            case .punctuation, .symbol:
                // Opening marks (`¿`), quotes and brackets before an opener are skipped alike.
                i += 1
                continue
            default:
                break
            }
            if findOpener(text, range, words, candidates, at: i) != nil { return i }
            if languages.contains(where: { $0.fillers.contains(words[i]) }) { i += 1; continue }
            // An addressee: up to four tokens glued together, then ":" or "," and a space.
            if addressees < 2 {
                var j = i
                while j + 1 < words.count, j - i < 4, tokens[range.lowerBound + j].end == tokens[range.lowerBound + j + 1].start,
                      words[j + 1] != colon && words[j + 1] != comma {
                    j += 1
                }
                if j + 1 < words.count, words[j + 1] == colon || words[j + 1] == comma,
                   tokens[range.lowerBound + j].end == tokens[range.lowerBound + j + 1].start,
                   j + 2 < words.count {
                    addressees += 1
                    i = j + 2
                    continue
                }
            }
            return i
        }
        return nil
    }

    /// The language whose word lists cover the sentence best (the first in the rules on ties),
    /// so that English "was" is not read as German "was"; all languages when none matches.
    private func likelyLanguages(_ words: [Int32]) -> [CompiledLanguage] {
        var scores = [Int](repeating: 0, count: languages.count)
        for word in words where word >= 0 {
            var mask = languagesByWord[Int(word)]
            while mask != 0 {
                scores[mask.trailingZeroBitCount] += 1
                mask &= mask - 1
            }
        }
        guard let best = scores.max(), best > 0, let index = scores.firstIndex(of: best) else { return languages }
        return [languages[index]]
    }

    /// The opener at word `i`. In a later clause (`clause`), wh-words only count where they
    /// need an auxiliary: elsewhere ("…, was passiert ist") they open subordinate clauses.
    private func findOpener(_ text: TokenizedText, _ range: Range<Int>, _ words: [Int32],
                            _ languages: [CompiledLanguage], at i: Int, clause: Bool = false) -> Opener? {
        let c = rules.confidence
        for language in languages {
            if language.helpOpeners.match(words, at: i) != nil {
                return Opener(kind: .requestForHelp, rule: "\(language.code):help-opener", confidence: c.helpOpener)
            }
        }
        for language in languages {
            if language.yesNoOpeners.match(words, at: i) != nil {
                return Opener(kind: .yesNo, rule: "\(language.code):yes-no-opener", confidence: c.yesNoOpener)
            }
        }
        for language in languages where !clause || language.whRequiresAuxiliary {
            if let length = language.whWords.match(words, at: i), whOpens(language, text, range, words, after: i + length) {
                return Opener(kind: .wh, rule: "\(language.code):wh-opener", confidence: c.whOpener)
            }
        }
        for language in languages where language.auxiliaries.contains(words[i]) {
            if language.inversionExceptions.match(words, at: i) != nil { continue }
            if language.inversionAnyWord.contains(words[i]), i + 1 < words.count, !language.negations.contains(words[i + 1]),
               text.tokens[range.lowerBound + i + 1].kind.isLexical {
                return Opener(kind: .yesNo, rule: "\(language.code):inversion", confidence: c.inversion)
            }
            var k = i + 1
            while k < words.count && language.negations.contains(words[k]) { k += 1 }
            if k < words.count && language.subjects.contains(words[k]) {
                return Opener(kind: .yesNo, rule: "\(language.code):inversion", confidence: c.inversion)
            }
        }
        let tokens = text.tokens
        if i + 2 < words.count, words[i + 1] == hyphen, tokens[range.lowerBound + i].kind == .word,
           tokens[range.lowerBound + i].end == tokens[range.lowerBound + i + 1].start,
           tokens[range.lowerBound + i + 1].end == tokens[range.lowerBound + i + 2].start {
            for language in languages where language.hyphenPronouns.contains(words[i + 2]) {
                return Opener(kind: .yesNo, rule: "\(language.code):hyphen-inversion", confidence: c.inversion)
            }
        }
        return nil
    }

    /// Whether a wh-word ending at `next` opens a question rather than a clause.
    private func whOpens(_ language: CompiledLanguage, _ text: TokenizedText, _ range: Range<Int>, _ words: [Int32],
                         after next: Int) -> Bool {
        let isPunctuation = { (k: Int) in text.lowercased(range.lowerBound + k).unicodeScalars.allSatisfy { !ScalarClass.isAlnum($0.value) } }
        guard next < words.count, !isPunctuation(next) else { return true }
        if language.whFollowers.contains(words[next]) { return true }
        if language.whRequiresAuxiliary {
            var k = next
            while k < words.count && k < next + language.whAuxiliaryWindow {
                if language.auxiliaries.contains(words[k]) { return true }
                if language.subjects.contains(words[k]) && k == next { return false }
                if isPunctuation(k) { return false }
                k += 1
            }
            return false
        }
        return !language.subjectsBlock.contains(words[next])
    }

    private func helpAnywhere(_ words: [Int32]) -> String? {
        for language in languages {
            for i in words.indices where language.helpAnywhere.match(words, at: i) != nil {
                return "\(language.code):help-phrase"
            }
        }
        return nil
    }

    private func finalParticle(_ text: TokenizedText, _ range: Range<Int>) -> (rule: String, confidence: Double)? {
        let s = text.buffer.scalars
        var index = range.upperBound - 1
        while index >= range.lowerBound && !text.tokens[index].kind.isLexical { index -= 1 }
        guard index >= range.lowerBound else { return nil }
        let token = text.tokens[index]
        for particle in particles where token.length >= particle.scalars.count {
            if s[(token.end - particle.scalars.count)..<token.end].elementsEqual(particle.scalars) {
                return (particle.rule, particle.confidence)
            }
        }
        return nil
    }

    /// The kind of a marked question without an opener: choice, wh or yes/no.
    private func markKind(_ text: TokenizedText, _ range: Range<Int>, _ words: [Int32], _ kinds: [TokenKind]) -> QuestionKind {
        let unspaced = unspacedWords(text, range, kinds)
        if hasChoice(words, kinds, unspaced) { return .choice }
        for language in languages {
            for i in words.indices where kinds[i].isLexical {
                if language.whWords.match(words, at: i) != nil { return .wh }
                // Interrogatives inside unspaced CJK words; never in ASCII words.
                if !language.whAnywhere.isEmpty, let word = unspaced[i],
                   language.whAnywhere.contains(where: { word.contains($0) }) { return .wh }
            }
        }
        return .yesNo
    }

    private func refine(_ kind: QuestionKind, _ text: TokenizedText, _ range: Range<Int>, _ words: [Int32], _ kinds: [TokenKind]) -> QuestionKind {
        kind == .yesNo && hasChoice(words, kinds, unspacedWords(text, range, kinds)) ? .choice : kind
    }

    /// Each lexical word's lowercased text when it is not ASCII (nil otherwise), for the rules
    /// that look inside unspaced words; computed once per sentence, not once per language.
    private func unspacedWords(_ text: TokenizedText, _ range: Range<Int>, _ kinds: [TokenKind]) -> [String?] {
        (0..<range.count).map { k in
            let token = text.tokens[range.lowerBound + k]
            guard kinds[k].isLexical, text.buffer.scalars[token.start..<token.end].contains(where: { $0 >= 0x80 }) else { return nil }
            let word = text.lowercased(range.lowerBound + k)
            return word.utf8.allSatisfy({ $0 < 0x80 }) ? nil : word
        }
    }

    /// "A or B": a choice word between two words.
    private func hasChoice(_ words: [Int32], _ kinds: [TokenKind], _ unspaced: [String?]) -> Bool {
        guard words.count >= 3 else { return false }
        for i in 1..<(words.count - 1) where kinds[i - 1].isLexical && kinds[i + 1].isLexical {
            if languages.contains(where: { $0.choiceWordIDs.contains(words[i]) }) { return true }
        }
        for word in unspaced.compactMap({ $0 }) {
            for language in languages {
                for choice in language.choiceWords where choice.unicodeScalars.count > 1 && word.contains(choice)
                    && choice.unicodeScalars.first.map({ !$0.isASCII }) == true {
                    return true
                }
            }
        }
        return false
    }
}

/// Every word the question rules mention, lowercased and numbered, so that a sentence's words
/// are hashed once and the rules compare numbers; a word the rules never mention is −1.
struct RuleVocabulary: Sendable {
    private var ids: [String: Int32] = [:]
    /// The words whose canonical form is ASCII of up to eight bytes, packed (`pack`): most words
    /// of chat are such, and are looked up without building or hashing a string.
    private var short = IntegerMap<Int32>()
    var count: Int { ids.count }

    mutating func id(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(ids.count)
        ids[word] = id
        // Strings compare by canonical equivalence, so a lowered ASCII token equals the word's
        // canonical form, when that has no capitals.
        let canonical = word.precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
        if !canonical.contains(where: { $0 >= 0x41 && $0 <= 0x5A }), let key = Self.pack(canonical) { short.set(key, id) }
        return id
    }

    /// The id of token `index` of `text` lowercased; −1 for a word the rules never mention.
    func lookup(_ text: TokenizedText, _ index: Int) -> Int32 {
        let token = text.tokens[index]
        if let key = Self.pack(text.buffer.scalars[token.start..<token.end]) { return short[key] ?? -1 }
        return ids[text.lowercased(index)] ?? -1
    }

    /// Up to eight ASCII scalars (never NUL) lowered, one per byte from the lowest, so the
    /// length is where the zero bytes start; nil for longer or other words.
    private static func pack<Scalars: Collection<UInt32>>(_ scalars: Scalars) -> UInt64? {
        guard scalars.count <= 8 else { return nil }
        var key: UInt64 = 0, shift: UInt64 = 0
        for scalar in scalars {
            guard scalar > 0, scalar < 0x80 else { return nil }
            key |= UInt64(ScalarClass.asciiLower(scalar)) << shift
            shift += 8
        }
        return key
    }

    mutating func ids(_ words: [String]) -> [Int32] {
        var result: [Int32] = []
        for word in words { result.append(id(word)) }
        return result
    }

    mutating func set(_ words: [String]) -> WordSet { WordSet(ids(words)) }
}

/// A set of small non-negative numbers as bits: vocabulary words by id, word heads
/// (`EntityScanner.head`).
struct WordSet: Sendable {
    private var bits: [UInt64] = []

    init<Words: Sequence<Int32>>(_ words: Words) {
        for word in words {
            let index = Int(word >> 6)
            if index >= bits.count { bits += repeatElement(0, count: index + 1 - bits.count) }
            bits[index] |= 1 << UInt64(word & 63)
        }
    }

    func contains(_ word: Int32) -> Bool {
        word >= 0 && Int(word >> 6) < bits.count && bits[Int(word >> 6)] & (1 << UInt64(word & 63)) != 0
    }
}

/// Phrases as sequences of word ids, indexed by first word.
struct PhraseSet: Sendable {
    /// Per first word id, its phrases longest first.
    private var byFirst: [[[Int32]]] = []

    init(_ phrases: [String], phrase: (String) -> [String], vocabulary: inout RuleVocabulary) {
        for text in phrases {
            let words = vocabulary.ids(phrase(text))
            guard let first = words.first else { continue }
            if Int(first) >= byFirst.count { byFirst += repeatElement([], count: Int(first) + 1 - byFirst.count) }
            byFirst[Int(first)].append(words)
        }
        for k in byFirst.indices { byFirst[k].sort { $0.count > $1.count } }
    }

    /// The length in tokens of the longest phrase starting at `i`.
    func match(_ words: [Int32], at i: Int) -> Int? {
        guard i < words.count, words[i] >= 0, Int(words[i]) < byFirst.count else { return nil }
        for candidate in byFirst[Int(words[i])] where i + candidate.count <= words.count {
            if zip(candidate.indices, candidate).allSatisfy({ words[i + $0.0] == $0.1 }) { return candidate.count }
        }
        return nil
    }
}

/// One language's rules with lists turned into sets and phrase indexes (a class, so that
/// iterating languages does not copy a dozen sets).
final class CompiledLanguage: Sendable {
    let code: String
    let whWords: PhraseSet
    let whAnywhere: [String]
    let whRequiresAuxiliary: Bool
    let whAuxiliaryWindow: Int
    let whFollowers: WordSet
    let subjectsBlock: WordSet
    let auxiliaries: WordSet
    let subjects: WordSet
    let yesNoOpeners: PhraseSet
    let helpOpeners: PhraseSet
    let helpAnywhere: PhraseSet
    let fillers: WordSet
    let choiceWords: [String]
    let choiceWordIDs: WordSet
    let negations: WordSet
    let hyphenPronouns: WordSet
    let inversionExceptions: PhraseSet
    let inversionAnyWord: WordSet
    /// Every word the language's lists mention: a cheap signal of which language a sentence is in.
    let vocabulary: [Int32]

    init(_ language: QuestionRules.Language, phrase: (String) -> [String], vocabulary numbers: inout RuleVocabulary) {
        code = language.code
        whWords = PhraseSet(language.whWords, phrase: phrase, vocabulary: &numbers)
        whAnywhere = language.whWordsAnywhere
        whRequiresAuxiliary = language.whRequiresAuxiliary
        whAuxiliaryWindow = language.whAuxiliaryWindow
        whFollowers = numbers.set(language.whFollowers.map { $0.lowercased() })
        subjectsBlock = numbers.set(language.subjectsBlock.map { $0.lowercased() })
        auxiliaries = numbers.set(language.auxiliaries.map { $0.lowercased() })
        subjects = numbers.set(language.subjects.map { $0.lowercased() })
        yesNoOpeners = PhraseSet(language.yesNoOpeners, phrase: phrase, vocabulary: &numbers)
        helpOpeners = PhraseSet(language.helpOpeners, phrase: phrase, vocabulary: &numbers)
        helpAnywhere = PhraseSet(language.helpAnywhere, phrase: phrase, vocabulary: &numbers)
        fillers = numbers.set(language.fillers.map { $0.lowercased() })
        choiceWords = language.choiceWords.map { $0.lowercased() }
        choiceWordIDs = numbers.set(choiceWords)
        negations = numbers.set(language.negations.map { $0.lowercased() })
        hyphenPronouns = numbers.set(language.hyphenInversionPronouns.map { $0.lowercased() })
        inversionExceptions = PhraseSet(language.inversionExceptions, phrase: phrase, vocabulary: &numbers)
        inversionAnyWord = numbers.set(language.inversionAnyWord.map { $0.lowercased() })
        let lists = [language.whWords, language.whFollowers, language.subjectsBlock, language.auxiliaries, language.subjects,
                     language.yesNoOpeners, language.helpOpeners, language.helpAnywhere, language.fillers,
                     language.choiceWords, language.negations, language.hyphenInversionPronouns]
        vocabulary = numbers.ids(lists.joined().flatMap { phrase($0) }.filter { $0.unicodeScalars.contains { ScalarClass.isAlnum($0.value) } })
    }
}
