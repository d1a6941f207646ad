/// What one optimizer step did: the numbers a progress line and the training.step event report.
public struct FineTuningStep: Sendable, Equatable, Codable {
    /// Optimizer steps taken so far, this one included (from 1).
    public var step: Int
    /// Mean of the micro-batches' mean losses.
    public var loss: Float
    /// The rate this update used.
    public var learningRate: Double
    /// The global gradient norm before clipping.
    public var gradientNorm: Float
    /// Scored tokens in the step's micro-batches.
    public var scoredTokens: Int
    /// All tokens (padding included) the step ran through the model.
    public var tokens: Int
}
