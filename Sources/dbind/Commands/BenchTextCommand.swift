import ArgumentParser
import DBindPipeline
import DBindCore
import DBindFormats
import Foundation

/// `dbind bench text`: single-core throughput of the text stage over a corpus.
struct BenchTextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Measure tokenize + sentences + questions + entities throughput on one core."
    )

    @Option(help: "Corpus: one JSON string per line.")
    var input: String

    @Option(name: .customLong("patterns"), help: "spaCy EntityRuler pattern file (JSONL) to include; repeatable.")
    var patternFiles: [String] = []

    @Flag(help: "Print one JSON object of measurements as the last line.")
    var json = false

    func run() throws {
        let texts = try TextLines.read(path: input)
        let ruler = try CLIError.wrap { try EntityPatternLoader.ruler(paths: patternFiles) }
        let resources = TextResources(questions: QuestionDetector(), entities: EntityExtractor(ruler: ruler))
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        let measurement = TextBenchmark.run(texts, resources: resources)
        let megabytes = Double(bytes) / 1_000_000
        let report: [String: Any] = [
            "messages": texts.count, "megabytes": (megabytes * 10).rounded() / 10, "tokens": measurement.tokens,
            "questions": measurement.questions, "entities": measurement.entities,
            "tokenize_seconds": measurement.tokenizeSeconds, "total_seconds": measurement.totalSeconds,
            "tokenize_tokens_per_second": Int(Double(measurement.tokens) / measurement.tokenizeSeconds),
            "ruler_seconds": measurement.rulerSeconds, "ruler_matches": measurement.rulerMatches,
            "tokenize_ruler_tokens_per_second": measurement.rulerSeconds > 0 ? Int(Double(measurement.tokens) / measurement.rulerSeconds) : 0,
            "tokens_per_second": Int(Double(measurement.tokens) / measurement.totalSeconds),
            "messages_per_second": Int(Double(texts.count) / measurement.totalSeconds),
            "megabytes_per_second": (megabytes / measurement.totalSeconds * 100).rounded() / 100,
            "patterns": ruler?.patterns.count ?? 0,
        ]
        print("\(texts.count) messages, \(String(format: "%.1f", megabytes)) MB, \(measurement.tokens) tokens")
        print("tokenize only:            \(report["tokenize_tokens_per_second"] ?? 0) tokens/s")
        print("tokenize+patterns:        \(report["tokenize_ruler_tokens_per_second"] ?? 0) tokens/s")
        print("tokenize+questions+entities: \(report["tokens_per_second"] ?? 0) tokens/s, \(report["messages_per_second"] ?? 0) messages/s, \(report["megabytes_per_second"] ?? 0) MB/s")
        if json { print(try JSONOutput.line(object: report)) }
    }
}
