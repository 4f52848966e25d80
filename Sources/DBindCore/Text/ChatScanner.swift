// Over 400 lines on purpose: the chat token rules share one cursor over one buffer and their
// order decides which rule wins; in one file that order stays visible.

/// The chat rules' recognisers, run at each position of a text before ICU segments fill the gaps.
///
/// `scan(at:)` answers with the end of a chat token starting at the position, or with a
/// position to continue from when nothing starts there (so a word is skipped in one step).
struct ChatScanner {
    let s: [UInt32]
    let n: Int
    let mask: UInt32

    init(s: [UInt32], mask: UInt32) {
        self.s = s
        self.n = s.count
        self.mask = mask
    }

    @inline(__always) func at(_ i: Int) -> UInt32 { i >= 0 && i < n ? s[i] : 0 }
    @inline(__always) func on(_ rule: ChatRule) -> Bool { mask & rule.bit != 0 }

    private static let backtick: UInt32 = 0x60, lt: UInt32 = 0x3C, gt: UInt32 = 0x3E, at: UInt32 = 0x40
    private static let colon: UInt32 = 0x3A, hash: UInt32 = 0x23, dollar: UInt32 = 0x24, newline: UInt32 = 0x0A
    private static let slash: UInt32 = 0x2F, dot: UInt32 = 0x2E, space: UInt32 = 0x20

    /// Whether the scalar before `i` lets a word-like chat token start at `i`.
    @inline(__always) func wordStartsAt(_ i: Int) -> Bool {
        i == 0 || !ScalarClass.isAlnum(s[i - 1])
    }

    func scan(at i: Int) -> (Int, TokenKind?) {
        let c = s[i]
        switch c {
        case Self.backtick:
            return scanCode(i)
        case Self.lt:
            if on(.discordMention) || on(.customEmoji) || on(.discordTimestamp), let hit = scanDiscordTag(i) { return hit }
            if on(.emoticon), let end = scanEmoticon(i) { return (end, .emoticon) }
        case Self.at:
            if let hit = scanAt(i) { return hit }
        case Self.colon:
            if on(.shortcode), let end = scanShortcode(i) { return (end, .shortcode) }
            if on(.emoticon), let end = scanEmoticon(i) { return (end, .emoticon) }
        case Self.hash, 0x2A:  // # *
            if on(.emoji), let end = scanEmoji(i) { return (end, .emoji) }
            if on(.markdown), let end = scanMarkdown(i) { return (end, .markdown) }
            if c == Self.hash, on(.hashtag), let end = scanHashtag(i) { return (end, .hashtag) }
        case Self.dollar:
            if on(.cashtag), let end = scanCashtag(i) { return (end, .cashtag) }
        case 0x5F, 0x7E, 0x7C, Self.gt, 0x2D:  // _ ~ | > -
            if on(.emoticon), let end = scanEmoticon(i) { return (end, .emoticon) }
            if on(.markdown), let end = scanMarkdown(i) { return (end, .markdown) }
        case 0x3B, 0x3D, 0x5E, 0x5C:  // ; = ^ \
            if on(.emoticon), let end = scanEmoticon(i) { return (end, .emoticon) }
        case 0x30...0x39:
            if on(.emoji), let end = scanEmoji(i) { return (end, .emoji) }
            guard wordStartsAt(i) else { return (i + 1, nil) }
            if on(.clockTime), let end = scanClockTime(i) { return (end, .number) }
            return scanWordStart(i)
        case 0x41...0x5A, 0x61...0x7A:
            guard wordStartsAt(i) else { return (i + 1, nil) }
            if on(.emoticon), let end = scanEmoticon(i) { return (end, .emoticon) }
            return scanWordStart(i)
        default:
            if c >= 0xA9, on(.emoji), let end = scanEmoji(i) { return (end, .emoji) }
        }
        return (i + 1, nil)
    }

    // MARK: URLs, e-mail addresses, bare domains

