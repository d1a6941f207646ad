import Foundation

/// Metric and event: one variant's scores on one dataset (key `metrics.evaluation.result`; `evaluation.completed` on `lce.events`).
public struct EvaluationResult: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.evaluation.result/v1"

    /// Always `lce.evaluation.result/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The event id.
    public var id: UUID
    /// The evaluation job.
    public var jobId: UUID
    /// The variant evaluated.
    public var variant: String
    /// The dataset's name or path.
    public var dataset: String
    /// Tasks evaluated.
    public var samples: Int
    /// Corpus BLEU (0-100), as sacrebleu computes it.
    public var bleu: Double?
    /// sacrebleu's signature for the BLEU settings.
    public var bleuSignature: String?
    /// CodeBLEU (0-1).
    public var codebleu: Double?
    /// pass@k by k, keyed `pass@1`, `pass@10`.
    public var passAtK: [String: Double]?
    /// Perplexity on the references.
    public var perplexity: Double?
    /// Median request latency.
    public var latencyP50Ms: Double?
    /// 95th-percentile request latency.
    public var latencyP95Ms: Double?
    /// Mean time to first token.
    public var timeToFirstTokenMs: Double?
    /// Mean time per output token.
    public var timePerOutputTokenMs: Double?
    /// Generation throughput.
    public var tokensPerSecond: Double?
    /// Peak resident memory while generating.
    public var peakRssBytes: Int64?
    /// The variant's size on disk.
    public var sizeBytes: Int64?
    /// When the evaluation finished.
    public var createdAt: Date
    /// The base model evaluated (its registry name or path).
    public var model: String?
    /// The machine the figures were measured on.
    public var hardware: HardwareInfo?
    /// A hash of the evaluation's configuration (decoding settings, dataset, variant build), so runs compare honestly.
    public var configHash: String?
    /// The experiment the eval job named, if any; the metrics store files the result under it.
    public var experiment: String?

    /// Creates a value; `schema` is set to `lce.evaluation.result/v1`.
    public init(id: UUID = UUID(), jobId: UUID, variant: String, dataset: String, samples: Int, bleu: Double? = nil, bleuSignature: String? = nil, codebleu: Double? = nil, passAtK: [String: Double]? = nil, perplexity: Double? = nil, latencyP50Ms: Double? = nil, latencyP95Ms: Double? = nil, timeToFirstTokenMs: Double? = nil, timePerOutputTokenMs: Double? = nil, tokensPerSecond: Double? = nil, peakRssBytes: Int64? = nil, sizeBytes: Int64? = nil, createdAt: Date = Date()) {
        self.id = id
        self.jobId = jobId
        self.variant = variant
        self.dataset = dataset
        self.samples = samples
        self.bleu = bleu
        self.bleuSignature = bleuSignature
        self.codebleu = codebleu
        self.passAtK = passAtK
        self.perplexity = perplexity
        self.latencyP50Ms = latencyP50Ms
        self.latencyP95Ms = latencyP95Ms
        self.timeToFirstTokenMs = timeToFirstTokenMs
        self.timePerOutputTokenMs = timePerOutputTokenMs
        self.tokensPerSecond = tokensPerSecond
        self.peakRssBytes = peakRssBytes
        self.sizeBytes = sizeBytes
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case jobId = "job_id"
        case variant
        case dataset
        case samples
        case bleu
        case bleuSignature = "bleu_signature"
        case codebleu
        case passAtK = "pass_at_k"
        case perplexity
        case latencyP50Ms = "latency_p50_ms"
        case latencyP95Ms = "latency_p95_ms"
        case timeToFirstTokenMs = "time_to_first_token_ms"
        case timePerOutputTokenMs = "time_per_output_token_ms"
        case tokensPerSecond = "tokens_per_second"
        case peakRssBytes = "peak_rss_bytes"
        case sizeBytes = "size_bytes"
        case createdAt = "created_at"
        case model
        case hardware
        case configHash = "config_hash"
        case experiment
    }
}
