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
    private let store: Store
    private let configuration: ReviewConfiguration
    private let readLine: () -> String?
    private let write: (String) -> Void
    private let spec: QueueSpec
    private let renderer: ReviewRenderer
    private var channels: [Snowflake: Channel] = [:]
    private var state = SessionState()
    private var extraContext = 0
    private let queueCount = QueueCountBox()
    private var doneDelta = 0
    private var decisions = 0
    private var search: (query: String, cursor: QueueCursor)?
    private var exhausted = false

    private var labelSet: LabelSet { configuration.labelSet }

    /// Seconds the queue count for progress took, once it has finished (it runs in the background).
    public var queueCountSeconds: Double? { queueCount.seconds }
    private var annotator: String { configuration.annotator }

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
        let (store, spec, box, baseline, started) = (store, spec, queueCount, doneDelta, Date())
        if configuration.countInBackground {
            Thread.detachNewThread { box.set(try? store.countQueue(spec), baseline: baseline, started: started) }
        } else {
            box.set(try store.countQueue(spec), baseline: baseline, started: started)
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
            do {
                show = try handle(input)
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
    private func ensureCurrent() throws -> SessionState.Visit? {
        if let current { return current }
        guard let entry = try store.nextInQueue(spec, after: state.cursor) else {
            exhausted = true
            return nil
        }
        state.cursor = entry.cursor
        state.append(SessionState.Visit(level: entry.level, item: entry.itemID))
        return current
    }

    private func loadCurrent() throws -> ReviewItem? {
        guard let visit = try ensureCurrent() else { return nil }
        return try ReviewItem.load(store: store, level: visit.level, itemID: visit.item, labelSet: labelSet,
                                   spanKind: spanKind, channels: channels, context: configuration.context + extraContext)
    }

    private var spanKind: StoredSpan.Kind? {
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
        if let (count, baseline) = queueCount.value {
            parts.append("\(max(0, count.done + doneDelta - baseline))/\(count.total) done")
        }
        return parts.joined(separator: " · ")
    }

    private func position() throws -> ReviewPosition {
        let data = try JSONEncoder().encode(state)
        return ReviewPosition(annotator: annotator, queue: spec.key, state: String(decoding: data, as: UTF8.self))
    }

    // MARK: Commands

    /// Carries out one command; returns whether to show the current item again.
    private func handle(_ input: ReviewInput) throws -> Bool {
        switch input {
        case .nothing:
            return false
        case .help:
            write(renderer.help())
            return false
        case .progress:
            write(progressText() + "\n")
            return false
        case .more:
            extraContext += 5
            return true
        case .skip:
            guard try ensureCurrent() != nil else { return noItem() }
            state.index += 1
            extraContext = 0
            try store.saveReviewPosition(try position())
            return true
        case .back:
            guard state.index > 0 else {
                write("? already at the first item of this session\n")
                return false
            }
            state.index -= 1
            extraContext = 0
            try store.saveReviewPosition(try position())
            return true
        case .undo:
            return try undo()
        case .jump(let target):
            return try jump(target)
        case .search(let query):
            return try find(query)
        case .note(let text):
            guard let item = try loadCurrent() else { return noItem() }
            let event = try store.addNote(level: item.level, itemID: item.itemID, labelSet: labelSet.name,
                                          annotator: annotator, note: text, position: try position())
            decisions += 1
            write("saved #\(event.id): note on \(describe(item))\n")
            return false
        case .accept:
            guard let item = try loadCurrent() else { return noItem() }
            return try decide(item, value: try acceptValue(item), action: "accept")
        case .reject:
            guard let item = try loadCurrent() else { return noItem() }
            return try decide(item, value: labelSet.rejectLabel ?? "", action: "reject")
        case .labels(let names):
            guard let item = try loadCurrent() else { return noItem() }
            return try decide(item, value: LabelSet.value(of: names), action: "label")
        case .type(let type):
            guard let item = try loadCurrent(), let base = try spanBase(item) else { return noItem() }
            return try edit(item, SpanCorrection(type: type, start: base.start, end: base.end))
        case .spanRange(let start, let end):
            guard let item = try loadCurrent(), let base = try spanBase(item) else { return noItem() }
            let length = item.focusMessage?.content.unicodeScalars.count ?? 0
            guard end <= length else { throw LabelError("the message has \(length) code points; \(start)-\(end) is outside it") }
            return try edit(item, SpanCorrection(type: base.type, start: start, end: end))
        case .spanText(let text):
            guard let item = try loadCurrent(), let base = try spanBase(item) else { return noItem() }
            guard let range = Self.find(text, in: item.focusMessage?.content ?? "", near: base.start) else {
                throw LabelError("'\(text)' does not occur in the message")
            }
            return try edit(item, SpanCorrection(type: base.type, start: range.start, end: range.end))
        case .move(let number, let target):
            guard let item = try loadCurrent() else { return noItem() }
            let message: Snowflake
            if let number {
                message = try member(number, of: item)
            } else if let focus = item.focusMessage, item.level == .message || item.level == .span {
                message = focus.id
            } else {
                throw LabelError("move <message number> <conversation|new>: which message of the conversation?")
            }
            let from = try store.conversationID(message: message)
            let result = try store.moveMessages([message], to: target, kind: .move, item: from ?? target,
                                                annotator: annotator, position: try position())
            decisions += 1
            write("saved #\(result.event.id): message \(message) moved to conversation \(result.conversation)\n")
            return true
        case .split(let number):
            guard let item = try loadCurrent(), let conversation = item.conversation else {
                throw LabelError("split works on a conversation (--queue conversations)")
            }
            guard number >= 2, number <= conversation.links.count else {
                throw LabelError("split <n> needs 2 ≤ n ≤ \(conversation.links.count)")
            }
            let moving = conversation.links[(number - 1)...].map(\.messageID)
            let result = try store.moveMessages(Array(moving), to: nil, kind: .split, item: conversation.id,
                                                annotator: annotator, position: try position())
            decisions += 1
            write("saved #\(result.event.id): messages \(number)-\(conversation.links.count) split off into conversation \(result.conversation)\n")
            return true
        case .merge(let other):
            guard let item = try loadCurrent(), let conversation = item.conversation else {
                throw LabelError("merge works on a conversation (--queue conversations)")
            }
            guard other != conversation.id else { throw LabelError("a conversation cannot be merged with itself") }
            guard let source = try store.conversation(id: other) else { throw LabelError("conversation \(other) does not exist") }
            let result = try store.moveMessages(source.links.map(\.messageID), to: conversation.id, kind: .merge,
                                                item: conversation.id, annotator: annotator, position: try position())
            decisions += 1
            write("saved #\(result.event.id): conversation \(other) (\(source.links.count) messages) merged into \(conversation.id)\n")
            return true
        case .quit:
            return false
        }
    }

    private func noItem() -> Bool {
        write("? no item here (end of queue); < back, jump <id> or quit\n")
        return false
    }

    /// Stores a label decision with the advanced position, then acknowledges it.
    private func decide(_ item: ReviewItem, value: String, action: String) throws -> Bool {
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
        doneDelta += event.oldValue == nil ? 1 : 0
        write("saved #\(event.id): \(labelSet.name) = \(renderer.display(value)) for \(describe(item))\n")
        return true
    }

    /// Stores a span correction and stays on the item so it can be checked or corrected further.
    private func edit(_ item: ReviewItem, _ correction: SpanCorrection) throws -> Bool {
        let event = try store.setLabel(level: item.level, itemID: item.itemID, labelSet: labelSet.name, annotator: annotator,
                                       value: correction.value, action: "edit", position: try position())
        decisions += 1
        doneDelta += event.oldValue == nil ? 1 : 0
        let text = ReviewRenderer.slice(item.focusMessage?.content ?? "", start: correction.start, end: correction.end)
        write("saved #\(event.id): \(describe(item)) is \(correction.type) \"\(ReviewRenderer.oneLine(text, limit: 60))\" (y to confirm and go on)\n")
        return true
    }

    private func undo() throws -> Bool {
        guard let event = try store.undoLast(annotator: annotator) else {
            write("? nothing left to undo\n")
            return false
        }
        decisions += 1
        if event.labelSet == labelSet.name, event.action != "note" {
            if event.oldValue == nil, event.newValue != nil { doneDelta -= 1 }
            if event.oldValue != nil, event.newValue == nil { doneDelta += 1 }
        }
        let what: String
        switch event.action {
        case "note": what = "note on \(event.level.rawValue) \(event.itemID)"
        case "move", "split", "merge": what = "\(event.action) in conversation \(event.itemID)"
        default: what = "\(event.labelSet) = \(renderer.display(event.newValue ?? "")) on \(event.level.rawValue) \(event.itemID) (back to \(event.oldValue.map(renderer.display) ?? "unlabeled"))"
        }
        write("undone #\(event.id): \(what)\n")
        if event.level == labelSet.level {
            let visit = SessionState.Visit(level: event.level, item: event.itemID)
            if let index = state.visited.lastIndex(of: visit) { state.index = index } else { state.interpose(visit) }
            try store.saveReviewPosition(try position())
        }
        extraContext = 0
        return true
    }

    private func jump(_ target: String) throws -> Bool {
        guard let item = try resolve(target) else {
            throw LabelError("no \(labelSet.level.rawValue) '\(target)' in the store")
        }
        state.interpose(SessionState.Visit(level: labelSet.level, item: item))
        extraContext = 0
        try store.saveReviewPosition(try position())
        return true
    }

    /// Turns what a reviewer typed after `jump` into an item id of the session's level.
    private func resolve(_ target: String) throws -> String? {
        switch labelSet.level {
        case .message:
            guard let id = Snowflake(target), try !store.messages(ids: [id]).isEmpty else { return nil }
            return id.description
        case .channel:
            if let id = Snowflake(target), channels[id] != nil { return id.description }
            let name = target.hasPrefix("#") ? String(target.dropFirst()) : target
            return channels.values.filter { $0.name == name }.min { $0.id < $1.id }?.id.description
        case .conversation:
            guard let id = Int64(target), try store.conversation(id: id) != nil else { return nil }
            return String(id)
        case .span:
            let kind = spanKind ?? .question
            if let key = SpanKey(target) { return try store.spans(key: key, kind: kind).isEmpty ? nil : key.description }
            guard let message = Snowflake(target) else { return nil }
            return try store.spans(message: message).first { $0.kind == kind }?.key.description
        }
    }

    /// Searches forward in the queue for an item whose text contains `query`, for at most about
    /// 40 ms per command so the prompt stays responsive on big stores; `/` again continues.
    private func find(_ query: String) throws -> Bool {
        var cursor = search?.query == query ? search?.cursor ?? state.cursor : state.cursor
        var everything = spec
        everything.filter.includeDone = true
        let started = Date()
        var looked = 0
        while Date().timeIntervalSince(started) < 0.04 {
            guard let entry = try store.nextInQueue(everything, after: cursor) else {
                search = nil
                write("? '\(query)' not found further in this queue\n")
                return false
            }
            cursor = entry.cursor
            looked += 1
            let text = try store.searchableText(level: entry.level, itemID: entry.itemID)
            if text.range(of: query, options: [.caseInsensitive, .diacriticInsensitive]) != nil {
                search = (query, cursor)
                state.interpose(SessionState.Visit(level: entry.level, item: entry.itemID))
                extraContext = 0
                try store.saveReviewPosition(try position())
                write("found '\(query)' (/ again for the next match)\n")
                return true
            }
        }
        search = (query, cursor)
        write("? no match in the next \(looked) items; / again to search further\n")
        return false
    }

    private func progressText() -> String {
        var text = "item \(state.index + 1) of this session's history · \(decisions) decisions this session"
        if let (count, baseline) = queueCount.value {
            let done = max(0, count.done + doneDelta - baseline)
            let percent = count.total > 0 ? Double(done) * 100 / Double(count.total) : 100
            text += String(format: " · %d of %d items done (%.0f%%)", done, count.total, percent)
        } else {
            text += " · still counting the queue"
        }
        return text
    }

    // MARK: Values

    /// What `y` stores: the set's accept label, else the labels of the facet's auto-tags, else
    /// (entity spans) the span as it stands.
    private func acceptValue(_ item: ReviewItem) throws -> String {
        if item.level == .span, labelSet.name == BuiltInLabelSets.entitySpan.name {
            guard let base = try spanBase(item) else { throw LabelError("no entity span here") }
            return base.value
        }
        if let facet = labelSet.facet {
            let own = item.tags.filter { $0.facet == facet }
            let auto = Store.autoLabels(own, facet: facet, names: Set(labelSet.labels.map(\.name)), multi: labelSet.isMulti)
            if !auto.isEmpty { return LabelSet.value(of: auto) }
        }
        if let accept = labelSet.acceptLabel { return accept }
        throw LabelError("nothing to accept: no auto-tag maps to a label of \(labelSet.name); type a label key instead")
    }

    /// The entity span as it stands: the reviewer's correction, else the extractor's span.
    private func spanBase(_ item: ReviewItem) throws -> SpanCorrection? {
        guard item.level == .span, labelSet.name == BuiltInLabelSets.entitySpan.name else {
            throw LabelError("type and span correct entity spans (--queue entities)")
        }
        if let mine = renderer.myLabel(item), let correction = SpanCorrection(value: mine.value) { return correction }
        return item.spans.first.map { SpanCorrection(type: $0.type, start: $0.start, end: $0.end) }
    }

    private func member(_ number: Int, of item: ReviewItem) throws -> Snowflake {
        guard let conversation = item.conversation else {
            throw LabelError("message numbers refer to a conversation's messages (--queue conversations); here use move <conversation>")
        }
        guard number >= 1, number <= conversation.links.count else {
            throw LabelError("no message \(number): the conversation has \(conversation.links.count)")
        }
        return conversation.links[number - 1].messageID
    }

    private func describe(_ item: ReviewItem) -> String {
        switch item.level {
        case .channel: "channel #\(item.channel?.name ?? item.itemID)"
        default: "\(item.level.rawValue) \(item.itemID)"
        }
    }

    /// The code point range of `text` in `content` nearest to `near`.
    static func find(_ text: String, in content: String, near: Int) -> (start: Int, end: Int)? {
        let haystack = Array(content.unicodeScalars)
        let needle = Array(text.unicodeScalars)
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var best: Int?
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            if best.map({ abs(start - near) < abs($0 - near) }) ?? true { best = start }
        }
        return best.map { ($0, $0 + needle.count) }
    }
}

/// The queue's size, filled in by a background count; `baseline` is the session's done-count
/// change when the count started, so decisions made meanwhile are not counted twice.
private final class QueueCountBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (QueueCount, Int)?
    private var elapsed: Double?

    var value: (QueueCount, Int)? { lock.withLock { stored } }
    var seconds: Double? { lock.withLock { elapsed } }

    func set(_ count: QueueCount?, baseline: Int, started: Date) {
        lock.withLock {
            if let count { stored = (count, baseline) }
            elapsed = Date().timeIntervalSince(started)
        }
    }
}

/// A session's place: the queue cursor and the items seen, saved with every decision.
struct SessionState: Codable, Equatable {
    struct Visit: Codable, Equatable {
        var level: ItemLevel
        var item: String
    }

    var cursor = QueueCursor.start
    var visited: [Visit] = []
    /// Index into `visited` of the item under review; `visited.count` means "pull the next one".
    var index = 0

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
