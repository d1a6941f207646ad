import Foundation

/// Metric: one optimiser step of a training run (on `lce.metrics`, key `metrics.training.step`).
public struct TrainingStep: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.training.step/v1"

    /// Always `lce.training.step/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The event id.
    public var id: UUID
    /// The training job.
    public var jobId: UUID
    /// The optimiser step, from 1.
    public var step: Int
    /// Fractional epoch at this step.
    public var epoch: Double
    /// Training loss of the step.
    public var loss: Double
    /// Learning rate used.
    public var learningRate: Double
    /// Gradient norm before clipping.
    public var gradNorm: Double?
    /// Training throughput.
    public var tokensPerSecond: Double?
    /// Seconds since the run started.
    public var elapsedS: Double
    /// When the step finished.
    public var createdAt: Date

    /// Creates a value; `schema` is set to `lce.training.step/v1`.
    public init(id: UUID = UUID(), jobId: UUID, step: Int, epoch: Double = 0, loss: Double, learningRate: Double, gradNorm: Double? = nil, tokensPerSecond: Double? = nil, elapsedS: Double = 0, createdAt: Date = Date()) {
        self.id = id
        self.jobId = jobId
        self.step = step
        self.epoch = epoch
        self.loss = loss
        self.learningRate = learningRate
        self.gradNorm = gradNorm
        self.tokensPerSecond = tokensPerSecond
        self.elapsedS = elapsedS
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case jobId = "job_id"
        case step
        case epoch
        case loss
        case learningRate = "learning_rate"
        case gradNorm = "grad_norm"
        case tokensPerSecond = "tokens_per_second"
        case elapsedS = "elapsed_s"
        case createdAt = "created_at"
    }
}
