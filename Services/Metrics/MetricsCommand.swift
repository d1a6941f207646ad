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
        Each batch is what arrived while the previous one was being written (at most --batch-size); it is decoded while the batch before it is written, written in one transaction, and then acknowledged with one multiple ack. The broker hands over at most --prefetch unacknowledged events, raised to three times --batch-size.

        With LCE_DATABASE_ADMIN_URL set, pending migrations are applied at start; otherwise the schema must already be migrated (lce db migrate).

        Example:
          lce-metrics --batch-size 500 --flush-ms 100
        """)

    @OptionGroup var service: ServiceOptions

    @Option(name: .customLong("batch-size"), help: "Most events written in one transaction.")
    var batchSize = 1000

    @Option(name: .customLong("flush-ms"), help: "Longest wait before a partial batch is written (a quiet queue's batches wait this long for company; a busy queue's never wait).")
    var flushMs = 100

    @Option(help: "Queue to consume (default: metrics.events); another one only to measure or test this service on its own.")
    var queue = Topology.Queue.metricsEvents

    func validate() throws {
        guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1-10000") }
        guard (1...60_000).contains(flushMs) else { throw ValidationError("--flush-ms must be 1-60000") }
        guard !queue.isEmpty else { throw ValidationError("--queue must name a queue") }
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
        let registry = PrometheusCollectorRegistry()
        let events = MetricNameDescriptor(metricName: "lce_metrics_events", unitName: "total",
                                          helpText: "Metric events stored in PostgreSQL or dead-lettered")
        let stored = registry.makeCounter(descriptor: events, labels: [("outcome", "stored")])
        let rejected = registry.makeCounter(descriptor: events, labels: [("outcome", "dead_lettered")])
        let batches = registry.makeCounter(descriptor: MetricNameDescriptor(metricName: "lce_metrics_batches", unitName: "total",
                                                                            helpText: "Batches committed to PostgreSQL"))

        // One batch is written while the next is decoded and a third gathers, so the window holds three.
        let window = UInt16(clamping: max(batchSize * 3, service.prefetch))
        let consumer = BatchConsumer(url: url,
                                     configuration: ConsumerConfiguration(queue: queue, prefetch: window,
                                                                          name: "metrics"),
                                     maxBatch: batchSize, maxDelay: .milliseconds(flushMs), maxBatchesInFlight: 2,
                                     logger: logger) { messages in
            var dispositions = [ConsumerDisposition](repeating: .ack, count: messages.count)
            var events: [MetricsEvent] = []
            var positions: [Int] = []
            events.reserveCapacity(messages.count)
            positions.reserveCapacity(messages.count)
            for (index, message) in messages.enumerated() {
                do {
                    events.append(try MeasurementDecoder.event(from: message.body, typeHint: message.properties.type))
                    positions.append(index)
                } catch {
                    dispositions[index] = .deadLetter(reason: "\(error)")
                }
            }
            // Held through a database outage (the batch stays unacknowledged); what fails here is an event the
            // database refuses on its own, which can never be stored.
            let outcomes = await store.ingestHoldingThroughOutages(events, logger: logger)
            for (position, outcome) in zip(positions, outcomes) {
                if let outcome { dispositions[position] = .deadLetter(reason: "the database refused this measurement: \(outcome)") }
            }
            let deadLettered = dispositions.filter { $0 != .ack }.count
            stored.increment(by: Int64(messages.count - deadLettered))
            if deadLettered > 0 { rejected.increment(by: Int64(deadLettered)) }
            batches.increment()
            return dispositions
        }
        // Its own heartbeats go through the exchange it consumes, like every other service's.
        let publisher = Publisher(url: url, name: "metrics", logger: logger)
        let emitter = MetricsEmitter(publisher: publisher, logger: logger)
        // The group shuts services down last to first: heartbeats say "draining", then the consumer commits what it holds.
        var services: [any Service] = [emitter, consumer]
        if service.healthPort > 0 {
            services.append(HealthServer(host: service.healthHost, port: service.healthPort, registry: registry, logger: logger) {
                HealthStatus(service: "metrics", checks: ["broker": consumer.isConsuming ? "connected" : "reconnecting"])
            })
        }
        if let interval = service.heartbeatInterval {
            services.append(HeartbeatSender(service: "metrics", interval: interval, emitter: emitter) {
                .init(inFlight: consumer.inFlight, processed: consumer.messagesSettled)
            })
        }
        logger.info("metrics consuming", metadata: ["queue": "\(queue)", "batch": "\(batchSize)"])
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await publisher.close()
        await store.close()
    }
}
