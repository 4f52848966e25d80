import DBindCore
import DBindStore
import Foundation

/// How a review session is set up.
public struct ReviewConfiguration: Sendable {
    public var queue: ReviewQueueKind
    public var labelSet: LabelSet
    public var annotator: String
    public var filter: ReviewFilter
    /// Neighbouring messages shown on each side of an item.
    public var context: Int
    /// Repeat each input line after the prompt (for piped input, so the transcript reads like a session).
    public var echoInput: Bool
    /// Columns the screen may use; context lines are cut to fit.
    public var width: Int
    /// Count the queue for progress in the background (the prompt never waits for it) rather
    /// than before the first item.
    public var countInBackground: Bool

    public init(queue: ReviewQueueKind, labelSet: LabelSet, annotator: String, filter: ReviewFilter = ReviewFilter(),
                context: Int = 2, echoInput: Bool = false, width: Int = 100, countInBackground: Bool = true) {
        self.queue = queue
        self.labelSet = labelSet
        self.annotator = annotator
        self.filter = filter
        self.context = context
        self.echoInput = echoInput
        self.width = width
        self.countInBackground = countInBackground
    }
}

/// What a session did, for the caller's summary.
public struct ReviewSummary: Sendable, Equatable {
    /// Decisions stored (labels, edits, notes, undos).
    public var decisions: Int
    /// Whether the session ended at the end of its queue.
    public var finished: Bool
}

/// A review REPL over one queue: shows an item, reads a line, stores the decision, moves on.
///
/// Input and output are injected (a line reader and a writer), so a terminal, a pipe, a script
/// file and a test all drive exactly the same code. Every decision is committed, together with
/// the session's position, before its acknowledgement is written and the next item is shown; a
/// session killed at any point keeps every acknowledged decision and resumes at the same place.
public final class ReviewSession {
    let store: Store
    private let configuration: ReviewConfiguration
    private let readLine: () -> String?
    let write: (String) -> Void
    let spec: QueueSpec
    let renderer: ReviewRenderer
    private(set) var channels: [Snowflake: Channel] = [:]
    var state = SessionState()
    var extraContext = 0
    private let queueCount = QueueCountBox()
    /// The events of this session's decisions that labeled an item for the first time.
    var firstLabels: [Int64] = []
    /// What this session's undos changed: −1 for each that took a first label away, +1 for each
    /// that brought a removed label back. An undo comes after the count's snapshot, taken as
    /// the session starts, so it always counts.
    var undone = 0
    var decisions = 0
    var search: (query: String, cursor: QueueCursor)?
    private var exhausted = false

    var labelSet: LabelSet { configuration.labelSet }

    /// Seconds the queue count for progress took, once it has finished (it runs in the background).
    public var queueCountSeconds: Double? { queueCount.seconds }
    var annotator: String { configuration.annotator }

    public init(store: Store, configuration: ReviewConfiguration, readLine: @escaping () -> String?,
                write: @escaping (String) -> Void) {
        self.store = store
        self.configuration = configuration
        self.readLine = readLine
        self.write = write
        spec = QueueSpec(kind: configuration.queue, labelSet: LabelSetRecord(configuration.labelSet),
                         annotator: configuration.annotator, filter: configuration.filter)
        renderer = ReviewRenderer(labelSet: configuration.labelSet, annotator: configuration.annotator,
                                  width: min(max(configuration.width, 60), 240))
    }

