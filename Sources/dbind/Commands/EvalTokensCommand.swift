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
        let report = try TextEvaluation.tokenReport(gold: gold, dataRoot: data)
        if let folder = report.unicodeFolder {
            for result in [report.wordBreak, report.sentenceBreak].compactMap({ $0 }) {
                if errors {
                    for failure in result.failures { print("\(result.name):\(failure.line): expected \(failure.expected), got \(failure.actual)") }
                }
                let tailorings = result.icuTailorings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                print("\(result.name) (\(URL(fileURLWithPath: folder).lastPathComponent)): \(result.passed)/\(result.total) pass; "
                      + "ICU tailorings \(tailorings); unexplained \(result.unexplainedLines.count)")
            }
        } else {
            print("skipped UAX #29 conformance: no unicode folder under \(data)")
        }
        if errors {
            for (item, predicted) in report.chatTokenErrors { print("TOKENS \(item.text.debugDescription)\n  gold \(item.tokens ?? [])\n  got  \(predicted)") }
        }
        let tokens = report.chatTokens
        print("chat tokens: \(tokens.exact)/\(tokens.items) texts exact; " + EvalFormatting.row("boundaries", tokens.boundaries))
        if json { print(JSONOutput.line(report)) }
    }
}
