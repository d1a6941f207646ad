import Foundation
import Logging
import ServiceLifecycle

/// Publishes measurements to `lce.metrics` off the caller's path: `emit` only enqueues, and a
/// background loop encodes and publishes each with a confirm, many at once. The queue is bounded
/// so a broker outage cannot grow memory without end; what overflows is counted in `dropped` and logged.
public final class MetricsEmitter: Service, @unchecked Sendable {
    private struct Pending: Sendable {
        let schema: String
        let encode: @Sendable () throws -> Data
        let routingKey: String
        let properties: MessageProperties
    }

    private let publisher: Publisher
    private let logger: Logger
    private let maxUnconfirmed: Int
    private let stream: AsyncStream<Pending>
    private let continuation: AsyncStream<Pending>.Continuation
    private let lock = NSLock()
    private var droppedCount = 0

    /// Creates an emitter holding at most `capacity` unpublished measurements and waiting for at most
    /// `maxUnconfirmed` broker confirms at once (a confirm from a quorum queue waits for its disk, so one
    /// at a time would cap the rate at one measurement per disk sync).
    public init(publisher: Publisher, capacity: Int = 10_000, maxUnconfirmed: Int = 256,
                logger: Logger = Logger(label: "lce.metrics.emitter")) {
        self.publisher = publisher
        self.logger = logger
        self.maxUnconfirmed = max(1, maxUnconfirmed)
        (stream, continuation) = AsyncStream.makeStream(of: Pending.self, bufferingPolicy: .bufferingOldest(max(1, capacity)))
    }

    /// Measurements discarded because the queue was full.
    public var dropped: Int { lock.withLock { droppedCount } }

    /// Queues `message` for `lce.metrics` with `routingKey` (e.g. `metrics.routing`); never blocks, and leaves
    /// the JSON encoding to the publishing loop.
    public func emit<Message: MessageContract>(_ message: Message, routingKey: String) {
        let properties = MessageProperties(messageID: message.id.uuidString, timestamp: Date(), type: Message.schemaID,
                                           appID: "metrics-emitter")
        let pending = Pending(schema: Message.schemaID, encode: { try ContractCoder.encode(message) }, routingKey: routingKey,
                              properties: properties)
        if case .dropped = continuation.yield(pending) {
            let count = lock.withLock { droppedCount += 1; return droppedCount }
            if count == 1 || count % 1000 == 0 {
                logger.warning("metrics queue full; measurements dropped", metadata: ["dropped": "\(count)"])
            }
        }
    }

    /// Publishes queued measurements until shutdown, then publishes what is left and returns.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                var unconfirmed = 0
                for await pending in stream {
                    if unconfirmed >= maxUnconfirmed {
                        await group.next()
                        unconfirmed -= 1
                    }
                    unconfirmed += 1
                    group.addTask { await self.publish(pending) }
                }
                await group.waitForAll()
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
        let body: Data
        do {
            body = try pending.encode()
        } catch {
            logger.error("measurement not encodable", metadata: ["schema": "\(pending.schema)", "error": "\(error)"])
            return
        }
        // The publisher retries through reconnects; a failure after that is logged, not fatal.
        do {
            try await publisher.publish(body, exchange: Topology.Exchange.metrics, routingKey: pending.routingKey,
                                        properties: pending.properties)
        } catch {
            logger.error("measurement not published", metadata: ["routing_key": "\(pending.routingKey)", "error": "\(error)"])
        }
    }
}
