import Foundation

/// A blocking first-in first-out queue of limited length between two threads.
///
/// Ingest parses on one thread and writes SQLite on another; the bound keeps the parser from
/// running ahead of the writer, so memory stays at a few batches whatever the input size.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private let capacity: Int
    private var closed = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
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

    /// Removes and returns everything queued, without waiting.
    func drain() -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        let all = items
        items.removeAll()
        condition.broadcast()
        return all
    }

    /// Stops the producer: pending and later `put`s are dropped.
    func close() {
        condition.lock()
        closed = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
