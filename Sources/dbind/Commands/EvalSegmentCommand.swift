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

    @OptionGroup var schema: SchemaOptions

    @OptionGroup var text: TextResourceOptions
    @OptionGroup var links: LinkModelOptions

    @Flag(help: "Print one JSON object as the last line.")
    var json = false

    func run() throws {
        let samples = try IRCDisentanglementLoader.load(directory: data)
        guard !samples.isEmpty else { throw CLIError("\(data): no .raw.txt/.annotation.txt pairs found") }
        if let gap, gap <= 0 { throw CLIError("--gap must be positive") }
        let schema = try self.schema.load()
        let directory = self.schema.schemasDir
        let job = SegmentEvalJob(samples: samples, schema: schema, text: try text.load(schemasDirectory: directory),
                                 gapMilliseconds: gap.map { Int64($0 * 60_000) }, linkModel: try links.load(schemasDirectory: directory))
        let evaluation = try job.run()
        print(SegmentEvaluationReport.table(evaluation))
        if json { print(JSONOutput.line(SegmentEvaluationReport(evaluation))) }
    }
}
