import Dispatch

/// The worker's engine thread as a task executor: a serial queue on which request handlers run, so a
/// delivery reaches the model with one thread hand-off (connection thread to engine) and the reply leaves
/// with one more (engine to connection thread), while generations still run one at a time, in order.
///
/// Generation blocks this thread, never the shared concurrency pool; what a handler awaits (a publisher
/// confirm) lets the next handler run in the meantime.
final class EngineExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
