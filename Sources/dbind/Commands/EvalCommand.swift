import ArgumentParser

/// `dbind eval`: scores each stage against gold data.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a pipeline stage against gold data.",
        subcommands: [
            EvalTokensCommand.self,
            EvalQuestionsCommand.self,
            EvalEntitiesCommand.self,
            EvalSegmentCommand.self,
        ]
    )
}

/// Options shared by the text-stage evaluations.
struct EvalDataOptions: ParsableArguments {
    @Option(help: "Root of the shared evaluation data.")
    var data: String = "../shared/data"

    @Option(name: .customLong("gold"), help: "Gold JSONL file; repeatable. Default: fixtures/gold/chat-lines.jsonl and written-multilingual.jsonl.")
    var goldFiles: [String] = []

    @Flag(help: "Print the items the system gets wrong.")
    var errors = false

    @Flag(help: "Print one JSON object of metrics as the last line.")
    var json = false
}
