import Tensor

/// Everything one fine-tuning job needs, whether the command line or the trainer service asked for it.
///
/// Defaults follow PEFT and the Hugging Face Trainer where the two agree with the issue's
/// command line (r 8, alpha 16, dropout 0.05, lr 2e-4, cosine decay).
public struct TrainingJobSpec: Sendable, Equatable {
    /// The base model: a Hugging Face directory or a GGUF file.
    public var modelPath: String
    /// A JSONL file of `{"prompt", "completion"}` (or HumanEval-shaped) records.
    public var dataPath: String
    /// Where the adapter (PEFT layout) or the fully trained model is written.
    public var outputDirectory: String
    /// LoRA, QLoRA or full fine-tuning.
    public var method: TrainingMethod = .lora
    /// LoRA rank r.
    public var rank: Int = 8
    /// lora_alpha.
    public var alpha: Double = 16
    /// lora_dropout.
    public var dropout: Double = 0.05
    /// Modules to adapt; nil means the family's PEFT defaults, ["all-linear"] every linear module.
    public var targetModules: [String]?
    /// rsLoRA scaling (alpha / √r).
    public var useRSLoRA: Bool = false
    /// Passes over the training split.
    public var epochs: Int = 1
    /// Peak AdamW learning rate.
    public var learningRate: Double = 2e-4
    /// AdamW's decoupled weight decay.
    public var weightDecay: Double = 0
    /// Sequences per micro-batch.
    public var batchSize: Int = 4
    /// Micro-batches per optimizer step.
    public var gradientAccumulation: Int = 1
    /// Longest tokenized example; longer ones are cut.
    public var maxLength: Int = 512
    /// Linear warmup steps.
    public var warmupSteps: Int = 0
    /// Decay after warmup.
    public var decay: LearningRateSchedule.Decay = .cosine
    /// Global gradient-norm clip (nil: none).
    public var maxGradientNorm: Float? = 1
    /// Stop after this many optimizer steps (nil: run every epoch).
    public var maxSteps: Int?
    /// Fraction of the records held out for the evaluation loss.
    public var heldOutFraction: Double = 0.1
    /// Evaluate the held-out loss every N optimizer steps (0: only before and after training).
    public var evalEvery: Int = 0
    /// Write a checkpoint every N optimizer steps (0: none).
    public var saveEvery: Int = 0
    /// A checkpoint directory to resume from.
    public var resumeFrom: String?
    /// Seeds the split, the shuffle, the adapter's initialisation and dropout.
    public var seed: UInt64 = 42
    /// The 4-bit layout of QLoRA's frozen projections (Q4_0 where rows do not fit Q4_K's blocks).
    public var qloraType: DType = .q4_K

    /// A job over `modelPath` and `dataPath` writing to `outputDirectory`, every other field at its default.
    public init(modelPath: String, dataPath: String, outputDirectory: String, method: TrainingMethod = .lora) {
        self.modelPath = modelPath
        self.dataPath = dataPath
        self.outputDirectory = outputDirectory
        self.method = method
    }

    /// The first problem that makes the job impossible to start, naming the option; nil when there is none.
    public var problem: String? {
        if rank < 1 { return "rank (--r) must be at least 1, got \(rank)" }
        if !(alpha > 0) { return "alpha must be positive, got \(alpha)" }
        if !(dropout >= 0 && dropout < 1) { return "dropout must be in [0, 1), got \(dropout)" }
        if epochs < 1 { return "epochs must be at least 1, got \(epochs)" }
        if !(learningRate > 0) || !learningRate.isFinite { return "learning rate must be a positive number, got \(learningRate)" }
        if weightDecay < 0 { return "weight decay must not be negative, got \(weightDecay)" }
        if batchSize < 1 { return "batch size must be at least 1, got \(batchSize)" }
        if gradientAccumulation < 1 { return "gradient accumulation must be at least 1, got \(gradientAccumulation)" }
        if maxLength < 2 { return "max length must be at least 2 tokens, got \(maxLength)" }
        if warmupSteps < 0 { return "warmup steps must not be negative, got \(warmupSteps)" }
        if let maxSteps, maxSteps < 1 { return "max steps must be at least 1, got \(maxSteps)" }
        if !(heldOutFraction >= 0 && heldOutFraction < 1) { return "held-out fraction must be in [0, 1), got \(heldOutFraction)" }
        if evalEvery < 0 { return "eval-every must not be negative, got \(evalEvery)" }
        if saveEvery < 0 { return "save-every must not be negative, got \(saveEvery)" }
        if let targetModules, targetModules.isEmpty || targetModules.contains(where: \.isEmpty) {
            return "target modules must be a non-empty list of module names"
        }
        return nil
    }
}
