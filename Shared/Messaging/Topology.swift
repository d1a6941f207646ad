import Foundation
import Logging

/// The exchanges, queues and bindings of ARCHITECTURE.md, declared idempotently by every service at start and after a reconnect.
public struct Topology: Sendable {
    /// How durable work queues are declared.
    public enum QueueKind: String, Sendable {
        /// Raft-replicated queues (`x-queue-type=quorum`), RabbitMQ 3.8 and later.
        case quorum
        /// Classic mirrored-or-not queues, for brokers or tests that need them.
        case classic
    }

    /// Exchange names.
    public enum Exchange {
        /// Generate requests from AMQP clients to the router (direct, key `generate`).
        public static let requests = "lce.requests"
        /// Requests from the router to worker pools (direct, key = variant id).
        public static let inference = "lce.inference"
        /// Train and eval jobs (direct, keys `train`, `eval`).
        public static let jobs = "lce.jobs"
        /// Domain events such as `adapter.trained` (topic).
        public static let events = "lce.events"
        /// Measurements for the metrics service (topic, `metrics.#`).
        public static let metrics = "lce.metrics"
        /// Dead letters (fanout).
        public static let dead = "lce.dead"
    }

    /// Queue names.
    public enum Queue {
        /// The router's input.
        public static let generateRequests = "generate.requests"
        /// The trainer's input.
        public static let trainJobs = "train.jobs"
        /// The evaluator's input.
        public static let evalJobs = "eval.jobs"
        /// The metrics service's input.
        public static let metricsEvents = "metrics.events"
        /// Every message that could not be processed, with its `x-lce-reason` header.
        public static let deadLetters = "dead.letters"
        /// The queue of one worker pool.
        public static func inference(_ variant: String) -> String { "inference.\(variant)" }
        /// The events queue of one worker instance (each instance hears every event, unlike a pool's competing consumers).
        public static func workerEvents(variant: String, instance: String) -> String { "worker.\(variant).\(instance).events" }
    }

    /// Routing keys.
    public enum RoutingKey {
        /// Key of generate requests on `lce.requests`.
        public static let generate = "generate"
        /// Key of train jobs on `lce.jobs`.
        public static let train = "train"
        /// Key of eval jobs on `lce.jobs`.
        public static let eval = "eval"
        /// Pattern binding `metrics.events` to `lce.metrics`.
        public static let allMetrics = "metrics.#"
        /// Event: an adapter finished training.
        public static let adapterTrained = "adapter.trained"
        /// Event: one variant of an eval job was evaluated.
        public static let evaluationCompleted = "evaluation.completed"
        /// Event: an eval job ended, after its `evaluation.completed` events.
        public static let evaluationFinished = "evaluation.finished"
        /// Event: a job failed.
        public static let jobFailed = "job.failed"
        /// Metric: one inference request's measurement.
        public static let inferenceMetric = "metrics.inference"
        /// Metric: one routing decision.
        public static let routingMetric = "metrics.routing"
        /// Metric: one training step.
        public static let trainingStepMetric = "metrics.training.step"
        /// Metric: a variant's evaluation result.
        public static let evaluationResultMetric = "metrics.evaluation.result"
        /// Metric: one evaluated sample.
        public static let evaluationSampleMetric = "metrics.evaluation.sample"
        /// Metric: a service heartbeat.
        public static let heartbeatMetric = "metrics.heartbeat"
        /// Metric: an adapter was trained (the metrics service stores the run).
        public static let adapterTrainedMetric = "metrics.adapter.trained"
        /// Metric: a job failed.
        public static let jobFailedMetric = "metrics.job.failed"
    }

    /// How job, metrics, request and event queues are declared (quorum by default).
    public var queueKind: QueueKind
    /// How `inference.<variant>` queues are declared. Classic by default: a quorum queue delivers, and settles acks,
    /// only through its disk-synced Raft log, which here made a loopback request/reply p50 0.8-10 ms instead of
    /// 0.27-0.34 ms and cut a prefetch-1 worker's throughput from about 1,100 to 90 requests/s; and an inference request
    /// is a deadline-bound RPC whose caller learns of a loss by its deadline anyway.
    public var inferenceQueueKind: QueueKind
    /// Deliveries after which a quorum queue dead-letters a message nobody acknowledges (a poison message killing its consumers).
    public var deliveryLimit: Int?

    /// Creates a topology description.
    public init(queueKind: QueueKind = .quorum, inferenceQueueKind: QueueKind = .classic, deliveryLimit: Int? = 10) {
        self.queueKind = queueKind
        self.inferenceQueueKind = inferenceQueueKind
        self.deliveryLimit = deliveryLimit
    }

