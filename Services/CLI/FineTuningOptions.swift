import ArgumentParser
import Messaging
import Training

/// How to fine-tune: the flags `lce train` (in this process) and `lce submit train` (through lce-trainer) share.
struct FineTuningOptions: ParsableArguments {
    @Option(help: "lora, qlora or full.")
    var method: String = "lora"

    @Option(name: .customLong("r"), help: "LoRA rank.")
    var rank: Int = 8

    @Option(help: "LoRA alpha (scaling alpha / r).")
    var alpha: Double = 16

    @Option(help: "LoRA dropout on the adapter's input.")
    var dropout: Double = 0.05

    @Option(name: .customLong("target-modules"), help: "Comma-separated modules to adapt, or all-linear (default: PEFT's for the family).")
    var targetModules: String?

    @Flag(name: .customLong("rslora"), help: "Scale by alpha / sqrt(r) (rsLoRA).")
    var rsLoRA = false

    @Option(help: "Passes over the training split.")
    var epochs: Int = 1

    @Option(help: "Peak learning rate (AdamW).")
    var lr: Double = 2e-4

    @Option(name: .customLong("weight-decay"), help: "AdamW weight decay.")
    var weightDecay: Double = 0

    @Option(name: .customLong("warmup-steps"), help: "Linear warmup steps before the cosine decay.")
    var warmupSteps: Int = 0

    @Option(name: .customLong("batch-size"), help: "Sequences per micro-batch.")
    var batchSize: Int = 4

    @Option(name: .customLong("grad-accum"), help: "Micro-batches per optimizer step.")
    var gradAccum: Int = 1

    @Option(name: .customLong("max-length"), help: "Longest example in tokens; longer ones are cut.")
    var maxLength: Int = 512

    @Option(name: .customLong("max-steps"), help: "Stop after this many optimizer steps.")
    var maxSteps: Int?

    @Option(help: "Seed of the split, initialisation and dropout.")
    var seed: UInt64 = 42

    /// `--target-modules` as a list, nil for the family's default.
    var targetModuleList: [String]? {
        targetModules.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// Sets these choices on a job of this process.
    func apply(to spec: inout TrainingJobSpec) {
        spec.rank = rank
        spec.alpha = alpha
        spec.dropout = dropout
        spec.targetModules = targetModuleList
        spec.useRSLoRA = rsLoRA
        spec.epochs = epochs
        spec.learningRate = lr
        spec.weightDecay = weightDecay
        spec.warmupSteps = warmupSteps
        spec.batchSize = batchSize
        spec.gradientAccumulation = gradAccum
        spec.maxLength = maxLength
        spec.maxSteps = maxSteps
        spec.seed = seed
    }

    /// The LoRA part of a `lce.train.job/v1` (nil for full fine-tuning).
    var loraSettings: LoRASettings? {
        method == TrainingMethod.full.rawValue ? nil
            : LoRASettings(rank: rank, alpha: alpha, dropout: dropout, targetModules: targetModuleList, useRslora: rsLoRA)
    }

    /// The hyperparameters of a `lce.train.job/v1`.
    var hyperparameters: TrainingHyperparameters {
        TrainingHyperparameters(learningRate: lr, epochs: epochs, batchSize: batchSize, gradientAccumulationSteps: gradAccum,
                                maxSteps: maxSteps, warmupSteps: warmupSteps, maxSequenceLength: maxLength, weightDecay: weightDecay,
                                seed: Int(truncatingIfNeeded: seed))
    }
}
