import DBindCore

/// One line of a Unicode break conformance file (WordBreakTest.txt, SentenceBreakTest.txt).
public struct BreakTestCase: Sendable, Hashable {
    /// 1-based line number in the file.
    public var line: Int
    public var scalars: [Unicode.Scalar]
    /// Code-point offsets where the file says a boundary is (0 and the end excluded).
    public var boundaries: [Int]

    public var text: String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

/// Errors in input files, each naming the file and position.
public struct FormatError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }

    /// The UTF-8 text of `path`, or an error naming the file and why it cannot be read.
    static func readText(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw FormatError(file: path, line: 0, "cannot read file: \(error.localizedDescription)")
        }
    }
}

/// Parser for the `÷ 0041 × 0308 ÷` notation of Unicode's UAX #29 test files.
public enum BreakTestFile {
    public static func parse(_ content: String, file: String) throws -> [BreakTestCase] {
        var cases: [BreakTestCase] = []
        var lineNumber = 0
        for rawLine in content.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let parts = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let body = parts.first.map(String.init)?.trimmingSpaces ?? ""
            if body.isEmpty { continue }
            var scalars: [Unicode.Scalar] = []
            var boundaries: [Int] = []
            for field in body.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                switch field {
                case "÷":
                    if !scalars.isEmpty { boundaries.append(scalars.count) }
                case "×":
                    continue
                default:
                    guard let value = UInt32(field, radix: 16), let scalar = Unicode.Scalar(value) else {
                        throw FormatError(file: file, line: lineNumber, "expected a hex code point, found \"\(field)\"")
                    }
                    scalars.append(scalar)
                }
            }
            if boundaries.last == scalars.count { boundaries.removeLast() }
            cases.append(BreakTestCase(line: lineNumber, scalars: scalars, boundaries: boundaries))
        }
        return cases
    }
}

extension String {
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" || first == "\r" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" || last == "\r" { view.removeLast() }
        return String(view)
    }
}
