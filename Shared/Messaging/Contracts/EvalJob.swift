import Foundation

/// A job for the evaluator, published to `lce.jobs` with key `eval`.
public struct EvalJob: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.eval.job/v1"

    /// Always `lce.eval.job/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The job id.
    public var id: UUID
    /// When the job was submitted.
    public var createdAt: Date
    /// The variants to evaluate (`base`, `q8`, `lora.<adapter>` ...).
    public var variants: [String]
    /// A JSONL file in HumanEval's shape or of `{"prompt", "completion"}` records.
    public var dataset: String
    /// Which of `bleu`, `codebleu`, `pass@k`, `perplexity`, `latency` to compute.
    public var metrics: [String]
    /// Completions drawn per task (n of pass@k).
    public var samplesPerTask: Int
    /// The k values of pass@k.
    public var k: [Int]
    /// The most tokens per completion.
    public var maxTokens: Int
    /// Sampling temperature.
    public var temperature: Double
    /// Evaluate only the first N tasks.
    public var limit: Int?
    /// The experiment the results belong to.
    public var experiment: String?
    /// Why it runs: `manual` or `adapter.trained`.
    public var trigger: String
    /// The base model whose variants are evaluated, by registry name or path (default: the evaluator's own).
    public var baseModel: String?
    /// The model the `merged` variant evaluates (an adapter merged into the base, e.g. by `lce merge`), by registry name or path.
    public var mergedModel: String?

    /// Creates a value; `schema` is set to `lce.eval.job/v1`.
    public init(id: UUID = UUID(), createdAt: Date = Date(), variants: [String], dataset: String, metrics: [String] = ["bleu", "codebleu", "pass@k", "latency"], samplesPerTask: Int = 1, k: [Int] = [1], maxTokens: Int = 256, temperature: Double = 0, limit: Int? = nil, experiment: String? = nil, trigger: String = "manual", baseModel: String? = nil, mergedModel: String? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.variants = variants
        self.dataset = dataset
        self.metrics = metrics
        self.samplesPerTask = samplesPerTask
        self.k = k
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.limit = limit
        self.experiment = experiment
        self.trigger = trigger
        self.baseModel = baseModel
        self.mergedModel = mergedModel
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case createdAt = "created_at"
        case variants
        case dataset
        case metrics
        case samplesPerTask = "samples_per_task"
        case k
        case maxTokens = "max_tokens"
        case temperature
        case limit
        case experiment
        case trigger
        case baseModel = "base_model"
        case mergedModel = "merged_model"
    }
}
