import NIOCore
import NIOPosix
import ServiceLifecycle

/// A NIO event loop as a Swift task executor. The router's HTTP server runs its connection tasks with this
/// preference on the loop that does the connection's I/O, so a request read on the loop reaches its handler,
/// and a worker's reply reaches the response write, without passing through a thread of the shared pool first:
/// on this 2-core host each such hand-off was a thread wake-up of 0.1-0.2 ms on the request's path.
///
/// What runs on it must not block: the handlers await the broker and count prompt tokens, nothing longer.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let loop: any EventLoop

    init(loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}

/// Runs `base` (and every task it starts) with a task executor preference.
struct ServiceOnExecutor<Base: Service>: Service {
    let base: Base
    let executor: any TaskExecutor

    func run() async throws {
        try await withTaskExecutorPreference(executor) {
            try await base.run()
        }
    }
}