    /// At the start of an ASCII word: a URL, e-mail address or bare domain; else skip the word.
    private func scanWordStart(_ i: Int) -> (Int, TokenKind?) {
        if on(.url), let end = scanSchemeURL(i) { return (end, .url) }
        let previous = at(i - 1)
        let insideIdentifier: Bool
        switch previous {
        case Self.dot, Self.at, Self.slash, 0x2D, 0x5F, 0x2B, 0x25, 0x5C: insideIdentifier = i > 0
        default: insideIdentifier = false
        }
        if !insideIdentifier {
            if on(.email), let end = scanEmail(i) { return (end, .email) }
            if on(.url), let end = scanDomainURL(i) { return (end, .url) }
        }
        var j = i
        while j < n && ScalarClass.isASCIIAlnum(s[j]) { j += 1 }
        return (j, nil)
    }

    private static let schemes: Set<String> = ["http", "https", "ftp", "ftps", "sftp", "ws", "wss", "git", "ssh",
                                               "file", "irc", "ircs", "steam", "discord", "magnet", "ipfs", "ipns"]

    private func scanSchemeURL(_ i: Int) -> Int? {
        var j = i
        while j < n && j - i < 8 && ScalarClass.isASCIILetter(s[j]) { j += 1 }
        guard at(j) == Self.colon else {
            if j - i == 3, lowerEquals(i, "www"), at(j) == Self.dot, ScalarClass.isAlnum(at(j + 1)) {
                return scanURLTail(i, hostStart: j + 1)
            }
            return nil
        }
        let scheme = String(decoding: s[i..<j].map { UInt8(truncatingIfNeeded: ScalarClass.asciiLower($0)) }, as: UTF8.self)
        guard Self.schemes.contains(scheme) else { return nil }
        if scheme == "magnet", at(j + 1) == 0x3F { return scanURLTail(i, hostStart: j + 1) }
        guard at(j + 1) == Self.slash, at(j + 2) == Self.slash else { return nil }
        let host = at(j + 3)
        guard ScalarClass.isAlnum(host) || host == 0x5B else { return nil }  // [ for IPv6
        return scanURLTail(i, hostStart: j + 3)
    }

    /// Everything up to whitespace, minus trailing punctuation and unbalanced closers, never
    /// shorter than `minimumEnd` (default: one character past `hostStart`).
    private func scanURLTail(_ i: Int, hostStart: Int, minimumEnd: Int? = nil) -> Int? {
        var j = hostStart
        while j < n {
            let c = s[j]
            if c <= Self.space || c == 0x7F || c == Self.lt || c == Self.gt || c == 0x22 || c == Self.backtick { break }
            if c >= 0x80 && !ScalarClass.isAlnum(c) { break }
            j += 1
        }
        return trimURLEnd(start: i, end: j, minimumEnd: minimumEnd ?? hostStart + 1)
    }

    private func trimURLEnd(start: Int, end: Int, minimumEnd: Int) -> Int? {
        var j = end
        while j > minimumEnd {
            let c = s[j - 1]
            switch c {
            case 0x2E, 0x2C, 0x3A, 0x3B, 0x21, 0x3F, 0x27, 0x22, 0x2A, 0x7E, 0x5F, 0x7C:  // . , : ; ! ? ' " * ~ _ |
                j -= 1
                continue
            case 0x29, 0x5D, 0x7D:  // ) ] }
                let open: UInt32 = c == 0x29 ? 0x28 : (c == 0x5D ? 0x5B : 0x7B)
                var balance = 0
                for k in start..<j { if s[k] == open { balance += 1 } else if s[k] == c { balance -= 1 } }
                if balance < 0 { j -= 1; continue }
            default: break
            }
            break
        }
        return j >= minimumEnd ? j : nil
    }

