import Dispatch
import Foundation
import Messaging
import Testing

/// What a batch handler saw: the size of each batch and every body, in order.
actor BatchLog {
    private(set) var sizes: [Int] = []
    private(set) var bodies: [String] = []

    func record(_ batch: [IncomingMessage]) {
        sizes.append(batch.count)
        bodies += batch.map { String(decoding: $0.body, as: UTF8.self) }
    }
}

/// A task executor whose jobs run on one serial queue, marked so a job can tell it runs there.
final class MarkedQueueExecutor: TaskExecutor, @unchecked Sendable {
    static let key = DispatchSpecificKey<String>()
    private let queue = DispatchQueue(label: "test.marked-executor")

    init() { queue.setSpecific(key: Self.key, value: "marked") }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    /// Whether the caller runs on this executor's queue.
    static var isCurrent: Bool { DispatchQueue.getSpecific(key: key) == "marked" }
}

@Suite(.enabled(if: BrokerEnvironment.isConfigured, BrokerEnvironment.skipReason), .serialized)
struct BatchConsumerTests {
    /// Messages left in `queue`, ready or returned to it.
    func messagesLeft(in queue: String) async throws -> Int {
        try await withBrokerConnection { connection in
            try await connection.openChannel().declareQueue(queue, arguments: Topology().workQueueArguments, passive: true).messageCount
        }
    }

    @Test func aBacklogArrivesInBatchesAndEveryMessageIsAcknowledged() async throws {
        let queue = BrokerEnvironment.uniqueName("batch")
        _ = try await withBrokerConnection { try await declareWorkQueue(queue, on: $0) }
        try await publish((0..<50).map { "m\($0)" }, to: queue)
        let log = BatchLog()
        let consumer = BatchConsumer(url: try BrokerEnvironment.url(),
                                     configuration: ConsumerConfiguration(queue: queue, prefetch: 60), maxBatch: 20,
                                     maxDelay: .milliseconds(200), setup: { _ in }) { batch in
            await log.record(batch)
            return batch.map { _ in .ack }
        }
        let running = Task { try await consumer.run() }
        #expect(await eventually(within: .seconds(10)) { await log.bodies.count == 50 })
        #expect(await eventually(within: .seconds(5)) { consumer.batchesSettled == (await log.sizes.count) })
        consumer.shutdown()
        try await running.value
        let sizes = await log.sizes
        #expect(await log.bodies == (0..<50).map { "m\($0)" })
        #expect(sizes.allSatisfy { $0 <= 20 })
        #expect(sizes.count < 50, "a backlog gives batches of more than one message: \(sizes)")
        // Closing the connection returns whatever is unacknowledged to the queue: nothing is.
        #expect(try await messagesLeft(in: queue) == 0)
        await deleteQueues(queue)
    }

    @Test func aPartialBatchWaitsForCompanyUpToItsDelay() async throws {
        let queue = BrokerEnvironment.uniqueName("batch-linger")
        _ = try await withBrokerConnection { try await declareWorkQueue(queue, on: $0) }
        let log = BatchLog()
        let consumer = BatchConsumer(url: try BrokerEnvironment.url(),
                                     configuration: ConsumerConfiguration(queue: queue, prefetch: 100), maxBatch: 100,
                                     maxDelay: .seconds(2), setup: { _ in }) { batch in
            await log.record(batch)
            return batch.map { _ in .ack }
        }
        let running = Task { try await consumer.run() }
        #expect(await eventually(within: .seconds(5)) { consumer.isConsuming })
        // Three messages published one by one, well within the delay, make one batch.
        for index in 0..<3 { try await publish(["late\(index)"], to: queue) }
        #expect(await eventually(within: .seconds(10)) { await log.bodies.count == 3 })
        #expect(await log.sizes == [3])
        consumer.shutdown()
        try await running.value
        await deleteQueues(queue)
    }

