import ArgumentParser
import DBindCore
import DBindFormats

/// The segmenter's link scorer: the shipped IRC-fitted weights when present, or the explainable
/// rules alone.
struct LinkModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Link scorer weights from `dbind train segmenter`; default: \(LinkModelFile.shippedName) in the schemas folder when present.",
                               valueName: "path"))
    var linkWeights: String?

    @Flag(help: "Link messages by the explainable rules alone, without the learned scorer.")
    var rulesOnly = false

    func validate() throws {
        if rulesOnly, linkWeights != nil { throw ValidationError("--rules-only and --link-weights exclude each other") }
    }

    /// `schemasDirectory` is the folder the shipped weights are looked up in.
    func load(schemasDirectory: String = "schemas") throws -> LinkModel? {
        try LinkModelFile.load(path: linkWeights, rulesOnly: rulesOnly, directory: schemasDirectory)
    }
}
