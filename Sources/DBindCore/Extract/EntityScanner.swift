// Over 400 lines on purpose: every recogniser walks the same scalar buffer with the same cursor
// helpers, and they are tuned against each other; split per entity they would copy the helpers.

/// Pattern recognisers for entities, run on raw scalars at token starts.
///
/// Each returns the end of a match (a code-point offset) and a normalised value, or nil.
/// Matches must end at a word boundary; callers decide which recognisers to try by token kind.
struct EntityScanner {
    let s: [UInt32]
    let n: Int

    init(_ s: [UInt32]) {
        self.s = s
        self.n = s.count
    }

    @inline(__always) func at(_ i: Int) -> UInt32 { i >= 0 && i < n ? s[i] : 0 }
    @inline(__always) func isDigit(_ i: Int) -> Bool { ScalarClass.isASCIIDigit(at(i)) }
    @inline(__always) func boundary(_ i: Int) -> Bool { !ScalarClass.isAlnum(at(i)) && at(i) != 0x5F }

    func lowerASCII(_ start: Int, _ end: Int) -> String {
        String(decoding: s[start..<end].map { UInt8(truncatingIfNeeded: ScalarClass.asciiLower($0)) }, as: UTF8.self)
    }

    func text(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        for k in start..<end { if let scalar = Unicode.Scalar(s[k]) { view.append(scalar) } }
        return String(view)
    }

    /// Length of a run of ASCII letters at `i`.
    func letters(_ i: Int) -> Int {
        var j = i
        while j < n && ScalarClass.isASCIILetter(s[j]) { j += 1 }
        return j - i
    }

    func digits(_ i: Int) -> Int {
        var j = i
        while j < n && ScalarClass.isASCIIDigit(s[j]) { j += 1 }
        return j - i
    }

    /// The word of ASCII letters at `i`, lowercased, if it ends at a boundary.
    func word(_ i: Int) -> (end: Int, lower: String)? {
        let length = letters(i)
        guard length > 0, boundary(i + length) else { return nil }
        return (i + length, lowerASCII(i, i + length))
    }

    /// Skips one run of horizontal spaces (at most two) and returns the next position.
    func skipSpace(_ i: Int) -> Int {
        var j = i
        while j < n && j - i < 2 && (s[j] == 0x20 || s[j] == 0xA0) { j += 1 }
        return j
    }

    // MARK: Numbers

    /// `1`, `1,000`, `1.5`, `1,000.25`, `.5`: end and value.
    func number(_ i: Int) -> (end: Int, value: Double)? {
        var j = i
        var text = ""
        let lead = digits(j)
        if lead == 0 {
            guard at(j) == 0x2E, isDigit(j + 1) else { return nil }
        }
        text += self.text(j, j + lead)
        j += lead
        if lead > 0 && lead <= 3 {
            while at(j) == 0x2C, digits(j + 1) == 3 {
                text += self.text(j + 1, j + 4)
                j += 4
            }
        }
        if at(j) == 0x2E, isDigit(j + 1) {
            let fraction = digits(j + 1)
            text += "." + self.text(j + 1, j + 1 + fraction)
            j += 1 + fraction
        } else if lead > 0, at(j) == 0x2C, digits(j + 1) >= 1, digits(j + 1) <= 2, !isDigit(j - lead - 1) {
            // A decimal comma (0,3 %; 2,50 €): one or two digits, so never a thousands group.
            let fraction = digits(j + 1)
            text += "." + self.text(j + 1, j + 1 + fraction)
            j += 1 + fraction
        }
        guard let value = Double(text.hasPrefix(".") ? "0" + text : text) else { return nil }
        return (j, value)
    }

    static let magnitudes: [String: Double] = [
        "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mm": 1e6, "MM": 1e6, "b": 1e9, "B": 1e9, "bn": 1e9,
        "thousand": 1e3, "million": 1e6, "mil": 1e6, "billion": 1e9, "trillion": 1e12,
    ]

