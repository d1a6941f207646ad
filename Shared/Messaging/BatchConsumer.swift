import Foundation
import Logging
import ServiceLifecycle

/// Consumes one queue in batches: the handler gets every delivery that has arrived (up to `maxBatch`) at once,
/// and the batch is settled after the handler returns with one `basic.ack` (multiple) for all its acknowledged
/// messages, so acknowledgement costs one frame per batch instead of one per message.
///
/// Up to `maxBatchesInFlight` handlers run at once (the next batch is decoded while the previous one is being
/// written), but batches are settled strictly in delivery order, which is what makes the multiple ack safe: every
/// message with a lower delivery tag belongs to this batch or an earlier one, and those are settled already.
/// Messages the handler dead-letters or requeues are settled one by one first. Reconnects, dead-lettering, the
/// delivery limit and graceful shutdown work as in `Consumer`.
public final class BatchConsumer: Service, @unchecked Sendable {
    /// The handler: does the work for the whole batch, then returns one disposition per message, in order.
    public typealias Handler = @Sendable ([IncomingMessage]) async -> [ConsumerDisposition]

    /// The broker.
    public let url: AMQPURL
    /// How the queue is read; `prefetch` should be at least twice `maxBatch` so that the next batch gathers
    /// while one is handled, and `concurrency` is not used (batches run one at a time).
    public let configuration: ConsumerConfiguration
    /// The most messages handed to the handler at once.
    public let maxBatch: Int
    /// The longest a partial batch waits for more messages (counted from its oldest message's arrival);
    /// a batch that gathered while the previous one was handled does not wait at all.
    public let maxDelay: Duration
    /// How many batches may be in the handler at once; they are settled in order all the same.
    public let maxBatchesInFlight: Int
    private let handler: Handler
    private let logger: Logger
    private let lifecycle: ConsumerLifecycle
    private let lock = NSLock()
    private var inFlightCount = 0
    private var messageCount: Int64 = 0
    private var batchCount = 0

    /// Creates a batch consumer. `setup` runs on every (re)connect before consuming; by default it declares the whole topology.
    public init(url: AMQPURL, configuration: ConsumerConfiguration, maxBatch: Int, maxDelay: Duration = .zero,
                maxBatchesInFlight: Int = 1,
                setup: @escaping @Sendable (AMQPConnection) async throws -> Void = { try await Topology().declare(on: $0) },
                logger: Logger = Logger(label: "lce.messaging.batch-consumer"), handler: @escaping Handler) {
        self.url = url
        self.configuration = configuration
        self.maxBatch = max(1, maxBatch)
        self.maxDelay = max(.zero, maxDelay)
        self.maxBatchesInFlight = max(1, maxBatchesInFlight)
        self.handler = handler
        self.logger = logger
        lifecycle = ConsumerLifecycle(url: url, configuration: configuration, kind: "batch consumer", setup: setup, logger: logger)
    }

    /// Whether the consumer is attached to its queue now (for health checks).
    public var isConsuming: Bool { lifecycle.isConsuming }

    /// How many messages the batches being handled hold now.
    public var inFlight: Int { withLock { inFlightCount } }

    /// Batches handled and settled so far.
    public var batchesSettled: Int { withLock { batchCount } }

    /// Messages handled and settled so far (acknowledged, requeued or dead-lettered).
    public var messagesSettled: Int64 { withLock { messageCount } }

    /// Consumes until `shutdown()`, graceful shutdown of the service group, or task cancellation.
    public func run() async throws {
        await lifecycle.run { channel, deadLetters in
            let buffer = DeliveryBuffer()
            let tag = try await channel.consume(queue: self.configuration.queue, noAck: false,
                                                deliver: buffer.append, end: buffer.finish)
            return (tag, { await self.drain(buffer, channel: channel, deadLetters: deadLetters) })
        }
    }

    /// Stops taking messages; the batch being handled and the deliveries already received are handled and
    /// settled, then the connection closes.
    public func shutdown() {
        lifecycle.shutdown()
    }

