import ArgumentParser
import DBindFormats

/// Where the text stage's rules come from: question rules, entity patterns, gazetteer files.
struct TextResourceOptions: ParsableArguments {
    @Option(help: "Question rules (YAML). Default: schemas/questions.yaml when present, else the built-in rules.")
    var questionRules: String?

    @Option(name: .customLong("patterns"), help: "spaCy EntityRuler pattern file (JSONL); repeatable.")
    var patternFiles: [String] = []

    @Option(help: "Gazetteer schema (YAML) listing term files; default: schemas/gazetteers.yaml when present.")
    var gazetteers: String?

    func load() throws -> TextResources {
        try TextResources.load(questionRules: questionRules, patternFiles: patternFiles, gazetteers: gazetteers)
    }
}