    /// Top-level domains accepted for bare domains. Excludes those that collide with file
    /// extensions or identifiers in chat (`.py`, `.sh`, `.rs`, `.md`, `.so`, `.cc`, `.pl`, `.id`, `.zip`).
    static let topLevelDomains: Set<String> = [
        "com", "org", "net", "edu", "gov", "mil", "int", "io", "gg", "dev", "app", "ai", "co", "me", "tv",
        "xyz", "info", "biz", "ly", "gl", "be", "fm", "to", "us", "uk", "de", "fr", "es", "it", "nl", "ru",
        "jp", "cn", "br", "in", "ca", "au", "eu", "ch", "se", "no", "fi", "dk", "at", "cz", "ie", "nz", "za",
        "kr", "tw", "hk", "mx", "ar", "cl", "pt", "gr", "hu", "ro", "tr", "ua", "il", "sg", "vn", "ir", "by",
        "kz", "lt", "lv", "ee", "sk", "si", "hr", "rs", "bg", "cat", "asia", "cloud", "site", "online",
        "store", "tech", "space", "fun", "page", "wiki", "news", "live", "one", "top", "club", "link", "pro",
        "lol", "art", "blog", "network", "finance", "exchange", "games", "social", "chat", "email",
    ]

    private func scanDomainURL(_ i: Int) -> Int? {
        guard let (hostEnd, _) = scanHost(i, knownTopLevelOnly: true) else { return nil }
        var j = hostEnd
        let next = at(j)
        if ScalarClass.isAlnum(next) || next == 0x5F || next == Self.at { return nil }
        if next == Self.colon, ScalarClass.isASCIIDigit(at(j + 1)) {
            j += 1
            while ScalarClass.isASCIIDigit(at(j)) { j += 1 }
        }
        let after = at(j)
        if after == Self.slash || after == 0x3F || after == Self.hash {
            // A bare domain followed by "?" ends a question ("is it on lido.fi?"), so the tail
            // may be trimmed back to the domain itself.
            return scanURLTail(i, hostStart: j, minimumEnd: j)
        }
        return j
    }

    /// Dot-separated labels of letters, digits and inner hyphens; the last one alphabetic.
    private func scanHost(_ i: Int, knownTopLevelOnly: Bool) -> (Int, Int)? {
        var j = i
        var labels = 0
        var lastLabel = i
        while true {
            let labelStart = j
            while j < n && (ScalarClass.isASCIIAlnum(s[j]) || s[j] == 0x2D) { j += 1 }
            guard j > labelStart, s[labelStart] != 0x2D, s[j - 1] != 0x2D else { return nil }
            labels += 1
            lastLabel = labelStart
            if at(j) == Self.dot, ScalarClass.isASCIIAlnum(at(j + 1)) { j += 1 } else { break }
        }
        guard labels >= 2, j - lastLabel >= 2 else { return nil }
        for k in lastLabel..<j where !ScalarClass.isASCIILetter(s[k]) { return nil }
        if knownTopLevelOnly {
            let tld = String(decoding: s[lastLabel..<j].map { UInt8(truncatingIfNeeded: ScalarClass.asciiLower($0)) }, as: UTF8.self)
            guard Self.topLevelDomains.contains(tld) else { return nil }
        }
        return (j, labels)
    }

    private func scanEmail(_ i: Int) -> Int? {
        var j = i
        while j < n, ScalarClass.isASCIIAlnum(s[j]) || [Self.dot, 0x5F, 0x25, 0x2B, 0x2D].contains(s[j]) { j += 1 }
        guard j > i, at(j) == Self.at, s[j - 1] != Self.dot else { return nil }
        guard let (end, _) = scanHost(j + 1, knownTopLevelOnly: false) else { return nil }
        if ScalarClass.isAlnum(at(end)) || at(end) == Self.at { return nil }
        return end
    }

    // MARK: Discord markup

