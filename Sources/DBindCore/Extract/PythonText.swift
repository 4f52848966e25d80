/// Python `str` predicates and spaCy lexical attributes, so pattern files written for spaCy
/// mean the same thing here (`IS_ALPHA` is `str.isalpha()`, `LIKE_NUM` is spaCy's English rule).
enum PythonText {
    static func category(_ scalar: Unicode.Scalar) -> Unicode.GeneralCategory { scalar.properties.generalCategory }

    static func isLetterCategory(_ scalar: Unicode.Scalar) -> Bool {
        switch category(scalar) {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isDigitScalar(_ scalar: Unicode.Scalar) -> Bool {
        guard let type = scalar.properties.numericType else { return false }
        return type == .decimal || type == .digit
    }

    static func isDigit(_ text: String) -> Bool { !text.isEmpty && text.unicodeScalars.allSatisfy(isDigitScalar) }
    static func isAlpha(_ text: String) -> Bool { !text.isEmpty && text.unicodeScalars.allSatisfy(isLetterCategory) }

    static func isCased(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isCased }

    static func isUpper(_ text: String) -> Bool {
        var cased = false
        for scalar in text.unicodeScalars where isCased(scalar) {
            if scalar.properties.isLowercase || category(scalar) == .titlecaseLetter { return false }
            cased = true
        }
        return cased
    }

    static func isLower(_ text: String) -> Bool {
        var cased = false
        for scalar in text.unicodeScalars where isCased(scalar) {
            if !scalar.properties.isLowercase { return false }
            cased = true
        }
        return cased
    }

    /// `str.istitle()`: uppercase only after uncased characters, lowercase only after cased ones.
    static func isTitle(_ text: String) -> Bool {
        var previousCased = false
        var cased = false
        for scalar in text.unicodeScalars {
            let isUpperOrTitle = scalar.properties.isUppercase || category(scalar) == .titlecaseLetter
            if isUpperOrTitle {
                if previousCased { return false }
                previousCased = true
                cased = true
            } else if scalar.properties.isLowercase && isCased(scalar) {
                if !previousCased { return false }
                previousCased = true
                cased = true
            } else {
                previousCased = false
            }
        }
        return cased
    }

    /// spaCy's `word_shape`: letters as X/x, digits as d, runs capped at four.
    static func shape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        if scalars.count >= 100 { return "LONG" }
        var shape = String.UnicodeScalarView()
        var last: Unicode.Scalar?
        var run = 0
        for scalar in scalars {
            let character: Unicode.Scalar
            if isLetterCategory(scalar) {
                character = scalar.properties.isUppercase ? "X" : "x"
            } else if isDigitScalar(scalar) {
                character = "d"
            } else {
                character = scalar
            }
            if character == last { run += 1 } else { run = 0; last = character }
            if run < 4 { shape.append(character) }
        }
        return String(shape)
    }

    private static let numberWords: Set<String> = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
        "trillion", "quadrillion", "gajillion", "bazillion",
    ]
    private static let ordinalWords: Set<String> = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
        "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth",
        "hundredth", "thousandth", "millionth", "billionth", "trillionth", "quadrillionth", "gajillionth", "bazillionth",
    ]

    /// spaCy's English `like_num` (`lower` is the text lowercased).
    static func likeNumber(_ text: String, lower: String) -> Bool {
        // Fast paths without allocation: plain ASCII words and plain digit runs.
        var letters = true, digits = true
        for byte in text.utf8 {
            let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            letters = letters && isLetter
            digits = digits && isDigit
            if !letters && !digits { break }
        }
        if digits && !text.isEmpty { return true }
        if letters && !text.isEmpty {
            if numberWords.contains(lower) || ordinalWords.contains(lower) { return true }
            return false
        }
        var scalars = Array(text.unicodeScalars)
        if let first = scalars.first, "+-±~".unicodeScalars.contains(first) { scalars.removeFirst() }
        let stripped = scalars.filter { $0 != "," && $0 != "." }
        if !stripped.isEmpty && stripped.allSatisfy(isDigitScalar) { return true }
        if let slash = stripped.firstIndex(of: "/"), stripped.lastIndex(of: "/") == slash {
            let numerator = stripped[..<slash], denominator = stripped[(slash + 1)...]
            if !numerator.isEmpty, !denominator.isEmpty, numerator.allSatisfy(isDigitScalar), denominator.allSatisfy(isDigitScalar) {
                return true
            }
        }
        guard let last = stripped.last, isLetterCategory(last) else { return false }
        var word = lower
        if word.contains(where: { $0 == "," || $0 == "." || "+-±~".contains($0) }) {
            word = String(String.UnicodeScalarView(String(String.UnicodeScalarView(scalars)).lowercased().unicodeScalars
                .filter { $0 != "," && $0 != "." }))
        }
        if numberWords.contains(word) || ordinalWords.contains(word) { return true }
        for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) {
            let digits = word.unicodeScalars.dropLast(2)
            if !digits.isEmpty && digits.allSatisfy(isDigitScalar) { return true }
        }
        return false
    }

    /// spaCy's `URL_MATCH` (its tokenizer's URL pattern), ported with `\p{Ll}` for ALPHA_LOWER.
    private static let urlMatch = SharedRegex(regex: try! Regex(
        #"^(?:(?:[\w\+\-\.]{2,})://)?(?:\S+(?::\S*)?@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})"#
        + #"(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})"#
        + #"(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}"#
        + #"(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[A-Za-z0-9\x{A1}-\x{FFFF}][A-Za-z0-9\x{A1}-\x{FFFF}_-]{0,62})?"#
        + #"[A-Za-z0-9\x{A1}-\x{FFFF}]\.)+(?:\p{Ll}{2,63}))(?::\d{2,5})?(?:[/?#]\S*)?$"#))

    /// spaCy's `like_url`: a scheme or `www.`, a known top-level domain, or its URL pattern.
    static func likeURL(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        if text.hasPrefix("http://") || text.hasPrefix("https://") { return true }
        if text.hasPrefix("www.") && text.unicodeScalars.count >= 5 { return true }
        // Scalar tests: `String.contains(String)` goes through Foundation's slow substring search.
        let scalars = text.unicodeScalars
        if text.first == "." || text.last == "." || scalars.contains("@") || !scalars.contains(".") { return false }
        let tail = text.split(separator: ".", omittingEmptySubsequences: false).last ?? ""
        let tld = tail.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        if tld.hasSuffix("/") { return true }
        if isAlpha(tld) && ChatScanner.topLevelDomains.contains(tld) { return true }
        return (try? urlMatch.regex.wholeMatch(in: text)) != nil
    }

    /// spaCy's `like_email`: `[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9-.]+` at the start of the text.
    static func likeEmail(_ text: String) -> Bool {
        let s = text.unicodeScalars.map(\.value)
        var i = 0
        func run(_ allowed: (UInt32) -> Bool) -> Int {
            let start = i
            while i < s.count && allowed(s[i]) { i += 1 }
            return i - start
        }
        guard run({ ScalarClass.isASCIIAlnum($0) || [0x5F, 0x2E, 0x2B, 0x2D].contains($0) }) > 0,
              i < s.count, s[i] == 0x40 else { return false }
        i += 1
        // The domain's first label may not contain dots; regex backtracking makes any dot after
        // at least one label character work, so the first dot must follow a non-empty label.
        guard run({ ScalarClass.isASCIIAlnum($0) || $0 == 0x2D }) > 0, i < s.count, s[i] == 0x2E else { return false }
        i += 1
        return run({ ScalarClass.isASCIIAlnum($0) || $0 == 0x2D || $0 == 0x2E }) > 0
    }
}
