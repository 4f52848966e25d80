import DBindCore
import DBindFormats
import DBindTestSupport
import Foundation
import Testing


@Suite("UAX #29 conformance")
struct BreakConformanceTests {
    @Test("ICU word boundaries match WordBreakTest 15.1.0 except ICU's documented tailorings",
          .enabled(if: RepoPaths.hasSharedData, "needs ../shared/data/unicode (shared evaluation data)"))
    func wordBreaks() throws {
        let path = RepoPaths.sharedDataURL.appendingPathComponent("unicode/15.1.0/WordBreakTest.txt")
        let cases = try BreakTestFile.parse(String(contentsOf: path, encoding: .utf8), file: path.path)
        #expect(cases.count == 1826)
        let result = BreakConformance.check(kind: .word, cases: cases.map { ($0.line, $0.text, $0.boundaries) })
        let byLine = Dictionary(uniqueKeysWithValues: cases.map { ($0.line, $0) })
        for failure in result.failures {
            guard let testCase = byLine[failure.line] else { continue }
            let tailoring = UAX29Tailoring.explaining(testCase.scalars.map(\.value))
            #expect(tailoring != nil, "WordBreakTest.txt:\(failure.line): expected \(failure.expected), got \(failure.actual)")
        }
        #expect(result.passed >= 1809)
    }

    @Test("ICU sentence boundaries match SentenceBreakTest 15.1.0",
          .enabled(if: RepoPaths.hasSharedData, "needs ../shared/data/unicode (shared evaluation data)"))
    func sentenceBreaks() throws {
        let path = RepoPaths.sharedDataURL.appendingPathComponent("unicode/15.1.0/SentenceBreakTest.txt")
        let cases = try BreakTestFile.parse(String(contentsOf: path, encoding: .utf8), file: path.path)
        let result = BreakConformance.check(kind: .sentence, cases: cases.map { ($0.line, $0.text, $0.boundaries) })
        for failure in result.failures.prefix(10) {
            Issue.record("SentenceBreakTest.txt:\(failure.line): expected \(failure.expected), got \(failure.actual)")
        }
        #expect(result.total == cases.count && result.total > 400)
        #expect(result.passed == result.total)
    }

    @Test("A malformed conformance line names its file and line")
    func malformedLine() {
        #expect {
            try BreakTestFile.parse("÷ 0041 ÷\n÷ 00ZZ ÷\n", file: "WordBreakTest.txt")
        } throws: { error in
            "\(error)".hasPrefix("WordBreakTest.txt:2: ") && "\(error)".contains("00ZZ")
        }
    }
}