    /// A magnitude right after a number (`5k`, `1.2M`) or after a space (`5 million`).
    func magnitude(_ i: Int) -> (end: Int, factor: Double)? {
        let length = letters(i)
        if length > 0 && length <= 2, boundary(i + length), let factor = Self.magnitudes[text(i, i + length)] {
            return (i + length, factor)
        }
        let j = skipSpace(i)
        if j > i, let (end, word) = word(j), word.count > 2, let factor = Self.magnitudes[word] { return (end, factor) }
        return nil
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    // MARK: Money and percent

    static let currencySymbols: [UInt32: String] = [
        0x24: "USD", 0x20AC: "EUR", 0xA3: "GBP", 0xA5: "JPY", 0x20B9: "INR", 0x20BF: "BTC", 0x20A9: "KRW", 0x20BD: "RUB",
    ]
    /// Currency codes and crypto tickers written after an amount, upper case.
    static let currencyCodes: Set<String> = [
        "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "INR", "KRW", "BRL", "RUB", "SEK", "NOK", "PLN",
        "BTC", "ETH", "USDC", "USDT", "DAI", "SOL", "MATIC", "POL", "BNB", "ADA", "DOT", "AVAX", "ARB", "OP", "LINK",
        "UNI", "XRP", "DOGE", "LTC", "ATOM", "TRX", "WETH", "WBTC", "STETH", "SHIB", "PEPE", "APE", "NEAR", "FTM",
        "XMR", "XLM", "TON", "SUI", "APT", "GWEI", "WEI", "SATS", "SAT", "TIA", "LDO", "MKR", "AAVE", "CRV", "GRT",
    ]
    /// Lower-case spellings accepted after an amount (ambiguous words like "op", "link", "dot" are not).
    static let currencyWords: [String: String] = [
        "usd": "USD", "eur": "EUR", "gbp": "GBP", "btc": "BTC", "eth": "ETH", "usdc": "USDC", "usdt": "USDT",
        "dai": "DAI", "sol": "SOL", "matic": "MATIC", "bnb": "BNB", "ada": "ADA", "avax": "AVAX", "doge": "DOGE",
        "gwei": "GWEI", "wei": "WEI", "sats": "SATS", "xmr": "XMR", "weth": "WETH", "wbtc": "WBTC",
        "dollar": "USD", "dollars": "USD", "bucks": "USD", "euro": "EUR", "euros": "EUR", "pounds": "GBP",
        "yen": "JPY", "cents": "USD-cent", "bitcoin": "BTC", "bitcoins": "BTC", "ether": "ETH",
    ]

    /// `$5k`, `€ 10`, `£1,000.50`, `$5 million`.
    func moneyWithSymbol(_ i: Int) -> (end: Int, value: String)? {
        guard let currency = Self.currencySymbols[at(i)] else { return nil }
        if ScalarClass.isAlnum(at(i - 1)) && at(i) == 0x24 { return nil }
        let j = at(i + 1) == 0x20 ? i + 2 : i + 1
        guard let (numberEnd, amount) = number(j) else { return nil }
        var end = numberEnd
        var value = amount
        if let (magnitudeEnd, factor) = magnitude(end) {
            end = magnitudeEnd
            value *= factor
        }
        guard boundary(end) else { return nil }
        // "$1.2M USDC": a currency code after the amount names the currency.
        let codeStart = skipSpace(end)
        let codeLength = letters(codeStart)
        if codeStart > end, codeLength >= 3, boundary(codeStart + codeLength), Self.currencyCodes.contains(text(codeStart, codeStart + codeLength)) {
            return (codeStart + codeLength, "\(Self.format(value)) \(text(codeStart, codeStart + codeLength))")
        }
        return (end, "\(Self.format(value)) \(currency)")
    }

    /// `10 ETH`, `1.2M USDC`, `5 bucks`, `5€`, `12.5%`, `50 percent`.
    func amountWithUnit(_ i: Int) -> (end: Int, type: EntityType, value: String)? {
        guard !ScalarClass.isAlnum(at(i - 1)), at(i - 1) != 0x2E, let (numberEnd, amount) = number(i) else { return nil }
        var end = numberEnd
        var value = amount
        if let (magnitudeEnd, factor) = magnitude(end) {
            end = magnitudeEnd
            value *= factor
        }
        let afterSpace = skipSpace(end)
        if at(afterSpace) == 0x25 { return (afterSpace + 1, .percent, Self.format(value)) }
        if let currency = Self.currencySymbols[at(end)], boundary(end + 1) { return (end + 1, .money, "\(Self.format(value)) \(currency)") }
        let unitStart = afterSpace
        let length = letters(unitStart)
        guard length >= 2, length <= 8, boundary(unitStart + length) else { return nil }
        let unit = text(unitStart, unitStart + length)
        let lower = unit.lowercased()
        if lower == "percent" || lower == "pct" || lower == "prozent" || lower == "por ciento" {
            return (unitStart + length, .percent, Self.format(value))
        }
        if Self.currencyCodes.contains(unit) || (unit == "sats") {
            return (unitStart + length, .money, "\(Self.format(value)) \(unit.uppercased())")
        }
        if let code = Self.currencyWords[lower], unit == lower || unit.first?.isUppercase == true {
            if code == "USD-cent" { return (unitStart + length, .money, "\(Self.format(value / 100)) USD") }
            return (unitStart + length, .money, "\(Self.format(value)) \(code)")
        }
        return nil
    }

    // MARK: Dates and times

    /// The heads of `words` (lower case): a word of the text whose head is not among them is none
    /// of the words, so a recogniser can stop before building the word's string.
    static func heads<S: Sequence<String>>(_ words: S) -> WordSet {
        WordSet(words.compactMap { word in EntityScanner(Array(word.unicodeScalars.map(\.value))).head(0) })
    }

    /// The word at `i` reduced to its first three letters (ASCII, lower case), numbered in base 27
    /// with letters 1...26, so heads of different lengths differ and all are below 27³ (a bit
    /// set of them is 2.5 KB); nil when one of them is not ASCII, where no head is taken.
    func head(_ i: Int) -> Int32? {
        var number: Int32 = 0, j = i
        while j < n, j < i + 3, ScalarClass.isLetter(s[j]) {
            guard s[j] < 0x80 else { return nil }
            number = number * 27 + Int32(ScalarClass.asciiLower(s[j]) - 0x60)
            j += 1
        }
        return number
    }

    /// Whether the word at `i` may be one of the words whose `heads` are given.
    func mayStartWord(_ i: Int, _ heads: WordSet) -> Bool {
        head(i).map(heads.contains) ?? true
    }

    static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names: [[String]] = [
            ["january", "jan", "januar", "enero", "janvier", "janeiro"],
            ["february", "feb", "februar", "febrero", "février", "fevrier", "fevereiro"],
            ["march", "mar", "märz", "marzo", "mars", "março"],
            ["april", "apr", "abril", "avril"],
            ["may", "mai", "mayo", "maio"],
            ["june", "jun", "juni", "junio", "juin", "junho"],
            ["july", "jul", "juli", "julio", "juillet", "julho"],
            ["august", "aug", "agosto", "août", "aout"],
            ["september", "sep", "sept", "septiembre", "septembre", "setembro"],
            ["october", "oct", "oktober", "octubre", "octobre", "outubro"],
            ["november", "nov", "noviembre", "novembre", "novembro"],
            ["december", "dec", "dezember", "diciembre", "décembre", "dezembro"],
        ]
        for (index, list) in names.enumerated() { for name in list { table[name] = index + 1 } }
        return table
    }()

