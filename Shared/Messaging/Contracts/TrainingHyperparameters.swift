import Foundation

/// The optimiser and schedule of a training job.
public struct TrainingHyperparameters: Codable, Sendable, Equatable {
    /// Peak learning rate of AdamW.
    public var learningRate: Double
    /// Passes over the dataset.
    public var epochs: Int
    /// Sequences per micro-batch.
    public var batchSize: Int
    /// Micro-batches per optimiser step.
    public var gradientAccumulationSteps: Int
    /// Stop after this many optimiser steps, whatever the epochs.
    public var maxSteps: Int?
    /// Linear warm-up steps before the cosine decay.
    public var warmupSteps: Int
    /// Longest tokenized example; longer ones are truncated.
    public var maxSequenceLength: Int
    /// AdamW's decoupled weight decay.
    public var weightDecay: Double
    /// Random seed for shuffling, dropout and initialisation.
    public var seed: Int

    /// Creates a value.
    public init(learningRate: Double = 2e-4, epochs: Int = 1, batchSize: Int = 4, gradientAccumulationSteps: Int = 1, maxSteps: Int? = nil, warmupSteps: Int = 0, maxSequenceLength: Int = 512, weightDecay: Double = 0, seed: Int = 42) {
        self.learningRate = learningRate
        self.epochs = epochs
        self.batchSize = batchSize
        self.gradientAccumulationSteps = gradientAccumulationSteps
        self.maxSteps = maxSteps
        self.warmupSteps = warmupSteps
        self.maxSequenceLength = maxSequenceLength
        self.weightDecay = weightDecay
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case learningRate = "learning_rate"
        case epochs
        case batchSize = "batch_size"
        case gradientAccumulationSteps = "gradient_accumulation_steps"
        case maxSteps = "max_steps"
        case warmupSteps = "warmup_steps"
        case maxSequenceLength = "max_sequence_length"
        case weightDecay = "weight_decay"
        case seed
    }
}