    /// Runs until `quit` or the end of input. Store errors on a decision are reported and the
    /// session goes on; errors opening the queue are thrown.
    @discardableResult
    public func run() throws -> ReviewSummary {
        try validate()
        try store.registerLabelSets([LabelSetRecord(labelSet)])
        channels = Dictionary(try store.channels().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if let saved = try store.reviewPosition(annotator: annotator, queue: spec.key),
           let decoded = try? JSONDecoder().decode(SessionState.self, from: Data(saved.state.utf8)) {
            state = decoded
            write("Resuming \(spec.kind.rawValue) · \(labelSet.name) for \(annotator).\n")
        } else {
            write("Reviewing \(spec.kind.rawValue) · \(labelSet.name) as \(annotator). ? for help, quit to stop.\n")
        }
        let (store, spec, box, started) = (store, spec, queueCount, Date())
        if configuration.countInBackground {
            Thread.detachNewThread { box.set(try? store.countQueue(spec), started: started) }
        } else {
            box.set(try store.countQueue(spec), started: started)
        }
        var show = true
        while true {
            if show { try showCurrent() }
            write("> ")
            guard let line = readLine() else {
                write("\n")
                break
            }
            if configuration.echoInput { write(line + "\n") }
            let input: ReviewInput
            do {
                input = try ReviewInput.parse(line, labelSet: labelSet)
            } catch {
                write("? \(error.message)\n")
                show = false
                continue
            }
            if input == .quit { break }
            guard let command = input.command else {
                show = false
                continue
            }
            do {
                show = try command.run(in: self)
            } catch {
                write("error: \(error)\n")
                show = false
            }
        }
        write("Stopped after \(decisions) decision\(decisions == 1 ? "" : "s"); the next session resumes here.\n")
        return ReviewSummary(decisions: decisions, finished: exhausted && current == nil)
    }

    private func validate() throws {
        switch (spec.kind, labelSet.level) {
        case (.entities, .span) where labelSet.name == BuiltInLabelSets.entitySpan.name: break
        case (.entities, _): throw LabelError("--queue entities uses the \(BuiltInLabelSets.entitySpan.name) label set")
        case (.questions, .span), (.conversations, .conversation), (.channels, .channel): break
        case (.questions, _), (.conversations, _), (.channels, _):
            throw LabelError("label set \(labelSet.name) labels \(labelSet.level.rawValue)s; --queue \(spec.kind.rawValue) needs a \(spec.kind == .questions ? "span" : spec.kind == .channels ? "channel" : "conversation") label set")
        default: break
        }
    }

    // MARK: Items and navigation

    private var current: SessionState.Visit? {
        state.index < state.visited.count ? state.visited[state.index] : nil
    }

    /// The item under review, pulling the next one from the queue when the history is used up.
    func ensureCurrent() throws -> SessionState.Visit? {
        if let current { return current }
        guard let entry = try store.nextInQueue(spec, after: state.cursor) else {
            exhausted = true
            return nil
        }
        state.cursor = entry.cursor
        state.append(SessionState.Visit(level: entry.level, item: entry.itemID, cursor: entry.cursor))
        return current
    }

    func loadCurrent() throws -> ReviewItem? {
        guard let visit = try ensureCurrent() else { return nil }
        return try ReviewItem.load(store: store, level: visit.level, itemID: visit.item, labelSet: labelSet,
                                   spanKind: spanKind, channels: channels, context: configuration.context + extraContext)
    }

    var spanKind: SpanKind? {
        switch spec.kind {
        case .entities: .entity
        case .questions: .question
        default: labelSet.level == .span ? .question : nil
        }
    }

    private func showCurrent() throws {
        guard let item = try loadCurrent() else {
            write(renderer.rule("\(spec.kind.rawValue) · \(labelSet.name) · done"))
            write("\nNo more items in this queue. (< back, u undo, jump <id>, quit)\n")
            return
        }
        write(renderer.screen(item, header: header()))
    }

    private func header() -> String {
        var parts = [spec.kind.rawValue, labelSet.name, "item \(state.index + 1)"]
        if let done = queueDone { parts.append("\(done.done)/\(done.total) done") }
        return parts.joined(separator: " · ")
    }

    func position() throws -> ReviewPosition {
        let data = try JSONEncoder().encode(state)
        return ReviewPosition(annotator: annotator, queue: spec.key, state: String(decoding: data, as: UTF8.self))
    }

    // MARK: Decisions, shared by the commands

    func noItem() -> Bool {
        write("? no item here (end of queue); < back, jump <id> or quit\n")
        return false
    }

    /// Stores a label decision with the advanced position, then acknowledges it.
    func decide(_ item: ReviewItem, value: String, action: LabelAction) throws -> Bool {
        let before = state
        state.index += 1
        let event: LabelEvent
        do {
            event = try store.setLabel(level: item.level, itemID: item.itemID, labelSet: labelSet.name, annotator: annotator,
                                       value: value, action: action, position: try position())
        } catch {
            state = before
            throw error
        }
        decisions += 1
        extraContext = 0
        if event.oldValue == nil { firstLabels.append(event.id) }
        write("saved #\(event.id): \(labelSet.name) = \(renderer.display(value)) for \(describe(item))\n")
        return true
    }

    /// Stores a span correction and stays on the item so it can be checked or corrected further.
    func edit(_ item: ReviewItem, _ correction: SpanCorrection) throws -> Bool {
        let event = try store.setLabel(level: item.level, itemID: item.itemID, labelSet: labelSet.name, annotator: annotator,
                                       value: correction.value, action: .edit, position: try position())
        decisions += 1
        if event.oldValue == nil { firstLabels.append(event.id) }
        let text = ReviewRenderer.slice(item.focusMessage?.content ?? "", start: correction.start, end: correction.end)
        write("saved #\(event.id): \(describe(item)) is \(correction.type) \"\(ReviewRenderer.oneLine(text, limit: 60))\" (y to confirm and go on)\n")
        return true
    }

    /// Items of the queue done so far, counting this session's decisions; nil while counting.
    var queueDone: (done: Int, total: Int)? {
        queueCount.value.map { count in (max(0, count.done + firstLabels.count { $0 > count.lastEvent } + undone), count.total) }
    }

    // MARK: Values

    /// The entity span as it stands: the reviewer's correction, else the extractor's span.
    func spanBase(_ item: ReviewItem) throws -> SpanCorrection? {
        guard item.level == .span, labelSet.name == BuiltInLabelSets.entitySpan.name else {
            throw LabelError("type and span correct entity spans (--queue entities)")
        }
        if let mine = renderer.myLabel(item), let correction = SpanCorrection(value: mine.value) { return correction }
        return item.spans.first.map { SpanCorrection(type: $0.type, start: $0.start, end: $0.end) }
    }

    func describe(_ item: ReviewItem) -> String {
        switch item.level {
        case .channel: "channel #\(item.channel?.name ?? item.itemID)"
        default: "\(item.level.rawValue) \(item.itemID)"
        }
    }
}

/// The queue's size, filled in by a background count; the session adds its decisions the
/// count did not see (their events are newer than its `lastEvent`), so none counts twice.
private final class QueueCountBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: QueueCount?
    private var elapsed: Double?

