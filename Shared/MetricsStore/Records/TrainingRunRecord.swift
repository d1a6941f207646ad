import Foundation

/// A training run (one train job); recording it again fills in or updates its fields.
public struct TrainingRunRecord: Sendable, Equatable, ExperimentMember {
    /// The train job's id.
    public var id: UUID
    /// Experiment it belongs to.
    public var experimentID: UUID?
    /// The experiment's name, when the producer knows it (see `setExperiment(named:)`).
    public var experimentName: String?
    /// Base model name.
    public var model: String?
    /// Adapter being trained.
    public var adapter: String?
    /// `lora`, `qlora` or `full`.
    public var method: String?
    /// Hyper-parameters as JSON.
    public var config: PostgresJSON?
    /// Current state.
    public var status: TrainingRunStatus
    /// When training started.
    public var startedAt: Date?
    /// When training ended.
    public var finishedAt: Date?
    /// Optimizer steps taken.
    public var steps: Int?
    /// Loss at the last step.
    public var finalLoss: Double?
    /// Wall-clock training time.
    public var trainSeconds: Double?
    /// Peak resident memory of the trainer.
    public var peakRSSBytes: Int64?
    /// Size of the written adapter.
    public var adapterSizeBytes: Int64?
    /// Failure reason when `status` is `.failed`.
    public var error: String?

    /// Creates a training run record.
    public init(id: UUID, experimentID: UUID? = nil, model: String? = nil, adapter: String? = nil, method: String? = nil,
                config: PostgresJSON? = nil, status: TrainingRunStatus = .running, startedAt: Date? = nil,
                finishedAt: Date? = nil, steps: Int? = nil, finalLoss: Double? = nil, trainSeconds: Double? = nil,
                peakRSSBytes: Int64? = nil, adapterSizeBytes: Int64? = nil, error: String? = nil) {
        self.id = id
        self.experimentID = experimentID
        self.model = model
        self.adapter = adapter
        self.method = method
        self.config = config
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.steps = steps
        self.finalLoss = finalLoss
        self.trainSeconds = trainSeconds
        self.peakRSSBytes = peakRSSBytes
        self.adapterSizeBytes = adapterSizeBytes
        self.error = error
    }
}
