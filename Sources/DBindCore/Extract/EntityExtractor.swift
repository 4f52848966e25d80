/// Rule-based named entities for chat text: Discord mentions and gazetteer names, emoji,
/// URLs and domains, e-mail, hashtags and cashtags, money and percentages, dates and times,
/// crypto addresses and hashes, versions, proposal and GitHub references, code, plus any
/// spaCy-style pattern rules the caller loads into an `EntityRuler`.
///
/// Every recogniser proposes spans; overlaps are resolved as spaCy's EntityRuler does:
/// longest span first, then the earlier one, then the more specific rule.
public struct EntityExtractor: Sendable {
    public let gazetteer: Gazetteer
    public let ruler: EntityRuler?
    private let compiled: CompiledGazetteer
    private let tokenizer: Tokenizer

    public init(gazetteer: Gazetteer = .empty, ruler: EntityRuler? = nil, tokenizer: Tokenizer = .chat) {
        self.gazetteer = gazetteer
        self.ruler = ruler
        self.compiled = CompiledGazetteer(gazetteer)
        self.tokenizer = tokenizer
    }

    public func extract(_ text: String) -> [EntitySpan] {
        extract(tokenizer.tokenize(text))
    }

    public func extract(_ text: TokenizedText) -> [EntitySpan] {
        var candidates: [(span: EntitySpan, priority: Int)] = []
        collectBuiltIn(text, into: &candidates)
        if let ruler {
            for match in ruler.matches(in: text) {
                candidates.append((match, 0))
            }
        }
        return Self.resolve(candidates)
    }

    /// Longest first, then earliest, then priority; keeps spans that overlap nothing kept.
    static func resolve(_ candidates: [(span: EntitySpan, priority: Int)]) -> [EntitySpan] {
        let ordered = candidates.sorted {
            if $0.span.length != $1.span.length { return $0.span.length > $1.span.length }
            if $0.span.start != $1.span.start { return $0.span.start < $1.span.start }
            return $0.priority > $1.priority
        }
        var kept: [EntitySpan] = []
        var taken: [Range<Int>] = []
        for candidate in ordered {
            let range = candidate.span.start..<candidate.span.end
            if taken.contains(where: { $0.overlaps(range) }) { continue }
            taken.append(range)
            kept.append(candidate.span)
        }
        return kept.sorted { $0.start < $1.start }
    }

    /// Every ticker opens with a capital letter, which the extractor checks before looking a word up.
    static let tickers: Set<String> = ["BTC", "ETH", "SOL", "USDC", "USDT", "DAI", "BNB", "XRP", "ADA", "DOGE", "AVAX",
                                       "MATIC", "ARB", "ATOM", "LTC", "TRX", "SHIB", "PEPE", "WETH", "WBTC", "XMR",
                                       "XLM", "LDO", "MKR", "AAVE", "CRV", "GRT", "TIA", "FTM", "STETH"]

    // Priorities break ties between rules proposing the same span.
    private enum Priority {
        static let code = 100, mention = 90, url = 80, email = 80, crypto = 70, gazetteer = 65, date = 60, time = 55
        static let money = 50, percent = 45, proposal = 40, github = 40, version = 30, tag = 20, emoji = 20, ticker = 10
        static let guess = 5
    }