    var value: QueueCount? { lock.withLock { stored } }
    var seconds: Double? { lock.withLock { elapsed } }

    func set(_ count: QueueCount?, started: Date) {
        lock.withLock {
            if let count { stored = count }
            elapsed = Date().timeIntervalSince(started)
        }
    }
}

/// A session's place: the queue cursor and the items seen, saved with every decision.
struct SessionState: Codable, Equatable {
    struct Visit: Codable, Equatable {
        var level: ItemLevel
        var item: String
        /// The queue position just past the item, when the queue or a search in it put it on
        /// screen: a new search starts there (nil for a jump or an undo).
        var cursor: QueueCursor?

        /// Whether the two name the same item, however each came on screen.
        func isSameItem(as other: Visit) -> Bool { level == other.level && item == other.item }
    }

    var cursor = QueueCursor.start
    var visited: [Visit] = []
    /// Index into `visited` of the item under review; `visited.count` means "pull the next one".
    var index = 0

    /// Where a new search starts: past the item on screen when it has a queue position (after
    /// `<`, the item shown, not the furthest one pulled), else past the furthest one pulled.
    var searchStart: QueueCursor {
        (index < visited.count ? visited[index].cursor : nil) ?? cursor
    }

    static let historyLimit = 500

    /// Puts `visit` under review ahead of the current item, which comes back once it is decided
    /// (a jump, a search hit or an undo does not skip the item that was on screen).
    mutating func interpose(_ visit: Visit) {
        visited.insert(visit, at: min(index, visited.count))
        if visited.count > Self.historyLimit {
            let excess = visited.count - Self.historyLimit
            visited.removeFirst(excess)
            index = max(0, index - excess)
        }
    }

    mutating func append(_ visit: Visit) {
        visited.append(visit)
        if visited.count > Self.historyLimit {
            visited.removeFirst(visited.count - Self.historyLimit)
        }
        index = visited.count - 1
    }
}
