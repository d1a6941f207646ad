import ArgumentParser
import Foundation
import Logging
import Messaging
import MetricsStore

/// `lce-bench-backbone`: measures the backbone in one run with the tiny served model and prints
/// the figures beside the raw broker round trip and raw COPY rate measured in the same run.
/// It passes or fails nothing.
@main
struct BackboneBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lce-bench-backbone",
        abstract: "Measure the router, workers and metrics service beside the raw broker and database, in one run.",
        discussion: """
        Starts lce-metrics, two lce-worker processes of the tiny end-to-end model and lce-router, then measures: the raw broker request/reply (back to back and paced at --rate), a raw COPY, the router's added latency at --rate requests/s (fresh and kept-alive connections), requests/s sustained with 2 workers, and metric events/s persisted. It passes or fails nothing.

        Environment: AMQP_URL and DATABASE_URL (eval "$(Deploy/local/services.sh env)"), optional LCE_DATABASE_ADMIN_URL (the owner role: the raw COPY, and removing the run's synthetic rows at the end), LCE_BIN_DIR (default: this executable's folder), LCE_BENCH_MODEL (default: the end-to-end tiny model).

        Example:
          swift build -c release && eval "$(Deploy/local/services.sh env)" && export AMQP_URL DATABASE_URL LCE_DATABASE_ADMIN_URL
          .build/release/lce-bench-backbone --rate 200 --seconds 10
        """)

    @OptionGroup var options: BenchmarkOptions

    func run() async throws {
        do {
            try await Self.measure(options)
        } catch {
            print("lce-bench-backbone: \(error)")
            throw ExitCode(1)
        }
    }

    static func measure(_ options: BenchmarkOptions) async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let environment = ProcessInfo.processInfo.environment
        guard let amqp = environment["AMQP_URL"], let database = environment["DATABASE_URL"] else {
            print("lce-bench-backbone: AMQP_URL and DATABASE_URL must be set (eval \"$(Deploy/local/services.sh env)\")")
            throw ExitCode(2)
        }
        let binDirectory = environment["LCE_BIN_DIR"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let model = environment["LCE_BENCH_MODEL"] ?? URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/EndToEndTests/Fixtures/tiny-llama").path
        let url = try AMQPURL(parsing: amqp)
        let runID = "bench-\(UUID().uuidString.prefix(8).lowercased())"
        print("lce-bench-backbone run \(runID): model \(model) as variant \(options.variant), "
              + "\(ProcessInfo.processInfo.activeProcessorCount) cores, services from \(binDirectory.path)")
        print("load average at start: \(loadAverage())")

        let broker = try await RawMeasurements.brokerRoundTrip(url: url, calls: 2000)
        print(String(format: "raw broker request/reply (RPCClient -> echo consumer): p50 %.3f ms  p99 %.3f ms  (%d calls)",
                     broker.p50, broker.p99, broker.sorted.count))
        let pacedBroker = try await RawMeasurements.brokerRoundTrip(url: url, calls: options.rate * 2,
                                                                    interval: .nanoseconds(1_000_000_000 / max(options.rate, 1)))
        print(String(format: "raw broker request/reply paced at %d calls/s (the open loop's spacing): p50 %.3f ms  p99 %.3f ms",
                     options.rate, pacedBroker.p50, pacedBroker.p99))
        let confirm = try await RawMeasurements.confirmedPublish(url: url, runID: runID, count: 500)
        print(String(format: "raw persistent publish + confirm into a quorum queue, one at a time: p50 %.3f ms  p99 %.3f ms",
                     confirm.p50, confirm.p99))
        // The service role may not create temporary tables (least privilege); the owner role may.
        let copyURL = environment["LCE_DATABASE_ADMIN_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? database
        let copyRate = try await RawMeasurements.copyRate(databaseURL: copyURL, rows: 200_000)
        print(String(format: "raw COPY into a temp table: %.0f rows/s", copyRate))
        let storeRate = try await RawMeasurements.storeIngestRate(databaseURL: database, runID: runID, events: 30_000, batch: 1000)
        print(String(format: "MetricsStore.ingest alone (service role, batches of 1000, one connection): %.0f events/s", storeRate))

        let stack = try BenchmarkStack(runID: runID, binDirectory: binDirectory, model: model, environment: environment)
        defer { stack.stop() }
        try await stack.start(workers: 2, variant: options.variant)
        let store = try await PostgresConnection.connect(database)

        print(String(format: "contract JSON of one routed request (request encode+decode, reply encode+decode): %.3f ms of CPU",
                     try RawMeasurements.contractJSONCost(iterations: 2000)))
        let bare = try await RawMeasurements.consumerRoundTrip(url: url, runID: runID, calls: 1000)
        print(String(format: "RPC to a bare Consumer (decode, sendReply, ack; no model), one at a time: p50 %.3f ms  p99 %.3f ms",
                     bare.p50, bare.p99))
        let direct = try await RawMeasurements.workerRoundTrip(url: url, variant: options.variant, runID: runID, calls: 1000)
        print(String(format: "RPC straight to the workers (no router), one at a time: p50 %.3f ms  p99 %.3f ms; "
                     + "their generation_ms p50 %.3f ms", direct.roundTrip.p50, direct.roundTrip.p99, direct.generation.p50))
        // The open loop twice: each request on a fresh connection (as curl sends one), then on kept-alive
        // connections (as an HTTP library's session or a proxy in front of the router sends them).
        for keepAlive in [false, true] {
            let connections = keepAlive ? KeepAliveConnections(port: stack.routerPort) : nil
            let client = keepAlive ? "kept-alive connections" : "a fresh connection per request"
            let floor = await ServingMeasurements.httpFloor(port: stack.routerPort, rate: options.rate, count: options.rate * 2,
                                                            connections: connections)
            print(String(format: "HTTP floor (GET /health on the router, %d req/s, %@): p50 %.3f ms  p99 %.3f ms",
                         options.rate, client, floor.p50, floor.p99))
            let latency = try await ServingMeasurements.openLoop(port: stack.routerPort, rate: options.rate, seconds: options.seconds,
                                                                 runID: runID, connections: connections)
            try await Task.sleep(for: .seconds(2))
            let generation = try await ServingMeasurements.generationTimes(store: store, workerPrefix: runID,
                                                                           from: latency.started, to: latency.finished)
            let addedP50 = latency.roundTrip.p50 - generation.p50
            let addedP99 = latency.roundTrip.p99 - generation.p50
            print(String(format: "open loop at %d req/s for %d s on %@: %d sent, %d ok", options.rate, options.seconds, client,
                         latency.sent, latency.ok))
            print(String(format: "  HTTP round trip (client): p50 %.3f ms  p99 %.3f ms", latency.roundTrip.p50, latency.roundTrip.p99))
            print(String(format: "  router latency_ms (router's own receipt to answer): p50 %.3f ms  p99 %.3f ms",
                         latency.routerReported.p50, latency.routerReported.p99))
            print(String(format: "  worker generation_ms (from inference_requests): p50 %.3f ms  p99 %.3f ms (%d rows)",
                         generation.p50, generation.p99, generation.sorted.count))
            print(String(format: "  router added latency = round trip - generation p50: p50 %.3f ms  p99 %.3f ms", addedP50, addedP99))
            print(String(format: "  of which inside the router (latency_ms - generation p50): p50 %.3f ms  p99 %.3f ms",
                         latency.routerReported.p50 - generation.p50, latency.routerReported.p99 - generation.p50))
            print(String(format: "  targets: p50 <= 3 x raw round trip = %.3f ms (%@), p99 <= 5 ms (%@); "
                         + "p50 / raw %.1fx, p50 / raw paced at the same rate %.1fx", 3 * broker.p50,
                         addedP50 <= 3 * broker.p50 ? "met" : "missed", addedP99 <= 5 ? "met" : "missed",
                         addedP50 / broker.p50, addedP50 / pacedBroker.p50))
            connections?.closeAll()
        }

        let throughput = await ServingMeasurements.closedLoop(port: stack.routerPort, concurrency: options.concurrency,
                                                             seconds: options.seconds, runID: runID)
        print("load average after the latency phase: \(loadAverage())")
        print(String(format: "closed loop, %d clients, 2 workers: %.0f req/s sustained (%d ok, %d failed)",
                     options.concurrency, throughput.rate, throughput.ok, throughput.failed))

        let ingestion = try await stack.ingestionRate(url: url, store: store, events: options.events)
        print(String(format: "metrics ingestion (lce-metrics, %d queued events on a private queue -> PostgreSQL): %.0f events/s persisted "
                     + "(target 20000: %@; from its stored-events counter, first seen at %d)",
                     options.events, ingestion, ingestion >= 20_000 ? "met" : "missed", stack.lastIngestFirstBatch))
        print(String(format: "  rows in inference_requests afterwards: %d of %d; publishing them (8 connections, confirms): %.0f events/s",
                     stack.lastIngestStoredRows, options.events, stack.lastPublishRate))
        await store.close()
        if options.keepRows {
            print("rows of this run kept (--keep-rows): worker_id LIKE '\(runID)-%'")
        } else if let admin = environment["LCE_DATABASE_ADMIN_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let removed = try await BenchmarkCleanup.removeRows(of: runID, adminURL: admin)
            print("removed this run's \(removed.requests) inference_requests and \(removed.decisions) routing_decisions rows "
                  + "(--keep-rows keeps them)")
        } else {
            print("this run's rows stay in the database (worker_id LIKE '\(runID)-%'): set LCE_DATABASE_ADMIN_URL to have them removed")
        }
        print("load average at the end: \(loadAverage())")
        print("logs: \(stack.logDirectory.path)")
    }

    /// The 1, 5 and 15 minute load averages, as /proc/loadavg gives them (the machine may be shared).
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
