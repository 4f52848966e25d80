/// Byte-level text features the segmenter needs, computed in one pass over UTF-8.
///
/// Segmentation runs over millions of messages, so nothing here builds `String`s: names and
/// words are compared by a 64-bit hash of their ASCII-lowercased bytes (non-ASCII bytes are
/// hashed as they are, so two spellings differing only in non-ASCII case do not match).
public enum SegmentText {
    /// FNV-1a offset basis; also the hash of the empty string.
    static let emptyHash: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(lowercased(byte))) &* 0x0000_0100_0000_01B3
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Hash of a name or word, case-insensitive for ASCII; the key of every name lookup.
    public static func nameHash(_ text: some StringProtocol) -> UInt64 {
        var hash = emptyHash
        for byte in text.utf8 { hash = mix(hash, byte) }
        return hash
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash = emptyHash
        for i in range { hash = mix(hash, bytes[i]) }
        return hash
    }

    /// Hash of a nick without its trailing decoration (`_`, `^`, `|`, `` ` ``, `-`, digits), so
    /// `steve:` finds `steve^` and `bob_` finds `bob`. Nil when nothing or too little is left.
    static func undecoratedHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        var end = range.upperBound
        while end > range.lowerBound, isDecoration(bytes[end - 1]) { end -= 1 }
        guard end - range.lowerBound >= 2 else { return nil }
        return hash(bytes, range.lowerBound..<end)
    }

    public static func undecoratedHash(_ text: String) -> UInt64? {
        var copy = text
        return copy.withUTF8 { undecoratedHash($0, 0..<$0.count) }
    }

    @inline(__always)
    static func isDecoration(_ byte: UInt8) -> Bool {
        byte == 0x5F || byte == 0x5E || byte == 0x7C || byte == 0x60 || byte == 0x2D || (byte >= 0x30 && byte <= 0x39)
    }

    /// Letters, digits and the characters IRC and Discord allow inside names and technical
    /// words (`_ - . / [ ] ^ | \` and all non-ASCII bytes).
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x80...0xFF: return true
        case 0x5F, 0x2D, 0x2E, 0x2F, 0x5B, 0x5D, 0x5E, 0x7C, 0x5C, 0x60: return true
        default: return false
        }
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Common English function words and chat fillers; they say nothing about the topic.
    static let stopwordHashes = IntegerMap(keys: """
    the and but for with are was were been this that you she they them their its it's i'm im don't \
    does did can could would should will not yes okay just have has had what how why when where who \
    which there here from about out get got use using any anyone some know like thanks thank thx \
    please help all one now then than also too very your you're mine our his her him into over only \
    still want need try tried doe ubuntu hello hey yeah yep nope well really sure maybe think see way \
    lol hmm heh
    """.split(separator: " ").map { nameHash($0) })

    static let greetingHashes = IntegerMap(keys: """
    hi hello hey heya hiya howdy yo greetings morning evening afternoon hallo hola sup hai moin salut ciao
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { nameHash($0) })

    /// Second words that turn a first word into a greeting: "good morning", "excuse me",
    /// "anyone around".
    static let greetingPairHashes = IntegerMap(keys: [
        ("good", "morning"), ("good", "evening"), ("good", "afternoon"), ("good", "day"), ("excuse", "me"),
        ("anyone", "here"), ("anyone", "around"), ("anyone", "awake"), ("anyone", "alive"),
        ("anybody", "here"), ("anybody", "around"),
    ].map { pairKey(nameHash($0.0), nameHash($0.1)) })

    /// A short message (at most 40 bytes, no `?`) that opens with a greeting.
    static func isGreeting(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard bytes.count - start <= 40 else { return false }
        var first: UInt64?
        var second: UInt64?
        var i = start
        while i < bytes.count, second == nil {
            while i < bytes.count, !isLetter(bytes[i]) {
                if bytes[i] == 0x3F { return false }
                i += 1
            }
            let wordStart = i
            while i < bytes.count, isLetter(bytes[i]) { i += 1 }
            guard i > wordStart else { continue }
            if first == nil { first = hash(bytes, wordStart..<i) } else { second = hash(bytes, wordStart..<i) }
        }
        guard let first else { return false }
        if greetingHashes.contains(first) || second.map({ greetingPairHashes.contains(pairKey(first, $0)) }) == true {
            for k in i..<bytes.count where bytes[k] == 0x3F { return false }
            return true
        }
        return false
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte == 0x27 }
}

/// What one message's text says about its links, extracted once per message.
struct TextFeatures {
    /// Hash of the first word (and of its undecorated form) when it is written like an address:
    /// followed by `:`/`,`/`>` or by a space and more text. Zero when absent.
    var leadingHash: UInt64 = 0
    var leadingUndecoratedHash: UInt64 = 0
    /// The leading word ended with `:` or `,`, the explicit IRC addressing form.
    var leadingIsExplicit = false
    /// Bytes of the leading word, for prefix matching of shortened nicks.
    var leadingLength = 0
    /// `@Name` at the very start (Discord's rendering of a leading mention): hashes of the
    /// candidate names of one to four words after the `@`.
    var atNameHashes: [UInt64] = []
    /// The same for the first `@Name` later in the text (a mention that does not address).
    var innerAtNameHashes: [UInt64] = []
    /// Distinct content-word hashes (no stopwords, no short words, plural `s` dropped).
    var words: [UInt64] = []
    /// Starts with `!`, the usual bot command prefix.
    var isCommand = false
    /// A bare greeting ("hi all", "good morning", "anyone around"): it opens no topic.
    var isGreeting = false

    static let maximumWords = 16
    static let maximumAtNameWords = 4

    init() {}

    /// Re-reads the features from `text`, keeping the buffers' capacity.
    mutating func load(_ text: String) {
        leadingHash = 0
        leadingUndecoratedHash = 0
        leadingIsExplicit = false
        leadingLength = 0
        isCommand = false
        isGreeting = false
        if !atNameHashes.isEmpty { atNameHashes.removeAll(keepingCapacity: true) }
        if !innerAtNameHashes.isEmpty { innerAtNameHashes.removeAll(keepingCapacity: true) }
        words.removeAll(keepingCapacity: true)
        var copy = text
        copy.withUTF8 { extract($0) }
    }

    private mutating func extract(_ bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        var start = 0
        while start < count, SegmentText.isSpace(bytes[start]) { start += 1 }
        guard start < count else { return }
        isCommand = bytes[start] == 0x21
        if bytes[start] == 0x40 {
            atNameHashes = SegmentText.atNameCandidates(bytes, from: start + 1)
        } else {
            var end = start
            while end < count, SegmentText.isWordByte(bytes[end]) { end += 1 }
            var wordEnd = end
            while wordEnd > start, bytes[wordEnd - 1] == 0x2E { wordEnd -= 1 }
            if wordEnd > start {
                let next: UInt8 = end < count ? bytes[end] : 0
                leadingIsExplicit = next == 0x3A || next == 0x2C || next == 0x3E || next == 0x3B
                if leadingIsExplicit || SegmentText.isSpace(next) || next == 0 {
                    leadingHash = SegmentText.hash(bytes, start..<wordEnd)
                    leadingUndecoratedHash = SegmentText.undecoratedHash(bytes, start..<wordEnd) ?? 0
                    leadingLength = wordEnd - start
                }
            }
        }
        isGreeting = SegmentText.isGreeting(bytes, from: start)
        collectWords(bytes, from: start)
    }

    private mutating func collectWords(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
        let count = bytes.count
        var i = start
        while i < count, words.count < TextFeatures.maximumWords {
            while i < count, !SegmentText.isWordByte(bytes[i]) {
                if bytes[i] == 0x40, i > start, innerAtNameHashes.isEmpty {
                    innerAtNameHashes = SegmentText.atNameCandidates(bytes, from: i + 1)
                }
                i += 1
            }
            let wordStart = i
            var hasLetter = false
            while i < count, SegmentText.isWordByte(bytes[i]) {
                let lower = SegmentText.lowercased(bytes[i])
                if (lower >= 0x61 && lower <= 0x7A) || lower >= 0x80 { hasLetter = true }
                i += 1
            }
            var end = i
            while end > wordStart, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2D { end -= 1 }
            let length = end - wordStart
            guard length >= 3, hasLetter else { continue }
            if length > 4, SegmentText.lowercased(bytes[end - 1]) == 0x73, SegmentText.lowercased(bytes[end - 2]) != 0x73 {
                end -= 1
            }
            let hash = SegmentText.hash(bytes, wordStart..<end)
            if length <= 8, SegmentText.stopwordHashes.contains(hash) { continue }
            if !words.contains(hash) { words.append(hash) }
        }
    }
}

extension SegmentText {
    /// Hashes of the one- to four-word names that may follow an `@`, shortest first.
    static func atNameCandidates(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [UInt64] {
        var hashes: [UInt64] = []
        var hash = emptyHash
        var i = start
        var words = 0
        while i < bytes.count, words < TextFeatures.maximumAtNameWords {
            let byte = bytes[i]
            if isSpace(byte) || byte == 0x3A || byte == 0x2C {
                if i > start, !isSpace(bytes[i - 1]) {
                    hashes.append(hash)
                    words += 1
                }
                if byte != 0x20 { break }
                hash = mix(hash, byte)
            } else {
                hash = mix(hash, byte)
            }
            i += 1
        }
        if i == bytes.count, i > start, words < TextFeatures.maximumAtNameWords { hashes.append(hash) }
        return hashes
    }
}
