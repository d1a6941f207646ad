import Dispatch

/// Runs the iterations of a parallel loop on the engine's worker threads.
final class ThreadPool: @unchecked Sendable {
    /// The pool every kernel shares.
    static let shared = ThreadPool()

    /// Calls `body(i)` for i in 0..<iterations and returns when every call has finished.
    func run(iterations: Int, _ body: @escaping (Int) -> Void) {
        DispatchQueue.concurrentPerform(iterations: iterations) { i in body(i) }
    }
}
