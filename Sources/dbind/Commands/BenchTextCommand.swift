import ArgumentParser
import DBindPipeline
import DBindCore
import DBindFormats
import Foundation

/// `dbind bench text`: single-core throughput of the text stage over a corpus.
struct BenchTextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Measure the text stage dbind tag runs (tokens, sentences, questions, entities, gazetteer, patterns) on one core over a corpus of texts."
    )

    @Option(help: "Corpus: one JSON string per line.")
    var input: String

    /// The same rules `dbind tag` loads, so the number is the text stage the product runs.
    @OptionGroup var text: TextResourceOptions

    @Flag(help: "Print one JSON object of measurements as the last line.")
    var json = false

    func run() throws {
        let texts = try TextLines.read(path: input)
        let resources = try text.load()
        let report = TextBenchmarkReport(TextBenchmark.run(texts, resources: resources), texts: texts,
                                         patterns: resources.entities.ruler?.patterns.count ?? 0)
        print("\(report.messages) messages, \(String(format: "%.1f", report.megabytes)) MB, \(report.tokens) tokens")
        print("tokenize only:            \(report.tokenizeTokensPerSecond) tokens/s")
        print("tokenize+patterns:        " + (report.tokenizeRulerTokensPerSecond.map { "\($0) tokens/s" } ?? "no patterns (--patterns FILE)"))
        print("tokenize+questions+entities: \(report.tokensPerSecond) tokens/s, \(report.messagesPerSecond) messages/s, \(report.megabytesPerSecond) MB/s")
        if json { print(JSONOutput.line(report)) }
    }
}