    @Test func deadLetteredAndRequeuedMessagesAreSettledOnTheirOwn() async throws {
        let queue = BrokerEnvironment.uniqueName("batch-mixed")
        let capture = BrokerEnvironment.uniqueName("batch-dead")
        let url = try BrokerEnvironment.url()
        let observer = try await AMQPConnection.connect(to: url, name: "batch-dead-observer")
        try await Topology().declare(on: observer)
        try await declareWorkQueue(queue, on: observer)
        let captureChannel = try await observer.openChannel()
        try await captureChannel.declareQueue(capture, durable: false, exclusive: true, autoDelete: true)
        try await captureChannel.bindQueue(capture, to: Topology.Exchange.dead, routingKey: "")
        let (_, deadLetters) = try await captureChannel.consume(queue: capture, noAck: true)

        try await publish(["ok-0", "bad", "again", "ok-1"], to: queue, messageIDs: ["id-0", "id-bad", "id-again", "id-1"])
        let log = BatchLog()
        let consumer = BatchConsumer(url: url, configuration: ConsumerConfiguration(queue: queue, prefetch: 10), maxBatch: 10,
                                     maxDelay: .milliseconds(300), setup: { _ in }) { batch in
            let seenBefore = await log.bodies
            await log.record(batch)
            return batch.map { message -> ConsumerDisposition in
                switch String(decoding: message.body, as: UTF8.self) {
                case "bad": return .deadLetter(reason: "bad on purpose")
                case "again" where !seenBefore.contains("again"): return .requeue
                default: return .ack
                }
            }
        }
        let running = Task { try await consumer.run() }
        let dead = try await firstMessage(in: deadLetters, within: .seconds(10), what: "the dead letter") {
            $0.properties.messageID == "id-bad"
        }
        #expect(dead.properties.headers["x-lce-reason"]?.stringValue == "bad on purpose")
        // The requeued message comes back once and is acknowledged the second time.
        #expect(await eventually(within: .seconds(10)) { await log.bodies.filter { $0 == "again" }.count == 2 })
        #expect(await eventually(within: .seconds(5)) { (try? await messagesLeft(in: queue)) == 0 })
        consumer.shutdown()
        try await running.value
        #expect(await log.bodies.filter { $0.hasPrefix("ok-") }.count == 2)
        #expect(try await messagesLeft(in: queue) == 0)
        await observer.close()
        await deleteQueues(queue)
    }

    @Test func handlersRunOnTheConfiguredExecutor() async throws {
        let queue = BrokerEnvironment.uniqueName("executor")
        _ = try await withBrokerConnection { try await declareWorkQueue(queue, on: $0) }
        try await publish(["a", "b", "c"], to: queue)
        let probe = ConcurrencyProbe()
        let consumer = Consumer(url: try BrokerEnvironment.url(),
                                configuration: ConsumerConfiguration(queue: queue, prefetch: 3, handlerExecutor: MarkedQueueExecutor()),
                                setup: { _ in }) { message in
            let onExecutor = MarkedQueueExecutor.isCurrent
            await probe.enter()
            await probe.leave(onExecutor ? "on executor" : "elsewhere")
            return .ack
        }
        let running = Task { try await consumer.run() }
        #expect(await eventually(within: .seconds(10)) { await probe.finished == 3 })
        consumer.shutdown()
        try await running.value
        #expect(await probe.bodies == ["on executor", "on executor", "on executor"])
        await deleteQueues(queue)
    }

    @Test func aReplySentOnTheDeliveringChannelReachesTheCaller() async throws {
        let queue = BrokerEnvironment.uniqueName("reply")
        _ = try await withBrokerConnection { try await declareWorkQueue(queue, on: $0) }
        let url = try BrokerEnvironment.url()
        let consumer = Consumer(url: url, configuration: ConsumerConfiguration(queue: queue, prefetch: 4), setup: { _ in },
                                decoding: GenerateRequest.self) { request, message in
            let reply = GenerateReply(id: request.id, model: "base", output: request.prompt + " done", completion: " done",
                                      promptTokens: 2, completionTokens: 1)
            let sent = try message.sendReply(reply, appID: "test-worker")
            return sent ? .ack : .deadLetter(reason: "the request had no reply_to")
        }
        let running = Task { try await consumer.run() }
        #expect(await eventually(within: .seconds(5)) { consumer.isConsuming })
        let client = RPCClient(url: url, name: "test-reply")
        let request = GenerateRequest(prompt: "say", maxTokens: 1, deadline: Date().addingTimeInterval(10))
        let reply = try await client.call(request, exchange: "", routingKey: queue, expecting: GenerateReply.self,
                                          deadline: request.deadline)
        #expect(reply.id == request.id)
        #expect(reply.output == "say done")
        await client.close()
        consumer.shutdown()
        try await running.value
        #expect(try await messagesLeft(in: queue) == 0)
        await deleteQueues(queue)
    }
}
