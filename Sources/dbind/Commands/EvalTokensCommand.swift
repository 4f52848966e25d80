import ArgumentParser
import DBindPipeline
import DBindCore
import DBindFormats
import Foundation

/// `dbind eval tokens`: UAX #29 conformance of the base segmenter and chat-token gold.
struct EvalTokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "UAX #29 conformance (WordBreakTest, SentenceBreakTest) and chat tokenizer gold."
    )

    @Option(help: "Root of the shared evaluation data (holds unicode/<version>/WordBreakTest.txt).")
    var data: String = "../shared/data"

    @Option(help: "Chat token gold (JSONL with text and tokens).")
    var gold: String = TextEvaluation.defaultTokenGold

    @Flag(help: "Print failing cases.")
    var errors = false

    @Flag(help: "Print one JSON object of metrics as the last line.")
    var json = false

    func run() throws {
        var summary: [String: Any] = ["icu_unicode_version": UnicodeInfo.icuUnicodeVersion]
        if let folder = TextEvaluation.unicodeFolder(dataRoot: data) {
            for (name, kind) in [("WordBreakTest.txt", BreakConformance.Kind.word), ("SentenceBreakTest.txt", .sentence)] {
                let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let cases = try BreakTestFile.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
                let result = BreakConformance.check(kind: kind, cases: cases.map { ($0.line, $0.text, $0.boundaries) })
                let byLine = Dictionary(uniqueKeysWithValues: cases.map { ($0.line, $0) })
                var explained: [String: Int] = [:]
                var unexplained: [Int] = []
                for failure in result.failures {
                    if let tailoring = byLine[failure.line].flatMap({ UAX29Tailoring.explaining($0.scalars.map(\.value)) }) {
                        explained[tailoring.rawValue, default: 0] += 1
                    } else {
                        unexplained.append(failure.line)
                    }
                    if errors { print("\(name):\(failure.line): expected \(failure.expected), got \(failure.actual)") }
                }
                print("\(name) (\(URL(fileURLWithPath: folder).lastPathComponent)): \(result.passed)/\(result.total) pass; "
                      + "ICU tailorings \(explained.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); "
                      + "unexplained \(unexplained.count)")
                summary[kind == .word ? "word_break" : "sentence_break"] = [
                    "file": path, "total": result.total, "passed": result.passed,
                    "icu_tailorings": explained, "unexplained_lines": unexplained,
                ] as [String: Any]
            }
        } else {
            print("skipped UAX #29 conformance: no unicode folder under \(data)")
        }
        let items = try GoldSetLoader.load(path: gold, dataRoot: data)
        let result = TextEvaluation.tokens(items)
        if errors {
            for (item, predicted) in result.errors { print("TOKENS \(item.text.debugDescription)\n  gold \(item.tokens ?? [])\n  got  \(predicted)") }
        }
        print("chat tokens: \(result.exact)/\(result.items) texts exact; " + EvalFormatting.row("boundaries", result.boundaries))
        summary["chat_tokens"] = ["items": result.items, "exact": result.exact, "boundaries": result.boundaries.summary] as [String: Any]
        if json { print(try JSONOutput.line(object: summary)) }
    }
}
