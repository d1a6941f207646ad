import Foundation

/// Event: the trainer wrote an adapter to the registry (on `lce.events`, key `adapter.trained`).
public struct AdapterTrained: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.adapter.trained/v1"

    /// Always `lce.adapter.trained/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The event id.
    public var id: UUID
    /// The training job that made it.
    public var jobId: UUID
    /// The adapter's name.
    public var adapterName: String
    /// The variant id that serves it (`lora.<name>` or `qlora.<name>`).
    public var variant: String
    /// The base model it adapts.
    public var baseModel: String
    /// `lora`, `qlora` or `full`.
    public var method: String
    /// Its directory in the registry (PEFT layout).
    public var path: String
    /// LoRA rank.
    public var rank: Int?
    /// LoRA alpha.
    public var alpha: Double?
    /// Optimiser steps taken.
    public var steps: Int
    /// Training loss at the last step.
    public var finalLoss: Double
    /// Wall-clock training time in seconds.
    public var durationS: Double
    /// Size of the adapter files on disk.
    public var sizeBytes: Int64
    /// Peak resident memory of the training process.
    public var peakRssBytes: Int64?
    /// When training finished.
    public var createdAt: Date
    /// The experiment the train job named, if any; the metrics store files the run under it.
    public var experiment: String?

    /// Creates a value; `schema` is set to `lce.adapter.trained/v1`.
    public init(id: UUID = UUID(), jobId: UUID, adapterName: String, variant: String, baseModel: String, method: String, path: String, rank: Int? = nil, alpha: Double? = nil, steps: Int, finalLoss: Double, durationS: Double, sizeBytes: Int64, peakRssBytes: Int64? = nil, createdAt: Date = Date(), experiment: String? = nil) {
        self.id = id
        self.jobId = jobId
        self.adapterName = adapterName
        self.variant = variant
        self.baseModel = baseModel
        self.method = method
        self.path = path
        self.rank = rank
        self.alpha = alpha
        self.steps = steps
        self.finalLoss = finalLoss
        self.durationS = durationS
        self.sizeBytes = sizeBytes
        self.peakRssBytes = peakRssBytes
        self.createdAt = createdAt
        self.experiment = experiment
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case jobId = "job_id"
        case adapterName = "adapter_name"
        case variant
        case baseModel = "base_model"
        case method
        case path
        case rank
        case alpha
        case steps
        case finalLoss = "final_loss"
        case durationS = "duration_s"
        case sizeBytes = "size_bytes"
        case peakRssBytes = "peak_rss_bytes"
        case experiment
        case createdAt = "created_at"
    }
}