    /// Reads `LCE_QUEUE_TYPE` and `LCE_INFERENCE_QUEUE_TYPE` (`quorum` or `classic`), keeping the defaults for unset variables.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Topology {
        func kind(_ name: String, default value: QueueKind) throws -> QueueKind {
            guard let text = environment[name], !text.isEmpty else { return value }
            guard let kind = QueueKind(rawValue: text.lowercased()) else {
                throw MessagingError.invalidName("\(name)=\(text): expected quorum or classic")
            }
            return kind
        }
        return Topology(queueKind: try kind("LCE_QUEUE_TYPE", default: .quorum),
                        inferenceQueueKind: try kind("LCE_INFERENCE_QUEUE_TYPE", default: .classic))
    }

    /// The arguments of a durable work queue: its type and the dead-letter exchange.
    public var workQueueArguments: [String: AMQPFieldValue] { arguments(for: queueKind) }

    /// The arguments of an `inference.<variant>` queue.
    public var inferenceQueueArguments: [String: AMQPFieldValue] { arguments(for: inferenceQueueKind) }

    private func arguments(for kind: QueueKind) -> [String: AMQPFieldValue] {
        var arguments: [String: AMQPFieldValue] = ["x-dead-letter-exchange": .string(Exchange.dead)]
        if kind == .quorum {
            arguments["x-queue-type"] = "quorum"
            if let deliveryLimit { arguments["x-delivery-limit"] = .int(Int64(deliveryLimit)) }
        }
        return arguments
    }

    /// Declares every exchange and fixed queue with their bindings; safe to repeat.
    public func declare(on connection: AMQPConnection, logger: Logger? = nil) async throws {
        let channel = try await connection.openChannel()
        try await channel.declareExchange(Exchange.requests, kind: .direct)
        try await channel.declareExchange(Exchange.inference, kind: .direct)
        try await channel.declareExchange(Exchange.jobs, kind: .direct)
        try await channel.declareExchange(Exchange.events, kind: .topic)
        try await channel.declareExchange(Exchange.metrics, kind: .topic)
        try await channel.declareExchange(Exchange.dead, kind: .fanout)

        // dead.letters has no dead-letter exchange of its own: nothing is ever dropped from it by the broker.
        let deadArguments: [String: AMQPFieldValue] = queueKind == .quorum ? ["x-queue-type": "quorum"] : [:]
        var current = try await declareDurableQueue(Queue.deadLetters, arguments: deadArguments, on: channel, logger: logger)
        try await current.bindQueue(Queue.deadLetters, to: Exchange.dead, routingKey: "")

        for (queue, exchange, key) in [(Queue.generateRequests, Exchange.requests, RoutingKey.generate),
                                       (Queue.trainJobs, Exchange.jobs, RoutingKey.train),
                                       (Queue.evalJobs, Exchange.jobs, RoutingKey.eval),
                                       (Queue.metricsEvents, Exchange.metrics, RoutingKey.allMetrics)] {
            current = try await declareDurableQueue(queue, arguments: workQueueArguments, on: current, logger: logger)
            try await current.bindQueue(queue, to: exchange, routingKey: key)
        }
        await current.close()
    }

    /// Declares and binds `inference.<variant>` for one worker pool, returning the queue name.
    @discardableResult
    public func declareInferenceQueue(variant: String, on connection: AMQPConnection, logger: Logger? = nil) async throws -> String {
        try Self.validateVariant(variant)
        let queue = Queue.inference(variant)
        let channel = try await declareDurableQueue(queue, arguments: inferenceQueueArguments, on: connection.openChannel(), logger: logger)
        try await channel.bindQueue(queue, to: Exchange.inference, routingKey: variant)
        await channel.close()
        return queue
    }

    /// How long the broker keeps an instance's events queue after its last consumer left: long enough to ride out a
    /// reconnect, short enough that instances gone for good leave no queue behind.
    public static let instanceQueueExpiryMilliseconds: Int64 = 60_000

    /// Declares the events queue of one service instance, bound to each of `bindingKeys` on `lce.events`: a classic queue
    /// that the broker deletes `instanceQueueExpiryMilliseconds` after its consumer is gone. What it misses while its
    /// instance is down does not matter: a starting instance loads the registry as it is.
    public func declareInstanceEventQueue(_ queue: String, bindingKeys: [String], on connection: AMQPConnection) async throws {
        let channel = try await connection.openChannel()
        try await channel.declareQueue(queue, durable: false,
                                       arguments: ["x-expires": .int(Self.instanceQueueExpiryMilliseconds),
                                                   "x-dead-letter-exchange": .string(Exchange.dead)])
        for key in bindingKeys { try await channel.bindQueue(queue, to: Exchange.events, routingKey: key) }
        await channel.close()
    }

    /// Declares a durable queue of one consumer group on `lce.events`, bound to each of `bindingKeys`.
    public func declareEventQueue(_ queue: String, bindingKeys: [String], on connection: AMQPConnection, logger: Logger? = nil) async throws {
        let channel = try await declareDurableQueue(queue, arguments: workQueueArguments, on: connection.openChannel(), logger: logger)
        for key in bindingKeys { try await channel.bindQueue(queue, to: Exchange.events, routingKey: key) }
        await channel.close()
    }

    /// Checks a variant id (`base`, `q8`, `q4`, `lora.<adapter>`, `qlora.<adapter>`) before it becomes a queue name.
    public static func validateVariant(_ variant: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard !variant.isEmpty, variant.count <= 200, variant.allSatisfy({ allowed.contains($0) }),
              variant.first != ".", variant.last != "." else {
            throw MessagingError.invalidName("variant id '\(variant)' must be 1-200 characters of a-z, 0-9, '.', '_', '-' (e.g. base, q4, lora.python)")
        }
    }

    /// Declares a queue; when one of that name already exists with other arguments (e.g. a classic queue from an older
    /// deployment), the broker's 406 closes the channel, so the existing queue is used as it is on a fresh channel.
    private func declareDurableQueue(_ queue: String, arguments: [String: AMQPFieldValue], on channel: AMQPChannel,
                                     logger: Logger?) async throws -> AMQPChannel {
        do {
            try await channel.declareQueue(queue, durable: true, arguments: arguments)
            return channel
        } catch MessagingError.channelClosed(let code, let text) where code == 406 {
            logger?.warning("queue exists with other arguments; using it as it is",
                            metadata: ["queue": "\(queue)", "broker": "\(text)"])
            let fresh = try await channel.connection.openChannel()
            try await fresh.declareQueue(queue, passive: true)
            return fresh
        }
    }
}
