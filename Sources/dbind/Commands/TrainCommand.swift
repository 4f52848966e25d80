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
        time, distance, speaker, addressing, shared-word, rule and conversation features, exactly \
        as `dbind tag` describes them (the conversations as annotated so far); a softmax over the \
        candidates is fitted to the gold links by 10 small nets from consecutive seeds, averaged, \
        so the same files give the same weights. The weight of starting a conversation is then \
        set so that segmenting the same files, as `dbind tag` does, gives their gold count of \
        conversations. The weights file lists one `feature weight` per line.

        With --db, the weights of --link-weights are fitted further on the conversation \
        corrections reviewers made in that store (moves, splits and merges); a quarter of the \
        corrected messages is held out, and the command reports how many of them the scorer \
        links as the reviewer did, before and after.

        Examples:
          dbind train segmenter --exclude train-c
          dbind train segmenter --data ../shared/data/irc-disentanglement/train --output my.weights
          dbind train segmenter --db guild.sqlite --link-weights schemas/links-irc.weights --output guild.weights
        """
    )

    @Option(help: "Folder with .raw.txt and .annotation.txt files to fit on.")
    var data = "../shared/data/irc-disentanglement/train"

    @Option(help: ArgumentHelp("Leave out the files whose name contains this; repeatable. The shipped weights leave out `train-c`, whose conversations are annotated smaller than the dev and test files' (3.8 against 5.1 messages).", valueName: "text"))
    var exclude: [String] = []

    @Option(help: ArgumentHelp("Where to write the weights (default with IRC files: schemas/links-irc.weights).", valueName: "path"))
    var output: String?

    @Option(help: ArgumentHelp("Fit on the review corrections in this store instead of IRC files.", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("With --db: the weights to start from.", valueName: "path"))
    var linkWeights = LinkModelFile.shipped

    @Option(help: "First seed of the nets (the shipped weights use the default); another seed shows how much a fit depends on it.")
    var seed: UInt64 = LinkTraining().seed

    @OptionGroup var text: TextResourceOptions

    @Flag(help: "Print one JSON object as the last line.")
    var json = false

    func validate() throws {
        if db != nil, output == nil { throw ValidationError("--db needs --output (the IRC weights stay as they are)") }
    }

    func run() throws {
        if let db { return try fitCorrections(db) }
        let output = self.output ?? LinkModelFile.shipped
        let samples = try IRCDisentanglementLoader.load(directory: data).filter { sample in
            !exclude.contains { sample.name.contains($0) }
        }
        guard !samples.isEmpty else { throw CLIError("\(data): no .raw.txt/.annotation.txt pairs found") }
        var job = SegmenterTrainingJob(samples: samples, text: try text.load())
        job.training.seed = seed
        let (model, result) = job.run()
        let folder = (data as NSString).lastPathComponent == "train" ? "irc-disentanglement/train" : data
        let source = folder + exclude.map { " without *\($0)*" }.joined()
        try LinkModelFile.write(model, header: job.header(source: source, result: result), to: output)
        print("""
        Fitted on \(result.files) files: \(result.messages) annotated messages, \(result.reachable) with a gold antecedent among the candidates.
        Training accuracy \(String(format: "%.1f", 100 * result.trainAccuracy))% in \(String(format: "%.1f", result.seconds)) s; weights in \(output).
        """)
        if json { print(JSONOutput.line(result)) }
    }

    func fitCorrections(_ path: String) throws {
        let store = try StoreOptions.open(path: path, creating: false)
        let base = try LinkModelFile.load(path: linkWeights)
        let (model, result) = try CorrectionTrainingJob(store: store, base: base, text: try text.load()).run()
        guard result.corrections > 0 else { throw CLIError("\(path): no conversation corrections to learn from") }
        let header = ["Fitted by `dbind train segmenter --db` from \(linkWeights) on \(result.corrections) corrected messages of \(path)."]
        try LinkModelFile.write(model, header: header, to: output!)
        func percent(_ value: Double) -> String { String(format: "%.1f%%", 100 * value) }
        print("""
        Fitted on \(result.corrections - result.heldOut) corrected messages, \(result.heldOut) held out.
        Held-out corrections linked as the reviewer did: \(percent(result.heldOutBefore)) before, \(percent(result.heldOutAfter)) after \
        (fitted ones: \(percent(result.fittedBefore)) → \(percent(result.fittedAfter))); weights in \(output!).
        """)
        if json { print(JSONOutput.line(result)) }
    }
}