    private func scanDiscordTag(_ i: Int) -> (Int, TokenKind)? {
        let c1 = at(i + 1)
        if c1 == Self.at, on(.discordMention) {
            var j = i + 2
            var kind = TokenKind.userMention
            if at(j) == 0x21 { j += 1 } else if at(j) == 0x26 { j += 1; kind = .roleMention }
            if let end = digitsThenClose(j) { return (end, kind) }
        } else if c1 == Self.hash, on(.discordMention) {
            if let end = digitsThenClose(i + 2) { return (end, .channelMention) }
        } else if c1 == Self.slash, on(.discordMention) {
            var j = i + 2
            while j < n && j - i < 100 && (ScalarClass.isAlnum(s[j]) || s[j] == 0x2D || s[j] == 0x5F || s[j] == Self.space) { j += 1 }
            if j > i + 2, at(j) == Self.colon, let end = digitsThenClose(j + 1) { return (end, .slashCommand) }
        } else if c1 == 0x74, at(i + 2) == Self.colon, on(.discordTimestamp) {  // <t:
            var j = i + 3
            if at(j) == 0x2D { j += 1 }
            let digitsStart = j
            while ScalarClass.isASCIIDigit(at(j)) { j += 1 }
            guard j > digitsStart else { return nil }
            if at(j) == Self.colon, "tTdDfFRS".unicodeScalars.contains(where: { $0.value == at(j + 1) }) { j += 2 }
            if at(j) == Self.gt { return (j + 1, .timestamp) }
        } else if c1 == Self.colon || (c1 == 0x61 && at(i + 2) == Self.colon), on(.customEmoji) {
            var j = c1 == Self.colon ? i + 2 : i + 3
            let nameStart = j
            while j < n && j - nameStart <= 32 && (ScalarClass.isASCIIAlnum(s[j]) || s[j] == 0x5F) { j += 1 }
            if j - nameStart >= 1, at(j) == Self.colon, let end = digitsThenClose(j + 1) { return (end, .customEmoji) }
        }
        return nil
    }

    private func digitsThenClose(_ start: Int) -> Int? {
        var j = start
        while ScalarClass.isASCIIDigit(at(j)) { j += 1 }
        guard j > start, j - start <= 20, at(j) == Self.gt else { return nil }
        return j + 1
    }

    private func scanAt(_ i: Int) -> (Int, TokenKind)? {
        if on(.everyone) {
            for word in ["everyone", "here"] where lowerEquals(i + 1, word) {
                let end = i + 1 + word.utf8.count
                if !ScalarClass.isAlnum(at(end)) { return (end, .everyone) }
            }
        }
        guard on(.atName), wordStartsAt(i) else { return nil }
        var j = i + 1
        while j < n && (ScalarClass.isAlnum(s[j]) || s[j] == 0x5F || s[j] == Self.dot || s[j] == 0x2D) { j += 1 }
        while j > i + 1 && (s[j - 1] == Self.dot || s[j - 1] == 0x2D) { j -= 1 }
        return j > i + 1 ? (j, .atName) : nil
    }

    private func scanShortcode(_ i: Int) -> Int? {
        guard wordStartsAt(i) else { return nil }
        var j = i + 1
        var letters = 0
        while j < n && j - i <= 64 {
            let c = s[j]
            if ScalarClass.isASCIILetter(c) { letters += 1 } else if !(ScalarClass.isASCIIDigit(c) || c == 0x5F || c == 0x2B || c == 0x2D) { break }
            j += 1
        }
        // Names need a letter, except Discord's :+1: and :-1:.
        let thumbs = j - i == 3 && (at(i + 1) == 0x2B || at(i + 1) == 0x2D) && at(i + 2) == 0x31
        guard letters > 0 || thumbs, j - i >= 3, at(j) == Self.colon, !ScalarClass.isAlnum(at(j + 1)) else { return nil }
        return j + 1
    }

    private func scanCode(_ i: Int) -> (Int, TokenKind?) {
        var run = i
        while at(run) == Self.backtick { run += 1 }
        let length = run - i
        if length >= 3 {
            if on(.codeBlock), let close = findBackticks(from: run, length: 3, exact: false) { return (close, .code) }
            return (run, nil)
        }
        if on(.inlineCode), let close = findBackticks(from: run, length: length, exact: true), close - length > run {
            return (close, .code)
        }
        return (run, nil)
    }

    /// The end of the next run of backticks of `length` (exactly, or at least) after `start`.
    private func findBackticks(from start: Int, length: Int, exact: Bool) -> Int? {
        var j = start
        while j < n {
            if s[j] == Self.backtick {
                var run = j
                while at(run) == Self.backtick { run += 1 }
                if run - j == length || (!exact && run - j >= length) { return run }
                j = run
            } else {
                j += 1
            }
        }
        return nil
    }

