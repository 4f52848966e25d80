import ArgumentParser

/// `dbind eval`: scores dbind's stages against gold data.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a pipeline stage against gold data.",
        subcommands: [EvalSegmentCommand.self]
    )
}
