import Foundation
import Logging
import Messaging
import MetricsStore

/// `lce-bench-backbone`: measures the backbone in one run with the tiny served model and prints
/// the figures beside the raw broker round trip and raw COPY rate measured in the same run.
/// It passes or fails nothing.
///
/// Environment: AMQP_URL, DATABASE_URL (Deploy/local/services.sh env), optional LCE_DATABASE_ADMIN_URL,
/// LCE_BIN_DIR (default: this executable's folder), LCE_BENCH_MODEL (default: the e2e tiny model).
/// Flags: --rate N (requests/s for the latency phase, 200), --seconds N (per phase, 10),
/// --events N (metric events for the ingestion phase, 30000), --concurrency N (throughput phase, 32).
@main
struct BackboneBenchmark {
    static func main() async {
        do {
            try await run()
        } catch {
            print("lce-bench-backbone: \(error)")
            exit(1)
        }
    }

    static func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let environment = ProcessInfo.processInfo.environment
        guard let amqp = environment["AMQP_URL"], let database = environment["DATABASE_URL"] else {
            print("lce-bench-backbone: AMQP_URL and DATABASE_URL must be set (eval \"$(Deploy/local/services.sh env)\")")
            exit(2)
        }
        let options = BenchmarkOptions(CommandLine.arguments)
        let binDirectory = environment["LCE_BIN_DIR"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let model = environment["LCE_BENCH_MODEL"] ?? URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/EndToEndTests/Fixtures/tiny-llama").path
        let url = try AMQPURL(parsing: amqp)
        let runID = "bench-\(UUID().uuidString.prefix(8).lowercased())"
        print("lce-bench-backbone run \(runID): model \(model), \(ProcessInfo.processInfo.activeProcessorCount) cores")

        let broker = try await RawMeasurements.brokerRoundTrip(url: url, calls: 2000)
        print(String(format: "raw broker request/reply (RPCClient -> echo consumer): p50 %.3f ms  p99 %.3f ms  (%d calls)",
                     broker.p50, broker.p99, broker.sorted.count))
        // The service role may not create temporary tables (least privilege); the owner role may.
        let copyURL = environment["LCE_DATABASE_ADMIN_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? database
        let copyRate = try await RawMeasurements.copyRate(databaseURL: copyURL, rows: 200_000)
        print(String(format: "raw COPY into a temp table: %.0f rows/s", copyRate))

        let stack = try BenchmarkStack(runID: runID, binDirectory: binDirectory, model: model, environment: environment)
        defer { stack.stop() }
        try await stack.start(workers: 2)
        let store = try await PostgresConnection.connect(database)

        let latency = try await ServingMeasurements.openLoop(port: stack.routerPort, rate: options.rate, seconds: options.seconds,
                                                             runID: runID)
        try await Task.sleep(for: .seconds(2))
        let generation = try await ServingMeasurements.generationTimes(store: store, workerPrefix: runID,
                                                                       from: latency.started, to: latency.finished)
        let addedP50 = latency.roundTrip.p50 - generation.p50
        let addedP99 = latency.roundTrip.p99 - generation.p50
        print(String(format: "open loop at %d req/s for %d s: %d sent, %d ok", options.rate, options.seconds, latency.sent, latency.ok))
        print(String(format: "  HTTP round trip (client): p50 %.3f ms  p99 %.3f ms", latency.roundTrip.p50, latency.roundTrip.p99))
        print(String(format: "  router latency_ms (router's own receipt to answer): p50 %.3f ms  p99 %.3f ms",
                     latency.routerReported.p50, latency.routerReported.p99))
        print(String(format: "  worker generation_ms (from inference_requests): p50 %.3f ms  p99 %.3f ms (%d rows)",
                     generation.p50, generation.p99, generation.sorted.count))
        print(String(format: "  router added latency = round trip - generation p50: p50 %.3f ms  p99 %.3f ms", addedP50, addedP99))
        print(String(format: "  targets: p50 <= 3 x raw round trip = %.3f ms (%@), p99 <= 5 ms (%@)", 3 * broker.p50,
                     addedP50 <= 3 * broker.p50 ? "met" : "missed", addedP99 <= 5 ? "met" : "missed"))

        let throughput = await ServingMeasurements.closedLoop(port: stack.routerPort, concurrency: options.concurrency,
                                                             seconds: options.seconds, runID: runID)
        print(String(format: "closed loop, %d clients, 2 workers: %.0f req/s sustained (%d ok, %d failed)",
                     options.concurrency, throughput.rate, throughput.ok, throughput.failed))

        let ingestion = try await stack.ingestionRate(url: url, store: store, events: options.events)
        print(String(format: "metrics ingestion (lce-metrics, %d queued events -> PostgreSQL): %.0f events/s persisted (target 20000: %@)",
                     options.events, ingestion, ingestion >= 20_000 ? "met" : "missed"))
        print(String(format: "  publishing them (8 confirmed publishers): %.0f events/s", stack.lastPublishRate))
        await store.close()
        print("logs: \(stack.logDirectory.path)")
    }
}