    private func collectBuiltIn(_ text: TokenizedText, into candidates: inout [(span: EntitySpan, priority: Int)]) {
        let s = text.buffer.scalars
        let scan = EntityScanner(s)
        let tokens = text.tokens
        func add(_ start: Int, _ end: Int, _ type: EntityType, _ rule: String, _ confidence: Double, _ value: String, _ priority: Int) {
            candidates.append((EntitySpan(start: start, end: end, type: type, rule: rule, confidence: confidence, value: value), priority))
        }
        // The last word before this token (over punctuation), lowered only when a rule asks.
        var previousWord: Range<Int>?
        let previousLower = { previousWord.map { scan.lowerASCII($0.lowerBound, $0.upperBound) } ?? "" }
        for index in tokens.indices {
            let token = tokens[index]
            let i = token.start
            let lineStart = index == 0 || s[tokens[index - 1].end..<i].contains(0x0A)
            if lineStart, !compiled.isEmpty, let match = compiled.longestMatch(s, at: i, context: .addressee) {
                let next = scan.at(match.end)
                if next == 0x3A || next == 0x2C {
                    add(i, match.end, match.entry.type, "gazetteer:\(match.entry.source):addressee", 0.9, match.entry.value, Priority.gazetteer)
                }
            }
            if !compiled.isEmpty, let match = compiled.longestMatch(s, at: i, context: .anywhere) {
                add(i, match.end, match.entry.type, "gazetteer:\(match.entry.source)", 0.9, match.entry.value, Priority.gazetteer)
            }
            switch token.kind {
            case .userMention, .roleMention, .channelMention:
                let id = scan.text(i, token.end).filter(\.isNumber)
                let type: EntityType = token.kind == .userMention ? .user : (token.kind == .roleMention ? .role : .channel)
                add(i, token.end, type, "mention:\(type.rawValue.lowercased())", 1.0, id, Priority.mention)
            case .everyone:
                add(i, token.end, .role, "mention:everyone", 1.0, scan.lowerASCII(i + 1, token.end), Priority.mention)
            case .atName:
                if let match = compiled.longestMatch(s, at: i + 1, context: .afterAt) {
                    add(i, match.end, match.entry.type, "gazetteer:\(match.entry.source)", 0.95, match.entry.value, Priority.gazetteer)
                } else {
                    add(i, token.end, .user, "at-name", 0.6, scan.text(i + 1, token.end).lowercased(), Priority.guess)
                }
            case .hashtag:
                if let match = compiled.longestMatch(s, at: i + 1, context: .afterHash) {
                    add(i, match.end, .channel, "gazetteer:\(match.entry.source)", 0.95, match.entry.value, Priority.gazetteer)
                } else {
                    add(i, token.end, .hashtag, "hashtag", 0.9, scan.text(i + 1, token.end).lowercased(), Priority.tag)
                }
            case .cashtag:
                add(i, token.end, .cashtag, "cashtag", 0.9, scan.text(i + 1, token.end).uppercased(), Priority.tag)
            case .customEmoji:
                let inner = scan.text(i + 1, token.end - 1)
                let parts = inner.split(separator: ":")
                let value = parts.count >= 2 ? "\(parts[parts.count - 2]):\(parts[parts.count - 1])" : inner
                add(i, token.end, .emoji, "emoji:custom", 1.0, value, Priority.emoji)
            case .emoji:
                let value = String(String.UnicodeScalarView(s[i..<token.end].compactMap { $0 == 0xFE0F ? nil : Unicode.Scalar($0) }))
                add(i, token.end, .emoji, "emoji:unicode", 1.0, value, Priority.emoji)
            case .shortcode:
                add(i, token.end, .emoji, "emoji:shortcode", 0.9, scan.text(i + 1, token.end - 1).lowercased(), Priority.emoji)
            case .url:
                addURL(scan, i, token.end, add)
            case .email:
                add(i, token.end, .email, "email", 1.0, scan.text(i, token.end).lowercased(), Priority.email)
            case .code:
                add(i, token.end, .code, token.length >= 6 && s[i + 2] == 0x60 ? "code:block" : "code:inline", 1.0,
                    Self.codeValue(scan, token), Priority.code)
            case .timestamp:
                let inner = scan.text(i + 3, token.end - 1)
                let seconds = Int64(inner.split(separator: ":").first ?? "") ?? 0
                add(i, token.end, .date, "date:discord-timestamp", 1.0,
                    Timestamp(milliseconds: seconds &* 1000).iso8601UTC, Priority.mention)
            case .punctuation, .symbol:
                let c = s[i]
                if c == 0x23, let match = compiled.longestMatch(s, at: i + 1, context: .afterHash) {
                    add(i, match.end, .channel, "gazetteer:\(match.entry.source)", 0.95, match.entry.value, Priority.gazetteer)
                }
                if c == 0x40, let match = compiled.longestMatch(s, at: i + 1, context: .afterAt) {
                    add(i, match.end, match.entry.type, "gazetteer:\(match.entry.source)", 0.95, match.entry.value, Priority.gazetteer)
                }
                if let (end, value) = scan.moneyWithSymbol(i) { add(i, end, .money, "money:symbol", 0.95, value, Priority.money) }
            case .number:
                addNumberPatterns(scan, i, previousLower: previousLower(), add)
                addWordPatterns(scan, i, token, text, index, add)
            case .word:
                addWordPatterns(scan, i, token, text, index, add)
                if previousWord != nil, scan.mayStartWord(i, EntityScanner.monthHeads),
                   EntityScanner.monthPrepositions.contains(previousLower()), let (end, lower) = scan.anyWord(i),
                   lower.count >= 3, let month = EntityScanner.months[lower], lower != "may" && lower != "mar" || ScalarClass.isUpper(s[i]) {
                    add(i, end, .date, "date:month", 0.8, "--\(EntityScanner.pad(month))", Priority.date)
                }
                if let (end, type, value) = scan.relative(i) {
                    add(i, end, type, "date:relative", 0.85, value, Priority.date)
                } else if s[i] >= 0x3000, let value = EntityScanner.relativeDays[scan.text(i, token.end)] {
                    // CJK words are not delimited by spaces; ICU's word boundaries delimit them.
                    add(i, token.end, .date, "date:relative", 0.85, value, Priority.date)
                }
                if token.length >= 2, token.length <= 6, ScalarClass.isUpper(s[i]) {
                    let word = scan.text(i, token.end)
                    if Self.tickers.contains(word) { add(i, token.end, .ticker, "ticker", 0.8, word, Priority.ticker) }
                }
            default:
                break
            }
            if token.kind != .punctuation { previousWord = token.kind == .word ? i..<token.end : nil }
        }
    }