    // MARK: Emoji, emoticons, markdown, tags

    func scanEmoji(_ i: Int) -> Int? {
        guard var j = emojiElement(i) else { return nil }
        while at(j) == ScalarClass.zeroWidthJoiner, let next = emojiElement(j + 1) { j = next }
        return j
    }

    private func emojiElement(_ j: Int) -> Int? {
        let c = at(j)
        if ScalarClass.isRegionalIndicator(c) {
            return ScalarClass.isRegionalIndicator(at(j + 1)) ? j + 2 : j + 1
        }
        if c == Self.hash || c == 0x2A || ScalarClass.isASCIIDigit(c) {
            if at(j + 1) == ScalarClass.variationSelector16 && at(j + 2) == ScalarClass.combiningKeycap { return j + 3 }
            if at(j + 1) == ScalarClass.combiningKeycap { return j + 2 }
            return nil
        }
        guard c >= 0xA9 else { return nil }
        let next = at(j + 1)
        guard ScalarClass.isEmojiBase(c)
                || (next == ScalarClass.variationSelector16 && ScalarClass.isEmojiWithSelector(c)) else { return nil }
        var k = j + 1
        if at(k) == ScalarClass.variationSelector16 { k += 1 }
        if ScalarClass.isEmojiModifier(at(k)) { k += 1 }
        while ScalarClass.isTag(at(k)) { k += 1 }
        if at(k) == ScalarClass.variationSelector16 { k += 1 }
        return k
    }

    /// Emoticons by their first scalar (all ASCII), longest first; an array so that the test at
    /// every word start is one load.
    private static let emoticonTable: [[[UInt32]]] = {
        let list = [
            ":)", ":-)", ":(", ":-(", ":D", ":-D", ":P", ":-P", ":p", ":-p", ":O", ":o", ":-O", ":-o",
            ":/", ":-/", ":\\", ":-\\", ":|", ":-|", ":'(", ":')", ":,(", ";)", ";-)", ";D", ";P", ";p", ";-P",
            ":3", ":]", ":[", ":*", ":-*", ":>", ":<", ":S", ":s", ":$", "=)", "=(", "=D", "=P", "=]", "=/",
            "xD", "XD", "xP", "XP", "<3", "</3", "^^", "^_^", "^.^", "^-^", "-_-", "T_T", "TT_TT", ">_<", ">.<",
            "o/", "\\o/", "\\o", "O_O", "o_O", "O_o", "o_o", "-.-", "._.", ":^)", "xd",
        ]
        var table = [[[UInt32]]](repeating: [], count: 128)
        for item in list {
            let scalars = item.unicodeScalars.map(\.value)
            table[Int(scalars[0])].append(scalars)
        }
        for key in table.indices { table[key].sort { $0.count > $1.count } }
        return table
    }()

    private func scanEmoticon(_ i: Int) -> Int? {
        guard s[i] < 0x80 else { return nil }
        for candidate in Self.emoticonTable[Int(s[i])] {
            guard i + candidate.count <= n else { continue }
            var matches = true
            for (k, c) in candidate.enumerated() where s[i + k] != c { matches = false; break }
            guard matches else { continue }
            var end = i + candidate.count
            let last = candidate[candidate.count - 1]
            let first = candidate[0]
            if last == 0x29 || last == 0x28 || (last == 0x44 && first != 0x78 && first != 0x58) {
                while at(end) == last { end += 1 }
            }
            let next = at(end)
            if ScalarClass.isAlnum(next) || next == Self.slash || next == 0x5C || next == Self.colon { continue }
            if candidate == [Self.lt, 0x33] && ScalarClass.isASCIIDigit(next) { continue }
            if !wordStartsAt(i) {
                // Only `word:)`-style faces may touch a preceding word.
                guard (first == Self.colon || first == 0x3B) && (last == 0x29 || last == 0x28) else { continue }
            }
            return end
        }
        return nil
    }

    private func atLineStart(_ i: Int) -> Bool { i == 0 || s[i - 1] == Self.newline }

