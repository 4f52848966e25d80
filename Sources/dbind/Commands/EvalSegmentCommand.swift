import ArgumentParser
import DBindCore
import DBindFormats
import DBindPipeline
import Foundation

/// `dbind eval segment`: conversation disentanglement scores on IRC gold data, next to the
/// trivial baselines.
struct EvalSegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Score conversation segmentation on IRC disentanglement gold data (Kummerfeld et al. 2019).",
        discussion: """
        Reads every <name>.raw.txt / <name>.annotation.txt pair of the folder and runs the product \
        path on them: the files become the channels of a guild in a scratch store, which is tagged \
        exactly as `dbind tag` tags (same question rules, extractor and segmenter), and the stored \
        links are scored: 1-VI (scaled), one-to-one overlap, exact-match conversation P/R/F and link \
        accuracy, per file and pooled over all files, plus the baselines one / gap / previous / new.
        """
    )

    @Option(help: "Folder with .raw.txt and .annotation.txt files.")
    var data = "../shared/data/irc-disentanglement/dev"

    @Option(help: "Fixed time-block gap in minutes (default: adapt to each channel's pace).")
    var gap: Double?

    @Option(help: "Tag schema: a name in --schemas-dir or a YAML path.")
    var schema: String = "base"

    @Option(help: ArgumentHelp("Folder of tag schemas.", valueName: "path"))
    var schemasDir: String = "schemas"

    @OptionGroup var text: TextResourceOptions

    @Flag(help: "Print one JSON object as the last line.")
    var json = false

    func run() throws {
        let samples = try CLIError.wrap { try IRCDisentanglementLoader.load(directory: data) }
        guard !samples.isEmpty else { throw ValidationError("\(data): no .raw.txt/.annotation.txt pairs found") }
        if let gap, gap <= 0 { throw ValidationError("--gap must be positive") }
        let schema = try CLIError.wrap { try TagSchemaLoader(searchDirectories: [schemasDir]).load(self.schema) }
        let job = SegmentEvalJob(samples: samples, schema: schema, text: try text.load(), gapMilliseconds: gap.map { Int64($0 * 60_000) })
        let evaluation = try CLIError.wrap { try job.run() }
        print(SegmentEvaluationReport.table(evaluation))
        if json { print(try SegmentEvaluationReport.json(evaluation)) }
    }
}

/// Text and JSON renderings of a `SegmentEvaluation`.
enum SegmentEvaluationReport {
    static func row(_ name: String, _ s: DisentanglementScores) -> String {
        func cell(_ value: Double) -> String { String(format: "%6.1f", value) }
        return name.padding(toLength: 16, withPad: " ", startingAt: 0)
            + [s.clusters.scaledVI, s.clusters.oneToOne, s.clusters.precision, s.clusters.recall, s.clusters.f1,
               s.linkAccuracy, s.linkF1].map(cell).joined(separator: " ")
            + String(format: " %6d %5d %5d", s.messages, s.goldConversations, s.predictedConversations)
    }

    static func table(_ evaluation: SegmentEvaluation) -> String {
        var lines = ["file              1-VI    1-1  exactP exactR exactF  linkAc linkF   msgs  gold  pred"]
        for file in evaluation.files { lines.append(row(file.name, file.scores)) }
        lines.append(row("OVERALL", evaluation.overall))
        lines.append("baselines")
        for (baseline, scores) in evaluation.baselines { lines.append(row("  " + baseline.rawValue, scores)) }
        lines.append("rules: " + evaluation.ruleCounts.map { "\($0.rule.rawValue) \($0.count)" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    static func object(_ s: DisentanglementScores) -> [String: Any] {
        func round1(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        return [
            "vi": round1(s.clusters.scaledVI), "one_to_one": round1(s.clusters.oneToOne),
            "precision": round1(s.clusters.precision), "recall": round1(s.clusters.recall), "f1": round1(s.clusters.f1),
            "link_accuracy": round1(s.linkAccuracy), "link_precision": round1(s.linkPrecision),
            "link_recall": round1(s.linkRecall), "link_f1": round1(s.linkF1), "messages": s.messages,
            "gold_conversations": s.goldConversations, "predicted_conversations": s.predictedConversations,
        ]
    }

    static func json(_ evaluation: SegmentEvaluation) throws -> String {
        var root = object(evaluation.overall)
        root["files"] = evaluation.files.map { file -> [String: Any] in
            var entry = object(file.scores)
            entry["name"] = file.name
            return entry
        }
        root["baselines"] = Dictionary(uniqueKeysWithValues: evaluation.baselines.map { ($0.baseline.rawValue, object($0.scores)) })
        root["rules"] = Dictionary(uniqueKeysWithValues: evaluation.ruleCounts.map { ($0.rule.rawValue, $0.count) })
        let data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