    static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ]

    /// The lowercased letters word at `i` (any script), if it ends at a boundary.
    func anyWord(_ i: Int) -> (end: Int, lower: String)? {
        var j = i
        while j < n && ScalarClass.isLetter(s[j]) { j += 1 }
        guard j > i, boundary(j) else { return nil }
        return (j, text(i, j).lowercased())
    }

    func isValidDate(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        guard month >= 1 && month <= 12 && day >= 1 else { return false }
        let lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1] && year >= 1900 && year <= 2200
    }

    func intValue(_ start: Int, _ end: Int) -> Int { Int(text(start, end)) ?? -1 }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// ISO dates and date-times: `2024-01-15`, `2024-01-15T10:00:00Z`, `2024-01-15 10:00`.
    func isoDate(_ i: Int) -> (end: Int, type: EntityType, value: String)? {
        guard digits(i) == 4, at(i + 4) == 0x2D || at(i + 4) == 0x2F else { return nil }
        let separator = at(i + 4)
        let monthLength = digits(i + 5)
        guard monthLength >= 1 && monthLength <= 2, at(i + 5 + monthLength) == separator else { return nil }
        let dayStart = i + 6 + monthLength
        let dayLength = digits(dayStart)
        guard dayLength >= 1 && dayLength <= 2 else { return nil }
        let year = intValue(i, i + 4), month = intValue(i + 5, i + 5 + monthLength), day = intValue(dayStart, dayStart + dayLength)
        guard isValidDate(year, month, day) else { return nil }
        var end = dayStart + dayLength
        var value = "\(year)-\(Self.pad(month))-\(Self.pad(day))"
        if (at(end) == 0x54 || at(end) == 0x20), let (timeEnd, time) = clock(end + 1, allowSuffix: false) {
            end = timeEnd
            value += "T" + time
            if at(end) == 0x5A { end += 1; value += "Z" }
        }
        guard boundary(end) else { return nil }
        return (end, .date, value)
    }

    /// `15/01/2024`, `01/15/24`, `15.01.2024`; the value is ISO when day and month are unambiguous.
    func numericDate(_ i: Int) -> (end: Int, value: String)? {
        guard !ScalarClass.isAlnum(at(i - 1)), at(i - 1) != 0x2E, at(i - 1) != 0x2F else { return nil }
        let first = digits(i)
        guard first >= 1 && first <= 2 else { return nil }
        let separator = at(i + first)
        guard separator == 0x2F || separator == 0x2E || separator == 0x2D else { return nil }
        let secondStart = i + first + 1
        let second = digits(secondStart)
        guard second >= 1 && second <= 2, at(secondStart + second) == separator else { return nil }
        let yearStart = secondStart + second + 1
        let yearLength = digits(yearStart)
        guard yearLength == 4 || (yearLength == 2 && separator == 0x2F) else { return nil }
        let end = yearStart + yearLength
        guard boundary(end), !(at(end) == separator && isDigit(end + 1)) else { return nil }
        var year = intValue(yearStart, end)
        if yearLength == 2 { year += 2000 }
        let a = intValue(i, i + first), b = intValue(secondStart, secondStart + second)
        let dayFirst = separator != 0x2F || a > 12
        let (day, month) = dayFirst ? (a, b) : (b, a)
        guard isValidDate(year, month, day) else { return nil }
        if separator == 0x2F && a <= 12 && b <= 12 && a != b { return (end, text(i, end)) }
        return (end, "\(year)-\(Self.pad(month))-\(Self.pad(day))")
    }

    /// `10:30`, `7:05:09`: end and `HH:MM[:SS]`.
    func clock(_ i: Int, allowSuffix: Bool) -> (end: Int, value: String)? {
        let hourLength = digits(i)
        guard hourLength >= 1 && hourLength <= 2, at(i + hourLength) == 0x3A, digits(i + hourLength + 1) == 2 else { return nil }
        var hour = intValue(i, i + hourLength)
        let minute = intValue(i + hourLength + 1, i + hourLength + 3)
        var end = i + hourLength + 3
        var second: Int?
        if at(end) == 0x3A, digits(end + 1) == 2 {
            second = intValue(end + 1, end + 3)
            end += 3
        }
        if at(end) == 0x2E, isDigit(end + 1), second != nil { end += 1 + digits(end + 1) }
        guard hour <= 24, minute <= 59, (second ?? 0) <= 60 else { return nil }
        if allowSuffix, let (suffixEnd, pm) = meridiem(end) {
            guard hour >= 1 && hour <= 12 else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
            end = suffixEnd
        }
        var value = "\(Self.pad(hour)):\(Self.pad(minute))"
        if let second { value += ":\(Self.pad(second))" }
        return (end, value)
    }

    /// `am`/`pm`/`a.m.`/`p.m.` after an optional space.
    func meridiem(_ i: Int) -> (end: Int, pm: Bool)? {
        let j = skipSpace(i)
        let c = ScalarClass.asciiLower(at(j))
        guard c == 0x61 || c == 0x70 else { return nil }
        if ScalarClass.asciiLower(at(j + 1)) == 0x6D, boundary(j + 2) { return (j + 2, c == 0x70) }
        if at(j + 1) == 0x2E, ScalarClass.asciiLower(at(j + 2)) == 0x6D, at(j + 3) == 0x2E { return (j + 4, c == 0x70) }
        return nil
    }

    static let timeZones: Set<String> = ["UTC", "GMT", "CET", "CEST", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST",
                                         "PDT", "BST", "JST", "KST", "IST", "AEST", "AEDT", "MSK", "EET", "EEST", "WET", "Z"]

    /// `10:30`, `10:30pm`, `5pm`, `5 p.m.`, each optionally followed by a time zone.
    func time(_ i: Int) -> (end: Int, value: String)? {
        guard !ScalarClass.isAlnum(at(i - 1)), at(i - 1) != 0x3A, at(i - 1) != 0x2E else { return nil }
        var end: Int
        var value: String
        if let (clockEnd, clockValue) = clock(i, allowSuffix: true) {
            guard boundary(clockEnd), !(at(clockEnd) == 0x3A && isDigit(clockEnd + 1)) else { return nil }
            end = clockEnd
            value = clockValue
        } else {
            let hourLength = digits(i)
            guard hourLength >= 1 && hourLength <= 2, let (suffixEnd, pm) = meridiem(i + hourLength) else { return nil }
            let hour = intValue(i, i + hourLength)
            guard hour >= 1 && hour <= 12 else { return nil }
            end = suffixEnd
            value = "\(Self.pad(hour % 12 + (pm ? 12 : 0))):00"
        }
        let zoneStart = skipSpace(end)
        let zoneLength = letters(zoneStart)
        if zoneLength >= 1, zoneLength <= 4, boundary(zoneStart + zoneLength), Self.timeZones.contains(text(zoneStart, zoneStart + zoneLength)) {
            end = zoneStart + zoneLength
            value += " " + text(zoneStart, end)
            if (at(end) == 0x2B || at(end) == 0x2D), digits(end + 1) >= 1, digits(end + 1) <= 2 {
                let offsetEnd = end + 1 + digits(end + 1)
                value += text(end, offsetEnd)
                end = offsetEnd
            }
        }
        return (end, value)
    }

    /// `January 15`, `Jan. 15th, 2024`, `March 2024` (month first).
    static let monthHeads = heads(months.keys)

    func monthFirstDate(_ i: Int) -> (end: Int, value: String)? {
        guard mayStartWord(i, Self.monthHeads), let (wordEnd, lower) = anyWord(i), let month = Self.months[lower] else { return nil }
        if lower == "may" || lower == "mar" || lower == "jan" || lower == "mai" || lower == "march" {
            guard ScalarClass.isUpper(at(i)) else { return nil }
        }
        var j = wordEnd
        if at(j) == 0x2E { j += 1 }
        j = skipSpace(j)
        guard j > wordEnd || at(wordEnd) == 0x2E else { return nil }
        let dayLength = digits(j)
        if dayLength == 4, boundary(j + 4) {
            return (j + 4, "\(text(j, j + 4))-\(Self.pad(month))")
        }
        guard dayLength >= 1 && dayLength <= 2 else { return nil }
        let day = intValue(j, j + dayLength)
        var end = j + dayLength
        end = ordinalSuffix(end) ?? end
        guard boundary(end), day >= 1 && day <= 31 else { return nil }
        var k = at(end) == 0x2C ? end + 1 : end
        k = skipSpace(k)
        if digits(k) == 4, boundary(k + 4), k > end {
            let year = intValue(k, k + 4)
            if isValidDate(year, month, day) { return (k + 4, "\(year)-\(Self.pad(month))-\(Self.pad(day))") }
        }
        return (end, "--\(Self.pad(month))-\(Self.pad(day))")
    }

    /// `15 January`, `15th of Jan 2024`, `1. März 2024` (day first).
    func dayFirstDate(_ i: Int) -> (end: Int, value: String)? {
        guard !ScalarClass.isAlnum(at(i - 1)) else { return nil }
        let dayLength = digits(i)
        guard dayLength >= 1 && dayLength <= 2 else { return nil }
        let day = intValue(i, i + dayLength)
        var j = i + dayLength
        j = ordinalSuffix(j) ?? (at(j) == 0x2E ? j + 1 : j)
        let afterDay = j
        j = skipSpace(j)
        guard j > afterDay else { return nil }
        if let (ofEnd, of) = word(j), of == "of" || of == "de" { j = skipSpace(ofEnd) }
        guard let (monthEnd, lower) = anyWord(j), let month = Self.months[lower], day >= 1 && day <= 31 else { return nil }
        if lower == "may" || lower == "mar" || lower == "jan" || lower == "mai" || lower == "march" {
            guard ScalarClass.isUpper(at(j)) else { return nil }
        }
        var afterMonth = monthEnd
        if at(afterMonth) == 0x2E { afterMonth += 1 }
        if at(afterMonth) == 0x2C { afterMonth += 1 }
        let k = skipSpace(afterMonth)
        if k > afterMonth, digits(k) == 4, boundary(k + 4) {
            let year = intValue(k, k + 4)
            if isValidDate(year, month, day) { return (k + 4, "\(year)-\(Self.pad(month))-\(Self.pad(day))") }
        }
        return (monthEnd, "--\(Self.pad(month))-\(Self.pad(day))")
    }

    func ordinalSuffix(_ i: Int) -> Int? {
        let a = ScalarClass.asciiLower(at(i)), b = ScalarClass.asciiLower(at(i + 1))
        let pairs: [(UInt32, UInt32)] = [(0x73, 0x74), (0x6E, 0x64), (0x72, 0x64), (0x74, 0x68)]  // st nd rd th
        guard pairs.contains(where: { $0 == (a, b) }), boundary(i + 2) else { return nil }
        return i + 2
    }

    /// Every word `relative` starts a match with.
    static let relativeHeads = heads(Array(relativeDays.keys) + Array(weekdays)
                                           + ["next", "last", "this", "coming", "past", "in", "a", "an", "one"])

    static let relativeDays: [String: String] = [
        "today": "P0D", "tonight": "P0D", "tomorrow": "+P1D", "tmrw": "+P1D", "tmr": "+P1D", "yesterday": "-P1D",
        "heute": "P0D", "morgen": "+P1D", "gestern": "-P1D", "übermorgen": "+P2D", "vorgestern": "-P2D",
        "hoy": "P0D", "mañana": "+P1D", "ayer": "-P1D", "demain": "+P1D", "aujourd'hui": "P0D",
        "hoje": "P0D", "amanhã": "+P1D", "ontem": "-P1D",
        "今天": "P0D", "明天": "+P1D", "昨天": "-P1D", "今日": "P0D", "明日": "+P1D", "昨日": "-P1D",
        "오늘": "P0D", "내일": "+P1D", "어제": "-P1D",
    ]

    /// Words after which a bare month name is a date ("by december", "in March").
    static let monthPrepositions: Set<String> = ["by", "in", "until", "till", "since", "before", "after", "from",
                                                 "during", "of", "early", "late", "mid", "end", "im", "bis", "seit",
                                                 "en", "hasta", "desde", "de", "avant", "depuis", "até", "em"]

    static let units: [String: (String, Bool)] = [
        "second": ("S", true), "seconds": ("S", true), "sec": ("S", true), "secs": ("S", true),
        "minute": ("M", true), "minutes": ("M", true), "min": ("M", true), "mins": ("M", true),
        "hour": ("H", true), "hours": ("H", true), "hr": ("H", true), "hrs": ("H", true),
        "day": ("D", false), "days": ("D", false), "week": ("W", false), "weeks": ("W", false),
        "month": ("M", false), "months": ("M", false), "year": ("Y", false), "years": ("Y", false),
    ]

    static let periodWords: Set<String> = ["week", "month", "year", "weekend", "morning", "afternoon", "evening", "night",
                                           "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Relative dates and times: `tomorrow`, `next week`, `this friday`, `in 5 minutes`,
    /// `2 days ago`, `a week ago`; and weekday names.
    func relative(_ i: Int) -> (end: Int, type: EntityType, value: String)? {
        guard !ScalarClass.isAlnum(at(i - 1)) else { return nil }
        if isDigit(i), let (countEnd, count) = integer(i) {
            let j = skipSpace(countEnd)
            guard j > countEnd, let (unitEnd, unit) = word(j), let (code, isTime) = Self.units[unit] else { return nil }
            let k = skipSpace(unitEnd)
            guard k > unitEnd, let (agoEnd, ago) = word(k), ago == "ago" else { return nil }
            return (agoEnd, isTime ? .time : .date, "-" + duration(count, code, isTime))
        }
        guard mayStartWord(i, Self.relativeHeads) else { return nil }
        guard let (end, lower) = anyWord(i) else {
            if let (end, lower) = apostropheWord(i), let value = Self.relativeDays[lower] { return (end, .date, value) }
            return nil
        }
        if let value = Self.relativeDays[lower] {
            if lower == "morgen" && ScalarClass.isUpper(at(i)) { return nil }
            return (end, .date, value)
        }
        if Self.weekdays.contains(lower) { return (end, .date, lower) }
        if lower == "next" || lower == "last" || lower == "this" || lower == "coming" || lower == "past" {
            var j = skipSpace(end)
            guard j > end else { return nil }
            // "next few days", "last couple of weeks", "past 3 months"
            if lower != "this", let (quantityEnd, quantity) = word(j), quantity == "few" || quantity == "couple" {
                j = skipSpace(quantityEnd)
                if quantity == "couple", let (ofEnd, of) = word(j), of == "of" { j = skipSpace(ofEnd) }
                guard let (unitEnd, unit) = word(j), let (code, isTime) = Self.units[unit], unit.hasSuffix("s") else { return nil }
                let sign = lower == "next" || lower == "coming" ? "+" : "-"
                return (unitEnd, isTime ? .time : .date, "\(sign)\(isTime ? "PT" : "P")\(quantity == "few" ? "3" : "2")\(code)~")
            }
            if lower != "this", let (countEnd, count) = integer(j) {
                let unitStart = skipSpace(countEnd)
                guard unitStart > countEnd, let (unitEnd, unit) = word(unitStart), let (code, isTime) = Self.units[unit] else { return nil }
                let sign = lower == "next" || lower == "coming" ? "+" : "-"
                return (unitEnd, isTime ? .time : .date, sign + duration(count, code, isTime))
            }
            guard lower != "past", let (periodEnd, period) = word(j), Self.periodWords.contains(period) else { return nil }
            let sign = lower == "last" ? "-" : (lower == "this" ? "" : "+")
            return (periodEnd, .date, "\(sign)\(period)")
        }
        if lower == "in" {
            let j = skipSpace(end)
            guard j > end else { return nil }
            var count = 1
            var unitStart = j
            if let (countEnd, value) = integer(j) {
                count = value
                unitStart = skipSpace(countEnd)
                guard unitStart > countEnd else { return nil }
            } else if let (articleEnd, article) = word(j), article == "a" || article == "an" {
                unitStart = skipSpace(articleEnd)
            } else {
                return nil
            }
            guard let (unitEnd, unit) = word(unitStart), let (code, isTime) = Self.units[unit] else { return nil }
            return (unitEnd, isTime ? .time : .date, "+" + duration(count, code, isTime))
        }
        if lower == "a" || lower == "an" || lower == "one" {
            let j = skipSpace(end)
            guard j > end, let (unitEnd, unit) = word(j), let (code, isTime) = Self.units[unit] else { return nil }
            let k = skipSpace(unitEnd)
            guard k > unitEnd, let (agoEnd, ago) = word(k), ago == "ago" else { return nil }
            return (agoEnd, isTime ? .time : .date, "-" + duration(1, code, isTime))
        }
        return nil
    }

    private func apostropheWord(_ i: Int) -> (end: Int, lower: String)? {
        var j = i
        while j < n && (ScalarClass.isLetter(s[j]) || s[j] == 0x27 || s[j] == 0x2019) { j += 1 }
        guard j > i, boundary(j) else { return nil }
        return (j, text(i, j).lowercased().replacingApostrophes())
    }

    private func integer(_ i: Int) -> (end: Int, value: Int)? {
        let length = digits(i)
        guard length >= 1 && length <= 4, boundary(i + length) || at(i + length) == 0x20 else { return nil }
        return (i + length, intValue(i, i + length))
    }

    private func duration(_ count: Int, _ code: String, _ isTime: Bool) -> String {
        isTime ? "PT\(count)\(code)" : "P\(count)\(code)"
    }

    // MARK: Crypto, versions, references

    /// `0x` + 40 hex digits (address) or + 64 (transaction hash).
    func hexIdentifier(_ i: Int) -> (end: Int, type: EntityType, value: String)? {
        guard at(i) == 0x30, at(i + 1) == 0x78 || at(i + 1) == 0x58, !ScalarClass.isAlnum(at(i - 1)) else { return nil }
        var j = i + 2
        while j < n && ScalarClass.isHex(s[j]) { j += 1 }
        guard boundary(j) else { return nil }
        switch j - i - 2 {
        case 40: return (j, .cryptoAddress, "0x" + lowerASCII(i + 2, j))
        case 64: return (j, .transactionHash, "0x" + lowerASCII(i + 2, j))
        default: return nil
        }
    }

    /// A bare 64-hex-digit hash (Bitcoin-style transaction id).
    func bareHash(_ i: Int) -> (end: Int, value: String)? {
        guard !ScalarClass.isAlnum(at(i - 1)) else { return nil }
        var j = i
        var hasLetter = false, hasDigit = false
        while j < n && ScalarClass.isHex(s[j]) {
            if ScalarClass.isASCIIDigit(s[j]) { hasDigit = true } else { hasLetter = true }
            j += 1
        }
        guard j - i == 64, boundary(j), hasLetter, hasDigit else { return nil }
        return (j, lowerASCII(i, j))
    }

    private static let bech32Characters: Set<UInt32> = Set("qpzry9x8gf2tvdw0s3jn54khce6mua7l".unicodeScalars.map(\.value))

    /// Bech32 Bitcoin addresses: `bc1…`, `tb1…` (one case throughout).
    func bech32(_ i: Int) -> (end: Int, value: String)? {
        guard !ScalarClass.isAlnum(at(i - 1)) else { return nil }
        let first = ScalarClass.asciiLower(at(i)), second = ScalarClass.asciiLower(at(i + 1))
        guard (first == 0x62 && second == 0x63) || (first == 0x74 && second == 0x62), at(i + 2) == 0x31 else { return nil }
        var j = i + 3
        var upper = ScalarClass.isUpper(at(i)), lower = !upper
        while j < n {
            let c = s[j]
            guard Self.bech32Characters.contains(ScalarClass.asciiLower(c)) else { break }
            if ScalarClass.isUpper(c) { upper = true } else if ScalarClass.isASCIILetter(c) { lower = true }
            j += 1
        }
        let length = j - i
        guard length >= 14, length <= 74, boundary(j), !(upper && lower) else { return nil }
        return (j, lowerASCII(i, j))
    }

    /// ENS names: `vitalik.eth`, `my-dao.eth`.
    func ens(_ i: Int) -> (end: Int, value: String)? {
        guard ![0x2E, 0x40, 0x2F, 0x2D, 0x5F].contains(at(i - 1)), !ScalarClass.isAlnum(at(i - 1)) else { return nil }
        var j = i
        while j < n && (ScalarClass.isASCIIAlnum(s[j]) || s[j] == 0x2D || s[j] == 0x2E) { j += 1 }
        while j > i && s[j - 1] == 0x2E { j -= 1 }
        guard j - i >= 7, boundary(j), lowerASCII(j - 4, j) == ".eth", ScalarClass.isASCIIAlnum(at(j - 5)) else { return nil }
        return (j, lowerASCII(i, j))
    }

    static let versionKeywords: Set<String> = ["version", "versions", "ver", "v", "release", "rel", "versión", "versão", "kernel"]

    /// `v1.2`, `1.2.3`, `2.6.8.1-3-686`, `1.0.0-beta.2`; two-part numbers only after a keyword.
    func version(_ i: Int, afterKeyword: Bool) -> (end: Int, value: String)? {
        // A hyphen may join a version to a package name (linux-headers-2.6.10-5-386).
        let packageSuffix = at(i - 1) == 0x2D && ScalarClass.isASCIILetter(at(i - 2))
        guard packageSuffix || ![0x2E, 0x2D, 0x2F, 0x5F].contains(at(i - 1)), !ScalarClass.isAlnum(at(i - 1)) else { return nil }
        var j = i
        let prefixed = at(j) == 0x76 || at(j) == 0x56
        if prefixed { j += 1 }
        var components: [Int] = []
        let numberStart = j
        while true {
            let length = digits(j)
            guard length > 0 && length <= 6 else { break }
            components.append(intValue(j, j + length))
            j += length
            if at(j) == 0x2E, isDigit(j + 1) { j += 1 } else { break }
        }
        guard !components.isEmpty, j > numberStart else { return nil }
        var suffixed = false
        if (at(j) == 0x2D || at(j) == 0x2B), ScalarClass.isASCIIAlnum(at(j + 1)) {
            var k = j + 1
            while k < n && (ScalarClass.isASCIIAlnum(s[k]) || s[k] == 0x2E || s[k] == 0x2D || s[k] == 0x2B) { k += 1 }
            while k > j + 1 && (s[k - 1] == 0x2E || s[k - 1] == 0x2D) { k -= 1 }
            j = k
            suffixed = true
        } else if ScalarClass.isASCIILetter(at(j)), components.count >= 2 {
            let length = letters(j)
            let tag = lowerASCII(j, j + length)
            if ["a", "b", "rc", "alpha", "beta", "pre", "dev", "post", "p"].contains(tag) {
                j += length
                j += digits(j)
                suffixed = true
            }
        }
        guard boundary(j) else { return nil }
        if at(j) == 0x2E && isDigit(j + 1) { return nil }
        let needed = prefixed || afterKeyword ? 1 : 3
        guard components.count >= needed else { return nil }
        if !prefixed && afterKeyword && components.count < 2 { return nil }
        if components.count == 4 && !suffixed && !prefixed {
            let looksLikeAddress = components[0] >= 10 || components.contains { $0 >= 100 } || Set(components).count == 1
            if looksLikeAddress { return nil }
        }
        return (j, text(prefixed ? i + 1 : i, j))
    }

    static let proposalPrefixes: Set<String> = ["EIP", "ERC", "BIP", "SIP", "AIP", "TIP", "PIP", "CIP", "NIP", "LIP",
                                                "KIP", "HIP", "MIP", "OIP", "GIP", "BEP", "SLIP", "SIMD", "PEP", "RFC",
                                                "XIP", "FIP", "NEP", "TEP", "CAIP", "JEP", "KEP", "RIP", "DIP", "UIP"]
    static let proposalWords: Set<String> = ["proposal", "prop", "propuesta", "proposition", "vorschlag", "proposta"]

    /// `EIP-1559`, `ERC20`, `BIP 32`, `PEP 8`, `Proposal #12`.
    static let proposalHeads = heads(proposalPrefixes.map { $0.lowercased() } + proposalWords)

    func proposal(_ i: Int) -> (end: Int, value: String)? {
        guard mayStartWord(i, Self.proposalHeads), !ScalarClass.isAlnum(at(i - 1)), at(i - 1) != 0x2F, at(i - 1) != 0x2E
        else { return nil }
        let length = letters(i)
        guard length >= 3 && length <= 8 else { return nil }
        let word = text(i, i + length)
        let upper = word.uppercased()
        var j = i + length
        if Self.proposalPrefixes.contains(upper) && (word == upper || word == word.lowercased()) {
            if at(j) == 0x2D || at(j) == 0x20 || at(j) == 0x23 { j += 1 }
            let count = digits(j)
            guard count >= 1 && count <= 5, boundary(j + count), !(at(j + count) == 0x2E && isDigit(j + count + 1)) else { return nil }
            return (j + count, "\(upper)-\(Int(text(j, j + count)) ?? 0)")
        }
        if Self.proposalWords.contains(word.lowercased()) {
            if at(j) == 0x2E { j += 1 }
            j = skipSpace(j)
            guard j > i + length else { return nil }
            guard at(j) == 0x23 else { return nil }
            j += 1
            let count = digits(j)
            guard count >= 1 && count <= 6, boundary(j + count) else { return nil }
            return (j + count, "PROPOSAL-\(Int(text(j, j + count)) ?? 0)")
        }
        return nil
    }

    /// `owner/repo#123`.
    func githubReference(_ i: Int) -> (end: Int, value: String)? {
        guard !ScalarClass.isAlnum(at(i - 1)), ![0x2F, 0x2E, 0x2D, 0x40, 0x3A].contains(at(i - 1)) else { return nil }
        var j = i
        while j < n && j - i < 39 && (ScalarClass.isASCIIAlnum(s[j]) || s[j] == 0x2D) { j += 1 }
        guard j > i, at(j) == 0x2F else { return nil }
        let repoStart = j + 1
        j = repoStart
        while j < n && j - repoStart < 100 && (ScalarClass.isASCIIAlnum(s[j]) || s[j] == 0x2D || s[j] == 0x2E || s[j] == 0x5F) { j += 1 }
        guard j > repoStart, at(j) == 0x23 else { return nil }
        let count = digits(j + 1)
        guard count >= 1 && count <= 7, boundary(j + 1 + count) else { return nil }
        return (j + 1 + count, text(i, j + 1 + count))
    }
}

extension String {
    func replacingApostrophes() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0.value == 0x2019 ? "'" : $0 }))
    }
}

