import Foundation
import Logging
import ServiceLifecycle

/// Publishes measurements to `lce.metrics` off the caller's path: `emit` only enqueues, and a
/// background loop publishes each with a confirm. The queue is bounded so a broker outage
/// cannot grow memory without end; what overflows is counted in `dropped` and logged.
public final class MetricsEmitter: Service, @unchecked Sendable {
    private struct Pending: Sendable {
        let body: Data
        let routingKey: String
        let properties: MessageProperties
    }

    private let publisher: Publisher
    private let logger: Logger
    private let stream: AsyncStream<Pending>
    private let continuation: AsyncStream<Pending>.Continuation
    private let lock = NSLock()
    private var droppedCount = 0

    /// Creates an emitter holding at most `capacity` unpublished measurements.
    public init(publisher: Publisher, capacity: Int = 10_000, logger: Logger = Logger(label: "lce.metrics.emitter")) {
        self.publisher = publisher
        self.logger = logger
        (stream, continuation) = AsyncStream.makeStream(of: Pending.self, bufferingPolicy: .bufferingOldest(max(1, capacity)))
    }

    /// Measurements discarded because the queue was full.
    public var dropped: Int { lock.withLock { droppedCount } }

    /// Queues `message` for `lce.metrics` with `routingKey` (e.g. `metrics.routing`); never blocks.
    public func emit<Message: MessageContract>(_ message: Message, routingKey: String) {
        let body: Data
        do {
            body = try ContractCoder.encode(message)
        } catch {
            logger.error("measurement not encodable", metadata: ["schema": "\(Message.schemaID)", "error": "\(error)"])
            return
        }
        let properties = MessageProperties(messageID: message.id.uuidString, timestamp: Date(), type: Message.schemaID,
                                           appID: "metrics-emitter")
        if case .dropped = continuation.yield(Pending(body: body, routingKey: routingKey, properties: properties)) {
            let count = lock.withLock { droppedCount += 1; return droppedCount }
            if count == 1 || count % 1000 == 0 {
                logger.warning("metrics queue full; measurements dropped", metadata: ["dropped": "\(count)"])
            }
        }
    }

    /// Publishes queued measurements until shutdown, then publishes what is left and returns.
    public func run() async throws {
        await withGracefulShutdownHandler {
            for await pending in stream {
                await publish(pending)
            }
        } onGracefulShutdown: {
            self.continuation.finish()
        }
    }

    /// Ends the loop once what is queued has been published (for use outside a ServiceGroup).
    public func finish() {
        continuation.finish()
    }

    private func publish(_ pending: Pending) async {
        // The publisher retries through reconnects; a failure after that is logged, not fatal.
        do {
            try await publisher.publish(pending.body, exchange: Topology.Exchange.metrics, routingKey: pending.routingKey,
                                        properties: pending.properties)
        } catch {
            logger.error("measurement not published", metadata: ["routing_key": "\(pending.routingKey)", "error": "\(error)"])
        }
    }
}
