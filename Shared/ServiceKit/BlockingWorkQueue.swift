import Dispatch

/// Runs long blocking work (a model's generation, a training step) on a dedicated thread and
/// awaits its result, so the Swift concurrency pool's few threads stay free for I/O.
public final class BlockingWorkQueue: Sendable {
    private let queue: DispatchQueue

    /// A serial queue named `label`: work items run one at a time, in order.
    public init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    /// Runs `work` on the queue and returns its result or rethrows its error.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
