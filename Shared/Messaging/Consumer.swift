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
    private let setup: @Sendable (AMQPConnection) async throws -> Void
    private let handler: Handler
    private let logger: Logger

    private let lock = NSLock()
    private var stopping = false
    private var active: (channel: AMQPChannel, consumerTag: String)?
    private var inFlightCount = 0

    /// Creates a consumer. `setup` runs on every (re)connect before consuming; by default it declares the whole topology.
    public init(url: AMQPURL, configuration: ConsumerConfiguration,
                setup: @escaping @Sendable (AMQPConnection) async throws -> Void = { try await Topology().declare(on: $0) },
                logger: Logger = Logger(label: "lce.messaging.consumer"), handler: @escaping Handler) {
        self.url = url
        self.configuration = configuration
        self.setup = setup
        self.handler = handler
        self.logger = logger
    }

    /// Whether the consumer is attached to its queue now (for health checks).
    public var isConsuming: Bool { withLock { active != nil } }

    /// How many handlers are running now.
    public var inFlight: Int { withLock { inFlightCount } }

    /// Consumes until `shutdown()`, graceful shutdown of the service group, or task cancellation.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await consumeUntilStopped()
            } onCancel: {
                self.shutdown()
            }
        } onGracefulShutdown: {
            self.shutdown()
        }
    }

    /// Stops taking messages; handlers already running finish and settle their messages, then the connection closes.
    public func shutdown() {
        let current: (channel: AMQPChannel, consumerTag: String)? = withLock {
            stopping = true
            return active
        }
        if let current {
            Task { try? await current.channel.cancel(consumerTag: current.consumerTag) }
        }
    }

    private var isStopping: Bool { withLock { stopping } }

    private func withLock<T>(_ body: () -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body()
    }

    private func consumeUntilStopped() async throws {
        var attempt = 0
        while !isStopping {
            var connection: AMQPConnection?
            do {
                let opened = try await AMQPConnection.connect(to: url, name: configuration.name, logger: logger)
                connection = opened
                try await setup(opened)
                let channel = try await opened.openChannel()
                try await channel.setPrefetch(configuration.prefetch)
                let deadLetters = try await opened.openChannel()
                try await deadLetters.enableConfirms()
                // With a handler for every message the prefetch allows, each delivery starts its handler's task right
                // on the connection thread; with fewer, a loop reads a stream and waits for a free handler.
                let direct = configuration.concurrency >= Int(configuration.prefetch)
                let tasks = HandlerTasks()
                let tag: String
                var deliveries: AsyncThrowingStream<IncomingMessage, Error>?
                if direct {
                    tag = try await channel.consume(queue: configuration.queue, noAck: false, deliver: { message in
                        tasks.started()
                        Task(executorPreference: self.configuration.handlerExecutor) {
                            await self.process(message, deadLetters: deadLetters)
                            tasks.finished()
                        }
                    }, end: tasks.end)
                } else {
                    (tag, deliveries) = try await channel.consume(queue: configuration.queue)
                }
                let stopNow = withLock { () -> Bool in
                    active = (channel, tag)
                    return stopping
                }
                if stopNow { try? await channel.cancel(consumerTag: tag) }
                if attempt > 0 { logger.info("consuming again after reconnect", metadata: ["queue": "\(configuration.queue)"]) }
                attempt = 0

                let streamError: Error?
                if let deliveries {
                    streamError = await drain(deliveries, deadLetters: deadLetters)
                } else {
                    streamError = await tasks.waitUntilDrained()
                }
                withLock { active = nil }
                if let streamError { throw streamError }
                await opened.close()
                return
            } catch {
                withLock { active = nil }
                await connection?.close()
                if isStopping { return }
                if let messaging = error as? MessagingError, !messaging.isConnectionLoss, attempt == 0 {
                    logger.error("consumer failed", metadata: ["queue": "\(configuration.queue)", "error": "\(error)"])
                } else {
                    logger.warning("consumer lost the broker; reconnecting",
                                   metadata: ["queue": "\(configuration.queue)", "error": "\(error)", "attempt": "\(attempt + 1)"])
                }
                await pause(configuration.reconnect.delay(attempt: attempt))
                attempt += 1
            }
        }
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
        defer { withLock { inFlightCount -= 1 } }
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

    /// Sleeps for `duration`, waking early when shutdown begins.
    private func pause(_ duration: Duration) async {
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end, !isStopping {
            try? await Task.sleep(for: min(.milliseconds(100), end - ContinuousClock.now))
        }
    }
}
