import ArgumentParser
import DBindCore
import DBindFormats

/// The segmenter's link scorer: the explainable rules alone unless weights are given.
struct LinkModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Link scorer weights from `dbind train segmenter` (e.g. schemas/links-irc.weights); default: the rules alone.",
                               valueName: "path"))
    var linkWeights: String?

    func load() throws -> LinkModel? {
        try linkWeights.map { path in try LinkModelFile.load(path: path) }
    }
}
