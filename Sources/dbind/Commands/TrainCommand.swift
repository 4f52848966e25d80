import ArgumentParser
import DBindCore
import DBindFormats
import DBindPipeline
import Foundation

/// `dbind train`: fits the parts of the pipeline that learn from data.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Fit the learned parts of the pipeline.",
        subcommands: [TrainSegmenterCommand.self]
    )
}

/// `dbind train segmenter`: the link scorer's weights from annotated IRC files.
struct TrainSegmenterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segmenter",
        abstract: "Fit the segmenter's link scorer on IRC disentanglement gold links and write its weights.",
        discussion: """
        Every annotated message's candidate antecedents (the previous messages of its channel \
        and each rule's suggestion) and the option of starting a conversation are described by \
        time, distance, speaker, addressing, shared-word and rule features, exactly as `dbind \
        tag` describes them; a softmax over the candidates is fitted to the gold links (a \
        maximum-entropy ranker, seeded, so the same files give the same weights). The weights \
        file lists one `feature weight` per line.

        Examples:
          dbind train segmenter
          dbind train segmenter --data ../shared/data/irc-disentanglement/train --output my.weights
        """
    )

    @Option(help: "Folder with .raw.txt and .annotation.txt files to fit on.")
    var data = "../shared/data/irc-disentanglement/train"

    @Option(help: ArgumentHelp("Where to write the weights.", valueName: "path"))
    var output = "schemas/links-irc.weights"

    @OptionGroup var text: TextResourceOptions

    @Flag(help: "Print one JSON object as the last line.")
    var json = false

    func run() throws {
        let samples = try CLIError.wrap { try IRCDisentanglementLoader.load(directory: data) }
        guard !samples.isEmpty else { throw ValidationError("\(data): no .raw.txt/.annotation.txt pairs found") }
        let job = SegmenterTrainingJob(samples: samples, text: try text.load())
        let (model, result) = job.run()
        let source = (data as NSString).lastPathComponent == "train" ? "irc-disentanglement/train" : data
        try CLIError.wrap { try LinkModelFile.write(model, header: job.header(source: source, result: result), to: output) }
        print("""
        Fitted on \(result.files) files: \(result.messages) annotated messages, \(result.reachable) with a gold antecedent among the candidates.
        Training accuracy \(String(format: "%.1f", 100 * result.trainAccuracy))% in \(String(format: "%.1f", result.seconds)) s; weights in \(output).
        """)
        if json { print(JSONOutput.line(result)) }
    }
}