    private func scanMarkdown(_ i: Int) -> Int? {
        let c = s[i]
        if atLineStart(i) {
            switch c {
            case Self.gt:
                if at(i + 1) == Self.gt && at(i + 2) == Self.gt && at(i + 3) == Self.space { return i + 3 }
                if at(i + 1) == Self.space { return i + 1 }
            case Self.hash:
                var j = i
                while at(j) == Self.hash && j - i < 3 { j += 1 }
                if at(j) == Self.space { return j }
            case 0x2D:
                if at(i + 1) == Self.hash && at(i + 2) == Self.space { return i + 2 }
                if at(i + 1) == Self.space { return i + 1 }
            case 0x2A:
                if at(i + 1) == Self.space { return i + 1 }
            default: break
            }
        }
        switch c {
        case 0x2A, 0x5F:  // * _
            var j = i
            while at(j) == c && j - i < 3 { j += 1 }
            if at(j) == c { return nil }
            let before = at(i - 1), after = at(j)
            let opens = after != 0 && !ScalarClass.isWhitespace(after)
            let closes = before != 0 && !ScalarClass.isWhitespace(before)
            guard opens || closes else { return nil }
            if ScalarClass.isAlnum(before) && ScalarClass.isAlnum(after) { return nil }  // snake_case, 2*3
            if c == 0x5F && (ScalarClass.isAlnum(before) || ScalarClass.isAlnum(after)) == false { return nil }
            return j
        case 0x7E, 0x7C:  // ~~ ||
            guard at(i + 1) == c, at(i + 2) != c else { return nil }
            return i + 2
        default:
            return nil
        }
    }

    private func scanHashtag(_ i: Int) -> Int? {
        guard wordStartsAt(i), at(i - 1) != 0x26, at(i - 1) != Self.hash else { return nil }
        var j = i + 1
        var letters = 0
        while j < n {
            let c = s[j]
            if ScalarClass.isLetter(c) { letters += 1 } else if !(ScalarClass.isAlnum(c) || c == 0x5F || c == 0x2D) { break }
            j += 1
        }
        while j > i + 1 && s[j - 1] == 0x2D { j -= 1 }
        return letters > 0 ? j : nil
    }

    private static let shellVariables: Set<String> = ["PATH", "HOME", "USER", "SHELL", "DISPLAY", "PWD", "LANG", "TERM",
                                                      "EDITOR", "HOSTNAME", "OLDPWD", "IFS", "UID", "CC", "CFLAGS", "ARCH"]

    private func scanCashtag(_ i: Int) -> Int? {
        guard wordStartsAt(i) else { return nil }
        var j = i + 1
        while j < n && ScalarClass.isUpper(s[j]) && j - i <= 7 { j += 1 }
        let length = j - i - 1
        guard length >= 2, length <= 6, !ScalarClass.isAlnum(at(j)), at(j) != 0x5F else { return nil }
        let name = String(decoding: s[(i + 1)..<j].map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
        return Self.shellVariables.contains(name) ? nil : j
    }

    private func scanClockTime(_ i: Int) -> Int? {
        let previous = at(i - 1)
        guard previous != Self.colon, previous != Self.dot else { return nil }
        var j = i
        while ScalarClass.isASCIIDigit(at(j)) && j - i < 2 { j += 1 }
        var groups = 0
        while at(j) == Self.colon, ScalarClass.isASCIIDigit(at(j + 1)), groups < 2 {
            let groupLength = ScalarClass.isASCIIDigit(at(j + 2)) ? 2 : 1
            j += 1 + groupLength
            groups += 1
        }
        guard groups > 0, !ScalarClass.isASCIIDigit(at(j)), !(at(j) == Self.colon && ScalarClass.isASCIIDigit(at(j + 1))) else { return nil }
        return j
    }

    /// Whether the text at `i` is `word` in any ASCII case.
    private func lowerEquals(_ i: Int, _ word: String) -> Bool {
        var k = i
        for c in word.utf8 {
            guard ScalarClass.asciiLower(at(k)) == UInt32(c) else { return false }
            k += 1
        }
        return true
    }
}
