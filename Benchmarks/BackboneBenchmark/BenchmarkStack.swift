import Foundation
import Messaging
import MetricsStore

/// The services under measurement, started as processes: lce-metrics, workers of the tiny model, lce-router.
final class BenchmarkStack: @unchecked Sendable {
    let runID: String
    let binDirectory: URL
    let model: String
    let logDirectory: URL
    private let environment: [String: String]
    private var processes: [BenchmarkProcess] = []
    private var metrics: BenchmarkProcess?
    private(set) var routerPort = 0
    private(set) var lastPublishRate = 0.0

    init(runID: String, binDirectory: URL, model: String, environment: [String: String]) throws {
        self.runID = runID
        self.binDirectory = binDirectory
        self.model = model
        self.environment = environment
        logDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-bench/\(runID)")
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
    }

    private func launch(_ name: String, _ executable: String, _ arguments: [String]) throws -> BenchmarkProcess {
        let process = try BenchmarkProcess(name: name, executable: binDirectory.appendingPathComponent(executable),
                                           arguments: arguments, logDirectory: logDirectory)
        processes.append(process)
        return process
    }

    /// Starts metrics, `workers` base workers and the router, and waits until each is serving.
    func start(workers: Int) async throws {
        metrics = try await startMetrics()
        for index in 0..<workers {
            let health = BenchmarkHTTP.freePort()
            _ = try launch("worker-\(index)", "lce-worker", ["--variant", "base", "--model", model, "--worker-id", "\(runID)-w\(index)",
                                                             "--prefetch", "16", "--threads", "1", "--health-port", "\(health)"])
            try await waitFor("worker-\(index)", port: health, containing: "connected")
        }
        routerPort = BenchmarkHTTP.freePort()
        _ = try launch("router", "lce-router", ["--port", "\(routerPort)", "--tokenizer", model, "--simple-variant", "base",
                                                "--complex-variant", "base", "--context-tokens", "512", "--max-in-flight", "1024"])
        try await waitFor("router", port: routerPort, containing: "")
        try await Task.sleep(for: .milliseconds(1200))
    }

    private func startMetrics() async throws -> BenchmarkProcess {
        let health = BenchmarkHTTP.freePort()
        let process = try launch("metrics-\(processes.count)", "lce-metrics", ["--health-port", "\(health)"])
        try await waitFor("metrics", port: health, containing: "connected")
        return process
    }

    private func waitFor(_ name: String, port: Int, containing text: String) async throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let answer = BenchmarkHTTP.send(port: port, method: "GET", path: "/health")
            if answer.status == 200, text.isEmpty || String(decoding: answer.body, as: UTF8.self).contains(text) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkError("\(name) not ready within 60 s; see \(logDirectory.path)")
    }

    /// Queues `events` measurements while lce-metrics is stopped, starts it, and returns the events per
    /// second it persisted from its first committed batch to the last.
    func ingestionRate(url: AMQPURL, store: PostgresConnection, events: Int) async throws -> Double {
        metrics?.stop()
        let worker = "\(runID)-ingest"
        let publishers = 8
        let started = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for p in 0..<publishers {
                group.addTask {
                    let publisher = Publisher(url: url, name: "bench-events-\(p)")
                    for _ in stride(from: p, to: events, by: publishers) {
                        let event = InferenceMeasurement(requestId: UUID(), variant: "base", worker: worker, promptTokens: 12,
                                                         completionTokens: 4, totalMs: 1.5, outcome: "ok")
                        try await publisher.publish(event, exchange: Topology.Exchange.metrics,
                                                    routingKey: Topology.RoutingKey.inferenceMetric)
                    }
                    await publisher.close()
                }
            }
            try await group.waitForAll()
        }
        lastPublishRate = Double(events) / Date().timeIntervalSince(started)

        metrics = try await startMetrics()
        var first: (count: Int, at: Date)?
        var last = (count: 0, at: Date())
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline {
            let rows = try await store.query("SELECT count(*) AS n FROM inference_requests WHERE worker_id = $1", [worker])
            let count = try rows.first?.decode("n", as: Int.self) ?? 0
            let now = Date()
            if count > 0 && first == nil { first = (count, now) }
            last = (count, now)
            if count >= events { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        guard let first, last.count > first.count else { throw BenchmarkError("no events persisted; see \(logDirectory.path)") }
        return Double(last.count - first.count) / last.at.timeIntervalSince(first.at)
    }

    /// Stops every process.
    func stop() {
        for process in processes.reversed() { process.stop() }
    }
}
