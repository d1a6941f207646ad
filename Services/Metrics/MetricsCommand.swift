import ArgumentParser
import Foundation
import Logging
import Messaging
import MetricsStore
import Prometheus
import ServiceKit
import ServiceLifecycle

/// `lce-metrics`: persists every measurement published to `lce.metrics` in PostgreSQL.
@main
struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lce-metrics",
        abstract: "Consume metrics.events and write every measurement to PostgreSQL in batches, acknowledging after commit.",
        discussion: """
        With LCE_DATABASE_ADMIN_URL set, pending migrations are applied at start; otherwise the
        schema must already be migrated (lce db migrate).

        Example:
          lce-metrics --batch-size 500 --flush-ms 100
        """)

    @OptionGroup var service: ServiceOptions

    @Option(name: .customLong("batch-size"), help: "Most events written in one transaction.")
    var batchSize = 500

    @Option(name: .customLong("flush-ms"), help: "Longest wait before a partial batch is written.")
    var flushMs = 100

    func validate() throws {
        guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1-10000") }
        guard (1...60_000).contains(flushMs) else { throw ValidationError("--flush-ms must be 1-60000") }
    }

    func run() async throws {
        StructuredLogHandler.bootstrap(service: "metrics")
        let logger = Logger(label: "metrics")
        let environment = service.environment
        let url = try AMQPURL(parsing: try environment.requireAMQPURL())
        let databaseURL = try environment.requireDatabaseURL()
        if let admin = ProcessInfo.processInfo.environment["LCE_DATABASE_ADMIN_URL"], !admin.isEmpty {
            let connection = try await PostgresConnection.connect(admin, logger: logger)
            let report = try await Migrator().migrate(on: connection)
            await connection.close()
            logger.info("migrations checked", metadata: ["report": "\(report)"])
        }
        let store = try await MetricsStore.connect(databaseURL, logger: logger)
        let batcher = IngestBatcher(store: store, maxBatch: batchSize, maxDelay: .milliseconds(flushMs), logger: logger)
        let registry = PrometheusCollectorRegistry()
        let stored = registry.makeCounter(name: "lce_metrics_events_total", labels: [("outcome", "stored")])
        let rejected = registry.makeCounter(name: "lce_metrics_events_total", labels: [("outcome", "dead_lettered")])

        // Every message waits in its own handler for its batch's commit, so the prefetch and the
        // handler count must cover a whole batch.
        let window = UInt16(clamping: max(batchSize * 2, service.prefetch))
        let consumer = Consumer(url: url,
                                configuration: ConsumerConfiguration(queue: Topology.Queue.metricsEvents, prefetch: window,
                                                                     concurrency: Int(window), name: "metrics"),
                                logger: logger) { message in
            let event: MetricsEvent
            do {
                event = try MeasurementDecoder.event(from: message.body)
            } catch {
                rejected.increment()
                return .deadLetter(reason: "\(error)")
            }
            do {
                try await batcher.submit(event)
                stored.increment()
                return .ack
            } catch {
                // The batcher holds events through a database outage, so what reaches here is an
                // event the database refuses on its own: it can never be stored.
                rejected.increment()
                return .deadLetter(reason: "the database refused this measurement: \(error)")
            }
        }
        var services: [any Service] = [consumer]
        if service.healthPort > 0 {
            services.append(HealthServer(host: service.healthHost, port: service.healthPort, registry: registry, logger: logger) {
                HealthStatus(service: "metrics", checks: ["broker": consumer.isConsuming ? "connected" : "reconnecting"])
            })
        }
        logger.info("metrics consuming", metadata: ["queue": "\(Topology.Queue.metricsEvents)", "batch": "\(batchSize)"])
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await store.close()
    }
}
