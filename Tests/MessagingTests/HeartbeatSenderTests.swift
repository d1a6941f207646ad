import Foundation
import Logging
import Messaging
import ServiceLifecycle
import Synchronization
import Testing

/// Heartbeats through the real broker, as the metrics service receives them.
@Suite(.enabled(if: BrokerEnvironment.isConfigured, BrokerEnvironment.skipReason))
struct HeartbeatSenderTests {
    /// What the sender reads for each heartbeat; the test changes it while the sender runs.
    final class Work: Sendable {
        let now = Mutex(HeartbeatSender.Snapshot(inFlight: 0, processed: 0))
    }

    @Test func heartbeatsReportTheWorkAndTheLastOneSaysDraining() async throws {
        let instance = BrokerEnvironment.uniqueName("instance")
        try await withBrokerConnection { connection in
            try await Topology().declare(on: connection)
            let channel = try await connection.openChannel()
            let queue = try await channel.declareQueue("", durable: false, exclusive: true, autoDelete: true)
            try await channel.bindQueue(queue.name, to: Topology.Exchange.metrics, routingKey: Topology.RoutingKey.heartbeatMetric)
            let (_, deliveries) = try await channel.consume(queue: queue.name, noAck: true)
            // Other services on this broker send heartbeats too: only this instance's count.
            let next = { (what: String) async throws -> ServiceHeartbeat in
                let message = try await firstMessage(in: deliveries, within: .seconds(10), what: what) { message in
                    (try? ContractCoder.decode(ServiceHeartbeat.self, from: message.body))?.instance == instance
                }
                #expect(message.properties.type == ServiceHeartbeat.schemaID)
                return try ContractCoder.decode(ServiceHeartbeat.self, from: message.body)
            }

            let work = Work()
            let publisher = Publisher(url: try BrokerEnvironment.url(), name: "test-heartbeats")
            let emitter = MetricsEmitter(publisher: publisher)
            let sender = HeartbeatSender(service: "worker", instance: instance, variant: "q4", interval: .milliseconds(100),
                                         emitter: emitter) { work.now.withLock { $0 } }
            let group = ServiceGroup(services: [emitter, sender], logger: Logger(label: "test.heartbeats"))
            let running = Task { try await group.run() }

            let first = try await next("the first heartbeat")
            #expect(first.service == "worker")
            #expect(first.variant == "q4")
            #expect(first.status == "ready")
            #expect(first.processed == 0 && first.inFlight == 0)

            work.now.withLock { $0 = HeartbeatSender.Snapshot(inFlight: 2, processed: 7) }
            var busy = try await next("a heartbeat after the work changed")
            while busy.processed != 7 { busy = try await next("a heartbeat with the new figures") }
            #expect(busy.status == "busy")
            #expect(busy.inFlight == 2)
            #expect(busy.uptimeS > first.uptimeS)

            work.now.withLock { $0 = HeartbeatSender.Snapshot(inFlight: 0, processed: 9) }
            await group.triggerGracefulShutdown()
            try await running.value
            var last = try await next("the heartbeat sent at shutdown")
            while last.status != "draining" { last = try await next("the draining heartbeat") }
            #expect(last.processed == 9)
            await publisher.close()
        }
    }
}
