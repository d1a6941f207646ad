import Foundation

/// A job for the trainer, published to `lce.jobs` with key `train`.
public struct TrainJob: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.train.job/v1"

    /// Always `lce.train.job/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The job id.
    public var id: UUID
    /// When the job was submitted.
    public var createdAt: Date
    /// The base model: a registry name or a path under LCE_HOME.
    public var baseModel: String
    /// The adapter to write (also the variant suffix: `lora.<adapter_name>`).
    public var adapterName: String
    /// A JSONL file of `{"prompt", "completion"}` records.
    public var dataset: String
    /// `lora`, `qlora` or `full`.
    public var method: String
    /// The adapter's shape; nil for full fine-tuning.
    public var lora: LoRASettings?
    /// Optimiser and schedule.
    public var hyperparameters: TrainingHyperparameters
    /// The experiment the run belongs to in the metrics store.
    public var experiment: String?

    /// Creates a value; `schema` is set to `lce.train.job/v1`.
    public init(id: UUID = UUID(), createdAt: Date = Date(), baseModel: String, adapterName: String, dataset: String, method: String = "lora", lora: LoRASettings? = LoRASettings(), hyperparameters: TrainingHyperparameters = TrainingHyperparameters(), experiment: String? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.baseModel = baseModel
        self.adapterName = adapterName
        self.dataset = dataset
        self.method = method
        self.lora = lora
        self.hyperparameters = hyperparameters
        self.experiment = experiment
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case createdAt = "created_at"
        case baseModel = "base_model"
        case adapterName = "adapter_name"
        case dataset
        case method
        case lora
        case hyperparameters
        case experiment
    }
}