    private func withLock<T>(_ body: () -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body()
    }

    /// A batch in the handler, waiting to be settled after every batch before it.
    private typealias Handled = Task<[(IncomingMessage, ConsumerDisposition)], Never>

    /// Handles batches until the consumer ends; returns why it was lost, or nil after a cancel.
    private func drain(_ buffer: DeliveryBuffer, channel: AMQPChannel, deadLetters: AMQPChannel) async -> Error? {
        let (handled, toSettle) = AsyncStream<Handled>.makeStream()
        let (freedSlots, slotFreed) = AsyncStream<Void>.makeStream()
        return await withTaskGroup(of: Void.self) { group -> Error? in
            // Settles batches in the order they were taken, whatever order their handlers finish in.
            group.addTask {
                for await batch in handled {
                    let dispositions = await batch.value
                    await self.settle(dispositions, channel: channel, deadLetters: deadLetters)
                    self.withLock {
                        self.inFlightCount -= dispositions.count
                        self.messageCount += Int64(dispositions.count)
                        self.batchCount += 1
                    }
                    slotFreed.yield()
                }
                slotFreed.finish()
            }
            var slots = freedSlots.makeAsyncIterator()
            var running = 0
            var ending: Error?
            while true {
                if running >= maxBatchesInFlight {
                    _ = await slots.next()
                    running -= 1
                }
                let take = await buffer.next(limit: maxBatch, linger: maxDelay)
                guard case .messages(let batch) = take else {
                    if case .ended(let error) = take { ending = error }
                    break
                }
                running += 1
                withLock { inFlightCount += batch.count }
                toSettle.yield(Task { await self.process(batch) })
            }
            toSettle.finish()
            await group.waitForAll()
            return ending
        }
    }

    /// Runs the handler on a batch and pairs every message with its disposition.
    private func process(_ batch: [IncomingMessage]) async -> [(IncomingMessage, ConsumerDisposition)] {
        // A message that keeps killing its consumers is dead-lettered without reaching the handler.
        var work: [IncomingMessage] = []
        var dispositions: [(IncomingMessage, ConsumerDisposition)] = []
        work.reserveCapacity(batch.count)
        for message in batch {
            if message.previousDeliveries >= configuration.maxDeliveries {
                let reason = "delivered \(message.previousDeliveries + 1) times without being settled (it may crash its consumer)"
                dispositions.append((message, .deadLetter(reason: reason)))
            } else {
                work.append(message)
            }
        }
        if !work.isEmpty {
            var answers = await handler(work)
            if answers.count != work.count {
                logger.error("batch handler returned \(answers.count) dispositions for \(work.count) messages; requeueing the rest",
                             metadata: ["queue": "\(configuration.queue)"])
                answers = Array(answers.prefix(work.count)) + Array(repeating: .requeue, count: max(0, work.count - answers.count))
            }
            dispositions += zip(work, answers).map { ($0, $1) }
        }
        return dispositions
    }

    /// Dead-letters and requeues one by one, then acknowledges everything else with one multiple ack.
    private func settle(_ dispositions: [(IncomingMessage, ConsumerDisposition)], channel: AMQPChannel,
                        deadLetters: AMQPChannel) async {
        var highestAcked: UInt64?
        do {
            for (message, disposition) in dispositions {
                switch disposition {
                case .ack:
                    highestAcked = max(highestAcked ?? 0, message.deliveryTag)
                case .requeue:
                    try await message.reject(requeue: true)
                case .deadLetter(let reason):
                    await deadLetters.deadLetter(message, reason: reason, queue: configuration.queue, consumer: configuration.name,
                                                 logger: logger)
                }
            }
            // Everything at or below this tag not settled above belongs to this batch and was acknowledged by its handler.
            if let highestAcked { try await channel.ack(highestAcked, multiple: true) }
        } catch {
            // The connection is gone: the broker redelivers the batch, and handlers deduplicate on message id.
            logger.warning("could not settle a batch", metadata: ["queue": "\(configuration.queue)", "error": "\(error)"])
        }
    }
}
