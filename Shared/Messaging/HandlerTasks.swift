import Foundation

/// Handler tasks a consumer started straight from its deliveries, counted so the consumer can wait for the
/// last of them to settle its message once the deliveries have ended (a cancel, a lost connection).
final class HandlerTasks: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private var ended = false
    private var endError: Error?
    private var waiter: CheckedContinuation<Error?, Never>?

    /// Counts a task about to start; called before it is created, so the count never misses it.
    func started() {
        lock.lock()
        running += 1
        lock.unlock()
    }

    /// Counts a task that has settled its message.
    func finished() {
        lock.lock()
        running -= 1
        let waiting = running == 0 && ended ? waiter : nil
        if waiting != nil { waiter = nil }
        let error = endError
        lock.unlock()
        waiting?.resume(returning: error)
    }

    /// Marks the end of the deliveries: nil when the consumer was cancelled, else why it was lost.
    func end(_ error: Error?) {
        lock.lock()
        if !ended {
            ended = true
            endError = error
        }
        let waiting = running == 0 ? waiter : nil
        if waiting != nil { waiter = nil }
        let result = endError
        lock.unlock()
        waiting?.resume(returning: result)
    }

    /// Waits until the deliveries have ended and every started task has finished; returns why they ended.
    func waitUntilDrained() async -> Error? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Error?, Never>) in
            lock.lock()
            if ended && running == 0 {
                let error = endError
                lock.unlock()
                continuation.resume(returning: error)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}
