import Foundation
import Logging
import ServiceLifecycle

/// Consumes one queue with bounded prefetch and manual acks, settling each message only after its handler's side effects;
/// reconnects with backoff after a broker restart (re-running `setup`, which declares the topology) and shuts down gracefully.
public final class Consumer: Service, @unchecked Sendable {
    /// The handler: does the work, then says how to settle the message. A thrown error dead-letters the message with the error as reason.
    public typealias Handler = @Sendable (IncomingMessage) async throws -> ConsumerDisposition

    /// The broker.
    public let url: AMQPURL
    /// How the queue is read.
    public let configuration: ConsumerConfiguration
    private let handler: Handler
    private let logger: Logger
    private let lifecycle: ConsumerLifecycle
    private let lock = NSLock()
    private var inFlightCount = 0
    private var settledCount: Int64 = 0

    /// Creates a consumer. `setup` runs on every (re)connect before consuming; by default it declares the whole topology.
    public init(url: AMQPURL, configuration: ConsumerConfiguration,
                setup: @escaping @Sendable (AMQPConnection) async throws -> Void = { try await Topology().declare(on: $0) },
                logger: Logger = Logger(label: "lce.messaging.consumer"), handler: @escaping Handler) {
        self.url = url
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        lifecycle = ConsumerLifecycle(url: url, configuration: configuration, kind: "consumer", setup: setup, logger: logger)
    }

    /// Whether the consumer is attached to its queue now (for health checks).
    public var isConsuming: Bool { lifecycle.isConsuming }

    /// How many handlers are running now.
    public var inFlight: Int { withLock { inFlightCount } }

    /// Messages handled and settled so far (acknowledged, requeued or dead-lettered).
    public var messagesSettled: Int64 { withLock { settledCount } }

    /// Consumes until `shutdown()`, graceful shutdown of the service group, or task cancellation.
    public func run() async throws {
        await lifecycle.run { channel, deadLetters in
            try await self.attach(channel, deadLetters: deadLetters)
        }
    }

    /// Stops taking messages; handlers already running finish and settle their messages, then the connection closes.
    public func shutdown() {
        lifecycle.shutdown()
    }

    private func withLock<T>(_ body: () -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body()
    }

    /// Starts consuming on `channel`; the wait it returns ends when every delivery is handled and settled.
    private func attach(_ channel: AMQPChannel, deadLetters: AMQPChannel) async throws
        -> (consumerTag: String, untilEnded: @Sendable () async -> Error?) {
        // With a handler for every message the prefetch allows, each delivery starts its handler's task right
        // on the connection thread; with fewer, a loop reads a stream and waits for a free handler.
        if configuration.concurrency >= Int(configuration.prefetch) {
            let tasks = HandlerTasks()
            let tag = try await channel.consume(queue: configuration.queue, noAck: false, deliver: { message in
                tasks.started()
                Task(executorPreference: self.configuration.handlerExecutor) {
                    await self.process(message, deadLetters: deadLetters)
                    tasks.finished()
                }
            }, end: tasks.end)
            return (tag, { await tasks.waitUntilDrained() })
        }
        let (tag, deliveries) = try await channel.consume(queue: configuration.queue)
        return (tag, { await self.drain(deliveries, deadLetters: deadLetters) })
    }

    /// Runs handlers for deliveries, at most `concurrency` at once, until the stream ends; returns the stream's error.
    private func drain(_ deliveries: AsyncThrowingStream<IncomingMessage, Error>, deadLetters: AMQPChannel) async -> Error? {
        await withTaskGroup(of: Void.self) { group -> Error? in
            var running = 0
            do {
                for try await message in deliveries {
                    if running >= configuration.concurrency {
                        await group.next()
                        running -= 1
                    }
                    running += 1
                    group.addTask(executorPreference: configuration.handlerExecutor) {
                        await self.process(message, deadLetters: deadLetters)
                    }
                }
            } catch {
                await group.waitForAll()
                return error
            }
            await group.waitForAll()
            return nil
        }
    }

    private func process(_ message: IncomingMessage, deadLetters: AMQPChannel) async {
        withLock { inFlightCount += 1 }
        defer { withLock { inFlightCount -= 1; settledCount += 1 } }
        if message.previousDeliveries >= configuration.maxDeliveries {
            await deadLetter(message, reason: "delivered \(message.previousDeliveries + 1) times without being settled (it may crash its consumer)",
                             on: deadLetters)
            return
        }
        let disposition: ConsumerDisposition
        do {
            disposition = try await handler(message)
        } catch {
            disposition = .deadLetter(reason: "\(error)")
        }
        do {
            switch disposition {
            case .ack: try await message.ack()
            case .requeue: try await message.reject(requeue: true)
            case .deadLetter(let reason): await deadLetter(message, reason: reason, on: deadLetters)
            }
        } catch {
            // The connection is gone: the broker redelivers the message, and handlers deduplicate on message id.
            logger.warning("could not settle a message", metadata: ["queue": "\(configuration.queue)", "error": "\(error)"])
        }
    }

    private func deadLetter(_ message: IncomingMessage, reason: String, on channel: AMQPChannel) async {
        await channel.deadLetter(message, reason: reason, queue: configuration.queue, consumer: configuration.name, logger: logger)
    }
}
