import Foundation

/// Something that happened to a submitted train or eval job.
public enum JobEvent: Sendable {
    /// A training step's measurements (`metrics.training.step`).
    case trainingStep(TrainingStep)
    /// The trainer wrote the adapter (`adapter.trained`): the train job is done.
    case adapterTrained(AdapterTrained)
    /// One variant of an eval job was evaluated (`evaluation.completed`).
    case evaluationCompleted(EvaluationResult)
    /// The eval job ended (`evaluation.finished`), after its `evaluation.completed` events.
    case evaluationFinished(EvaluationFinished)
    /// The job failed (`job.failed`).
    case failed(JobFailed)

    /// The job the event belongs to.
    public var jobID: UUID {
        switch self {
        case .trainingStep(let step): return step.jobId
        case .adapterTrained(let event): return event.jobId
        case .evaluationCompleted(let result): return result.jobId
        case .evaluationFinished(let event): return event.jobId
        case .failed(let event): return event.jobId
        }
    }
}

/// Follows one job from outside its service, as `lce submit` does: a private queue (exclusive, deleted with the
/// connection) bound to the job-related keys of `lce.events` and `lce.metrics` before the job is published, so no
/// event of it can be missed. It takes copies: the metrics service and other consumers get theirs as before.
public final class JobWatch: Sendable {
    /// The job followed.
    public let jobID: UUID
    private let channel: AMQPChannel
    private let deliveries: AsyncThrowingStream<IncomingMessage, Error>

    private init(jobID: UUID, channel: AMQPChannel, deliveries: AsyncThrowingStream<IncomingMessage, Error>) {
        self.jobID = jobID
        self.channel = channel
        self.deliveries = deliveries
    }

    /// Starts following `jobID` on `connection`; call it before publishing the job.
    public static func open(jobID: UUID, on connection: AMQPConnection) async throws -> JobWatch {
        let channel = try await connection.openChannel()
        let queue = try await channel.declareQueue("", durable: false, exclusive: true, autoDelete: true)
        for key in [Topology.RoutingKey.adapterTrained, Topology.RoutingKey.evaluationCompleted, Topology.RoutingKey.evaluationFinished,
                    Topology.RoutingKey.jobFailed] {
            try await channel.bindQueue(queue.name, to: Topology.Exchange.events, routingKey: key)
        }
        try await channel.bindQueue(queue.name, to: Topology.Exchange.metrics, routingKey: Topology.RoutingKey.trainingStepMetric)
        let (_, deliveries) = try await channel.consume(queue: queue.name, noAck: true)
        return JobWatch(jobID: jobID, channel: channel, deliveries: deliveries)
    }

    /// The job's events in the order they arrive (other jobs' are skipped, as are bodies that do not decode); the
    /// sequence ends when the connection does.
    public var events: AsyncCompactMapSequence<AsyncThrowingStream<IncomingMessage, Error>, JobEvent> {
        let jobID = self.jobID
        return deliveries.compactMap { message in
            guard let event = Self.event(from: message), event.jobID == jobID else { return nil }
            return event
        }
    }

    /// Decodes a delivery by its schema (the AMQP `type`, else the body's `schema` field).
    static func event(from message: IncomingMessage) -> JobEvent? {
        let schema = message.properties.type ?? (try? JSONDecoder().decode(SchemaProbe.self, from: message.body))?.schema
        switch schema {
        case TrainingStep.schemaID: return (try? ContractCoder.decode(TrainingStep.self, from: message.body)).map(JobEvent.trainingStep)
        case AdapterTrained.schemaID: return (try? ContractCoder.decode(AdapterTrained.self, from: message.body)).map(JobEvent.adapterTrained)
        case EvaluationResult.schemaID:
            return (try? ContractCoder.decode(EvaluationResult.self, from: message.body)).map(JobEvent.evaluationCompleted)
        case EvaluationFinished.schemaID:
            return (try? ContractCoder.decode(EvaluationFinished.self, from: message.body)).map(JobEvent.evaluationFinished)
        case JobFailed.schemaID: return (try? ContractCoder.decode(JobFailed.self, from: message.body)).map(JobEvent.failed)
        default: return nil
        }
    }

    /// Stops following: the private queue goes with the channel.
    public func close() async {
        await channel.close()
    }

    private struct SchemaProbe: Decodable {
        let schema: String
    }
}
