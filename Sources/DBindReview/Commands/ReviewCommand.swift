/// One thing a reviewer can do at the prompt. Each command lives in a file of its own here and
/// works through the session's shared state and decision helpers.
protocol ReviewCommand {
    /// Carries out the command; returns whether to show the current item again.
    func run(in session: ReviewSession) throws -> Bool
}

extension ReviewInput {
    /// The command a parsed line asks for; nil for an empty line and for `quit`, which the
    /// session loop handles itself.
    var command: (any ReviewCommand)? {
        switch self {
        case .nothing, .quit: nil
        case .help: HelpCommand()
        case .progress: ProgressCommand()
        case .more: MoreContextCommand()
        case .skip: SkipCommand()
        case .back: BackCommand()
        case .undo: UndoCommand()
        case .jump(let target): JumpCommand(target: target)
        case .search(let query): SearchCommand(query: query)
        case .note(let text): NoteCommand(text: text)
        case .accept: AcceptCommand()
        case .reject: RejectCommand()
        case .labels(let names): LabelCommand(names: names)
        case .type(let type): SpanTypeCommand(type: type)
        case .spanRange(let start, let end): SpanRangeCommand(start: start, end: end)
        case .spanText(let text): SpanTextCommand(text: text)
        case .move(let number, let target): MoveCommand(number: number, target: target)
        case .split(let number): SplitCommand(number: number)
        case .merge(let other): MergeCommand(other: other)
        }
    }
}
