import ArgumentParser
import DBindReview
import DBindStore
import Foundation

extension ReviewQueueKind: ExpressibleByArgument {}

/// `dbind review`: go through a queue of items in a plain-text REPL and label them.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review auto-tags, questions, entities, conversations or channels, and label them.",
        discussion: """
        Shows one item at a time (message with context, author, time, auto-tags with confidence and \
        rules, current labels) and reads one command per line: a label key or name, y (accept), \
        n (reject), note, skip (.), back (<), undo (u), /search, jump, more (+), progress (%), \
        help (?), quit. Entity spans take `type` and `span`; conversations `move`, `split`, `merge`. \
        Every decision is stored with annotator and time in the append-only label history before \
        the next item appears; the next session on the same queue resumes where this one stopped. \
        Decisions can be piped in or read from --script: they do exactly what typed ones do.

        Queues: tags (least confident auto-tags first), questions, entities, conversations, \
        channels, unlabeled, disagreements (auto-tagger now disagrees with a person).

        Examples:
          dbind review --queue tags --label-set message-intent --channel support
          dbind review --queue channels --annotator alice
          dbind review --queue entities --max-confidence 0.8
          printf 'q\\ny\\nquit\\n' | dbind review --queue tags --annotator bot-check
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Queue: \(ReviewQueueKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var queue: ReviewQueueKind = .tags

    @Option(name: .customLong("label-set"), help: ArgumentHelp("Label set to apply (default depends on the queue).", valueName: "name"))
    var labelSet: String?

    @Option(help: ArgumentHelp("Folder of label set files.", valueName: "path"))
    var labels: String = "labels"

    @Option(help: ArgumentHelp("Who is labeling (default: $USER).", valueName: "name"))
    var annotator: String?

    @Option(help: ArgumentHelp("Only items of this channel (name or id); repeat for several.", valueName: "channel"))
    var channel: [String] = []

    @Option(help: ArgumentHelp("Only items with this tag or its sub-tags (span queues: this span type).", valueName: "tag"))
    var tag: String?

    @Option(name: .customLong("min-confidence"), help: "Only auto-tags (spans, links) at least this confident.")
    var minConfidence: Double?

    @Option(name: .customLong("max-confidence"), help: "Only auto-tags (spans, links) at most this confident.")
    var maxConfidence: Double?

    @Option(name: .customLong("labeled-by"), help: ArgumentHelp("Only items this annotator has labeled.", valueName: "name"))
    var labeledBy: String?

    @Flag(name: .customLong("all"), help: "Include items you have already labeled.")
    var includeDone = false

    @Option(help: "Messages of context shown on each side of an item.")
    var context: Int = 2

    @Option(help: ArgumentHelp("Read commands from this file instead of standard input.", valueName: "path"))
    var script: String?

    @Flag(help: "Start the queue from the beginning instead of resuming (labels are kept).")
    var restart = false

    func validate() throws {
        try ConfidenceOption.check(minConfidence, "--min-confidence")
        try ConfidenceOption.check(maxConfidence, "--max-confidence")
    }

    func run() throws {
        guard let name = try AnnotatorOption.resolve(annotator) else { throw CLIError("no annotator: pass --annotator NAME (or set $USER)") }
        let store = try self.store.open()
        let set = try ReviewSetup.labelSet(named: labelSet, queue: queue, directory: labels)
        let filter = ReviewFilter(channelIDs: try ReviewSetup.channelIDs(channel, store: store),
                                  tag: tag, minConfidence: minConfidence, maxConfidence: maxConfidence,
                                  labeledBy: labeledBy, includeDone: includeDone)
        var lines: LineSource
        if let script {
            guard let text = try? String(contentsOfFile: script, encoding: .utf8) else { throw CLIError("\(script): cannot read the script file") }
            lines = .script(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...])
        } else {
            lines = .standardInput
        }
        let configuration = ReviewConfiguration(queue: queue, labelSet: set, annotator: name, filter: filter,
                                                context: max(0, context), echoInput: script != nil || isatty(0) == 0,
                                                width: Self.terminalWidth())
        if restart {
            try store.clearReviewPosition(annotator: name, queue: QueueSpec(
                kind: queue, labelSet: LabelSetRecord(set), annotator: name, filter: filter).key)
        }
        let session = ReviewSession(store: store, configuration: configuration,
                                    readLine: { lines.next() }, write: { printReport($0) })
        _ = try session.run()
    }
}

extension ReviewCommand {
    /// The terminal's width in columns (100 when output is not a terminal, e.g. piped).
    static func terminalWidth() -> Int {
        var size = winsize()
        guard isatty(1) != 0, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 100 }
        return Int(size.ws_col) - 1
    }
}

/// Where review commands come from: the terminal (or a pipe), or a script file.
private enum LineSource {
    case standardInput
    case script(ArraySlice<String>)

    mutating func next() -> String? {
        switch self {
        case .standardInput:
            return readLine(strippingNewline: true)
        case .script(var remaining):
            guard let line = remaining.popFirst() else { return nil }
            self = .script(remaining)
            return line
        }
    }
}
