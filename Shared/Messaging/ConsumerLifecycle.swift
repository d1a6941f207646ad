import Foundation
import Logging
import ServiceLifecycle

/// What `Consumer` and `BatchConsumer` share: the stop flag and the channel to cancel on shutdown, `run()` under
/// graceful shutdown and cancellation, and the reconnect loop around one attachment to the queue (connect, run
/// `setup`, open the consuming channel with its prefetch and a confirming channel for dead letters, consume, wait
/// until the consumer ends, and after a lost connection wait the backoff and do it again).
final class ConsumerLifecycle: @unchecked Sendable {
    /// One attachment: starts consuming on `channel` (dead letters go on `deadLetters`) and returns the consumer tag
    /// and a wait that ends when the consumer does, with the error that ended it or nil after a cancel.
    typealias Attach = @Sendable (_ channel: AMQPChannel, _ deadLetters: AMQPChannel) async throws
        -> (consumerTag: String, untilEnded: @Sendable () async -> Error?)

    let url: AMQPURL
    let configuration: ConsumerConfiguration
    /// How logs name the consumer ("consumer", "batch consumer").
    let kind: String
    let logger: Logger
    private let setup: @Sendable (AMQPConnection) async throws -> Void

    private let lock = NSLock()
    private var stopping = false
    private var active: (channel: AMQPChannel, consumerTag: String)?

    init(url: AMQPURL, configuration: ConsumerConfiguration, kind: String,
         setup: @escaping @Sendable (AMQPConnection) async throws -> Void, logger: Logger) {
        self.url = url
        self.configuration = configuration
        self.kind = kind
        self.setup = setup
        self.logger = logger
    }

    /// Whether the consumer is attached to its queue now.
    var isConsuming: Bool { withLock { active != nil } }

    /// Whether shutdown has begun.
    var isStopping: Bool { withLock { stopping } }

    func withLock<T>(_ body: () -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body()
    }

    /// Consumes with `attach` until `shutdown()`, graceful shutdown of the service group, or task cancellation.
    func run(_ attach: @escaping Attach) async {
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await consumeUntilStopped(attach)
            } onCancel: {
                self.shutdown()
            }
        } onGracefulShutdown: {
            self.shutdown()
        }
    }

    /// Stops taking messages: cancels the consumer, so the wait of the current attachment ends once what was
    /// delivered is handled and settled, and the connection closes.
    func shutdown() {
        let current: (channel: AMQPChannel, consumerTag: String)? = withLock {
            stopping = true
            return active
        }
        if let current {
            Task { try? await current.channel.cancel(consumerTag: current.consumerTag) }
        }
    }

    private func consumeUntilStopped(_ attach: Attach) async {
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
                let (tag, untilEnded) = try await attach(channel, deadLetters)
                let stopNow = withLock { () -> Bool in
                    active = (channel, tag)
                    return stopping
                }
                if stopNow { try? await channel.cancel(consumerTag: tag) }
                if attempt > 0 { logger.info("consuming again after reconnect", metadata: ["queue": "\(configuration.queue)"]) }
                attempt = 0

                let streamError = await untilEnded()
                withLock { active = nil }
                if let streamError { throw streamError }
                await opened.close()
                return
            } catch {
                withLock { active = nil }
                await connection?.close()
                if isStopping { return }
                if let messaging = error as? MessagingError, !messaging.isConnectionLoss, attempt == 0 {
                    logger.error("\(kind) failed", metadata: ["queue": "\(configuration.queue)", "error": "\(error)"])
                } else {
                    logger.warning("\(kind) lost the broker; reconnecting",
                                   metadata: ["queue": "\(configuration.queue)", "error": "\(error)", "attempt": "\(attempt + 1)"])
                }
                await pause(configuration.reconnect.delay(attempt: attempt))
                attempt += 1
            }
        }
    }

    /// Sleeps for `duration`, waking early when shutdown begins.
    private func pause(_ duration: Duration) async {
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end, !isStopping {
            try? await Task.sleep(for: min(.milliseconds(100), end - ContinuousClock.now))
        }
    }
}
