import ArgumentParser
import DBindFormats

/// Where the text stage's rules come from: question rules, entity patterns, gazetteer files.
struct TextResourceOptions: ParsableArguments {
    @Option(help: "Question rules (YAML). Default: questions.yaml in the schemas folder (--schemas-dir where the command has it, else schemas/) when present, else the built-in rules.")
    var questionRules: String?

    @Option(name: .customLong("patterns"), help: "spaCy EntityRuler pattern file (JSONL); repeatable.")
    var patternFiles: [String] = []

    @Option(help: "Gazetteer schema (YAML) listing term files; default: gazetteers.yaml in the schemas folder when present.")
    var gazetteers: String?

    /// `schemasDirectory` is the folder the question rules and gazetteer default to.
    func load(schemasDirectory: String = "schemas") throws -> TextResources {
        try TextResources.load(questionRules: questionRules, patternFiles: patternFiles, gazetteers: gazetteers,
                               directory: schemasDirectory)
    }
}