    private typealias Adder = (Int, Int, EntityType, String, Double, String, Int) -> Void

    private func addURL(_ scan: EntityScanner, _ i: Int, _ end: Int, _ add: Adder) {
        // Scheme (when present) and host are case-insensitive; the rest is kept as written.
        var hostStart = i
        var k = i
        while k + 2 < end && ScalarClass.isASCIILetter(scan.at(k)) { k += 1 }
        let hasScheme = k > i && scan.at(k) == 0x3A && scan.at(k + 1) == 0x2F && scan.at(k + 2) == 0x2F
        if hasScheme { hostStart = k + 3 }
        var hostEnd = hostStart
        while hostEnd < end && ![0x2F, 0x3F, 0x23].contains(scan.at(hostEnd)) { hostEnd += 1 }
        let host = scan.text(i, hostEnd).lowercased()
        let rest = scan.text(hostEnd, end)
        if hasScheme {
            add(i, end, .url, "url", 1.0, host + rest, Priority.url)
        } else if hostEnd == end {
            add(i, end, .domain, "domain", 0.9, host, Priority.url)
        } else {
            add(i, end, .url, "url:bare", 0.9, "http://" + host + rest, Priority.url)
        }
    }

    private static func codeValue(_ scan: EntityScanner, _ token: Token) -> String {
        var start = token.start, end = token.end
        while start < end && scan.at(start) == 0x60 { start += 1 }
        while end > start && scan.at(end - 1) == 0x60 { end -= 1 }
        return scan.text(start, end).trimmingCharacters(in: " \n\t\r")
    }

    private func addNumberPatterns(_ scan: EntityScanner, _ i: Int, previousLower: String, _ add: Adder) {
        if let (end, type, value) = scan.hexIdentifier(i) {
            add(i, end, type, type == .cryptoAddress ? "crypto:evm-address" : "crypto:tx-hash", 1.0, value, Priority.crypto)
        }
        if let (end, type, value) = scan.isoDate(i) { add(i, end, type, "date:iso", 1.0, value, Priority.date) }
        if let (end, value) = scan.numericDate(i) { add(i, end, .date, "date:numeric", 0.9, value, Priority.date) }
        if let (end, value) = scan.dayFirstDate(i) { add(i, end, .date, "date:day-month", 0.9, value, Priority.date) }
        if let (end, value) = scan.time(i) { add(i, end, .time, "time:clock", 0.9, value, Priority.time) }
        if let (end, type, value) = scan.relative(i) { add(i, end, type, "date:relative", 0.85, value, Priority.date) }
        if let (end, type, value) = scan.amountWithUnit(i) {
            add(i, end, type, type == .money ? "money:unit" : "percent", 0.9, value, type == .money ? Priority.money : Priority.percent)
        }
        let afterKeyword = EntityScanner.versionKeywords.contains(previousLower)
        if let (end, value) = scan.version(i, afterKeyword: afterKeyword) {
            add(i, end, .version, afterKeyword ? "version:keyword" : "version", 0.85, value, Priority.version)
        }
    }

    private func addWordPatterns(_ scan: EntityScanner, _ i: Int, _ token: Token, _ text: TokenizedText, _ index: Int, _ add: Adder) {
        if let (end, value) = scan.monthFirstDate(i) { add(i, end, .date, "date:month-day", 0.9, value, Priority.date) }
        if let (end, value) = scan.proposal(i) { add(i, end, .proposal, "proposal", 0.95, value, Priority.proposal) }
        if let (end, value) = scan.githubReference(i) { add(i, end, .githubReference, "github-ref", 0.95, value, Priority.github) }
        if let (end, value) = scan.ens(i) { add(i, end, .cryptoAddress, "crypto:ens", 0.95, value, Priority.crypto) }
        if let (end, value) = scan.bech32(i) { add(i, end, .cryptoAddress, "crypto:bech32", 0.95, value, Priority.crypto) }
        if let (end, value) = scan.bareHash(i) { add(i, end, .transactionHash, "crypto:bare-hash", 0.7, value, Priority.crypto) }
        let c = scan.at(i)
        if c == 0x76 || c == 0x56, let (end, value) = scan.version(i, afterKeyword: false) {
            add(i, end, .version, "version:v-prefix", 0.9, value, Priority.version)
        }
    }
}
