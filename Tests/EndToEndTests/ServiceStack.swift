import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The services of one test, started as processes: a router on a free port, workers of the
/// tiny model with run-unique ids, and a metrics service. `stop()` ends every one of them.
final class ServiceStack: @unchecked Sendable {
    let runID: String
    let logDirectory: URL
    private let lock = NSLock()
    private var processes: [ServiceProcess] = []
    private(set) var routerPort = 0

    init(runID: String) throws {
        self.runID = runID
        logDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-e2e/\(runID)")
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
    }

    /// The services' model registry (`LCE_HOME`).
    var home: URL { logDirectory.appendingPathComponent("home") }

    private var environment: [String: String] {
        var values: [String: String] = [:]
        values["AMQP_URL"] = EndToEndEnvironment.amqpURL
        values["DATABASE_URL"] = EndToEndEnvironment.databaseURL
        values["LCE_DATABASE_ADMIN_URL"] = EndToEndEnvironment.adminURL
        values["LCE_HOME"] = home.path
        return values
    }

    private func launch(_ name: String, _ executable: String, _ arguments: [String]) throws -> ServiceProcess {
        let process = try ServiceProcess(name: name, executable: EndToEndEnvironment.binary(executable), arguments: arguments,
                                         environment: environment, logDirectory: logDirectory)
        lock.withLock { processes.append(process) }
        return process
    }

    /// Starts lce-metrics and waits until it consumes.
    @discardableResult
    func startMetrics(batchSize: Int = 500, _ extra: [String] = []) async throws -> ServiceProcess {
        let health = try HTTPClient.freePort()
        let process = try launch("metrics", "lce-metrics", ["--health-port", "\(health)", "--batch-size", "\(batchSize)",
                                                             "--flush-ms", "50"] + extra)
        try await waitUntilConsuming(process, healthPort: health)
        return process
    }

    /// Starts one worker of the tiny model (as `EndToEndEnvironment.variant`) named `<runID>-<suffix>` and waits until it consumes.
    @discardableResult
    func startWorker(_ suffix: String, prefetch: Int = 4, variant: String = EndToEndEnvironment.variant,
                     _ extra: [String] = []) async throws -> ServiceProcess {
        let health = try HTTPClient.freePort()
        let process = try launch("worker-\(suffix)", "lce-worker",
                                 ["--variant", variant, "--model", EndToEndEnvironment.modelDirectory.path,
                                  "--worker-id", workerID(suffix), "--prefetch", "\(prefetch)", "--threads", "1",
                                  "--health-port", "\(health)"] + extra)
        try await waitUntilConsuming(process, healthPort: health)
        return process
    }

    /// Starts lce-trainer (one thread) on this stack's registry and waits until it consumes train.jobs.
    @discardableResult
    func startTrainer() async throws -> ServiceProcess {
        let health = try HTTPClient.freePort()
        let process = try launch("trainer", "lce-trainer", ["--threads", "1", "--health-port", "\(health)"])
        try await waitUntilConsuming(process, healthPort: health)
        return process
    }

    /// Starts lce-evaluator (one thread, the tiny model, eval.jobs only) on this stack's registry and waits until it consumes.
    @discardableResult
    func startEvaluator() async throws -> ServiceProcess {
        let health = try HTTPClient.freePort()
        let process = try launch("evaluator", "lce-evaluator", ["--threads", "1", "--model", EndToEndEnvironment.modelDirectory.path,
                                                                "--no-auto-evaluate", "--health-port", "\(health)"])
        try await waitUntilConsuming(process, healthPort: health)
        return process
    }

    /// The id a worker started with `suffix` puts into replies and measurements.
    func workerID(_ suffix: String) -> String { "\(runID)-\(suffix)" }

    /// Starts lce-router on a free port, every request routed to `EndToEndEnvironment.variant`, and waits for its health route.
    @discardableResult
    func startRouter(_ extra: [String] = []) async throws -> ServiceProcess {
        routerPort = try HTTPClient.freePort()
        let process = try launch("router", "lce-router",
                                 ["--port", "\(routerPort)", "--tokenizer", EndToEndEnvironment.modelDirectory.path,
                                  "--simple-variant", EndToEndEnvironment.variant, "--complex-variant", EndToEndEnvironment.variant, "--context-tokens", "512",
                                  "--default-max-tokens", "8", "--timeout-seconds", "60"] + extra)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw EndToEndError("lce-router exited:\n\(process.logTail())") }
            if let answer = try? await HTTPClient.send(port: routerPort, method: "GET", path: "/health", timeout: .seconds(2)),
               answer.status == 200 {
                // The router caches which pools have workers for a second.
                try await Task.sleep(for: .milliseconds(1200))
                return process
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw EndToEndError("lce-router not healthy within 60 s:\n\(process.logTail())")
    }

    private func waitUntilConsuming(_ process: ServiceProcess, healthPort: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw EndToEndError("\(process.name) exited:\n\(process.logTail())") }
            if let answer = try? await HTTPClient.send(port: healthPort, method: "GET", path: "/health", timeout: .seconds(2)),
               answer.status == 200, answer.text.contains("connected") {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw EndToEndError("\(process.name) not consuming within 60 s:\n\(process.logTail())")
    }

    /// Stops every process this stack started (SIGTERM, then SIGKILL after a grace period).
    func stop() async {
        let all = lock.withLock { processes }
        for process in all.reversed() { await process.stop() }
    }
}
