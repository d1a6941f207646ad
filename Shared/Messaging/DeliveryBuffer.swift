import Foundation

/// Deliveries of one consumer waiting to be taken in batches: the connection thread appends,
/// one reader takes what has arrived (up to a limit) whenever it is ready for more.
///
/// While one batch is being handled the next one gathers, so a busy queue gives full batches with no
/// waiting; `linger` only bounds how long a partial batch waits for company when the queue is quiet.
final class DeliveryBuffer: @unchecked Sendable {
    /// What the reader gets.
    enum Take {
        /// At least one delivery, in delivery order.
        case messages([IncomingMessage])
        /// The consumer ended and nothing is left: nil when cancelled, else why it was lost.
        case ended(Error?)
    }

    private let lock = NSLock()
    private var messages: [IncomingMessage] = []
    private var arrivals: [ContinuousClock.Instant] = []
    private var ended = false
    private var endError: Error?
    private var waiter: CheckedContinuation<Void, Never>?
    // The reader sleeps until this many deliveries wait (nil: until any does).
    private var wakeAtCount: Int?

    /// Adds a delivery; called on the connection thread, never blocks.
    func append(_ message: IncomingMessage) {
        let now = ContinuousClock.now
        lock.lock()
        messages.append(message)
        arrivals.append(now)
        var waiting: CheckedContinuation<Void, Never>?
        if messages.count >= (wakeAtCount ?? 1) {
            waiting = waiter
            waiter = nil
        }
        lock.unlock()
        waiting?.resume()
    }

    /// Marks the end of the deliveries; messages already buffered are still taken.
    func finish(_ error: Error?) {
        lock.lock()
        if !ended {
            ended = true
            endError = error
        }
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume()
    }

    /// How many deliveries wait now.
    var count: Int {
        lock.lock(); defer { lock.unlock() }
        return messages.count
    }

    /// Waits for at least one delivery, or the end, and takes at most `limit` deliveries. Fewer than `limit`
    /// are taken only once the oldest of them has waited `linger`, or the consumer has ended.
    func next(limit: Int, linger: Duration = .zero) async -> Take {
        while true {
            switch poll(limit: limit, linger: linger) {
            case .take(let take): return take
            case .wait(let due): await wait(until: due, count: due == nil ? 1 : limit)
            }
        }
    }

    private enum Poll {
        case take(Take)
        case wait(ContinuousClock.Instant?)
    }

    private func poll(limit: Int, linger: Duration) -> Poll {
        let now = ContinuousClock.now
        lock.lock(); defer { lock.unlock() }
        if messages.isEmpty && ended { return .take(.ended(endError)) }
        if messages.count >= limit || (!messages.isEmpty && (ended || arrivals[0] + linger <= now)) {
            return .take(.messages(takeLocked(limit: limit)))
        }
        return .wait(messages.isEmpty ? nil : arrivals[0] + linger)
    }

    /// Sleeps until `count` deliveries wait, the end, or `due`.
    private func wait(until due: ContinuousClock.Instant?, count: Int) async {
        let timer = due.map { due in
            Task { [weak self] in
                do {
                    try await Task.sleep(until: due, clock: .continuous)
                } catch {
                    return  // More deliveries woke the reader first.
                }
                self?.wakeReader()
            }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if messages.count >= count || ended || (due.map { $0 <= ContinuousClock.now } ?? false) {
                lock.unlock()
                continuation.resume()
            } else {
                waiter = continuation
                wakeAtCount = count
                lock.unlock()
            }
        }
        timer?.cancel()
    }

    private func wakeReader() {
        lock.lock()
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume()
    }

    private func takeLocked(limit: Int) -> [IncomingMessage] {
        wakeAtCount = nil
        if messages.count <= limit {
            let all = messages
            messages.removeAll(keepingCapacity: true)
            arrivals.removeAll(keepingCapacity: true)
            return all
        }
        let batch = Array(messages.prefix(limit))
        messages.removeFirst(limit)
        arrivals.removeFirst(limit)
        return batch
    }
}
