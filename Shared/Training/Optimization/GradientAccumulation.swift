/// Splits each optimizer step into micro-batches whose gradients add up to one batch's.
///
/// Every micro-batch's mean loss is scaled by 1 / microBatchesPerStep before its backward (the
/// `lossScale` the cross-entropy backward takes), so the summed gradient is the mean over the
/// micro-batches, as transformers' Trainer does; the optimizer steps after the last one.
public struct GradientAccumulation: Sendable, Equatable, Codable {
    /// Micro-batches per optimizer step (1 = no accumulation).
    public let microBatchesPerStep: Int

    /// Accumulation over `microBatchesPerStep` micro-batches (at least 1).
    public init(microBatchesPerStep: Int) throws {
        guard microBatchesPerStep >= 1 else {
            throw TrainingError.invalidArgument("gradient accumulation steps must be at least 1, got \(microBatchesPerStep)")
        }
        self.microBatchesPerStep = microBatchesPerStep
    }

    /// The factor each micro-batch's loss gradient is multiplied by.
    public var lossScale: Float { 1 / Float(microBatchesPerStep) }

    /// True when micro-batch `index` (from 0) of an epoch of `total` ends an optimizer step:
    /// every `microBatchesPerStep`-th one, and the epoch's last.
    public func endsStep(microBatch index: Int, ofEpoch total: Int) -> Bool {
        (index + 1) % microBatchesPerStep == 0 || index == total - 1
    }

    /// Optimizer steps in an epoch of `microBatches` micro-batches (a partial group at the end still steps).
    public func optimizerSteps(forMicroBatches microBatches: Int) -> Int {
        (microBatches + microBatchesPerStep - 1) / microBatchesPerStep
    }
}
