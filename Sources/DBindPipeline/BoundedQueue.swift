import DequeModule
import Foundation

/// A blocking first-in first-out queue of limited length between threads.
///
/// Ingest parses on one thread and writes SQLite on another, export reads the store on one and
/// encodes on another, tag computes channels on several and persists on one; the bound keeps
/// producers from running ahead of the consumer, so memory stays at a few batches whatever the
/// input size.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: Deque<Element> = []
    private let capacity: Int
    private var closed = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// A queue holding `items`, for workers to `poll` until it is empty.
    convenience init(_ items: some Sequence<Element>) {
        self.init(capacity: .max)
        self.items.append(contentsOf: items)
    }

    /// Waits for room, then appends; returns false if the consumer has closed the queue.
    @discardableResult
    func put(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Waits for an item.
    func take() -> Element {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// Waits up to `seconds` for an item; nil if none came.
    func take(waitingAtMost seconds: TimeInterval) -> Element? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty {
            if !condition.wait(until: deadline), items.isEmpty { return nil }
        }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// The first item, or nil at once when there is none.
    func poll() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        guard let item = items.popFirst() else { return nil }
        condition.broadcast()
        return item
    }

    /// Removes and returns everything queued, without waiting.
    func drain() -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        let all = Array(items)
        items.removeAll()
        condition.broadcast()
        return all
    }

    /// Stops the producers: pending and later `put`s are dropped.
    func close() {
        condition.lock()
        closed = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// Starts `body` on a new thread. Every job's background work starts here, with the stack the
/// text stage and the JSON reader need (ICU and regex recursion overflow the 512 KB default),
/// and with the allocator set for threads that build and drop large arrays.
func startThread(_ body: @escaping @Sendable () -> Void) {
    Allocator.returnLargeBlocks()
    let thread = Thread(block: body)
    thread.stackSize = 8 << 20
    thread.start()
}
