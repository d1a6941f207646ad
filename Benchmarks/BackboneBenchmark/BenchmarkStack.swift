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
    private(set) var lastIngestFirstBatch = 0
    private(set) var lastIngestStoredRows = 0
    private var metricsHealthPort = 0

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

    /// Starts metrics, `workers` workers of `variant` (the tiny model as stored) and a router sending every
    /// request to `variant`, and waits until each is serving.
    func start(workers: Int, variant: String) async throws {
        metrics = try await startMetrics()
        for index in 0..<workers {
            let health = BenchmarkHTTP.freePort()
            _ = try launch("worker-\(index)", "lce-worker", ["--variant", variant, "--model", model, "--worker-id", "\(runID)-w\(index)",
                                                             "--prefetch", "16", "--threads", "1", "--health-port", "\(health)"])
            try await waitFor("worker-\(index)", port: health, containing: "connected")
        }
        routerPort = BenchmarkHTTP.freePort()
        _ = try launch("router", "lce-router", ["--port", "\(routerPort)", "--tokenizer", model, "--simple-variant", variant,
                                                "--complex-variant", variant, "--context-tokens", "512", "--max-in-flight", "1024"])
        try await waitFor("router", port: routerPort, containing: "")
        try await Task.sleep(for: .milliseconds(1200))
    }

    private func startMetrics(_ extra: [String] = []) async throws -> BenchmarkProcess {
        let health = BenchmarkHTTP.freePort()
        let process = try launch("metrics-\(processes.count)", "lce-metrics", ["--health-port", "\(health)"] + extra)
        try await waitFor("metrics", port: health, containing: "connected")
        metricsHealthPort = health
        return process
    }

    /// The `lce_metrics_events_total{outcome="stored"}` counter of the running lce-metrics: events it counted
    /// after their batch committed. Read from its /metrics page so that watching the rate costs the database nothing.
    private func storedEvents() -> Int? {
        let answer = BenchmarkHTTP.send(port: metricsHealthPort, method: "GET", path: "/metrics")
        guard answer.status == 200 else { return nil }
        for line in String(decoding: answer.body, as: UTF8.self).split(separator: "\n")
        where line.hasPrefix("lce_metrics_events_total") && line.contains("outcome=\"stored\"") {
            return line.split(separator: " ").last.flatMap { Double($0) }.map { Int($0) }
        }
        return 0
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

    /// Queues `events` measurements on a queue of this run's own (declared like `metrics.events`), starts an
    /// lce-metrics consuming only that queue, and returns the events per second it persisted from its first
    /// committed batch to the last. The queue is private because every other lce-metrics on the broker (the demo's,
    /// a test run's) consumes `metrics.events` too, and would take part of the backlog.
    func ingestionRate(url: AMQPURL, store: PostgresConnection, events: Int) async throws -> Double {
        metrics?.stop()
        let worker = "\(runID)-ingest"
        let queue = "bench.metrics.\(runID)"
        let admin = try await AMQPConnection.connect(to: url, name: "bench-ingest-queue")
        let channel = try await admin.openChannel()
        try await channel.declareQueue(queue, durable: true, arguments: Topology().workQueueArguments)
        defer { Task { _ = try? await channel.deleteQueue(queue); await admin.close() } }
        // 8 connections, 16 publishes in flight on each: a confirm from a quorum queue waits for its disk.
        let publishers = (0..<8).map { Publisher(url: url, name: "bench-events-\($0)") }
        let lanes = publishers.count * 16
        let started = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<lanes {
                group.addTask {
                    let publisher = publishers[lane % publishers.count]
                    for _ in stride(from: lane, to: events, by: lanes) {
                        let event = InferenceMeasurement(requestId: UUID(), variant: "base", worker: worker, promptTokens: 12,
                                                         completionTokens: 4, totalMs: 1.5, outcome: "ok")
                        try await publisher.publish(event, exchange: "", routingKey: queue)
                    }
                }
            }
            try await group.waitForAll()
        }
        for publisher in publishers { await publisher.close() }
        lastPublishRate = Double(events) / Date().timeIntervalSince(started)

        metrics = try await startMetrics(["--queue", queue])
        var first: (count: Int, at: ContinuousClock.Instant)?
        var last = (count: 0, at: ContinuousClock.now)
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline {
            let count = storedEvents() ?? 0
            let now = ContinuousClock.now
            if count > 0 && first == nil { first = (count, now) }
            last = (count, now)
            if count >= events { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        metrics?.stop()
        _ = try? await channel.deleteQueue(queue)
        // The counter is the service's word; the rows are the proof.
        let rows = try await store.query("SELECT count(*) AS n FROM inference_requests WHERE worker_id = $1", [worker])
        lastIngestStoredRows = try rows.first?.decode("n", as: Int.self) ?? 0
        guard let first, last.count > first.count else { throw BenchmarkError("no events persisted; see \(logDirectory.path)") }
        lastIngestFirstBatch = first.count
        return Double(last.count - first.count) / first.at.duration(to: last.at).benchmarkMilliseconds * 1000
    }

    /// Stops every process.
    func stop() {
        for process in processes.reversed() { process.stop() }
    }
}
