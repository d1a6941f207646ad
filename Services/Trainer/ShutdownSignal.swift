import ServiceLifecycle

/// Tells the running job to checkpoint and stop when the service group shuts down, so a
/// restart does not wait for a whole training run; the job's message is requeued and resumes.
struct ShutdownSignal: Service {
    let handler: TrainJobHandler

    func run() async throws {
        await withGracefulShutdownHandler {
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                try? await Task.sleep(for: .seconds(1))
            }
        } onGracefulShutdown: {
            handler.requestStop()
        }
        handler.requestStop()
    }
}
